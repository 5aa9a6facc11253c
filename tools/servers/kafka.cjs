// CommonJS face of kafka.mjs for Jest test files (Jest on Node 20 cannot load ES modules from a
// CommonJS test). Each call runs the CLI in a child process, which also keeps the O_EXCL start-up
// lock and the detached broker independent of the Jest worker that asked.
const { spawn } = require('node:child_process');
const path = require('node:path');

const cli = path.join(__dirname, 'kafka.mjs');

function run(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(stdout.trim()) : reject(new Error(`node tools/servers/kafka.mjs ${args.join(' ')} failed with exit code ${code} (its output is above)`))));
  });
}

function externalBrokers() {
  const value = (process.env.KAFKA_BROKERS || '').trim();
  return value ? value.split(',').map((broker) => broker.trim()).filter(Boolean) : null;
}

async function stopKafka() {
  if (externalBrokers()) return;
  await run(['stop']);
}

async function startKafka() {
  const external = externalBrokers();
  if (external) return { brokers: external };
  return { brokers: (await run(['start'])).split(',') };
}

async function ensureKafka() {
  const external = externalBrokers();
  if (external) return { brokers: external, external: true, stop: async () => undefined };
  const { brokers } = JSON.parse(await run(['ensure']));
  return { brokers, external: false, stop: stopKafka };
}

module.exports = { ensureKafka, startKafka, stopKafka };
