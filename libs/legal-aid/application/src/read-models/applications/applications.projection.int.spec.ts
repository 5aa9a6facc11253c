import { CommandHandler, ProjectionRunner, RecordingLogger, type RecordedEvent } from '@pls/event-sourcing';
import { MemoryEventStore } from '@pls/event-sourcing/testing';
import { MemoryReadStore } from '@pls/infrastructure';
import { APPLICATION_CONTEXT, applicationStreamId, cooperationDecider, cooperationStreamId, legalAidDecider, type ApplicationCommand, type CooperationCommand } from '@pls/legal-aid-domain';
import { residentIdCheckCharacter, StatutoryCalendar } from '@pls/shared-kernel';
import type { LegalAidApplicationDocument } from './application.document';
import { applicationsProjection, evolveApplicationDocument } from './applications.projection';

const agency = { orgId: 'org-legal-aid', regionCode: '512022000000' };
const handler = { userId: 'handler', orgId: agency.orgId, roles: ['handler'] };
const idNumber = '51202219850312003' + residentIdCheckCharacter('51202219850312003');

let sequence = 0;
function command(type: ApplicationCommand['type'], data: unknown, now: string): ApplicationCommand {
  return { type, data, metadata: { commandId: `00000000-0000-4000-8000-${String(++sequence).padStart(12, '0')}`, now, actor: handler } } as ApplicationCommand;
}

/** A migrant worker's wage claim from the front desk, walked from receipt to the closure review. */
async function applicationHistory(): Promise<RecordedEvent[]> {
  const store = new MemoryEventStore();
  const commands = new CommandHandler({ context: APPLICATION_CONTEXT, decider: legalAidDecider({ calendar: new StatutoryCalendar() }), store });
  const send = (c: ApplicationCommand) => commands.handle(applicationStreamId('a1'), c);
  await send(command('ReceiveApplication', {
    applicationId: 'a1', applicationNo: '（2026）川乐援字第0001号', agencyOrgId: agency.orgId, agencyRegionCode: agency.regionCode,
    source: { kind: 'front-desk', frontDesk: { matterId: 'm1', caseCode: 'SC-AMAQ-6KVA' } },
    applicant: { name: '罗大勇', idNumber, phone: '13990081234' }, category: { kind: 'civil', subCategory: 'labour-relations-remuneration' }, adverseParty: { name: '某建筑公司' },
    means: { declaredHardship: true, exemption: { article: 42, grounds: ['migrant-worker-wages-or-work-injury'] } },
  }, '2026-03-02T01:00:00.000Z'));
  await send(command('GrantAid', {}, '2026-03-03T01:00:00.000Z'));
  await send(command('AssignLawyer', {
    lawyer: { lawyerId: 'lawyer-zhou', firmOrgId: 'firm-1', practiceYears: 3, criminalDefenceYears: 0, specialties: ['labour'], openCases: 0, maxConcurrentCases: 5 }, otherOpenMatters: [],
  }, '2026-03-04T01:00:00.000Z'));
  await send(command('SignEntrustment', {}, '2026-03-05T01:00:00.000Z'));
  await send(command('EndMatter', { endedAt: '2026-03-20T01:00:00.000Z', resultSummary: '已追回工资' }, '2026-03-20T01:00:00.000Z'));
  await send(command('SubmitClosureMaterials', {}, '2026-03-25T01:00:00.000Z'));
  await send(command('ReviewClosure', { quality: 'good', subsidyYuan: 1500 }, '2026-03-26T01:00:00.000Z'));
  return store.readAll();
}

/** An application under review whose agency asked another region's agency to verify means, answered there. */
async function cooperationHistory(): Promise<RecordedEvent[]> {
  const store = new MemoryEventStore();
  const commands = new CommandHandler({ context: APPLICATION_CONTEXT, decider: legalAidDecider({ calendar: new StatutoryCalendar() }), store });
  const cooperation = new CommandHandler({ context: APPLICATION_CONTEXT, decider: cooperationDecider({ calendar: new StatutoryCalendar() }), store });
  await commands.handle(applicationStreamId('a1'), command('ReceiveApplication', {
    applicationId: 'a1', applicationNo: '（2026）川乐援字第0002号', agencyOrgId: agency.orgId, agencyRegionCode: agency.regionCode, source: { kind: 'direct' },
    applicant: { name: '孙建华', idNumber }, category: { kind: 'civil', subCategory: 'personal-injury' }, adverseParty: null, means: { declaredHardship: true },
  }, '2026-03-02T01:00:00.000Z'));
  const ask = (c: CooperationCommand) => cooperation.handle(cooperationStreamId('r1'), c);
  await ask({ type: 'RequestCooperation', data: { requestId: 'r1', applicationId: 'a1', applicationNo: '（2026）川乐援字第0002号', priority: 'normal', requestingAgency: agency, receivingAgency: { orgId: 'org-wtq', regionCode: '511112000000', kind: 'legal-aid-agency' }, kind: 'verify-means', details: '核查' }, metadata: { commandId: 'c-r1', now: '2026-03-02T02:00:00.000Z', actor: handler } });
  await ask({ type: 'AnswerCooperation', data: { result: 'means-meet', notes: '符合' }, metadata: { commandId: 'c-r2', now: '2026-03-03T02:00:00.000Z', actor: { userId: 'hu', orgId: 'org-wtq', roles: ['handler'] } } });
  return store.readAll();
}

async function project(events: readonly RecordedEvent[], rounds: number): Promise<{ document: LegalAidApplicationDocument | null; runner: ProjectionRunner }> {
  const runner = new ProjectionRunner({ readStore: new MemoryReadStore(), projections: [applicationsProjection], logger: new RecordingLogger() });
  await runner.open();
  for (let round = 0; round < rounds; round++) for (const event of events) await runner.apply(event);
  return { document: await runner.collection<LegalAidApplicationDocument>(applicationsProjection.name).get('a1'), runner };
}

describe('the legal aid applications projection', () => {
  it('given an application\'s history, when it is replayed twice, then the document is identical and the replay is skipped', async () => {
    const events = await applicationHistory();
    const once = await project(events, 1);
    const twice = await project(events, 2);
    expect(twice.document).toEqual(once.document);
    expect(twice.runner.stats).toMatchObject({ applied: events.length, skipped: events.length, gaps: 0 });
  });

  it('masks the applicant, records each deadline met on time and leaves nothing due once closed', async () => {
    const { document } = await project(await applicationHistory(), 1);
    expect(document).toMatchObject({
      stage: 'closed',
      source: { kind: 'front-desk', caseCode: 'SC-AMAQ-6KVA' },
      applicant: { name: '罗大勇', idNumberMasked: `5120**********${idNumber.slice(-4)}`, phoneMasked: '139****1234' },
      means: { exemptionArticle: 42 },
      lawyer: { lawyerId: 'lawyer-zhou', onTime: true },
      closure: { quality: 'good', subsidyYuan: 1500 },
      nextDueAt: null,
    });
    expect(JSON.stringify(document)).not.toContain(idNumber);
    expect(document?.deadlines.map((deadline) => [deadline.kind, deadline.onTime])).toEqual([
      ['decision', true], ['assignment', true], ['entrustment', true], ['closure-materials', true],
    ]);
  });

  it("given a cooperation request answered for the application, when replayed twice, then the answer shows once on the application's history", async () => {
    const events = await cooperationHistory();
    const once = await project(events, 1);
    const twice = await project(events, 2);
    expect(twice.document).toEqual(once.document);
    expect(twice.runner.stats).toMatchObject({ applied: events.length, skipped: events.length, gaps: 0 });
    expect(once.document?.cooperation).toEqual([expect.objectContaining({ requestId: 'r1', result: 'means-meet', onTime: true })]);
    expect(once.document?.history.map((entry) => entry.kind)).toEqual(['ApplicationReceived', 'CooperationRequested', 'CooperationAnswered']);
  });

  it('given an event type it does not know on an application stream, then the document is left as it was', async () => {
    const { document } = await project(await applicationHistory(), 1);
    expect(evolveApplicationDocument(document, { type: 'legal-aid.SomethingElse', data: {} } as RecordedEvent)).toBe(document);
    expect(applicationsProjection.canHandle({ streamId: 'intake.matter-m1' } as RecordedEvent)).toBe(false);
  });
});
