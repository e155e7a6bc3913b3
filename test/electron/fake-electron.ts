/**
 * A stand-in for the `electron` module, for loading the built main process and preload without the
 * Electron binary (it cannot be downloaded here). It implements only what the shell calls, and records
 * what the shell does with it: the windows made and their options, IPC handlers, the menu template,
 * dialogs shown, what the preload exposes. Events the runtime would fire (ready, navigation, downloads…)
 * are fired by the tests through the recorded emitters.
 *
 * `loadWithFakeElectron(file, fake)` requires a built CommonJS bundle with `require('electron')` answered by
 * the fake.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export interface NavigationEvent {
  url: string;
  prevented: boolean;
  preventDefault(): void;
}

export function navigationEvent(url: string): NavigationEvent {
  return {
    url,
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };
type BeforeRequest = (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void;

export class FakeSession extends EventEmitter {
  permissionRequestHandler: ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
  permissionCheckHandler: ((wc: unknown, permission: string) => boolean) | null = null;
  beforeRequest: BeforeRequest | null = null;
  readonly webRequest = {
    onBeforeRequest: (listener: BeforeRequest) => {
      this.beforeRequest = listener;
    },
  };
  constructor(readonly partition: string) {
    super();
  }
  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']): void {
    this.permissionCheckHandler = handler;
  }
}

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: WindowOpenHandler | null = null;
  /** Messages sent to the page (webContents.send). */
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  readonly printed: Array<Record<string, unknown>> = [];
  constructor(
    readonly session: FakeSession,
    private readonly fake: FakeElectron,
  ) {
    super();
  }
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  async printToPDF(options: Record<string, unknown>): Promise<Buffer> {
    this.printed.push(options);
    return Buffer.from(this.fake.pdfBytes);
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents: FakeWebContents;
  loadedUrl: string | null = null;
  /** For file: URLs, the file's text when it was loaded (a print window's file is deleted afterwards). */
  loadedText: string | null = null;
  destroyed = false;
  shown = false;
  constructor(
    readonly options: { show?: boolean; webPreferences?: Record<string, unknown> } & Record<string, unknown>,
    fake: FakeElectron,
  ) {
    super();
    const partition = options.webPreferences?.partition;
    const session = typeof partition === 'string' ? new FakeSession(partition) : fake.session.defaultSession;
    this.webContents = new FakeWebContents(session, fake);
    fake.windows.push(this);
    // As in Electron: every new web contents is announced to the app.
    fake.app.emit('web-contents-created', {}, this.webContents);
  }
  static getAllWindows(): FakeBrowserWindow[] {
    return [];
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    if (url.startsWith('file:')) this.loadedText = readFileSync(fileURLToPath(url), 'utf8');
  }
  show(): void {
    this.shown = true;
  }
  destroy(): void {
    this.destroyed = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  focus(): void {}
}

export interface MenuItemTemplate {
  label?: string;
  role?: string;
  type?: string;
  accelerator?: string;
  click?: (item: unknown, win: unknown, event: unknown) => void;
  submenu?: MenuItemTemplate[];
}

export interface DialogCall {
  kind: 'open' | 'message' | 'error';
  options: Record<string, unknown>;
}

export interface FakeElectron {
  /** What `require('electron')` returns. */
  module: Record<string, unknown>;
  app: EventEmitter & {
    sandboxEnabled: boolean;
    quitCalled: boolean;
    exitCode: number | null;
    whenReady(): Promise<void>;
  };
  session: { defaultSession: FakeSession };
  windows: FakeBrowserWindow[];
  /** ipcMain.handle registrations, by channel. */
  ipcHandlers: Map<string, (event: unknown, ...args: unknown[]) => unknown>;
  menu: MenuItemTemplate[] | null;
  dialogs: DialogCall[];
  /** Answers for the next showOpenDialog calls, in order. */
  openDialogAnswers: Array<{ canceled: boolean; filePaths: string[] }>;
  openedExternally: string[];
  /** contextBridge.exposeInMainWorld, by key. */
  exposed: Map<string, unknown>;
  /** ipcRenderer.invoke calls; the answer comes from `invoke` (by default: nothing). */
  invoked: Array<{ channel: string; args: unknown[] }>;
  invoke: (channel: string, ...args: unknown[]) => Promise<unknown>;
  ipcRenderer: EventEmitter;
  /** What webContents.printToPDF answers. */
  pdfBytes: Uint8Array;
}

export interface FakeOptions {
  /** app.getAppPath(): the folder holding package.json, or resources/app.asar when packaged. */
  appPath: string;
  /** app.getPath(name); a missing name throws, as Electron does for unknown names. */
  paths?: Record<string, string>;
  singleInstance?: boolean;
}

export function createFakeElectron(opts: FakeOptions): FakeElectron {
  const app = Object.assign(new EventEmitter(), {
    sandboxEnabled: false,
    quitCalled: false,
    exitCode: null as number | null,
    whenReady: () => Promise.resolve(),
  });
  const fake: FakeElectron = {
    module: {},
    app,
    session: { defaultSession: new FakeSession('') },
    windows: [],
    ipcHandlers: new Map(),
    menu: null,
    dialogs: [],
    openDialogAnswers: [],
    openedExternally: [],
    exposed: new Map(),
    invoked: [],
    invoke: async () => undefined,
    ipcRenderer: new EventEmitter(),
    pdfBytes: new TextEncoder().encode('%PDF-1.7 stand-in\n%%EOF\n'),
  };

  const appApi = Object.assign(app, {
    enableSandbox: () => {
      app.sandboxEnabled = true;
    },
    requestSingleInstanceLock: () => opts.singleInstance ?? true,
    quit: () => {
      app.quitCalled = true;
    },
    exit: (code = 0) => {
      app.exitCode = code;
    },
    getAppPath: () => opts.appPath,
    getPath: (name: string) => {
      const p = opts.paths?.[name];
      if (!p) throw new Error(`Failed to get '${name}' path`);
      return p;
    },
    isPackaged: false,
  });

  class BrowserWindow extends FakeBrowserWindow {
    constructor(options: ConstructorParameters<typeof FakeBrowserWindow>[0]) {
      super(options, fake);
    }
    static override getAllWindows(): FakeBrowserWindow[] {
      return fake.windows.filter((w) => !w.destroyed);
    }
  }

  const ipcRenderer = Object.assign(fake.ipcRenderer, {
    invoke: (channel: string, ...args: unknown[]) => {
      fake.invoked.push({ channel, args });
      return fake.invoke(channel, ...args);
    },
  });

  fake.module = {
    app: appApi,
    BrowserWindow,
    session: fake.session,
    ipcMain: {
      handle(channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) {
        // Electron refuses a second handler for a channel.
        if (fake.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        fake.ipcHandlers.set(channel, handler);
      },
      removeHandler(channel: string) {
        fake.ipcHandlers.delete(channel);
      },
    },
    Menu: {
      buildFromTemplate: (template: MenuItemTemplate[]) => ({ template }),
      setApplicationMenu: (menu: { template: MenuItemTemplate[] } | null) => {
        fake.menu = menu?.template ?? null;
      },
    },
    dialog: {
      async showOpenDialog(_win: unknown, options: Record<string, unknown>) {
        fake.dialogs.push({ kind: 'open', options });
        return fake.openDialogAnswers.shift() ?? { canceled: true, filePaths: [] };
      },
      async showMessageBox(_win: unknown, options: Record<string, unknown>) {
        fake.dialogs.push({ kind: 'message', options });
        return { response: 0, checkboxChecked: false };
      },
      showErrorBox(title: string, content: string) {
        fake.dialogs.push({ kind: 'error', options: { title, content } });
      },
    },
    shell: {
      async openExternal(url: string) {
        fake.openedExternally.push(url);
      },
    },
    contextBridge: {
      exposeInMainWorld(key: string, api: unknown) {
        if (fake.exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
        fake.exposed.set(key, api);
      },
    },
    ipcRenderer,
  };
  return fake;
}

/**
 * Requires the CommonJS bundle `file` with `require('electron')` answered by `fake`. Returns every module
 * name the bundle itself required (a sandboxed preload may only require electron and a few builtins).
 */
export function loadWithFakeElectron(file: string, fake: FakeElectron): string[] {
  const required: string[] = [];
  const loader = Module as unknown as {
    _load(request: string, parent: { filename?: string } | undefined, isMain: boolean): unknown;
  };
  const load = loader._load;
  loader._load = function (request, parent, isMain) {
    if (parent?.filename === file) required.push(request);
    if (request === 'electron') return fake.module;
    return load.call(this, request, parent, isMain);
  };
  const require = createRequire(import.meta.url);
  try {
    delete require.cache[file];
    require(file);
  } finally {
    loader._load = load;
  }
  return required;
}
