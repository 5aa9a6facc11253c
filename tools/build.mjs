// Compiles apps/, libs/ and tools/ TypeScript to CommonJS under dist/ with swc (about a second),
// rewriting `@pls/*` imports to relative paths so the output runs with plain `node`.
// Type-checking is separate (`npm run typecheck`): a build must not wait for it.
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const sourceDirs = ['apps', 'libs', 'tools'];

async function* typeScriptSources(dir) {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'dist') yield* typeScriptSources(path);
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts')) {
      yield path;
    }
  }
}

async function isFresh(source, target) {
  try {
    return (await stat(target)).mtimeMs >= (await stat(source)).mtimeMs;
  } catch {
    return false;
  }
}

export async function buildAll({ quiet = false } = {}) {
  const { transform } = require('@swc/core');
  const { compilerOptions } = JSON.parse(await readFile(join(root, 'tsconfig.base.json'), 'utf8'));
  const started = Date.now();
  let compiled = 0;
  let total = 0;
  for (const dir of sourceDirs) {
    for await (const source of typeScriptSources(join(root, dir))) {
      total++;
      const target = join(root, 'dist', relative(root, source)).replace(/\.ts$/, '.js');
      if (await isFresh(source, target)) continue;
      const { code, map } = await transform(await readFile(source, 'utf8'), {
        filename: source,
        sourceMaps: true,
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
          keepClassNames: true,
          baseUrl: root,
          paths: compilerOptions.paths,
        },
        module: { type: 'commonjs' },
      });
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, `${code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
      await writeFile(`${target}.map`, map ?? '');
      compiled++;
    }
  }
  if (!quiet) console.log(`[pls] built ${compiled} of ${total} files in ${Date.now() - started} ms`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildAll();
