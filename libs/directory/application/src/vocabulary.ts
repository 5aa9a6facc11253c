/** The directory's vocabulary, for the API's enums: the API reaches the domain only through here. */
export {
  APPRAISAL_CATEGORIES,
  APPRAISER_SENIORITIES,
  BUSINESS_LINES,
  DISPUTE_CATEGORIES,
  LAWYER_SPECIALTIES,
  ORGANISATION_KINDS,
  PROFILE_KINDS,
  STAFF_ROLES,
  type AppraisalCategory,
  type AppraiserSeniority,
  type BusinessLine,
  type DisputeCategory,
  type LawyerSpecialty,
  type OrganisationKind,
  type ProfileKind,
  type StaffRole,
} from '@pls/directory-domain';
