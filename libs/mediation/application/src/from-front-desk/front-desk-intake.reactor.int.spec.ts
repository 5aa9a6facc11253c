import { RecordingLogger, type RecordedEvent } from '@pls/event-sourcing';
import { MemoryEventStore } from '@pls/event-sourcing/testing';
import type { DirectoryLookup, OrganisationView } from '@pls/directory-contracts';
import { MemoryReadStore } from '@pls/infrastructure';
import type { MediationOpened } from '@pls/mediation-domain';
import { ManualClock, residentIdCheckCharacter } from '@pls/shared-kernel';
import { MediationCommands } from '../shared/mediation-commands';
import { MediationFrontDeskReactor } from './front-desk-intake.reactor';

const committee: OrganisationView = {
  orgId: 'lz.mediation.512022101', name: '乐至县石佛镇人民调解委员会', kind: 'mediation-committee', regionCode: '512022101000', level: 'township', lines: ['mediation'], jurisdiction: [], parentOrgId: null, closed: false,
};
const idNumber = '51202219900716002' + residentIdCheckCharacter('51202219900716002');

function recorded(type: string, data: unknown, streamRevision: number, eventId: string, globalPosition: number): RecordedEvent {
  return {
    eventId, type, schemaVersion: 1, occurredAt: '2026-03-02T01:00:00.000Z', data, streamId: 'intake.matter-m1', streamRevision, globalPosition,
    metadata: { commandId: `c-${eventId}`, correlationId: 'corr', causationId: `c-${eventId}`, actor: { userId: 'clerk', orgId: 'station', roles: ['clerk'] } },
  };
}
const registered = (line: string | null = 'mediation', applicant: Record<string, unknown> = { kind: 'person', name: '刘芳', idType: 'resident-id', idNumber, phone: '13890005678' }) =>
  recorded('intake.MatterRegistered', { matterId: 'm1', caseCode: 'LZ-AMAQ-6KVA', applicant, matterType: { code: line ?? 'consultation', name: '…', line }, description: '在村道被三轮车撞伤，交通事故赔偿纠纷' }, 0, '00000000-0000-4000-8000-000000000001', 1);
const routed = (line: string) => recorded('intake.MatterRouted', {
  line, handlingOrg: { orgId: committee.orgId, regionCode: committee.regionCode, level: 'township' }, reason: null, routedAt: '2026-03-02T01:00:00.000Z', acceptanceDueAt: '2026-03-05T16:00:00.000Z',
}, 1, '00000000-0000-4000-8000-000000000002', 42);

function setUp() {
  const store = new MemoryEventStore();
  const logger = new RecordingLogger();
  const commands = new MediationCommands(store, new MemoryReadStore(), new ManualClock('2026-03-02T01:05:00.000Z'), { whenCaughtUp: async () => 0 } as never, {});
  const directory = { organisation: async (orgId: string) => (orgId === committee.orgId ? committee : null) } as unknown as DirectoryLookup;
  const reactor = new MediationFrontDeskReactor(commands, new MemoryReadStore(), directory, logger);
  return { store, logger, reactor };
}

describe('the front desk → mediation reactor', () => {
  it('given a traffic dispute routed to mediation, when the routing is delivered twice, then one case opens with the applicant, the category read off the description and the accepted reply', async () => {
    const { store, reactor } = setUp();
    await reactor.handle(registered());
    await reactor.handle(routed('mediation'));
    await reactor.handle(routed('mediation'));
    const events = await store.readAll();
    expect(events.map((event) => event.type)).toEqual(['mediation.MediationOpened']);
    const data = events[0].data as MediationOpened['data'];
    expect(data).toMatchObject({
      caseNo: '（2026）川乐调字第0042号',
      committeeOrgId: committee.orgId,
      category: 'traffic',
      source: { kind: 'front-desk', frontDesk: { matterId: 'm1', caseCode: 'LZ-AMAQ-6KVA' } },
      parties: [{ partyId: 'P1', kind: 'person', name: '刘芳', idNumber }],
      frontDeskReply: { kind: 'accepted', matterId: 'm1', line: 'mediation', backOfficeCaseNo: '（2026）川乐调字第0042号' },
    });
    expect(events[0].metadata.causationId).toBe(routed('mediation').eventId);
  });

  it('given a matter routed to another line, then nothing opens', async () => {
    const { store, reactor } = setUp();
    await reactor.handle(registered('legal-aid'));
    await reactor.handle(routed('legal-aid'));
    expect(await store.readAll()).toEqual([]);
  });

  it('given an applicant without a resident ID, then it logs the reason and opens nothing', async () => {
    const { store, logger, reactor } = setUp();
    await reactor.handle(registered('mediation', { kind: 'person', name: 'John Smith', idType: 'passport', idNumber: 'E12345678', phone: '13890005678' }));
    await reactor.handle(routed('mediation'));
    expect(await store.readAll()).toEqual([]);
    expect(logger.entries).toEqual([expect.objectContaining({ level: 'warn', context: expect.objectContaining({ code: 'APPLICANT_NOT_IDENTIFIED' }) })]);
  });

  it('given a routing whose registration it never saw, then it logs the reason and opens nothing', async () => {
    const { store, logger, reactor } = setUp();
    await reactor.handle(routed('mediation'));
    expect(await store.readAll()).toEqual([]);
    expect(logger.entries).toEqual([expect.objectContaining({ level: 'warn', context: expect.objectContaining({ code: 'REGISTRATION_UNKNOWN' }) })]);
  });
});
