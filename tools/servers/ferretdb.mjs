#!/usr/bin/env node
// FerretDB v1.24.2 (MongoDB wire protocol, SQLite files) without Docker:
//   node tools/servers/ferretdb.mjs start [--port N]   build if needed, start detached, wait for ping
//   node tools/servers/ferretdb.mjs stop               stop the recorded server
//   node tools/servers/ferretdb.mjs status
// The implementation is ferretdb.cjs, so that Jest's CommonJS tests can require it too.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ferretdb = require('./ferretdb.cjs');

export const { VERSION, ensureBinary, ensureFerretDb, startFerretDb, stopFerretDb, ferretDbStatus } = ferretdb;

async function main([command, ...args]) {
  const portAt = args.indexOf('--port');
  const port = portAt === -1 ? undefined : Number(args[portAt + 1]);
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) throw new Error(`--port needs a TCP port, got ${args[portAt + 1]}`);
  switch (command) {
    case 'start': {
      const { uri, pid } = await startFerretDb({ port: port ?? 27017 });
      console.log(`FerretDB v${VERSION} pid ${pid}: export MONGO_URL=${uri}`);
      return;
    }
    case 'stop':
      await stopFerretDb();
      return;
    case 'status': {
      const status = await ferretDbStatus();
      console.log(status.running ? `running: pid ${status.state.pid} at ${status.uri} (log ${status.state.logFile})` : `not running${status.binaryBuilt ? '' : ' (not built yet)'}`);
      process.exitCode = status.running ? 0 : 3;
      return;
    }
    default:
      console.error('usage: node tools/servers/ferretdb.mjs start|stop|status [--port N]');
      process.exitCode = 2;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(`ferretdb: ${error.message}`);
    process.exitCode = 1;
  });
}
