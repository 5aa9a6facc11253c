import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Database } from './sqlite-driver';
import type { RecordedEvent } from '@pls/event-sourcing';
import type { CrashEventData } from './sqlite-crash.writer';
import { SqliteEventStore } from './sqlite-event-store.adapter';

const WORKSPACE = resolve(__dirname, '../../../../..');
const TS_REGISTER = join(WORKSPACE, 'tools/ts-register.cjs');
const WRITER = join(__dirname, 'sqlite-crash.writer.ts');
const ACKNOWLEDGED_APPENDS_BEFORE_KILL = 200;
const ROUNDS = 3;

interface Acknowledgement {
  readonly appendId: string;
  readonly streamId: string;
  readonly streamRevision: number;
  readonly eventId: string;
}

const ACK_LINE = /^ack ([0-9a-f-]{36}) (\S+) (\d+) ([0-9a-f-]{36})$/;

describe('SqliteEventStore killed mid-write', () => {
  let dir: string;
  let file: string;
  let writer: ChildProcess | null = null;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pls-sqlite-crash-'));
    file = join(dir, 'events.sqlite');
  });

  afterEach(() => {
    if (writer && writer.exitCode === null && writer.signalCode === null) writer.kill('SIGKILL');
    writer = null;
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Only newline-terminated lines count: a line cut short by the kill was never fully printed, and
   * the append behind it is then simply not among the promises checked.
   */
  function runWriterUntilKilled(): Promise<Acknowledgement[]> {
    return new Promise((resolvePromise, reject) => {
      const child = spawn(process.execPath, ['-r', TS_REGISTER, WRITER, file], { cwd: WORKSPACE, stdio: ['ignore', 'pipe', 'pipe'] });
      writer = child;
      const acknowledgements: Acknowledgement[] = [];
      const appendIds = new Set<string>();
      let unterminated = '';
      let stderr = '';
      let killed = false;
      child.stdout.setEncoding('utf8');
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => (stderr += chunk));
      child.stdout.on('data', (chunk: string) => {
        const lines = (unterminated + chunk).split('\n');
        unterminated = lines.pop() ?? '';
        for (const line of lines) {
          const match = ACK_LINE.exec(line);
          if (!match) return reject(new Error(`writer printed an unexpected line: ${JSON.stringify(line)}`));
          acknowledgements.push({ appendId: match[1], streamId: match[2], streamRevision: Number(match[3]), eventId: match[4] });
          appendIds.add(match[1]);
        }
        if (!killed && appendIds.size >= ACKNOWLEDGED_APPENDS_BEFORE_KILL) {
          killed = true;
          child.kill('SIGKILL');
        }
      });
      child.on('error', reject);
      child.on('close', (code, signal) => {
        if (signal === 'SIGKILL' && killed) resolvePromise(acknowledgements);
        else reject(new Error(`writer ended on its own (code ${code}, signal ${signal}) after ${appendIds.size} appends:\n${stderr}`));
      });
    });
  }

  function integrityOf(path: string): string {
    const raw = new Database(path);
    try {
      return raw.pragma('integrity_check', { simple: true }) as string;
    } finally {
      raw.close();
    }
  }

  it('given a writer killed with SIGKILL after hundreds of acknowledged appends, when the file is reopened, then every acknowledged event is there, revisions are contiguous and no append is half-written — round after round', async () => {
    const promised: Acknowledgement[] = [];

    for (let round = 1; round <= ROUNDS; round++) {
      promised.push(...(await runWriterUntilKilled()));

      expect(integrityOf(file)).toBe('ok');
      const store = SqliteEventStore.open(file);
      try {
        const all = await store.readAll();
        expectEveryAcknowledgedEventPresent(all, promised);
        expectDenseGlobalPositions(all);
        expectContiguousRevisionsPerStream(all);
        expectWholeAppendsOnly(all);
      } finally {
        await store.close();
      }
    }

    expect(new Set(promised.map((ack) => ack.appendId)).size).toBeGreaterThanOrEqual(ROUNDS * ACKNOWLEDGED_APPENDS_BEFORE_KILL);
  });
});

function expectEveryAcknowledgedEventPresent(all: readonly RecordedEvent[], promised: readonly Acknowledgement[]): void {
  const byId = new Map(all.map((event) => [event.eventId, event]));
  const missing = promised.filter((ack) => {
    const stored = byId.get(ack.eventId);
    return !stored || stored.streamId !== ack.streamId || stored.streamRevision !== ack.streamRevision;
  });
  expect(missing).toEqual([]);
}

function expectDenseGlobalPositions(all: readonly RecordedEvent[]): void {
  expect(all.map((event) => event.globalPosition)).toEqual(all.map((_, index) => index + 1));
}

function expectContiguousRevisionsPerStream(all: readonly RecordedEvent[]): void {
  const revisions = new Map<string, number[]>();
  for (const event of all) revisions.set(event.streamId, [...(revisions.get(event.streamId) ?? []), event.streamRevision]);
  for (const [streamId, seen] of revisions) {
    expect({ streamId, revisions: seen }).toEqual({ streamId, revisions: seen.map((_, index) => index) });
  }
}

/** An append is all its events, at consecutive revisions and positions, or none of them. */
function expectWholeAppendsOnly(all: readonly RecordedEvent[]): void {
  const appends = new Map<string, RecordedEvent<CrashEventData>[]>();
  for (const event of all as readonly RecordedEvent<CrashEventData>[]) appends.set(event.data.appendId, [...(appends.get(event.data.appendId) ?? []), event]);
  for (const [appendId, events] of appends) {
    const { count } = events[0].data;
    expect({ appendId, indexes: events.map((event) => event.data.index) }).toEqual({ appendId, indexes: Array.from({ length: count }, (_, index) => index) });
    for (let i = 1; i < events.length; i++) {
      expect(events[i].streamRevision).toBe(events[i - 1].streamRevision + 1);
      expect(events[i].globalPosition).toBe(events[i - 1].globalPosition + 1);
    }
  }
}
