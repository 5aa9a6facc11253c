import { Injectable } from '@nestjs/common';
import { type StaffRole, staffMemberStreamId } from '@pls/directory-domain';
import { assertMayManageStaff } from '../access/directory-access.policy';
import { inRegion, type UseCaseContext } from '../access/requester';
import { DirectoryCommandHandlers } from '../directory-command-handlers';
import { DirectoryRecords } from '../directory-records';

export interface ChangeStaffRolesInput {
  readonly userId: string;
  readonly roles: readonly StaffRole[];
}

@Injectable()
export class ChangeStaffRoles {
  constructor(
    private readonly handlers: DirectoryCommandHandlers,
    private readonly records: DirectoryRecords,
  ) {}

  async execute(input: ChangeStaffRolesInput, { requester, metadata }: UseCaseContext): Promise<{ readonly userId: string }> {
    const member = await this.records.requireStaffMember(input.userId);
    assertMayManageStaff(requester, { regionCodes: [member.orgRegionCode], roles: [...member.roles, ...input.roles] });
    await this.handlers.staff.handle(staffMemberStreamId(input.userId), {
      type: 'ChangeRoles',
      data: { userId: input.userId, roles: input.roles },
      metadata: inRegion(metadata, member.orgRegionCode),
    });
    return { userId: input.userId };
  }
}
