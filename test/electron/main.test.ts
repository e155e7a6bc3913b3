/**
 * The built main process (build/electron/main.js) run against a stand-in `electron` module: the window's
 * security settings, navigation and new-window denial, permissions, the IPC handlers (one per contract
 * method, refusing other pages, answering through the real engine worker), the menu's 导入文档…, PDF
 * printing with printToPDF, and the save dialog of exports.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS, MAX_IMPORT_BYTES, MENU_IMPORT_CHANNEL, PROGRESS_CHANNEL, type ApiResult, type Progress } from '../../electron/api/contract';
import { CORPUS, SEEDS } from '../helpers/seeds';
import {
  createFakeElectron,
  loadWithFakeElectron,
  navigationEvent,
  type FakeBrowserWindow,
  type FakeElectron,
  type MenuItemTemplate,
} from './fake-electron';

const ROOT = resolve(__dirname, '..', '..');
const MAIN = join(ROOT, 'build', 'electron', 'main.js');
const PRELOAD = join(ROOT, 'build', 'electron', 'preload.js');
const INDEX = join(ROOT, 'build', 'renderer', 'index.html');
const APP_URL = pathToFileURL(INDEX).href;
const HAN = /\p{Script=Han}/u;

let fake: FakeElectron;
let home: string;
let win: FakeBrowserWindow;

/** Calls a registered IPC handler as the page (or another frame) would. */
async function call<T = unknown>(method: string, req: unknown, frameUrl: string | null = APP_URL): Promise<ApiResult<T>> {
  const handler = fake.ipcHandlers.get(`api:${method}`);
  if (!handler) throw new Error(`no handler for api:${method}`);
  const event = { senderFrame: frameUrl === null ? null : { url: frameUrl } };
  return (await handler(event, req)) as ApiResult<T>;
}

/** Lets the main process's promise chains (ready, dialogs, file reads) run. */
async function settle(until: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!until() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'duizhao-shell-'));
  process.env.DUIZHAO_HOME = home;
  fake = createFakeElectron({ appPath: ROOT, paths: { userData: join(home, 'unused') } });
  loadWithFakeElectron(MAIN, fake);
  await fake.app.whenReady();
  await settle(() => fake.windows.length > 0);
  win = fake.windows[0]!;
});

afterAll(() => {
  // Stops the engine worker, as Electron does when the app quits.
  fake?.app.emit('will-quit');
  delete process.env.DUIZHAO_HOME;
  rmSync(home, { recursive: true, force: true, maxRetries: 5 });
});

describe('the window', () => {
  it('is one sandboxed, context-isolated window without Node, showing the app page with the built preload', () => {
    expect(fake.app.sandboxEnabled).toBe(true);
    expect(fake.windows).toHaveLength(1);
    const prefs = win.options.webPreferences ?? {};
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.webSecurity).not.toBe(false);
    for (const risky of ['nodeIntegrationInWorker', 'nodeIntegrationInSubFrames', 'webviewTag', 'allowRunningInsecureContent', 'experimentalFeatures']) {
      expect(prefs[risky], risky).not.toBe(true);
    }
    expect(prefs.preload).toBe(PRELOAD);
    expect(existsSync(PRELOAD)).toBe(true);
    expect(win.loadedUrl).toBe(APP_URL);
    expect(existsSync(INDEX)).toBe(true);
    expect(HAN.test(String(win.options.title))).toBe(true);
  });

  it('is shown once its page is ready (no blank flash), and a second launch brings it forward', () => {
    expect(win.shown).toBe(false);
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);
    let focused = false;
    win.focus = () => (focused = true);
    fake.app.emit('second-instance', {}, [], ROOT);
    expect(focused).toBe(true);
  });

  it('stays on the app page: navigation and redirects elsewhere are prevented, its own routes are not', () => {
    for (const url of ['https://example.org/', 'file:///etc/passwd', 'http://127.0.0.1:8080/', 'javascript:alert(1)']) {
      for (const name of ['will-navigate', 'will-redirect']) {
        const event = navigationEvent(url);
        win.webContents.emit(name, event, url);
        expect(event.prevented, `${name} ${url}`).toBe(true);
      }
    }
    const own = navigationEvent(`${APP_URL}#/reader/zhejiang-2023@0/3`);
    win.webContents.emit('will-navigate', own, own.url);
    expect(own.prevented).toBe(false);
  });

  it('opens no new window; a web link goes to the system browser, anything else nowhere', () => {
    const open = win.webContents.windowOpenHandler!;
    expect(open).toBeTypeOf('function');
    for (const url of ['https://flk.npc.gov.cn/', 'file:///etc/passwd', APP_URL, 'javascript:alert(1)', 'about:blank']) {
      expect(open({ url }), url).toEqual({ action: 'deny' });
    }
    expect(fake.openedExternally).toEqual(['https://flk.npc.gov.cn/']);
  });

  it('any other web contents (a print window, anything unexpected) may neither navigate, open windows nor attach webviews', () => {
    const contents = new (fake.module.BrowserWindow as new (o: object) => FakeBrowserWindow)({ show: false }).webContents;
    expect(contents.windowOpenHandler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    const nav = navigationEvent('https://example.org/');
    contents.emit('will-navigate', nav, nav.url);
    expect(nav.prevented).toBe(true);
    const webview = navigationEvent('');
    contents.emit('will-attach-webview', webview, {}, {});
    expect(webview.prevented).toBe(true);
    fake.windows.pop();
  });

  it('grants no permission (camera, notifications, geolocation…)', () => {
    const session = fake.session.defaultSession;
    expect(session.permissionRequestHandler).toBeTypeOf('function');
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      let granted: boolean | undefined;
      session.permissionRequestHandler!(win.webContents, permission, (g) => (granted = g));
      expect(granted, permission).toBe(false);
      expect(session.permissionCheckHandler!(win.webContents, permission), permission).toBe(false);
    }
  });
});

describe('IPC', () => {
  it('registers one handler per contract method, and nothing else', () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(API_METHODS.map((m) => `api:${m}`).sort());
  });

  it('answers the page through the engine worker with the { ok, value } envelope', async () => {
    const manifest = JSON.parse(readFileSync(join(CORPUS, 'manifest.json'), 'utf8')) as { documents: Array<{ id: string }> };
    const res = await call<{ documents: Array<{ id: string; source: string }> }>('listDocuments', {});
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.value.documents.map((d) => d.id).sort()).toEqual(manifest.documents.map((d) => d.id).sort());
    // An engine error crosses as a value, in Chinese.
    const missing = await call('getDocument', { ref: 'no-such-document' });
    expect(missing.ok).toBe(false);
    if (!missing.ok) {
      expect(missing.error.code).toBe('not_found');
      expect(missing.error.message).toMatch(HAN);
    }
  });

  it('refuses calls from any other page, which never reach the engine', async () => {
    const file = { name: '湖南办法.txt', data: new Uint8Array(readFileSync(join(CORPUS, SEEDS['hunan-2020']))) };
    for (const frame of ['https://evil.example/', 'file:///tmp/other.html', 'about:blank', null]) {
      const res = await call('importDocument', file, frame);
      expect(res.ok, String(frame)).toBe(false);
      if (!res.ok) {
        expect(res.error.code).toBe('bad_request');
        expect(res.error.message).toMatch(HAN);
      }
    }
    const list = await call<{ documents: Array<{ source: string }> }>('listDocuments', {});
    expect(list.ok && list.value.documents.filter((d) => d.source === 'library')).toEqual([]);
  });

  it('a job named by the page reports its progress back on its own channel, and `cancel` stops it', async () => {
    const sent: Array<{ channel: string; message: { job: string; progress: Progress } }> = [];
    const sender = { isDestroyed: () => false, send: (channel: string, message: { job: string; progress: Progress }) => sent.push({ channel, message }) };
    const run = (method: string, req: unknown, job: string) => fake.ipcHandlers.get(`api:${method}`)!({ senderFrame: { url: APP_URL }, sender }, req, { job }) as Promise<ApiResult<unknown>>;
    const exported = await run('exportReport', { left: 'hunan-2020-review@1', right: 'hunan-2020', format: 'html' }, 'export-1');
    expect(exported.ok).toBe(true);
    expect(sent.map((s) => [s.channel, s.message.job, s.message.progress.stage])).toEqual([
      [PROGRESS_CHANNEL, 'export-1', 'compare'],
      [PROGRESS_CHANNEL, 'export-1', 'report'],
      [PROGRESS_CHANNEL, 'export-1', 'render'],
    ]);
    const history = run('history', { ref: 'zhejiang-2020-opinion', article: 3, chain: ['zhejiang-2020-opinion', 'zhejiang-2023', 'shenzhen-draft'] }, 'history-1');
    expect(await call('cancel', { job: 'history-1' })).toEqual({ ok: true, value: { job: 'history-1', cancelled: true } });
    expect(await history).toMatchObject({ ok: false, error: { code: 'cancelled', reason: 'job.cancelled' } });
  });

  it('the preload and the main process meet: window.duizhao.listDocuments() answers from the engine', async () => {
    const page = createFakeElectron({ appPath: ROOT });
    // The renderer's ipcRenderer.invoke reaches this main process's handler, from the app page.
    page.invoke = (channel, ...args) => {
      const handler = fake.ipcHandlers.get(channel);
      if (!handler) return Promise.reject(new Error(`No handler registered for '${channel}'`));
      return Promise.resolve(handler({ senderFrame: { url: APP_URL } }, ...args));
    };
    loadWithFakeElectron(PRELOAD, page);
    const api = page.exposed.get('duizhao') as Record<string, (req?: unknown) => Promise<ApiResult<{ documents: unknown[] }>>>;
    for (const method of API_METHODS) expect(fake.ipcHandlers.has(`api:${method}`), method).toBe(true);
    const res = await api.listDocuments!();
    expect(res.ok && res.value.documents.length).toBe(Object.keys(SEEDS).length);
  });
});

describe('PDF export', () => {
  it('prints the report HTML with printToPDF in a hidden sandboxed window and answers its bytes', async () => {
    const req = { left: 'hunan-2020-review@0', right: 'hunan-2020-review@1' };
    const html = await call<{ base64: string; filename: string }>('exportReport', { ...req, format: 'html' });
    expect(html.ok).toBe(true);
    if (!html.ok) return;
    const before = fake.windows.length;
    const pdf = await call<{ base64: string; filename: string; mime: string; bytes: number; rows: number }>('exportReport', { ...req, format: 'pdf' });
    expect(pdf.ok).toBe(true);
    if (!pdf.ok) return;

    expect(fake.windows).toHaveLength(before + 1);
    const printer = fake.windows[before]!;
    expect(printer.options.show).toBe(false);
    expect(printer.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false });
    // It printed exactly the report the HTML export gives (but for the minute it was made)…
    const undated = (report: string) => report.replace(/生成时间：[^　<]*/, '生成时间：');
    expect(undated(printer.loadedText!)).toBe(undated(Buffer.from(html.value.base64, 'base64').toString('utf8')));
    expect(printer.loadedText).toContain('修改对照稿');
    expect(printer.webContents.printed).toHaveLength(1);
    // …loading nothing but its own file, which is gone afterwards with the window.
    const beforeRequest = printer.webContents.session.beforeRequest!;
    const cancels = (url: string) => {
      let cancel: boolean | undefined;
      beforeRequest({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(cancels(printer.loadedUrl!)).toBe(false);
    expect(cancels('https://example.org/font.woff2')).toBe(true);
    expect(cancels('file:///etc/passwd')).toBe(true);
    expect(printer.destroyed).toBe(true);
    expect(existsSync(new URL(printer.loadedUrl!))).toBe(false);

    expect(pdf.value.mime).toBe('application/pdf');
    expect(pdf.value.filename).toBe(html.value.filename.replace(/\.html$/, '.pdf'));
    expect(Buffer.from(pdf.value.base64, 'base64')).toEqual(Buffer.from(fake.pdfBytes));
    expect(pdf.value.bytes).toBe(fake.pdfBytes.length);
    expect(pdf.value.rows).toBeGreaterThan(0);
  });

  it('prints the topic matrix the same way (alignExport)', async () => {
    const req = { refs: ['zhejiang-2023', 'hunan-2020'], sharedOnly: true };
    const html = await call<{ base64: string; filename: string }>('alignExport', { ...req, format: 'html' });
    expect(html.ok).toBe(true);
    if (!html.ok) return;
    const before = fake.windows.length;
    const pdf = await call<{ base64: string; filename: string; mime: string; rows: number; columns: string[] }>('alignExport', { ...req, format: 'pdf' });
    expect(pdf.ok).toBe(true);
    if (!pdf.ok) return;
    const printer = fake.windows[before]!;
    const undated = (page: string) => page.replace(/生成时间：[^<]*/g, '生成时间：');
    expect(undated(printer.loadedText!)).toBe(undated(Buffer.from(html.value.base64, 'base64').toString('utf8')));
    expect(printer.loadedText).toContain('主题对照表（浙江 2023、湖南 2021）');
    expect(pdf.value).toMatchObject({ mime: 'application/pdf', filename: '主题对照表（浙江 2023、湖南 2021）.pdf', columns: ['浙江 2023', '湖南 2021'] });
    expect(Buffer.from(pdf.value.base64, 'base64')).toEqual(Buffer.from(fake.pdfBytes));
  });

  it('a download of an export opens the save dialog in Chinese, filtered for its kind', () => {
    let options: { title?: string; defaultPath?: string; filters?: Array<{ name: string; extensions: string[] }> } | undefined;
    const item = {
      getFilename: () => '修改对照稿.pdf',
      setSaveDialogOptions: (o: typeof options) => (options = o),
    };
    fake.session.defaultSession.emit('will-download', {}, item, win.webContents);
    expect(options?.title).toMatch(HAN);
    expect(options?.defaultPath).toBe('修改对照稿.pdf');
    expect(options?.filters).toEqual([{ name: expect.stringMatching(HAN), extensions: ['pdf'] }]);
    const book = { getFilename: () => '主题对照表.xlsx', setSaveDialogOptions: (o: typeof options) => (options = o) };
    fake.session.defaultSession.emit('will-download', {}, book, win.webContents);
    expect(options?.filters).toEqual([{ name: expect.stringMatching(HAN), extensions: ['xlsx'] }]);
  });
});

describe('menu', () => {
  const items = (template: MenuItemTemplate[]): MenuItemTemplate[] => template.flatMap((i) => [i, ...items(i.submenu ?? [])]);
  const importItem = (): MenuItemTemplate => {
    const file = fake.menu!.find((m) => m.label === '文件');
    const item = file?.submenu?.find((m) => m.label === '导入文档…');
    if (!item?.click) throw new Error('文件 → 导入文档… not found');
    return item;
  };
  const sentFiles = () => win.webContents.sent.filter((s) => s.channel === MENU_IMPORT_CHANNEL);
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'duizhao-menu-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is in Chinese throughout', () => {
    expect(fake.menu).not.toBeNull();
    for (const item of items(fake.menu!)) {
      if (item.type === 'separator') continue;
      expect(item.label, JSON.stringify({ role: item.role })).toMatch(HAN);
    }
  });

  it('文件 → 导入文档… opens the file dialog and sends the chosen file to the page', async () => {
    const chosen = join(CORPUS, SEEDS['hunan-2020']);
    fake.openDialogAnswers.push({ canceled: false, filePaths: [chosen] });
    const dialogs = fake.dialogs.length;
    importItem().click!({}, win, {});
    await settle(() => sentFiles().length > 0);
    const open = fake.dialogs[dialogs]!;
    expect(open.kind).toBe('open');
    expect(open.options.title).toMatch(HAN);
    expect(open.options.properties).toEqual(['openFile']);
    const extensions = (open.options.filters as Array<{ name: string; extensions: string[] }>).flatMap((f) => {
      expect(f.name).toMatch(HAN);
      return f.extensions;
    });
    expect(extensions).toEqual(expect.arrayContaining(['docx', 'pdf', 'txt', 'html']));
    const [sent] = sentFiles();
    expect(sent!.args).toHaveLength(1);
    const file = sent!.args[0] as { name: string; data: Uint8Array };
    expect(file.name).toBe(SEEDS['hunan-2020']);
    expect(Buffer.from(file.data)).toEqual(readFileSync(chosen));
    win.webContents.sent.length = 0;
  });

  it('sends nothing when the dialog is cancelled, and refuses an oversized file with a Chinese message', async () => {
    fake.openDialogAnswers.push({ canceled: true, filePaths: [] });
    const dialogs = fake.dialogs.length;
    importItem().click!({}, win, {});
    await settle(() => fake.dialogs.length > dialogs);
    await new Promise((r) => setTimeout(r, 50));
    expect(sentFiles()).toEqual([]);

    // A sparse file: over the limit without writing 50 MB.
    const big = join(dir, '超大.txt');
    writeFileSync(big, '');
    truncateSync(big, MAX_IMPORT_BYTES + 1);
    fake.openDialogAnswers.push({ canceled: false, filePaths: [big] });
    importItem().click!({}, win, {});
    await settle(() => fake.dialogs.some((d) => d.kind === 'message'));
    const message = fake.dialogs.find((d) => d.kind === 'message')!;
    expect(message.options.message).toMatch(HAN);
    expect(message.options.message).toContain('超大.txt');
    expect(sentFiles()).toEqual([]);
  });

  it('an unreadable file is told in Chinese', async () => {
    const missing = join(dir, '已删除.txt');
    fake.openDialogAnswers.push({ canceled: false, filePaths: [missing] });
    const messages = fake.dialogs.filter((d) => d.kind === 'message').length;
    importItem().click!({}, win, {});
    await settle(() => fake.dialogs.filter((d) => d.kind === 'message').length > messages);
    const message = fake.dialogs.filter((d) => d.kind === 'message')[messages]!;
    expect(message.options.type).toBe('error');
    // The whole sentence in Chinese, not the system's English ("ENOENT: no such file or directory…").
    expect(String(message.options.message).replace('已删除.txt', '')).not.toMatch(/[A-Za-z]{3,}/);
    expect(message.options.message).toContain('已删除.txt');
    expect(sentFiles()).toEqual([]);
  });
});

describe('start-up', () => {
  it('a second instance hands over to the first and quits without a window or an engine', () => {
    const second = createFakeElectron({ appPath: ROOT, singleInstance: false });
    loadWithFakeElectron(MAIN, second);
    expect(second.app.quitCalled).toBe(true);
    expect(second.app.listenerCount('web-contents-created')).toBe(0);
    expect(second.windows).toEqual([]);
  });

  it('a failure at start-up is shown in a Chinese error box before the app exits', async () => {
    const saved = process.env.DUIZHAO_HOME;
    delete process.env.DUIZHAO_HOME;
    try {
      // No DUIZHAO_HOME and no user-data folder: app.getPath throws.
      const broken = createFakeElectron({ appPath: ROOT, paths: {} });
      loadWithFakeElectron(MAIN, broken);
      await settle(() => broken.app.exitCode !== null);
      expect(broken.app.exitCode).toBe(1);
      const box = broken.dialogs.find((d) => d.kind === 'error');
      expect(box?.options.title).toMatch(HAN);
      expect(box?.options.content).toMatch(HAN);
      expect(broken.windows).toEqual([]);
    } finally {
      process.env.DUIZHAO_HOME = saved;
    }
  });
});
