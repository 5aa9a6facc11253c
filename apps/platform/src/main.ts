import { loadConfig } from './config';
import { startPlatform } from './start-platform';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await startPlatform(config);
  const url = `http://localhost:${new URL(await app.getUrl()).port}/graphql`;
  process.stdout.write(
    [
      '',
      `PLS platform (embedded mode) is listening on ${url}`,
      `  data directory: ${config.dataDir}`,
      '  try:',
      `    curl -s ${url} -H 'content-type: application/json' -d '{"query":"{ health { status eventStorePosition } version { version mode } }"}'`,
      '  stop with Ctrl-C (the event store is flushed and closed cleanly).',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`PLS platform failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
