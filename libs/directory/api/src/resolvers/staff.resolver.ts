import { Args, Context, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { assertMaySeeStaffMember, DirectoryReadModel, DirectoryRegions, staffQueryScope } from '@pls/directory-application';
import { Allow, type Caller, type Connection, CurrentCaller, ROLES, toConnection } from '@pls/shared-api';
import { idInput, intInRange, optionalId, optionalRegionCode } from '../edge/edge-input';
import { OrganisationNode } from '../graphql/organisation.types';
import { RegionNode } from '../graphql/region.types';
import { StaffFilter, StaffMemberConnection, StaffMemberNode } from '../graphql/staff.types';
import { DirectoryViews } from '../views/directory-views';
import { OrganisationLoader, requestOf } from '../views/organisation.loader';

const MAX_PRACTICE_YEARS = 70;

/**
 * Staff lists: admins see every region, everyone else their own region subtree (a request for a
 * region outside it is refused, OUTSIDE_REGION_SCOPE). Every phone but the caller's own is masked:
 * reading another's is the audited `unmaskedStaffPhone`.
 */
@Resolver(() => StaffMemberNode)
export class StaffResolver {
  constructor(
    private readonly readModel: DirectoryReadModel,
    private readonly directoryRegions: DirectoryRegions,
    private readonly views: DirectoryViews,
    private readonly loader: OrganisationLoader,
  ) {}

  @Allow(...ROLES)
  @Query(() => StaffMemberConnection, { description: 'By region (top-down) and name. Pools: profile, specialty, disputeCategory, appraisalCategory, minCriminalDefenceYears.' })
  async staffMembers(
    @CurrentCaller() caller: Caller,
    @Args('filter', { type: () => StaffFilter, nullable: true }) filter?: StaffFilter | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<Connection<StaffMemberNode>> {
    const page = await this.readModel.findStaff(
      {
        scope: staffQueryScope(caller, optionalRegionCode(filter?.regionCode, 'filter.regionCode')),
        orgId: optionalId(filter?.orgId, 'filter.orgId'),
        role: filter?.role,
        line: filter?.line,
        profile: filter?.profile,
        specialties: filter?.specialty ? [filter.specialty] : null,
        disputeCategory: filter?.disputeCategory,
        appraisalCategory: filter?.appraisalCategory,
        minCriminalDefenceYears: intInRange(filter?.minCriminalDefenceYears, 'filter.minCriminalDefenceYears', 0, MAX_PRACTICE_YEARS),
        includeInactive: filter?.includeInactive,
      },
      { first: first ?? undefined, after },
    );
    const nodes = this.views.staffMembers(page.nodes, caller);
    return toConnection({ ...page, nodes }, (node) => node);
  }

  @Allow(...ROLES)
  @Query(() => StaffMemberNode, { nullable: true, description: 'Null when unknown; FORBIDDEN (OUTSIDE_REGION_SCOPE) when outside the caller\'s region subtree.' })
  async staffMember(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<StaffMemberNode | null> {
    const document = await this.readModel.staffMember(idInput(id, 'id'));
    if (document === null) return null;
    assertMaySeeStaffMember(caller, document);
    return this.views.staffMembers([document], caller)[0];
  }

  @ResolveField(() => OrganisationNode, { nullable: true })
  async organisation(@Parent() member: StaffMemberNode, @Context() context: { req?: object }): Promise<OrganisationNode | null> {
    const document = await this.loader.load(requestOf(context), member.orgId);
    return document && this.views.organisation(document);
  }

  @ResolveField(() => RegionNode, { nullable: true })
  region(@Parent() member: StaffMemberNode): RegionNode | null {
    return this.directoryRegions.describe(member.regionCode);
  }
}
