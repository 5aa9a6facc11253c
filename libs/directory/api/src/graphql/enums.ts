import { registerEnumType } from '@nestjs/graphql';
import { APPRAISAL_CATEGORIES, APPRAISER_SENIORITIES, DISPUTE_CATEGORIES, LAWYER_SPECIALTIES, ORGANISATION_KINDS, PROFILE_KINDS } from '@pls/directory-application';
import { REGION_LEVELS } from '@pls/shared-kernel';

/** Every context's API shows lines and roles as the same two GraphQL enums, registered in shared-api. */
export { BusinessLineValue as BusinessLineEnum, RoleValue as StaffRoleEnum } from '@pls/shared-api';

/**
 * GraphQL enum values are identifiers, so 'legal-aid' is written LEGAL_AID on the wire; resolvers
 * receive and return the domain's own values, the schema maps between the two.
 */
function graphqlEnum<T extends string>(values: readonly T[]): Readonly<Record<string, T>> {
  return Object.fromEntries(values.map((value) => [value.toUpperCase().replace(/-/g, '_'), value]));
}

export const OrganisationKindEnum = graphqlEnum(ORGANISATION_KINDS);
export const LawyerSpecialtyEnum = graphqlEnum(LAWYER_SPECIALTIES);
export const DisputeCategoryEnum = graphqlEnum(DISPUTE_CATEGORIES);
export const AppraisalCategoryEnum = graphqlEnum(APPRAISAL_CATEGORIES);
export const AppraiserSeniorityEnum = graphqlEnum(APPRAISER_SENIORITIES);
export const ProfileKindEnum = graphqlEnum(PROFILE_KINDS);
export const RegionLevelEnum = graphqlEnum(REGION_LEVELS);

registerEnumType(OrganisationKindEnum, {
  name: 'OrganisationKind',
  description: 'Platform sites (中心/工作站/工作室, 12348, online), agencies of the justice administration, external organs (courts, procuratorates, police, prisons, detention centres, petitions offices 信访局) and law firms.',
});
registerEnumType(LawyerSpecialtyEnum, { name: 'LawyerSpecialty' });
registerEnumType(DisputeCategoryEnum, { name: 'DisputeCategory', description: 'Dispute categories of people\'s mediation; a mediator\'s specialties.' });
registerEnumType(AppraisalCategoryEnum, { name: 'AppraisalCategory', description: '法医临床, 法医病理, 法医精神病, 物证, 声像资料, 电子数据, 环境损害, 交通事故.' });
registerEnumType(AppraiserSeniorityEnum, { name: 'AppraiserSeniority' });
registerEnumType(ProfileKindEnum, { name: 'ProfileKind', description: 'The professional profiles a staff member may hold.' });
registerEnumType(RegionLevelEnum, { name: 'RegionLevel', description: 'province 省, city 市/州, county 县/区, township 乡镇/街道, village 村/社区.' });
