import { defineConfig } from 'eslint/config';
import baseConfig from './.config/eslint.config.mjs';

/**
 * The one-way arrows of docs/architecture.md, enforced: an import that crosses a forbidden line fails `npm run lint`.
 * Type-only imports of @grafana/data's plain types are allowed where noted (they vanish from the bundle).
 */
const adapters = ['**/datasource/**', '**/backend/**', '**/panel/**', '**/cli/**', '**/simulator/**'];
const ui = [
  '@grafana/ui',
  '@grafana/runtime',
  'react',
  'react/*',
  'react-dom',
  'react-dom/*',
  '@emotion/*',
  'cytoscape*',
];
/**
 * The contract imports nothing of the project: no import climbs out of src/contract/ (one rule per folder depth, as
 * the way out is `../` from src/contract/ and `../../` from a folder inside it) or names a part of src/ bare, as
 * tsconfig's baseUrl would allow (`engine/model`).
 */
const srcParts = 'engine|backend|datasource|panel|cli|contract|components|module';
const contractRules = [1, 2, 3].map((depth) => ({
  files: [`src/contract/${'*/'.repeat(depth - 1)}*.ts`],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: ['@grafana/*', 'rxjs', 'rxjs/*', ...ui],
            message: 'The contract is plain TypeScript: no Grafana, React or DOM.',
          },
          {
            regex: `^((\\.\\./){${depth}}|(${srcParts})(/|$))`,
            message: 'The contract imports nothing of the project.',
          },
        ],
      },
    ],
  },
}));

export const ARCHITECTURE_RULES = [
  {
    // The engine is pure: no Grafana, React or DOM, and it knows none of its adapters.
    files: ['src/engine/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@grafana/*', 'rxjs', 'rxjs/*', ...ui],
              message: 'The engine is pure: no Grafana, React or DOM.',
            },
            { group: adapters, message: 'The engine knows none of its adapters (backend, datasource, panel, CLI).' },
          ],
        },
      ],
    },
  },
  {
    // The backend runs inside Grafana's server: no browser code, and nothing of the panel.
    files: ['src/backend/**/*.ts'],
    // Tests may read frames the way Grafana's browser code does.
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ui, message: "The backend runs on Grafana's server: no React, Grafana UI or runtime." },
            { group: ['@grafana/data'], allowTypeImports: true, message: 'Only types of @grafana/data on the server.' },
            { group: ['**/panel/**', '**/cli/**'], message: 'The backend knows neither the panel nor the CLI.' },
          ],
        },
      ],
    },
  },
  {
    // The CLI is a terminal adapter of the engine.
    files: ['src/cli/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@grafana/*', ...ui, '**/panel/**', '**/backend/**'], message: 'The CLI runs the engine only.' },
          ],
        },
      ],
    },
  },
  {
    // The panel draws any Node Graph frames: it knows the frame contract (src/contract/), not who built the frames.
    files: ['src/panel/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['engine', 'backend', 'datasource', 'cli', 'simulator'].flatMap((p) => [`**/${p}`, `**/${p}/**`]),
              message:
                'The panel imports only the contract (src/contract/), not the engine, backend, CLI or datasource.',
            },
          ],
        },
      ],
    },
  },
  ...contractRules,
];

export default defineConfig([
  {
    ignores: [
      '**/logs',
      '**/*.log',
      '**/npm-debug.log*',
      '**/yarn-debug.log*',
      '**/yarn-error.log*',
      '**/.pnpm-debug.log*',
      '**/node_modules/',
      '.yarn/cache',
      '.yarn/unplugged',
      '.yarn/build-state.yml',
      '.yarn/install-state.gz',
      '**/.pnp.*',
      '**/pids',
      '**/*.pid',
      '**/*.seed',
      '**/*.pid.lock',
      '**/lib-cov',
      '**/coverage',
      '**/dist/',
      'build/',
      '**/artifacts/',
      '**/work/',
      '**/ci/',
      'test-results/',
      'playwright-report/',
      'blob-report/',
      'playwright/.cache/',
      'playwright/.auth/',
      '**/.idea',
      '**/.eslintcache',
    ],
  },
  ...baseConfig,
  ...ARCHITECTURE_RULES,
]);
