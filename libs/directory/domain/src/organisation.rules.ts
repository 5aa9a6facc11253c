import { isWithin, padRegionCode, type RegionLevel, regionLevel } from '@pls/shared-kernel';
import { BUSINESS_LINES, type BusinessLine, isExternalOrgan, type OrganisationKind } from './directory.types';
import type { OrganisationFacts } from './organisation.commands';

const COUNTY_AND_ABOVE: readonly RegionLevel[] = ['province', 'city', 'county'];

/** The administrative levels an organisation of each kind may sit at. */
export const REGION_LEVELS_BY_KIND: Readonly<Record<OrganisationKind, readonly RegionLevel[]>> = {
  // DOMAIN §3, 实体平台: 中心 at county level and above, 工作站 at township, 工作室 at village.
  'public-legal-service-centre': COUNTY_AND_ABOVE,
  'public-legal-service-station': ['township'],
  'public-legal-service-room': ['village'],
  // 12348 hotlines and online platforms are run by provincial (some city) justice departments.
  'hotline-12348': ['province', 'city'],
  'online-platform': ['province', 'city'],
  // 法律援助法 Art. 12: 县级以上 justice departments set up legal aid agencies.
  'legal-aid-agency': COUNTY_AND_ABOVE,
  // 人民调解法 Art. 8: committees of village and residents' committees; Art. 34: of townships, streets and other organisations (trade committees).
  'mediation-committee': ['province', 'city', 'county', 'township', 'village'],
  // 公证法 Art. 7: notary offices are set up by county, city and municipal-district level.
  'notary-office': COUNTY_AND_ABOVE,
  'appraisal-institution': COUNTY_AND_ABOVE,
  // 社区矫正法 Art. 9: 县级以上 governments set up community-correction agencies.
  'correction-agency': COUNTY_AND_ABOVE,
  // 司法所 is the county justice bureau's office in a township or street.
  'judicial-office': ['township'],
  'justice-bureau': COUNTY_AND_ABOVE,
  // DOMAIN §5.5: the resettlement handoff goes to the township (or village) team.
  'resettlement-team': ['township', 'village'],
  court: COUNTY_AND_ABOVE,
  procuratorate: COUNTY_AND_ABOVE,
  police: COUNTY_AND_ABOVE,
  prison: COUNTY_AND_ABOVE,
  'detention-centre': COUNTY_AND_ABOVE,
  // 信访工作条例 Art. 14: 县级以上 people's governments set up petitions bodies (信访局/信访办).
  'petitions-office': COUNTY_AND_ABOVE,
  'law-firm': COUNTY_AND_ABOVE,
};

const ALL_LINES = BUSINESS_LINES;

/**
 * The lines an organisation of each kind may serve. Platform sites are front desks: they take in
 * and route matters of any line without handling them. External organs list the lines they
 * integrate with, which is what their users may see.
 */
export const ALLOWED_LINES_BY_KIND: Readonly<Record<OrganisationKind, readonly BusinessLine[]>> = {
  'public-legal-service-centre': ALL_LINES,
  'public-legal-service-station': ALL_LINES,
  'public-legal-service-room': ALL_LINES,
  'hotline-12348': ALL_LINES,
  'online-platform': ALL_LINES,
  'legal-aid-agency': ['legal-aid'],
  'mediation-committee': ['mediation'],
  'notary-office': ['notarization'],
  'appraisal-institution': ['forensic-appraisal'],
  'correction-agency': ['community-correction'],
  // 司法所: daily community-correction work (社区矫正法 Art. 9), guides mediation, takes legal aid applications (法律援助法 Art. 38).
  'judicial-office': ['legal-aid', 'mediation', 'community-correction'],
  // DOMAIN §2: the justice bureau supervises every line in its region.
  'justice-bureau': ALL_LINES,
  'resettlement-team': ['community-correction'],
  // DOMAIN §§5.1, 5.2, 5.4, 5.5: notified defence, judicial confirmation, commissions, correction notices.
  court: ['legal-aid', 'mediation', 'forensic-appraisal', 'community-correction'],
  procuratorate: ['legal-aid', 'forensic-appraisal', 'community-correction'],
  police: ['legal-aid', 'mediation', 'forensic-appraisal', 'community-correction'],
  prison: ['legal-aid', 'forensic-appraisal', 'community-correction'],
  // 法律援助法 Art. 39: detention places forward a detained person's application within 24 hours.
  'detention-centre': ['legal-aid'],
  // DOMAIN §5.2: 访调对接 — the petitions office refers disputes to people's mediation.
  'petitions-office': ['mediation'],
  'law-firm': ['legal-aid'],
};

/** The line an agency exists for; it must serve it. */
export const OWN_LINE_BY_KIND: Readonly<Partial<Record<OrganisationKind, BusinessLine>>> = {
  'legal-aid-agency': 'legal-aid',
  'mediation-committee': 'mediation',
  'notary-office': 'notarization',
  'appraisal-institution': 'forensic-appraisal',
  'correction-agency': 'community-correction',
  'judicial-office': 'community-correction',
};

/** DOMAIN §3 (and the per-kind sources in REGION_LEVELS_BY_KIND): an organisation sits at the level its kind belongs to. */
export function organisationSitsAtItsKindsLevel(kind: OrganisationKind, regionCode: string): boolean {
  return REGION_LEVELS_BY_KIND[kind].includes(regionLevel(regionCode));
}

/** DOMAIN §3: an agency serves its own line (a legal aid agency serves 'legal-aid', …). */
export function agencyServesItsOwnLine(kind: OrganisationKind, lines: readonly BusinessLine[]): boolean {
  const own = OWN_LINE_BY_KIND[kind];
  return own === undefined || lines.includes(own);
}

/** DOMAIN §3: an organisation serves only the lines its kind handles or routes. */
export function organisationServesOnlyLinesOfItsKind(kind: OrganisationKind, lines: readonly BusinessLine[]): boolean {
  return lines.every((line) => ALLOWED_LINES_BY_KIND[kind].includes(line));
}

/** DOMAIN §9: integrators see only their jurisdiction, so an external organ must declare one. */
export function externalOrganDeclaresJurisdiction(kind: OrganisationKind, jurisdiction: readonly string[]): boolean {
  return !isExternalOrgan(kind) || jurisdiction.length > 0;
}

/** Jurisdiction (管辖) is what external organs cover; everyone else serves its own region subtree. */
export function onlyExternalOrgansDeclareJurisdiction(kind: OrganisationKind, jurisdiction: readonly string[]): boolean {
  return isExternalOrgan(kind) || jurisdiction.length === 0;
}

/** Courts, procuratorates and police are provincial systems: an organ's jurisdiction lies within its own province. */
export function jurisdictionLiesWithinOwnProvince(regionCode: string, jurisdiction: readonly string[]): boolean {
  const province = padRegionCode(regionCode).slice(0, 2).padEnd(12, '0');
  return jurisdiction.every((code) => isWithin(code, province));
}

/** DOMAIN §3: a region's prefix is its ancestry; an organisation sits within its parent's region subtree. */
export function organisationLiesWithinParentRegion(regionCode: string, parent: OrganisationFacts): boolean {
  return isWithin(regionCode, parent.regionCode);
}

/** Records are evidence (DOMAIN §9): nothing new hangs below a closed organisation. */
export function parentIsOpen(parent: OrganisationFacts): boolean {
  return !parent.closed;
}

/** Pads every code (malformed ones throw `REGION_CODE_MALFORMED`) and drops repeats, keeping the given order. */
export function normaliseJurisdiction(codes: readonly string[] | undefined): string[] {
  if (codes === undefined) return [];
  const padded: string[] = [];
  for (const code of codes) {
    const twelve = padRegionCode(code);
    if (!padded.includes(twelve)) padded.push(twelve);
  }
  return padded;
}
