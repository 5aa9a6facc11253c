import {
  AGENCY_KINDS,
  type BusinessLine,
  type IntegratorRole,
  isSubset,
  type OrganisationKind,
  PLATFORM_SITE_KINDS,
  type ProfileKind,
  type StaffRole,
} from './directory.types';
import type { OrganisationFacts } from './organisation.commands';

/** Where each role works. */
export const ROLE_WORKPLACES: Readonly<Record<StaffRole, readonly OrganisationKind[]>> = {
  // DOMAIN §2: front-desk clerks work at rooms, stations, centres, the 12348 hotline and the online platform.
  clerk: PLATFORM_SITE_KINDS,
  // DOMAIN §2: handlers work the case in each line's agency; legal aid lawyers practise at law firms (法律援助法 Art. 12–13).
  handler: [...AGENCY_KINDS, 'law-firm'],
  // DOMAIN §2: supervision (督办) sits with the justice bureaus at county, city and province.
  supervisor: ['justice-bureau'],
  // Platform administration belongs to the justice administration, not to external organs or law firms.
  admin: [...PLATFORM_SITE_KINDS, ...AGENCY_KINDS],
  // DOMAIN §2: integrators act for their own organ; 看守所 are run by public security (看守所条例 Art. 5).
  court: ['court'],
  procuratorate: ['procuratorate'],
  police: ['police', 'detention-centre'],
  prison: ['prison'],
  // DOMAIN §5.2 (访调对接): petitions staff act for their 信访局/信访办.
  petitions: ['petitions-office'],
};

/** DOMAIN §2: every role is held only where that role works (ROLE_WORKPLACES). */
export function roleIsHeldWhereItWorks(role: StaffRole, kind: OrganisationKind): boolean {
  return ROLE_WORKPLACES[role].includes(kind);
}

/** DOMAIN §§2, 9: an integrator role (court, procuratorate, police, prison) belongs to a member of the matching organ. */
export function integratorRoleMatchesOrgan(role: IntegratorRole, kind: OrganisationKind): boolean {
  return roleIsHeldWhereItWorks(role, kind);
}

/** DOMAIN §9: a user sees only their organisation's business lines, so they hold no line it does not serve. */
export function staffLinesAreServedByOrganisation(lines: readonly BusinessLine[], organisation: Pick<OrganisationFacts, 'lines'>): boolean {
  return isSubset(lines, organisation.lines);
}

/** DOMAIN §2: a handler works cases in a business line, so holds at least one. */
export function handlerWorksInALine(roles: readonly StaffRole[], lines: readonly BusinessLine[]): boolean {
  return !roles.includes('handler') || lines.length > 0;
}

/** Records are evidence (DOMAIN §9): nobody joins or is re-assigned within a closed organisation. */
export function organisationIsOpen(organisation: Pick<OrganisationFacts, 'closed'>): boolean {
  return !organisation.closed;
}

/** The first role in `roles` that is not held where it works at this organisation kind, if any. */
export function misplacedRole(roles: readonly StaffRole[], kind: OrganisationKind): StaffRole | undefined {
  return roles.find((role) => !roleIsHeldWhereItWorks(role, kind));
}

export interface ProfilePolicy {
  /** The line a holder of the profile works in. */
  readonly line: BusinessLine;
  /** The organisation kinds where the profession is practised. */
  readonly workplaces: readonly OrganisationKind[];
}

export const PROFILE_POLICIES: Readonly<Record<ProfileKind, ProfilePolicy>> = {
  // 律师法 Art. 14ff: a lawyer practises in a law firm; 法律援助法 Art. 13 (verify): agencies may use their own qualified staff.
  lawyer: { line: 'legal-aid', workplaces: ['law-firm', 'legal-aid-agency'] },
  // 人民调解法 Art. 13: mediators are members of, or engaged by, a people's mediation committee.
  mediator: { line: 'mediation', workplaces: ['mediation-committee'] },
  // 公证法 Art. 16–18: a notary practises in a notary office.
  notary: { line: 'notarization', workplaces: ['notary-office'] },
  // 全国人大常委会关于司法鉴定管理问题的决定 Art. 8: an appraiser practises in one appraisal institution.
  appraiser: { line: 'forensic-appraisal', workplaces: ['appraisal-institution'] },
  // 社区矫正法 Arts. 9–10: correction agency staff, and judicial offices entrusted by the agency.
  'correction-officer': { line: 'community-correction', workplaces: ['correction-agency', 'judicial-office'] },
};

/** The profession is practised at this kind of organisation (PROFILE_POLICIES). */
export function profileFitsWorkplace(profile: ProfileKind, kind: OrganisationKind): boolean {
  return PROFILE_POLICIES[profile].workplaces.includes(kind);
}

/** DOMAIN §3: staff pools are per line; the holder of a profile works in its line. */
export function profileLineIsHeld(profile: ProfileKind, lines: readonly BusinessLine[]): boolean {
  return lines.includes(PROFILE_POLICIES[profile].line);
}

/** DOMAIN §2: lawyers, mediators, notaries, appraisers and correction officers are back-office handlers. */
export function profileHolderIsHandler(roles: readonly StaffRole[]): boolean {
  return roles.includes('handler');
}

/** The held profiles a member's new placement (organisation kind, roles, lines) would no longer support. */
export function orphanedProfiles(
  profiles: readonly ProfileKind[],
  placement: { readonly orgKind: OrganisationKind; readonly roles: readonly StaffRole[]; readonly lines: readonly BusinessLine[] },
): ProfileKind[] {
  return profiles.filter(
    (profile) => !profileFitsWorkplace(profile, placement.orgKind) || !profileLineIsHeld(profile, placement.lines) || !profileHolderIsHandler(placement.roles),
  );
}

/** A lawyer cannot have defended in criminal cases longer than they have practised. */
export function criminalDefenceYearsWithinPracticeYears(profile: { readonly practiceYears: number; readonly criminalDefenceYears: number }): boolean {
  return profile.criminalDefenceYears <= profile.practiceYears;
}

/** Claiming criminal defence as a specialty needs some criminal defence experience; assignment relies on it. */
export function criminalDefenceSpecialtyHasExperience(profile: { readonly specialties: readonly string[]; readonly criminalDefenceYears: number }): boolean {
  return !profile.specialties.includes('criminal-defence') || profile.criminalDefenceYears > 0;
}

/** 法律援助法实施工作办法 (DOMAIN §5.1): life-imprisonment or death cases go to lawyers with ≥ 3 years of criminal defence. */
export const MIN_CRIMINAL_DEFENCE_YEARS_FOR_LIFE_OR_DEATH_CASES = 3;

export function mayDefendLifeOrDeathCases(profile: { readonly criminalDefenceYears: number }): boolean {
  return profile.criminalDefenceYears >= MIN_CRIMINAL_DEFENCE_YEARS_FOR_LIFE_OR_DEATH_CASES;
}

/** 法律援助法 Art. 26 (verify) (DOMAIN §5.1): minors' cases go to lawyers familiar with minors. */
export function isFamiliarWithMinors(profile: { readonly specialties: readonly string[] }): boolean {
  return profile.specialties.includes('minors');
}

/** Bounds that catch typing errors; a practice longer than 70 years is not a real one. */
export const MAX_PRACTICE_YEARS = 70;
export const MAX_CONCURRENT_CASES = 100;

/** 律师执业证号 is 17 digits (region, year of first licence, category, sex, serial) (verify). */
export function isLawyerLicenceNumber(value: string): boolean {
  return /^\d{17}$/.test(value);
}

