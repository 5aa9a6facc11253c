import { Args, Context, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type BusinessLine, DirectoryReadModel, DirectoryRegions } from '@pls/directory-application';
import { Allow, type Connection, ROLES, toConnection } from '@pls/shared-api';
import { idInput, optionalRegionCode, regionCodeInput } from '../edge/edge-input';
import { BusinessLineEnum } from '../graphql/enums';
import { OrganisationConnection, OrganisationFilter, OrganisationNode } from '../graphql/organisation.types';
import { RegionNode } from '../graphql/region.types';
import { DirectoryViews } from '../views/directory-views';
import { OrganisationLoader, requestOf } from '../views/organisation.loader';

/**
 * Organisations are reference data every signed-in caller reads (DOMAIN §9): a village clerk must
 * see the county agency to route a matter to it.
 */
@Resolver(() => OrganisationNode)
export class OrganisationsResolver {
  constructor(
    private readonly readModel: DirectoryReadModel,
    private readonly directoryRegions: DirectoryRegions,
    private readonly views: DirectoryViews,
    private readonly loader: OrganisationLoader,
  ) {}

  @Allow(...ROLES)
  @Query(() => OrganisationConnection, { description: 'By region (top-down), kind and name. Closed organisations only with includeClosed.' })
  async organisations(
    @Args('filter', { type: () => OrganisationFilter, nullable: true }) filter?: OrganisationFilter | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<Connection<OrganisationNode>> {
    const page = await this.readModel.findOrganisations(
      { regionCode: optionalRegionCode(filter?.regionCode, 'filter.regionCode'), kind: filter?.kind, line: filter?.line, includeClosed: filter?.includeClosed },
      { first: first ?? undefined, after },
    );
    return toConnection(page, (document) => this.views.organisation(document));
  }

  @Allow(...ROLES)
  @Query(() => OrganisationNode, { nullable: true })
  async organisation(@Args('id', { type: () => ID }) id: string): Promise<OrganisationNode | null> {
    const document = await this.readModel.organisation(idInput(id, 'id'));
    return document && this.views.organisation(document);
  }

  @Allow(...ROLES)
  @Query(() => OrganisationNode, {
    nullable: true,
    description: 'Where a matter of `line` from this region goes by default: the nearest open agency of the line at or above the region (village → township → county → city → province).',
  })
  async defaultAgency(@Args('regionCode') regionCode: string, @Args('line', { type: () => BusinessLineEnum }) line: BusinessLine): Promise<OrganisationNode | null> {
    const document = await this.readModel.defaultAgency(regionCodeInput(regionCode, 'regionCode'), line);
    return document && this.views.organisation(document);
  }

  @ResolveField(() => RegionNode, { nullable: true })
  region(@Parent() organisation: OrganisationNode): RegionNode | null {
    return this.directoryRegions.describe(organisation.regionCode);
  }

  @ResolveField(() => OrganisationNode, { nullable: true })
  async parent(@Parent() organisation: OrganisationNode, @Context() context: { req?: object }): Promise<OrganisationNode | null> {
    if (organisation.parentOrgId === null) return null;
    const document = await this.loader.load(requestOf(context), organisation.parentOrgId);
    return document && this.views.organisation(document);
  }
}
