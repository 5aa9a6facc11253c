import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

/**
 * The layer rules are only worth something if they bite. Each case lints a virtual file placed in
 * a real project and expects `@nx/enforce-module-boundaries` to refuse the import.
 */
const root = path.resolve(__dirname, '../..');

interface LintMessage {
  ruleId: string | null;
  message: string;
}

// ESLint loads its flat config with a dynamic import, which Jest's VM cannot do: run the real CLI.
async function boundaryErrors(fileInProject: string, source: string): Promise<string[]> {
  const run = spawnSync(process.execPath, [path.join(root, 'node_modules/eslint/bin/eslint.js'), '--stdin', '--stdin-filename', fileInProject, '--format', 'json'], {
    cwd: root,
    input: source,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false' },
  });
  if (!run.stdout) throw new Error(`eslint produced no report: ${run.stderr}`);
  const [result] = JSON.parse(run.stdout) as { messages: LintMessage[] }[];
  return result.messages.filter((message) => message.ruleId === '@nx/enforce-module-boundaries').map((message) => message.message);
}

describe('module boundaries', () => {
  it('refuse a framework import in a domain', async () => {
    const errors = await boundaryErrors('libs/intake/domain/src/forbidden-example.ts', "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n");
    expect(errors.join('\n')).toMatch(/@nestjs\/common/);
  });

  it("refuse one context's domain reaching into another context's domain", async () => {
    const errors = await boundaryErrors('libs/intake/domain/src/forbidden-example.ts', "import { organisationDecider } from '@pls/directory-domain';\nexport const x = organisationDecider;\n");
    expect(errors.join('\n')).toMatch(/scope:intake/);
  });

  it('refuse a domain reaching into infrastructure', async () => {
    const errors = await boundaryErrors('libs/intake/domain/src/forbidden-example.ts', "import { SqliteEventStore } from '@pls/infrastructure';\nexport const x = SqliteEventStore;\n");
    expect(errors.join('\n')).toMatch(/type:domain/);
  });

  it('refuse a framework import in a util library that domains depend on', async () => {
    const errors = await boundaryErrors('libs/shared/kernel/src/forbidden-example.ts', "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n");
    expect(errors.join('\n')).toMatch(/@nestjs\/common/);
  });

  it("refuse an application layer reaching into another context's application layer", async () => {
    const errors = await boundaryErrors('libs/intake/application/src/forbidden-example.ts', "import { DirectoryApplicationModule } from '@pls/directory-application';\nexport const x = DirectoryApplicationModule;\n");
    expect(errors.join('\n')).toMatch(/type:application/);
  });

  it("let a context use another context's contracts, and infrastructure use the kernel", async () => {
    expect(await boundaryErrors('libs/intake/application/src/allowed-example.ts', "import { DIRECTORY_LOOKUP } from '@pls/directory-contracts';\nexport const x = DIRECTORY_LOOKUP;\n")).toEqual([]);
    expect(await boundaryErrors('libs/shared/infrastructure/src/allowed-example.ts', "import { InvalidInput } from '@pls/shared-kernel';\nexport const x = InvalidInput;\n")).toEqual([]);
  });
});
