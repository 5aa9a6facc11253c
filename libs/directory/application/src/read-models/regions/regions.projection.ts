import type { RegionEvent } from '@pls/directory-domain';
import { categoryPrefix, parseStreamName, type Projection } from '@pls/event-sourcing';
import { regionLevel } from '@pls/shared-kernel';
import { asDomainEvent, ignoreUnknownEvent, regionPathOf } from '../projection-support';
import type { RegionPopulationDocument } from './region-population.document';

const STREAMS = categoryPrefix('directory', 'region');

export const regionsProjection: Projection<RegionPopulationDocument> = {
  name: 'directory.regions',
  version: 1,
  indexes: [],
  canHandle: (event) => event.streamId.startsWith(STREAMS),
  documentId: (event) => parseStreamName(event.streamId).id,
  evolve(document, recorded) {
    const event = asDomainEvent<RegionEvent>(recorded);
    switch (event.type) {
      case 'RegionPopulationRecorded': {
        const { regionCode, year, population, source } = event.data;
        const figure = { year, population, source, recordedAt: recorded.occurredAt };
        const others = (document?.figures ?? []).filter((existing) => existing.year !== year);
        const figures = [...others, figure].sort((a, b) => a.year - b.year);
        return {
          _id: regionCode,
          regionCode,
          level: regionLevel(regionCode),
          regionPath: regionPathOf(regionCode),
          figures,
          latestYear: figures[figures.length - 1].year,
        };
      }
      default:
        return ignoreUnknownEvent(event.type, document);
    }
  },
};
