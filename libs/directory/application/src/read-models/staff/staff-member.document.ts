import type {
  AppraisalCategory,
  AppraiserSeniority,
  BusinessLine,
  DisputeCategory,
  LawyerSpecialty,
  OrganisationKind,
  ProfileKind,
  StaffRole,
} from '@pls/directory-domain';
import type { ReadDocument } from '@pls/event-sourcing';

export interface LawyerProfileDocument {
  readonly firmOrgId: string;
  readonly licenceNo: string;
  readonly practiceYears: number;
  readonly criminalDefenceYears: number;
  readonly specialties: readonly LawyerSpecialty[];
  readonly maxConcurrentCases: number;
}

export interface MediatorProfileDocument {
  readonly fullTime: boolean;
  readonly specialties: readonly DisputeCategory[];
}

export interface NotaryProfileDocument {
  readonly licenceNo: string;
}

export interface AppraiserProfileDocument {
  readonly categories: readonly AppraisalCategory[];
  readonly seniority: AppraiserSeniority;
}

export interface CorrectionOfficerProfileDocument {
  readonly familiarWithMinors: boolean;
  readonly officerNo: string | null;
}

/**
 * `directory.staff`: one document per staff stream, `_id` = userId. Profiles are kept whole for
 * display and flattened into top-level fields (`profileKinds`, `lawyerSpecialties`,
 * `criminalDefenceYears`, …) so pool queries are plain indexed equalities and ranges.
 */
export interface StaffMemberDocument extends ReadDocument {
  readonly userId: string;
  /** The demo seed's login handle ('lz.clerk.centre'); null for members registered otherwise. */
  readonly username: string | null;
  readonly name: string;
  readonly orgId: string;
  readonly orgKind: OrganisationKind;
  /** The organisation's region, 12 digits: the root of the member's region scope. */
  readonly regionCode: string;
  readonly regionPath: readonly string[];
  readonly roles: readonly StaffRole[];
  readonly lines: readonly BusinessLine[];
  /** Unmasked: the API masks it per caller (PIPL). */
  readonly phone: string;
  readonly employeeNo: string | null;
  readonly active: boolean;
  readonly deactivationReason: string | null;
  readonly profileKinds: readonly ProfileKind[];
  readonly lawyer: LawyerProfileDocument | null;
  readonly mediator: MediatorProfileDocument | null;
  readonly notary: NotaryProfileDocument | null;
  readonly appraiser: AppraiserProfileDocument | null;
  readonly correctionOfficer: CorrectionOfficerProfileDocument | null;
  readonly lawyerSpecialties: readonly LawyerSpecialty[];
  /** Null unless the member holds a lawyer profile. */
  readonly criminalDefenceYears: number | null;
  readonly disputeCategories: readonly DisputeCategory[];
  readonly appraisalCategories: readonly AppraisalCategory[];
  readonly registeredAt: string;
  readonly updatedAt: string;
  /** Region (top-down), then name; region subtrees are ranges of it. */
  readonly sortKey: string;
}
