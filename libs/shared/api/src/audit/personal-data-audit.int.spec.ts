import { appendPersonalDataRead, ProjectionRunner, RecordingLogger, type RecordedEvent } from '@pls/event-sourcing';
import { MemoryEventStore } from '@pls/event-sourcing/testing';
import { MemoryReadStore } from '@pls/infrastructure';
import { ManualClock, type Caller } from '@pls/shared-kernel';
import { PersonalDataAudit } from './personal-data-audit';
import { personalDataReadsProjection } from './personal-data-reads.projection';

const LEZHI = '512022000000';
const WUTONGQIAO = '511112000000';
const clerk: Caller = { userId: 'clerk', name: '李', orgId: 'desk', roles: ['clerk'], regionCode: '512022101000', lines: [] };
const lezhiSupervisor: Caller = { userId: 'sup', name: '王', orgId: 'bureau', roles: ['supervisor'], regionCode: LEZHI, lines: [] };
const wtqSupervisor: Caller = { ...lezhiSupervisor, userId: 'wtq-sup', regionCode: WUTONGQIAO };

/** Reads written by three contexts, each to its own store as in the distributed mode, a minute apart. */
async function readsInThreeStores(): Promise<RecordedEvent[]> {
  const clock = new ManualClock('2026-03-02T01:00:00.000Z');
  const events: RecordedEvent[] = [];
  const writes = [
    { context: 'intake', read: { subjectKind: 'matter-applicant', subjectRef: 'SC-AMAQ-6KVA', subjectRegionCode: '512022101000', field: 'ID_NUMBER', reason: '核实身份' } },
    { context: 'mediation', read: { subjectKind: 'mediation-party', subjectRef: '（2026）川乐调字第0001号/P1', subjectRegionCode: '512022101208', field: 'PHONE', reason: '通知调解' } },
    { context: 'legal-aid', read: { subjectKind: 'legal-aid-applicant', subjectRef: '（2026）川乐援字第0001号', subjectRegionCode: LEZHI, field: 'ID_NUMBER', reason: '经济困难核查' } },
    { context: 'directory', read: { subjectKind: 'staff', subjectRef: 'wtq-clerk', subjectRegionCode: WUTONGQIAO, field: 'PHONE', reason: '值班调度' } },
  ] as const;
  for (const { context, read } of writes) {
    const store = new MemoryEventStore();
    await appendPersonalDataRead(store, clock, context, clerk, read);
    events.push(...(await store.readAll()));
    clock.advance(60_000);
  }
  return events;
}

async function project(events: readonly RecordedEvent[], rounds: number) {
  const readStore = new MemoryReadStore();
  const runner = new ProjectionRunner({ readStore, projections: [personalDataReadsProjection], logger: new RecordingLogger() });
  await runner.open();
  for (let round = 0; round < rounds; round++) for (const event of events) await runner.apply(event);
  return { readStore, runner };
}

describe('the personal-data audit trail projection', () => {
  it('given reads recorded in four services\' own stores, when replayed twice, then every read is one document, unchanged and without gaps', async () => {
    const events = await readsInThreeStores();
    expect(new Set(events.map((event) => event.streamId)).size).toBe(4);
    expect(events.map((event) => event.type)).toEqual(['intake.PersonalDataRead', 'mediation.PersonalDataRead', 'legal-aid.PersonalDataRead', 'directory.PersonalDataRead']);
    const once = await project(events, 1);
    const twice = await project(events, 2);
    const all = async (readStore: MemoryReadStore) => (await readStore.collection('audit.personal-data-reads.v1', personalDataReadsProjection)).find({}, { sort: { readAt: 1 } });
    expect(await all(twice.readStore)).toEqual(await all(once.readStore));
    expect(twice.runner.stats).toEqual({ applied: 4, skipped: 4, gaps: 0 });
  });

  it('ignores events that are not audit records, even when they carry the name in another stream', async () => {
    const [read] = await readsInThreeStores();
    const impostor = { ...read, streamId: 'intake.matter-m1' };
    expect(personalDataReadsProjection.canHandle(read)).toBe(true);
    expect(personalDataReadsProjection.canHandle(impostor)).toBe(false);
    expect(personalDataReadsProjection.canHandle({ ...read, type: 'intake.MatterRegistered' })).toBe(false);
  });

  it('when a supervisor queries the trail, then they see the reads about their subtree in the period, oldest first, and page through them', async () => {
    const { readStore } = await project(await readsInThreeStores(), 1);
    const audit = new PersonalDataAudit(readStore);
    const day = { from: '2026-03-02T00:00:00Z', to: '2026-03-02T23:59:59Z' };
    const lezhi = await audit.trail(lezhiSupervisor, day);
    expect(lezhi.nodes.map((read) => read.context)).toEqual(['intake', 'mediation', 'legal-aid']);
    expect(lezhi.totalCount).toBe(3);
    expect((await audit.trail(wtqSupervisor, day)).nodes.map((read) => read.subjectRef)).toEqual(['wtq-clerk']);
    const first = await audit.trail(lezhiSupervisor, { ...day, first: 2 });
    const second = await audit.trail(lezhiSupervisor, { ...day, first: 2, after: first.endCursor });
    expect([...first.nodes, ...second.nodes].map((read) => read.context)).toEqual(['intake', 'mediation', 'legal-aid']);
    expect(second.hasNextPage).toBe(false);
    expect((await audit.trail(lezhiSupervisor, { from: '2026-03-02T01:00:30Z', to: '2026-03-02T01:01:30Z' })).nodes.map((read) => read.context)).toEqual(['mediation']);
  });

  it('when a supervisor asks for another county\'s trail or a forged cursor, then it is refused with its code', async () => {
    const { readStore } = await project(await readsInThreeStores(), 1);
    const audit = new PersonalDataAudit(readStore);
    const day = { from: '2026-03-02T00:00:00Z', to: '2026-03-02T23:59:59Z' };
    await expect(audit.trail(wtqSupervisor, { ...day, regionCode: '512022' })).rejects.toMatchObject({ code: 'OUTSIDE_REGION_SCOPE' });
    await expect(audit.trail(lezhiSupervisor, { ...day, after: Buffer.from(JSON.stringify([{ $gt: '' }, 'x'])).toString('base64url') })).rejects.toMatchObject({ code: 'CURSOR_INVALID' });
    await expect(audit.trail(lezhiSupervisor, { ...day, after: Buffer.from(JSON.stringify([1, 'x'])).toString('base64url') })).rejects.toMatchObject({ code: 'CURSOR_INVALID' });
  });
});

describe('appending an audit record', () => {
  it('refuses a missing, oversized or control-character reason and appends nothing', async () => {
    const store = new MemoryEventStore();
    const clock = new ManualClock('2026-03-02T01:00:00.000Z');
    const read = { subjectKind: 'staff', subjectRef: 'u1', subjectRegionCode: LEZHI, field: 'PHONE' } as const;
    await expect(appendPersonalDataRead(store, clock, 'directory', clerk, { ...read, reason: ' ' })).rejects.toMatchObject({ code: 'AUDIT_REASON_REQUIRED' });
    await expect(appendPersonalDataRead(store, clock, 'directory', clerk, { ...read, reason: '因'.repeat(501) })).rejects.toMatchObject({ code: 'AUDIT_REASON_TOO_LONG' });
    await expect(appendPersonalDataRead(store, clock, 'directory', clerk, { ...read, reason: '核实\u0007身份' })).rejects.toMatchObject({ code: 'CONTROL_CHARACTERS' });
    expect(await store.headPosition()).toBe(0);
  });
});
