// Runs TypeScript sources directly in a child process (`node -r ./tools/ts-register.cjs x.ts`):
// swc compiles each file on require, `@pls/*` imports resolve through tsconfig.base.json paths.
// Used by tests that need a real separate process (crash tests, multi-process topologies).
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');
const { compilerOptions } = require('../tsconfig.base.json');

const root = path.resolve(__dirname, '..');
const aliases = new Map(Object.entries(compilerOptions.paths).map(([alias, [target]]) => [alias, path.join(root, target)]));

const originalResolve = Module._resolveFilename;
Module._resolveFilename = function resolvePlsAlias(request, parent, isMain, options) {
  const target = aliases.get(request);
  return originalResolve.call(this, target ?? request, parent, isMain, options);
};

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, {
    filename,
    sourceMaps: 'inline',
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
