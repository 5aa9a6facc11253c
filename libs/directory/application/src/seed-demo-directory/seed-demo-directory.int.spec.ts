import { DEMO_LOGINS, demoDirectoryCommands } from '@pls/directory-domain';
import { DirectoryTestKit } from '../testing/directory-test-kit';

describe('the demo directory seed as a startup task', () => {
  it('on an empty store it sends every seed command and then shows the demo logins', async () => {
    const kit = await DirectoryTestKit.create({ seeded: false });
    await kit.seed.run();
    expect(await kit.eventCount()).toBe(demoDirectoryCommands().length);
    const logins = kit.logger.entries.find((entry) => entry.message.startsWith('demo logins'));
    expect(logins?.message).toContain('lz.clerk.room');
    expect(logins?.message.split('\n')).toHaveLength(DEMO_LOGINS.length + 1);
    expect(kit.logger.entries.find((entry) => entry.message === 'demo directory seeded')?.context).toMatchObject({ commands: 314, applied: 314 });
  });

  it('on a store that already holds the directory it seeds nothing, but still shows the logins', async () => {
    const kit = await DirectoryTestKit.create();
    const before = await kit.eventCount();
    await kit.seed.run();
    expect(await kit.eventCount()).toBe(before);
    expect(kit.logger.entries.some((entry) => entry.message === 'demo directory seeded')).toBe(false);
    expect(kit.logger.entries.some((entry) => entry.message.startsWith('demo logins'))).toBe(true);
  });

  it('sent twice, the seed appends nothing the second time: every command id was seen', async () => {
    const kit = await DirectoryTestKit.create();
    const before = await kit.eventCount();
    expect(await kit.seed.seed()).toEqual({ commands: 314, applied: 0 });
    expect(await kit.eventCount()).toBe(before);
  });

  it('a directory that is not the demo one gets no demo logins', async () => {
    const kit = await DirectoryTestKit.create({ seeded: false });
    await kit.handlers.regions.handle('directory.region-512022000000', {
      type: 'RecordRegionPopulation',
      data: { regionCode: '512022', year: 2020, population: 1, source: 'x' },
      metadata: { commandId: '00000000-0000-4000-8000-000000000001', now: '2026-01-01T00:00:00.000Z', actor: { userId: 'u', orgId: 'o', roles: ['admin'] } },
    });
    await kit.seed.run();
    expect(await kit.eventCount()).toBe(1);
    expect(kit.logger.entries).toEqual([]);
  });
});
