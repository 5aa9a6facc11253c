import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main, type KernelBenchReport } from './kernel.bench';

/**
 * The benchmark is code too: this proves it runs end to end and reports every row. It asserts no
 * time and no ratio — those belong to the printed figures, not to a test on a shared CI machine.
 */
describe('kernel benchmark', () => {
  let out: string;
  let scratch: string;
  let printed: string;
  let report: KernelBenchReport;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'pls-bench-out-'));
    scratch = mkdtempSync(join(tmpdir(), 'pls-bench-scratch-'));
    const stdout = new PassThrough();
    const chunks: Buffer[] = [];
    stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    const progress = Object.assign(new PassThrough(), { isTTY: false }) as unknown as NodeJS.WriteStream;
    progress.resume();
    report = await main(['--quick', '--events', '3000', '--out', out, '--scratch', scratch], {
      stdout,
      progress,
      sizes: { rounds: 2, sequentialAppends: 40, concurrentAppends: 120, writers: 10, streams: 50, foldStreams: 20, foldEventsPerStream: 10, foldRounds: 1, readAllPageSize: 50, setupBatchSize: 500, rebuildBatchSize: 400 },
    });
    printed = Buffer.concat(chunks).toString('utf8');
  });

  afterAll(() => {
    rmSync(out, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  });

  it('produces every row with positive figures', () => {
    expect(report.rows.map((row) => row.name)).toEqual([
      'raw better-sqlite3: 1 INSERT/txn, WAL+FULL',
      'SqliteEventStore sequential (CommandHandler)',
      'SqliteEventStore 10 concurrent writers',
      'fold: readStream + evolve, 10-event streams',
      'readAll, pages of 50',
      'rebuild setup: bulk appends (not a target)',
      'ProjectionRunner.rebuild → MemoryReadStore',
    ]);
    for (const row of report.rows) {
      expect(row.operations).toBeGreaterThan(0);
      expect(row.seconds).toBeGreaterThan(0);
      expect(row.opsPerSecond).toBeGreaterThan(0);
      expect(Number.isFinite(row.opsPerSecond)).toBe(true);
      if (row.reference !== null) expect(row.ratio).toBeGreaterThan(0);
      if (row.target !== null && row.reference !== null) expect(typeof row.met).toBe('boolean');
    }
  });

  it('uses the rebuild size it was given', () => {
    expect(report.sizes.rebuildEvents).toBe(3000);
    expect(report.rows.find((row) => row.name.startsWith('ProjectionRunner.rebuild'))?.operations).toBe(3000);
  });

  it('prints the table with every row', () => {
    for (const row of report.rows) expect(printed).toContain(row.name);
    expect(printed).toMatch(/ops\/s/);
  });

  it('writes the figures and the machine facts as JSON', () => {
    const files = readdirSync(out).filter((name) => /^kernel-.+\.json$/.test(name));
    expect(files).toHaveLength(1);
    const written = JSON.parse(readFileSync(join(out, files[0]), 'utf8')) as KernelBenchReport;
    expect(written.rows).toEqual(report.rows);
    expect(written.machine.node).toBe(process.version);
    expect(written.machine.cpus).toBeGreaterThan(0);
    expect(written.machine.os).toEqual(expect.any(String));
    expect(written.details).toHaveProperty('rebuild.peakRssBytes');
  });

  it('removes its scratch databases', () => {
    expect(existsSync(report.machine.scratchDirectory)).toBe(false);
  });
});
