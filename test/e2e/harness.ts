/**
 * Starts the built web mode (build/web.js, built by `npm test` before vitest) on a free port with a
 * throw-away DUIZHAO_HOME, and a headless Debian Chromium through playwright-core. Shared by every view
 * test:
 *
 *   let app: TestApp;
 *   beforeAll(async () => { app = await startApp(); });
 *   afterAll(async () => { await app?.close(); });
 *   const page = await app.open('#/reader/zhejiang-2023@0/27');
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = resolve(__dirname, '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface WebServer {
  url: string;
  home: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Runs `node build/web.js --port 0` and resolves with the URL it prints. */
export async function startWebServer(opts: { home?: string; env?: Record<string, string> } = {}): Promise<WebServer> {
  const script = join(ROOT, 'build', 'web.js');
  if (!existsSync(script)) throw new Error('build/web.js is missing: run `npm run build` first');
  const ownHome = !opts.home;
  const home = opts.home ?? mkdtempSync(join(tmpdir(), 'duizhao-e2e-'));
  const child = spawn(process.execPath, [script, '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, DUIZHAO_HOME: home, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`web mode did not start in 30 s\n${stderr}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /Duizhao 网页模式：(http:\/\/127\.0\.0\.1:\d+\/\?k=[\w-]+)/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web mode exited with ${code}\n${stderr}`));
    });
  });
  return {
    url,
    home,
    process: child,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((r) => child.once('exit', () => r()));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
      if (ownHome) rmSync(home, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk (or set CHROMIUM_PATH)`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface TestApp {
  server: WebServer;
  browser: Browser;
  context: BrowserContext;
  /** Opens a new page at the app's URL plus `hash` (e.g. '#/reader/zhejiang-2023@0/27'). */
  open(hash?: string): Promise<Page>;
  /** Page errors and console errors seen so far (a test can assert there were none). */
  errors: string[];
  close(): Promise<void>;
}

/** `home`: a DUIZHAO_HOME prepared by the test (e.g. documents imported with the CLI); the test removes it. */
export async function startApp(opts: { viewport?: { width: number; height: number }; home?: string } = {}): Promise<TestApp> {
  const server = await startWebServer(opts.home ? { home: opts.home } : {});
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1400, height: 900 }, locale: 'zh-CN' });
    const errors: string[] = [];
    const b = browser;
    return {
      server,
      browser: b,
      context,
      errors,
      async open(hash = '') {
        const page = await context.newPage();
        page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
        page.on('console', (m) => {
          if (m.type() === 'error') errors.push(`console: ${m.text()}`);
        });
        await page.goto(server.url + hash);
        return page;
      },
      async close() {
        await b.close().catch(() => undefined);
        await server.stop();
      },
    };
  } catch (e) {
    await browser?.close().catch(() => undefined);
    await server.stop();
    throw e;
  }
}
