import { Inject, Injectable } from '@nestjs/common';
import { DIRECTORY_LOOKUP, type DirectoryLookup } from '@pls/directory-contracts';
import type { MediatorChosenBy, MediatorRelation, OtherRoute, PartyInput, PerformanceOutcome } from '@pls/mediation-domain';
import { NotFound, type Caller } from '@pls/shared-kernel';
import type { MediationCaseDocument } from '../read-models/mediation-case.document';
import { actOnMediation } from '../shared/act-on-mediation';
import { assertActsForCommittee } from '../shared/mediation-access';
import { MediationCommands } from '../shared/mediation-commands';

/** The committee's steps on a case, from consent to the performance follow-up. */
@Injectable()
export class HandleMediation {
  constructor(
    private readonly mediations: MediationCommands,
    @Inject(DIRECTORY_LOOKUP) private readonly directory: DirectoryLookup,
  ) {}

  private act(caller: Caller, caseId: string, commandId: string, toCommand: Parameters<typeof actOnMediation>[5]): Promise<MediationCaseDocument> {
    return actOnMediation(this.mediations, caller, caseId, commandId, assertActsForCommittee, toCommand);
  }

  addParty(caller: Caller, input: { caseId: string; party: PartyInput }, commandId: string) {
    return this.act(caller, input.caseId, commandId, (_, metadata) => ({ type: 'AddParty', data: { party: input.party }, metadata }));
  }

  recordConsent(caller: Caller, input: { caseId: string; partyId: string; consents: boolean; reason?: string | null }, commandId: string) {
    return this.act(caller, input.caseId, commandId, (_, metadata) => ({ type: 'RecordConsent', data: { partyId: input.partyId, consents: input.consents, reason: input.reason ?? null }, metadata }));
  }

  /** The mediator comes from the directory; the relations they declared decide whether they step aside. */
  assignMediator(caller: Caller, input: { caseId: string; mediatorUserId: string; chosenBy: MediatorChosenBy; declaredRelations?: readonly MediatorRelation[] | null }, commandId: string) {
    return this.act(caller, input.caseId, commandId, async (_, metadata) => {
      const mediator = await this.directory.staffMember(input.mediatorUserId);
      if (!mediator || !mediator.active || !mediator.profiles.includes('mediator')) throw new NotFound('MEDIATOR_NOT_FOUND', `${input.mediatorUserId} is not an active people's mediator`);
      return { type: 'AssignMediator', data: { mediator: { userId: mediator.userId, orgId: mediator.orgId, name: mediator.name }, chosenBy: input.chosenBy, relations: input.declaredRelations ?? [] }, metadata };
    });
  }

  recordSession(caller: Caller, input: { caseId: string; heldOn: string; place: string; attendees: readonly string[]; summary: string }, commandId: string) {
    const { caseId: _id, ...data } = input;
    return this.act(caller, input.caseId, commandId, (_, metadata) => ({ type: 'RecordSession', data, metadata }));
  }

  extendTimeLimit(caller: Caller, input: { caseId: string; days: number; partiesAgreed: boolean; reason: string }, commandId: string) {
    const { caseId: _id, ...data } = input;
    return this.act(caller, input.caseId, commandId, (_, metadata) => ({ type: 'ExtendTimeLimit', data, metadata }));
  }

  requestAppraisal(caller: Caller, input: { caseId: string; subject: string; note?: string | null }, commandId: string) {
    return this.act(caller, input.caseId, commandId, (_, metadata) => ({ type: 'RequestAppraisal', data: { subject: input.subject, note: input.note ?? null }, metadata }));
  }

  recordAppraisalOpinion(caller: Caller, input: { caseId: string; institution: string; opinionNo: string; summary: string; receivedOn: string }, commandId: string) {
    const { caseId: _id, ...data } = input;
    return this.act(caller, input.caseId, commandId, (_, metadata) => ({ type: 'RecordAppraisalOpinion', data, metadata }));
  }

  draftWrittenAgreement(caller: Caller, input: { caseId: string; terms: string; amountYuan?: number | null; performanceDueOn?: string | null }, commandId: string) {
    return this.act(caller, input.caseId, commandId, (_, metadata) => ({ type: 'DraftWrittenAgreement', data: { terms: input.terms, amountYuan: input.amountYuan ?? null, performanceDueOn: input.performanceDueOn ?? null }, metadata }));
  }

  /** Each signature (or fingerprint) as the mediator witnesses it; 'mediator' for the mediator's own with the seal. */
  signAgreement(caller: Caller, input: { caseId: string; signatory: string }, commandId: string) {
    return this.act(caller, input.caseId, commandId, (_, metadata) => ({ type: 'SignAgreement', data: { signatory: input.signatory }, metadata }));
  }

  recordOralAgreement(caller: Caller, input: { caseId: string; terms: string }, commandId: string) {
    return this.act(caller, input.caseId, commandId, (_, metadata) => ({ type: 'RecordOralAgreement', data: { terms: input.terms }, metadata }));
  }

  recordFailure(caller: Caller, input: { caseId: string; reason: string; routesExplained: readonly OtherRoute[] }, commandId: string) {
    return this.act(caller, input.caseId, commandId, (_, metadata) => ({ type: 'RecordFailure', data: { reason: input.reason, routesExplained: input.routesExplained }, metadata }));
  }

  recordWithdrawal(caller: Caller, input: { caseId: string; partyId: string; reason: string }, commandId: string) {
    return this.act(caller, input.caseId, commandId, (_, metadata) => ({ type: 'RecordWithdrawal', data: { partyId: input.partyId, reason: input.reason }, metadata }));
  }

  /** The parties' joint application, recorded by the committee that guides it; the court's jurisdiction comes from the directory. */
  applyForJudicialConfirmation(caller: Caller, input: { caseId: string; courtOrgId: string; applicantPartyIds: readonly string[] }, commandId: string) {
    return this.act(caller, input.caseId, commandId, async (_, metadata) => {
      const court = await this.directory.organisation(input.courtOrgId);
      if (!court || court.closed || court.kind !== 'court') throw new NotFound('COURT_NOT_FOUND', `${input.courtOrgId} is not an open court`);
      return { type: 'ApplyForJudicialConfirmation', data: { courtOrgId: court.orgId, courtJurisdiction: court.jurisdiction, applicantPartyIds: input.applicantPartyIds }, metadata };
    });
  }

  recordPerformanceFollowUp(caller: Caller, input: { caseId: string; outcome: PerformanceOutcome; note: string }, commandId: string) {
    return this.act(caller, input.caseId, commandId, (_, metadata) => ({ type: 'RecordPerformanceFollowUp', data: { outcome: input.outcome, note: input.note }, metadata }));
  }
}
