import { CommandHandler, ProjectionRunner, RecordingLogger, type RecordedEvent } from '@pls/event-sourcing';
import { MemoryEventStore } from '@pls/event-sourcing/testing';
import { formatCaseCode, matterDecider, matterStreamId, type MatterCommand } from '@pls/intake-domain';
import { MemoryReadStore } from '@pls/infrastructure';
import { residentIdCheckCharacter, StatutoryCalendar } from '@pls/shared-kernel';
import { mattersProjection } from './matters.projection';
import type { MatterDocument } from './matter.document';

const station = { orgId: 'org-station', regionCode: '512022101000' };
const legalAid = { orgId: 'org-legal-aid', regionCode: '512022000000' };
const clerk = { userId: 'clerk', orgId: station.orgId, roles: ['clerk'] };
const idNumber = '51202219850312003' + residentIdCheckCharacter('51202219850312003');

let sequence = 0;
function command(type: MatterCommand['type'], data: unknown, now: string, actor = clerk): MatterCommand {
  return { type, data, metadata: { commandId: `00000000-0000-4000-8000-${String(++sequence).padStart(12, '0')}`, now, actor } } as MatterCommand;
}

/** A matter walked from registration to a closed rectification, as its stream records it. */
async function matterHistory(): Promise<RecordedEvent[]> {
  const store = new MemoryEventStore();
  const handler = new CommandHandler({ context: 'intake', decider: matterDecider({ calendar: new StatutoryCalendar() }), store });
  const stream = matterStreamId('m1');
  const send = (c: MatterCommand) => handler.handle(stream, c);
  await send(command('RegisterMatter', {
    matterId: 'm1', caseCode: formatCaseCode('SC', 12345), channel: 'walk-in', receivingOrg: station, firstResponsibleStaffId: 'clerk',
    applicant: { kind: 'person', name: '罗大勇', idType: 'resident-id', idNumber, phone: '13990081234' },
    matterType: { code: 'legal-aid', name: '法律援助申请', line: 'legal-aid' }, description: '欠薪', attachments: [], consentToDataUse: true,
  }, '2026-03-02T01:00:00.000Z'));
  await send(command('RouteMatter', { line: 'legal-aid', handlingOrg: { ...legalAid, level: 'county', lines: ['legal-aid'] }, defaultOrg: { ...legalAid, level: 'county' } }, '2026-03-02T02:00:00.000Z'));
  await send(command('RecordBackOfficeAcceptance', { line: 'legal-aid', orgId: legalAid.orgId, backOfficeCaseNo: 'LA-1', acceptedAt: '2026-03-03T02:00:00.000Z' }, '2026-03-03T02:00:00.000Z', { userId: 'system', orgId: legalAid.orgId, roles: [] }));
  await send(command('RecordResult', { line: 'legal-aid', orgId: legalAid.orgId, outcome: 'completed', summary: '已追回', at: '2026-03-10T02:00:00.000Z' }, '2026-03-10T02:00:00.000Z', { userId: 'system', orgId: legalAid.orgId, roles: [] }));
  await send(command('DeliverFeedback', { channel: 'sms', content: '已办结' }, '2026-03-11T02:00:00.000Z'));
  await send(command('RateService', { level: 'very-dissatisfied', comment: '太慢' }, '2026-03-11T03:00:00.000Z'));
  return store.readAll();
}

async function project(events: readonly RecordedEvent[], rounds: number): Promise<{ document: MatterDocument | null; runner: ProjectionRunner }> {
  const readStore = new MemoryReadStore();
  const runner = new ProjectionRunner({ readStore, projections: [mattersProjection], logger: new RecordingLogger() });
  await runner.open();
  for (let round = 0; round < rounds; round++) for (const event of events) await runner.apply(event);
  return { document: await runner.collection<MatterDocument>(mattersProjection.name).get('m1'), runner };
}

describe('the matters projection', () => {
  it('given a matter\'s history, when it is replayed twice, then the document is identical and the replay is skipped', async () => {
    const events = await matterHistory();
    const once = await project(events, 1);
    const twice = await project(events, 2);
    expect(twice.document).toEqual(once.document);
    expect(twice.runner.stats).toMatchObject({ applied: events.length, skipped: events.length, gaps: 0 });
  });

  it('keeps personal data masked and derives the queue fields', async () => {
    const { document } = await project(await matterHistory(), 1);
    expect(document).toMatchObject({
      caseCode: formatCaseCode('SC', 12345),
      stage: 'fed-back',
      applicant: { name: '罗大勇', idNumberMasked: `5120**********${idNumber.slice(-4)}`, phoneMasked: '139****1234' },
      applicantPhoneLast4: '1234',
      backOfficeCaseNo: 'LA-1',
      feedback: { channel: 'sms', onTime: true },
      rating: { level: 'very-dissatisfied', excluded: false },
      rectification: { status: 'open', ownerOrgId: legalAid.orgId },
      awaitingOrgId: legalAid.orgId,
    });
    expect(JSON.stringify(document)).not.toContain(idNumber);
    expect(document?.nextDueAt).toBe(document?.rectification?.dueAt);
  });

  it('given an event of another stream kind, then it is not handled', () => {
    expect(mattersProjection.canHandle({ streamId: 'legal-aid.application-x' } as RecordedEvent)).toBe(false);
    expect(mattersProjection.canHandle({ streamId: 'intake.casecode-SC-0000-0000' } as RecordedEvent)).toBe(false);
  });
});
