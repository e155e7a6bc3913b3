/**
 * ApiHandlers that run in the engine worker (engine-worker.ts). The IPC and HTTP adapters take any
 * ApiHandlers, so they serve these exactly as they would serve in-thread handlers, while the thread
 * that talks to the UI stays free. A crashed worker fails its pending calls and is restarted on the
 * next call.
 */
import { Worker } from 'node:worker_threads';
import { DuizhaoError } from '../engine/model';
import type { LibraryOptions } from '../services/library';
import { API_METHODS, type ApiHandlers, type ApiMethod, type ApiResult } from './contract';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export interface WorkerHandlers {
  handlers: ApiHandlers;
  close(): Promise<void>;
}

export function createWorkerHandlers(workerFile: string, options: LibraryOptions): WorkerHandlers {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const failAll = (message: string): void => {
    for (const p of pending.values()) p.reject(new DuizhaoError('internal', message));
    pending.clear();
  };

  const start = (): Worker => {
    const w = new Worker(workerFile, { workerData: options });
    w.on('message', (msg: { id: number; result: ApiResult<unknown> }) => {
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (msg.result.ok) p.resolve(msg.result.value);
      else p.reject(new DuizhaoError(msg.result.error.code, msg.result.error.message));
    });
    w.on('error', (e: unknown) => {
      failAll(`引擎意外停止：${e instanceof Error ? e.message : String(e)}`);
      worker = null;
    });
    w.on('exit', (code) => {
      if (code !== 0) failAll(`引擎意外停止（退出码 ${code}），下一次操作时会自动重启。`);
      worker = null;
    });
    return w;
  };
  worker = start();

  const call = (method: ApiMethod, req: unknown): Promise<unknown> =>
    new Promise((resolve, reject) => {
      worker ??= start();
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, method, req });
    });

  const handlers = Object.fromEntries(API_METHODS.map((m) => [m, (req: unknown) => call(m, req)])) as unknown as ApiHandlers;
  return {
    handlers,
    async close() {
      const w = worker;
      worker = null;
      failAll('引擎已关闭。');
      if (w) await w.terminate();
    },
  };
}
