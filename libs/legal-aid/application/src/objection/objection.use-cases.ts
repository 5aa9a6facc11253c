import { Injectable } from '@nestjs/common';
import type { Caller } from '@pls/shared-kernel';
import type { LegalAidApplicationDocument } from '../read-models/applications/application.document';
import { actOnApplication } from '../shared/act-on-application';
import { assertActsForAgency, assertSupervisesAgency } from '../shared/application-access';
import { ApplicationCommands } from '../shared/application-commands';

/** 异议: recorded by the agency for the applicant, decided by the justice bureau within 5 days. */
@Injectable()
export class Objection {
  constructor(private readonly applications: ApplicationCommands) {}

  file(caller: Caller, input: { applicationId: string; grounds: string }, commandId: string): Promise<LegalAidApplicationDocument> {
    return actOnApplication(this.applications, caller, input.applicationId, commandId, assertActsForAgency, (_, metadata) => ({ type: 'FileObjection', data: { grounds: input.grounds }, metadata }));
  }

  decide(caller: Caller, input: { applicationId: string; upheld: boolean; note: string }, commandId: string): Promise<LegalAidApplicationDocument> {
    return actOnApplication(this.applications, caller, input.applicationId, commandId, assertSupervisesAgency, (_, metadata) => ({
      type: 'DecideObjection',
      data: { upheld: input.upheld, note: input.note },
      metadata,
    }));
  }
}
