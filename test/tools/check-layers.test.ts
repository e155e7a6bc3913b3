/**
 * The layer check (scripts/check-layers.mjs) on a small tree of its own: each rule of docs/architecture.md
 * is caught, type-only imports are free, circles are found; and the real tree passes.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without type declarations.
import { checkLayers } from '../../scripts/check-layers.mjs';

interface Result {
  files: number;
  problems: Array<{ text: string; rule: string }>;
  circles: string[][];
}

const FILES: Record<string, string> = {
  'electron/engine/model/types.ts': 'export interface Doc { id: string }\n',
  'electron/engine/model/ok.ts': "import type { Summary } from '../../services/types';\nexport const x = (s: Summary) => s.id;\n",
  'electron/engine/model/node.ts': "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
  'electron/engine/compare/index.ts': "import { helper } from '../../services/helper';\nexport const c = helper;\n",
  'electron/services/types.ts': 'export interface Summary { id: string }\n',
  'electron/services/helper.ts': "import { API } from '../api/contract';\nexport const helper = API;\n",
  'electron/app/index.ts': "import { helper } from '../services/helper';\nexport const app = helper;\n",
  'electron/api/contract.ts': "import type { Summary } from '../services/types';\nexport const API = 1;\nexport type S = Summary;\n",
  'electron/api/handlers.ts': "import { app } from '../app';\nimport { helper } from '../services/helper';\nexport const h = [app, helper];\n",
  'scripts/commands/list.ts': "import { app } from '../../electron/app';\nimport { c } from '../../electron/engine/compare';\nexport const l = [app, c];\n",
  'renderer/view.tsx': "import { API, type S } from '../electron/api/contract';\nimport type { Doc } from '../electron/engine/model/types';\nimport { x } from '../electron/engine/model/ok';\nexport const v = [API, x] as unknown as [S, Doc];\n",
  'renderer/a.ts': "import { b } from './b';\nexport const a = () => b;\n",
  'renderer/b.ts': "import type { a } from './a';\nexport const b = 1 as unknown as typeof a;\n",
};

let root: string;
let result: Result;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'duizhao-layers-'));
  writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, jsx: 'react-jsx', module: 'ESNext', moduleResolution: 'Bundler', noEmit: true }, include: ['electron', 'renderer', 'scripts'] }));
  for (const [file, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  result = checkLayers(root) as Result;
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the layer check', () => {
  it('finds every import that climbs or skips, and only those', () => {
    expect(result.files).toBe(Object.keys(FILES).length);
    expect(result.problems.map((p) => `${p.text.replace(/:\d+ /, ' ')} [${p.rule}]`).sort()).toEqual(
      [
        'electron/engine/compare/index.ts imports electron/services/helper.ts (engine → services) [upward]',
        'electron/services/helper.ts imports electron/api/contract.ts (services → api) [upward]',
        'electron/api/handlers.ts imports electron/services/helper.ts (api → services) [skips]',
        'scripts/commands/list.ts imports electron/engine/compare/index.ts (cli → engine) [skips]',
        'renderer/view.tsx imports electron/api/contract.ts (renderer → api) [renderer]',
        'electron/engine/model/node.ts imports node:fs (model → Node) [browser]',
      ].sort(),
    );
  });

  it('finds circles of imports, types included', () => {
    expect(result.circles).toEqual([['renderer/a.ts', 'renderer/b.ts']]);
  });

  it('passes on this repository', () => {
    const real = checkLayers() as Result;
    expect(real.files).toBeGreaterThan(100);
    expect(real.problems.map((p) => p.text)).toEqual([]);
    expect(real.circles).toEqual([]);
  });
});
