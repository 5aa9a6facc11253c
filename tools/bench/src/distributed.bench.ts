import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { SERVICE_NAMES, type ServiceName } from '@pls/platform-host';
import { defaultScratchBase, formatMegabytes, latencyTable, machineFacts, procStatus, type MachineFacts } from './bench-support';
import { CLERK, FLOW_DOCUMENTS, FLOW_MUTATIONS, GraphQLClient, GraphQLRefusal, HANDLER, LawyerPool, runFlow1, type FlowLag, type FlowRecorder } from './flow-1.client';
import { percentiles, type Percentiles } from './http-load';
import { histogramDelta, histogramQuantile, readHistogram, type HistogramSnapshot } from './prometheus-histogram';

/**
 * Distributed full flow (`npm run bench:distributed [-- --quick] [--clients N] [--seconds S] [--out DIR]`).
 *
 * The distributed topology as production runs it — the compiled `dist/apps/<x>/src/main.js` of the
 * projector, the four services (each with its own SQLite event store) and the gateway, one process
 * each — on the real Kafka broker and FerretDB of tools/servers (started when not running, and then
 * stopped again). Flow 1 of DOMAIN.md §6 is driven through the gateway by concurrent GraphQL
 * clients with the embedded benchmark's documents (flow-1.client.ts). Never fails on a missed target.
 */

const ROOT = resolve(__dirname, '../../../..');
const HOST = '127.0.0.1';
const TARGET_LAG_P99_MS = 500;
const READY_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 15_000;

// The real servers' scripts: `require` by path, tools/servers is not an Nx library.
const { ensureKafka, releaseKafka } = require(join(ROOT, 'tools/servers/kafka.cjs')) as typeof import('../../servers/kafka.cjs');
const { ensureFerretDb } = require(join(ROOT, 'tools/servers/ferretdb.cjs')) as typeof import('../../servers/ferretdb.cjs');

export interface DistributedSizes {
  readonly clients: number;
  readonly flowSeconds: number;
}

export const FULL_SIZES: DistributedSizes = { clients: 10, flowSeconds: 60 };
export const QUICK_SIZES: DistributedSizes = { clients: 2, flowSeconds: 10 };

/** What each wait means here: every arrow between processes below is a Kafka topic. */
export const DISTRIBUTED_LAGS: Record<FlowLag, string> = {
  crossLine:
    'routeMatter answered → the application in the agency\'s TO_REVIEW work queue: intake relay → Kafka → legal-aid service reactor opens it, appends → legal-aid relay → Kafka → projector → FerretDB',
  resultBack:
    'reviewClosure answered → the desk\'s case file at result-received: legal-aid relay → Kafka → intake service reactor appends → intake relay → Kafka → projector → FerretDB',
  projection:
    'grantAid answered → the application in the TO_ASSIGN queue: the gateway already waits for the projector before it answers a write (read-your-writes), so this is ~one query round trip',
};

const PROCESSES = ['projector', ...SERVICE_NAMES.map((service) => `${service}-service` as const), 'gateway'] as const;
type ProcessName = (typeof PROCESSES)[number];

type LagSummary = Percentiles & { readonly toRequest: Percentiles; readonly fromMutationRequest: Percentiles; readonly firstPollShare: number };

export interface DistributedReport {
  readonly benchmark: 'distributed';
  readonly mode: 'full' | 'quick';
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly argv: readonly string[];
  readonly machine: MachineFacts;
  readonly sizes: DistributedSizes;
  readonly topology: { readonly kafkaBrokers: readonly string[]; readonly namespace: string; readonly partitions: number; readonly mongo: string; readonly startSeconds: number; readonly readySeconds: number };
  readonly flows: { readonly completed: number; readonly failed: number; readonly firstFailure: string | null; readonly seconds: number; readonly flowsPerSecond: number; readonly mutationsPerSecond: number; readonly pollsPerSecond: number; readonly refusals: number; readonly generatorCores: number };
  readonly latencies: Record<string, Percentiles>;
  readonly lags: Record<FlowLag, LagSummary>;
  readonly lagMethod: string;
  readonly peakRssBytes: Record<string, number>;
  /** CPU each process used during the flow phase, in cores (1.0 = one core busy throughout). */
  readonly cpuCores: Record<string, number>;
  /** What the processes measured themselves during the flow phase (their /metrics), ms by bucket bound. */
  readonly insideProcesses: readonly InsideFigure[];
  readonly embedded: EmbeddedReference | null;
  readonly targets: readonly { readonly name: string; readonly value: number; readonly target: string; readonly met: boolean }[];
  readonly file: string;
}

interface InsideFigure {
  readonly name: string;
  readonly observations: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly meanMs: number;
}

/** The bus's own account, from the processes' /metrics: where the time across Kafka goes. */
const INSIDE_FIGURES: readonly { name: string; metric: string; processes: (name: ProcessName) => boolean; where?: (labels: Record<string, string>) => boolean }[] = [
  { name: 'Kafka: send → projector handler', metric: 'pls_bus_delivery_lag_seconds', processes: (name) => name === 'projector' },
  { name: 'projector handler (read-model write)', metric: 'pls_bus_handler_duration_seconds', processes: (name) => name === 'projector', where: (labels) => labels.outcome === 'handled' },
  { name: 'Kafka: send → services\' reactors', metric: 'pls_bus_delivery_lag_seconds', processes: (name) => name.endsWith('-service') },
  { name: 'reactor handler (decide + append)', metric: 'pls_bus_handler_duration_seconds', processes: (name) => name.endsWith('-service'), where: (labels) => labels.outcome === 'handled' },
];

async function scrapeMetrics(children: readonly Child[]): Promise<Map<ProcessName, string>> {
  const scraped = new Map<ProcessName, string>();
  await Promise.all(
    children.map(async (child) => {
      try {
        const response = await fetch(`${child.url}/metrics`);
        if (response.ok) scraped.set(child.name, await response.text());
      } catch {
        // A process that does not answer has no figures to add; its absence shows as NaN.
      }
    }),
  );
  return scraped;
}

function insideFigures(before: Map<ProcessName, string>, after: Map<ProcessName, string>): InsideFigure[] {
  return INSIDE_FIGURES.map(({ name, metric, processes, where }) => {
    const empty: HistogramSnapshot = { buckets: new Map(), count: 0, sum: 0 };
    let total = empty;
    for (const [processName, text] of after) {
      if (!processes(processName)) continue;
      const delta = histogramDelta(readHistogram(text, metric, where), readHistogram(before.get(processName) ?? '', metric, where));
      const buckets = new Map(total.buckets);
      for (const [bound, count] of delta.buckets) buckets.set(bound, (buckets.get(bound) ?? 0) + count);
      total = { buckets, count: total.count + delta.count, sum: total.sum + delta.sum };
    }
    return { name, observations: total.count, p50Ms: histogramQuantile(total, 0.5) * 1000, p99Ms: histogramQuantile(total, 0.99) * 1000, meanMs: total.count > 0 ? (total.sum / total.count) * 1000 : NaN };
  });
}

interface EmbeddedReference {
  readonly file: string;
  readonly startedAt: string;
  readonly mode: string;
  readonly flowsPerSecond: number | null;
  readonly clients: number | null;
  readonly lags: Partial<Record<FlowLag, { p50: number; p99: number }>>;
}

interface CliArguments {
  readonly quick: boolean;
  readonly sizes: Partial<DistributedSizes>;
  readonly out: string;
}

export async function main(argv: readonly string[], options: { stdout?: Writable } = {}): Promise<DistributedReport> {
  const cli = parseArguments(argv);
  const sizes: DistributedSizes = { ...(cli.quick ? QUICK_SIZES : FULL_SIZES), ...cli.sizes };
  const stdout = options.stdout ?? process.stdout;
  const say = (line: string) => stdout.write(`${line}\n`);
  const startedAt = new Date();
  const outDir = resolve(cli.out);
  mkdirSync(outDir, { recursive: true });
  for (const name of PROCESSES) {
    const main = distMain(name);
    if (!existsSync(main)) throw new Error(`${main} is missing: build first (npm run build)`);
  }
  const machine = machineFacts(defaultScratchBase());
  say(`PLS full-flow benchmark, distributed (${cli.quick ? 'quick' : 'full'}) — node ${machine.node}, ${machine.cpus} × ${machine.cpuModel}`);
  say(`one process each: ${PROCESSES.join(', ')}; real Kafka and FerretDB; the load generator in this process${machine.cpus <= 2 ? ` — all on ${machine.cpus} cores, broker and FerretDB included` : ''}`);

  const cleanups: (() => Promise<void>)[] = [];
  const children: Child[] = [];
  const stopAll = async () => {
    await Promise.all(children.map((child) => stopChild(child)));
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  const onSignal = () => {
    void stopAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const dataDir = mkdtempSync(join(defaultScratchBase(), 'pls-distributed-bench-'));
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  try {
    const topologyStart = performance.now();
    const [kafka, mongo] = await Promise.all([ensureKafka({}), ensureFerretDb()]);
    // Gives up this run's lease: a broker or FerretDB this run started is stopped, one already running stays.
    cleanups.push(() => releaseKafka(process.pid));
    cleanups.push(() => mongo.stop());
    const namespace = `bench${randomBytes(4).toString('hex')}`;
    const partitions = 2;
    cleanups.push(() => dropNamespace(kafka.brokers, mongo.uri, namespace));
    say(`servers: Kafka ${kafka.brokers.join(',')}, FerretDB ${mongo.uri}; topics, consumer groups and database "${namespace}" (removed afterwards)`);

    const commandPorts = Object.fromEntries(await Promise.all(SERVICE_NAMES.map(async (service) => [service, await freePort()] as const))) as Record<ServiceName, number>;
    const unlimited = '1000000000';
    const env: Record<string, string> = {
      HOST,
      PORT: '0',
      PLS_DATA_DIR: dataDir,
      PLS_LOG_FORMAT: 'json',
      PLS_LOG_LEVEL: 'warn',
      PLS_KAFKA_BROKERS: kafka.brokers.join(','),
      PLS_TOPIC_NAMESPACE: namespace,
      PLS_KAFKA_PARTITIONS: String(partitions),
      PLS_MONGO_URL: mongo.uri,
      PLS_MONGO_DATABASE: namespace,
      PLS_INTERNAL_TOKEN: randomBytes(24).toString('hex'),
      // One machine playing many clients would meet the edge's per-IP and per-user buckets: the
      // benchmark measures the path a request takes, the buckets stay in it.
      PLS_RATE_LIMIT_IP_BURST: unlimited,
      PLS_RATE_LIMIT_IP_PER_SECOND: unlimited,
      PLS_RATE_LIMIT_USER_BURST: unlimited,
      PLS_RATE_LIMIT_USER_PER_SECOND: unlimited,
      ...Object.fromEntries(SERVICE_NAMES.map((service) => [`PLS_${service.toUpperCase().replaceAll('-', '_')}_SERVICE`, `${HOST}:${commandPorts[service]}`])),
    };
    // The projector first, so that its consumer groups exist before the services publish; the
    // gateway last, once every service answers on its command port.
    children.push(await spawnChild('projector', env));
    children.push(...(await Promise.all(SERVICE_NAMES.map((service) => spawnChild(`${service}-service`, env)))));
    const gateway = await spawnChild('gateway', env);
    children.push(gateway);
    const startSeconds = (performance.now() - topologyStart) / 1000;
    const port = Number(new URL(gateway.url).port);
    say(`topology up in ${startSeconds.toFixed(1)} s (gateway ${gateway.url}, pids ${children.map((child) => `${child.name} ${child.process.pid}`).join(', ')})`);

    const setup = await GraphQLClient.open(HOST, port);
    const ready = await waitUntilReady(setup);
    setup.close();
    const readySeconds = (performance.now() - topologyStart) / 1000;
    say(`demo directory seeded and projected: ${ready.lawyers.length} lawyers visible, ${readySeconds.toFixed(1)} s after the start`);

    say(`\nflow 1 (desk → county legal aid → granted → assigned → closed → fed back → rated) through the gateway: ${sizes.clients} clients, ${sizes.flowSeconds} s`);
    const observed = [...children.map((child) => [child.name, child.process.pid ?? 0] as const), ['kafka (shared server)', kafkaPid() ?? 0] as const, ['ferretdb (shared server)', ferretDbPid() ?? 0] as const];
    const cpuBefore = observed.map(([, pid]) => cpuSeconds(pid));
    const metricsBefore = await scrapeMetrics(children);
    const flows = await flowPhase(port, ready.tokens, new LawyerPool(ready.lawyers), sizes, children, say);
    const inside = insideFigures(metricsBefore, await scrapeMetrics(children));
    const cpuCores = Object.fromEntries(observed.map(([name, pid], index) => [name, (cpuSeconds(pid) - cpuBefore[index]) / flows.wallSeconds]));
    const peakRssBytes = Object.fromEntries(children.map((child) => [child.name, procStatus(child.process.pid ?? 0, 'VmHWM')]));
    const serverRss = { kafka: procStatus(kafkaPid() ?? 0, 'VmHWM'), ferretdb: procStatus(ferretDbPid() ?? 0, 'VmHWM') };

    const lags = Object.fromEntries(
      (Object.keys(DISTRIBUTED_LAGS) as FlowLag[]).map((kind) => {
        const samples = flows.lags[kind];
        const summary: LagSummary = {
          ...percentiles(samples.map((sample) => sample.answerMs)),
          toRequest: percentiles(samples.map((sample) => sample.requestMs)),
          fromMutationRequest: percentiles(samples.map((sample) => sample.fromMutationRequestMs)),
          firstPollShare: samples.length === 0 ? NaN : samples.filter((sample) => sample.polls === 1).length / samples.length,
        };
        return [kind, summary];
      }),
    ) as Record<FlowLag, LagSummary>;
    const latencies = Object.fromEntries(Object.entries(flows.latencies).map(([name, values]) => [name, percentiles(values)]));
    const targets = (['crossLine', 'resultBack'] as const).flatMap((kind) => [
      { name: `lag ${kind} p99, ms (after the answer)`, value: lags[kind].p99, target: `≤ ${TARGET_LAG_P99_MS} ms`, met: lags[kind].p99 <= TARGET_LAG_P99_MS },
      { name: `lag ${kind} p99, ms (from the request)`, value: lags[kind].fromMutationRequest.p99, target: `≤ ${TARGET_LAG_P99_MS} ms`, met: lags[kind].fromMutationRequest.p99 <= TARGET_LAG_P99_MS },
    ]);
    const embedded = latestEmbeddedReport(outDir);

    const finishedAt = new Date();
    const file = join(outDir, `distributed-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
    const mutations = FLOW_MUTATIONS.reduce((total, name) => total + (flows.latencies[name]?.length ?? 0), 0);
    const polls = (flows.latencies['queuePoll']?.length ?? 0) + (flows.latencies['caseFilePoll']?.length ?? 0);
    const report: DistributedReport = {
      benchmark: 'distributed',
      mode: cli.quick ? 'quick' : 'full',
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      argv: [...argv],
      machine,
      sizes,
      topology: { kafkaBrokers: kafka.brokers, namespace, partitions, mongo: mongo.uri, startSeconds, readySeconds },
      flows: {
        completed: flows.completed,
        failed: flows.failed,
        firstFailure: flows.firstFailure,
        seconds: flows.seconds,
        flowsPerSecond: flows.completed / flows.seconds,
        mutationsPerSecond: mutations / flows.seconds,
        pollsPerSecond: polls / flows.seconds,
        refusals: flows.refusals,
        generatorCores: flows.generatorCores,
      },
      latencies,
      lags,
      lagMethod: LAG_METHOD,
      peakRssBytes: { ...peakRssBytes, ...Object.fromEntries(Object.entries(serverRss).map(([name, bytes]) => [`${name} (shared server)`, bytes])) },
      cpuCores,
      insideProcesses: inside,
      embedded,
      targets,
      file,
    };
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);

    say('');
    say(`flows: ${flows.completed} completed, ${flows.failed} failed${flows.firstFailure ? ` (first: ${flows.firstFailure})` : ''} in ${flows.seconds.toFixed(1)} s = ${report.flows.flowsPerSecond.toFixed(2)} flows/s`);
    say(`       ${report.flows.mutationsPerSecond.toFixed(1)} mutations/s and ${report.flows.pollsPerSecond.toFixed(1)} polling queries/s beside them; ${flows.refusals} LAWYER_AT_CAPACITY retries; generator ${flows.generatorCores.toFixed(2)} cores`);
    say('');
    say(latencyTable([...FLOW_MUTATIONS.map((name) => [name, latencies[name]] as const), ['queuePoll (work-queue query)', latencies['queuePoll']], ['caseFilePoll (case-file query)', latencies['caseFilePoll']]]));
    say('');
    say(
      latencyTable(
        (['crossLine', 'resultBack', 'projection'] as const).flatMap((kind) => [
          [`lag ${kind}, answer → seen`, lags[kind]] as const,
          [`lag ${kind}, answer → asked`, lags[kind].toRequest] as const,
          [`lag ${kind}, request → seen`, lags[kind].fromMutationRequest] as const,
        ]),
      ),
    );
    for (const kind of ['crossLine', 'resultBack', 'projection'] as const) say(`  ${kind}: ${DISTRIBUTED_LAGS[kind]}; the first poll already showed it in ${(lags[kind].firstPollShare * 100).toFixed(0)} % of flows`);
    say(`  ${LAG_METHOD}`);
    say('');
    say('inside the processes during the flow (their /metrics histograms; a percentile is the upper bound of its bucket):');
    for (const figure of inside) say(`  ${figure.name.padEnd(40)} ${String(figure.observations).padStart(7)} obs   p50 ≤ ${figure.p50Ms.toFixed(1).padStart(7)} ms   p99 ≤ ${figure.p99Ms.toFixed(1).padStart(7)} ms   mean ${figure.meanMs.toFixed(1).padStart(7)} ms`);
    say('');
    say('per process: peak RSS (VmHWM), and CPU during the flow phase in cores:');
    for (const [name, bytes] of Object.entries(report.peakRssBytes)) say(`  ${name.padEnd(28)} ${formatMegabytes(bytes).padStart(8)}  ${(cpuCores[name] ?? NaN).toFixed(2).padStart(5)} cores`);
    say(`  ${'the topology (6 processes)'.padEnd(28)} ${formatMegabytes(Object.values(peakRssBytes).reduce((sum, bytes) => sum + bytes, 0)).padStart(8)}`);
    say('');
    if (embedded) {
      const lag = (kind: FlowLag) => (embedded.lags[kind] ? `p50 ${embedded.lags[kind].p50.toFixed(1)} / p99 ${embedded.lags[kind].p99.toFixed(1)} ms` : '—');
      say(`embedded, same flow (bench:flow ${embedded.mode} run of ${embedded.startedAt}, ${embedded.clients ?? '?'} clients): ${embedded.flowsPerSecond?.toFixed(2) ?? '?'} flows/s; lag to answer crossLine ${lag('crossLine')}, resultBack ${lag('resultBack')}`);
    } else {
      say(`embedded, same flow: no bench:flow report in ${outDir}; run npm run bench:flow to set the two side by side`);
    }
    say('');
    say('targets (issue #8, projection lag over Kafka; crossLine and resultBack are the waits that cross Kafka):');
    for (const target of targets) say(`  ${target.name.padEnd(38)} ${target.value.toFixed(1).padStart(8)}  ${target.target.padEnd(10)} ${target.met ? 'met' : 'NOT met'}`);
    say('figures only: nothing here fails a build. Other work on a shared machine moves them; compare runs on the same machine.');
    say('');
    say(`written ${file} (${((finishedAt.getTime() - startedAt.getTime()) / 1000).toFixed(1)} s)`);
    return report;
  } catch (error) {
    for (const child of children) {
      if (child.process.exitCode !== null || child.process.signalCode !== null) say(`${child.name} had exited (code ${child.process.exitCode}, signal ${child.process.signalCode}); its last output:\n${child.tail()}`);
    }
    throw error;
  } finally {
    await stopAll();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

const LAG_METHOD =
  'lag method: after the mutation\'s response the same client polls the query through the gateway back to back on its connection. "answer → seen": from the mutation\'s response to the answer showing the effect (one query round trip included); "answer → asked": to the moment the query that saw it was sent; "request → seen": from the moment the mutation was sent, i.e. the mutation\'s own latency added — an upper bound of event appended → visible, because the gateway answers a write only once the projector has the writes of every service so far (read-your-writes), so part of the wait across Kafka happens before the answer.';

interface ReadyTopology {
  readonly tokens: { clerk: string; handler: string };
  readonly lawyers: { lawyerId: string; openCases: number; maxConcurrentCases: number }[];
}

/** Sign-in reads the seeded directory from the read model: once it answers and the lawyers show, the seed has gone through Kafka and the projector. */
async function waitUntilReady(client: GraphQLClient): Promise<ReadyTopology> {
  const deadline = performance.now() + READY_TIMEOUT_MS;
  let last: unknown = null;
  while (performance.now() < deadline) {
    try {
      const health = await client.call<{ health: { status: string } }>('health', '{ health { status } }', {}, null);
      if (!/^(ok|up)$/i.test(health.data.health.status)) throw new Error(`health ${health.data.health.status}`);
      const token = async (username: string) => (await client.call<{ demoSignIn: { token: string } }>('demoSignIn', FLOW_DOCUMENTS.demoSignIn, { username }, null)).data.demoSignIn.token;
      const tokens = { clerk: await token(CLERK), handler: await token(HANDLER) };
      const lawyers = (await client.call<{ lawyerWorkload: ReadyTopology['lawyers'] }>('lawyerWorkload', FLOW_DOCUMENTS.lawyerWorkload, {}, tokens.handler)).data.lawyerWorkload;
      if (lawyers.length > 0) return { tokens, lawyers };
      last = 'no lawyers visible yet';
    } catch (error) {
      last = error;
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`the topology was not ready within ${READY_TIMEOUT_MS / 1000} s: ${last instanceof Error ? last.message : String(last)}`);
}

interface FlowPhaseResult {
  readonly completed: number;
  readonly failed: number;
  readonly firstFailure: string | null;
  readonly seconds: number;
  readonly refusals: number;
  readonly latencies: Record<string, number[]>;
  readonly lags: Record<FlowLag, { answerMs: number; requestMs: number; polls: number; fromMutationRequestMs: number }[]>;
  readonly generatorCores: number;
  /** The whole phase, flows finishing after the deadline included. */
  readonly wallSeconds: number;
}

/** The mutation whose answer starts each wait. */
const CAUSE: Record<FlowLag, (typeof FLOW_MUTATIONS)[number]> = { crossLine: 'routeMatter', resultBack: 'reviewClosure', projection: 'grantAid' };

async function flowPhase(port: number, tokens: { clerk: string; handler: string }, lawyers: LawyerPool, sizes: DistributedSizes, children: readonly Child[], say: (line: string) => void): Promise<FlowPhaseResult> {
  const latencies: Record<string, number[]> = {};
  const lags: FlowPhaseResult['lags'] = { projection: [], crossLine: [], resultBack: [] };
  let refusals = 0;
  // One recorder per client: a client runs one flow at a time, so the latency of the mutation that
  // caused a wait is the last one it recorded under that name.
  const recorder = (): FlowRecorder => {
    const last: Partial<Record<string, number>> = {};
    return {
      latency: (operation, ms) => {
        (latencies[operation] ??= []).push(ms);
        last[operation] = ms;
      },
      lag: (kind, answerMs, requestMs, polls) => lags[kind].push({ answerMs, requestMs, polls, fromMutationRequestMs: answerMs + (last[CAUSE[kind]] ?? NaN) }),
      refusal: () => refusals++,
    };
  };
  const clients = await Promise.all(Array.from({ length: sizes.clients }, () => GraphQLClient.open(HOST, port)));
  let next = 0;
  let completed = 0;
  let failed = 0;
  let firstFailure: string | null = null;
  let lastCompletion = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const deadline = started + sizes.flowSeconds * 1000;
  let lastReport = started;
  try {
    await Promise.all(
      clients.map(async (client) => {
        const record = recorder();
        while (performance.now() < deadline) {
          try {
            await runFlow1(client, tokens, lawyers, next++, record);
            completed++;
            lastCompletion = performance.now();
          } catch (error) {
            failed++;
            firstFailure ??= error instanceof Error ? error.message : String(error);
            if (!(error instanceof GraphQLRefusal)) throw error;
          }
          if (performance.now() - lastReport > 5000) {
            lastReport = performance.now();
            const rss = children.map((child) => procStatus(child.process.pid ?? 0, 'VmRSS')).reduce((sum, bytes) => sum + bytes, 0);
            say(`      ${((lastReport - started) / 1000).toFixed(0)} s: ${completed} flows, topology RSS ${formatMegabytes(rss)}`);
          }
        }
      }),
    );
  } finally {
    for (const client of clients) client.close();
  }
  const seconds = ((lastCompletion || performance.now()) - started) / 1000;
  const used = process.cpuUsage(cpu);
  const wallSeconds = (performance.now() - started) / 1000;
  return { completed, failed, firstFailure, seconds, refusals, latencies, lags, generatorCores: (used.user + used.system) / 1e6 / wallSeconds, wallSeconds };
}

/** The newest embedded full-flow report beside this one, for the side-by-side line; null when there is none. */
function latestEmbeddedReport(outDir: string): EmbeddedReference | null {
  const files = readdirSync(outDir)
    .filter((name) => /^full-flow-.*\.json$/.test(name))
    .sort();
  const newest = files.at(-1);
  if (!newest) return null;
  try {
    const report = JSON.parse(readFileSync(join(outDir, newest), 'utf8')) as {
      startedAt: string;
      mode: string;
      sizes?: { flowClients?: number };
      rows?: { name: string; opsPerSecond: number }[];
      lags?: Partial<Record<FlowLag, { p50: number; p99: number }>>;
    };
    const flowRow = report.rows?.find((row) => row.name.startsWith('flow 1'));
    const lags = Object.fromEntries(Object.entries(report.lags ?? {}).map(([kind, lag]) => [kind, { p50: lag.p50, p99: lag.p99 }]));
    return { file: join(outDir, newest), startedAt: report.startedAt, mode: report.mode, flowsPerSecond: flowRow?.opsPerSecond ?? null, clients: report.sizes?.flowClients ?? null, lags };
  } catch {
    return null;
  }
}

interface Child {
  readonly name: ProcessName;
  readonly process: ChildProcess;
  readonly url: string;
  readonly exited: Promise<void>;
  tail(): string;
}

function distMain(name: ProcessName): string {
  return join(ROOT, 'dist/apps', name, 'src/main.js');
}

/** Starts one compiled main and resolves with the URL of its "<name> listening" line. */
async function spawnChild(name: ProcessName, env: Record<string, string>): Promise<Child> {
  const child = spawn(process.execPath, [distMain(name)], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  // The last output is kept for the error message if the process dies; the rest is drained so a
  // chatty process never blocks on a full pipe.
  let output = '';
  const onData = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  try {
    const url = await new Promise<string>((resolveUrl, reject) => {
      const onLine = () => {
        const match = /"message":"[^"]* listening","url":"(http:\/\/[^"]+)"/.exec(output);
        if (match?.[1]) resolveUrl(match[1].replace('[::1]', HOST));
      };
      child.stdout?.on('data', onLine);
      child.stderr?.on('data', onLine);
      child.once('exit', (code, signal) => reject(new Error(`${name} exited before listening (code ${code}, signal ${signal}):\n${output}`)));
      setTimeout(() => reject(new Error(`${name} did not listen within ${READY_TIMEOUT_MS / 1000} s:\n${output}`)), READY_TIMEOUT_MS).unref();
    });
    return { name, process: child, url, exited, tail: () => output };
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    throw error;
  }
}

/** SIGTERM (the shutdown hooks close consumers and stores), SIGKILL if it has not gone after a grace period. */
async function stopChild(child: Child): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  child.process.kill('SIGTERM');
  const timer = setTimeout(() => child.process.kill('SIGKILL'), STOP_GRACE_MS);
  await child.exited;
  clearTimeout(timer);
}

/** This run's topics, consumer groups and database, so that runs do not pile up on a shared broker and FerretDB. */
async function dropNamespace(brokers: readonly string[], mongoUri: string, namespace: string): Promise<void> {
  const admin = new Kafka({ clientId: `${namespace}-cleanup`, brokers: [...brokers], logLevel: logLevel.NOTHING }).admin();
  try {
    await admin.connect();
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(`${namespace}.`));
    const groups = (await admin.listGroups()).groups.map((group) => group.groupId).filter((group) => group.startsWith(`${namespace}.`) || group.startsWith(namespace));
    if (groups.length > 0) await admin.deleteGroups(groups).catch(() => undefined);
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } catch {
    // best effort: a leftover namespace costs disk, not correctness
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
  const connection = mongoose.createConnection(mongoUri, { dbName: namespace, serverSelectionTimeoutMS: 5000 });
  try {
    await connection.asPromise();
    await connection.dropDatabase();
  } catch {
    // best effort, as above
  } finally {
    await connection.close().catch(() => undefined);
  }
}

function kafkaPid(): number | null {
  return statePid(join(ROOT, '.cache/servers/kafka-run/state.json'));
}

function ferretDbPid(): number | null {
  const dir = join(ROOT, '.cache/servers');
  const ferret = existsSync(dir) ? readdirSync(dir).find((name) => name.startsWith('ferretdb-')) : undefined;
  return ferret ? statePid(join(dir, ferret, 'server.json')) : null;
}

function statePid(file: string): number | null {
  try {
    const pid = (JSON.parse(readFileSync(file, 'utf8')) as { pid?: unknown }).pid;
    return typeof pid === 'number' ? pid : null;
  } catch {
    return null;
  }
}


/** User + system CPU of a process so far, from /proc/<pid>/stat (clock ticks of 1/100 s on Linux); 0 where there is no /proc. */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name in parentheses may hold spaces: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no free port'))));
    });
  });
}


function parseArguments(argv: readonly string[]): CliArguments {
  let quick = false;
  let out = 'bench-results';
  const sizes: { -readonly [K in keyof DistributedSizes]?: DistributedSizes[K] } = {};
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    const number = () => {
      const text = argv[++i];
      const value = Number(text);
      if (text === undefined || !Number.isFinite(value) || value <= 0) throw new Error(`${argument} needs a positive number, got ${text}`);
      return value;
    };
    switch (argument) {
      case '--quick':
        quick = true;
        break;
      case '--clients':
        sizes.clients = Math.round(number());
        break;
      case '--seconds':
        sizes.flowSeconds = number();
        break;
      case '--out': {
        const next = argv[++i];
        if (next === undefined) throw new Error('--out needs a directory');
        out = next;
        break;
      }
      default:
        throw new Error(`unknown argument ${argument}; use --quick, --clients N, --seconds S, --out DIR`);
    }
  }
  return { quick, sizes, out };
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
