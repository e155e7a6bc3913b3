/**
 * electron-builder.yml against the built files. Packaged, the app lives in resources/app.asar, which only
 * Electron's patched fs in the main process can read. What the engine worker loads must be on disk, in
 * app.asar.unpacked: the worker bundle itself (`new Worker(path)`), nodejieba (a native addon that opens its
 * dictionaries with C++ I/O), pdfjs-dist (import()ed as an ES module, finding its own files by URL), the
 * legal user dictionary and the corpus.
 *
 * Two checks: every such file, derived from the code's own constants and the built worker's imports, is
 * packed (`files`) and unpacked (`asarUnpack`); and a stand-in of the packaged layout, laid out by those
 * globs, runs: the built main process (stand-in electron) starts the engine from app.asar.unpacked, lists
 * the corpus, searches with the legal dictionary and reads a PDF.
 */
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult, ImportPreview } from '../../electron/api/contract';
import type { SearchResult } from '../../electron/engine/index/types';
import { dictionaryPath } from '../../electron/engine/segment/jieba';
import { corpusFolder, engineWorkerFile, onDisk } from '../../electron/paths';
import { officialHtml, printPdfs } from '../helpers/import-fixtures';
import { seedText } from '../helpers/seeds';
import { createFakeElectron, loadWithFakeElectron, type FakeElectron } from './fake-electron';

const ROOT = resolve(__dirname, '..', '..');
const BUILD = join(ROOT, 'build');
const WORKER_BUNDLE = engineWorkerFile(join(BUILD, 'electron'));
const requireHere = createRequire(__filename);

// electron-builder's own YAML reader and glob matcher (installed with it).
const yaml = requireHere('js-yaml') as { load(text: string): unknown };
const minimatch = requireHere('minimatch') as (path: string, pattern: string, options?: { dot?: boolean }) => boolean;

interface BuilderConfig {
  asar?: boolean;
  files?: string[];
  asarUnpack?: string[];
}
const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string> };

const toPosix = (p: string) => p.split(sep).join('/');
/** A path relative to the app folder; node_modules may be a link to elsewhere (a worktree's is). */
const REAL_MODULES = realpathSync(join(ROOT, 'node_modules'));
const appRelative = (file: string) =>
  file.startsWith(REAL_MODULES + sep) ? join('node_modules', relative(REAL_MODULES, file)) : relative(ROOT, file);
const matches = (file: string, pattern: string) => minimatch(toPosix(file), pattern, { dot: true });

/** Packed into the app: a production dependency (electron-builder adds those itself), or matched by `files`. */
function packed(file: string): boolean {
  const parts = toPosix(file).split('/');
  if (parts[0] === 'node_modules') {
    const name = parts[1]!.startsWith('@') ? `${parts[1]}/${parts[2]}` : parts[1]!;
    return name in pkg.dependencies;
  }
  const patterns = config.files ?? ['**/*'];
  const include = patterns.filter((p) => !p.startsWith('!'));
  const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
  return include.some((p) => matches(file, p)) && !exclude.some((p) => matches(file, p));
}

function unpacked(file: string): boolean {
  return (config.asarUnpack ?? []).some((p) => matches(file, p));
}

/** Every file under `dir`, as paths relative to the app folder. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else out.push(appRelative(full));
  }
  return out;
}

/** The package a module specifier names ("pdfjs-dist/legacy/build/pdf.mjs" → "pdfjs-dist"). */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

/** Packages a built bundle loads by name at run time (require() or import() of a non-builtin). */
function runtimePackages(bundle: string): string[] {
  const code = readFileSync(bundle, 'utf8');
  const names = new Set<string>();
  for (const m of code.matchAll(/\b(?:require|import)\(\s*["']([^"']+)["']\s*\)/g)) {
    const specifier = m[1]!;
    if (!specifier.startsWith('.') && !isBuiltin(specifier)) names.add(packageOf(specifier));
  }
  return [...names].sort();
}

/**
 * Loaded by the worker only on the command line and in web mode: in the desktop app a PDF export is
 * printed in the main process (electron/print.ts), so the browser driver is not packaged.
 */
const NOT_IN_DESKTOP = new Set(['playwright-core']);

/** The files the engine worker opens by path at run time, relative to ROOT. */
function onDiskFiles(): Map<string, string> {
  const why = new Map<string, string>();
  why.set(appRelative(WORKER_BUNDLE), 'the engine worker (new Worker(path))');
  const fromWorker = createRequire(WORKER_BUNDLE);
  for (const name of runtimePackages(WORKER_BUNDLE)) {
    if (NOT_IN_DESKTOP.has(name)) continue;
    const dir = dirname(fromWorker.resolve(`${name}/package.json`));
    for (const file of filesUnder(dir)) why.set(file, `${name}, loaded by the worker`);
  }
  const jieba = requireHere('nodejieba') as Record<string, unknown>;
  for (const [key, value] of Object.entries(jieba)) {
    if (key.startsWith('DEFAULT_') && typeof value === 'string') why.set(appRelative(value), `nodejieba's ${key}`);
  }
  const legal = dictionaryPath();
  if (legal) why.set(appRelative(legal), 'the legal user dictionary');
  const corpus = corpusFolder(ROOT);
  why.set(appRelative(join(corpus, 'manifest.json')), 'the corpus manifest');
  const manifest = JSON.parse(readFileSync(join(corpus, 'manifest.json'), 'utf8')) as { documents: Array<{ file: string }> };
  for (const d of manifest.documents) why.set(appRelative(join(corpus, d.file)), 'a corpus document');
  return why;
}

describe('electron-builder.yml', () => {
  it('packs into an asar archive, with the built main process as the entry point', () => {
    expect(config.asar).toBe(true);
    expect(pkg.main).toBe('build/electron/main.js');
    for (const file of [pkg.main, 'build/electron/preload.js', 'build/renderer/index.html', 'build/renderer/app.js', 'package.json']) {
      expect(existsSync(join(ROOT, file)), file).toBe(true);
      expect(packed(file), file).toBe(true);
    }
    for (const file of filesUnder(join(BUILD, 'renderer'))) {
      if (!file.endsWith('.map')) expect(packed(file), file).toBe(true);
    }
  });

  it('the main process and the preload load no package but electron (only the worker loads packages)', () => {
    expect(runtimePackages(join(BUILD, 'electron', 'main.js'))).toEqual(['electron']);
    expect(runtimePackages(join(BUILD, 'electron', 'preload.js'))).toEqual(['electron']);
  });

  it('the worker loads only production dependencies (or what the desktop app never reaches)', () => {
    const names = runtimePackages(WORKER_BUNDLE);
    expect(names).toEqual(expect.arrayContaining(['nodejieba', 'pdfjs-dist']));
    for (const name of names) {
      if (!NOT_IN_DESKTOP.has(name)) expect(pkg.dependencies, name).toHaveProperty([name]);
    }
  });

  it('everything the engine worker opens by path is packed and unpacked from the asar', () => {
    const need = onDiskFiles();
    const paths = [...need.keys()];
    // The pieces the issue names are all there.
    expect(paths).toContain('build/engine-worker.js');
    expect(paths.some((p) => /^node_modules\/nodejieba\/.*\.node$/.test(toPosix(p)))).toBe(true);
    expect(paths).toContain('node_modules/nodejieba/submodules/cppjieba/dict/jieba.dict.utf8');
    expect(paths).toContain('node_modules/pdfjs-dist/legacy/build/pdf.mjs');
    expect(paths).toContain('node_modules/pdfjs-dist/legacy/build/pdf.worker.mjs');
    expect(paths.some((p) => toPosix(p).startsWith('node_modules/pdfjs-dist/cmaps/'))).toBe(true);
    expect(paths).toContain('electron/engine/segment/legal-dict.txt');
    expect(paths).toContain('corpus/manifest.json');
    // Summed up by what needs them: "pdfjs-dist, loaded by the worker: 489 files, e.g. …".
    const missing = new Map<string, string[]>();
    for (const file of paths) {
      if (existsSync(join(ROOT, file)) && packed(file) && unpacked(file)) continue;
      const why = need.get(file)!;
      missing.set(why, [...(missing.get(why) ?? []), file]);
    }
    expect(Object.fromEntries([...missing].map(([why, files]) => [why, `${files.length} file(s), e.g. ${files[0]}`]))).toEqual({});
  });

  it('paths inside app.asar are mapped to app.asar.unpacked, other paths left alone', () => {
    expect(onDisk('/opt/Duizhao/resources/app.asar/build/engine-worker.js')).toBe('/opt/Duizhao/resources/app.asar.unpacked/build/engine-worker.js');
    expect(onDisk('C:\\Duizhao\\resources\\app.asar\\corpus')).toBe('C:\\Duizhao\\resources\\app.asar.unpacked\\corpus');
    expect(onDisk('/opt/Duizhao/resources/app.asar.unpacked/corpus')).toBe('/opt/Duizhao/resources/app.asar.unpacked/corpus');
    expect(onDisk('/home/me/my.app.asar.notes/corpus')).toBe('/home/me/my.app.asar.notes/corpus');
    expect(onDisk(join(ROOT, 'corpus'))).toBe(join(ROOT, 'corpus'));
  });
});

describe('a stand-in of the packaged app', () => {
  let dir: string;
  let asar: string;
  let fake: FakeElectron;
  const call = async <T>(method: string, req: unknown): Promise<ApiResult<T>> => {
    const handler = fake.ipcHandlers.get(`api:${method}`)!;
    return (await handler({ senderFrame: { url: fake.windows[0]!.loadedUrl } }, req)) as ApiResult<T>;
  };

  beforeAll(async () => {
    // resources/app.asar holds what is packed and not unpacked (Electron reads it for the main process);
    // resources/app.asar.unpacked holds the rest, as electron-builder lays them out.
    dir = mkdtempSync(join(tmpdir(), 'duizhao-packaged-'));
    asar = join(dir, 'resources', 'app.asar');
    const place = (file: string) => join(unpacked(file) ? `${asar}.unpacked` : asar, file);
    for (const top of readdirSync(ROOT)) {
      if (['node_modules', '.git', 'dist', 'test-results'].includes(top)) continue;
      const full = join(ROOT, top);
      for (const file of lstatSync(full).isDirectory() ? filesUnder(full) : [top]) {
        if (!packed(file)) continue;
        mkdirSync(dirname(place(file)), { recursive: true });
        cpSync(join(ROOT, file), place(file));
      }
    }
    // Dependencies are linked rather than copied (tens of MB); a package counts as unpacked when its
    // package.json is.
    for (const name of Object.keys(pkg.dependencies)) {
      const target = place(`node_modules/${name}/package.json`);
      mkdirSync(dirname(dirname(target)), { recursive: true });
      symlinkSync(join(ROOT, 'node_modules', name), dirname(target), 'dir');
    }
    process.env.DUIZHAO_HOME = join(dir, 'home');
    fake = createFakeElectron({ appPath: asar });
    loadWithFakeElectron(join(asar, 'build', 'electron', 'main.js'), fake);
    await fake.app.whenReady();
    for (let i = 0; i < 100 && fake.windows.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  });

  afterAll(() => {
    fake?.app.emit('will-quit');
    delete process.env.DUIZHAO_HOME;
    rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  });

  it('the window loads the page and the preload from inside the archive', () => {
    const win = fake.windows[0]!;
    expect(win.loadedUrl).toMatch(/\/resources\/app\.asar\/build\/renderer\/index\.html$/);
    expect(win.options.webPreferences?.preload).toBe(join(asar, 'build', 'electron', 'preload.js'));
    expect(existsSync(join(asar, 'build', 'electron', 'preload.js'))).toBe(true);
  });

  it('the engine starts from app.asar.unpacked and lists the corpus', async () => {
    expect(existsSync(join(asar, 'build', 'engine-worker.js'))).toBe(false);
    const res = await call<{ documents: Array<{ id: string; source: string }> }>('listDocuments', {});
    expect(res).toMatchObject({ ok: true });
    if (res.ok) expect(res.value.documents.filter((d) => d.source === 'corpus')).toHaveLength(5);
  });

  it('search segments with nodejieba and the legal dictionary, both read from disk', async () => {
    const res = await call<SearchResult>('search', { query: '专精特新企业' });
    expect(res).toMatchObject({ ok: true });
    if (!res.ok) return;
    // Without the legal dictionary jieba cuts 专精特新 into 专精 / 特 / 新.
    expect(res.value.parsed.words).toEqual(['专精特新', '企业']);
    expect(res.value.total).toBeGreaterThan(0);
  });

  it('a PDF is read with pdfjs-dist from app.asar.unpacked', async () => {
    const [pdf] = await printPdfs([officialHtml(seedText('hunan-2020'))]);
    const res = await call<ImportPreview>('previewImport', { name: '湖南办法.pdf', data: new Uint8Array(pdf!) });
    expect(res).toMatchObject({ ok: true });
    if (res.ok) {
      expect(res.value.format).toBe('pdf');
      expect(res.value.articles).toBe(36);
    }
  });
});
