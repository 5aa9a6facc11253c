import { Inject, Injectable } from '@nestjs/common';
import type {
  AppraisalCategory,
  BusinessLine,
  DisputeCategory,
  LawyerSpecialty,
  OrganisationKind,
  ProfileKind,
  StaffRole,
} from '@pls/directory-domain';
import { HANDLING_AGENCY_KIND } from '@pls/directory-contracts';
import { type Filter, openProjectionCollection, type Page, type PageRequest, paginate, READ_STORE, type ReadStore } from '@pls/event-sourcing';
import { padRegionCode } from '@pls/shared-kernel';
import type { OrganisationDocument } from './organisations/organisation.document';
import { organisationsProjection } from './organisations/organisations.projection';
import { regionPathOf, regionSubtree } from './projection-support';
import type { RegionPopulationDocument } from './regions/region-population.document';
import { regionsProjection } from './regions/regions.projection';
import type { StaffMemberDocument } from './staff/staff-member.document';
import { staffProjection } from './staff/staff.projection';

export interface OrganisationQuery {
  /** Organisations in this region's subtree. */
  readonly regionCode?: string | null;
  readonly kind?: OrganisationKind | null;
  readonly line?: BusinessLine | null;
  /** Closed organisations are history: left out unless asked for. */
  readonly includeClosed?: boolean | null;
}

export interface StaffQuery {
  /** The region subtree the query covers (already checked against the requester); null: all. */
  readonly scope: string | null;
  readonly orgId?: string | null;
  readonly role?: StaffRole | null;
  readonly line?: BusinessLine | null;
  readonly profile?: ProfileKind | null;
  /** Lawyers holding every one of these. */
  readonly specialties?: readonly LawyerSpecialty[] | null;
  readonly disputeCategory?: DisputeCategory | null;
  readonly appraisalCategory?: AppraisalCategory | null;
  readonly minCriminalDefenceYears?: number | null;
  readonly includeInactive?: boolean | null;
}

const BY_SORT_KEY = { field: 'sortKey', direction: 1 } as const;

function staffFilter(query: StaffQuery): Filter {
  const filter: Record<string, unknown> = {};
  if (query.scope) filter['sortKey'] = regionSubtree(query.scope);
  if (query.orgId) filter['orgId'] = query.orgId;
  if (query.role) filter['roles'] = query.role;
  if (query.line) filter['lines'] = query.line;
  if (query.profile) filter['profileKinds'] = query.profile;
  if (query.specialties && query.specialties.length > 0) filter['lawyerSpecialties'] = { $all: [...query.specialties] };
  if (query.disputeCategory) filter['disputeCategories'] = query.disputeCategory;
  if (query.appraisalCategory) filter['appraisalCategories'] = query.appraisalCategory;
  // A number range never matches null, so this also keeps the query to lawyers.
  if (query.minCriminalDefenceYears !== undefined && query.minCriminalDefenceYears !== null) filter['criminalDefenceYears'] = { $gte: query.minCriminalDefenceYears };
  if (!query.includeInactive) filter['active'] = true;
  return filter;
}

/**
 * Queries over the directory's read models. Collections are opened per call through their alias,
 * so a rebuild that swaps a projection to a new generation is picked up at once.
 */
@Injectable()
export class DirectoryReadModel {
  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore) {}

  private organisations() {
    return openProjectionCollection(this.readStore, organisationsProjection);
  }

  private staff() {
    return openProjectionCollection(this.readStore, staffProjection);
  }

  private regions() {
    return openProjectionCollection(this.readStore, regionsProjection);
  }

  async organisation(orgId: string): Promise<OrganisationDocument | null> {
    return (await this.organisations()).get(orgId);
  }

  async organisationsByIds(orgIds: readonly string[]): Promise<Map<string, OrganisationDocument>> {
    const found = await (await this.organisations()).find({ _id: { $in: [...new Set(orgIds)] } });
    return new Map(found.map((document) => [document.orgId, document]));
  }

  async findOrganisations(query: OrganisationQuery, page: PageRequest): Promise<Page<OrganisationDocument>> {
    const filter: Record<string, unknown> = {};
    if (query.regionCode) filter['sortKey'] = regionSubtree(query.regionCode);
    if (query.kind) filter['kind'] = query.kind;
    if (query.line) filter['lines'] = query.line;
    if (!query.includeClosed) filter['closed'] = false;
    return paginate(await this.organisations(), filter, BY_SORT_KEY, page);
  }

  /**
   * The nearest open agency of the line's kind at or above `regionCode`. Several at the nearest
   * level (a county's general committee beside its traffic-accident committee): the longest
   * standing one, which is the general one in practice; ties by id, so the answer is stable.
   */
  async defaultAgency(regionCode: string, line: BusinessLine): Promise<OrganisationDocument | null> {
    const path = regionPathOf(regionCode);
    const candidates = await (await this.organisations()).find({ kind: HANDLING_AGENCY_KIND[line], regionCode: { $in: path }, closed: false, lines: line });
    const depth = (document: OrganisationDocument) => path.indexOf(document.regionCode);
    const [nearest] = candidates.sort(
      (a, b) => depth(b) - depth(a) || a.registeredAt.localeCompare(b.registeredAt) || (a.orgId < b.orgId ? -1 : a.orgId > b.orgId ? 1 : 0),
    );
    return nearest ?? null;
  }

  async openChildOrganisations(orgId: string): Promise<number> {
    return (await this.organisations()).count({ parentOrgId: orgId, closed: false });
  }

  async staffMember(userId: string): Promise<StaffMemberDocument | null> {
    return (await this.staff()).get(userId);
  }

  async staffMemberByUsername(username: string): Promise<StaffMemberDocument | null> {
    const [found] = await (await this.staff()).find({ username }, { limit: 1 });
    return found ?? null;
  }

  async findStaff(query: StaffQuery, page: PageRequest): Promise<Page<StaffMemberDocument>> {
    return paginate(await this.staff(), staffFilter(query), BY_SORT_KEY, page);
  }

  async listStaff(query: StaffQuery, limit: number): Promise<StaffMemberDocument[]> {
    return (await this.staff()).find(staffFilter(query), { sort: { sortKey: 1, _id: 1 }, limit });
  }

  async activeStaffCount(orgId: string): Promise<number> {
    return (await this.staff()).count({ orgId, active: true });
  }

  /** Active members of `orgId` holding any of `lines`. */
  async activeStaffHoldingAnyLine(orgId: string, lines: readonly BusinessLine[]): Promise<StaffMemberDocument[]> {
    return (await this.staff()).find({ orgId, active: true, lines: { $in: [...lines] } }, { sort: { sortKey: 1, _id: 1 }, limit: 20 });
  }

  async regionPopulation(regionCode: string): Promise<RegionPopulationDocument | null> {
    return (await this.regions()).get(padRegionCode(regionCode));
  }
}
