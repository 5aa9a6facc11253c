import { ORGANISATION_KINDS, type OrganisationEvent, type OrganisationKind } from '@pls/directory-domain';
import { categoryPrefix, parseStreamName, type Projection } from '@pls/event-sourcing';
import { regionLevel } from '@pls/shared-kernel';
import { asDomainEvent, ignoreUnknownEvent, regionPathOf } from '../projection-support';
import type { OrganisationDocument } from './organisation.document';

const STREAMS = categoryPrefix('directory', 'organisation');

/** Starts with the 12-digit region code, which `regionSubtree` relies on. */
export function organisationSortKey(regionCode: string, kind: OrganisationKind, name: string): string {
  return `${regionCode}:${String(ORGANISATION_KINDS.indexOf(kind)).padStart(2, '0')}:${name}`;
}

export const organisationsProjection: Projection<OrganisationDocument> = {
  name: 'directory.organisations',
  version: 1,
  indexes: [
    // Pages in order, and region subtrees as one range of it (regionSubtree).
    { fields: { sortKey: 1 } },
    // defaultAgencyFor: one equality per level walked up; scalar fields, so usable in memory too.
    { fields: { kind: 1, regionCode: 1 } },
    { fields: { parentOrgId: 1 } },
  ],
  canHandle: (event) => event.streamId.startsWith(STREAMS),
  documentId: (event) => parseStreamName(event.streamId).id,
  evolve(document, recorded) {
    const event = asDomainEvent<OrganisationEvent>(recorded);
    switch (event.type) {
      case 'OrganisationRegistered': {
        const { data } = event;
        return {
          _id: data.orgId,
          orgId: data.orgId,
          name: data.name,
          kind: data.kind,
          regionCode: data.regionCode,
          level: regionLevel(data.regionCode),
          regionPath: regionPathOf(data.regionCode),
          parentOrgId: data.parentOrgId ?? null,
          lines: data.lines,
          jurisdiction: data.jurisdiction,
          address: data.address ?? null,
          phone: data.phone ?? null,
          closed: false,
          closedReason: null,
          registeredAt: recorded.occurredAt,
          updatedAt: recorded.occurredAt,
          sortKey: organisationSortKey(data.regionCode, data.kind, data.name),
        };
      }
      case 'OrganisationUpdated': {
        if (document === null) return null;
        const { changes } = event.data;
        const name = changes.name ?? document.name;
        return {
          ...document,
          name,
          lines: changes.lines ?? document.lines,
          jurisdiction: changes.jurisdiction ?? document.jurisdiction,
          // undefined: unchanged; null: cleared.
          address: changes.address === undefined ? document.address : changes.address,
          phone: changes.phone === undefined ? document.phone : changes.phone,
          updatedAt: recorded.occurredAt,
          sortKey: organisationSortKey(document.regionCode, document.kind, name),
        };
      }
      case 'OrganisationClosed':
        return document && { ...document, closed: true, closedReason: event.data.reason, updatedAt: recorded.occurredAt };
      default:
        return ignoreUnknownEvent(event, document);
    }
  },
};
