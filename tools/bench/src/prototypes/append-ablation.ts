import type { SqliteEventStore } from '@pls/infrastructure';
import { defaultScratchBase, formatInteger, median, scratchDirectory } from '../bench-support';
import { COUNTER_CONTEXT, counterDecider, counterStreams } from '../counter.decider';
import { concurrentRound, rawRound, sequentialRound, type RoundResult } from '../kernel.bench';
import { CachedCommandHandler } from './cached-command-handler';

/**
 * Single-event commands, sequential and from 50 concurrent writers, with the CommandHandler as it
 * is and with the cached-state prototype, against the raw better-sqlite3 reference, in interleaved
 * rounds (order rotated):
 *
 *   npm run build && node dist/tools/bench/src/prototypes/append-ablation.js [--appends N] [--rounds R]
 */
async function main(argv: readonly string[]): Promise<void> {
  const option = (name: string, fallback: number) => {
    const at = argv.indexOf(name);
    return at === -1 ? fallback : Number(argv[at + 1]);
  };
  const appends = option('--appends', 3_000);
  const rounds = option('--rounds', 7);
  const streams = counterStreams(1_000);
  const scratch = scratchDirectory(defaultScratchBase());
  const cached = (store: SqliteEventStore) => new CachedCommandHandler({ context: COUNTER_CONTEXT, decider: counterDecider, store, maxRetries: 20 });
  const variants: Record<string, (round: number) => Promise<RoundResult>> = {
    raw: (round) => rawRound(scratch.file(`raw-${round}.sqlite`), appends, streams, round),
    'sequential, CommandHandler': (round) => sequentialRound(scratch.file(`seq-${round}.sqlite`), appends, streams, round, `seq-${round}`),
    'sequential, CachedCommandHandler': (round) => sequentialRound(scratch.file(`seq-cached-${round}.sqlite`), appends, streams, round, `seq-cached-${round}`, cached),
    '50 writers, CommandHandler': (round) => concurrentRound(scratch.file(`conc-${round}.sqlite`), appends * 3, 50, streams, round, `conc-${round}`),
    '50 writers, CachedCommandHandler': (round) => concurrentRound(scratch.file(`conc-cached-${round}.sqlite`), appends * 3, 50, streams, round, `conc-cached-${round}`, cached),
  };
  const names = Object.keys(variants);
  const rates = new Map<string, number[]>(names.map((name) => [name, []]));
  try {
    for (let round = -1; round < rounds; round++) {
      for (let step = 0; step < names.length; step++) {
        const name = names[(step + Math.max(round, 0)) % names.length];
        const { rate } = await variants[name](round);
        // Round -1 warms the JIT and the file system up and is not recorded.
        if (round >= 0) rates.get(name)?.push(rate);
      }
    }
  } finally {
    scratch.remove();
  }
  const raw = rates.get('raw') as number[];
  console.log(`single-event commands over 1,000 streams (${appends} sequential, ${appends * 3} concurrent per round), ${rounds} rounds, medians (ratio: median of per-round ratios vs raw)`);
  for (const name of names) {
    const values = rates.get(name) as number[];
    const ratio = median(values.map((rate, round) => rate / raw[round]));
    console.log(`${name.padEnd(34)} ${formatInteger(median(values)).padStart(7)}/s  ${ratio.toFixed(2)}× raw  (${formatInteger(Math.min(...values))}–${formatInteger(Math.max(...values))})`);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
