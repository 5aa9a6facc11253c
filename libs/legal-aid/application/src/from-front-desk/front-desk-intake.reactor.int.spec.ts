import { RecordingLogger, type RecordedEvent } from '@pls/event-sourcing';
import { MemoryEventStore } from '@pls/event-sourcing/testing';
import type { DirectoryLookup, OrganisationView } from '@pls/directory-contracts';
import { MemoryReadStore } from '@pls/infrastructure';
import type { ApplicationReceived } from '@pls/legal-aid-domain';
import { ManualClock, residentIdCheckCharacter } from '@pls/shared-kernel';
import { ApplicationCommands } from '../shared/application-commands';
import { FrontDeskIntakeReactor } from './front-desk-intake.reactor';

const agency: OrganisationView = {
  orgId: 'lz.legal-aid', name: '乐至县法律援助中心', kind: 'legal-aid-agency', regionCode: '512022000000', level: 'county', lines: ['legal-aid'], jurisdiction: [], parentOrgId: null, closed: false,
};
const idNumber = '51202219850312003' + residentIdCheckCharacter('51202219850312003');

function recorded(type: string, data: unknown, streamRevision: number, eventId: string, globalPosition: number): RecordedEvent {
  return {
    eventId, type, schemaVersion: 1, occurredAt: '2026-03-02T01:00:00.000Z', data, streamId: 'intake.matter-m1', streamRevision, globalPosition,
    metadata: { commandId: `c-${eventId}`, correlationId: 'corr', causationId: `c-${eventId}`, actor: { userId: 'clerk', orgId: 'room', roles: ['clerk'] } },
  };
}
const registered = (matterTypeCode: string, line: string | null = 'legal-aid') => recorded('intake.MatterRegistered', {
  matterId: 'm1', caseCode: 'SC-AMAQ-6KVA', applicant: { kind: 'person', name: '罗大勇', idType: 'resident-id', idNumber, phone: '13990081234' },
  matterType: { code: matterTypeCode, name: '…', line }, description: '欠薪',
}, 0, '00000000-0000-4000-8000-000000000001', 1);
const routed = (line: string) => recorded('intake.MatterRouted', {
  line, handlingOrg: { orgId: agency.orgId, regionCode: agency.regionCode, level: 'county' }, reason: null, routedAt: '2026-03-02T01:00:00.000Z', acceptanceDueAt: '2026-03-05T16:00:00.000Z',
}, 1, '00000000-0000-4000-8000-000000000002', 7);

function setUp() {
  const store = new MemoryEventStore();
  const logger = new RecordingLogger();
  const commands = new ApplicationCommands(store, new MemoryReadStore(), new ManualClock('2026-03-02T01:05:00.000Z'), { whenCaughtUp: async () => 0 } as never, {});
  const directory = { organisation: async (orgId: string) => (orgId === agency.orgId ? agency : null) } as unknown as DirectoryLookup;
  const reactor = new FrontDeskIntakeReactor(commands, new MemoryReadStore(), directory, logger);
  return { store, logger, reactor };
}

describe('the front desk → legal aid reactor', () => {
  it('given a wage claim routed to legal aid, when the routing is delivered twice, then one application is received under Art. 42 with a number derived from the routing', async () => {
    const { store, reactor } = setUp();
    await reactor.handle(registered('legal-aid.wage-arrears'));
    await reactor.handle(routed('legal-aid'));
    await reactor.handle(routed('legal-aid'));
    const events = await store.readAll();
    expect(events.map((event) => event.type)).toEqual(['legal-aid.ApplicationReceived']);
    const data = events[0].data as ApplicationReceived['data'];
    expect(data).toMatchObject({
      applicationNo: '（2026）川乐援字第0007号',
      agencyOrgId: agency.orgId,
      source: { kind: 'front-desk', frontDesk: { matterId: 'm1', caseCode: 'SC-AMAQ-6KVA' } },
      category: { kind: 'civil', subCategory: 'labour-relations-remuneration' },
      means: { declaredHardship: true, exemption: { article: 42, grounds: ['migrant-worker-wages-or-work-injury'] } },
      frontDeskReply: { kind: 'accepted', matterId: 'm1', backOfficeCaseNo: '（2026）川乐援字第0007号' },
    });
    expect(events[0].metadata.causationId).toBe(routed('legal-aid').eventId);
  });

  it('given another legal aid matter, then hardship is declared and left to the means check', async () => {
    const { store, reactor } = setUp();
    await reactor.handle(registered('legal-aid'));
    await reactor.handle(routed('legal-aid'));
    const [event] = await store.readAll();
    expect((event.data as ApplicationReceived['data']).means).toEqual({ declaredHardship: true, exemption: null });
  });

  it('given a matter routed to another line, then nothing is received', async () => {
    const { store, reactor } = setUp();
    await reactor.handle(registered('mediation', 'mediation'));
    await reactor.handle(routed('mediation'));
    expect(await store.readAll()).toEqual([]);
  });

  it('given a routing whose registration it never saw, then it logs the reason and receives nothing', async () => {
    const { store, logger, reactor } = setUp();
    await reactor.handle(routed('legal-aid'));
    expect(await store.readAll()).toEqual([]);
    expect(logger.entries).toEqual([expect.objectContaining({ level: 'warn', context: expect.objectContaining({ code: 'REGISTRATION_UNKNOWN' }) })]);
  });
});
