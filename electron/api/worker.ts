/**
 * ApiHandlers that run in the engine worker (engine-worker.ts). The IPC and HTTP adapters take any
 * ApiHandlers, so they serve these exactly as they would serve in-thread handlers, while the thread that
 * talks to the UI stays free.
 *
 * The protocol, one message each way per event:
 *   → worker  { type: 'call', id, method, req, progress }   a call; `progress`: send its progress events
 *   → worker  { type: 'stop', id, code, seconds? }           cancel it (code 'cancelled') or time it out ('timeout')
 *   ← worker  { type: 'progress', id, progress }             a stage began (app/job.ts)
 *   ← worker  { type: 'result', id, result }                 the ApiResult envelope; the call is over
 * A file's bytes (`req.data`, a Uint8Array) are transferred, not copied, when they own their buffer.
 *
 * Each call has a time limit (contract.ts TIME_LIMITS). A call that is cancelled or runs out of time is
 * told to stop; the use-cases stop at their next stage. One that does not answer within STOP_GRACE_MS —
 * stuck in a long computation with no stage to stop at — is stopped for good: the worker is terminated
 * (the calls it was running end with an error saying so) and started again for the next call. A crashed
 * worker fails its pending calls and is restarted on the next call.
 */
import { Worker } from 'node:worker_threads';
import { DuizhaoError, fail, say } from '../engine/model';
import type { LibraryOptions } from '../app';
import { API_METHODS, TIME_LIMITS, type ApiHandlers, type ApiMethod, type ApiResult, type CallContext, type Progress } from './contract';

/** main → worker */
export type ToWorker =
  | { type: 'call'; id: number; method: ApiMethod; req: unknown; progress: boolean }
  | { type: 'stop'; id: number; code: 'cancelled' | 'timeout'; seconds?: number };

/** worker → main */
export type FromWorker = { type: 'progress'; id: number; progress: Progress } | { type: 'result'; id: number; result: ApiResult<unknown> };

/** How long a stopped call may take to reach its next stage before the worker is terminated. */
export const STOP_GRACE_MS = 3_000;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  ctx: CallContext;
  timer: NodeJS.Timeout;
  /** Set once the call was told to stop: the error it ends with if the worker must be terminated. */
  stopping?: { error: DuizhaoError; timer: NodeJS.Timeout };
  detach: () => void;
}

export interface WorkerHandlers {
  handlers: ApiHandlers;
  close(): Promise<void>;
}

export interface WorkerOptions {
  /** Time limits per method (tests shorten them); default TIME_LIMITS. */
  timeLimits?: Partial<Record<ApiMethod, number>>;
  stopGraceMs?: number;
}

/** The bytes of the files in the request, when they can be handed over whole (each owns its buffer). */
function transferable(req: unknown): ArrayBuffer[] {
  const owns = (data: unknown): data is Uint8Array & { buffer: ArrayBuffer } =>
    data instanceof Uint8Array && data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && data.buffer instanceof ArrayBuffer;
  const r = req as { data?: unknown; files?: unknown } | null;
  const out = new Set<ArrayBuffer>();
  if (owns(r?.data)) out.add(r.data.buffer);
  // Several files (importMany): those that share one buffer (views of an HTTP body) are copied instead.
  if (Array.isArray(r?.files)) {
    for (const f of r.files as Array<{ data?: unknown } | null>) if (owns(f?.data)) out.add(f.data.buffer);
  }
  return [...out];
}

/**
 * Longer grace for a stopped bulk import: it ends between documents and answers what went in, once the
 * files already being read (several at a time, on its own threads) are done.
 */
const STOP_GRACE_FOR: Partial<Record<ApiMethod, number>> = { importMany: 30_000 };

/** `options`: where the library lives (default: the worker finds the corpus and $DUIZHAO_HOME itself). */
export function createWorkerHandlers(workerFile: string, options?: LibraryOptions, tuning: WorkerOptions = {}): WorkerHandlers {
  const limits = { ...TIME_LIMITS, ...tuning.timeLimits };
  const grace = tuning.stopGraceMs ?? STOP_GRACE_MS;
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const settle = (id: number): Pending | undefined => {
    const p = pending.get(id);
    if (!p) return undefined;
    pending.delete(id);
    clearTimeout(p.timer);
    if (p.stopping) clearTimeout(p.stopping.timer);
    p.detach();
    return p;
  };

  const failAll = (error: (p: Pending) => DuizhaoError): void => {
    for (const id of [...pending.keys()]) {
      const p = settle(id)!;
      p.reject(error(p));
    }
  };

  const start = (): Worker => {
    const w = new Worker(workerFile, { workerData: options ?? null });
    w.on('message', (msg: FromWorker) => {
      if (msg.type === 'progress') {
        pending.get(msg.id)?.ctx.onProgress?.(msg.progress);
        return;
      }
      const p = settle(msg.id);
      if (!p) return;
      if (msg.result.ok) p.resolve(msg.result.value);
      else p.reject(new DuizhaoError(msg.result.error.code, msg.result.error.message, msg.result.error.reason ? { reason: msg.result.error.reason } : {}));
    });
    w.on('error', (e: unknown) => {
      if (worker !== w) return;
      worker = null;
      failAll(() => new DuizhaoError('internal', say('engine.stopped', { detail: e instanceof Error ? e.message : String(e) }), { reason: 'engine.stopped' }));
    });
    w.on('exit', (code) => {
      if (worker !== w) return;
      worker = null;
      if (code !== 0) failAll(() => new DuizhaoError('internal', say('engine.exited', { code }), { reason: 'engine.exited' }));
    });
    return w;
  };
  worker = start();

  /** The worker did not stop a call in time: end it (and everything else it was running) and start afresh. */
  const restart = (): void => {
    const w = worker;
    worker = null;
    failAll((p) => p.stopping?.error ?? fail('internal', 'engine.restarted'));
    if (w) void w.terminate();
  };

  const stop = (id: number, method: ApiMethod, error: DuizhaoError, code: 'cancelled' | 'timeout', seconds?: number): void => {
    const p = pending.get(id);
    if (!p || p.stopping || !worker) return;
    p.stopping = { error, timer: setTimeout(restart, tuning.stopGraceMs ?? STOP_GRACE_FOR[method] ?? grace) };
    p.stopping.timer.unref?.();
    const msg: ToWorker = { type: 'stop', id, code, ...(seconds !== undefined ? { seconds } : {}) };
    worker.postMessage(msg);
  };

  const call = (method: ApiMethod, req: unknown, ctx: CallContext = {}): Promise<unknown> =>
    new Promise((resolve, reject) => {
      if (ctx.signal?.aborted) {
        reject(fail('cancelled', 'job.cancelled'));
        return;
      }
      worker ??= start();
      const id = nextId++;
      const limit = limits[method];
      const seconds = Math.round(limit / 1000);
      const timer = setTimeout(() => stop(id, method, fail('timeout', 'job.timeout', { seconds }), 'timeout', seconds), limit);
      timer.unref?.();
      const onAbort = (): void => stop(id, method, fail('cancelled', 'job.cancelled'), 'cancelled');
      ctx.signal?.addEventListener('abort', onAbort, { once: true });
      pending.set(id, { resolve, reject, ctx, timer, detach: () => ctx.signal?.removeEventListener('abort', onAbort) });
      const msg: ToWorker = { type: 'call', id, method, req, progress: ctx.onProgress !== undefined };
      worker.postMessage(msg, transferable(req));
    });

  const handlers = Object.fromEntries(API_METHODS.map((m) => [m, (req: unknown, ctx?: CallContext) => call(m, req, ctx)])) as unknown as ApiHandlers;
  return {
    handlers,
    async close() {
      const w = worker;
      worker = null;
      failAll(() => new DuizhaoError('internal', say('engine.closed'), { reason: 'engine.closed' }));
      if (w) await w.terminate();
    },
  };
}
