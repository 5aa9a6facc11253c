import { DEMO_LOGINS } from '@pls/directory-domain';
import { DEMO_ISSUER_TOKEN, type DemoIssuer } from '@pls/shared-api';
import { loadConfig } from './config';
import { startPlatform } from './start-platform';

/** Users a newcomer tries first: the front desk flow of DOMAIN.md §6 flow 1, its back office and its supervisor. */
const FIRST_TRY = ['lz.clerk.room', 'sc.hotline.clerk', 'lz.legal-aid.chen', 'lz.supervisor', 'wtq.clerk.centre', 'sc.admin'];

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await startPlatform(config);
  const url = `http://localhost:${new URL(await app.getUrl()).port}/graphql`;
  const lines = [
    '',
    `PLS platform (embedded mode) is listening on ${url}`,
    `  data directory: ${config.dataDir}`,
    '  try:',
    `    curl -s ${url} -H 'content-type: application/json' -d '{"query":"{ health { status eventStorePosition } version { version mode } }"}'`,
  ];
  const issuer = app.get<DemoIssuer | null>(DEMO_ISSUER_TOKEN, { strict: false });
  if (issuer) {
    lines.push('', '  demo sign-in (embedded mode only; tokens last 8 hours):', `    mutation { demoSignIn(username: "lz.clerk.room") { token } }  — or use a token below as  Authorization: Bearer <token>`);
    for (const username of FIRST_TRY) {
      const login = DEMO_LOGINS.find((candidate) => candidate.username === username);
      if (!login) continue;
      const token = await issuer.issue({ userId: login.userId, name: login.name, orgId: login.orgId, roles: [...login.roles], regionCode: login.regionCode, lines: [...login.lines] });
      lines.push(`    ${login.username.padEnd(18)} ${login.name} [${login.roles.join(',')}] ${login.orgName}`, `      ${token}`);
    }
    lines.push(`    (${DEMO_LOGINS.length} demo users in all; the README lists how to sign in as any of them)`);
  }
  lines.push('  stop with Ctrl-C (the event store is flushed and closed cleanly).', '');
  process.stdout.write(lines.join('\n'));
}

main().catch((error: unknown) => {
  process.stderr.write(`PLS platform failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
