import { Injectable } from '@nestjs/common';
import { staffMemberStreamId } from '@pls/directory-domain';
import { DomainRuleViolation } from '@pls/shared-kernel';
import { assertMayManageStaff } from '../access/directory-access.policy';
import { inRegion, type UseCaseContext } from '../access/requester';
import { DirectoryCommandHandlers } from '../directory-command-handlers';
import { DirectoryRecords } from '../directory-records';

export interface DeactivateStaffMemberInput {
  readonly userId: string;
  readonly reason: string;
}

@Injectable()
export class DeactivateStaffMember {
  constructor(
    private readonly handlers: DirectoryCommandHandlers,
    private readonly records: DirectoryRecords,
  ) {}

  async execute(input: DeactivateStaffMemberInput, { requester, metadata }: UseCaseContext): Promise<{ readonly userId: string }> {
    // Another admin must do it: the last admin of a region must not lock everyone out by mistake.
    if (input.userId === requester.userId) throw new DomainRuleViolation('STAFF_CANNOT_DEACTIVATE_SELF', 'you cannot deactivate yourself');
    const member = await this.records.requireStaffMember(input.userId);
    assertMayManageStaff(requester, { regionCodes: [member.orgRegionCode], roles: member.roles });
    await this.handlers.staff.handle(staffMemberStreamId(input.userId), {
      type: 'DeactivateStaffMember',
      data: { userId: input.userId, reason: input.reason },
      metadata: inRegion(metadata, member.orgRegionCode),
    });
    return { userId: input.userId };
  }
}
