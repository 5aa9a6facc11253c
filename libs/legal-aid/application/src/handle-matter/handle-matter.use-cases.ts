import { Injectable } from '@nestjs/common';
import type { TerminationGround } from '@pls/legal-aid-domain';
import type { Caller } from '@pls/shared-kernel';
import type { LegalAidApplicationDocument } from '../read-models/applications/application.document';
import { actOnApplication } from '../shared/act-on-application';
import { assertActsForAgency } from '../shared/application-access';
import { ApplicationCommands } from '../shared/application-commands';

/** The aided matter after assignment: entrustment, progress the applicant sees, and its end. */
@Injectable()
export class HandleMatter {
  constructor(private readonly applications: ApplicationCommands) {}

  signEntrustment(caller: Caller, input: { applicationId: string }, commandId: string): Promise<LegalAidApplicationDocument> {
    return actOnApplication(this.applications, caller, input.applicationId, commandId, assertActsForAgency, (_, metadata) => ({ type: 'SignEntrustment', data: {}, metadata }));
  }

  recordProgress(caller: Caller, input: { applicationId: string; note: string }, commandId: string): Promise<LegalAidApplicationDocument> {
    return actOnApplication(this.applications, caller, input.applicationId, commandId, assertActsForAgency, (_, metadata) => ({ type: 'RecordProgress', data: { note: input.note }, metadata }));
  }

  endMatter(caller: Caller, input: { applicationId: string; endedAt?: string | null; resultSummary: string }, commandId: string): Promise<LegalAidApplicationDocument> {
    return actOnApplication(this.applications, caller, input.applicationId, commandId, assertActsForAgency, (_, metadata) => ({
      type: 'EndMatter',
      data: { endedAt: input.endedAt ?? metadata.now, resultSummary: input.resultSummary },
      metadata,
    }));
  }

  /** Art. 48 (verify): 终止; the applicant may object to the justice bureau. */
  terminate(caller: Caller, input: { applicationId: string; ground: TerminationGround; explanation: string }, commandId: string): Promise<LegalAidApplicationDocument> {
    return actOnApplication(this.applications, caller, input.applicationId, commandId, assertActsForAgency, (_, metadata) => ({
      type: 'TerminateAid',
      data: { ground: input.ground, explanation: input.explanation },
      metadata,
    }));
  }
}
