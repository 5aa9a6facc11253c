import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ProjectionRunner, type EventStore, type ReadStore } from '@pls/event-sourcing';
import { MemoryCheckpointStore, MemoryReadStore, SqliteEventStore } from '@pls/infrastructure';
import { defaultScratchBase, formatInteger, formatMegabytes, machineFacts, median, RssSampler, scratchDirectory, timed } from '../bench-support';
import { appendCaseHistory, workQueueProjection } from '../work-queue.projection';
import { rebuildWithDeferredIndexes } from './deferred-index-rebuild';
import { LazyMetadataReader } from './lazy-metadata-reader';
import { SideTableReadStore } from './side-table-read-store';

/**
 * Where the projection-rebuild time goes, one proposed change at a time:
 *
 *   npm run build && node dist/tools/bench/src/prototypes/rebuild-ablation.js [--events N] [--repeats R]
 *
 * Writes the kernel benchmark's history (N events, default 1,000,000) once, then runs every variant
 * in a fresh process (no heap or JIT state carried between variants), R times interleaved, and
 * prints the median events/s. The prototypes are in this folder; none of them is product code.
 */

interface Variant {
  readonly id: string;
  readonly label: string;
  /** A: ProjectionRunner builds the new generation's indexes after catch-up. */
  readonly deferIndexes?: boolean;
  /** B1 (revisions beside the document) alone, or B (B1 and cheaper copies). */
  readonly readStore?: 'adapter' | 'B1' | 'B';
  /** C: readAll with raw rows and lazily parsed metadata. */
  readonly lazyReads?: boolean;
  /** Only read every page: the ceiling any projection work sits under. */
  readonly readOnly?: boolean;
  readonly nodeFlags?: readonly string[];
}

const VARIANTS: readonly Variant[] = [
  { id: 'baseline', label: 'as in libs: ProjectionRunner.rebuild → MemoryReadStore' },
  { id: 'A', label: 'A  runner: index the new generation after catch-up', deferIndexes: true },
  { id: 'B1', label: 'B1 read store: revisions beside the document', readStore: 'B1' },
  { id: 'B', label: 'B  read store: B1 + shallow input, structural-sharing copy', readStore: 'B' },
  { id: 'A+B', label: 'A + B', deferIndexes: true, readStore: 'B' },
  { id: 'A+B+C', label: 'A + B + C event store: raw rows, lazy metadata', deferIndexes: true, readStore: 'B', lazyReads: true },
  { id: 'A+B+C/semi64', label: 'A + B + C, node --max-semi-space-size=64', deferIndexes: true, readStore: 'B', lazyReads: true, nodeFlags: ['--max-semi-space-size=64'] },
  { id: 'read', label: 'ceiling: readAll alone (SqliteEventStore)', readOnly: true },
  { id: 'read+C', label: 'ceiling: readAll alone with C', readOnly: true, lazyReads: true },
];

interface ChildResult {
  readonly seconds: number;
  readonly events: number;
  readonly documents: number;
  readonly peakRssBytes: number;
}

async function runVariant(id: string, file: string): Promise<ChildResult> {
  const variant = VARIANTS.find((candidate) => candidate.id === id);
  if (!variant) throw new Error(`unknown variant ${id}`);
  const store = SqliteEventStore.open(file);
  const sampler = new RssSampler();
  const reader: EventStore = variant.lazyReads ? new LazyMetadataReader(store, file) : store;
  try {
    if (variant.readOnly) {
      const { seconds, result } = await timed(async () => {
        let after = 0;
        let events = 0;
        for (;;) {
          const page = await reader.readAll({ after, maxCount: 5_000 });
          if (page.length === 0) return events;
          events += page.length;
          after = page[page.length - 1].globalPosition;
        }
      });
      return { seconds, events: result, documents: 0, peakRssBytes: sampler.sample() };
    }
    const readStore: ReadStore =
      variant.readStore === 'B1' ? new SideTableReadStore({ sharedCopies: false }) : variant.readStore === 'B' ? new SideTableReadStore() : new MemoryReadStore();
    const runner = new ProjectionRunner({ readStore, projections: [workQueueProjection] });
    const onProgress = () => void sampler.sample();
    const checkpoints = new MemoryCheckpointStore();
    const { seconds, result } = await timed(() =>
      variant.deferIndexes
        ? rebuildWithDeferredIndexes(runner, { readStore, projection: workQueueProjection }, reader, checkpoints, { generation: 'ablation', onProgress })
        : runner.rebuild(workQueueProjection.name, reader, checkpoints, { generation: 'ablation', onProgress }),
    );
    const documents = await runner.collection(workQueueProjection.name).count();
    sampler.sample();
    return { seconds, events: result.events, documents, peakRssBytes: sampler.peakBytes };
  } finally {
    if (reader !== store) await reader.close();
    await store.close();
  }
}

function option(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at === -1 ? undefined : argv[at + 1];
}

async function main(argv: readonly string[]): Promise<void> {
  const events = Number(option(argv, '--events') ?? 1_000_000);
  const repeats = Number(option(argv, '--repeats') ?? 3);
  const out = resolve(option(argv, '--out') ?? 'bench-results');
  const scratch = scratchDirectory(option(argv, '--scratch') ?? defaultScratchBase());
  try {
    const file = scratch.file('history.sqlite');
    const store = SqliteEventStore.open(file);
    const cases = await appendCaseHistory(store, events, 10_000);
    await store.close();
    console.log(`history: ${formatInteger(events)} events over ${formatInteger(cases)} cases; ${repeats} interleaved runs per variant, each in a fresh process`);

    const results = new Map<string, ChildResult[]>(VARIANTS.map((variant) => [variant.id, []]));
    for (let repeat = 0; repeat < repeats; repeat++) {
      for (const variant of VARIANTS) {
        const child = spawnSync(process.execPath, [...process.execArgv, ...(variant.nodeFlags ?? []), __filename, '--child', variant.id, '--file', file], { encoding: 'utf8', maxBuffer: 1 << 20 });
        if (child.status !== 0) throw new Error(`variant ${variant.id} failed: ${child.stderr}`);
        const result = JSON.parse(child.stdout.trim().split('\n').pop() as string) as ChildResult;
        if (result.events !== events || (result.documents !== 0 && result.documents !== cases)) throw new Error(`variant ${variant.id} saw ${JSON.stringify(result)}`);
        results.get(variant.id)?.push(result);
        console.log(`  run ${repeat + 1}: ${variant.id.padEnd(13)} ${formatInteger(events / result.seconds).padStart(9)} events/s`);
      }
    }

    const rates = new Map(VARIANTS.map((variant) => [variant.id, median((results.get(variant.id) ?? []).map((result) => events / result.seconds))]));
    const baseline = rates.get('baseline') as number;
    console.log(`\n${'variant'.padEnd(60)} ${'events/s'.padStart(9)}  ×baseline  peak RSS`);
    for (const variant of VARIANTS) {
      const rate = rates.get(variant.id) as number;
      const peak = median((results.get(variant.id) ?? []).map((result) => result.peakRssBytes));
      console.log(`${variant.label.padEnd(60)} ${formatInteger(rate).padStart(9)}  ${(rate / baseline).toFixed(2).padStart(8)}×  ${formatMegabytes(peak)}`);
    }
    mkdirSync(out, { recursive: true });
    const written = join(out, `rebuild-ablation-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(written, `${JSON.stringify({ events, cases, repeats, machine: machineFacts(scratch.dir), variants: VARIANTS, results: Object.fromEntries(results) }, null, 2)}\n`);
    console.log(`\nwritten ${written}`);
  } finally {
    scratch.remove();
  }
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const child = option(argv, '--child');
  const run = child ? runVariant(child, option(argv, '--file') as string).then((result) => console.log(JSON.stringify(result))) : main(argv);
  run.catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
