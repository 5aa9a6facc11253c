import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { HandleMediation, JudicialConfirmation, MediationQueries, OpenMediation, type MediationCaseDocument, type MediationQueueKind } from '@pls/mediation-application';
import type { ConfirmationRuling, DisputeCategory, MediatorChosenBy, OtherRoute, PartyInput, PerformanceOutcome } from '@pls/mediation-domain';
import { Allow, commandIdFrom, CurrentCaller, toConnection, type Caller } from '@pls/shared-api';
import { MediationQueueValue } from './mediation.enums';
import {
  AddMediationPartyInput,
  ApplyForJudicialConfirmationInput,
  AssignMediatorInput,
  DraftWrittenAgreementInput,
  ExtendMediationInput,
  MediationFilterInput,
  OpenMediationFromScreeningInput,
  RecordAppraisalOpinionInput,
  RecordConfirmationAcceptanceInput,
  RecordConfirmationRulingInput,
  RecordConsentInput,
  RecordMediationFailureInput,
  RecordMediationSessionInput,
  RecordMediationWithdrawalInput,
  RecordOralAgreementInput,
  RecordPerformanceFollowUpInput,
  ReferDisputeInput,
  RequestAppraisalInput,
  SignAgreementInput,
  type MediationPartyInput,
} from './mediation.inputs';
import { MediationCase, MediationCaseConnection, MediationIndicators } from './mediation.types';

const STAFF = ['handler', 'supervisor', 'admin'] as const;
const REFERRING = ['court', 'police', 'petitions'] as const;

/** People's mediation over GraphQL. Thin: access in the use cases, rules in the domain. */
@Resolver(() => MediationCase)
export class MediationResolver {
  constructor(
    private readonly queries: MediationQueries,
    private readonly opening: OpenMediation,
    private readonly handling: HandleMediation,
    private readonly court: JudicialConfirmation,
  ) {}

  @Allow(...STAFF, ...REFERRING)
  @Query(() => MediationCase, { description: 'One case by id or 调解案号.' })
  async mediationCase(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID, nullable: true }) id: string | null, @Args('caseNo', { type: () => String, nullable: true }) caseNo: string | null): Promise<MediationCase> {
    return this.toView(await this.queries.mediation(caller, { id, caseNo }));
  }

  @Allow(...STAFF)
  @Query(() => MediationCaseConnection, { description: 'Cases in your region subtree, newest first.' })
  async mediationCases(
    @CurrentCaller() caller: Caller,
    @Args('filter', { type: () => MediationFilterInput, nullable: true }) filter: MediationFilterInput | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ) {
    const page = await this.queries.mediations(caller, { ...filter, category: filter?.category ?? null }, { first: first ?? undefined, after });
    return toConnection(page, (document) => this.toView(document));
  }

  @Allow(...STAFF)
  @Query(() => MediationCaseConnection, { description: "Your committee's open cases, oldest first; supervisors: their subtree." })
  async mediationWorkQueue(
    @CurrentCaller() caller: Caller,
    @Args('queue', { type: () => MediationQueueValue, nullable: true }) queue: MediationQueueValue | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ) {
    const page = await this.queries.workQueue(caller, (queue ?? MediationQueueValue.ALL) as unknown as MediationQueueKind, { first: first ?? undefined, after });
    return toConnection(page, (document) => this.toView(document));
  }

  @Allow('court')
  @Query(() => MediationCaseConnection, { description: 'Applications for judicial confirmation brought to your court.' })
  async confirmationRequests(@CurrentCaller() caller: Caller, @Args('first', { type: () => Int, nullable: true }) first: number | null, @Args('after', { type: () => String, nullable: true }) after: string | null) {
    return toConnection(await this.queries.confirmationRequests(caller, { first: first ?? undefined, after }), (document) => this.toView(document));
  }

  @Allow(...REFERRING)
  @Query(() => MediationCaseConnection, { description: 'Disputes your organ referred (诉调/警调/访调对接), with their outcome.' })
  async mediationReferrals(@CurrentCaller() caller: Caller, @Args('first', { type: () => Int, nullable: true }) first: number | null, @Args('after', { type: () => String, nullable: true }) after: string | null) {
    return toConnection(await this.queries.referrals(caller, { first: first ?? undefined, after }), (document) => this.toView(document));
  }

  @Allow('supervisor', 'admin', 'handler')
  @Query(() => MediationIndicators, { description: 'Accepted, concluded, agreements, success rate, judicial confirmations, duration: for a region subtree and its parent, over [from, to).' })
  mediationIndicators(@CurrentCaller() caller: Caller, @Args('regionCode') regionCode: string, @Args('from') from: string, @Args('to') to: string): Promise<MediationIndicators> {
    return this.queries.indicators(caller, regionCode, from, to) as Promise<MediationIndicators>;
  }

  @Allow('handler')
  @Mutation(() => MediationCase, { description: '排查: open a dispute on the committee\'s own initiative.' })
  async openMediationFromScreening(@CurrentCaller() caller: Caller, @Args('input') input: OpenMediationFromScreeningInput): Promise<MediationCase> {
    return this.toView(
      await this.opening.fromScreening(
        caller,
        { screening: input.screening, category: input.category as unknown as DisputeCategory, parties: input.parties.map(toParty), claim: input.claim, amountYuan: input.amountYuan ?? null },
        commandIdFrom(input.commandId),
      ),
    );
  }

  @Allow(...REFERRING)
  @Mutation(() => MediationCase, { description: '诉前委派 (court, with its deadline), 警调对接 (police) or 访调对接 (petitions office): refer a dispute to a committee.' })
  async referDisputeToMediation(@CurrentCaller() caller: Caller, @Args('input') input: ReferDisputeInput): Promise<MediationCase> {
    return this.toView(
      await this.opening.referral(
        caller,
        {
          committeeOrgId: input.committeeOrgId ?? null,
          regionCode: input.regionCode ?? null,
          referenceNo: input.referenceNo,
          dueAt: input.dueAt ?? null,
          category: input.category as unknown as DisputeCategory,
          parties: input.parties.map(toParty),
          claim: input.claim,
          amountYuan: input.amountYuan ?? null,
        },
        commandIdFrom(input.commandId),
      ),
    );
  }

  @Allow('handler')
  @Mutation(() => MediationCase, { description: 'Add the other side of a front-desk dispute before consent.' })
  async addMediationParty(@CurrentCaller() caller: Caller, @Args('input') input: AddMediationPartyInput): Promise<MediationCase> {
    return this.toView(await this.handling.addParty(caller, { caseId: input.caseId, party: toParty(input.party) }, commandIdFrom(input.commandId)));
  }

  @Allow('handler')
  @Mutation(() => MediationCase, { description: 'Art. 17: a party consents, or clearly refuses (which ends it).' })
  async recordMediationConsent(@CurrentCaller() caller: Caller, @Args('input') input: RecordConsentInput): Promise<MediationCase> {
    return this.toView(await this.handling.recordConsent(caller, { caseId: input.caseId, partyId: input.partyId, consents: input.consents, reason: input.reason ?? null }, commandIdFrom(input.commandId)));
  }

  @Allow('handler')
  @Mutation(() => MediationCase, { description: 'Art. 19: the committee assigns or the parties choose; a related mediator steps aside.' })
  async assignMediator(@CurrentCaller() caller: Caller, @Args('input') input: AssignMediatorInput): Promise<MediationCase> {
    return this.toView(
      await this.handling.assignMediator(caller, { caseId: input.caseId, mediatorUserId: input.mediatorUserId, chosenBy: input.chosenBy as unknown as MediatorChosenBy, declaredRelations: input.declaredRelations ?? [] }, commandIdFrom(input.commandId)),
    );
  }

  @Allow('handler')
  @Mutation(() => MediationCase, { description: 'Record a session (调解笔录).' })
  async recordMediationSession(@CurrentCaller() caller: Caller, @Args('input') input: RecordMediationSessionInput): Promise<MediationCase> {
    return this.toView(await this.handling.recordSession(caller, { caseId: input.caseId, heldOn: input.heldOn, place: input.place, attendees: input.attendees, summary: input.summary }, commandIdFrom(input.commandId)));
  }

  @Allow('handler')
  @Mutation(() => MediationCase, { description: 'Extend the time limit, with every party agreeing.' })
  async extendMediation(@CurrentCaller() caller: Caller, @Args('input') input: ExtendMediationInput): Promise<MediationCase> {
    return this.toView(await this.handling.extendTimeLimit(caller, { caseId: input.caseId, days: input.days, partiesAgreed: input.partiesAgreed, reason: input.reason }, commandIdFrom(input.commandId)));
  }

  @Allow('handler')
  @Mutation(() => MediationCase, { description: 'Commission an appraisal (伤残等级…); the time limit pauses.' })
  async requestMediationAppraisal(@CurrentCaller() caller: Caller, @Args('input') input: RequestAppraisalInput): Promise<MediationCase> {
    return this.toView(await this.handling.requestAppraisal(caller, { caseId: input.caseId, subject: input.subject, note: input.note ?? null }, commandIdFrom(input.commandId)));
  }

  @Allow('handler')
  @Mutation(() => MediationCase, { description: 'The appraisal opinion arrived; the time limit resumes.' })
  async recordAppraisalOpinion(@CurrentCaller() caller: Caller, @Args('input') input: RecordAppraisalOpinionInput): Promise<MediationCase> {
    return this.toView(
      await this.handling.recordAppraisalOpinion(caller, { caseId: input.caseId, institution: input.institution, opinionNo: input.opinionNo, summary: input.summary, receivedOn: input.receivedOn }, commandIdFrom(input.commandId)),
    );
  }

  @Allow('handler')
  @Mutation(() => MediationCase, { description: 'Art. 28: draw up the written agreement; every party and the mediator sign it.' })
  async draftMediationAgreement(@CurrentCaller() caller: Caller, @Args('input') input: DraftWrittenAgreementInput): Promise<MediationCase> {
    return this.toView(
      await this.handling.draftWrittenAgreement(caller, { caseId: input.caseId, terms: input.terms, amountYuan: input.amountYuan ?? null, performanceDueOn: input.performanceDueOn ?? null }, commandIdFrom(input.commandId)),
    );
  }

  @Allow('handler')
  @Mutation(() => MediationCase, { description: 'Art. 29: one signature; the last one makes the agreement effective.' })
  async signMediationAgreement(@CurrentCaller() caller: Caller, @Args('input') input: SignAgreementInput): Promise<MediationCase> {
    return this.toView(await this.handling.signAgreement(caller, { caseId: input.caseId, signatory: input.signatory }, commandIdFrom(input.commandId)));
  }

  @Allow('handler')
  @Mutation(() => MediationCase, { description: 'Art. 30: an oral agreement.' })
  async recordOralAgreement(@CurrentCaller() caller: Caller, @Args('input') input: RecordOralAgreementInput): Promise<MediationCase> {
    return this.toView(await this.handling.recordOralAgreement(caller, { caseId: input.caseId, terms: input.terms }, commandIdFrom(input.commandId)));
  }

  @Allow('handler')
  @Mutation(() => MediationCase, { description: 'Art. 26: no agreement; the parties are told of the other routes.' })
  async recordMediationFailure(@CurrentCaller() caller: Caller, @Args('input') input: RecordMediationFailureInput): Promise<MediationCase> {
    return this.toView(await this.handling.recordFailure(caller, { caseId: input.caseId, reason: input.reason, routesExplained: input.routesExplained as unknown as OtherRoute[] }, commandIdFrom(input.commandId)));
  }

  @Allow('handler')
  @Mutation(() => MediationCase, { description: 'A party withdraws (Art. 23).' })
  async recordMediationWithdrawal(@CurrentCaller() caller: Caller, @Args('input') input: RecordMediationWithdrawalInput): Promise<MediationCase> {
    return this.toView(await this.handling.recordWithdrawal(caller, { caseId: input.caseId, partyId: input.partyId, reason: input.reason }, commandIdFrom(input.commandId)));
  }

  @Allow('handler')
  @Mutation(() => MediationCase, { description: 'Art. 33: the parties\' joint application to the court, within 30 days of the agreement taking effect.' })
  async applyForJudicialConfirmation(@CurrentCaller() caller: Caller, @Args('input') input: ApplyForJudicialConfirmationInput): Promise<MediationCase> {
    return this.toView(await this.handling.applyForJudicialConfirmation(caller, { caseId: input.caseId, courtOrgId: input.courtOrgId, applicantPartyIds: input.applicantPartyIds }, commandIdFrom(input.commandId)));
  }

  @Allow('court')
  @Mutation(() => MediationCase, { description: 'The court accepted the application for judicial confirmation.' })
  async recordConfirmationAcceptance(@CurrentCaller() caller: Caller, @Args('input') input: RecordConfirmationAcceptanceInput): Promise<MediationCase> {
    return this.toView(await this.court.recordAcceptance(caller, { caseId: input.caseId, courtCaseNo: input.courtCaseNo }, commandIdFrom(input.commandId)));
  }

  @Allow('court')
  @Mutation(() => MediationCase, { description: '民事诉讼法 Art. 206: the agreement is valid (enforceable) or the application dismissed.' })
  async recordConfirmationRuling(@CurrentCaller() caller: Caller, @Args('input') input: RecordConfirmationRulingInput): Promise<MediationCase> {
    return this.toView(await this.court.recordRuling(caller, { caseId: input.caseId, ruling: input.ruling as unknown as ConfirmationRuling, reason: input.reason ?? null }, commandIdFrom(input.commandId)));
  }

  @Allow('handler')
  @Mutation(() => MediationCase, { description: '履行回访: how the agreement was performed.' })
  async recordPerformanceFollowUp(@CurrentCaller() caller: Caller, @Args('input') input: RecordPerformanceFollowUpInput): Promise<MediationCase> {
    return this.toView(await this.handling.recordPerformanceFollowUp(caller, { caseId: input.caseId, outcome: input.outcome as unknown as PerformanceOutcome, note: input.note }, commandIdFrom(input.commandId)));
  }

  private toView(document: MediationCaseDocument): MediationCase {
    const { _id, _revisions, updatedAt, ...rest } = document;
    void _revisions;
    void updatedAt;
    return { ...(rest as unknown as MediationCase), id: _id, deadlineStatus: this.queries.deadlineStatus(document) };
  }
}

/** Incomplete parties are passed on as given: the domain refuses them with PARTY_INVALID or the kernel's code. */
function toParty(input: MediationPartyInput): PartyInput {
  return (input.kind as string) === 'organisation'
    ? { kind: 'organisation', name: input.name, uscc: input.uscc as string }
    : ({ kind: input.kind as string, name: input.name, idNumber: input.idNumber as string, phone: input.phone ?? null } as PartyInput);
}
