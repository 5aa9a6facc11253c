import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { arch, cpus, platform, release, tmpdir, totalmem, type as osType } from 'node:os';
import { join } from 'node:path';
import { SqliteDriver as Database } from '@pls/infrastructure';

/** One line of the printed table and of the JSON report. */
export interface BenchRow {
  readonly name: string;
  /** Operations (appends, events) in the measured run, or per round when rounds were taken. */
  readonly operations: number;
  readonly seconds: number;
  readonly opsPerSecond: number;
  /** Against `reference`; null where a row has none. */
  readonly ratio: number | null;
  readonly reference: string | null;
  /** Human-readable target, e.g. `≥ 0.5× raw`; null where the issue sets none. */
  readonly target: string | null;
  readonly met: boolean | null;
  readonly notes: string;
}

/** Rates from repeated rounds: the median is reported, the spread shows how noisy the disk was. */
export interface Samples {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly values: readonly number[];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function samples(values: readonly number[]): Samples {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), values: [...values] };
}

/**
 * Wall time, and the process's CPU time over the same span: CPU close to wall means the code is
 * the limit, CPU well below wall means the process waited (on fsync, here).
 */
export async function timed<T>(work: () => Promise<T> | T): Promise<{ seconds: number; cpuSeconds: number; result: T }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6, result };
}

/** Deterministic pseudo-random numbers (mulberry32): two runs stress the same streams in the same order. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A directory for the benchmark's SQLite files, removed afterwards whatever happens. */
export function scratchDirectory(base: string): { readonly dir: string; file(name: string): string; remove(): void } {
  const dir = mkdtempSync(join(base, 'pls-kernel-bench-'));
  return { dir, file: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Tracks the largest resident set seen; sampled by the caller at points where memory peaks. */
export class RssSampler {
  private peak = 0;

  sample(): number {
    const rss = process.memoryUsage.rss();
    if (rss > this.peak) this.peak = rss;
    return rss;
  }

  get peakBytes(): number {
    return this.peak;
  }
}

export interface MachineFacts {
  readonly node: string;
  readonly v8: string;
  readonly platform: string;
  readonly os: string;
  readonly arch: string;
  readonly cpus: number;
  readonly cpuModel: string;
  readonly totalMemoryBytes: number;
  readonly sqlite: string;
  readonly betterSqlite3: string;
  readonly scratchDirectory: string;
  readonly gitCommit: string | null;
}

export function machineFacts(scratch: string): MachineFacts {
  const cpuList = cpus();
  const db = new Database(':memory:');
  const sqlite = db.prepare<[], string>('SELECT sqlite_version()').pluck().get() ?? 'unknown';
  db.close();
  return {
    node: process.version,
    v8: process.versions.v8,
    platform: platform(),
    os: `${osType()} ${release()}`,
    arch: arch(),
    cpus: cpuList.length,
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    totalMemoryBytes: totalmem(),
    sqlite,
    betterSqlite3: packageVersion('better-sqlite3'),
    scratchDirectory: scratch,
    gitCommit: gitCommit(),
  };
}

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** Figures are only comparable across runs of the same code: record which commit produced them. */
function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null;
  } catch {
    return null;
  }
}

export function defaultScratchBase(): string {
  return tmpdir();
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatInteger(value: number): string {
  return integer.format(value);
}

export function formatMegabytes(bytes: number): string {
  return `${integer.format(bytes / (1024 * 1024))} MB`;
}

/** A fixed-width table: the figures are what people paste into an issue, so they must line up in plain text. */
export function formatTable(rows: readonly BenchRow[]): string {
  const header = ['#', 'benchmark', 'operations', 'seconds', 'ops/s', 'ratio', 'target', 'met'];
  const body = rows.map((row, index) => [
    String(index + 1),
    row.name,
    formatInteger(row.operations),
    row.seconds.toFixed(3),
    formatInteger(row.opsPerSecond),
    row.ratio === null ? '—' : `${row.ratio.toFixed(2)}× ${row.reference ?? ''}`.trim(),
    row.target ?? '—',
    row.met === null ? '—' : row.met ? 'yes' : 'NO',
  ]);
  const numeric = new Set([0, 2, 3, 4]);
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => cells[column].length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => (numeric.has(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join('  ').trimEnd();
  const notes = rows.map((row, index) => (row.notes ? `  ${index + 1}. ${row.notes}` : '')).filter(Boolean);
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...body.map(line), '', 'notes:', ...notes].join('\n');
}

/** A latency table in ms (count, p50, p95, p99, max); a row without samples shows dashes. */
export function latencyTable(rows: readonly (readonly [string, { count: number; p50: number; p95: number; p99: number; max: number } | undefined])[]): string {
  const header = ['ms', 'count', 'p50', 'p95', 'p99', 'max'];
  const body = rows.map(([name, p]) => (p && p.count > 0 ? [name, formatInteger(p.count), p.p50.toFixed(1), p.p95.toFixed(1), p.p99.toFixed(1), p.max.toFixed(1)] : [name, '0', '—', '—', '—', '—']));
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => cells[column].length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)].join('\n');
}

/** Resident (VmRSS) or peak resident (VmHWM) memory of a process in bytes; 0 once it has gone. */
export function procStatus(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}
