import { Injectable } from '@nestjs/common';
import { type BusinessLine, staffMemberStreamId } from '@pls/directory-domain';
import { assertMayManageStaff } from '../access/directory-access.policy';
import { inRegion, type UseCaseContext } from '../access/requester';
import { DirectoryCommandHandlers } from '../directory-command-handlers';
import { DirectoryRecords } from '../directory-records';

export interface ChangeStaffLinesInput {
  readonly userId: string;
  readonly lines: readonly BusinessLine[];
}

@Injectable()
export class ChangeStaffLines {
  constructor(
    private readonly handlers: DirectoryCommandHandlers,
    private readonly records: DirectoryRecords,
  ) {}

  async execute(input: ChangeStaffLinesInput, { requester, metadata }: UseCaseContext): Promise<{ readonly userId: string }> {
    const member = await this.records.requireStaffMember(input.userId);
    assertMayManageStaff(requester, { regionCodes: [member.orgRegionCode], roles: member.roles });
    // The lines must be served by the member's organisation as it is now.
    const organisation = await this.records.requireOrganisation(member.orgId, 'orgId');
    await this.handlers.staff.handle(staffMemberStreamId(input.userId), {
      type: 'ChangeLines',
      data: { userId: input.userId, lines: input.lines, organisation },
      metadata: inRegion(metadata, member.orgRegionCode),
    });
    return { userId: input.userId };
  }
}
