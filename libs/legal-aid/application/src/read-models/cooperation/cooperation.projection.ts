import { categoryPrefix, parseStreamName, shortType, type Projection, type ReadDocument, type RecordedEvent } from '@pls/event-sourcing';
import { APPLICATION_CONTEXT, COOPERATION_CATEGORY, COOPERATION_EVENT_TYPES, type CooperationEvent } from '@pls/legal-aid-domain';
import { queueKeyOf } from '../applications/applications.projection';

/** A 异地协作 request as both agencies see it: the receiver's queue, the requester's follow-up. */
export interface CooperationRequestDocument extends ReadDocument {
  readonly _id: string;
  readonly applicationId: string;
  readonly applicationNo: string;
  readonly priority: string;
  readonly requestingOrgId: string;
  readonly requestingRegionCode: string;
  readonly receivingOrgId: string;
  readonly receivingRegionCode: string;
  readonly kind: string;
  readonly details: string;
  readonly requestedAt: string;
  readonly requestedByUserId: string;
  readonly dueAt: string;
  readonly status: 'requested' | 'answered';
  readonly result: string | null;
  readonly notes: string | null;
  readonly answeredAt: string | null;
  readonly answeredByUserId: string | null;
  readonly onTime: boolean | null;
  /** Open requests only: green channel first, then the soonest due. */
  readonly queueKey: string | null;
}

const PREFIX = categoryPrefix(APPLICATION_CONTEXT, COOPERATION_CATEGORY);
const KNOWN = new Set<string>(COOPERATION_EVENT_TYPES);

export const cooperationProjection: Projection<CooperationRequestDocument> = {
  name: 'legal-aid.cooperation-requests',
  version: 1,
  indexes: [{ fields: { receivingOrgId: 1, queueKey: 1 } }, { fields: { requestingOrgId: 1, requestedAt: -1 } }, { fields: { applicationId: 1 } }],
  canHandle: (event) => event.streamId.startsWith(PREFIX),
  documentId: (event) => parseStreamName(event.streamId).id,
  evolve: (document, recorded) => evolveCooperationDocument(document, recorded),
};

export function evolveCooperationDocument(document: CooperationRequestDocument | null, recorded: RecordedEvent): CooperationRequestDocument | null {
  const type = shortType(recorded.type);
  if (!KNOWN.has(type)) return document;
  const event = { type, data: recorded.data } as CooperationEvent;
  switch (event.type) {
    case 'CooperationRequested': {
      const { data } = event;
      return {
        _id: data.requestId,
        applicationId: data.applicationId,
        applicationNo: data.applicationNo,
        priority: data.priority,
        requestingOrgId: data.requestingAgency.orgId,
        requestingRegionCode: data.requestingAgency.regionCode,
        receivingOrgId: data.receivingAgency.orgId,
        receivingRegionCode: data.receivingAgency.regionCode,
        kind: data.kind,
        details: data.details,
        requestedAt: data.requestedAt,
        requestedByUserId: data.requestedBy.userId,
        dueAt: data.dueAt,
        status: 'requested',
        result: null,
        notes: null,
        answeredAt: null,
        answeredByUserId: null,
        onTime: null,
        queueKey: queueKeyOf(data.priority, data.dueAt),
      };
    }
    case 'CooperationAnswered':
      if (!document) return null;
      return { ...document, status: 'answered', result: event.data.result, notes: event.data.notes, answeredAt: event.data.answeredAt, answeredByUserId: event.data.answeredBy.userId, onTime: event.data.onTime, queueKey: null };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}
