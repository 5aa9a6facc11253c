import { Injectable } from '@nestjs/common';
import {
  type RecordAppraiserProfile,
  type RecordCorrectionOfficerProfile,
  type RecordLawyerProfile,
  type RecordMediatorProfile,
  type RecordNotaryProfile,
  type StaffMemberCommand,
  staffMemberStreamId,
} from '@pls/directory-domain';
import type { CommandMetadata } from '@pls/event-sourcing';
import { assertMayManageStaff } from '../access/directory-access.policy';
import { inRegion, type UseCaseContext } from '../access/requester';
import { DirectoryCommandHandlers } from '../directory-command-handlers';
import { DirectoryRecords } from '../directory-records';

type Data<C extends { readonly data: unknown }> = Omit<C['data'], 'userId'>;

/** One use case for the five professions: the same checks, a different command each. */
export type ProfessionalProfileInput =
  | ({ readonly kind: 'lawyer' } & Data<RecordLawyerProfile>)
  | ({ readonly kind: 'mediator' } & Data<RecordMediatorProfile>)
  | ({ readonly kind: 'notary' } & Data<RecordNotaryProfile>)
  | ({ readonly kind: 'appraiser' } & Data<RecordAppraiserProfile>)
  | ({ readonly kind: 'correction-officer' } & Data<RecordCorrectionOfficerProfile>);

export interface RecordProfessionalProfileInput {
  readonly userId: string;
  readonly profile: ProfessionalProfileInput;
}

function commandFor(userId: string, profile: ProfessionalProfileInput, metadata: CommandMetadata): StaffMemberCommand {
  switch (profile.kind) {
    case 'lawyer': {
      const { kind: _, ...data } = profile;
      return { type: 'RecordLawyerProfile', data: { userId, ...data }, metadata };
    }
    case 'mediator': {
      const { kind: _, ...data } = profile;
      return { type: 'RecordMediatorProfile', data: { userId, ...data }, metadata };
    }
    case 'notary': {
      const { kind: _, ...data } = profile;
      return { type: 'RecordNotaryProfile', data: { userId, ...data }, metadata };
    }
    case 'appraiser': {
      const { kind: _, ...data } = profile;
      return { type: 'RecordAppraiserProfile', data: { userId, ...data }, metadata };
    }
    case 'correction-officer': {
      const { kind: _, ...data } = profile;
      return { type: 'RecordCorrectionOfficerProfile', data: { userId, ...data }, metadata };
    }
    default: {
      const unknown: never = profile;
      throw new TypeError(`Unhandled profile: ${JSON.stringify(unknown)}`);
    }
  }
}

@Injectable()
export class RecordProfessionalProfile {
  constructor(
    private readonly handlers: DirectoryCommandHandlers,
    private readonly records: DirectoryRecords,
  ) {}

  async execute(input: RecordProfessionalProfileInput, { requester, metadata }: UseCaseContext): Promise<{ readonly userId: string }> {
    const member = await this.records.requireStaffMember(input.userId);
    assertMayManageStaff(requester, { regionCodes: [member.orgRegionCode], roles: member.roles });
    await this.handlers.staff.handle(staffMemberStreamId(input.userId), commandFor(input.userId, input.profile, inRegion(metadata, member.orgRegionCode)));
    return { userId: input.userId };
  }
}
