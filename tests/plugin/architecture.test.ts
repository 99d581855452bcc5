/**
 * The import rules of docs/architecture.md are enforced by ESLint (eslint.config.mjs): an import that crosses a
 * forbidden line fails `npm run lint`. Each rule is shown failing on crossing imports in a probe file of that part,
 * while the allowed imports beside them pass; `npm run lint` shows that the real files pass. The import graph of
 * src/ (read with the TypeScript compiler's import scanner) has no circle.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

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

/** Source files under `dir` (relative to the repository), by path, with their text. */
function sourceFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })) {
    const file = path.posix.join(dir, entry.split(path.sep).join('/'));
    if (/\.tsx?$/.test(file) && !file.endsWith('.d.ts')) {
      out.set(file, readFileSync(path.join(root, file), 'utf8'));
    }
  }
  return out;
}

/**
 * Import circles among `files` (path → text): each strongly connected group of two or more files, or a file importing
 * itself. Every import and export counts, type-only ones too; specifiers resolve relative to the file or, bare, to
 * src/ (tsconfig's baseUrl); packages are left out.
 */
function importCircles(files: Map<string, string>): string[][] {
  const resolve = (from: string, spec: string): string | undefined => {
    const base = spec.startsWith('.') ? path.posix.join(path.posix.dirname(from), spec) : path.posix.join('src', spec);
    return [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`].find((f) => files.has(f));
  };
  const edges = new Map<string, string[]>();
  for (const [file, text] of files) {
    const imported = ts.preProcessFile(text, true, true).importedFiles.map((i) => resolve(file, i.fileName));
    edges.set(file, [...new Set(imported.filter((f): f is string => f !== undefined))]);
  }
  // Tarjan's strongly connected components.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v)!) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1 || edges.get(v)!.includes(v)) {
        circles.push(group.sort());
      }
    }
  };
  for (const file of files.keys()) {
    if (!index.has(file)) {
      visit(file);
    }
  }
  return circles;
}

describe('import circles', () => {
  it('are found, type-only imports, index files and bare src/ paths included', () => {
    const files = new Map([
      ['src/datasource/datasource.ts', "import { Vars } from './variables';"],
      ['src/datasource/variables.ts', "import { Editor } from './components/Editor';"],
      ['src/datasource/components/Editor.tsx', "import type { DataSource } from '../datasource';"],
      ['src/engine/index.ts', "export * from './a';"],
      ['src/engine/a.ts', "import { b } from 'engine';"],
      ['src/engine/leaf.ts', "import { a } from './a'; import React from 'react';"],
    ]);
    expect(importCircles(files)).toEqual([
      ['src/datasource/components/Editor.tsx', 'src/datasource/datasource.ts', 'src/datasource/variables.ts'],
      ['src/engine/a.ts', 'src/engine/index.ts'],
    ]);
  });

  it('none in src/', () => {
    const files = sourceFiles('src');
    expect(files.size).toBeGreaterThan(200);
    expect(importCircles(files)).toEqual([]);
  });
});
