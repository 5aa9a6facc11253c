import type { DomainEvent } from '@pls/event-sourcing';
import type {
  AppraisalCategory,
  AppraiserSeniority,
  BusinessLine,
  DisputeCategory,
  LawyerSpecialty,
  OrganisationKind,
  ProfileKind,
  StaffRole,
} from './directory.types';

/**
 * `orgKind` and `orgRegionCode` are copied from the organisation (neither ever changes), so the
 * stream folds on its own and projections can derive a user's region scope without a join.
 */
export interface StaffMemberRegisteredData {
  readonly userId: string;
  readonly name: string;
  readonly orgId: string;
  readonly orgKind: OrganisationKind;
  /** 12 digits. */
  readonly orgRegionCode: string;
  /** Canonical order, no duplicates. */
  readonly roles: readonly StaffRole[];
  readonly lines: readonly BusinessLine[];
  /** 11 digits. */
  readonly phone: string;
  readonly employeeNo?: string;
}
export type StaffMemberRegistered = DomainEvent<'StaffMemberRegistered', StaffMemberRegisteredData>;

export type StaffMemberRolesChanged = DomainEvent<
  'StaffMemberRolesChanged',
  { readonly userId: string; readonly roles: readonly StaffRole[]; readonly previousRoles: readonly StaffRole[]; readonly changedBy: string }
>;

export type StaffMemberLinesChanged = DomainEvent<
  'StaffMemberLinesChanged',
  { readonly userId: string; readonly lines: readonly BusinessLine[]; readonly previousLines: readonly BusinessLine[]; readonly changedBy: string }
>;

export type StaffMemberMovedToOrganisation = DomainEvent<
  'StaffMemberMovedToOrganisation',
  {
    readonly userId: string;
    readonly fromOrgId: string;
    readonly toOrgId: string;
    readonly orgKind: OrganisationKind;
    readonly orgRegionCode: string;
    readonly roles: readonly StaffRole[];
    readonly lines: readonly BusinessLine[];
    readonly movedBy: string;
  }
>;

export type StaffMemberDeactivated = DomainEvent<'StaffMemberDeactivated', { readonly userId: string; readonly reason: string; readonly deactivatedBy: string }>;

/** `firmOrgId` is the member's organisation when recorded; a lawyer's firm is always their current organisation. */
export type LawyerProfileRecorded = DomainEvent<
  'LawyerProfileRecorded',
  {
    readonly userId: string;
    readonly firmOrgId: string;
    readonly licenceNo: string;
    readonly practiceYears: number;
    readonly criminalDefenceYears: number;
    readonly specialties: readonly LawyerSpecialty[];
    readonly maxConcurrentCases: number;
  }
>;

export type MediatorProfileRecorded = DomainEvent<
  'MediatorProfileRecorded',
  { readonly userId: string; readonly fullTime: boolean; readonly specialties: readonly DisputeCategory[] }
>;

export type NotaryProfileRecorded = DomainEvent<'NotaryProfileRecorded', { readonly userId: string; readonly licenceNo: string }>;

export type AppraiserProfileRecorded = DomainEvent<
  'AppraiserProfileRecorded',
  { readonly userId: string; readonly categories: readonly AppraisalCategory[]; readonly seniority: AppraiserSeniority }
>;

export type CorrectionOfficerProfileRecorded = DomainEvent<
  'CorrectionOfficerProfileRecorded',
  { readonly userId: string; readonly familiarWithMinors: boolean; readonly officerNo?: string }
>;

export type ProfessionalProfileEnded = DomainEvent<
  'ProfessionalProfileEnded',
  { readonly userId: string; readonly profile: ProfileKind; readonly reason: string; readonly endedBy: string }
>;

export type ProfileRecordedEvent =
  | LawyerProfileRecorded
  | MediatorProfileRecorded
  | NotaryProfileRecorded
  | AppraiserProfileRecorded
  | CorrectionOfficerProfileRecorded;

export type StaffMemberEvent =
  | StaffMemberRegistered
  | StaffMemberRolesChanged
  | StaffMemberLinesChanged
  | StaffMemberMovedToOrganisation
  | StaffMemberDeactivated
  | ProfileRecordedEvent
  | ProfessionalProfileEnded;
