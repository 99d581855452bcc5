/**
 * The import rules of docs/architecture.md are enforced by ESLint (eslint.config.mjs): an import that crosses a
 * forbidden line fails `npm run lint`. Each rule is shown failing on crossing imports in a probe file of that part,
 * while the allowed imports beside them pass; `npm run lint` shows that the real files pass.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

interface Finding {
  line: number;
  message: string;
}

/**
 * Probe files written beside real files of each part (so the part's rules and the typed parser apply), linted in one
 * ESLint run and removed again; findings of the restricted-imports rule by file.
 */
function lintProbes(probes: Record<string, string[]>): Record<string, Finding[]> {
  const files = Object.keys(probes);
  try {
    for (const file of files) {
      writeFileSync(path.join(root, file), probes[file].join('\n') + '\nexport {};\n');
    }
    const run = spawnSync(path.join(root, 'node_modules/.bin/eslint'), ['--no-cache', '--format', 'json', ...files], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    // A plugin's deprecation banner may come first on stdout; the JSON report starts at its array.
    const report = JSON.parse(run.stdout.slice(run.stdout.indexOf('[{'))) as Array<{
      filePath: string;
      messages: Array<{ ruleId: string; line: number; message: string }>;
    }>;
    return Object.fromEntries(
      report.map((r) => [
        path.relative(root, r.filePath),
        r.messages
          .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
          .map((m) => ({ line: m.line, message: m.message })),
      ])
    );
  } finally {
    for (const file of files) {
      rmSync(path.join(root, file), { force: true });
    }
  }
}

let found: Record<string, Finding[]>;
beforeAll(() => {
  found = lintProbes({
    'src/engine/architectureProbe.ts': [
      "import { css } from '@emotion/css';",
      "import { toGraphRequest } from '../backend/handlers/graphRequest';",
      "import { DataFrame } from '@grafana/data';",
      "import { plugin } from '../panel/module';",
      "import { defaultGraphOptions } from './options';",
    ],
    'src/backend/handlers/architectureProbe.ts': [
      "import React from 'react';",
      "import { toDataFrame } from '@grafana/data';",
      "import type { ScopedVars } from '@grafana/data';",
      "import { plugin } from '../../panel/module';",
      "import { buildGraph } from '../../engine';",
    ],
    'src/panel/graph/architectureProbe.ts': [
      "import type { GraphNode } from '../../engine/model';",
      "import { toGraphRequest } from '../../backend/handlers/graphRequest';",
      "import { SERIES_RESOURCE } from '../../datasource/resources';",
      "import { parseArgs } from '../../cli/args';",
      "import { buildGraph } from '../../engine';",
      "import { NodeField, parseNodeId } from '../../contract';",
      "import type { PanelGraph } from './types';",
    ],
    'src/contract/architectureProbe.ts': [
      "import React from 'react';",
      "import { defaultGraphOptions } from '../engine/options';",
      "import { fileName } from '../panel/export/exporters';",
      "import { App } from '../components/App';",
      "import type { GraphOptions } from 'engine/model';",
      "import { NodeField } from './frameFields';",
      "import { toKialiJson } from './kiali/kialiJson';",
    ],
    'src/contract/kiali/architectureProbe.ts': [
      "import { kialiId } from '../nodeIds';",
      "import { idPart } from '../../engine/fold/identity';",
      "import { DataFrame } from '@grafana/data';",
    ],
    'src/cli/architectureProbe.ts': [
      "import { queryData } from '../backend/handlers/queryData';",
      "import { defaultGraphOptions } from '../engine/options';",
    ],
  });
}, 120_000);

describe('architecture rules', () => {
  it('the engine imports no Grafana, React or adapter', () => {
    expect(found['src/engine/architectureProbe.ts']).toEqual([
      { line: 1, message: expect.stringMatching(/The engine is pure/) },
      { line: 2, message: expect.stringMatching(/knows none of its adapters/) },
      { line: 3, message: expect.stringMatching(/The engine is pure/) },
      { line: 4, message: expect.stringMatching(/knows none of its adapters/) },
    ]);
  });

  it('the backend imports no browser code and nothing of the panel; @grafana/data for types only', () => {
    expect(found['src/backend/handlers/architectureProbe.ts']).toEqual([
      { line: 1, message: expect.stringMatching(/Grafana's server/) },
      { line: 2, message: expect.stringMatching(/Only types/) },
      { line: 4, message: expect.stringMatching(/neither the panel nor the CLI/) },
    ]);
  });

  it('the panel imports only the contract, not the engine, backend, CLI or datasource (tests included)', () => {
    expect(found['src/panel/graph/architectureProbe.ts']).toEqual(
      [1, 2, 3, 4, 5].map((line) => ({ line, message: expect.stringMatching(/The panel imports only the contract/) }))
    );
  });

  it('the contract imports nothing of the project and no Grafana, React or DOM', () => {
    expect(found['src/contract/architectureProbe.ts']).toEqual([
      { line: 1, message: expect.stringMatching(/plain TypeScript/) },
      ...[2, 3, 4, 5].map((line) => ({ line, message: expect.stringMatching(/imports nothing of the project/) })),
    ]);
    expect(found['src/contract/kiali/architectureProbe.ts']).toEqual([
      { line: 2, message: expect.stringMatching(/imports nothing of the project/) },
      { line: 3, message: expect.stringMatching(/plain TypeScript/) },
    ]);
  });

  it('the CLI runs the engine only', () => {
    expect(found['src/cli/architectureProbe.ts']).toEqual([{ line: 1, message: expect.stringMatching(/engine only/) }]);
  });
});
