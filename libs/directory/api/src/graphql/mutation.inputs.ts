import { Field, ID, InputType, Int } from '@nestjs/graphql';
import type {
  AppraisalCategory,
  AppraiserSeniority,
  BusinessLine,
  DisputeCategory,
  LawyerSpecialty,
  OrganisationKind,
  ProfileKind,
  StaffRole,
} from '@pls/directory-application';
import {
  AppraisalCategoryEnum,
  AppraiserSeniorityEnum,
  BusinessLineEnum,
  DisputeCategoryEnum,
  LawyerSpecialtyEnum,
  OrganisationKindEnum,
  ProfileKindEnum,
  StaffRoleEnum,
} from './enums';

const COMMAND_ID = 'A UUID chosen by the client per intent: a retry with the same one returns the first result instead of acting twice.';

@InputType({ isAbstract: true })
abstract class CommandInput {
  @Field(() => ID, { nullable: true, description: COMMAND_ID }) commandId?: string | null;
}

@InputType()
export class RegisterOrganisationInput extends CommandInput {
  @Field() name!: string;
  @Field(() => OrganisationKindEnum) kind!: OrganisationKind;
  @Field({ description: '6, 9 or 12 digits; must exist in the division data and suit the kind\'s level.' }) regionCode!: string;
  @Field(() => ID, { nullable: true }) parentOrgId?: string | null;
  @Field(() => [BusinessLineEnum]) lines!: BusinessLine[];
  @Field(() => [String], { nullable: true, description: 'External organs only: the regions they cover.' }) jurisdiction?: string[] | null;
  @Field(() => String, { nullable: true }) address?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
}

@InputType({ description: 'Absent fields stay as they are; null clears phone or address.' })
export class UpdateOrganisationInput extends CommandInput {
  @Field(() => ID) orgId!: string;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) address?: string | null;
  @Field(() => [BusinessLineEnum], { nullable: true }) lines?: BusinessLine[] | null;
  @Field(() => [String], { nullable: true }) jurisdiction?: string[] | null;
}

@InputType()
export class CloseOrganisationInput extends CommandInput {
  @Field(() => ID) orgId!: string;
  @Field() reason!: string;
}

@InputType()
export class RegisterStaffMemberInput extends CommandInput {
  @Field(() => ID, { nullable: true, description: 'The identity provider\'s subject, if it has one; otherwise derived from the command id.' }) userId?: string | null;
  @Field() name!: string;
  @Field(() => ID) orgId!: string;
  @Field(() => [StaffRoleEnum]) roles!: StaffRole[];
  @Field(() => [BusinessLineEnum]) lines!: BusinessLine[];
  @Field({ description: 'A mainland mobile number.' }) phone!: string;
  @Field(() => String, { nullable: true }) employeeNo?: string | null;
}

@InputType()
export class ChangeStaffRolesInput extends CommandInput {
  @Field(() => ID) userId!: string;
  @Field(() => [StaffRoleEnum]) roles!: StaffRole[];
}

@InputType()
export class ChangeStaffLinesInput extends CommandInput {
  @Field(() => ID) userId!: string;
  @Field(() => [BusinessLineEnum]) lines!: BusinessLine[];
}

@InputType({ description: 'Roles and lines default to the current ones and must fit the new organisation.' })
export class MoveStaffMemberInput extends CommandInput {
  @Field(() => ID) userId!: string;
  @Field(() => ID) toOrgId!: string;
  @Field(() => [StaffRoleEnum], { nullable: true }) roles?: StaffRole[] | null;
  @Field(() => [BusinessLineEnum], { nullable: true }) lines?: BusinessLine[] | null;
}

@InputType()
export class DeactivateStaffMemberInput extends CommandInput {
  @Field(() => ID) userId!: string;
  @Field() reason!: string;
}

@InputType()
export class RecordLawyerProfileInput extends CommandInput {
  @Field(() => ID) userId!: string;
  @Field({ description: '律师执业证号, 17 digits.' }) licenceNo!: string;
  @Field(() => Int) practiceYears!: number;
  @Field(() => Int) criminalDefenceYears!: number;
  @Field(() => [LawyerSpecialtyEnum]) specialties!: LawyerSpecialty[];
  @Field(() => Int) maxConcurrentCases!: number;
}

@InputType()
export class RecordMediatorProfileInput extends CommandInput {
  @Field(() => ID) userId!: string;
  @Field() fullTime!: boolean;
  @Field(() => [DisputeCategoryEnum]) specialties!: DisputeCategory[];
}

@InputType()
export class RecordNotaryProfileInput extends CommandInput {
  @Field(() => ID) userId!: string;
  @Field() licenceNo!: string;
}

@InputType()
export class RecordAppraiserProfileInput extends CommandInput {
  @Field(() => ID) userId!: string;
  @Field(() => [AppraisalCategoryEnum]) categories!: AppraisalCategory[];
  @Field(() => AppraiserSeniorityEnum) seniority!: AppraiserSeniority;
}

@InputType()
export class RecordCorrectionOfficerProfileInput extends CommandInput {
  @Field(() => ID) userId!: string;
  @Field() familiarWithMinors!: boolean;
  @Field(() => String, { nullable: true }) officerNo?: string | null;
}

@InputType()
export class EndProfessionalProfileInput extends CommandInput {
  @Field(() => ID) userId!: string;
  @Field(() => ProfileKindEnum) profile!: ProfileKind;
  @Field() reason!: string;
}

@InputType()
export class RecordRegionPopulationInput extends CommandInput {
  @Field({ description: '6, 9 or 12 digits.' }) regionCode!: string;
  @Field(() => Int) year!: number;
  @Field(() => Int, { description: '常住人口.' }) population!: number;
  @Field({ description: 'A census bulletin, a statistical yearbook…' }) source!: string;
}
