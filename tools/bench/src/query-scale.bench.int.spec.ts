import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main, type QueryScaleReport } from './query-scale.bench';

/**
 * The benchmark is code too: it runs end to end on a small history and reports every query. It
 * asserts no time — only that the queries answered what the generated history holds.
 */
describe('queries-at-scale benchmark', () => {
  let out: string;
  let printed: string;
  let report: QueryScaleReport;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'pls-bench-out-'));
    const stdout = new PassThrough();
    const chunks: Buffer[] = [];
    stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    const progress = Object.assign(new PassThrough(), { isTTY: false }) as unknown as NodeJS.WriteStream;
    progress.resume();
    report = await main(['--quick', '--matters', '1000', '--runs', '5', '--out', out], { stdout, progress });
    printed = Buffer.concat(chunks).toString('utf8');
  });

  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('builds one matters document per generated matter through the projection', () => {
    expect(report.load.matters).toBe(1000);
    // Every matter has 1 to 6 events.
    expect(report.load.events).toBeGreaterThan(1000);
    expect(report.load.events).toBeLessThanOrEqual(6 * 1000);
  });

  it('times every query and finds what the history holds', () => {
    expect(report.rows.map((row) => row.name)).toEqual([
      'work queue, desk clerk (first 20)',
      'work queue, county legal aid handler (first 20)',
      'work queue, county supervisor (first 20)',
      'region stats, a county over 2026',
      'region stats, a city over 2026',
      'case file by case code',
    ]);
    for (const row of report.rows) {
      expect(row.runs).toBeGreaterThanOrEqual(3);
      expect(row.latency.count).toBe(row.runs);
      expect(row.latency.p95).toBeGreaterThanOrEqual(row.latency.p50);
    }
    const answered = Object.fromEntries(report.rows.map((row) => [row.name, row.answered]));
    // 3 % of matters await feedback at their desk; 2 % await their county agency's acceptance.
    expect(answered['work queue, county legal aid handler (first 20)']).toBeGreaterThan(0);
    expect(answered['region stats, a city over 2026']).toBeGreaterThan(answered['region stats, a county over 2026']);
    expect(answered['case file by case code']).toBe(1);
  });

  it('prints the table and writes the JSON', () => {
    for (const row of report.rows) expect(printed).toContain(row.name);
    const files = readdirSync(out).filter((name) => /^query-scale-memory-.+\.json$/.test(name));
    expect(files).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(out, files[0]), 'utf8')).rows).toEqual(JSON.parse(JSON.stringify(report.rows)));
  });
});
