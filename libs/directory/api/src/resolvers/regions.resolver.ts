import { Args, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DirectoryRegions } from '@pls/directory-application';
import { Allow, ROLES } from '@pls/shared-api';
import type { RegionLevel } from '@pls/shared-kernel';
import { optionalRegionCode, regionCodeInput } from '../edge/edge-input';
import { RegionLevelEnum } from '../graphql/enums';
import { PopulationFigure, RegionNode } from '../graphql/region.types';

/** Regions are reference data: every signed-in caller reads them (DOMAIN §9). */
@Resolver(() => RegionNode)
export class RegionsResolver {
  constructor(private readonly directoryRegions: DirectoryRegions) {}

  @Allow(...ROLES)
  @Query(() => [RegionNode], {
    description: 'The regions at `level` below `parentCode` (the provinces when absent); without a level, the direct children. At most 2,000: REGION_LIST_TOO_LARGE asks to narrow.',
  })
  regions(
    @Args('parentCode', { type: () => String, nullable: true }) parentCode?: string | null,
    @Args('level', { type: () => RegionLevelEnum, nullable: true }) level?: RegionLevel | null,
  ): RegionNode[] {
    return this.directoryRegions.list(optionalRegionCode(parentCode, 'parentCode'), level ?? null);
  }

  @Allow(...ROLES)
  @Query(() => RegionNode, { nullable: true, description: 'A region by its 6, 9 or 12-digit code; null when the division data has no such region.' })
  region(@Args('code') code: string): RegionNode | null {
    return this.directoryRegions.region(regionCodeInput(code, 'code'));
  }

  @ResolveField(() => [RegionNode], { description: 'From the province down to the region itself.' })
  path(@Parent() region: RegionNode): RegionNode[] {
    return this.directoryRegions.path(region.code);
  }

  @ResolveField(() => [RegionNode])
  children(@Parent() region: RegionNode): RegionNode[] {
    return this.directoryRegions.list(region.code, null);
  }

  @ResolveField(() => PopulationFigure, { nullable: true, description: 'For `year`, else the latest recorded year before it; without a year, the latest.' })
  population(@Parent() region: RegionNode, @Args('year', { type: () => Int, nullable: true }) year?: number | null): Promise<PopulationFigure | null> {
    return this.directoryRegions.population(region.code, year ?? null);
  }

  @ResolveField(() => [PopulationFigure])
  async populations(@Parent() region: RegionNode): Promise<PopulationFigure[]> {
    return [...(await this.directoryRegions.populations(region.code))];
  }
}
