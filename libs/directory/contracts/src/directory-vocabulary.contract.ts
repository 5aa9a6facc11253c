export type { RegionLevel } from '@pls/shared-kernel';

/**
 * The directory's words as other contexts may rely on them. The directory domain owns the same
 * unions; `@pls/directory-application` proves at compile time that both stay equal, so a value
 * read from a contract is always one the directory accepts.
 */

/** 业务条线. */
export type BusinessLine = 'legal-aid' | 'mediation' | 'notarization' | 'forensic-appraisal' | 'community-correction';

export type OrganisationKind =
  | 'public-legal-service-centre'
  | 'public-legal-service-station'
  | 'public-legal-service-room'
  | 'hotline-12348'
  | 'online-platform'
  | 'legal-aid-agency'
  | 'mediation-committee'
  | 'notary-office'
  | 'appraisal-institution'
  | 'correction-agency'
  | 'judicial-office'
  | 'justice-bureau'
  | 'resettlement-team'
  | 'court'
  | 'procuratorate'
  | 'police'
  | 'prison'
  | 'detention-centre'
  | 'petitions-office'
  | 'law-firm';

export type StaffRole = 'clerk' | 'handler' | 'supervisor' | 'admin' | 'court' | 'procuratorate' | 'police' | 'prison' | 'petitions';

export type LawyerSpecialty =
  | 'criminal-defence'
  | 'minors'
  | 'labour'
  | 'family'
  | 'administrative'
  | 'civil'
  | 'state-compensation'
  | 'traffic-accident'
  | 'medical-dispute'
  | 'contract';

export type ProfileKind = 'lawyer' | 'mediator' | 'notary' | 'appraiser' | 'correction-officer';

/**
 * The agency kind that handles each line's cases in the back office; `defaultAgencyFor` looks for
 * the nearest one of this kind.
 */
export const HANDLING_AGENCY_KIND: Readonly<Record<BusinessLine, OrganisationKind>> = {
  'legal-aid': 'legal-aid-agency',
  mediation: 'mediation-committee',
  notarization: 'notary-office',
  'forensic-appraisal': 'appraisal-institution',
  'community-correction': 'correction-agency',
};
