// CommonJS face of kafka.mjs for Jest test files (Jest on Node 20 cannot load ES modules from a
// CommonJS test). Each call runs the CLI in a child process, which also keeps the O_EXCL start-up
// lock and the detached broker independent of the Jest worker that asked.
const { spawn } = require('node:child_process');
const path = require('node:path');

const cli = path.join(__dirname, 'kafka.mjs');

function run(args, options = {}) {
  const env = { ...process.env };
  if (options.instance) env.KAFKA_INSTANCE = options.instance;
  const flags = options.port ? ['--port', String(options.port)] : [];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args, ...flags], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(stdout.trim()) : reject(new Error(`node tools/servers/kafka.mjs ${args.join(' ')} failed with exit code ${code} (its output is above)`))));
  });
}

function externalBrokers(options = {}) {
  if (options.instance) return null;
  const value = (process.env.KAFKA_BROKERS || '').trim();
  return value ? value.split(',').map((broker) => broker.trim()).filter(Boolean) : null;
}

/**
 * The Jest main process, whose global teardown gives the lease back: a worker is its child, running
 * jest-worker's child script; tests run in band run in it. (JEST_WORKER_ID is set in band too, and
 * `process.send` exists whenever npm or npx started Jest, so neither tells a worker apart.)
 */
function testRunPid() {
  return /jest-worker[\\/]build[\\/](?:workers[\\/])?(?:process|thread)Child\.js$/.test(process.argv[1] || '') ? process.ppid : process.pid;
}

async function stopKafka(options = {}) {
  if (externalBrokers(options)) return;
  await run(['stop'], options);
}

async function startKafka(options = {}) {
  const external = externalBrokers(options);
  if (external) return { brokers: external };
  return { brokers: (await run(['start'], options)).split('\n').pop().split(',') };
}

async function ensureKafka(options = {}) {
  const external = externalBrokers(options);
  if (external) return { brokers: external, external: true, stop: async () => undefined };
  const output = await run(['ensure', '--lease', String(testRunPid())], options);
  const { brokers } = JSON.parse(output.split('\n').pop());
  return { brokers, external: false, stop: () => stopKafka(options) };
}

async function releaseKafka(lease = process.pid, options = {}) {
  if (externalBrokers(options)) return;
  await run(['release', '--lease', String(lease)], options);
}

module.exports = { ensureKafka, startKafka, stopKafka, releaseKafka };
