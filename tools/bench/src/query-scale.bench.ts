import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { ProjectionRunner, type ReadStore } from '@pls/event-sourcing';
import { MatterQueries, mattersProjection, PhoneDigitsGuessLimit } from '@pls/intake-application';
import * as infrastructure from '@pls/infrastructure';
import { ManualClock, type Caller } from '@pls/shared-kernel';
import { defaultScratchBase, formatInteger, formatMegabytes, machineFacts, type MachineFacts } from './bench-support';
import { percentiles, type Percentiles } from './http-load';
import { agencyOrgId, CITIES, cityCode, COUNTIES_PER_CITY, countyCode, generateMatter, QUERY_NOW, SITES_PER_COUNTY, siteOrgId, siteRegion } from './matter-history';

/**
 * Queries at scale (`npm run bench:queries [-- --quick] [--matters N] [--runs N] [--store memory|mongo] [--out DIR]`).
 *
 * Builds the front desk's matters view for N generated matters through the real projection — every
 * event goes through `ProjectionRunner.apply`, the live path with its revision guard, into the read
 * store — then times the queries the GraphQL resolvers call (`MatterQueries`: work queues, region
 * statistics, case file), each over rotating callers and parameters. Never fails on a missed target.
 */

const TARGET_WORK_QUEUE_P95_MS = 20;

export interface QueryScaleSizes {
  readonly matters: number;
  readonly runs: number;
  readonly warmupRuns: number;
  /** A query stops after this many seconds even if it has not had all its runs (a scan over 1M documents takes seconds). */
  readonly budgetSeconds: number;
}

export const FULL_SIZES: QueryScaleSizes = { matters: 1_000_000, runs: 200, warmupRuns: 5, budgetSeconds: 60 };
export const QUICK_SIZES: QueryScaleSizes = { matters: 20_000, runs: 50, warmupRuns: 3, budgetSeconds: 5 };
/**
 * FerretDB v1 on its SQLite backend (the only Mongo-protocol server here) slows with every document
 * a guarded write meets: about 30 events/s on an empty collection, 4 events/s at 200 documents on
 * this machine, so its default history is tiny; point MONGO_URL at a MongoDB for a real figure.
 */
export const MONGO_DEFAULT_MATTERS = 200;

export type StoreKind = 'memory' | 'mongo';

export interface QueryRow {
  readonly name: string;
  readonly runs: number;
  readonly latency: Percentiles;
  /** The size of what the query answered (totalCount, registered, or 1). */
  readonly answered: number;
  readonly target: string | null;
  readonly met: boolean | null;
  /** V8's collector pauses (PerformanceObserver 'gc') overlapping the timed runs: what a p95 far above the p50 is usually made of. */
  readonly gc: { readonly runsPaused: number; readonly pauses: number; readonly longestMs: number; readonly pausedMs: number };
}

export interface QueryScaleReport {
  readonly benchmark: 'query-scale';
  readonly mode: 'full' | 'quick';
  readonly store: StoreKind;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly argv: readonly string[];
  readonly machine: MachineFacts;
  readonly sizes: QueryScaleSizes;
  readonly load: { readonly matters: number; readonly events: number; readonly seconds: number; readonly eventsPerSecond: number; readonly rssBytes: number; readonly heapUsedBytes: number; readonly storeNote: string };
  readonly rows: readonly QueryRow[];
  readonly file: string;
}

interface CliArguments {
  readonly quick: boolean;
  readonly store: StoreKind;
  readonly sizes: Partial<QueryScaleSizes>;
  readonly out: string;
}

export interface QueryScaleOptions {
  readonly stdout?: Writable;
  readonly progress?: NodeJS.WriteStream;
  /** Opens the read store for `--store mongo` (the default finds FerretDB / MONGO_URL). */
  readonly openStore?: (kind: StoreKind) => Promise<{ store: ReadStore; note: string; close(): Promise<void> }>;
}

export async function main(argv: readonly string[], options: QueryScaleOptions = {}): Promise<QueryScaleReport> {
  const cli = parseArguments(argv);
  const base = cli.quick ? QUICK_SIZES : FULL_SIZES;
  const sizes: QueryScaleSizes = { ...base, ...(cli.store === 'mongo' ? { matters: cli.quick ? 100 : MONGO_DEFAULT_MATTERS } : {}), ...cli.sizes };
  const stdout = options.stdout ?? process.stdout;
  const progress = options.progress ?? process.stderr;
  const say = (line: string) => stdout.write(`${line}\n`);
  const startedAt = new Date();
  const machine = machineFacts(defaultScratchBase());
  say(`PLS queries at scale (${cli.quick ? 'quick' : 'full'}, ${cli.store} read store) — node ${machine.node}, ${machine.cpus} × ${machine.cpuModel}`);
  const opened = await (options.openStore ?? openStore)(cli.store);
  try {
    const runner = new ProjectionRunner({ readStore: opened.store, projections: [mattersProjection] });
    await runner.open();

    say(`building intake.matters for ${formatInteger(sizes.matters)} matters through ProjectionRunner.apply (${opened.note})`);
    const bar = progressBar(progress, sizes.matters);
    let events = 0;
    const started = performance.now();
    for (let n = 0; n < sizes.matters; n++) {
      for (const event of generateMatter(n, sizes.matters).events) {
        await runner.apply(event);
        events++;
      }
      bar(n + 1, events, started);
    }
    const seconds = (performance.now() - started) / 1000;
    if (runner.stats.gaps > 0 || runner.stats.skipped > 0) throw new Error(`the generated history is not contiguous: ${JSON.stringify(runner.stats)}`);
    (globalThis as { gc?: () => void }).gc?.();
    const memory = process.memoryUsage();
    const load = { matters: sizes.matters, events, seconds, eventsPerSecond: events / seconds, rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, storeNote: opened.note };
    say(`built in ${seconds.toFixed(1)} s: ${formatInteger(events)} events, ${formatInteger(load.eventsPerSecond)} events/s; process RSS ${formatMegabytes(memory.rss)}, heap used ${formatMegabytes(memory.heapUsed)}`);

    const clock = new ManualClock(QUERY_NOW);
    const queries = new MatterQueries(opened.store, clock, new PhoneDigitsGuessLimit(opened.store, clock, {}));
    const rows = await timeQueries(queries, sizes, say);

    const finishedAt = new Date();
    const outDir = resolve(cli.out);
    mkdirSync(outDir, { recursive: true });
    const file = join(outDir, `query-scale-${cli.store}-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
    const report: QueryScaleReport = {
      benchmark: 'query-scale',
      mode: cli.quick ? 'quick' : 'full',
      store: cli.store,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      argv: [...argv],
      machine,
      sizes,
      load,
      rows,
      file,
    };
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    say('');
    say(queryTable(rows));
    say('');
    say(`figures only: nothing here fails a build. Other work on a shared machine moves them.`);
    say(`written ${file} (${((finishedAt.getTime() - startedAt.getTime()) / 1000).toFixed(1)} s)`);
    return report;
  } finally {
    await opened.close();
  }
}

const county = (city: number, index: number) => `${countyCode(city, index)}000000`;

function staff(orgId: string, roles: Caller['roles'], regionCode: string, lines: Caller['lines'] = []): Caller {
  return { userId: `bench-${orgId}-${roles.join('-')}`, name: '测试', orgId, roles, regionCode, lines };
}

/**
 * Each query runs `runs` times (after a warm-up) over rotating callers: the 1,000 desks, the 100
 * county agencies and supervisors, the 10 cities, matters picked across the whole history.
 */
async function timeQueries(queries: MatterQueries, sizes: QueryScaleSizes, say: (line: string) => void): Promise<QueryRow[]> {
  const sites = CITIES * COUNTIES_PER_CITY * SITES_PER_COUNTY;
  const at = (i: number) => {
    const site = (i * 7919) % sites;
    const c = Math.floor(site / (COUNTIES_PER_CITY * SITES_PER_COUNTY));
    const k = Math.floor(site / SITES_PER_COUNTY) % COUNTIES_PER_CITY;
    return { c, k, s: site % SITES_PER_COUNTY };
  };
  const year = { from: '2026-01-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' };
  const cases: { name: string; target: boolean; run: (i: number) => Promise<number> }[] = [
    {
      name: 'work queue, desk clerk (first 20)',
      target: true,
      run: async (i) => {
        const { c, k, s } = at(i);
        return (await queries.workQueue(staff(siteOrgId(c, k, s), ['clerk'], siteRegion(c, k, s)), {}, { first: 20 })).totalCount;
      },
    },
    {
      name: 'work queue, county legal aid handler (first 20)',
      target: true,
      run: async (i) => {
        const { c, k } = at(i);
        return (await queries.workQueue(staff(agencyOrgId(c, k), ['handler'], county(c, k), ['legal-aid']), {}, { first: 20 })).totalCount;
      },
    },
    {
      name: 'work queue, county supervisor (first 20)',
      target: true,
      run: async (i) => {
        const { c, k } = at(i);
        return (await queries.workQueue(staff(`org-bureau-${countyCode(c, k)}`, ['supervisor'], county(c, k)), {}, { first: 20 })).totalCount;
      },
    },
    {
      name: 'region stats, a county over 2026',
      target: false,
      run: async (i) => {
        const { c, k } = at(i);
        return (await queries.regionStats(staff(`org-bureau-${countyCode(c, k)}`, ['supervisor'], county(c, k)), countyCode(c, k), year.from, year.to)).registered;
      },
    },
    {
      name: 'region stats, a city over 2026',
      target: false,
      run: async (i) => {
        const c = i % CITIES;
        return (await queries.regionStats(staff(`org-bureau-${cityCode(c)}`, ['supervisor'], `${cityCode(c)}00000000`), cityCode(c), year.from, year.to)).registered;
      },
    },
    {
      name: 'case file by case code',
      target: false,
      run: async (i) => {
        const matter = generateMatter((i * 104_729) % sizes.matters, sizes.matters);
        const found = await queries.caseFile(staff(matter.siteOrgId, ['clerk'], '510000000000'), matter.caseCode);
        if (found.caseCode !== matter.caseCode) throw new Error(`case file ${matter.caseCode} answered ${found.caseCode}`);
        return 1;
      },
    },
  ];
  const rows: QueryRow[] = [];
  const collector = new GcPauses();
  try {
    for (const query of cases) {
      const budgetEnds = performance.now() + sizes.budgetSeconds * 1000;
      for (let i = 0; i < sizes.warmupRuns && performance.now() < budgetEnds; i++) await query.run(sizes.runs + i);
      const latencies: number[] = [];
      const windows: (readonly [number, number])[] = [];
      let answered = 0;
      // At least 3 runs, so that even a query over budget gets a median of its own.
      for (let i = 0; i < sizes.runs && (i < 3 || performance.now() < budgetEnds); i++) {
        const started = performance.now();
        answered += await query.run(i);
        const ended = performance.now();
        latencies.push(ended - started);
        windows.push([started, ended]);
      }
      const latency = percentiles(latencies);
      const gc = await collector.during(windows);
      const row: QueryRow = {
        name: query.name,
        runs: latencies.length,
        latency,
        answered: Math.round(answered / latencies.length),
        target: query.target ? `p95 ≤ ${TARGET_WORK_QUEUE_P95_MS} ms` : null,
        met: query.target ? latency.p95 <= TARGET_WORK_QUEUE_P95_MS : null,
        gc,
      };
      rows.push(row);
      say(
        `  ${row.name}: p50 ${latency.p50.toFixed(2)} ms, p95 ${latency.p95.toFixed(2)} ms (answers ${formatInteger(row.answered)} on average); ` +
          `GC paused ${gc.runsPaused} of ${latencies.length} runs (${gc.pauses} pauses, ${gc.pausedMs.toFixed(1)} ms, longest ${gc.longestMs.toFixed(1)} ms)`,
      );
    }
  } finally {
    collector.stop();
  }
  return rows;
}

/** Collector pauses as V8 reports them, matched against the timed runs after each query. */
class GcPauses {
  private readonly seen: { start: number; end: number }[] = [];
  private readonly observer = new PerformanceObserver((list) => this.keep(list.getEntries()));

  constructor() {
    this.observer.observe({ entryTypes: ['gc'] });
  }

  async during(windows: readonly (readonly [number, number])[]): Promise<QueryRow['gc']> {
    // Node hands 'gc' entries to observers from the event loop, never synchronously (takeRecords is empty before): let it run once.
    await new Promise<void>((resolve) => setTimeout(resolve, 10));
    this.keep(this.observer.takeRecords());
    const inside = this.seen.filter((pause) => windows.some(([from, to]) => pause.start < to && pause.end > from));
    const runsPaused = windows.filter(([from, to]) => inside.some((pause) => pause.start < to && pause.end > from)).length;
    const durations = inside.map((pause) => pause.end - pause.start);
    this.seen.length = 0;
    return { runsPaused, pauses: inside.length, longestMs: Math.max(0, ...durations), pausedMs: durations.reduce((sum, ms) => sum + ms, 0) };
  }

  stop(): void {
    this.observer.disconnect();
  }

  private keep(entries: readonly PerformanceEntry[]): void {
    for (const entry of entries) this.seen.push({ start: entry.startTime, end: entry.startTime + entry.duration });
  }
}

function queryTable(rows: readonly QueryRow[]): string {
  const header = ['query', 'runs', 'p50 ms', 'p95 ms', 'max ms', 'answers (avg)', 'target', 'met'];
  const body = rows.map((row) => [row.name, String(row.runs), row.latency.p50.toFixed(2), row.latency.p95.toFixed(2), row.latency.max.toFixed(2), formatInteger(row.answered), row.target ?? '—', row.met === null ? '—' : row.met ? 'yes' : 'NO']);
  const numeric = new Set([1, 2, 3, 4, 5]);
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => cells[column].length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => (numeric.has(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join('  ').trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)].join('\n');
}

/** Redrawn in place on a terminal; a line per 10 % otherwise (CI logs). */
function progressBar(stream: NodeJS.WriteStream, total: number): (done: number, events: number, started: number) => void {
  const step = Math.max(1, Math.floor(total / (stream.isTTY ? 200 : 10)));
  return (done, events, started) => {
    if (done % step !== 0 && done !== total) return;
    const ratio = done / total;
    const width = 30;
    const filled = Math.round(ratio * width);
    const seconds = Math.max(0.001, (performance.now() - started) / 1000);
    const line = `matters [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(ratio * 100).toFixed(1)}% ${formatInteger(done)}/${formatInteger(total)} ${formatInteger(events / seconds)} ev/s RSS ${formatMegabytes(process.memoryUsage.rss())}`;
    stream.write(stream.isTTY ? `\r${line}` : `${line}\n`);
    if (done === total && stream.isTTY) stream.write('\n');
  };
}

async function openStore(kind: StoreKind): Promise<{ store: ReadStore; note: string; close(): Promise<void> }> {
  if (kind === 'memory') {
    const store = new infrastructure.MemoryReadStore();
    return { store, note: 'MemoryReadStore, the embedded mode\'s read store', close: () => store.close() };
  }
  return openMongoStore();
}

interface MongoStoreClass {
  connect(options: { uri: string; database: string; prefix?: string }): Promise<ReadStore>;
}

/**
 * The Mongo adapter against FerretDB (tools/servers/ferretdb.cjs starts one, or MONGO_URL points at
 * a MongoDB). Both are looked up when asked for, so the memory benchmark never depends on them.
 */
async function openMongoStore(): Promise<{ store: ReadStore; note: string; close(): Promise<void> }> {
  const MongoReadStore = (infrastructure as Record<string, unknown>)['MongoReadStore'] as MongoStoreClass | undefined;
  if (!MongoReadStore) throw new Error('--store mongo needs MongoReadStore in @pls/infrastructure, which this checkout does not have');
  const servers = join(repositoryRoot(), 'tools/servers/ferretdb.cjs');
  if (!existsSync(servers) && !process.env['MONGO_URL']) throw new Error(`--store mongo needs ${servers} (FerretDB) or MONGO_URL`);
  const server: { uri: string; stop(): Promise<void> } = process.env['MONGO_URL']
    ? { uri: process.env['MONGO_URL'], stop: async () => undefined }
    : await (require(servers) as { ensureFerretDb(): Promise<{ uri: string; stop(): Promise<void> }> }).ensureFerretDb();
  const database = `pls_bench_${Date.now()}`;
  const store = await MongoReadStore.connect({ uri: server.uri, database });
  return {
    store,
    note: `MongoReadStore on ${process.env['MONGO_URL'] ? 'MONGO_URL' : 'FerretDB (SQLite backend)'}, database ${database}`,
    close: async () => {
      for (const name of await store.listCollections()) await store.dropCollection(name);
      await store.close();
      await server.stop();
    },
  };
}

function repositoryRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no repository root above ${__dirname}`);
  }
}

function parseArguments(argv: readonly string[]): CliArguments {
  let quick = false;
  let store: StoreKind = 'memory';
  let out = 'bench-results';
  const sizes: { -readonly [K in keyof QueryScaleSizes]?: QueryScaleSizes[K] } = {};
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${argument} needs a value`);
      return next;
    };
    const count = () => {
      const text = value();
      const parsed = Number(text.replace(/[_,]/g, ''));
      if (!Number.isSafeInteger(parsed) || parsed < 1) throw new Error(`${argument} needs a positive integer, got ${text}`);
      return parsed;
    };
    const [name, inline] = argument.split('=', 2);
    switch (name) {
      case '--quick':
        quick = true;
        break;
      case '--matters':
        sizes.matters = count();
        break;
      case '--runs':
        sizes.runs = count();
        break;
      case '--store': {
        const kind = inline ?? value();
        if (kind !== 'memory' && kind !== 'mongo') throw new Error(`--store is memory or mongo, got ${kind}`);
        store = kind;
        break;
      }
      case '--out':
        out = value();
        break;
      default:
        throw new Error(`unknown argument ${argument}; use --quick, --matters N, --runs N, --store memory|mongo, --out DIR`);
    }
  }
  return { quick, store, sizes, out };
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
