import { categoryPrefix, shortType, type Projection, type ReadDocument, type RecordedEvent } from '@pls/event-sourcing';
import { APPLICATION_CONTEXT, REGION_SETTINGS_CATEGORY, REGION_SETTINGS_EVENT_TYPES, type RegionSettingsEvent } from '@pls/legal-aid-domain';

/** A region's own legal aid settings (not inherited ones: the query walks up the ancestry). */
export interface RegionSettingsDocument extends ReadDocument {
  readonly _id: string;
  readonly regionCode: string;
  readonly acceptWithMaterialsOutstanding: boolean;
  readonly setAt: string;
  readonly setByUserId: string;
}

const PREFIX = categoryPrefix(APPLICATION_CONTEXT, REGION_SETTINGS_CATEGORY);
const KNOWN = new Set<string>(REGION_SETTINGS_EVENT_TYPES);

export const regionSettingsProjection: Projection<RegionSettingsDocument> = {
  name: 'legal-aid.region-settings',
  version: 1,
  indexes: [{ fields: { regionCode: 1 } }],
  canHandle: (event) => event.streamId.startsWith(PREFIX),
  documentId: (event) => String((event.data as { regionCode: string }).regionCode),
  evolve: (document, recorded) => evolveRegionSettingsDocument(document, recorded),
};

export function evolveRegionSettingsDocument(document: RegionSettingsDocument | null, recorded: RecordedEvent): RegionSettingsDocument | null {
  const type = shortType(recorded.type);
  if (!KNOWN.has(type)) return document;
  const event = { type, data: recorded.data } as RegionSettingsEvent;
  switch (event.type) {
    case 'AcceptWithMaterialsOutstandingSet':
      return { _id: event.data.regionCode, regionCode: event.data.regionCode, acceptWithMaterialsOutstanding: event.data.allowed, setAt: event.data.setAt, setByUserId: event.data.setBy.userId };
    default:
      return unknownEvent(event.type);
  }
}

function unknownEvent(type: never): never {
  throw new TypeError(`unhandled region settings event ${String(type)}`);
}
