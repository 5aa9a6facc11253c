import { spawnSync } from 'node:child_process';

export type ContainerRuntime = { readonly available: true; readonly reason?: undefined } | { readonly available: false; readonly reason: string };

// Jest decides between `describe` and `describe.skip` while it collects a file, synchronously, and
// testcontainers can only probe asynchronously: the probe runs in a child Node, once per file.
const PROBE = `
require('testcontainers').getContainerRuntimeClient().then(
  () => { process.stdout.write(JSON.stringify({ available: true })); process.exit(0); },
  (error) => { process.stdout.write(JSON.stringify({ available: false, reason: String(error && error.message || error) })); process.exit(0); },
);`;

/** Whether testcontainers finds a container engine (Docker, Podman, Colima, a remote DOCKER_HOST) here. */
export function probeContainerRuntime(): ContainerRuntime {
  const probe = spawnSync(process.execPath, ['-e', PROBE], { cwd: __dirname, encoding: 'utf8', timeout: 120_000 });
  if (probe.error) return { available: false, reason: `the probe could not run: ${probe.error.message}` };
  try {
    const answer = JSON.parse(probe.stdout) as { available: boolean; reason?: string };
    return answer.available ? { available: true } : { available: false, reason: answer.reason ?? 'unknown' };
  } catch {
    return { available: false, reason: `the probe gave no answer (exit ${probe.status}): ${probe.stderr.trim().slice(0, 500)}` };
  }
}

/**
 * `describe` where a container engine exists, else `describe.skip` with the reason printed once,
 * so a run without Docker says plainly what it did not check. Written to stderr, not console.warn:
 * Jest drops the buffered console of a file whose tests were all skipped.
 */
export function describeWithContainers(what: string): jest.Describe {
  const runtime = probeContainerRuntime();
  if (runtime.available) return describe;
  // Set by `npm run test:containers`: asked for explicitly, the suites must run, not skip.
  if (process.env['PLS_REQUIRE_CONTAINERS'] === '1') throw new Error(`${what}: no container runtime (${runtime.reason})`);
  process.stderr.write(`\n${what}: SKIPPED, no container runtime (${runtime.reason}). Run \`npm run test:containers\` on a host with Docker to check it.\n`);
  return describe.skip;
}
