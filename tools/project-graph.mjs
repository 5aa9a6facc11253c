// The module-boundary lint rule reads Nx's cached project graph and silently skips itself when
// there is none (a fresh clone): compute it first, so the layers are enforced on every machine.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function refreshProjectGraph() {
  const result = spawnSync(process.execPath, [join(root, 'node_modules/nx/dist/bin/nx.js'), 'show', 'projects'], {
    cwd: root,
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) {
    console.error('[pls] could not compute the Nx project graph; module boundaries cannot be checked');
    process.exit(1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) refreshProjectGraph();
