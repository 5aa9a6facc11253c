import { Field, Float, ID, InputType } from '@nestjs/graphql';
import {
  Art32GroundValue,
  Art42GroundValue,
  CaseCategoryKindValue,
  CivilSubCategoryValue,
  ClosureQualityValue,
  GreenChannelGroundValue,
  MeansCheckMethodValue,
  MeansCheckResultValue,
  NotificationReasonValue,
  TerminationGroundValue,
  UrgentAidGroundValue,
} from './legal-aid.enums';

@InputType()
export class LegalAidApplicantInput {
  @Field() name!: string;
  @Field({ description: '居民身份证号 (GB 11643).' }) idNumber!: string;
  @Field({ nullable: true }) phone?: string;
}

@InputType({ description: 'CIVIL needs subCategory; CRIMINAL needs lifeOrDeathPossible.' })
export class LegalAidCategoryInput {
  @Field(() => CaseCategoryKindValue) kind!: CaseCategoryKindValue;
  @Field(() => CivilSubCategoryValue, { nullable: true }) subCategory?: CivilSubCategoryValue;
  @Field({ nullable: true }) lifeOrDeathPossible?: boolean;
}

@InputType()
export class AdversePartyInput {
  @Field() name!: string;
  @Field(() => ID, { nullable: true }) representedByLawyerId?: string;
  @Field(() => ID, { nullable: true }) representedByFirmId?: string;
}

@InputType({ description: 'Declared hardship and any exemption: Art. 42 grounds (no check) or Art. 32 grounds (no condition), not both.' })
export class MeansInput {
  @Field() declaredHardship!: boolean;
  @Field(() => [Art42GroundValue], { nullable: true }) art42Grounds?: Art42GroundValue[];
  @Field(() => [Art32GroundValue], { nullable: true }) art32Grounds?: Art32GroundValue[];
}

@InputType()
export class ReceiveLegalAidApplicationInput {
  @Field(() => ID, { nullable: true, description: 'A UUID you choose: a retry receives the application once.' }) commandId?: string;
  @Field({ nullable: true, description: 'The agency\'s own 申请编号; generated when absent.' }) applicationNo?: string;
  @Field(() => LegalAidApplicantInput) applicant!: LegalAidApplicantInput;
  @Field(() => LegalAidCategoryInput) category!: LegalAidCategoryInput;
  @Field(() => AdversePartyInput, { nullable: true }) adverseParty?: AdversePartyInput;
  @Field(() => MeansInput) means!: MeansInput;
  @Field(() => [GreenChannelGroundValue], { nullable: true }) greenChannel?: GreenChannelGroundValue[];
  @Field({ nullable: true }) charge?: string;
}

@InputType()
export class ApplicationRefInput {
  @Field(() => ID, { nullable: true }) commandId?: string;
  @Field(() => ID) applicationId!: string;
}

@InputType()
export class RecordMeansCheckInput extends ApplicationRefInput {
  @Field(() => MeansCheckMethodValue) method!: MeansCheckMethodValue;
  @Field(() => MeansCheckResultValue) result!: MeansCheckResultValue;
}

@InputType()
export class DenyAidInput extends ApplicationRefInput {
  @Field(() => [String], { description: 'Art. 43: in writing, with reasons.' }) reasons!: string[];
}

@InputType()
export class AssignLawyerInput extends ApplicationRefInput {
  @Field(() => ID, { description: 'The lawyer\'s user id in the directory.' }) lawyerUserId!: string;
}

@InputType()
export class DeclineAssignmentInput extends ApplicationRefInput {
  @Field(() => ID) lawyerUserId!: string;
  @Field() reason!: string;
}

@InputType()
export class RecordLegalAidProgressInput extends ApplicationRefInput {
  @Field({ description: 'Shown on the front desk\'s timeline for a front-desk application.' }) note!: string;
}

@InputType()
export class EndLegalAidMatterInput extends ApplicationRefInput {
  @Field({ nullable: true, description: 'When the matter ended; default now.' }) endedAt?: string;
  @Field({ description: 'What the applicant is told (结果反馈).' }) resultSummary!: string;
}

@InputType()
export class ReviewClosureInput extends ApplicationRefInput {
  @Field(() => ClosureQualityValue) quality!: ClosureQualityValue;
  @Field(() => Float) subsidyYuan!: number;
}

@InputType()
export class FileObjectionInput extends ApplicationRefInput {
  @Field() grounds!: string;
}

@InputType()
export class DecideObjectionInput extends ApplicationRefInput {
  @Field({ description: 'True: the denial or termination is corrected.' }) upheld!: boolean;
  @Field() note!: string;
}

@InputType()
export class DefendantInput {
  @Field() name!: string;
  @Field({ description: '居民身份证号: the age (minor) is derived from it.' }) idNumber!: string;
}

@InputType()
export class NotifyDefenceInput {
  @Field(() => ID, { nullable: true }) commandId?: string;
  @Field(() => DefendantInput) defendant!: DefendantInput;
  @Field({ description: '罪名.' }) charge!: string;
  @Field({ description: 'Life imprisonment or death possible (Art. 26: ≥3 years of criminal defence).' }) lifeOrDeathPossible!: boolean;
  @Field(() => NotificationReasonValue) reason!: NotificationReasonValue;
}

@InputType()
export class LegalAidApplicationFilterInput {
  @Field({ nullable: true }) regionCode?: string;
  @Field({ nullable: true }) stage?: string;
  @Field({ nullable: true, description: 'front-desk, direct, forwarded or notified-defence.' }) sourceKind?: string;
  @Field({ nullable: true }) overdue?: boolean;
}

@InputType({ description: '一次性告知: every missing item in one notice.' })
export class RequestMaterialsInput extends ApplicationRefInput {
  @Field(() => [String]) items!: string[];
  @Field({ description: 'ISO instant by which the materials are due.' }) dueAt!: string;
}

@InputType()
export class SupplyMaterialsInput extends ApplicationRefInput {
  @Field({ nullable: true }) note?: string;
}

@InputType()
export class GrantUrgentAidInput extends ApplicationRefInput {
  @Field(() => UrgentAidGroundValue) ground!: UrgentAidGroundValue;
  @Field({ nullable: true, description: 'Required for LIMITATION_EXPIRING.' }) limitationExpiresAt?: string;
  @Field() note!: string;
}

@InputType()
export class TerminateAidInput extends ApplicationRefInput {
  @Field(() => TerminationGroundValue) ground!: TerminationGroundValue;
  @Field() explanation!: string;
}

@InputType()
export class RecordRevisitInput extends ApplicationRefInput {
  @Field() note!: string;
  @Field() satisfied!: boolean;
}
