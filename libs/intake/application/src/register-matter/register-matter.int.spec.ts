import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProjectionRunner, RecordingLogger, type EventStore, type ProjectionCatchUp } from '@pls/event-sourcing';
import type { DirectoryLookup, OrganisationView } from '@pls/directory-contracts';
import { MemoryReadStore, SqliteEventStore } from '@pls/infrastructure';
import { ConcurrencyConflict, ManualClock, residentIdCheckCharacter, type Caller } from '@pls/shared-kernel';
import { mattersProjection } from '../read-models/matters/matters.projection';
import { MatterCommands } from '../shared/matter-commands';
import { RegisterMatter, type RegisterMatterInput } from './register-matter.use-case';

/** Case-code draws: the queued ones first, then `drawn` for ever. */
let drawn = 0;
let queued: number[] = [];
jest.mock('node:crypto', () => ({ ...jest.requireActual<typeof import('node:crypto')>('node:crypto'), randomInt: () => queued.shift() ?? drawn }));

const station: OrganisationView = { orgId: 'org-station', name: '童家镇公共法律服务站', kind: 'public-legal-service-station', regionCode: '512022101000', level: 'township', lines: [], jurisdiction: [], parentOrgId: null, closed: false } as unknown as OrganisationView;
const clerk: Caller = { userId: 'clerk-1', name: '张丽', orgId: station.orgId, roles: ['clerk'], regionCode: station.regionCode, lines: [] };
const idNumber = '51202219850312003' + residentIdCheckCharacter('51202219850312003');
const claim: RegisterMatterInput = {
  channel: 'walk-in',
  matterTypeCode: 'legal-aid.wage-arrears',
  applicant: { kind: 'person', name: '罗大勇', idType: 'resident-id', idNumber, phone: '13990081234' },
  description: '欠薪',
  consentToDataUse: true,
};
const directory = { organisation: async (orgId: string) => (orgId === station.orgId ? station : null) } as unknown as DirectoryLookup;

describe('RegisterMatter: case code reservation', () => {
  let dir: string;
  let store: SqliteEventStore;
  let useCase: RegisterMatter;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pls-register-'));
    store = SqliteEventStore.open(join(dir, 'events.sqlite'));
    const readStore = new MemoryReadStore();
    const runner = new ProjectionRunner({ readStore, projections: [mattersProjection], logger: new RecordingLogger() });
    await runner.open();
    let projected = 0;
    const catchUp: ProjectionCatchUp = {
      whenCaughtUp: async () => {
        for (const event of await store.readAll({ after: projected })) await runner.apply(event);
        projected = await store.headPosition();
        return projected;
      },
    };
    const matters = new MatterCommands(store as EventStore, readStore, new ManualClock('2026-03-02T01:00:00.000Z'), catchUp, {});
    useCase = new RegisterMatter(matters, store, directory, {});
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const commandId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

  it('given a store that commits several streams at once, when a matter is registered, then its code reservation and the matter land in one commit', async () => {
    drawn = 1;
    const before = { ...store.stats };
    const matter = await useCase.execute(clerk, claim, commandId(1));
    expect(store.stats.commits - before.commits).toBe(1);
    expect((await store.readStream(`intake.casecode-${matter.caseCode}`)).map((event) => event.data)).toEqual([{ caseCode: matter.caseCode, matterId: matter._id }]);
  });

  it('given every draw yields a code already reserved, when a second matter is registered, then it is refused as CASE_CODE_EXHAUSTED and leaves nothing behind', async () => {
    drawn = 2;
    const first = await useCase.execute(clerk, claim, commandId(2));
    const head = await store.headPosition();

    const refusal = await useCase.execute(clerk, claim, commandId(3)).catch((error: unknown) => error);

    expect(refusal).toBeInstanceOf(ConcurrencyConflict);
    expect(refusal).toMatchObject({ code: 'CASE_CODE_EXHAUSTED' });
    expect(await store.headPosition()).toBe(head);
    expect((await store.readStream(`intake.casecode-${first.caseCode}`)).map((event) => event.data)).toEqual([{ caseCode: first.caseCode, matterId: first._id }]);
  });

  it('given a code taken meanwhile, when a matter is registered, then it draws another code and both matters keep distinct codes', async () => {
    drawn = 3;
    const first = await useCase.execute(clerk, claim, commandId(4));
    queued = [3, 3];
    drawn = 4;

    const second = await useCase.execute(clerk, claim, commandId(5));

    expect(queued).toEqual([]);
    expect(second.caseCode).not.toBe(first.caseCode);
  });

  it('given a registration already acknowledged, when the same command is sent again, then the first matter comes back and no second code is reserved', async () => {
    drawn = 7;
    const first = await useCase.execute(clerk, claim, commandId(7));
    const head = await store.headPosition();
    drawn = 8;

    const again = await useCase.execute(clerk, claim, commandId(7));

    expect(again.caseCode).toBe(first.caseCode);
    expect(await store.headPosition()).toBe(head);
  });

  it('given the domain refuses the registration, when it is registered, then no case code is reserved', async () => {
    drawn = 6;
    const head = await store.headPosition();
    await expect(useCase.execute(clerk, { ...claim, consentToDataUse: false }, commandId(6))).rejects.toMatchObject({ category: expect.any(String) });
    expect(await store.headPosition()).toBe(head);
  });
});
