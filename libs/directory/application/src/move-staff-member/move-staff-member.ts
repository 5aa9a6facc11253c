import { Injectable } from '@nestjs/common';
import { type BusinessLine, type StaffRole, staffMemberStreamId } from '@pls/directory-domain';
import { assertMayManageStaff } from '../access/directory-access.policy';
import { inRegion, type UseCaseContext } from '../access/requester';
import { DirectoryCommandHandlers } from '../directory-command-handlers';
import { DirectoryRecords } from '../directory-records';

export interface MoveStaffMemberInput {
  readonly userId: string;
  readonly toOrgId: string;
  /** Default: the member's current roles and lines, which must fit the new organisation. */
  readonly roles?: readonly StaffRole[] | null;
  readonly lines?: readonly BusinessLine[] | null;
}

@Injectable()
export class MoveStaffMember {
  constructor(
    private readonly handlers: DirectoryCommandHandlers,
    private readonly records: DirectoryRecords,
  ) {}

  async execute(input: MoveStaffMemberInput, { requester, metadata }: UseCaseContext): Promise<{ readonly userId: string }> {
    const member = await this.records.requireStaffMember(input.userId);
    const target = await this.records.requireOrganisation(input.toOrgId, 'toOrgId');
    // Both ends: a supervisor may neither pull staff in from, nor push them out to, another region.
    assertMayManageStaff(requester, { regionCodes: [member.orgRegionCode, target.regionCode], roles: [...member.roles, ...(input.roles ?? [])] });
    await this.handlers.staff.handle(staffMemberStreamId(input.userId), {
      type: 'MoveToOrganisation',
      data: {
        userId: input.userId,
        organisation: target,
        ...(input.roles ? { roles: input.roles } : {}),
        ...(input.lines ? { lines: input.lines } : {}),
      },
      metadata: inRegion(metadata, target.regionCode),
    });
    return { userId: input.userId };
  }
}
