import { eventIdFor, streamName, type Actor, type EventStore, type EventToAppend, type ExpectedRevision, type Projection, type ReadDocument } from '@pls/event-sourcing';
import { prng } from './bench-support';

/**
 * A work queue as the front desk's screens need it: one document per case, found by organisation,
 * status and due date. Every status change and deadline move re-keys the document in the compound
 * index, which is the write pattern that makes read-model rebuilds expensive in practice.
 */
export interface WorkQueueItem extends ReadDocument {
  readonly caseId: string;
  readonly orgId: string;
  readonly title: string;
  readonly status: CaseStatus;
  readonly assigneeId: string | null;
  readonly dueAt: string;
  readonly openedAt: string;
  readonly updatedAt: string;
  readonly notes: number;
}

type CaseStatus = 'open' | 'assigned' | 'in-progress' | 'waiting-for-applicant' | 'closed';

const CONTEXT = 'bench';
const CATEGORY = 'case';
const STREAM_PREFIX = `${CONTEXT}.${CATEGORY}-`;

export const WORK_QUEUE_TYPES = {
  opened: `${CONTEXT}.CaseOpened`,
  assigned: `${CONTEXT}.CaseAssigned`,
  statusChanged: `${CONTEXT}.CaseStatusChanged`,
  deadlineExtended: `${CONTEXT}.DeadlineExtended`,
  noteAdded: `${CONTEXT}.NoteAdded`,
  closed: `${CONTEXT}.CaseClosed`,
} as const;

export const workQueueProjection: Projection<WorkQueueItem> = {
  name: 'bench.work-queue',
  version: 1,
  indexes: [{ fields: { orgId: 1, status: 1, dueAt: 1 } }],
  canHandle: (event) => event.streamId.startsWith(STREAM_PREFIX),
  documentId: (event) => event.streamId.slice(STREAM_PREFIX.length),
  evolve(document, event) {
    const data = event.data as Record<string, string>;
    if (event.type === WORK_QUEUE_TYPES.opened) {
      return {
        _id: event.streamId.slice(STREAM_PREFIX.length),
        caseId: event.streamId.slice(STREAM_PREFIX.length),
        orgId: data.orgId,
        title: data.title,
        status: 'open',
        assigneeId: null,
        dueAt: data.dueAt,
        openedAt: event.occurredAt,
        updatedAt: event.occurredAt,
        notes: 0,
      };
    }
    // Only a case that was opened has a queue entry; the runner logs the gap if one was missed.
    if (document === null) return null;
    const touched = { ...document, updatedAt: event.occurredAt };
    switch (event.type) {
      case WORK_QUEUE_TYPES.assigned:
        return { ...touched, assigneeId: data.assigneeId, status: 'assigned' };
      case WORK_QUEUE_TYPES.statusChanged:
        return { ...touched, status: data.status as CaseStatus };
      case WORK_QUEUE_TYPES.deadlineExtended:
        return { ...touched, dueAt: data.dueAt };
      case WORK_QUEUE_TYPES.noteAdded:
        return { ...touched, notes: document.notes + 1 };
      case WORK_QUEUE_TYPES.closed:
        return { ...touched, status: 'closed' };
      default:
        return document;
    }
  },
};

export interface GeneratedAppend {
  readonly streamId: string;
  readonly expectedRevision: ExpectedRevision;
  readonly event: EventToAppend;
}

const ORGANISATIONS = 50;
const ASSIGNEES = 400;
const EPOCH = Date.UTC(2025, 0, 1);
const DAY = 86_400_000;
const ACTOR: Actor = { userId: 'bench-clerk-0001', orgId: 'org-110105-legal-aid-centre', roles: ['clerk'] };
const MIDDLE_STATUSES: readonly CaseStatus[] = ['in-progress', 'waiting-for-applicant', 'in-progress'];

interface OpenCase {
  readonly id: number;
  readonly streamId: string;
  readonly orgId: string;
  readonly length: number;
  next: number;
}

/**
 * A store-wide history of case events, interleaved the way a busy office produces them: about
 * `activeCases` cases are open at once, each lives for 3–13 events (8 on average), and events of
 * different cases alternate in `$all`. Deterministic for a seed. `cases()` tells how many streams
 * it opened, which is the number of queue documents a rebuild must end with.
 */
export function caseHistory(totalEvents: number, seed = 20250101): { events: Iterable<GeneratedAppend>; cases(): number } {
  const activeCases = Math.max(1, Math.min(20_000, Math.ceil(totalEvents / 50)));
  let opened = 0;
  function* generate(): Generator<GeneratedAppend> {
    const random = prng(seed);
    const active: (OpenCase | undefined)[] = new Array(activeCases);
    for (let position = 0; position < totalEvents; position++) {
      const slot = Math.floor(random() * activeCases);
      let current = active[slot];
      if (current === undefined) {
        const id = opened++;
        current = {
          id,
          streamId: streamName(CONTEXT, CATEGORY, `c${String(id).padStart(8, '0')}`),
          orgId: `org-${String(Math.floor(random() * ORGANISATIONS)).padStart(3, '0')}`,
          length: 3 + Math.floor(random() * 11),
          next: 0,
        };
        active[slot] = current;
      }
      const revision = current.next++;
      const last = revision === current.length - 1;
      if (last) active[slot] = undefined;
      yield {
        streamId: current.streamId,
        expectedRevision: revision === 0 ? 'no_stream' : revision - 1,
        event: caseEvent(current, revision, last, position, random),
      };
    }
  }
  return { events: { [Symbol.iterator]: generate }, cases: () => opened };
}

function caseEvent(current: OpenCase, revision: number, last: boolean, position: number, random: () => number): EventToAppend {
  const at = EPOCH + position * 1000;
  const commandId = `${current.streamId}:${revision}`;
  const [type, data] = caseEventBody(current, revision, last, at, random);
  return {
    eventId: eventIdFor(commandId, 0),
    type,
    schemaVersion: 1,
    occurredAt: new Date(at).toISOString(),
    data,
    metadata: { commandId, correlationId: commandId, causationId: commandId, actor: ACTOR, regionCode: '110105', caseCode: `(2025)京0105法援${current.id}号` },
  };
}

function caseEventBody(current: OpenCase, revision: number, last: boolean, at: number, random: () => number): [string, Record<string, unknown>] {
  if (revision === 0) {
    return [
      WORK_QUEUE_TYPES.opened,
      { orgId: current.orgId, title: `Legal aid application ${current.id}`, dueAt: new Date(at + (10 + Math.floor(random() * 20)) * DAY).toISOString(), channel: 'front-desk' },
    ];
  }
  if (last) return [WORK_QUEUE_TYPES.closed, { outcome: random() < 0.8 ? 'granted' : 'denied' }];
  if (revision === 1) return [WORK_QUEUE_TYPES.assigned, { assigneeId: `staff-${String(Math.floor(random() * ASSIGNEES)).padStart(4, '0')}` }];
  const roll = random();
  if (roll < 0.45) return [WORK_QUEUE_TYPES.statusChanged, { status: MIDDLE_STATUSES[Math.floor(random() * MIDDLE_STATUSES.length)] }];
  if (roll < 0.65) return [WORK_QUEUE_TYPES.deadlineExtended, { dueAt: new Date(at + (5 + Math.floor(random() * 30)) * DAY).toISOString(), reason: 'applicant-request' }];
  return [WORK_QUEUE_TYPES.noteAdded, { text: 'Called the applicant; documents promised for next week.' }];
}


/**
 * Writes `caseHistory(totalEvents)` through the store's own append path, `batchSize` single-event
 * appends queued per turn so that group commit writes each batch in one transaction. Returns how
 * many case streams were opened.
 */
export async function appendCaseHistory(store: EventStore, totalEvents: number, batchSize: number): Promise<number> {
  const history = caseHistory(totalEvents);
  let batch: Promise<unknown>[] = [];
  for (const { streamId, event, expectedRevision } of history.events) {
    batch.push(store.appendToStream(streamId, [event], { expectedRevision }));
    if (batch.length === batchSize) {
      await Promise.all(batch);
      batch = [];
    }
  }
  await Promise.all(batch);
  return history.cases();
}
