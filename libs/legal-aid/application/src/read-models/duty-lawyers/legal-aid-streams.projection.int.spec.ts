import { CommandHandler, ProjectionRunner, RecordingLogger, type RecordedEvent } from '@pls/event-sourcing';
import { MemoryEventStore } from '@pls/event-sourcing/testing';
import { MemoryReadStore } from '@pls/infrastructure';
import {
  APPLICATION_CONTEXT,
  cooperationDecider,
  cooperationStreamId,
  dutyLawyerDecider,
  dutyLawyerStreamId,
  regionSettingsDecider,
  regionSettingsStreamId,
  type CooperationCommand,
  type DutyLawyerCommand,
} from '@pls/legal-aid-domain';
import { residentIdCheckCharacter, StatutoryCalendar } from '@pls/shared-kernel';
import { cooperationProjection, type CooperationRequestDocument } from '../cooperation/cooperation.projection';
import { regionSettingsProjection, type RegionSettingsDocument } from '../region-settings/region-settings.projection';
import { dutyLawyersProjection, type DutyLawyerDocument } from './duty-lawyers.projection';

const handler = { userId: 'handler', orgId: 'org-lz-legal-aid', roles: ['handler'] };
const lawyer = { userId: 'lawyer-wu', orgId: 'firm-1', roles: ['handler'] };
const wtq = { userId: 'handler-hu', orgId: 'org-wtq-legal-aid', roles: ['handler'] };
const idNumber = '51202219960811003' + residentIdCheckCharacter('51202219960811003');
const NOW = '2026-03-02T01:00:00.000Z';
let sequence = 0;
const meta = (actor: typeof handler, now = NOW) => ({ commandId: `00000000-0000-4000-8000-${String(++sequence).padStart(12, '0')}`, now, actor });

/** A lawyer's duty with a consultation and a witnessing, a cooperation request answered, a county setting. */
async function history(): Promise<RecordedEvent[]> {
  const store = new MemoryEventStore();
  const duty = new CommandHandler({ context: APPLICATION_CONTEXT, decider: dutyLawyerDecider(), store });
  const cooperation = new CommandHandler({ context: APPLICATION_CONTEXT, decider: cooperationDecider({ calendar: new StatutoryCalendar() }), store });
  const settings = new CommandHandler({ context: APPLICATION_CONTEXT, decider: regionSettingsDecider(), store });
  const onDuty = (command: DutyLawyerCommand) => duty.handle(dutyLawyerStreamId('lawyer-wu'), command);
  await onDuty({
    type: 'ScheduleDuty',
    data: {
      dutyId: 'd1',
      lawyer: { lawyerId: 'lawyer-wu', firmOrgId: 'firm-1', firmRegionCode: '512022000000', active: true },
      agency: { orgId: handler.orgId, regionCode: '512022000000' },
      station: { orgId: 'org-detention', kind: 'detention-centre', regionCode: '512022000000' },
      days: ['2026-03-02'],
    },
    metadata: meta(handler),
  });
  await onDuty({ type: 'RecordDutyConsultation', data: { consultationId: 'c1', lawyerId: 'lawyer-wu', stationOrgId: 'org-detention', person: { name: '刘小军', idNumber }, matter: 'criminal', advice: '告知权利。' }, metadata: meta(lawyer) });
  await onDuty({ type: 'WitnessPleaAgreement', data: { witnessingId: 'w1', lawyerId: 'lawyer-wu', stationOrgId: 'org-detention', caseRef: '乐检〔2026〕1号', defendant: { name: '刘小军', idNumber }, witnessedOn: '2026-03-02' }, metadata: meta(lawyer) });
  const ask = (command: CooperationCommand) => cooperation.handle(cooperationStreamId('r1'), command);
  await ask({
    type: 'RequestCooperation',
    data: { requestId: 'r1', applicationId: 'a1', applicationNo: 'No.1', priority: 'normal', requestingAgency: { orgId: handler.orgId, regionCode: '512022000000' }, receivingAgency: { orgId: wtq.orgId, regionCode: '511112000000', kind: 'legal-aid-agency' }, kind: 'verify-means', details: '核查' },
    metadata: meta(handler),
  });
  await ask({ type: 'AnswerCooperation', data: { result: 'means-meet', notes: '符合' }, metadata: meta(wtq, '2026-03-03T01:00:00.000Z') });
  await settings.handle(regionSettingsStreamId('512022000000'), { type: 'SetAcceptWithMaterialsOutstanding', data: { regionCode: '512022', allowed: true }, metadata: meta(handler) });
  return store.readAll();
}

async function project(events: readonly RecordedEvent[], rounds: number) {
  const runner = new ProjectionRunner({ readStore: new MemoryReadStore(), projections: [dutyLawyersProjection, cooperationProjection, regionSettingsProjection], logger: new RecordingLogger() });
  await runner.open();
  for (let round = 0; round < rounds; round++) for (const event of events) await runner.apply(event);
  return {
    runner,
    duty: await runner.collection<DutyLawyerDocument>(dutyLawyersProjection.name).get('lawyer-wu'),
    request: await runner.collection<CooperationRequestDocument>(cooperationProjection.name).get('r1'),
    setting: await runner.collection<RegionSettingsDocument>(regionSettingsProjection.name).get('512022000000'),
  };
}

describe('the duty lawyer, cooperation and region settings projections', () => {
  it('given their histories, when replayed twice, then the documents are identical and the replay is skipped', async () => {
    const events = await history();
    const once = await project(events, 1);
    const twice = await project(events, 2);
    expect({ ...twice, runner: undefined }).toEqual({ ...once, runner: undefined });
    expect(twice.runner.stats).toMatchObject({ applied: events.length, skipped: events.length, gaps: 0 });
  });

  it('masks the ID numbers in the duty record and closes the answered request', async () => {
    const { duty, request, setting } = await project(await history(), 1);
    expect(duty).toMatchObject({ dutyDays: ['org-detention|2026-03-02'], consultations: [{ personIdNumberMasked: `5120**********${idNumber.slice(-4)}` }], witnessings: [{ defendantIdNumberMasked: `5120**********${idNumber.slice(-4)}` }] });
    expect(JSON.stringify(duty)).not.toContain(idNumber);
    expect(request).toMatchObject({ status: 'answered', result: 'means-meet', onTime: true, queueKey: null });
    expect(setting).toMatchObject({ acceptWithMaterialsOutstanding: true });
  });
});
