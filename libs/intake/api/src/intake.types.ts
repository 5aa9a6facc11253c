import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { BusinessLineValue, ConnectionOf } from '@pls/shared-api';
import { DeadlineStatusValue } from './intake.enums';

@ObjectType({ description: 'A party as staff see it: ID and phone masked (个人信息保护法).' })
export class PartyView {
  @Field() kind!: string;
  @Field() name!: string;
  @Field() idType!: string;
  @Field({ description: 'e.g. 5120**********1234' }) idNumberMasked!: string;
  @Field({ description: 'e.g. 138****5678' }) phoneMasked!: string;
}

@ObjectType()
export class MatterTypeView {
  @Field() code!: string;
  @Field() name!: string;
  @Field(() => BusinessLineValue, { nullable: true, description: 'null: answered at the desk (法律咨询).' }) line!: string | null;
}

@ObjectType()
export class AttachmentView {
  @Field() name!: string;
  @Field() mediaType!: string;
  @Field(() => Float) sizeBytes!: number;
  @Field() sha256!: string;
}

@ObjectType({ description: 'One step on the matter\'s timeline, front desk and back office alike.' })
export class TimelineStep {
  @Field() at!: string;
  @Field({ description: 'The event, e.g. MatterRouted.' }) kind!: string;
  @Field() text!: string;
  @Field(() => BusinessLineValue, { nullable: true }) line!: string | null;
  @Field(() => String, { nullable: true }) orgId!: string | null;
  @Field({ description: 'Shown on the applicant\'s public progress page.' }) public!: boolean;
}

@ObjectType({ description: 'A time-limited step (限时办结).' })
export class DeadlineView {
  @Field({ description: 'acceptance, feedback, rectification or supervision.' }) kind!: string;
  @Field() dueAt!: string;
  @Field() ownerOrgId!: string;
  @Field(() => String, { nullable: true }) metAt!: string | null;
  @Field(() => Boolean, { nullable: true }) onTime!: boolean | null;
}

@ObjectType()
export class ResultView {
  @Field({ description: 'completed, denied, terminated or withdrawn.' }) outcome!: string;
  @Field() summary!: string;
  @Field() at!: string;
}

@ObjectType()
export class FeedbackView {
  @Field() channel!: string;
  @Field() deliveredAt!: string;
  @Field() onTime!: boolean;
}

@ObjectType()
export class RatingView {
  @Field() level!: string;
  @Field(() => String, { nullable: true }) comment!: string | null;
  @Field() ratedAt!: string;
  @Field({ description: 'True when an upheld appeal excluded it from the satisfaction rate.' }) excluded!: boolean;
}

@ObjectType({ description: '整改 opened by a bad rating.' })
export class RectificationView {
  @Field() status!: string;
  @Field() ownerOrgId!: string;
  @Field() dueAt!: string;
  @Field(() => Int) callBacks!: number;
  @Field(() => String, { nullable: true }) closedAt!: string | null;
  @Field(() => Boolean, { nullable: true }) onTime!: boolean | null;
  @Field(() => String, { nullable: true }) outcome!: string | null;
}

@ObjectType()
export class AppealView {
  @Field({ description: 'pending, upheld or rejected.' }) status!: string;
  @Field() reason!: string;
}

@ObjectType({ description: '督办.' })
export class SupervisionView {
  @Field(() => ID) supervisionId!: string;
  @Field() note!: string;
  @Field() orderedAt!: string;
  @Field() orderedByOrgId!: string;
  @Field() dueAt!: string;
  @Field(() => String, { nullable: true }) answer!: string | null;
  @Field(() => String, { nullable: true }) answeredAt!: string | null;
  @Field(() => Boolean, { nullable: true }) onTime!: boolean | null;
}

@ObjectType({ description: 'A matter at the front desk and everything that happened to it (一案一码).' })
export class Matter {
  @Field(() => ID) id!: string;
  @Field({ description: '一案一码, e.g. SC-7K3M-9QXD; the applicant\'s receipt carries it.' }) caseCode!: string;
  @Field() channel!: string;
  @Field({ description: 'at-desk, routed, accepted, result-received, fed-back or closed.' }) stage!: string;
  @Field(() => MatterTypeView) matterType!: MatterTypeView;
  @Field(() => BusinessLineValue, { nullable: true }) line!: string | null;
  @Field() description!: string;
  @Field(() => PartyView) applicant!: PartyView;
  @Field(() => PartyView, { nullable: true }) agent!: PartyView | null;
  @Field(() => [AttachmentView]) attachments!: AttachmentView[];
  @Field() receivingOrgId!: string;
  @Field() receivingRegionCode!: string;
  @Field({ description: '首问负责人.' }) firstResponsibleStaffId!: string;
  @Field(() => String, { nullable: true }) handlingOrgId!: string | null;
  @Field(() => String, { nullable: true }) routingReason!: string | null;
  @Field(() => String, { nullable: true, description: 'The back office\'s own case number once it accepted.' }) backOfficeCaseNo!: string | null;
  @Field(() => Int) returns!: number;
  @Field(() => String, { nullable: true }) answer!: string | null;
  @Field(() => ResultView, { nullable: true }) result!: ResultView | null;
  @Field(() => FeedbackView, { nullable: true }) feedback!: FeedbackView | null;
  @Field(() => RatingView, { nullable: true }) rating!: RatingView | null;
  @Field(() => RectificationView, { nullable: true }) rectification!: RectificationView | null;
  @Field(() => AppealView, { nullable: true }) appeal!: AppealView | null;
  @Field(() => [SupervisionView]) supervisions!: SupervisionView[];
  @Field(() => [DeadlineView]) deadlines!: DeadlineView[];
  @Field(() => String, { nullable: true, description: 'Soonest open deadline.' }) nextDueAt!: string | null;
  @Field(() => DeadlineStatusValue) deadlineStatus!: string;
  @Field(() => String, { nullable: true, description: 'Whose move it is.' }) awaitingOrgId!: string | null;
  @Field() registeredAt!: string;
  @Field(() => String, { nullable: true }) completedAt!: string | null;
  @Field(() => [String], { description: 'Deadlines computed past the holiday calendar\'s data (weekends only) say so here.' }) deadlineWarnings!: string[];
  @Field(() => [TimelineStep]) timeline!: TimelineStep[];
  @Field({ description: 'The public progress page the receipt\'s QR code opens.' }) progressUrl!: string;
}

export const MatterConnection = ConnectionOf(Matter, 'Matter');

@ObjectType({ description: 'What the applicant sees with their case code: no personal data.' })
export class PublicProgressStep {
  @Field() at!: string;
  @Field() text!: string;
}

@ObjectType()
export class PublicProgress {
  @Field() caseCode!: string;
  @Field() matterType!: string;
  @Field() stage!: string;
  @Field() registeredAt!: string;
  @Field(() => String, { nullable: true }) completedAt!: string | null;
  @Field(() => [PublicProgressStep]) steps!: PublicProgressStep[];
}

@ObjectType()
export class CatalogueEntry {
  @Field() code!: string;
  @Field() name!: string;
  @Field(() => BusinessLineValue, { nullable: true }) line!: string | null;
}

@ObjectType()
export class KeyCount {
  @Field() key!: string;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: 'Front-desk indicators for a region subtree and period. Rates are percentages with two decimals.' })
export class FrontDeskStats {
  @Field() regionCode!: string;
  @Field() from!: string;
  @Field() to!: string;
  @Field(() => Int) registered!: number;
  @Field(() => [KeyCount]) byChannel!: KeyCount[];
  @Field(() => [KeyCount]) byLine!: KeyCount[];
  @Field(() => Int) consultationsAnswered!: number;
  @Field(() => Int) routed!: number;
  @Field(() => Int) returned!: number;
  @Field(() => Int) feedbackDelivered!: number;
  @Field(() => Int) feedbackOnTime!: number;
  @Field(() => Float, { nullable: true }) feedbackOnTimeRate!: number | null;
  @Field(() => Int) ratings!: number;
  @Field(() => Int) satisfied!: number;
  @Field(() => Float, { nullable: true, description: '(非常满意+满意+基本满意) / ratings, excluding ratings an upheld appeal removed.' }) satisfactionRate!: number | null;
  @Field(() => Int) rectificationsOpened!: number;
  @Field(() => Int) rectificationsClosedOnTime!: number;
  @Field(() => Float, { nullable: true }) rectificationsOnTimeRate!: number | null;
  @Field(() => Int) openOverdue!: number;
}
