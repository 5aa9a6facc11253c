import type { Command } from '@pls/event-sourcing';
import type {
  AppraisalCategory,
  AppraiserSeniority,
  BusinessLine,
  DisputeCategory,
  LawyerSpecialty,
  ProfileKind,
  StaffRole,
} from './directory.types';
import type { OrganisationFacts } from './organisation.commands';

/**
 * Commands of the StaffMember aggregate (stream `directory.staff-<userId>`). Commands that depend
 * on the member's organisation carry it as `OrganisationFacts` the application looked up.
 */

export type RegisterStaffMember = Command<
  'RegisterStaffMember',
  {
    readonly userId: string;
    readonly name: string;
    readonly organisation: OrganisationFacts;
    readonly roles: readonly StaffRole[];
    readonly lines: readonly BusinessLine[];
    /** A mainland mobile; +86, spaces and dashes are tolerated and stripped. */
    readonly phone: string;
    readonly employeeNo?: string | null;
  }
>;

export type ChangeRoles = Command<'ChangeRoles', { readonly userId: string; readonly roles: readonly StaffRole[] }>;

/** `organisation`: the member's current organisation, for its lines and whether it is closed. */
export type ChangeLines = Command<'ChangeLines', { readonly userId: string; readonly lines: readonly BusinessLine[]; readonly organisation: OrganisationFacts }>;

/** Roles and lines default to the current ones and must fit the new organisation. */
export type MoveToOrganisation = Command<
  'MoveToOrganisation',
  {
    readonly userId: string;
    readonly organisation: OrganisationFacts;
    readonly roles?: readonly StaffRole[];
    readonly lines?: readonly BusinessLine[];
  }
>;

export type DeactivateStaffMember = Command<'DeactivateStaffMember', { readonly userId: string; readonly reason: string }>;

export type RecordLawyerProfile = Command<
  'RecordLawyerProfile',
  {
    readonly userId: string;
    /** 律师执业证号, 17 digits. */
    readonly licenceNo: string;
    readonly practiceYears: number;
    readonly criminalDefenceYears: number;
    readonly specialties: readonly LawyerSpecialty[];
    readonly maxConcurrentCases: number;
  }
>;

/** 专职 (full-time) or 兼职 (part-time) mediator. */
export type RecordMediatorProfile = Command<
  'RecordMediatorProfile',
  { readonly userId: string; readonly fullTime: boolean; readonly specialties: readonly DisputeCategory[] }
>;

/** 公证员执业证号. */
export type RecordNotaryProfile = Command<'RecordNotaryProfile', { readonly userId: string; readonly licenceNo: string }>;

export type RecordAppraiserProfile = Command<
  'RecordAppraiserProfile',
  { readonly userId: string; readonly categories: readonly AppraisalCategory[]; readonly seniority: AppraiserSeniority }
>;

/** 社区矫正机构工作人员; `familiarWithMinors` for minors' corrections (社区矫正法 ch. 7). */
export type RecordCorrectionOfficerProfile = Command<
  'RecordCorrectionOfficerProfile',
  { readonly userId: string; readonly familiarWithMinors: boolean; readonly officerNo?: string | null }
>;

export type EndProfessionalProfile = Command<'EndProfessionalProfile', { readonly userId: string; readonly profile: ProfileKind; readonly reason: string }>;

export type StaffMemberCommand =
  | RegisterStaffMember
  | ChangeRoles
  | ChangeLines
  | MoveToOrganisation
  | DeactivateStaffMember
  | RecordLawyerProfile
  | RecordMediatorProfile
  | RecordNotaryProfile
  | RecordAppraiserProfile
  | RecordCorrectionOfficerProfile
  | EndProfessionalProfile;
