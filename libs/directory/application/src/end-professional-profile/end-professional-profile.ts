import { Injectable } from '@nestjs/common';
import { type ProfileKind, staffMemberStreamId } from '@pls/directory-domain';
import { assertMayManageStaff } from '../access/directory-access.policy';
import { inRegion, type UseCaseContext } from '../access/requester';
import { DirectoryCommandHandlers } from '../directory-command-handlers';
import { DirectoryRecords } from '../directory-records';

export interface EndProfessionalProfileInput {
  readonly userId: string;
  readonly profile: ProfileKind;
  readonly reason: string;
}

/** Needed before a move or a role or line change that would leave a profile without its footing. */
@Injectable()
export class EndProfessionalProfile {
  constructor(
    private readonly handlers: DirectoryCommandHandlers,
    private readonly records: DirectoryRecords,
  ) {}

  async execute(input: EndProfessionalProfileInput, { requester, metadata }: UseCaseContext): Promise<{ readonly userId: string }> {
    const member = await this.records.requireStaffMember(input.userId);
    assertMayManageStaff(requester, { regionCodes: [member.orgRegionCode], roles: member.roles });
    await this.handlers.staff.handle(staffMemberStreamId(input.userId), {
      type: 'EndProfessionalProfile',
      data: { userId: input.userId, profile: input.profile, reason: input.reason },
      metadata: inRegion(metadata, member.orgRegionCode),
    });
    return { userId: input.userId };
  }
}
