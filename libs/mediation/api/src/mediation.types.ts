import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionOf } from '@pls/shared-api';
import { MediationDeadlineStatusValue } from './mediation.enums';

@ObjectType()
export class MediationSourceView {
  @Field({ description: 'front-desk, screening or referral.' }) kind!: string;
  @Field(() => String, { nullable: true }) matterId!: string | null;
  @Field(() => String, { nullable: true, description: "The front desk's case code (一案一码)." }) caseCode!: string | null;
  @Field(() => String, { nullable: true }) screeningRecordNo!: string | null;
  @Field(() => String, { nullable: true, description: 'court, police or petitions-office.' }) referringOrgan!: string | null;
  @Field(() => String, { nullable: true }) referringOrgId!: string | null;
  @Field(() => String, { nullable: true }) referenceNo!: string | null;
  @Field(() => String, { nullable: true }) referralDueAt!: string | null;
}

@ObjectType({ description: 'A party: ID number / USCC and phone masked (个人信息保护法).' })
export class MediationPartyView {
  @Field() partyId!: string;
  @Field() kind!: string;
  @Field() name!: string;
  @Field() idMasked!: string;
  @Field(() => String, { nullable: true }) phoneMasked!: string | null;
  @Field() consented!: boolean;
}

@ObjectType()
export class MediatorView {
  @Field(() => ID) userId!: string;
  @Field() name!: string;
  @Field() chosenBy!: string;
}

@ObjectType()
export class MediationSessionView {
  @Field(() => Int) sessionNo!: number;
  @Field() heldOn!: string;
  @Field() place!: string;
  @Field(() => [String]) attendees!: string[];
  @Field() summary!: string;
}

@ObjectType()
export class MediationAppraisalView {
  @Field() requestId!: string;
  @Field() subject!: string;
  @Field() requestedAt!: string;
  @Field(() => String, { nullable: true }) institution!: string | null;
  @Field(() => String, { nullable: true }) opinionNo!: string | null;
  @Field(() => String, { nullable: true }) summary!: string | null;
  @Field(() => String, { nullable: true }) receivedOn!: string | null;
}

@ObjectType()
export class MediationAgreementView {
  @Field({ description: 'written or oral.' }) kind!: string;
  @Field() terms!: string;
  @Field(() => Float, { nullable: true }) amountYuan!: number | null;
  @Field(() => String, { nullable: true }) performanceDueOn!: string | null;
  @Field(() => [String]) signatories!: string[];
  @Field(() => [String]) signed!: string[];
  @Field(() => String, { nullable: true }) effectiveAt!: string | null;
  @Field(() => String, { nullable: true, description: 'Art. 33: the last moment to apply for judicial confirmation.' }) confirmationWindowEndsAt!: string | null;
}

@ObjectType()
export class MediationOutcomeView {
  @Field({ description: 'written-agreement, oral-agreement, failed, withdrawn or refused.' }) kind!: string;
  @Field() at!: string;
  @Field(() => Boolean, { nullable: true }) onTime!: boolean | null;
  @Field() summary!: string;
}

@ObjectType()
export class JudicialConfirmationView {
  @Field(() => ID) courtOrgId!: string;
  @Field({ description: 'applied, accepted or ruled.' }) status!: string;
  @Field() appliedAt!: string;
  @Field(() => String, { nullable: true }) courtCaseNo!: string | null;
  @Field(() => String, { nullable: true }) ruling!: string | null;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => String, { nullable: true }) ruledAt!: string | null;
  @Field(() => Boolean, { nullable: true }) enforceable!: boolean | null;
}

@ObjectType()
export class PerformanceFollowUpView {
  @Field() outcome!: string;
  @Field() note!: string;
  @Field() at!: string;
}

@ObjectType()
export class MediationDeadlineView {
  @Field({ description: 'time-limit, referral or confirmation-window.' }) kind!: string;
  @Field() dueAt!: string;
  @Field(() => String, { nullable: true }) metAt!: string | null;
  @Field(() => Boolean, { nullable: true }) onTime!: boolean | null;
  @Field() paused!: boolean;
}

@ObjectType()
export class MediationHistoryStep {
  @Field() at!: string;
  @Field() kind!: string;
  @Field() text!: string;
  @Field(() => String, { nullable: true }) byUserId!: string | null;
}

@ObjectType({ description: 'A people\'s mediation case (人民调解).' })
export class MediationCase {
  @Field(() => ID) id!: string;
  @Field({ description: '调解案号, e.g. （2026）川石调字第0042号.' }) caseNo!: string;
  @Field({ description: 'awaiting-consent, refused, mediating, signing or concluded.' }) stage!: string;
  @Field(() => ID) committeeOrgId!: string;
  @Field() regionCode!: string;
  @Field() category!: string;
  @Field(() => MediationSourceView) source!: MediationSourceView;
  @Field(() => [MediationPartyView]) parties!: MediationPartyView[];
  @Field() claim!: string;
  @Field(() => Float, { nullable: true }) amountYuan!: number | null;
  @Field(() => String, { nullable: true }) refusedByPartyId!: string | null;
  @Field(() => MediatorView, { nullable: true }) mediator!: MediatorView | null;
  @Field(() => [MediationSessionView]) sessions!: MediationSessionView[];
  @Field(() => [MediationAppraisalView]) appraisals!: MediationAppraisalView[];
  @Field(() => MediationAgreementView, { nullable: true }) agreement!: MediationAgreementView | null;
  @Field(() => MediationOutcomeView, { nullable: true }) outcome!: MediationOutcomeView | null;
  @Field(() => JudicialConfirmationView, { nullable: true }) confirmation!: JudicialConfirmationView | null;
  @Field(() => [PerformanceFollowUpView]) followUps!: PerformanceFollowUpView[];
  @Field() openedAt!: string;
  @Field(() => String, { nullable: true }) concludedAt!: string | null;
  @Field(() => Float, { nullable: true }) durationDays!: number | null;
  @Field(() => [MediationDeadlineView]) deadlines!: MediationDeadlineView[];
  @Field(() => String, { nullable: true }) nextDueAt!: string | null;
  @Field(() => MediationDeadlineStatusValue) deadlineStatus!: string;
  @Field(() => [MediationHistoryStep]) history!: MediationHistoryStep[];
}

export const MediationCaseConnection = ConnectionOf(MediationCase, 'MediationCase');

@ObjectType()
export class MediationRegionIndicators {
  @Field() regionCode!: string;
  @Field(() => Int) accepted!: number;
  @Field(() => Int) refused!: number;
  @Field(() => Int) concluded!: number;
  @Field(() => Int) agreements!: number;
  @Field(() => Int) writtenAgreements!: number;
  @Field(() => Int) failures!: number;
  @Field(() => Int) withdrawals!: number;
  @Field(() => Float, { nullable: true, description: 'agreements / concluded, percent with two decimals.' }) successRate!: number | null;
  @Field(() => Int) judicialConfirmationsApplied!: number;
  @Field(() => Int, { description: 'Agreements ruled valid by a court in the period.' }) judicialConfirmations!: number;
  @Field(() => Float, { nullable: true }) averageDurationDays!: number | null;
}

@ObjectType({ description: 'Mediation indicators for a region subtree and its parent over [from, to) (DOMAIN.md §8).' })
export class MediationIndicators {
  @Field() from!: string;
  @Field() to!: string;
  @Field(() => MediationRegionIndicators) region!: MediationRegionIndicators;
  @Field(() => MediationRegionIndicators, { nullable: true }) parent!: MediationRegionIndicators | null;
}
