import type { BusinessLine, LawyerSpecialty, OrganisationKind, ProfileKind, StaffRole } from './directory-vocabulary.contract';

/**
 * The directory publishes every event of its streams on `pls.directory`, keyed by stream id
 * (`directory.organisation-<orgId>`, `directory.staff-<userId>`, `directory.region-<12 digits>`).
 * The types below are the ones other contexts may follow, with the data they may rely on (schema
 * version 1); fields may be added, never removed or changed in meaning.
 */
export const DIRECTORY_TOPIC = 'pls.directory';

export const DIRECTORY_EVENT_TYPES = {
  OrganisationRegistered: 'directory.OrganisationRegistered',
  OrganisationUpdated: 'directory.OrganisationUpdated',
  OrganisationClosed: 'directory.OrganisationClosed',
  StaffMemberRegistered: 'directory.StaffMemberRegistered',
  StaffMemberRolesChanged: 'directory.StaffMemberRolesChanged',
  StaffMemberLinesChanged: 'directory.StaffMemberLinesChanged',
  StaffMemberMovedToOrganisation: 'directory.StaffMemberMovedToOrganisation',
  StaffMemberDeactivated: 'directory.StaffMemberDeactivated',
  LawyerProfileRecorded: 'directory.LawyerProfileRecorded',
  MediatorProfileRecorded: 'directory.MediatorProfileRecorded',
  NotaryProfileRecorded: 'directory.NotaryProfileRecorded',
  AppraiserProfileRecorded: 'directory.AppraiserProfileRecorded',
  CorrectionOfficerProfileRecorded: 'directory.CorrectionOfficerProfileRecorded',
  ProfessionalProfileEnded: 'directory.ProfessionalProfileEnded',
  RegionPopulationRecorded: 'directory.RegionPopulationRecorded',
} as const;

export type DirectoryEventType = (typeof DIRECTORY_EVENT_TYPES)[keyof typeof DIRECTORY_EVENT_TYPES];

export interface OrganisationRegisteredV1 {
  readonly orgId: string;
  readonly name: string;
  readonly kind: OrganisationKind;
  readonly regionCode: string;
  readonly parentOrgId?: string;
  readonly lines: readonly BusinessLine[];
  readonly jurisdiction: readonly string[];
}

export interface OrganisationUpdatedV1 {
  readonly orgId: string;
  /** Only what changed. */
  readonly changes: { readonly name?: string; readonly lines?: readonly BusinessLine[]; readonly jurisdiction?: readonly string[] };
}

export interface OrganisationClosedV1 {
  readonly orgId: string;
  readonly reason: string;
}

export interface StaffMemberRegisteredV1 {
  readonly userId: string;
  readonly name: string;
  readonly orgId: string;
  readonly orgKind: OrganisationKind;
  readonly orgRegionCode: string;
  readonly roles: readonly StaffRole[];
  readonly lines: readonly BusinessLine[];
}

export interface StaffMemberRolesChangedV1 {
  readonly userId: string;
  readonly roles: readonly StaffRole[];
}

export interface StaffMemberLinesChangedV1 {
  readonly userId: string;
  readonly lines: readonly BusinessLine[];
}

export interface StaffMemberMovedToOrganisationV1 {
  readonly userId: string;
  readonly fromOrgId: string;
  readonly toOrgId: string;
  readonly orgKind: OrganisationKind;
  readonly orgRegionCode: string;
  readonly roles: readonly StaffRole[];
  readonly lines: readonly BusinessLine[];
}

export interface StaffMemberDeactivatedV1 {
  readonly userId: string;
  readonly reason: string;
}

export interface LawyerProfileRecordedV1 {
  readonly userId: string;
  readonly firmOrgId: string;
  readonly practiceYears: number;
  readonly criminalDefenceYears: number;
  readonly specialties: readonly LawyerSpecialty[];
  readonly maxConcurrentCases: number;
}

export interface ProfessionalProfileEndedV1 {
  readonly userId: string;
  readonly profile: ProfileKind;
}

export interface RegionPopulationRecordedV1 {
  readonly regionCode: string;
  readonly year: number;
  readonly population: number;
  readonly source: string;
}
