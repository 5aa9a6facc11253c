import { DEMO_ORGANISATIONS, DEMO_STAFF, demoDirectoryCommands, demoOrganisation, demoPopulations } from '@pls/directory-domain';
import { MemoryReadStore } from '@pls/infrastructure';
import { physicalCollectionName, type Projection, ProjectionRunner, type ReadDocument, type RecordedEvent } from '@pls/event-sourcing';
import { demoLogin, demoRequester, DIRECTORY_PROJECTIONS, DirectoryTestKit } from '../testing/directory-test-kit';
import { organisationsProjection } from './organisations/organisations.projection';
import { regionsProjection } from './regions/regions.projection';
import { staffProjection } from './staff/staff.projection';

async function documentsOf(readStore: MemoryReadStore, projection: Pick<Projection<ReadDocument>, 'name' | 'version' | 'indexes'>): Promise<ReadDocument[]> {
  const collection = await readStore.collection(physicalCollectionName(projection), projection);
  return collection.find({}, { sort: { _id: 1 } });
}

async function replay(events: readonly RecordedEvent[]): Promise<{ readStore: MemoryReadStore; runner: ProjectionRunner }> {
  const readStore = new MemoryReadStore();
  const runner = new ProjectionRunner({ readStore, projections: DIRECTORY_PROJECTIONS });
  await runner.open();
  for (const event of events) await runner.apply(event);
  return { readStore, runner };
}

/** The seed plus one of every other change, so every event type the projections follow occurs. */
async function historyWithEveryEventType(): Promise<RecordedEvent[]> {
  const kit = await DirectoryTestKit.create();
  const admin = demoRequester('sc.admin');
  await kit.updateOrganisation.execute({ orgId: demoOrganisation('lz.notary').orgId, name: '四川省乐至县公证处（新址）', phone: null }, kit.context(admin));
  await kit.closeOrganisation.execute({ orgId: demoOrganisation('lz.station.512022002').orgId, reason: '并入天池街道工作站' }, kit.context(admin));
  const zheng = demoLogin('lz.lawyer.zheng').userId;
  await kit.moveStaffMember.execute({ userId: zheng, toOrgId: demoOrganisation('lz.firm.shouzheng').orgId }, kit.context(admin));
  await kit.endProfessionalProfile.execute({ userId: demoLogin('lz.notary.ma').userId, profile: 'notary', reason: '调离' }, kit.context(admin));
  await kit.changeStaffRoles.execute({ userId: demoLogin('lz.notary.ma').userId, roles: ['handler', 'admin'] }, kit.context(admin));
  await kit.changeStaffLines.execute({ userId: demoLogin('lz.clerk.centre').userId, lines: ['legal-aid', 'mediation'] }, kit.context(admin));
  await kit.deactivateStaffMember.execute({ userId: demoLogin('lz.court').userId, reason: '退休' }, kit.context(admin));
  await kit.recordRegionPopulation.execute({ regionCode: '512022', year: 2020, population: 490_600, source: '更正' }, kit.context(admin));
  await kit.recordRegionPopulation.execute({ regionCode: '512022', year: 2023, population: 470_000, source: '统计年鉴' }, kit.context(admin));
  return kit.store.readAll();
}

describe('the directory projections', () => {
  let events: RecordedEvent[];
  beforeAll(async () => {
    events = await historyWithEveryEventType();
  });

  it('given the whole history replayed twice into fresh stores, then both hold identical documents', async () => {
    const first = await replay(events);
    const second = await replay(events);
    for (const projection of DIRECTORY_PROJECTIONS) {
      const documents = await documentsOf(first.readStore, projection);
      expect(documents.length).toBeGreaterThan(0);
      expect(await documentsOf(second.readStore, projection)).toEqual(documents);
    }
    expect(first.runner.stats.gaps).toBe(0);
  });

  it('given every event delivered a second time, then nothing changes and every redelivery is counted as skipped', async () => {
    const { readStore, runner } = await replay(events);
    const before = await Promise.all(DIRECTORY_PROJECTIONS.map((projection) => documentsOf(readStore, projection)));
    const applied = runner.stats.applied;
    for (const event of events) await runner.apply(event);
    expect(await Promise.all(DIRECTORY_PROJECTIONS.map((projection) => documentsOf(readStore, projection)))).toEqual(before);
    expect(runner.stats.applied).toBe(applied);
    expect(runner.stats.skipped).toBe(applied);
  });

  it('given the seed, then there is one document per organisation, staff member and region with a population', async () => {
    const seedCommandIds = new Set(demoDirectoryCommands().map(({ command }) => command.metadata.commandId));
    const { readStore } = await replay(events.filter((event) => seedCommandIds.has(event.metadata.commandId)));
    expect(await documentsOf(readStore, organisationsProjection)).toHaveLength(DEMO_ORGANISATIONS.length);
    expect(await documentsOf(readStore, staffProjection)).toHaveLength(DEMO_STAFF.length);
    expect(await documentsOf(readStore, regionsProjection)).toHaveLength(demoPopulations().length);
  });

  it('given the changes after the seed, then the documents show them', async () => {
    const kit = await DirectoryTestKit.create({ seeded: false });
    for (const event of events) await kit.runner.apply(event);
    const notary = await kit.readModel.organisation(demoOrganisation('lz.notary').orgId);
    expect(notary).toMatchObject({ name: '四川省乐至县公证处（新址）', phone: null, sortKey: expect.stringContaining('（新址）') });
    expect(await kit.readModel.organisation(demoOrganisation('lz.station.512022002').orgId)).toMatchObject({ closed: true, closedReason: '并入天池街道工作站' });
    const zheng = await kit.readModel.staffMember(demoLogin('lz.lawyer.zheng').userId);
    expect(zheng).toMatchObject({ orgId: demoOrganisation('lz.firm.shouzheng').orgId, lawyer: { firmOrgId: demoOrganisation('lz.firm.shouzheng').orgId } });
    const ma = await kit.readModel.staffMember(demoLogin('lz.notary.ma').userId);
    expect(ma).toMatchObject({ roles: ['handler', 'admin'], profileKinds: [], notary: null });
    expect(await kit.readModel.staffMember(demoLogin('lz.clerk.centre').userId)).toMatchObject({ lines: ['legal-aid', 'mediation'] });
    expect(await kit.readModel.staffMember(demoLogin('lz.court').userId)).toMatchObject({ active: false, deactivationReason: '退休' });
    const lezhi = await kit.readModel.regionPopulation('512022');
    expect(lezhi?.figures.map(({ year, population }) => ({ year, population }))).toEqual([
      { year: 2020, population: 490_600 },
      { year: 2023, population: 470_000 },
    ]);
    expect(lezhi?.latestYear).toBe(2023);
  });

  it('given a demo staff member, then the document carries the username, the region path and the flattened lawyer profile', async () => {
    const kit = await DirectoryTestKit.create();
    const huang = await kit.readModel.staffMember(demoLogin('lz.lawyer.huang').userId);
    expect(huang).toMatchObject({
      username: 'lz.lawyer.huang',
      regionCode: '512022000000',
      regionPath: ['510000000000', '512000000000', '512022000000'],
      profileKinds: ['lawyer'],
      lawyerSpecialties: ['criminal-defence', 'minors', 'state-compensation'],
      criminalDefenceYears: 12,
      disputeCategories: [],
    });
    const room = await kit.readModel.organisation(demoOrganisation('lz.room.512022101200').orgId);
    expect(room).toMatchObject({ level: 'village', regionPath: ['510000000000', '512000000000', '512022000000', '512022101000', '512022101200'] });
  });
});
