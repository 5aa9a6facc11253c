import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionOf } from '@pls/shared-api';
import { LegalAidDeadlineStatusValue } from './legal-aid.enums';
import { ApplicationRefInput } from './legal-aid.inputs';

export enum CooperationKindValue {
  VERIFY_MEANS = 'verify-means',
  COLLECT_MATERIALS = 'collect-materials',
}
registerEnumType(CooperationKindValue, { name: 'CooperationKind', description: '异地协作: what is asked of the other agency.' });

export enum CooperationResultValue {
  MEANS_MEET = 'means-meet',
  MEANS_DO_NOT_MEET = 'means-do-not-meet',
  MATERIALS_COLLECTED = 'materials-collected',
  UNABLE = 'unable',
}
registerEnumType(CooperationResultValue, { name: 'CooperationResult', description: 'A means request takes MEANS_*, a materials request MATERIALS_COLLECTED; either may be UNABLE.' });

export enum CooperationDirectionValue {
  INCOMING = 'incoming',
  OUTGOING = 'outgoing',
}
registerEnumType(CooperationDirectionValue, { name: 'CooperationDirection', description: 'Requests to your agency (to answer) or from it.' });

@InputType()
export class RequestCooperationInput extends ApplicationRefInput {
  @Field(() => ID, { description: "The other region's legal aid agency." }) receivingAgencyOrgId!: string;
  @Field(() => CooperationKindValue) kind!: CooperationKindValue;
  @Field() details!: string;
}

@InputType()
export class AnswerCooperationInput {
  @Field(() => ID, { nullable: true }) commandId?: string;
  @Field(() => ID) requestId!: string;
  @Field(() => CooperationResultValue) result!: CooperationResultValue;
  @Field() notes!: string;
}

@ObjectType({ description: 'A 异地协作 request (deadline: 3 working days by default; the law sets none).' })
export class CooperationRequest {
  @Field(() => ID) requestId!: string;
  @Field(() => ID) applicationId!: string;
  @Field() applicationNo!: string;
  @Field({ description: 'green-channel or normal: green channel is answered first.' }) priority!: string;
  @Field() requestingOrgId!: string;
  @Field() receivingOrgId!: string;
  @Field() kind!: string;
  @Field() details!: string;
  @Field() requestedAt!: string;
  @Field() dueAt!: string;
  @Field({ description: 'requested or answered.' }) status!: string;
  @Field(() => String, { nullable: true }) result!: string | null;
  @Field(() => String, { nullable: true }) notes!: string | null;
  @Field(() => String, { nullable: true }) answeredAt!: string | null;
  @Field(() => Boolean, { nullable: true }) onTime!: boolean | null;
  @Field(() => LegalAidDeadlineStatusValue, { description: 'Of the answer, while open.' }) deadlineStatus!: string;
}

export const CooperationRequestConnection = ConnectionOf(CooperationRequest, 'CooperationRequest');

@InputType({ description: '容缺受理 for a region subtree (supervisor or admin of that region).' })
export class SetAcceptWithMaterialsOutstandingInput {
  @Field(() => ID, { nullable: true }) commandId?: string;
  @Field() regionCode!: string;
  @Field() allowed!: boolean;
}

@ObjectType({ description: "A region's legal aid settings as they apply there (its own or the nearest ancestor's)." })
export class LegalAidRegionSettings {
  @Field() regionCode!: string;
  @Field({ description: '容缺受理 allowed.' }) acceptWithMaterialsOutstanding!: boolean;
  @Field(() => String, { nullable: true, description: 'The region whose setting applies; null: never set (not allowed).' }) setByRegionCode!: string | null;
  @Field(() => String, { nullable: true }) setAt!: string | null;
}

@InputType()
export class OutstandingMaterialInput {
  @Field() name!: string;
  @Field({ description: 'Essential materials cannot be left outstanding.' }) essential!: boolean;
}

@InputType({ description: '容缺受理: accept now with non-essential materials outstanding, where the region allows it.' })
export class AcceptWithMaterialsOutstandingInput extends ApplicationRefInput {
  @Field(() => [OutstandingMaterialInput]) items!: OutstandingMaterialInput[];
  @Field({ description: 'ISO instant by which they are due.' }) dueAt!: string;
}
