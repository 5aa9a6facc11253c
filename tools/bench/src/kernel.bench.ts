import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { CommandHandler, consoleProgressBar, ProjectionRunner, type RebuildProgress } from '@pls/event-sourcing';
import { MemoryCheckpointStore, MemoryReadStore, SqliteEventStore } from '@pls/infrastructure';
import {
  defaultScratchBase,
  formatInteger,
  formatMegabytes,
  formatTable,
  machineFacts,
  median,
  prng,
  RssSampler,
  samples,
  scratchDirectory,
  timed,
  type BenchRow,
  type MachineFacts,
  type Samples,
} from './bench-support';
import { COUNTER_CONTEXT, counterDecider, counterStreams, incrementCommand, incrementEvents, type CounterCommand, type CounterEvent, type CounterState } from './counter.decider';
import { rawInsertRound, rawRows } from './raw-sqlite';
import { appendCaseHistory, workQueueProjection } from './work-queue.projection';

/**
 * Kernel benchmark (`npm run bench:kernel [-- --quick] [--events N] [--out DIR] [--scratch DIR]`).
 * Prints figures and writes them with the machine's facts to `<out>/kernel-<timestamp>.json`; it
 * never fails on a missed target, because a benchmark that fails CI on a noisy disk gets deleted.
 */

export interface KernelBenchSizes {
  /** Interleaved rounds of raw / sequential / concurrent appends; rates are the median round. */
  readonly rounds: number;
  readonly sequentialAppends: number;
  readonly concurrentAppends: number;
  readonly writers: number;
  readonly streams: number;
  readonly foldStreams: number;
  readonly foldEventsPerStream: number;
  readonly foldRounds: number;
  readonly readAllPageSize: number;
  readonly rebuildEvents: number;
  /** Appends queued per group commit while generating the rebuild's history (setup only). */
  readonly setupBatchSize: number;
  /** readAll page size of the rebuild itself (the runner's default). */
  readonly rebuildBatchSize: number;
  /** Rebuilds of the same history, each into a fresh read store; the row is their median (a shared VM's speed drifts by a third within minutes). */
  readonly rebuildRuns: number;
}

export const FULL_SIZES: KernelBenchSizes = {
  rounds: 7,
  sequentialAppends: 3_000,
  concurrentAppends: 10_000,
  writers: 50,
  streams: 1_000,
  foldStreams: 1_000,
  foldEventsPerStream: 100,
  foldRounds: 3,
  readAllPageSize: 5_000,
  rebuildEvents: 1_000_000,
  setupBatchSize: 10_000,
  rebuildBatchSize: 5_000,
  rebuildRuns: 3,
};

/** Small enough for CI to run as a smoke test in well under a minute, every row still printed. */
export const QUICK_SIZES: KernelBenchSizes = {
  ...FULL_SIZES,
  rounds: 5,
  sequentialAppends: 1_000,
  concurrentAppends: 3_000,
  foldStreams: 200,
  foldEventsPerStream: 50,
  rebuildEvents: 50_000,
  rebuildRuns: 1,
};

export interface KernelBenchOptions {
  /** Overrides after `--quick` / `--events` are applied (the integration test shrinks everything). */
  readonly sizes?: Partial<KernelBenchSizes>;
  readonly stdout?: Writable;
  /** Where the rebuild's progress bar goes. */
  readonly progress?: NodeJS.WriteStream;
}

export interface KernelBenchReport {
  readonly benchmark: 'kernel';
  readonly mode: 'full' | 'quick';
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly argv: readonly string[];
  readonly machine: MachineFacts;
  readonly sizes: KernelBenchSizes;
  readonly rows: readonly BenchRow[];
  readonly details: Record<string, unknown>;
  readonly file: string;
}

interface CliArguments {
  readonly quick: boolean;
  readonly events?: number;
  readonly out: string;
  readonly scratch: string;
}

const TARGETS = { sequential: 0.5, concurrent: 1.0, rebuildEventsPerSecond: 100_000 } as const;
const SEED = 424242;

export async function main(argv: readonly string[], options: KernelBenchOptions = {}): Promise<KernelBenchReport> {
  const cli = parseArguments(argv);
  const base = cli.quick ? QUICK_SIZES : FULL_SIZES;
  const sizes: KernelBenchSizes = { ...base, ...(cli.events === undefined ? {} : { rebuildEvents: cli.events }), ...options.sizes };
  const stdout = options.stdout ?? process.stdout;
  const progress = options.progress ?? process.stderr;
  const say = (line: string) => stdout.write(`${line}\n`);
  const startedAt = new Date();
  const scratch = scratchDirectory(cli.scratch);
  try {
    const machine = machineFacts(scratch.dir);
    say(`PLS kernel benchmark (${cli.quick ? 'quick' : 'full'}) — node ${machine.node}, ${machine.cpus} × ${machine.cpuModel}, ${machine.os}, SQLite ${machine.sqlite}`);
    say(`scratch files in ${scratch.dir}`);

    const appends = await appendBenchmarks(sizes, scratch.file, say);
    const fold = await foldBenchmarks(sizes, scratch.file('fold.sqlite'), say);
    const rebuild = await rebuildBenchmark(sizes, scratch.file('rebuild.sqlite'), progress, say);

    const rows = [...appends.rows, ...fold.rows, ...rebuild.rows];
    const finishedAt = new Date();
    const outDir = resolve(cli.out);
    mkdirSync(outDir, { recursive: true });
    const file = join(outDir, `kernel-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
    const report: KernelBenchReport = {
      benchmark: 'kernel',
      mode: cli.quick ? 'quick' : 'full',
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      argv: [...argv],
      machine,
      sizes,
      rows,
      details: { appends: appends.details, fold: fold.details, rebuild: rebuild.details },
      file,
    };
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    say('');
    say(formatTable(rows));
    const judged = rows.filter((row) => row.met !== null);
    say(`targets met: ${judged.filter((row) => row.met).length} of ${judged.length} (figures only: nothing here fails a build)`);
    say('');
    say(`written ${file} (${((finishedAt.getTime() - startedAt.getTime()) / 1000).toFixed(1)} s)`);
    return report;
  } finally {
    scratch.remove();
  }
}

function parseArguments(argv: readonly string[]): CliArguments {
  let quick = false;
  let events: number | undefined;
  let out = 'bench-results';
  let scratch = defaultScratchBase();
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${argument} needs a value`);
      return next;
    };
    switch (argument) {
      case '--quick':
        quick = true;
        break;
      case '--events': {
        const text = value();
        events = Number(text.replace(/[_,]/g, ''));
        if (!Number.isSafeInteger(events) || events < 1) throw new Error(`--events needs a positive integer, got ${text}`);
        break;
      }
      case '--out':
        out = value();
        break;
      case '--scratch':
        scratch = value();
        break;
      default:
        throw new Error(`unknown argument ${argument}; use --quick, --events N, --out DIR, --scratch DIR`);
    }
  }
  return { quick, events, out, scratch };
}

type Say = (line: string) => void;
type ScratchFile = (name: string) => string;

export function counterHandler(store: SqliteEventStore): CommandHandler<CounterCommand, CounterEvent, CounterState> {
  // More retries than the production default: 50 writers over 1,000 streams collide in most group
  // commits, and the benchmark counts the conflicts rather than fail on an unlucky streak.
  return new CommandHandler({ context: COUNTER_CONTEXT, decider: counterDecider, store, maxRetries: 20 });
}

export function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}

async function assertHead(store: SqliteEventStore, expected: number, what: string): Promise<void> {
  const head = await store.headPosition();
  if (head !== expected) throw new Error(`${what}: expected ${expected} events in the store, found ${head}`);
}

export interface RoundResult {
  readonly rate: number;
  readonly seconds: number;
  /** Process CPU time per operation: near 1e6 / rate when CPU-bound, far below when waiting on the disk. */
  readonly cpuMicrosPerOp?: number;
}

export async function rawRound(file: string, count: number, streams: readonly string[], seed: number): Promise<RoundResult> {
  const rows = rawRows(count, streams, prng(seed));
  const { seconds, cpuSeconds } = rawInsertRound(file, rows);
  removeDatabase(file);
  return { rate: count / seconds, seconds, cpuMicrosPerOp: (cpuSeconds * 1e6) / count };
}

export async function sequentialRound(file: string, count: number, streams: readonly string[], seed: number, tag: string): Promise<RoundResult & { commits: number }> {
  const store = SqliteEventStore.open(file);
  try {
    const handler = counterHandler(store);
    const pick = prng(seed);
    const { seconds, cpuSeconds } = await timed(async () => {
      for (let i = 0; i < count; i++) {
        await handler.handle(streams[Math.floor(pick() * streams.length)], incrementCommand(`${tag}-${i}`, i));
      }
    });
    await assertHead(store, count, 'sequential appends');
    return { rate: count / seconds, seconds, cpuMicrosPerOp: (cpuSeconds * 1e6) / count, commits: store.stats.commits };
  } finally {
    await store.close();
    removeDatabase(file);
  }
}

export async function concurrentRound(
  file: string,
  count: number,
  writers: number,
  streams: readonly string[],
  seed: number,
  tag: string,
): Promise<RoundResult & { commits: number; appends: number; conflicts: number }> {
  const store = SqliteEventStore.open(file);
  try {
    const handler = counterHandler(store);
    let issued = 0;
    const writer = async (index: number) => {
      const pick = prng(seed + index);
      while (issued < count) {
        const sequence = issued++;
        await handler.handle(streams[Math.floor(pick() * streams.length)], incrementCommand(`${tag}-${sequence}`, sequence));
      }
    };
    const { seconds, cpuSeconds } = await timed(() => Promise.all(Array.from({ length: writers }, (_, index) => writer(index))));
    await assertHead(store, count, 'concurrent appends');
    // Every append the store was asked for beyond one per command lost a revision check and was retried.
    const { appends, commits } = store.stats;
    return { rate: count / seconds, seconds, cpuMicrosPerOp: (cpuSeconds * 1e6) / count, commits, appends, conflicts: appends - count };
  } finally {
    await store.close();
    removeDatabase(file);
  }
}

async function appendBenchmarks(sizes: KernelBenchSizes, file: ScratchFile, say: Say): Promise<{ rows: BenchRow[]; details: Record<string, unknown> }> {
  const streams = counterStreams(sizes.streams);
  // One unrecorded round first: JIT, the page cache and the file system's first-write costs must not land on round 1.
  const warmUp = Math.max(50, Math.round(sizes.sequentialAppends / 5));
  await rawRound(file('warm-raw.sqlite'), warmUp, streams, SEED);
  await sequentialRound(file('warm-seq.sqlite'), warmUp, streams, SEED, 'warm-seq');
  await concurrentRound(file('warm-conc.sqlite'), warmUp, sizes.writers, streams, SEED, 'warm-conc');

  const raw: RoundResult[] = [];
  const sequential: (RoundResult & { commits: number })[] = [];
  const concurrent: (RoundResult & { commits: number; appends: number; conflicts: number })[] = [];
  for (let round = 0; round < sizes.rounds; round++) {
    const seed = SEED + round * 1000;
    const steps = [
      async () => raw.push(await rawRound(file(`raw-${round}.sqlite`), sizes.sequentialAppends, streams, seed)),
      async () => sequential.push(await sequentialRound(file(`seq-${round}.sqlite`), sizes.sequentialAppends, streams, seed, `seq-${round}`)),
      async () => concurrent.push(await concurrentRound(file(`conc-${round}.sqlite`), sizes.concurrentAppends, sizes.writers, streams, seed, `conc-${round}`)),
    ];
    // Rotating the order keeps a slow start (or a disk that tires) from always hitting the same row.
    for (let step = 0; step < steps.length; step++) await steps[(step + round) % steps.length]();
    say(
      `appends round ${round + 1}/${sizes.rounds}: raw ${formatInteger(raw[round].rate)}/s, sequential ${formatInteger(sequential[round].rate)}/s, ` +
        `${sizes.writers} writers ${formatInteger(concurrent[round].rate)}/s`,
    );
  }

  const rawRate = samples(raw.map((result) => result.rate));
  const sequentialRate = samples(sequential.map((result) => result.rate));
  const concurrentRate = samples(concurrent.map((result) => result.rate));
  // Each round's store figure is divided by the raw figure of the same round: both met the same
  // disk at the same moment, so the ratio is steadier than the rates themselves.
  const sequentialRatio = samples(sequential.map((result, round) => result.rate / raw[round].rate));
  const concurrentRatio = samples(concurrent.map((result, round) => result.rate / raw[round].rate));
  const commits = samples(concurrent.map((result) => result.commits));
  const batch = samples(concurrent.map((result) => result.appends / result.commits));
  const conflicts = samples(concurrent.map((result) => result.conflicts));
  const spread = (rate: Samples) => `median of ${rate.values.length} rounds (${formatInteger(rate.min)}–${formatInteger(rate.max)}/s)`;
  const cpu = (rounds: readonly RoundResult[]) => `CPU ${formatInteger(median(rounds.map((result) => result.cpuMicrosPerOp ?? 0)))} µs/op of ${formatInteger(median(rounds.map((result) => 1e6 / result.rate)))} µs wall`;

  const rows: BenchRow[] = [
    {
      name: 'raw better-sqlite3: 1 INSERT/txn, WAL+FULL',
      operations: sizes.sequentialAppends,
      seconds: sizes.sequentialAppends / rawRate.median,
      opsPerSecond: rawRate.median,
      ratio: null,
      reference: null,
      target: 'reference',
      met: null,
      notes: `raw: ${spread(rawRate)}; ${cpu(raw)}; each insert is one fsync'd WAL commit on the scratch disk.`,
    },
    {
      name: 'SqliteEventStore sequential (CommandHandler)',
      operations: sizes.sequentialAppends,
      seconds: sizes.sequentialAppends / sequentialRate.median,
      opsPerSecond: sequentialRate.median,
      ratio: sequentialRatio.median,
      reference: 'raw',
      target: `≥ ${TARGETS.sequential}× raw`,
      met: sequentialRatio.median >= TARGETS.sequential,
      notes: `sequential: ${spread(sequentialRate)}, ${formatInteger(sizes.streams)} streams; ${cpu(sequential)}; ratio = median of per-round ratios (${sequentialRatio.min.toFixed(2)}–${sequentialRatio.max.toFixed(2)}).`,
    },
    {
      name: `SqliteEventStore ${sizes.writers} concurrent writers`,
      operations: sizes.concurrentAppends,
      seconds: sizes.concurrentAppends / concurrentRate.median,
      opsPerSecond: concurrentRate.median,
      ratio: concurrentRatio.median,
      reference: 'raw',
      target: `≥ ${TARGETS.concurrent.toFixed(1)}× raw`,
      met: concurrentRatio.median >= TARGETS.concurrent,
      notes:
        `${sizes.writers} writers: ${spread(concurrentRate)}; ${cpu(concurrent)}; group commit: median ${formatInteger(commits.median)} commits per round, ` +
        `${batch.median.toFixed(1)} appends/commit; ${formatInteger(conflicts.median)} revision conflicts retried per round (median).`,
    },
  ];
  return {
    rows,
    details: {
      warmUpAppends: warmUp,
      raw: { rate: rawRate, rounds: raw },
      sequential: { rate: sequentialRate, ratio: sequentialRatio, rounds: sequential },
      concurrent: { rate: concurrentRate, ratio: concurrentRatio, commits, appendsPerCommit: batch, conflicts, rounds: concurrent },
    },
  };
}

async function foldBenchmarks(sizes: KernelBenchSizes, file: string, say: Say): Promise<{ rows: BenchRow[]; details: Record<string, unknown> }> {
  const store = SqliteEventStore.open(file);
  try {
    const streams = counterStreams(sizes.foldStreams);
    const total = sizes.foldStreams * sizes.foldEventsPerStream;
    // All streams in one turn: group commit writes them in one transaction.
    const setup = await timed(() => Promise.all(streams.map((streamId) => store.appendToStream(streamId, incrementEvents(streamId, 0, sizes.foldEventsPerStream), { expectedRevision: 'no_stream' }))));
    await assertHead(store, total, 'fold setup');
    say(`fold setup: ${formatInteger(total)} events in ${setup.seconds.toFixed(2)} s`);

    const handler = counterHandler(store);
    const foldRounds: RoundResult[] = [];
    const readAllRounds: RoundResult[] = [];
    for (let round = 0; round < sizes.foldRounds; round++) {
      const fold = await timed(async () => {
        for (const streamId of streams) {
          const { state } = await handler.load(streamId);
          if (state.increments !== sizes.foldEventsPerStream) throw new Error(`fold of ${streamId} saw ${state.increments} events`);
        }
      });
      foldRounds.push({ rate: total / fold.seconds, seconds: fold.seconds });
      const scan = await timed(async () => {
        let after = 0;
        let seen = 0;
        for (;;) {
          const page = await store.readAll({ after, maxCount: sizes.readAllPageSize });
          if (page.length === 0) break;
          seen += page.length;
          after = page[page.length - 1].globalPosition;
        }
        if (seen !== total) throw new Error(`readAll saw ${seen} of ${total} events`);
      });
      readAllRounds.push({ rate: total / scan.seconds, seconds: scan.seconds });
    }
    const foldRate = samples(foldRounds.map((result) => result.rate));
    const readAllRate = samples(readAllRounds.map((result) => result.rate));
    say(`fold ${formatInteger(foldRate.median)} events/s, readAll ${formatInteger(readAllRate.median)} events/s`);
    return {
      rows: [
        {
          name: `fold: readStream + evolve, ${sizes.foldEventsPerStream}-event streams`,
          operations: total,
          seconds: total / foldRate.median,
          opsPerSecond: foldRate.median,
          ratio: null,
          reference: null,
          target: null,
          met: null,
          notes: `fold: CommandHandler.load of ${formatInteger(sizes.foldStreams)} streams × ${sizes.foldEventsPerStream} events, events/s, median of ${sizes.foldRounds} rounds (${formatInteger(foldRate.min)}–${formatInteger(foldRate.max)}).`,
        },
        {
          name: `readAll, pages of ${formatInteger(sizes.readAllPageSize)}`,
          operations: total,
          seconds: total / readAllRate.median,
          opsPerSecond: readAllRate.median,
          ratio: null,
          reference: null,
          target: null,
          met: null,
          notes: `readAll: whole store from position 0, events/s, median of ${sizes.foldRounds} rounds (${formatInteger(readAllRate.min)}–${formatInteger(readAllRate.max)}).`,
        },
      ],
      details: { setupSeconds: setup.seconds, fold: { rate: foldRate, rounds: foldRounds }, readAll: { rate: readAllRate, rounds: readAllRounds } },
    };
  } finally {
    await store.close();
  }
}

/** The runner reports once per page; on a pipe (CI logs) a line per page is noise, so only every 5 %. */
function throttledProgress(stream: NodeJS.WriteStream, sampler: RssSampler): (progress: RebuildProgress) => void {
  const bar = consoleProgressBar(stream);
  let shown = -1;
  return (progress) => {
    sampler.sample();
    const step = progress.total === 0 ? 20 : Math.floor((progress.done / progress.total) * 20);
    if (stream.isTTY || step !== shown) {
      shown = step;
      bar(progress);
    }
  };
}

async function rebuildBenchmark(sizes: KernelBenchSizes, file: string, progress: NodeJS.WriteStream, say: Say): Promise<{ rows: BenchRow[]; details: Record<string, unknown> }> {
  const store = SqliteEventStore.open(file);
  try {
    say(`rebuild setup: appending ${formatInteger(sizes.rebuildEvents)} case events in group commits of ${formatInteger(sizes.setupBatchSize)}…`);
    const setup = await timed(() => appendCaseHistory(store, sizes.rebuildEvents, sizes.setupBatchSize));
    const cases = setup.result;
    await assertHead(store, sizes.rebuildEvents, 'rebuild setup');
    say(`rebuild setup: ${formatInteger(sizes.rebuildEvents)} events over ${formatInteger(cases)} cases in ${setup.seconds.toFixed(1)} s`);

    const sampler = new RssSampler();
    const rssBefore = sampler.sample();
    const runs: { seconds: number; stats: ProjectionRunner['stats'] }[] = [];
    let documents = 0;
    if (!Number.isInteger(sizes.rebuildRuns) || sizes.rebuildRuns < 1) throw new Error(`rebuildRuns must be a positive integer, got ${sizes.rebuildRuns}`);
    for (let run = 0; run < sizes.rebuildRuns; run++) {
      const readStore = new MemoryReadStore();
      const runner = new ProjectionRunner({ readStore, projections: [workQueueProjection] });
      const rebuild = await timed(() =>
        runner.rebuild(workQueueProjection.name, store, new MemoryCheckpointStore(), {
          batchSize: sizes.rebuildBatchSize,
          generation: 'bench',
          onProgress: throttledProgress(progress, sampler),
        }),
      );
      sampler.sample();
      documents = await runner.collection(workQueueProjection.name).count();
      if (rebuild.result.events !== sizes.rebuildEvents) throw new Error(`rebuild read ${rebuild.result.events} of ${sizes.rebuildEvents} events`);
      if (documents !== cases) throw new Error(`rebuild produced ${documents} queue documents for ${cases} cases`);
      if (runner.stats.gaps !== 0 || runner.stats.skipped !== 0) throw new Error(`rebuild of a clean history reported ${JSON.stringify(runner.stats)}`);
      await readStore.close();
      runs.push({ seconds: rebuild.seconds, stats: { ...runner.stats } });
      say(`rebuild run ${run + 1}/${sizes.rebuildRuns}: ${formatInteger(sizes.rebuildEvents / rebuild.seconds)} events/s`);
    }
    const rates = runs.map((run) => sizes.rebuildEvents / run.seconds);
    const rate = median(rates);
    const rebuild = { seconds: sizes.rebuildEvents / rate };
    return {
      rows: [
        {
          name: 'rebuild setup: bulk appends (not a target)',
          operations: sizes.rebuildEvents,
          seconds: setup.seconds,
          opsPerSecond: sizes.rebuildEvents / setup.seconds,
          ratio: null,
          reference: null,
          target: null,
          met: null,
          notes: `setup: single-event appends queued ${formatInteger(sizes.setupBatchSize)} per group commit over ${formatInteger(cases)} interleaved case streams; one run.`,
        },
        {
          name: 'ProjectionRunner.rebuild → MemoryReadStore',
          operations: sizes.rebuildEvents,
          seconds: rebuild.seconds,
          opsPerSecond: rate,
          ratio: rate / TARGETS.rebuildEventsPerSecond,
          reference: 'target',
          target: `≥ ${formatInteger(TARGETS.rebuildEventsPerSecond)}/s`,
          met: rate >= TARGETS.rebuildEventsPerSecond,
          notes:
            `rebuild: work queue {orgId, status, dueAt}, ${formatInteger(documents)} documents, replay pages of ${formatInteger(sizes.rebuildBatchSize)}; ` +
            `median of ${runs.length} run${runs.length === 1 ? '' : 's'} (${formatInteger(Math.min(...rates))}–${formatInteger(Math.max(...rates))}/s), each into a fresh read store; ` +
            `RSS ${formatMegabytes(rssBefore)} before, peak ${formatMegabytes(sampler.peakBytes)} (sampled per page).`,
        },
      ],
      details: {
        setupSeconds: setup.seconds,
        cases,
        rebuildSeconds: rebuild.seconds,
        documents,
        rebuildRuns: runs,
        rssBeforeBytes: rssBefore,
        peakRssBytes: sampler.peakBytes,
        maxRssOfProcessBytes: process.resourceUsage().maxRSS * 1024,
      },
    };
  } finally {
    await store.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
