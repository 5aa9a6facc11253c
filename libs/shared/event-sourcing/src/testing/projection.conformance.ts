import { randomBytes, randomUUID } from 'node:crypto';
import type { RecordedEvent } from '../envelope';
import { RecordingLogger } from '../logger';
import { physicalCollectionName, type Projection } from '../projection';
import { ProjectionRunner, type RebuildProgress } from '../projection-runner';
import type { ReadDocument, ReadStore } from '../ports/read-store.port';
import { TestCheckpointStore } from './conformance-support';
import { MemoryEventStore } from './memory-event-store';
import type { ReadStoreFactory, ReadStoreHarness } from './read-store.conformance';

interface CaseCard extends ReadDocument {
  readonly title: string;
  readonly orgId: string;
  readonly status: 'open' | 'assigned' | 'closed';
  readonly lawyer?: string;
  readonly notes: number;
}

interface OrgTally extends ReadDocument {
  readonly open: number;
  readonly closed: number;
}

type CaseEventData = { readonly orgId: string; readonly title?: string; readonly lawyer?: string };

/** One document per case stream, deleted when the case is withdrawn. */
function caseCards(name: string, streamPrefix: string): Projection<CaseCard> {
  return {
    name,
    version: 1,
    indexes: [{ fields: { orgId: 1, status: 1 } }],
    canHandle: (event) => event.streamId.startsWith(streamPrefix),
    documentId: (event) => event.streamId,
    evolve: (card, event) => {
      const data = event.data as CaseEventData;
      switch (event.type) {
        case 'conformance.CaseOpened':
          return { _id: event.streamId, title: data.title ?? '', orgId: data.orgId, status: 'open', notes: 0 };
        case 'conformance.LawyerAssigned':
          return card && { ...card, status: 'assigned', lawyer: data.lawyer };
        case 'conformance.NoteAdded':
          return card && { ...card, notes: card.notes + 1 };
        case 'conformance.CaseClosed':
          return card && { ...card, status: 'closed' };
        case 'conformance.CaseWithdrawn':
          return null;
        default:
          return card;
      }
    },
  };
}

/** One document per organisation, fed by every case stream of that organisation. */
function orgTallies(name: string, streamPrefix: string): Projection<OrgTally> {
  return {
    name,
    version: 1,
    indexes: [],
    canHandle: (event) => event.streamId.startsWith(streamPrefix),
    documentId: (event) => (event.data as CaseEventData).orgId,
    evolve: (tally, event) => {
      const current = tally ?? { _id: (event.data as CaseEventData).orgId, open: 0, closed: 0 };
      switch (event.type) {
        case 'conformance.CaseOpened':
          return { ...current, open: current.open + 1 };
        case 'conformance.CaseClosed':
          return { ...current, open: current.open - 1, closed: current.closed + 1 };
        default:
          return current;
      }
    },
  };
}

type Step = readonly [caseNumber: number, type: string, data?: Partial<CaseEventData>];

const HISTORY: readonly Step[] = [
  [1, 'CaseOpened', { title: '劳动争议 法律援助', orgId: 'org-gz' }],
  [2, 'CaseOpened', { title: '交通事故 调解', orgId: 'org-gz' }],
  [1, 'LawyerAssigned', { lawyer: 'lawyer-11' }],
  [3, 'CaseOpened', { title: '继承 公证', orgId: 'org-sz' }],
  [1, 'NoteAdded'],
  [2, 'NoteAdded'],
  [3, 'CaseWithdrawn'],
  [1, 'CaseClosed'],
  [2, 'LawyerAssigned', { lawyer: 'lawyer-12' }],
  [4, 'CaseOpened', { title: '婚姻家庭 法律援助', orgId: 'org-sz' }],
  [2, 'NoteAdded'],
  [4, 'CaseClosed'],
];

/**
 * The projection machinery over a ReadStore adapter: the real ProjectionRunner applying events
 * through the adapter's revision guard, and a rebuild into a new generation.
 */
export function describeProjectionConformance(adapterName: string, factory: ReadStoreFactory): void {
  describe(`Projection conformance over ReadStore: ${adapterName}`, () => {
    let harness: ReadStoreHarness;
    let store: ReadStore;
    let events: MemoryEventStore;
    let logger: RecordingLogger;
    let cards: Projection<CaseCard>;
    let tallies: Projection<OrgTally>;
    let streamPrefix: string;

    beforeEach(async () => {
      harness = await factory.create();
      store = harness.store;
      events = new MemoryEventStore();
      logger = new RecordingLogger();
      const ns = randomBytes(4).toString('hex');
      streamPrefix = `conformance.case-${ns}`;
      cards = caseCards(`conformance.cards-${ns}`, streamPrefix);
      tallies = orgTallies(`conformance.tallies-${ns}`, streamPrefix);
    });

    afterEach(async () => {
      await events.close();
      await harness.dispose();
    });

    const streamOf = (caseNumber: number): string => `${streamPrefix}-${caseNumber}`;
    const record = async (steps: readonly Step[]): Promise<RecordedEvent[]> => {
      const orgOf = new Map<number, string>();
      for (const [caseNumber, type, data] of steps) {
        if (data?.orgId) orgOf.set(caseNumber, data.orgId);
        await events.appendToStream(
          streamOf(caseNumber),
          [
            {
              eventId: randomUUID(),
              type: `conformance.${type}`,
              schemaVersion: 1,
              occurredAt: '2024-05-01T08:00:00.000Z',
              data: { orgId: orgOf.get(caseNumber), ...data },
              metadata: { commandId: randomUUID(), correlationId: 'corr', causationId: 'cause', actor: { userId: 'u-1', orgId: 'org-gz', roles: ['clerk'] } },
            },
          ],
          { expectedRevision: 'any' },
        );
      }
      return events.readAll();
    };
    const runner = async (): Promise<ProjectionRunner> => {
      const projectionRunner = new ProjectionRunner({ readStore: store, projections: [cards, tallies] as unknown as Projection[], logger });
      await projectionRunner.open();
      return projectionRunner;
    };
    const snapshot = async (projectionRunner: ProjectionRunner): Promise<{ cards: ReadDocument[]; tallies: ReadDocument[] }> => ({
      cards: await projectionRunner.collection(cards.name).find({}, { sort: { _id: 1 } }),
      tallies: await projectionRunner.collection(tallies.name).find({}, { sort: { _id: 1 } }),
    });

    it('given an event history, when it is replayed a second time, then the documents are identical and every second application is a counted skip', async () => {
      const history = await record(HISTORY);
      const projectionRunner = await runner();
      for (const event of history) await projectionRunner.apply(event);
      const first = await snapshot(projectionRunner);
      const afterFirst = { ...projectionRunner.stats };

      for (const event of history) await projectionRunner.apply(event);

      expect(await snapshot(projectionRunner)).toEqual(first);
      expect(afterFirst).toEqual({ applied: history.length * 2, skipped: 0, gaps: 0 });
      expect(projectionRunner.stats).toEqual({ applied: history.length * 2, skipped: history.length * 2, gaps: 0 });
      expect(first.cards.map((card) => [card._id, card.status, card.notes, card.lawyer])).toEqual([
        [streamOf(1), 'closed', 1, 'lawyer-11'],
        [streamOf(2), 'assigned', 2, 'lawyer-12'],
        [streamOf(4), 'closed', 0, undefined],
      ]);
      expect(first.tallies.map((tally) => [tally._id, tally.open, tally.closed])).toEqual([
        ['org-gz', 1, 1],
        ['org-sz', 1, 1],
      ]);
    });

    it('given two fresh runners fed the same history, when both finish, then they hold the same documents', async () => {
      const history = await record(HISTORY);
      const firstRunner = await runner();
      for (const event of history) await firstRunner.apply(event);
      const first = await snapshot(firstRunner);
      const ns = randomBytes(4).toString('hex');
      cards = caseCards(`conformance.cards-${ns}`, streamPrefix);
      tallies = orgTallies(`conformance.tallies-${ns}`, streamPrefix);

      const secondRunner = await runner();
      for (const event of history) await secondRunner.apply(event);

      expect(await snapshot(secondRunner)).toEqual(first);
    });

    it('given a redelivered event, when it is applied again, then it is skipped, counted and changes nothing', async () => {
      const history = await record(HISTORY.slice(0, 3));
      const projectionRunner = await runner();
      for (const event of history) await projectionRunner.apply(event);
      const before = await snapshot(projectionRunner);

      await projectionRunner.apply(history[2]);

      expect(projectionRunner.stats).toEqual({ applied: 6, skipped: 2, gaps: 0 });
      expect(await snapshot(projectionRunner)).toEqual(before);
    });

    it('given a missing revision, when the next one arrives, then it is applied, counted as a gap and logged', async () => {
      const history = await record([
        [1, 'CaseOpened', { title: 'gap', orgId: 'org-gz' }],
        [1, 'NoteAdded'],
        [1, 'NoteAdded'],
      ]);
      const projectionRunner = await runner();

      await projectionRunner.apply(history[0]);
      await projectionRunner.apply(history[2]);

      expect(projectionRunner.stats.gaps).toBe(2);
      const card = await projectionRunner.collection<CaseCard>(cards.name).get(streamOf(1));
      expect(card?.notes).toBe(1);
      expect(card?._revisions).toEqual({ [streamOf(1)]: 2 });
      const gapEntries = logger.entries.filter((entry) => entry.level === 'warn' && entry.context?.projection === cards.name);
      expect(gapEntries).toHaveLength(1);
      expect(gapEntries[0].context).toMatchObject({ document: streamOf(1), stream: streamOf(1), expectedRevision: 1, gotRevision: 2, eventId: history[2].eventId });
    });

    it('given a withdrawn case, when its earlier events are redelivered, then it stays deleted', async () => {
      const history = await record(HISTORY);
      const projectionRunner = await runner();
      for (const event of history) await projectionRunner.apply(event);

      for (const event of history.filter((candidate) => candidate.streamId === streamOf(3))) await projectionRunner.apply(event);

      expect(await projectionRunner.collection(cards.name).get(streamOf(3))).toBeNull();
    });

    it('given events in the store, when a projection is rebuilt, then a new generation is filled, swapped in, the old one dropped and progress reported', async () => {
      const history = await record(HISTORY);
      const projectionRunner = await runner();
      for (const event of history) await projectionRunner.apply(event);
      const live = await snapshot(projectionRunner);
      const checkpoints = new TestCheckpointStore();
      const progress: RebuildProgress[] = [];

      const result = await projectionRunner.rebuild(cards.name, events, checkpoints, { batchSize: 5, generation: 'g2', onProgress: (step) => progress.push(step) });

      const rebuilt = physicalCollectionName(cards, 'g2');
      expect(result).toEqual({ events: history.length, physical: rebuilt });
      expect(await store.resolveAlias(cards.name)).toBe(rebuilt);
      const collections = await store.listCollections();
      expect(collections).toContain(rebuilt);
      expect(collections).not.toContain(physicalCollectionName(cards));
      expect((await snapshot(projectionRunner)).cards).toEqual(live.cards);
      expect(progress.map((step) => step.done)).toEqual([5, 10, 12]);
      expect(progress.every((step) => step.projection === cards.name && step.total === 12)).toBe(true);
      expect(await checkpoints.load(`rebuild:${rebuilt}`)).toBe(12);

      const reopened = await runner();
      expect(await reopened.collection(cards.name).find({}, { sort: { _id: 1 } })).toEqual(live.cards);
    });
  });
}
