/**
 * The built preload (build/electron/preload.js) with a stand-in `electron` module: what the page gets is
 * exactly the contract, one function per method bound to its own channel, and the menu bridge; nothing
 * generic the page could point at another channel.
 */
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS, MENU_IMPORT_CHANNEL, PROGRESS_CHANNEL, type MenuImportFile, type Progress } from '../../electron/api/contract';
import { createFakeElectron, loadWithFakeElectron, type FakeElectron } from './fake-electron';

const PRELOAD = join(resolve(__dirname, '..', '..'), 'build', 'electron', 'preload.js');

let fake: FakeElectron;
let required: string[];
let api: Record<string, (req?: unknown, options?: unknown) => Promise<unknown>>;

beforeAll(() => {
  fake = createFakeElectron({ appPath: '/nowhere' });
  fake.invoke = async (channel, req) => ({ ok: true, value: { channel, req } });
  required = loadWithFakeElectron(PRELOAD, fake);
  api = fake.exposed.get('duizhao') as typeof api;
});

describe('preload', () => {
  it('is self-contained: a sandboxed preload can require nothing but electron', () => {
    expect(required).toEqual(['electron']);
  });

  it('exposes two objects to the page: the API and the menu bridge', () => {
    expect([...fake.exposed.keys()].sort()).toEqual(['duizhao', 'duizhaoMenu']);
  });

  it('window.duizhao is exactly the contract: one frozen function per method, nothing else', () => {
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(api).sort()).toEqual([...API_METHODS].sort());
    for (const method of API_METHODS) expect(api[method], method).toBeTypeOf('function');
    // Nothing that would let the page choose a channel or reach ipcRenderer.
    expect(Object.values(api)).not.toContain(fake.module.ipcRenderer);
    for (const generic of ['invoke', 'send', 'on', 'ipcRenderer', 'call']) expect(api, generic).not.toHaveProperty(generic);
  });

  it('each method invokes its own channel with the request, and answers what the main process answers', async () => {
    fake.invoked.length = 0;
    for (const method of API_METHODS) {
      const req = { probe: method };
      expect(await api[method]!(req)).toEqual({ ok: true, value: { channel: `api:${method}`, req } });
    }
    expect(fake.invoked.map((c) => c.channel)).toEqual(API_METHODS.map((m) => `api:${m}`));
    // Each call carries exactly one argument: the request (an empty object when the page passes none).
    for (const call of fake.invoked) expect(call.args).toHaveLength(1);
    fake.invoked.length = 0;
    await api.listDocuments!();
    expect(fake.invoked).toEqual([{ channel: 'api:listDocuments', args: [{}] }]);
  });

  it('long work names its job: progress of that job, and of no other, reaches its listener while it runs', async () => {
    fake.invoked.length = 0;
    let finish: (v: unknown) => void = () => undefined;
    fake.invoke = (channel, req) => new Promise((resolve) => (finish = () => resolve({ ok: true, value: { channel, req } })));
    const seen: Progress[] = [];
    const data = new Uint8Array([1, 2, 3]);
    const call = api.importDocument!({ name: 'a.txt', data }, { job: 'job-7', onProgress: (p: Progress) => seen.push(p) } as never);
    expect(fake.invoked).toEqual([{ channel: 'api:importDocument', args: [{ name: 'a.txt', data }, { job: 'job-7' }] }]);
    const ipcEvent = { sender: fake.module.ipcRenderer, senderId: 0, ports: [] };
    const progress: Progress = { stage: 'read', message: '正在读取 a.txt' };
    fake.ipcRenderer.emit(PROGRESS_CHANNEL, ipcEvent, { job: 'job-7', progress });
    fake.ipcRenderer.emit(PROGRESS_CHANNEL, ipcEvent, { job: 'another', progress: { stage: 'parse', message: '正在解析 b.txt' } });
    expect(seen).toEqual([progress]);
    finish(undefined);
    await call;
    // Listened to only while a job runs.
    expect(fake.ipcRenderer.listenerCount(PROGRESS_CHANNEL)).toBe(0);
    fake.invoke = async (channel, req) => ({ ok: true, value: { channel, req } });
  });

  it('the menu bridge hands the page only the chosen file, and unsubscribes', () => {
    const menu = fake.exposed.get('duizhaoMenu') as { onImportFile(listener: (f: MenuImportFile) => void): () => void };
    expect(Object.isFrozen(menu)).toBe(true);
    expect(Object.keys(menu)).toEqual(['onImportFile']);
    const received: unknown[][] = [];
    const off = menu.onImportFile((...args) => received.push(args));
    const data = new Uint8Array([0xe7, 0xac, 0xac]);
    const ipcEvent = { sender: fake.module.ipcRenderer, senderId: 0, ports: [] };
    fake.ipcRenderer.emit(MENU_IMPORT_CHANNEL, ipcEvent, { name: '第一条.txt', data, extra: 'dropped' });
    expect(received).toEqual([[{ name: '第一条.txt', data }]]);
    off();
    fake.ipcRenderer.emit(MENU_IMPORT_CHANNEL, ipcEvent, { name: '第二条.txt', data });
    expect(received).toHaveLength(1);
    expect(fake.ipcRenderer.listenerCount(MENU_IMPORT_CHANNEL)).toBe(0);
    // Other channels never reach the page.
    fake.ipcRenderer.emit('api:listDocuments', ipcEvent, { name: 'x', data });
    expect(received).toHaveLength(1);
  });
});
