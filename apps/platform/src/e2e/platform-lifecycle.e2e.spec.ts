import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { eventIdFor } from '@pls/event-sourcing';
import { SqliteEventStore } from '@pls/infrastructure';
import { PlatformProcess } from './platform-process';

const healthQuery = '{ health { status eventStorePosition components { name status } } version { version mode } }';

describe('the embedded platform as a user runs it (npm start)', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'pls-platform-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('answers a GraphQL health query, shuts down cleanly on Ctrl-C and keeps its events across a restart', async () => {
    const first = await PlatformProcess.start(dataDir);
    const health = await first.graphql<{ health: { status: string; eventStorePosition: number }; version: { mode: string } }>(healthQuery);
    expect(health.errors).toBeUndefined();
    expect(health.data).toMatchObject({ health: { status: 'ok' }, version: { mode: 'embedded' } });
    // The first start of an empty data directory seeds the demo directory.
    const seeded = health.data!.health.eventStorePosition;
    expect(seeded).toBeGreaterThan(300);
    expect(first.log).toContain('lz.clerk.room');
    const exit = await first.stop('SIGINT');
    expect(exit.code === 0 || exit.signal === 'SIGINT').toBe(true);
    expect(first.log).toContain('runtime stopped cleanly');

    // While it is down, an event lands in its store (as another process would write it).
    const store = SqliteEventStore.open(path.join(dataDir, 'events.sqlite'));
    await store.appendToStream('intake.matter-restart1', [{
      eventId: eventIdFor('restart-test', 0), type: 'intake.MatterNoted', schemaVersion: 1, occurredAt: '2026-03-02T00:00:00.000Z', data: { note: '重启后仍在' },
      metadata: { commandId: 'restart-test', correlationId: 'restart-test', causationId: 'restart-test', actor: { userId: 'test', orgId: 'test', roles: [] } },
    }], { expectedRevision: 'no_stream' });
    await store.close();

    const second = await PlatformProcess.start(dataDir);
    const after = await second.graphql<{ health: { eventStorePosition: number } }>(healthQuery);
    // Everything from before is there, the new event too, and the seed did not run twice.
    expect(after.data?.health.eventStorePosition).toBe(seeded + 1);
    await second.stop('SIGTERM');
  });

  it('refuses a malformed query with a BAD_USER_INPUT code', async () => {
    const platform = await PlatformProcess.start(dataDir);
    const response = await platform.graphql('{ health { nonsense } }');
    expect(response.errors?.[0].extensions?.['code']).toBe('BAD_USER_INPUT');
    await platform.stop();
  });
});
