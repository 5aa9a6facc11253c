import { Inject, Injectable } from '@nestjs/common';
import { DIRECTORY_LOOKUP, type DirectoryLookup } from '@pls/directory-contracts';
import type { LawyerProfile, OtherOpenMatter } from '@pls/legal-aid-domain';
import { NotFound, type Caller } from '@pls/shared-kernel';
import type { LegalAidApplicationDocument } from '../read-models/applications/application.document';
import { LAWYER_ACTING_STAGES } from '../read-models/applications/applications.projection';
import { actOnApplication } from '../shared/act-on-application';
import { assertActsForAgency } from '../shared/application-access';
import { ApplicationCommands } from '../shared/application-commands';

/**
 * 指派: the handler names the lawyer; the profile comes from the directory, the lawyer's load and
 * the conflict check's other open matters from this service's own view. The rules themselves
 * (Art. 26, minors, conflict, capacity) are the domain's.
 */
@Injectable()
export class AssignLawyer {
  constructor(
    private readonly applications: ApplicationCommands,
    @Inject(DIRECTORY_LOOKUP) private readonly directory: DirectoryLookup,
  ) {}

  assign(caller: Caller, input: { applicationId: string; lawyerUserId: string }, commandId: string): Promise<LegalAidApplicationDocument> {
    return actOnApplication(this.applications, caller, input.applicationId, commandId, assertActsForAgency, async (application, metadata) => {
      const member = await this.directory.staffMember(input.lawyerUserId);
      if (!member || !member.active || !member.lawyer) throw new NotFound('LAWYER_NOT_FOUND', `no active lawyer ${input.lawyerUserId} in the directory`);
      const acting = await this.applications.find({ $and: [{ stage: { $in: [...LAWYER_ACTING_STAGES] } }, { $or: [{ 'lawyer.lawyerId': member.userId }, { 'lawyer.firmOrgId': member.orgId }] }] });
      const others = acting.filter((other) => other._id !== application._id);
      const lawyer: LawyerProfile = {
        lawyerId: member.userId,
        firmOrgId: member.orgId,
        practiceYears: member.lawyer.practiceYears,
        criminalDefenceYears: member.lawyer.criminalDefenceYears,
        specialties: [...member.lawyer.specialties],
        openCases: others.filter((other) => other.lawyer?.lawyerId === member.userId).length,
        maxConcurrentCases: member.lawyer.maxConcurrentCases,
      };
      return { type: 'AssignLawyer', data: { lawyer, otherOpenMatters: others.map((other) => actingFor(other, application)) }, metadata };
    });
  }

  decline(caller: Caller, input: { applicationId: string; lawyerUserId: string; reason: string }, commandId: string): Promise<LegalAidApplicationDocument> {
    return actOnApplication(this.applications, caller, input.applicationId, commandId, assertActsForAgency, (_, metadata) => ({
      type: 'DeclineAssignment',
      data: { lawyerId: input.lawyerUserId, reason: input.reason },
      metadata,
    }));
  }
}

/** In an aided matter the lawyer acts for its recipient: that name, where it is this application's adverse party. */
function actingFor(other: LegalAidApplicationDocument, application: LegalAidApplicationDocument): OtherOpenMatter {
  const adverse = application.adverseParty?.name.trim();
  const names = adverse && other.applicant.name.trim() === adverse ? [other.applicant.name] : [];
  return { lawyerId: other.lawyer?.lawyerId ?? '', firmOrgId: other.lawyer?.firmOrgId ?? '', adversePartyNames: names };
}
