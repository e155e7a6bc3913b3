#!/usr/bin/env node
/**
 * The layer check (docs/architecture.md): every run-time import of electron/, renderer/ and scripts/ goes
 * to a layer the importing layer may use, and no two files import each other in a circle. `import type`
 * and `{ type X }` specifiers cost nothing at run time and are free, except in the cycle check (a circle of
 * types is still a knot a reader has to untie). Runs in `npm test` before vitest; `npm run check-layers`.
 *
 * The imports are read with the TypeScript compiler's own parser (typescript/unstable/sync, the API of the
 * TypeScript 7 in node_modules), from the project of tsconfig.json: static imports and re-exports,
 * `import()` and `require()` with a literal name.
 *
 * Exit 0 when every import is allowed; 1 with one line per offending import (file → import, the two
 * layers, and the rule it breaks) otherwise.
 */
import { existsSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { API } from 'typescript/unstable/sync';
import { SyntaxKind } from 'typescript/unstable/ast';

const ROOT = resolve(import.meta.dirname, '..');

/**
 * The layers, most specific prefix first. `tools` (benchmarks, build scripts) measure and drive every
 * layer below the adapters and are not part of the app.
 */
const LAYERS = [
  ['model', 'electron/engine/model/'],
  ['engine', 'electron/engine/'],
  ['services', 'electron/services/'],
  ['app', 'electron/app/'],
  ['api', 'electron/api/'],
  ['shell', 'electron/'],
  ['renderer', 'renderer/'],
  ['cli', 'scripts/commands/'],
  ['cli', 'scripts/cli.ts'],
  ['shell', 'scripts/web.ts'],
  ['tools', 'scripts/'],
];

/** What each layer may import at run time (besides itself). */
const MAY_IMPORT = {
  model: [],
  engine: ['model'],
  services: ['model', 'engine'],
  app: ['model', 'engine', 'services'],
  api: ['model', 'app'],
  cli: ['model', 'app'],
  shell: ['model', 'api'],
  renderer: ['model'],
  tools: ['model', 'engine', 'services', 'app', 'api'],
};

/** Why a rule exists, said once per broken rule. */
const WHY = {
  upward: 'a layer imports only from the layers below it',
  skips: 'the API and the CLI are adapters over the application layer (electron/app): they do not reach past it into services or the engine',
  renderer: 'the page runs in the browser: at run time it may import only renderer/ and electron/engine/model/ (types from anywhere)',
  browser: 'model/ and renderer/ are browser-safe: no Node built-in modules',
  packages: 'model/ is plain TypeScript: no packages',
};

const ORDER = ['model', 'engine', 'services', 'app', 'api', 'cli', 'shell', 'renderer', 'tools'];

function layerOf(r) {
  for (const [layer, prefix] of LAYERS) if (r === prefix || r.startsWith(prefix)) return layer;
  return null;
}

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** A relative specifier → the file it names (TypeScript's resolution for .ts/.tsx/index files). */
function resolveLocal(from, spec) {
  const base = resolve(dirname(from), spec);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, `${base}.mts`, `${base}.mjs`, `${base}.js`, join(base, 'index.ts'), join(base, 'index.tsx')];
  for (const c of candidates) if (existsSync(c) && statSync(c).isFile()) return c;
  return null;
}

/** Every import of a source file: { spec, typeOnly, line }. */
function importsOf(sf) {
  const out = [];
  const text = sf.text;
  // A node's range starts before its leading comments and white space: count lines to its first token.
  const lineOf = (node) => {
    const trivia = /^(?:\s|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*/.exec(text.slice(node.pos, node.end))[0].length;
    return text.slice(0, node.pos + trivia).split('\n').length;
  };
  const visit = (node) => {
    switch (node.kind) {
      case SyntaxKind.ImportDeclaration: {
        const clause = node.importClause;
        let typeOnly = false;
        if (clause) {
          const named = clause.namedBindings;
          const elements = named && named.kind === SyntaxKind.NamedImports ? Array.from(named.elements) : null;
          typeOnly = clause.isTypeOnly === true || (!clause.name && elements !== null && elements.length > 0 && elements.every((e) => e.isTypeOnly));
        }
        out.push({ spec: node.moduleSpecifier.text, typeOnly, line: lineOf(node) });
        return;
      }
      case SyntaxKind.ExportDeclaration: {
        if (!node.moduleSpecifier) return;
        const named = node.exportClause;
        const elements = named && named.kind === SyntaxKind.NamedExports ? Array.from(named.elements) : null;
        const typeOnly = node.isTypeOnly === true || (elements !== null && elements.length > 0 && elements.every((e) => e.isTypeOnly));
        out.push({ spec: node.moduleSpecifier.text, typeOnly, line: lineOf(node) });
        return;
      }
      case SyntaxKind.ImportEqualsDeclaration: {
        const ref = node.moduleReference;
        if (ref && ref.kind === SyntaxKind.ExternalModuleReference && ref.expression?.text) {
          out.push({ spec: ref.expression.text, typeOnly: node.isTypeOnly === true, line: lineOf(node) });
        }
        return;
      }
      case SyntaxKind.CallExpression: {
        const callee = node.expression;
        const arg = node.arguments?.[0];
        const literal = arg && (arg.kind === SyntaxKind.StringLiteral || arg.kind === SyntaxKind.NoSubstitutionTemplateLiteral);
        if (literal && (callee.kind === SyntaxKind.ImportKeyword || (callee.kind === SyntaxKind.Identifier && callee.text === 'require'))) {
          out.push({ spec: arg.text, typeOnly: false, line: lineOf(node) });
        }
        break;
      }
      case SyntaxKind.ImportType:
        // `typeof import('x')` in a type position: types only.
        return;
    }
    node.forEachChild(visit);
  };
  sf.forEachChild(visit);
  return out;
}

function ruleFor(from, to) {
  if (from === 'renderer') return 'renderer';
  if ((from === 'api' || from === 'cli') && (to === 'services' || to === 'engine')) return 'skips';
  return 'upward';
}

/** Circles in the import graph (all imports, types included), each as its list of files. */
function cycles(graph) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const on = new Set();
  const found = [];
  let n = 0;
  const strong = (v) => {
    index.set(v, n);
    low.set(v, n);
    n++;
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? new Set()).has(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) strong(v);
  return found;
}

/** `root`: the checkout (its tsconfig.json names the files); tests point it at a small tree of their own. */
export function checkLayers(root = ROOT) {
  const rel = (f) => relative(root, f).split(sep).join('/');
  const api = new API({ cwd: root });
  const problems = [];
  const graph = new Map();
  let files = 0;
  try {
    const snapshot = api.updateSnapshot({ openProject: join(root, 'tsconfig.json') });
    const project = snapshot.getProjects()[0];
    if (!project) throw new Error('tsconfig.json: no project');
    for (const file of project.rootFiles) {
      const from = layerOf(rel(file));
      if (!from || !/\.(ts|tsx|mts)$/.test(file)) continue;
      const sf = project.program.getSourceFile(file);
      if (!sf) continue;
      files++;
      const edges = new Set();
      graph.set(rel(file), edges);
      for (const imp of importsOf(sf)) {
        const where = `${rel(file)}:${imp.line}`;
        if (imp.spec.startsWith('.')) {
          const target = resolveLocal(file, imp.spec);
          if (!target) continue; // tsc reports it
          edges.add(rel(target));
          if (imp.typeOnly) continue;
          const to = layerOf(rel(target));
          if (!to || to === from) continue;
          if (!MAY_IMPORT[from].includes(to)) {
            problems.push({ where, text: `${where} imports ${rel(target)} (${from} → ${to})`, rule: ruleFor(from, to) });
          }
        } else if (!imp.typeOnly && (from === 'model' || from === 'renderer') && BUILTINS.has(imp.spec)) {
          problems.push({ where, text: `${where} imports ${imp.spec} (${from} → Node)`, rule: 'browser' });
        } else if (!imp.typeOnly && from === 'model') {
          problems.push({ where, text: `${where} imports the package ${imp.spec} (model → package)`, rule: 'packages' });
        }
      }
    }
  } finally {
    api.close();
  }
  const circles = cycles(graph);
  return { files, problems, circles };
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('check-layers.mjs')) {
  const started = Date.now();
  const { files, problems, circles } = checkLayers();
  if (problems.length === 0 && circles.length === 0) {
    process.stderr.write(`layers: ${files} files, every import allowed, no circles (${Date.now() - started} ms)\n`);
    process.exit(0);
  }
  const rules = new Set();
  for (const p of problems.sort((a, b) => a.where.localeCompare(b.where, 'en', { numeric: true }))) {
    process.stderr.write(`layers: ${p.text}\n`);
    rules.add(p.rule);
  }
  for (const c of circles) process.stderr.write(`layers: circle of imports: ${c.join(' ↔ ')}\n`);
  for (const r of rules) process.stderr.write(`  rule: ${WHY[r]}\n`);
  if (circles.length) process.stderr.write('  rule: no circles of imports, types included (move the shared piece into a module both can import)\n');
  process.stderr.write(`  layers, lowest first: ${ORDER.join(' < ')} (docs/architecture.md)\n`);
  process.exit(1);
}
