import { Injectable } from '@nestjs/common';
import type { ConfirmationRuling } from '@pls/mediation-domain';
import type { Caller } from '@pls/shared-kernel';
import type { MediationCaseDocument } from '../read-models/mediation-case.document';
import { actOnMediation } from '../shared/act-on-mediation';
import { assertIsConfirmingCourt } from '../shared/mediation-access';
import { MediationCommands } from '../shared/mediation-commands';

/** 司法确认 as the court records it: the court is an integrator that writes its acceptance and ruling. */
@Injectable()
export class JudicialConfirmation {
  constructor(private readonly mediations: MediationCommands) {}

  recordAcceptance(caller: Caller, input: { caseId: string; courtCaseNo: string }, commandId: string): Promise<MediationCaseDocument> {
    return actOnMediation(this.mediations, caller, input.caseId, commandId, assertIsConfirmingCourt, (_, metadata) => ({ type: 'RecordConfirmationAcceptance', data: { courtCaseNo: input.courtCaseNo }, metadata }));
  }

  recordRuling(caller: Caller, input: { caseId: string; ruling: ConfirmationRuling; reason?: string | null }, commandId: string): Promise<MediationCaseDocument> {
    return actOnMediation(this.mediations, caller, input.caseId, commandId, assertIsConfirmingCourt, (_, metadata) => ({ type: 'RecordConfirmationRuling', data: { ruling: input.ruling, reason: input.reason ?? null }, metadata }));
  }
}
