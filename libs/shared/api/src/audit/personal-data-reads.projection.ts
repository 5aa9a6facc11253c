import { isPersonalDataRead, parseStreamName, type PersonalDataRead, type Projection, type ReadDocument, type RecordedEvent } from '@pls/event-sourcing';

/** One audited read, as the trail shows it; `context` is the service whose store holds the record. */
export interface PersonalDataReadDocument extends ReadDocument, PersonalDataRead {
  readonly context: string;
}

/**
 * `audit.personal-data-reads`: every context's `<context>.PersonalDataRead` in one collection, so the
 * trail is one indexed range read in both modes (in the distributed mode each service's store holds
 * only its own records, and the gateway has no store to scan). One record per stream, revision 0.
 */
export const personalDataReadsProjection: Projection<PersonalDataReadDocument> = {
  name: 'audit.personal-data-reads',
  version: 1,
  indexes: [{ fields: { readAt: 1 } }, { fields: { subjectRegionCode: 1, readAt: 1 } }],
  canHandle: (event) => isPersonalDataRead(event),
  documentId: (event) => parseStreamName(event.streamId).id,
  evolve: (document, event) => document ?? toDocument(event),
};

function toDocument(event: RecordedEvent): PersonalDataReadDocument {
  const read = event.data as PersonalDataRead;
  return {
    _id: parseStreamName(event.streamId).id,
    context: parseStreamName(event.streamId).context,
    readerUserId: read.readerUserId,
    readerOrgId: read.readerOrgId,
    readerRoles: [...read.readerRoles],
    subjectKind: read.subjectKind,
    subjectRef: read.subjectRef,
    subjectRegionCode: read.subjectRegionCode,
    field: read.field,
    reason: read.reason,
    readAt: read.readAt,
  };
}
