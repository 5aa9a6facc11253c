import type { RegionLevel } from '@pls/shared-kernel';
import type { BusinessLine, LawyerSpecialty, OrganisationKind, ProfileKind, StaffRole } from './directory-vocabulary.contract';

/**
 * Synchronous questions other contexts ask the directory (routing a matter to the region's agency,
 * checking a lawyer's experience before an assignment, per-10,000-resident indicators). In embedded
 * mode the directory's read models answer in process; views are plain data, safe to keep.
 *
 * Region codes may be given in any accepted length (6, 9 or 12 digits); returned codes are 12 digits.
 * Personal data (staff phones) is returned unmasked: masking is the job of whoever shows it.
 */
export interface DirectoryLookup {
  organisation(orgId: string): Promise<OrganisationView | null>;
  /**
   * The agency that handles `line` for `regionCode` by default: the nearest open one at or above
   * the region, walking village → township → county → city → province. A village of 乐至县 gets
   * 乐至县法律援助中心 for 'legal-aid'; for 'mediation' its township's committee when there is one,
   * else the county's. Null when no level above has one.
   */
  defaultAgencyFor(regionCode: string, line: BusinessLine): Promise<OrganisationView | null>;
  staffMember(userId: string): Promise<StaffMemberView | null>;
  /** 常住人口 for `year`, or else the latest recorded year before it; null when none is recorded. */
  population(regionCode: string, year: number): Promise<number | null>;
  /** Active lawyers matching every given criterion, by region then name. */
  lawyers(filter: LawyerFilter): Promise<LawyerView[]>;
}

export const DIRECTORY_LOOKUP = Symbol.for('pls.directory.DirectoryLookup');

export interface OrganisationView {
  readonly orgId: string;
  readonly name: string;
  readonly kind: OrganisationKind;
  /** 12 digits. */
  readonly regionCode: string;
  readonly level: RegionLevel;
  readonly lines: readonly BusinessLine[];
  /** External organs only: the regions they cover (12 digits); empty for everyone else. */
  readonly jurisdiction: readonly string[];
  readonly parentOrgId: string | null;
  readonly closed: boolean;
}

export interface LawyerProfileView {
  readonly licenceNo: string;
  readonly practiceYears: number;
  readonly criminalDefenceYears: number;
  readonly specialties: readonly LawyerSpecialty[];
  readonly maxConcurrentCases: number;
}

export interface StaffMemberView {
  readonly userId: string;
  readonly name: string;
  readonly orgId: string;
  /** The organisation's region (12 digits): the root of the member's region scope. */
  readonly regionCode: string;
  readonly roles: readonly StaffRole[];
  readonly lines: readonly BusinessLine[];
  /** 11-digit mobile, unmasked. */
  readonly phone: string;
  readonly active: boolean;
  readonly profiles: readonly ProfileKind[];
  readonly lawyer: LawyerProfileView | null;
}

export interface LawyerFilter {
  /** The law firm (or legal aid agency) the lawyer practises at. */
  readonly orgId?: string;
  /** Lawyers whose organisation lies in this region's subtree. */
  readonly regionCode?: string;
  /** Every one of these (e.g. ['minors'] for a minor's case, 法律援助法 Art. 26 (verify)). */
  readonly specialties?: readonly LawyerSpecialty[];
  /** ≥ 3 for life-imprisonment or death cases (法律援助法实施工作办法). */
  readonly minCriminalDefenceYears?: number;
  /** Default 100, at most 500. */
  readonly limit?: number;
}

export interface LawyerView extends LawyerProfileView {
  readonly userId: string;
  readonly name: string;
  readonly orgId: string;
  readonly regionCode: string;
  readonly phone: string;
}
