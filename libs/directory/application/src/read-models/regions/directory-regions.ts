import { Inject, Injectable } from '@nestjs/common';
import { InvalidInput, type Region, REGION_LEVELS, type RegionLevel } from '@pls/shared-kernel';
import { DIRECTORY_REGION_CATALOG, type DirectoryRegionCatalog } from '../../directory-options';
import { DirectoryReadModel } from '../directory-read-model';
import { type PopulationFigureDocument, populationFigureFor } from './region-population.document';

function isDetailMissing(error: unknown): boolean {
  return error instanceof InvalidInput && error.code === 'REGION_DETAIL_NOT_LOADED';
}

/** More than this in one list is a request to narrow (a province has tens of thousands of villages). */
export const MAX_REGIONS_PER_LIST = 2_000;

/** Regions as the catalog names them (2023 division data), with the populations the directory recorded. */
@Injectable()
export class DirectoryRegions {
  constructor(
    @Inject(DIRECTORY_REGION_CATALOG) private readonly catalog: DirectoryRegionCatalog,
    private readonly readModel: DirectoryReadModel,
  ) {}

  /** Null for a well-formed code the data does not have. */
  region(code: string): Region | null {
    return this.catalog.get(code);
  }

  /** For showing beside a record: null, not an error, when the catalog holds no detail for its province. */
  describe(code: string): Region | null {
    try {
      return this.catalog.get(code);
    } catch (error) {
      if (isDetailMissing(error)) return null;
      throw error;
    }
  }

  require(code: string): Region {
    return this.catalog.require(code);
  }

  path(code: string): Region[] {
    return this.catalog.path(code);
  }

  /**
   * The regions at `level` below `parentCode` (the provinces when absent); without a level, the
   * parent's direct children. A city without counties (东莞) has townships right below it.
   */
  list(parentCode: string | null, level: RegionLevel | null): Region[] {
    const parent = parentCode === null ? null : this.catalog.require(parentCode);
    const below = parent === null ? 0 : REGION_LEVELS.indexOf(parent.level) + 1;
    if (level !== null && REGION_LEVELS.indexOf(level) < below) {
      throw new InvalidInput('REGION_LEVEL_NOT_BELOW_PARENT', `${level} regions do not lie below a ${parent?.level ?? 'country'}`, { parentCode, level });
    }
    if (below >= REGION_LEVELS.length) return [];
    const target = REGION_LEVELS.indexOf(level ?? REGION_LEVELS[below]);
    const found: Region[] = [];
    let frontier = parent === null ? this.catalog.provinces() : this.catalog.children(parent.code);
    while (frontier.length > 0) {
      const next: Region[] = [];
      for (const region of frontier) {
        const depth = REGION_LEVELS.indexOf(region.level);
        if (depth === target) found.push(region);
        else if (depth < target) next.push(...this.childrenAbove(region, target));
      }
      if (found.length + next.length > MAX_REGIONS_PER_LIST) {
        throw new InvalidInput('REGION_LIST_TOO_LARGE', `more than ${MAX_REGIONS_PER_LIST} regions; ask for a lower parent or a higher level`, { parentCode, level });
      }
      frontier = next;
    }
    return found.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  }

  /**
   * A city without counties (东莞, 中山) has its townships as children, which the catalog holds only
   * for configured provinces. Counties and above never need them: such a city has no county rows.
   */
  private childrenAbove(region: Region, target: number): Region[] {
    try {
      return this.catalog.children(region.code);
    } catch (error) {
      if (target <= REGION_LEVELS.indexOf('county') && isDetailMissing(error)) return [];
      throw error;
    }
  }

  /** For `year` (or the latest recorded when null), else the latest earlier year. */
  async population(code: string, year: number | null): Promise<PopulationFigureDocument | null> {
    return populationFigureFor(await this.readModel.regionPopulation(code), year ?? Number.MAX_SAFE_INTEGER);
  }

  async populations(code: string): Promise<readonly PopulationFigureDocument[]> {
    return (await this.readModel.regionPopulation(code))?.figures ?? [];
  }
}
