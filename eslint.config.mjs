import nx from '@nx/eslint-plugin';

/**
 * Layers are enforced here, not by hope (ARCHITECTURE.md §3): a domain depends only on domain and
 * util libraries and never on a framework or I/O library; a context reaches another context only
 * through its `contracts`. `tools/lint/module-boundaries.int.spec.ts` proves the rule bites.
 */
export const frameworkAndIo = [
  '@nestjs/*',
  '@apollo/*',
  'express',
  'better-sqlite3',
  'kafkajs',
  'mongoose',
  'mongodb',
  '@kurrent/*',
  'mingo',
  'node:fs',
  'fs',
  'node:net',
  'net',
  'node:http',
  'http',
];

export const contexts = ['intake', 'directory', 'legal-aid', 'mediation', 'notarization', 'forensic-appraisal', 'community-correction'];

export const depConstraints = [
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:util'], bannedExternalImports: frameworkAndIo },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:util'], bannedExternalImports: frameworkAndIo },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'], bannedExternalImports: ['@nestjs/*', '@apollo/*', 'express', 'kafkajs', 'mongoose', 'mongodb', '@kurrent/*'] },
  { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:util'] },
  { sourceTag: 'type:application', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:util'] },
  { sourceTag: 'type:api', onlyDependOnLibsWithTags: ['type:api', 'type:application', 'type:domain', 'type:contracts', 'type:util'] },
  // A host composes the contexts into processes (the embedded platform, the gateway, a service, the projector).
  { sourceTag: 'type:host', onlyDependOnLibsWithTags: ['type:api', 'type:application', 'type:contracts', 'type:infra', 'type:util', 'type:domain'] },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:host', 'type:api', 'type:application', 'type:contracts', 'type:infra', 'type:util', 'type:domain'] },
  { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['*'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  ...contexts.map((context) => ({
    sourceTag: `scope:${context}`,
    onlyDependOnLibsWithTags: [`scope:${context}`, 'scope:shared', 'type:contracts'],
  })),
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', 'data', 'tmp', '.cache', 'coverage', '**/*.cjs', '**/*.mjs', '**/*.js'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', { enforceBuildableLibDependency: false, allowCircularSelfDependency: false, depConstraints }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.spec.ts', '**/testing/**/*.ts', '**/e2e/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      // Tests of an application layer may wire real adapters (a read store, a store) to prove the
      // layer against them; production code of the layer still may not.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          depConstraints: depConstraints.map((constraint) =>
            constraint.sourceTag === 'type:application' || constraint.sourceTag === 'type:api'
              ? { ...constraint, onlyDependOnLibsWithTags: [...constraint.onlyDependOnLibsWithTags, 'type:infra'] }
              : constraint.sourceTag === 'scope:shared' || constraint.sourceTag.startsWith('scope:')
                ? { ...constraint, onlyDependOnLibsWithTags: [...constraint.onlyDependOnLibsWithTags, 'type:infra'] }
                : constraint,
          ),
        },
      ],
    },
  },
];
