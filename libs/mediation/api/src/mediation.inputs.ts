import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { ConfirmationRulingValue, DisputeCategoryValue, MediationPartyKindValue, MediatorChosenByValue, OtherRouteValue, PerformanceOutcomeValue } from './mediation.enums';

@InputType({ description: 'PERSON with a resident ID, or ORGANISATION with its USCC.' })
export class MediationPartyInput {
  @Field(() => MediationPartyKindValue) kind!: MediationPartyKindValue;
  @Field() name!: string;
  @Field({ nullable: true, description: '居民身份证号 (PERSON).' }) idNumber?: string;
  @Field({ nullable: true }) phone?: string;
  @Field({ nullable: true, description: '统一社会信用代码 (ORGANISATION).' }) uscc?: string;
}

@InputType()
export class ScreeningRecordInput {
  @Field() recordNo!: string;
  @Field() screenedAt!: string;
  @Field() note!: string;
}

@InputType({ description: '排查: the committee opens a dispute on its own initiative (Art. 18).' })
export class OpenMediationFromScreeningInput {
  @Field(() => ID, { nullable: true }) commandId?: string;
  @Field(() => ScreeningRecordInput) screening!: ScreeningRecordInput;
  @Field(() => DisputeCategoryValue) category!: DisputeCategoryValue;
  @Field(() => [MediationPartyInput]) parties!: MediationPartyInput[];
  @Field() claim!: string;
  @Field(() => Float, { nullable: true }) amountYuan?: number;
}

@InputType({ description: '诉前委派 / 警调对接 / 访调对接: a court (with its deadline), the police or the petitions office refer a dispute.' })
export class ReferDisputeInput {
  @Field(() => ID, { nullable: true }) commandId?: string;
  @Field(() => ID, { nullable: true, description: 'The committee; default: the one serving regionCode (or your own region).' }) committeeOrgId?: string;
  @Field({ nullable: true }) regionCode?: string;
  @Field({ description: 'Your reference (诉前调解号, 警情号…).' }) referenceNo!: string;
  @Field({ nullable: true, description: "The court's deadline (required for a court's referral)." }) dueAt?: string;
  @Field(() => DisputeCategoryValue) category!: DisputeCategoryValue;
  @Field(() => [MediationPartyInput]) parties!: MediationPartyInput[];
  @Field() claim!: string;
  @Field(() => Float, { nullable: true }) amountYuan?: number;
}

@InputType()
export class AddMediationPartyInput {
  @Field(() => ID, { nullable: true }) commandId?: string;
  @Field(() => ID) caseId!: string;
  @Field(() => MediationPartyInput) party!: MediationPartyInput;
}

@InputType({ description: 'Art. 17: consents false is a clear refusal, which ends it.' })
export class RecordConsentInput {
  @Field(() => ID, { nullable: true }) commandId?: string;
  @Field(() => ID) caseId!: string;
  @Field() partyId!: string;
  @Field() consents!: boolean;
  @Field({ nullable: true }) reason?: string;
}

@InputType()
export class MediatorRelationInput {
  @Field() partyId!: string;
  @Field() relation!: string;
}

@InputType()
export class AssignMediatorInput {
  @Field(() => ID, { nullable: true }) commandId?: string;
  @Field(() => ID) caseId!: string;
  @Field(() => ID) mediatorUserId!: string;
  @Field(() => MediatorChosenByValue) chosenBy!: MediatorChosenByValue;
  @Field(() => [MediatorRelationInput], { nullable: true, description: 'Relations the mediator declared to parties: any means they step aside.' }) declaredRelations?: MediatorRelationInput[];
}

@InputType()
export class RecordMediationSessionInput {
  @Field(() => ID, { nullable: true }) commandId?: string;
  @Field(() => ID) caseId!: string;
  @Field({ description: 'YYYY-MM-DD.' }) heldOn!: string;
  @Field() place!: string;
  @Field(() => [String]) attendees!: string[];
  @Field() summary!: string;
}

@InputType()
export class ExtendMediationInput {
  @Field(() => ID, { nullable: true }) commandId?: string;
  @Field(() => ID) caseId!: string;
  @Field(() => Int) days!: number;
  @Field() partiesAgreed!: boolean;
  @Field() reason!: string;
}

@InputType()
export class RequestAppraisalInput {
  @Field(() => ID, { nullable: true }) commandId?: string;
  @Field(() => ID) caseId!: string;
  @Field() subject!: string;
  @Field({ nullable: true }) note?: string;
}

@InputType()
export class RecordAppraisalOpinionInput {
  @Field(() => ID, { nullable: true }) commandId?: string;
  @Field(() => ID) caseId!: string;
  @Field() institution!: string;
  @Field() opinionNo!: string;
  @Field() summary!: string;
  @Field({ description: 'YYYY-MM-DD.' }) receivedOn!: string;
}

@InputType()
export class DraftWrittenAgreementInput {
  @Field(() => ID, { nullable: true }) commandId?: string;
  @Field(() => ID) caseId!: string;
  @Field() terms!: string;
  @Field(() => Float, { nullable: true }) amountYuan?: number;
  @Field({ nullable: true, description: 'YYYY-MM-DD.' }) performanceDueOn?: string;
}

@InputType({ description: "A party's id (P1, P2…) or 'mediator'." })
export class SignAgreementInput {
  @Field(() => ID, { nullable: true }) commandId?: string;
  @Field(() => ID) caseId!: string;
  @Field() signatory!: string;
}

@InputType()
export class RecordOralAgreementInput {
  @Field(() => ID, { nullable: true }) commandId?: string;
  @Field(() => ID) caseId!: string;
  @Field() terms!: string;
}

@InputType()
export class RecordMediationFailureInput {
  @Field(() => ID, { nullable: true }) commandId?: string;
  @Field(() => ID) caseId!: string;
  @Field() reason!: string;
  @Field(() => [OtherRouteValue]) routesExplained!: OtherRouteValue[];
}

@InputType()
export class RecordMediationWithdrawalInput {
  @Field(() => ID, { nullable: true }) commandId?: string;
  @Field(() => ID) caseId!: string;
  @Field() partyId!: string;
  @Field() reason!: string;
}

@InputType()
export class ApplyForJudicialConfirmationInput {
  @Field(() => ID, { nullable: true }) commandId?: string;
  @Field(() => ID) caseId!: string;
  @Field(() => ID) courtOrgId!: string;
  @Field(() => [String]) applicantPartyIds!: string[];
}

@InputType()
export class RecordConfirmationAcceptanceInput {
  @Field(() => ID, { nullable: true }) commandId?: string;
  @Field(() => ID) caseId!: string;
  @Field() courtCaseNo!: string;
}

@InputType()
export class RecordConfirmationRulingInput {
  @Field(() => ID, { nullable: true }) commandId?: string;
  @Field(() => ID) caseId!: string;
  @Field(() => ConfirmationRulingValue) ruling!: ConfirmationRulingValue;
  @Field({ nullable: true }) reason?: string;
}

@InputType()
export class RecordPerformanceFollowUpInput {
  @Field(() => ID, { nullable: true }) commandId?: string;
  @Field(() => ID) caseId!: string;
  @Field(() => PerformanceOutcomeValue) outcome!: PerformanceOutcomeValue;
  @Field() note!: string;
}

@InputType()
export class MediationFilterInput {
  @Field({ nullable: true }) regionCode?: string;
  @Field({ nullable: true }) stage?: string;
  @Field({ nullable: true }) sourceKind?: string;
  @Field(() => DisputeCategoryValue, { nullable: true }) category?: DisputeCategoryValue;
}
