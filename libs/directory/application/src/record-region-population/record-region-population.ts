import { Inject, Injectable } from '@nestjs/common';
import { regionStreamId } from '@pls/directory-domain';
import { assertMayManageReferenceData } from '../access/directory-access.policy';
import { inRegion, type UseCaseContext } from '../access/requester';
import { DirectoryCommandHandlers } from '../directory-command-handlers';
import { DIRECTORY_REGION_CATALOG, type DirectoryRegionCatalog } from '../directory-options';

export interface RecordRegionPopulationInput {
  readonly regionCode: string;
  readonly year: number;
  readonly population: number;
  readonly source: string;
}

@Injectable()
export class RecordRegionPopulation {
  constructor(
    private readonly handlers: DirectoryCommandHandlers,
    @Inject(DIRECTORY_REGION_CATALOG) private readonly regions: DirectoryRegionCatalog,
  ) {}

  async execute(input: RecordRegionPopulationInput, { requester, metadata }: UseCaseContext): Promise<{ readonly regionCode: string }> {
    assertMayManageReferenceData(requester, 'region populations');
    const region = this.regions.require(input.regionCode);
    await this.handlers.regions.handle(regionStreamId(region.code), {
      type: 'RecordRegionPopulation',
      data: { regionCode: region.code, year: input.year, population: input.population, source: input.source },
      metadata: inRegion(metadata, region.code),
    });
    return { regionCode: region.code };
  }
}
