import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { defaultScratchBase, formatInteger, formatMegabytes, formatTable, latencyTable, machineFacts, procStatus, median, type BenchRow, type MachineFacts } from './bench-support';
import { applicantIdentity, CLERK, FLOW_DOCUMENTS, FLOW_LAGS, FLOW_MUTATIONS, GraphQLClient, GraphQLRefusal, HANDLER, LawyerPool, runFlow1, type FlowLag, type FlowRecorder } from './flow-1.client';
import { fixedLoad, percentiles, type FixedLoadResult, type Percentiles } from './http-load';
import { TRIVIAL_MUTATION } from './reference-servers';

/**
 * Full flow, embedded (`npm run bench:flow [-- --quick] [--clients N] [--seconds S] [--rounds N] [--ref-seconds S]
 * [--connections N] [--profile] [--out DIR]`).
 *
 * Every server runs in its own child process and the load generator in this one, so on 2 cores the
 * server has one core and the clients the other; the generator's own CPU is printed beside each
 * figure. In order: a bare `@apollo/server`, the platform's gateway stack with a trivial resolver,
 * the embedded platform (built `dist/apps/platform/src/main.js`, started as `npm start` starts it,
 * demo seed, a fresh data directory) under `registerMatter` at the same connection count, then flow
 * 1 of DOMAIN.md §6 by concurrent clients. Never fails on a missed target.
 */

const ROOT = resolve(__dirname, '../../../..');
const HOST = '127.0.0.1';
const TARGETS = { mutationVsTrivial: 0.5, trivialVsBare: 0.5, projectionLagP99Ms: 50 } as const;

export interface FullFlowSizes {
  readonly connections: number;
  /** Interleaved rounds of bare / trivial / registerMatter load; ratios are medians of per-round ratios. */
  readonly rounds: number;
  readonly referenceSeconds: number;
  readonly warmupSeconds: number;
  readonly flowClients: number;
  readonly flowSeconds: number;
}

export const FULL_SIZES: FullFlowSizes = { connections: 50, rounds: 3, referenceSeconds: 5, warmupSeconds: 1, flowClients: 20, flowSeconds: 30 };
export const QUICK_SIZES: FullFlowSizes = { connections: 50, rounds: 1, referenceSeconds: 1, warmupSeconds: 0.25, flowClients: 4, flowSeconds: 3 };

interface CliArguments {
  readonly quick: boolean;
  readonly sizes: Partial<FullFlowSizes>;
  readonly profile: boolean;
  readonly out: string;
}

type LagSummary = Percentiles & { readonly toRequest: Percentiles; readonly firstPollShare: number };

export interface FullFlowReport {
  readonly benchmark: 'full-flow';
  readonly mode: 'full' | 'quick';
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly argv: readonly string[];
  readonly machine: MachineFacts;
  readonly sizes: FullFlowSizes;
  readonly rows: readonly BenchRow[];
  readonly latencies: Record<string, Percentiles>;
  readonly lags: Record<FlowLag, LagSummary>;
  readonly targets: readonly { readonly name: string; readonly value: number; readonly target: string; readonly met: boolean }[];
  readonly details: Record<string, unknown>;
  readonly file: string;
}

type LoadKind = 'bare' | 'trivial' | 'registerMatter';
const LOAD_KINDS: readonly LoadKind[] = ['bare', 'trivial', 'registerMatter'];

export async function main(argv: readonly string[], options: { stdout?: Writable } = {}): Promise<FullFlowReport> {
  const cli = parseArguments(argv);
  const sizes: FullFlowSizes = { ...(cli.quick ? QUICK_SIZES : FULL_SIZES), ...cli.sizes };
  const stdout = options.stdout ?? process.stdout;
  const say = (line: string) => stdout.write(`${line}\n`);
  const startedAt = new Date();
  const dataDir = mkdtempSync(join(defaultScratchBase(), 'pls-flow-bench-'));
  const outDir = resolve(cli.out);
  mkdirSync(outDir, { recursive: true });
  const servers: RunningServer[] = [];
  try {
    const machine = machineFacts(dataDir);
    say(`PLS full-flow benchmark, embedded (${cli.quick ? 'quick' : 'full'}) — node ${machine.node}, ${machine.cpus} × ${machine.cpuModel}`);
    say(
      machine.cpus <= 2
        ? `note: ${machine.cpus} cores — each server runs in its own process and the load generator in this one, so they share the machine; the generator's CPU is printed with each figure.`
        : `servers run in child processes, the load generator in this one.`,
    );

    const bare = await startServer(referenceServer('bare'));
    servers.push(bare);
    const nest = await startServer(referenceServer('nest'));
    servers.push(nest);
    const platform = await startServer(platformServer(dataDir, cli.profile ? join(outDir, 'profiles') : null));
    servers.push(platform);
    say(`servers up: bare @apollo/server :${bare.port}, trivial Nest gateway :${nest.port}, embedded platform :${platform.port} (data in ${dataDir})`);

    const setup = await GraphQLClient.open(HOST, platform.port);
    const token = async (username: string) => (await setup.call<{ demoSignIn: { token: string } }>('demoSignIn', FLOW_DOCUMENTS.demoSignIn, { username }, null)).data.demoSignIn.token;
    const tokens = { clerk: await token(CLERK), handler: await token(HANDLER) };
    const lawyers = (await setup.call<{ lawyerWorkload: { lawyerId: string; openCases: number; maxConcurrentCases: number }[] }>('lawyerWorkload', FLOW_DOCUMENTS.lawyerWorkload, {}, tokens.handler)).data.lawyerWorkload;
    setup.close();

    const trivial = JSON.stringify({ query: TRIVIAL_MUTATION, variables: {} });
    const registration = JSON.stringify({
      query: FLOW_DOCUMENTS.registerMatter,
      variables: {
        input: {
          channel: 'WALK_IN',
          matterTypeCode: 'legal-aid.wage-arrears',
          applicant: { kind: 'PERSON', name: '罗大勇', idType: 'RESIDENT_ID', ...applicantIdentity(999_999) },
          description: '在乐至县某工地务工8个月，被拖欠工资42000元，请求法律援助。',
          consentToDataUse: true,
        },
      },
    });
    const loads: Record<LoadKind, () => Promise<FixedLoadResult>> = {
      bare: () => load(bare.port, trivial),
      trivial: () => load(nest.port, trivial),
      registerMatter: () => load(platform.port, registration, { authorization: `Bearer ${tokens.clerk}` }),
    };
    const load = (port: number, body: string, headers?: Record<string, string>) =>
      fixedLoad({ host: HOST, port, path: '/graphql', body, headers, connections: sizes.connections, seconds: sizes.referenceSeconds, warmupSeconds: sizes.warmupSeconds });
    const labels: Record<LoadKind, string> = {
      bare: 'bare @apollo/server, trivial mutation',
      trivial: 'Nest 12 on Fastify 5 + Apollo 5 (the platform\'s HTTP adapter and GraphQL options), trivial mutation',
      registerMatter: 'embedded platform, registerMatter (JWT auth, validation, durable SQLite append)',
    };
    const rounds: Record<LoadKind, FixedLoadResult>[] = [];
    for (let round = 0; round < sizes.rounds; round++) {
      say(`\nround ${round + 1} of ${sizes.rounds}: ${sizes.connections} connections, ${sizes.referenceSeconds} s each`);
      const results: Partial<Record<LoadKind, FixedLoadResult>> = {};
      // Rotated so that no kind always runs first (or last) in a round.
      for (let i = 0; i < LOAD_KINDS.length; i++) {
        const kind = LOAD_KINDS[(i + round) % LOAD_KINDS.length];
        const result = await loads[kind]();
        results[kind] = result;
        say(`  ${labels[kind]}: ${describeLoad(result)}`);
      }
      rounds.push(results as Record<LoadKind, FixedLoadResult>);
    }
    const afterLoadRss = { bare: bare.peakRssBytes(), trivial: nest.peakRssBytes(), registerMatter: platform.peakRssBytes() };
    await stopServer(bare);
    await stopServer(nest);

    say(`\nflow 1 (desk → county legal aid → granted → assigned → closed → fed back → rated): ${sizes.flowClients} clients, ${sizes.flowSeconds} s`);
    const flows = await flowPhase(platform, tokens, new LawyerPool(lawyers), sizes, say);
    const platformPeakRss = platform.peakRssBytes();

    const medianRound = (kind: LoadKind) => combineRounds(rounds.map((round) => round[kind]));
    const ratio = (kind: LoadKind, reference: LoadKind) => median(rounds.map((round) => round[kind].requestsPerSecond / round[reference].requestsPerSecond));
    const ratios = { trivialVsBare: ratio('trivial', 'bare'), mutationVsTrivial: ratio('registerMatter', 'trivial') };
    const rows: BenchRow[] = [
      loadRow('bare @apollo/server, trivial mutation', medianRound('bare'), null, null, null),
      loadRow('Nest+Apollo+Fastify gateway, trivial mutation', medianRound('trivial'), ratios.trivialVsBare, 'bare', TARGETS.trivialVsBare),
      loadRow('platform registerMatter (auth+validation+append)', medianRound('registerMatter'), ratios.mutationVsTrivial, 'trivial', TARGETS.mutationVsTrivial),
      {
        name: 'flow 1, whole flows (10 mutations + 3 waits)',
        operations: flows.completed,
        seconds: flows.seconds,
        opsPerSecond: flows.completed / flows.seconds,
        ratio: null,
        reference: null,
        target: null,
        met: null,
        notes: `${sizes.flowClients} clients; ${formatInteger(flows.mutations / flows.seconds)} mutations/s and ${formatInteger(flows.polls / flows.seconds)} polling queries/s beside them; ${flows.failed} flows failed${flows.firstFailure ? ` (first: ${flows.firstFailure})` : ''}; ${flows.refusals} LAWYER_AT_CAPACITY retries; platform peak RSS ${formatMegabytes(platformPeakRss)}; generator ${flows.generatorCores.toFixed(2)} cores`,
      },
    ];
    const lags = Object.fromEntries(
      (Object.keys(FLOW_LAGS) as FlowLag[]).map((kind) => {
        const samples = flows.lags[kind];
        const summary: LagSummary = {
          ...percentiles(samples.map((sample) => sample.answerMs)),
          toRequest: percentiles(samples.map((sample) => sample.requestMs)),
          firstPollShare: samples.length === 0 ? NaN : samples.filter((sample) => sample.polls === 1).length / samples.length,
        };
        return [kind, summary];
      }),
    ) as FullFlowReport['lags'];
    const latencies = Object.fromEntries(Object.entries(flows.latencies).map(([name, values]) => [name, percentiles(values)]));
    const targets = [
      { name: 'trivial gateway ÷ bare Apollo', value: ratios.trivialVsBare, target: `≥ ${TARGETS.trivialVsBare}×`, met: ratios.trivialVsBare >= TARGETS.trivialVsBare },
      { name: 'registerMatter ÷ trivial gateway', value: ratios.mutationVsTrivial, target: `≥ ${TARGETS.mutationVsTrivial}×`, met: ratios.mutationVsTrivial >= TARGETS.mutationVsTrivial },
      { name: 'projection lag p99, ms (to request)', value: lags.projection.toRequest.p99, target: `≤ ${TARGETS.projectionLagP99Ms} ms`, met: lags.projection.toRequest.p99 <= TARGETS.projectionLagP99Ms },
      { name: 'projection lag p99, ms (to answer)', value: lags.projection.p99, target: `≤ ${TARGETS.projectionLagP99Ms} ms`, met: lags.projection.p99 <= TARGETS.projectionLagP99Ms },
    ];

    const finishedAt = new Date();
    const file = join(outDir, `full-flow-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
    const report: FullFlowReport = {
      benchmark: 'full-flow',
      mode: cli.quick ? 'quick' : 'full',
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      argv: [...argv],
      machine,
      sizes,
      rows,
      latencies,
      lags,
      targets,
      details: {
        rounds: rounds.map((round) => Object.fromEntries(LOAD_KINDS.map((kind) => [kind, summary(round[kind])]))),
        serverPeakRssAfterLoadBytes: afterLoadRss,
        flows: { completed: flows.completed, failed: flows.failed, firstFailure: flows.firstFailure, seconds: flows.seconds, refusals: flows.refusals, generatorCores: flows.generatorCores },
        platformPeakRssBytes: platformPeakRss,
        lagMethod: LAG_METHOD,
        profiles: cli.profile ? join(outDir, 'profiles') : null,
      },
      file,
    };
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);

    say('');
    say(formatTable(rows));
    say('');
    say(latencyTable([...FLOW_MUTATIONS.map((name) => [name, latencies[name]] as const), ['queuePoll (work-queue query)', latencies['queuePoll']], ['caseFilePoll (case-file query)', latencies['caseFilePoll']]]));
    say('');
    say(
      latencyTable(
        (Object.keys(FLOW_LAGS) as FlowLag[]).flatMap((kind) => [
          [`lag ${kind}, to answer`, lags[kind]] as const,
          [`lag ${kind}, to request`, lags[kind].toRequest] as const,
        ]),
      ),
    );
    for (const kind of Object.keys(FLOW_LAGS) as FlowLag[]) say(`  ${kind}: ${FLOW_LAGS[kind]}; the first poll already showed it in ${(lags[kind].firstPollShare * 100).toFixed(0)} % of flows`);
    say(`  ${LAG_METHOD}`);
    say('');
    say('targets (issue #8):');
    for (const target of targets) say(`  ${target.name.padEnd(38)} ${target.value.toFixed(2).padStart(8)}  ${target.target.padEnd(10)} ${target.met ? 'met' : 'NOT met'}`);
    say('figures only: nothing here fails a build. Other work on a shared machine moves them; compare runs on the same machine.');
    say('');
    say(`written ${file} (${((finishedAt.getTime() - startedAt.getTime()) / 1000).toFixed(1)} s)`);
    return report;
  } finally {
    for (const server of servers) await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const LAG_METHOD =
  'lag method: from the client receiving the mutation\'s response, the same client polls the query back to back on its connection; "to answer" ends when the answer showing the effect arrives (one query round trip included), "to request" when the query that saw it was sent (an upper bound of the lag itself; 0 when it was visible before the client could ask).';

/** One figure over several rounds: the round with the median rate, its latencies kept whole. */
function combineRounds(results: readonly FixedLoadResult[]): FixedLoadResult {
  const sorted = [...results].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  return sorted[(sorted.length - 1) >> 1];
}

interface FlowPhaseResult {
  readonly completed: number;
  readonly failed: number;
  readonly firstFailure: string | null;
  readonly seconds: number;
  readonly mutations: number;
  readonly polls: number;
  readonly refusals: number;
  readonly latencies: Record<string, number[]>;
  readonly lags: Record<FlowLag, { answerMs: number; requestMs: number; polls: number }[]>;
  readonly generatorCores: number;
}

async function flowPhase(server: RunningServer, tokens: { clerk: string; handler: string }, lawyers: LawyerPool, sizes: FullFlowSizes, say: (line: string) => void): Promise<FlowPhaseResult> {
  const latencies: Record<string, number[]> = {};
  const lags: Record<FlowLag, { answerMs: number; requestMs: number; polls: number }[]> = { projection: [], crossLine: [], resultBack: [] };
  let refusals = 0;
  const recorder: FlowRecorder = {
    latency: (operation, ms) => (latencies[operation] ??= []).push(ms),
    lag: (kind, answerMs, requestMs, polls) => lags[kind].push({ answerMs, requestMs, polls }),
    refusal: () => refusals++,
  };
  const clients = await Promise.all(Array.from({ length: sizes.flowClients }, () => GraphQLClient.open(HOST, server.port)));
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
        while (performance.now() < deadline) {
          try {
            await runFlow1(client, tokens, lawyers, next++, recorder);
            completed++;
            lastCompletion = performance.now();
          } catch (error) {
            failed++;
            firstFailure ??= error instanceof GraphQLRefusal || error instanceof Error ? error.message : String(error);
            if (!(error instanceof GraphQLRefusal)) throw error;
          }
          if (performance.now() - lastReport > 5000) {
            lastReport = performance.now();
            say(`      ${((lastReport - started) / 1000).toFixed(0)} s: ${completed} flows, platform RSS ${formatMegabytes(server.rssBytes())}`);
          }
        }
      }),
    );
  } finally {
    for (const client of clients) client.close();
  }
  const seconds = ((lastCompletion || performance.now()) - started) / 1000;
  const used = process.cpuUsage(cpu);
  const mutations = FLOW_MUTATIONS.reduce((total, name) => total + (latencies[name]?.length ?? 0), 0);
  const polls = (latencies['queuePoll']?.length ?? 0) + (latencies['caseFilePoll']?.length ?? 0);
  return { completed, failed, firstFailure, seconds, mutations, polls, refusals, latencies, lags, generatorCores: (used.user + used.system) / 1e6 / ((performance.now() - started) / 1000) };
}

function describeLoad(result: FixedLoadResult): string {
  const latency = percentiles(result.latenciesMs);
  return `${formatInteger(result.requestsPerSecond)} req/s, p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms, ${result.errors} errors${result.firstError ? ` (first: ${result.firstError})` : ''}; generator ${result.generatorCores.toFixed(2)} cores`;
}

function loadRow(name: string, result: FixedLoadResult, ratio: number | null, referenceName: string | null, target: number | null): BenchRow {
  const latency = percentiles(result.latenciesMs);
  return {
    name,
    operations: result.requests,
    seconds: result.seconds,
    opsPerSecond: result.requestsPerSecond,
    ratio,
    reference: referenceName,
    target: target === null ? 'reference' : `≥ ${target}× ${referenceName}`,
    met: ratio === null || target === null ? null : ratio >= target,
    notes: `median round; latency p50 ${latency.p50.toFixed(1)} / p95 ${latency.p95.toFixed(1)} / p99 ${latency.p99.toFixed(1)} ms; ${result.errors} errors${result.firstError ? ` (first: ${result.firstError.slice(0, 200)})` : ''}; generator ${result.generatorCores.toFixed(2)} cores${ratio === null ? '' : '; ratio = median of per-round ratios'}`,
  };
}

function summary(result: FixedLoadResult) {
  const { latenciesMs, ...rest } = result;
  return { ...rest, latency: percentiles(latenciesMs) };
}


interface ServerSpec {
  readonly name: string;
  readonly args: readonly string[];
  readonly env: Record<string, string>;
  /** The listening port, read from the server's own output. */
  readonly port: RegExp;
}

interface RunningServer {
  readonly port: number;
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  rssBytes(): number;
  peakRssBytes(): number;
}

function referenceServer(kind: 'bare' | 'nest'): ServerSpec {
  return { name: `reference ${kind}`, args: [join(__dirname, 'reference-servers.js'), kind], env: {}, port: /listening on (\d+)/ };
}

function platformServer(dataDir: string, profileDir: string | null): ServerSpec {
  const main = join(ROOT, 'dist/apps/platform/src/main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: build first (npm run build)`);
  const unlimited = '1000000000';
  return {
    name: 'platform',
    args: [...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), main],
    env: {
      PORT: '0',
      HOST: HOST,
      PLS_DATA_DIR: dataDir,
      PLS_LOG_LEVEL: 'warn',
      PLS_LOG_FORMAT: 'json',
      // The edge's per-IP and per-user buckets would refuse one machine playing fifty clients: the
      // benchmark measures the path a request takes, the buckets stay in it.
      PLS_RATE_LIMIT_IP_BURST: unlimited,
      PLS_RATE_LIMIT_IP_PER_SECOND: unlimited,
      PLS_RATE_LIMIT_USER_BURST: unlimited,
      PLS_RATE_LIMIT_USER_PER_SECOND: unlimited,
    },
    port: /listening on http:\/\/[^:]+:(\d+)\/graphql/,
  };
}

async function startServer(spec: ServerSpec): Promise<RunningServer> {
  const child = spawn(process.execPath, [...spec.args], { cwd: ROOT, env: { ...process.env, ...spec.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const { stdout, stderr, pid } = child;
  let output = '';
  try {
    const port = await new Promise<number>((resolvePort, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = spec.port.exec(output);
        if (match) resolvePort(Number(match[1]));
      };
      if (!stdout || !stderr || pid === undefined) return reject(new Error(`${spec.name} did not start`));
      stdout.on('data', onData);
      stderr.on('data', onData);
      child.once('exit', (code, signal) => reject(new Error(`${spec.name} exited before listening (code ${code}, signal ${signal}):\n${output.slice(-3000)}`)));
    });
    // Keep draining its output so a chatty server never blocks on a full pipe.
    stdout?.resume();
    stderr?.resume();
    return { port, child, exited, rssBytes: () => procStatus(pid ?? 0, 'VmRSS'), peakRssBytes: () => procStatus(pid ?? 0, 'VmHWM') };
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    throw error;
  }
}

/** SIGINT, as Ctrl-C: shutdown hooks run and a `--cpu-prof` profile is written. */
async function stopServer(server: RunningServer): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGINT');
  await server.exited;
}


function parseArguments(argv: readonly string[]): CliArguments {
  let quick = false;
  let profile = false;
  let out = 'bench-results';
  const sizes: { -readonly [K in keyof FullFlowSizes]?: FullFlowSizes[K] } = {};
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
      case '--profile':
        profile = true;
        break;
      case '--clients':
        sizes.flowClients = Math.round(number());
        break;
      case '--seconds':
        sizes.flowSeconds = number();
        break;
      case '--rounds':
        sizes.rounds = Math.round(number());
        break;
      case '--ref-seconds':
        sizes.referenceSeconds = number();
        break;
      case '--connections':
        sizes.connections = Math.round(number());
        break;
      case '--out': {
        const next = argv[++i];
        if (next === undefined) throw new Error('--out needs a directory');
        out = next;
        break;
      }
      default:
        throw new Error(`unknown argument ${argument}; use --quick, --clients N, --seconds S, --rounds N, --ref-seconds S, --connections N, --profile, --out DIR`);
    }
  }
  return { quick, sizes, profile, out };
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
