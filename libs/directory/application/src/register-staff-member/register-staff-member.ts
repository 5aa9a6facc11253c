import { Injectable } from '@nestjs/common';
import { type BusinessLine, type StaffRole, staffMemberStreamId } from '@pls/directory-domain';
import { deterministicId } from '@pls/shared-kernel';
import { assertMayManageStaff } from '../access/directory-access.policy';
import { inRegion, type UseCaseContext } from '../access/requester';
import { DirectoryCommandHandlers } from '../directory-command-handlers';
import { DirectoryRecords } from '../directory-records';

export interface RegisterStaffMemberInput {
  /** The identity provider's subject when it has one; otherwise derived from the command id. */
  readonly userId?: string | null;
  readonly name: string;
  readonly orgId: string;
  readonly roles: readonly StaffRole[];
  readonly lines: readonly BusinessLine[];
  readonly phone: string;
  readonly employeeNo?: string | null;
}

/** Like organisations: a retry with the same command id lands on the same stream and replays. */
export function staffUserIdFor(commandId: string): string {
  return deterministicId('directory', 'staff', commandId);
}

@Injectable()
export class RegisterStaffMember {
  constructor(
    private readonly handlers: DirectoryCommandHandlers,
    private readonly records: DirectoryRecords,
  ) {}

  async execute(input: RegisterStaffMemberInput, { requester, metadata }: UseCaseContext): Promise<{ readonly userId: string }> {
    const organisation = await this.records.requireOrganisation(input.orgId, 'orgId');
    assertMayManageStaff(requester, { regionCodes: [organisation.regionCode], roles: input.roles });
    const userId = input.userId ?? staffUserIdFor(metadata.commandId);
    await this.handlers.staff.handle(staffMemberStreamId(userId), {
      type: 'RegisterStaffMember',
      data: { userId, name: input.name, organisation, roles: input.roles, lines: input.lines, phone: input.phone, employeeNo: input.employeeNo ?? null },
      metadata: inRegion(metadata, organisation.regionCode),
    });
    return { userId };
  }
}
