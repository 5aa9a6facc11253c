import { Injectable } from '@nestjs/common';
import type { ClosureQuality } from '@pls/legal-aid-domain';
import type { Caller } from '@pls/shared-kernel';
import type { LegalAidApplicationDocument } from '../read-models/applications/application.document';
import { actOnApplication } from '../shared/act-on-application';
import { assertActsForAgency } from '../shared/application-access';
import { ApplicationCommands } from '../shared/application-commands';

/** 结案: materials within 30 days of the end, then the agency's quality review and subsidy. */
@Injectable()
export class Closure {
  constructor(private readonly applications: ApplicationCommands) {}

  submitMaterials(caller: Caller, input: { applicationId: string }, commandId: string): Promise<LegalAidApplicationDocument> {
    return actOnApplication(this.applications, caller, input.applicationId, commandId, assertActsForAgency, (_, metadata) => ({ type: 'SubmitClosureMaterials', data: {}, metadata }));
  }

  review(caller: Caller, input: { applicationId: string; quality: ClosureQuality; subsidyYuan: number }, commandId: string): Promise<LegalAidApplicationDocument> {
    return actOnApplication(this.applications, caller, input.applicationId, commandId, assertActsForAgency, (_, metadata) => ({
      type: 'ReviewClosure',
      data: { quality: input.quality, subsidyYuan: input.subsidyYuan },
      metadata,
    }));
  }

  /** 回访 after the closure review ("两及时"). */
  revisit(caller: Caller, input: { applicationId: string; note: string; satisfied: boolean }, commandId: string): Promise<LegalAidApplicationDocument> {
    return actOnApplication(this.applications, caller, input.applicationId, commandId, assertActsForAgency, (_, metadata) => ({ type: 'RecordRevisit', data: { note: input.note, satisfied: input.satisfied }, metadata }));
  }
}
