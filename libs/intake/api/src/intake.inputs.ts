import { Field, Float, ID, InputType } from '@nestjs/graphql';
import { BusinessLineValue } from '@pls/shared-api';
import { FeedbackChannelValue, IdTypeValue, IntakeChannelValue, PartyKindValue, RatingLevelValue } from './intake.enums';

@InputType({ description: 'A natural person: applicant or agent.' })
export class PersonInput {
  @Field() name!: string;
  @Field(() => IdTypeValue) idType!: IdTypeValue;
  @Field() idNumber!: string;
  @Field() phone!: string;
}

@InputType({ description: 'The applicant: a person (name, ID, phone) or an organisation (name, 统一社会信用代码, contact).' })
export class ApplicantInput {
  @Field(() => PartyKindValue) kind!: PartyKindValue;
  @Field() name!: string;
  @Field(() => IdTypeValue, { nullable: true }) idType?: IdTypeValue;
  @Field({ nullable: true }) idNumber?: string;
  @Field({ nullable: true }) phone?: string;
  @Field({ nullable: true }) uscc?: string;
  @Field({ nullable: true }) contactName?: string;
  @Field({ nullable: true }) contactPhone?: string;
}

@InputType({ description: 'An attachment\'s metadata; the file itself is stored elsewhere under its SHA-256.' })
export class AttachmentInput {
  @Field() name!: string;
  @Field() mediaType!: string;
  @Field(() => Float) sizeBytes!: number;
  @Field() sha256!: string;
}

@InputType()
export class RegisterMatterInput {
  @Field(() => ID, { nullable: true, description: 'A UUID you choose: send it again on retry and the matter is registered once.' }) commandId?: string;
  @Field(() => IntakeChannelValue) channel!: IntakeChannelValue;
  @Field({ description: 'A code from the serviceCatalogue query.' }) matterTypeCode!: string;
  @Field(() => ApplicantInput) applicant!: ApplicantInput;
  @Field(() => PersonInput, { nullable: true }) agent?: PersonInput;
  @Field() description!: string;
  @Field(() => [AttachmentInput], { nullable: true }) attachments?: AttachmentInput[];
  @Field({ description: 'The applicant agreed to the use of their personal data (个人信息保护法 Arts. 13–14). Must be true.' }) consentToDataUse!: boolean;
  @Field(() => ID, { nullable: true, description: 'For channel REFERRAL: the referring court, procuratorate, police or prison.' }) referralSourceOrgId?: string;
}

@InputType()
export class AnswerConsultationInput {
  @Field(() => ID, { nullable: true }) commandId?: string;
  @Field() caseCode!: string;
  @Field() answer!: string;
}

@InputType()
export class RouteMatterInput {
  @Field(() => ID, { nullable: true }) commandId?: string;
  @Field() caseCode!: string;
  @Field(() => BusinessLineValue) line!: BusinessLineValue;
  @Field(() => ID, { nullable: true, description: 'Leave out for the region\'s default agency of the line.' }) handlingOrgId?: string;
  @Field({ nullable: true, description: 'Required when not routing to the default agency (another level or region, 异地协作).' }) reason?: string;
}

@InputType()
export class DeliverFeedbackInput {
  @Field(() => ID, { nullable: true }) commandId?: string;
  @Field() caseCode!: string;
  @Field(() => FeedbackChannelValue) channel!: FeedbackChannelValue;
  @Field() content!: string;
  @Field({ nullable: true, description: 'When it was delivered, if earlier than now (a call logged afterwards).' }) deliveredAt?: string;
}

@InputType()
export class RateServiceInput {
  @Field(() => ID, { nullable: true }) commandId?: string;
  @Field() caseCode!: string;
  @Field(() => RatingLevelValue) level!: RatingLevelValue;
  @Field({ nullable: true }) comment?: string;
}

@InputType({ description: 'The applicant rates online with the case code and the last four digits of their phone.' })
export class RateMyMatterInput {
  @Field(() => ID, { nullable: true }) commandId?: string;
  @Field() caseCode!: string;
  @Field() phoneLast4!: string;
  @Field(() => RatingLevelValue) level!: RatingLevelValue;
  @Field({ nullable: true }) comment?: string;
}

@InputType()
export class RectificationCallBackInput {
  @Field(() => ID, { nullable: true }) commandId?: string;
  @Field() caseCode!: string;
  @Field() note!: string;
}

@InputType()
export class CloseRectificationInput {
  @Field(() => ID, { nullable: true }) commandId?: string;
  @Field() caseCode!: string;
  @Field() outcome!: string;
  @Field({ description: 'The rater was told what was done. Must be true.' }) resultFedBackToRater!: boolean;
}

@InputType()
export class AppealRatingInput {
  @Field(() => ID, { nullable: true }) commandId?: string;
  @Field() caseCode!: string;
  @Field() reason!: string;
}

@InputType()
export class ReviewRatingAppealInput {
  @Field(() => ID, { nullable: true }) commandId?: string;
  @Field() caseCode!: string;
  @Field({ description: 'True: the rating was malicious and leaves the satisfaction rate.' }) upheld!: boolean;
  @Field() note!: string;
}

@InputType()
export class OrderSupervisionInput {
  @Field(() => ID, { nullable: true }) commandId?: string;
  @Field() caseCode!: string;
  @Field() note!: string;
  @Field({ description: 'ISO instant by which the holder must answer.' }) dueAt!: string;
}

@InputType()
export class AnswerSupervisionInput {
  @Field(() => ID, { nullable: true }) commandId?: string;
  @Field() caseCode!: string;
  @Field(() => ID) supervisionId!: string;
  @Field() answer!: string;
}

@InputType()
export class MatterFilterInput {
  @Field({ nullable: true, description: 'Region subtree (6, 9 or 12 digits); defaults to yours.' }) regionCode?: string;
  @Field(() => IntakeChannelValue, { nullable: true }) channel?: IntakeChannelValue;
  @Field(() => BusinessLineValue, { nullable: true }) line?: BusinessLineValue;
  @Field({ nullable: true }) stage?: string;
  @Field({ nullable: true }) overdue?: boolean;
  @Field({ nullable: true }) registeredFrom?: string;
  @Field({ nullable: true }) registeredBefore?: string;
}
