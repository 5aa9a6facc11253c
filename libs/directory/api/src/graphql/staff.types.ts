import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import type {
  AppraisalCategory,
  AppraiserSeniority,
  BusinessLine,
  DisputeCategory,
  LawyerSpecialty,
  ProfileKind,
  Requester,
  StaffRole,
} from '@pls/directory-application';
import { ConnectionOf } from '@pls/shared-api';
import {
  AppraisalCategoryEnum,
  AppraiserSeniorityEnum,
  BusinessLineEnum,
  DisputeCategoryEnum,
  LawyerSpecialtyEnum,
  ProfileKindEnum,
  StaffRoleEnum,
} from './enums';

@ObjectType()
export class LawyerProfile {
  @Field(() => ID, { description: 'The law firm (or legal aid agency) the lawyer practises at.' }) firmOrgId!: string;
  @Field({ description: '律师执业证号.' }) licenceNo!: string;
  @Field(() => Int) practiceYears!: number;
  @Field(() => Int) criminalDefenceYears!: number;
  @Field(() => [LawyerSpecialtyEnum]) specialties!: readonly LawyerSpecialty[];
  @Field(() => Int) maxConcurrentCases!: number;
}

@ObjectType()
export class MediatorProfile {
  @Field({ description: '专职 (true) or 兼职.' }) fullTime!: boolean;
  @Field(() => [DisputeCategoryEnum]) specialties!: readonly DisputeCategory[];
}

@ObjectType()
export class NotaryProfile {
  @Field() licenceNo!: string;
}

@ObjectType()
export class AppraiserProfile {
  @Field(() => [AppraisalCategoryEnum]) categories!: readonly AppraisalCategory[];
  @Field(() => AppraiserSeniorityEnum) seniority!: AppraiserSeniority;
}

@ObjectType()
export class CorrectionOfficerProfile {
  @Field() familiarWithMinors!: boolean;
  @Field(() => String, { nullable: true }) officerNo!: string | null;
}

@ObjectType('StaffMember', { description: 'A user of the platform. Visible to admins and within the caller\'s region subtree.' })
export class StaffMemberNode {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true, description: 'The demo login handle; null for members registered after the seed.' }) username!: string | null;
  @Field() name!: string;
  @Field(() => ID) orgId!: string;
  @Field({ description: 'The organisation\'s region, 12 digits: the root of the member\'s region scope.' }) regionCode!: string;
  @Field(() => [StaffRoleEnum]) roles!: readonly StaffRole[];
  @Field(() => [BusinessLineEnum]) lines!: readonly BusinessLine[];
  @Field({ description: 'Masked (199****0001) unless the caller is an admin, a supervisor over the member\'s region, or the member (PIPL).' })
  phone!: string;
  @Field() phoneMasked!: boolean;
  @Field(() => String, { nullable: true }) employeeNo!: string | null;
  @Field() active!: boolean;
  @Field(() => String, { nullable: true }) deactivationReason!: string | null;
  @Field(() => [ProfileKindEnum]) profiles!: readonly ProfileKind[];
  @Field(() => LawyerProfile, { nullable: true }) lawyerProfile!: LawyerProfile | null;
  @Field(() => MediatorProfile, { nullable: true }) mediatorProfile!: MediatorProfile | null;
  @Field(() => NotaryProfile, { nullable: true }) notaryProfile!: NotaryProfile | null;
  @Field(() => AppraiserProfile, { nullable: true }) appraiserProfile!: AppraiserProfile | null;
  @Field(() => CorrectionOfficerProfile, { nullable: true }) correctionOfficerProfile!: CorrectionOfficerProfile | null;
}

export const StaffMemberConnection = ConnectionOf(StaffMemberNode, 'StaffMember');

@InputType()
export class StaffFilter {
  @Field(() => ID, { nullable: true }) orgId?: string | null;
  @Field(() => String, { nullable: true, description: 'Staff of organisations in this region\'s subtree; non-admins: within their own (the default).' })
  regionCode?: string | null;
  @Field(() => StaffRoleEnum, { nullable: true }) role?: StaffRole | null;
  @Field(() => BusinessLineEnum, { nullable: true }) line?: BusinessLine | null;
  @Field(() => ProfileKindEnum, { nullable: true }) profile?: ProfileKind | null;
  @Field(() => LawyerSpecialtyEnum, { nullable: true, description: 'Lawyers with this specialty.' }) specialty?: LawyerSpecialty | null;
  @Field(() => DisputeCategoryEnum, { nullable: true, description: 'Mediators with this specialty.' }) disputeCategory?: DisputeCategory | null;
  @Field(() => AppraisalCategoryEnum, { nullable: true, description: 'Appraisers registered for this category.' }) appraisalCategory?: AppraisalCategory | null;
  @Field(() => Int, { nullable: true, description: 'Lawyers with at least this many years of criminal defence (≥ 3 for life-or-death cases).' })
  minCriminalDefenceYears?: number | null;
  @Field(() => Boolean, { nullable: true, defaultValue: false }) includeInactive?: boolean | null;
}

@ObjectType('Me', { description: 'The caller as the token says; `organisation` and `staffMember` as the directory holds them now.' })
export class MeNode {
  @Field(() => ID) userId!: string;
  @Field() name!: string;
  @Field(() => [StaffRoleEnum]) roles!: readonly StaffRole[];
  @Field(() => ID) orgId!: string;
  @Field({ description: 'The root of the caller\'s region scope, 12 digits.' }) regionCode!: string;
  @Field(() => [BusinessLineEnum]) lines!: readonly BusinessLine[];
  /** Who reads this node: decides what the nested staff record shows. Not a field. */
  viewer!: Requester;
}

@ObjectType()
export class DemoSession {
  @Field({ description: 'Send as Authorization: Bearer <token>.' }) token!: string;
  @Field({ description: 'ISO-8601 instant the token stops being accepted.' }) expiresAt!: string;
  @Field(() => MeNode) caller!: MeNode;
}
