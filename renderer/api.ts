/**
 * The only module that talks to the backend. In Electron the sandboxed preload exposes `window.duizhao`
 * (one named function per contract method); in the web mode the same calls go to `POST /api/<method>`.
 * Both answer the contract's `ApiResult` envelope; `call` unwraps it and throws `ApiCallError`.
 *
 * Two ways to call:
 * - `call(method, req)`: a request, its answer. Reading calls (lists, documents, comparisons, search…)
 *   that are already on their way are shared rather than sent twice, so a page that asks for the same
 *   thing from several places sends one request.
 * - `startJob(method, req, { onProgress })`: long work (an import, an export) as a `Job` — its promise,
 *   progress events and `cancel()`. A file (`data`) is sent as bytes, never as base64: in the web mode
 *   the browser streams the File itself as the request body (the page never reads it, so a 50 MB file does
 *   not hold up the page) with upload progress; in the desktop app it is read in slices, with progress,
 *   and handed to the main process as a Uint8Array. The backend's progress comes back as NDJSON lines of
 *   the response (web) or as IPC events (desktop); cancelling aborts the request (web) or calls `cancel`.
 *
 * No floods: at most MAX_IN_FLIGHT calls are on their way at once (the rest wait their turn); a reading
 * call that fails on the way (no connection, the browser out of resources) is tried again after a pause
 * that grows (BACKOFF_MS); when it still fails, the page checks whether the local service answers at all
 * and says so plainly: down (Duizhao stopped), or the request did not get through.
 */
import { say } from '../electron/engine/model/messages';
import type { ApiClient, ApiError, ApiMethod, ApiRequest, ApiResponse, ApiResult, CallOptions, CollectionFile, ImportFile, Progress } from '../electron/api/contract';

declare global {
  interface Window {
    duizhao?: ApiClient;
  }
}

/** Calls on their way at once (a browser allows 6 connections per host; one stays free for the page itself). */
export const MAX_IN_FLIGHT = 5;
/** Pauses before the retries of a reading call that did not get through. */
export const BACKOFF_MS = [250, 1000, 3000];

/** Calls that only read: safe to share while in flight and to send again. */
const READING = new Set<ApiMethod>(['listDocuments', 'getDocument', 'align', 'counterparts', 'similar', 'alignDiff', 'listAnnotations', 'compare', 'display', 'history', 'search', 'decision', 'refs']);

/**
 * Web mode: the server's session key arrives once in the address (`?k=…`); it is kept for this tab and
 * taken out of the address bar, and every call sends it back (electron/api/http.ts explains why).
 */
function sessionKey(): string {
  const KEY = 'duizhao-key';
  const fromUrl = new URLSearchParams(window.location.search).get('k');
  if (fromUrl) {
    sessionStorage.setItem(KEY, fromUrl);
    window.history.replaceState(null, '', window.location.pathname + window.location.hash);
  }
  return sessionStorage.getItem(KEY) ?? '';
}

const desktop = typeof window !== 'undefined' && window.duizhao ? window.duizhao : null;
const key = typeof window !== 'undefined' && !desktop ? sessionKey() : '';

/** 'desktop' under Electron, 'web' in the browser. */
export const apiMode: 'desktop' | 'web' = desktop ? 'desktop' : 'web';

export class ApiCallError extends Error {
  readonly code: ApiError['code'];
  readonly reason?: string;
  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
    if (error.reason) this.reason = error.reason;
  }
}

/** A call that never reached the service (no answer at all): tried again, then explained. */
class TransportError extends Error {}

const failure = (code: ApiError['code'], reason: Parameters<typeof say>[0], message: string): ApiResult<never> => ({ ok: false, error: { code, message, reason } });

// ---- the cap --------------------------------------------------------------------------------------------

let inFlight = 0;
const waiting: Array<() => void> = [];

async function withSlot<T>(work: () => Promise<T>): Promise<T> {
  if (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => waiting.push(resolve));
  inFlight++;
  try {
    return await work();
  } finally {
    inFlight--;
    waiting.shift()?.();
  }
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ---- web transport ----------------------------------------------------------------------------------------

async function post(method: ApiMethod, req: unknown): Promise<ApiResult<unknown>> {
  let res: Response;
  try {
    res = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Duizhao-Key': key },
      body: JSON.stringify(req ?? {}),
    });
  } catch {
    throw new TransportError();
  }
  try {
    const body = (await res.json()) as ApiResult<unknown>;
    if (body && typeof body === 'object' && 'ok' in body) return body;
  } catch {
    // fall through
  }
  return failure('internal', 'client.bad_answer', say('client.bad_answer', { status: res.status }));
}

/** Whether the local service answers at all (its page is served by the same server). */
async function serviceAnswers(): Promise<boolean> {
  if (desktop) return true;
  try {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 3000);
    const res = await fetch('/', { method: 'HEAD', cache: 'no-store', signal: controller.signal });
    clearTimeout(timer);
    return res.ok;
  } catch {
    return false;
  }
}

/** The call over the transport of this mode; a failure on the way is a TransportError. */
async function send(method: ApiMethod, req: unknown): Promise<ApiResult<unknown>> {
  if (!desktop) return post(method, req);
  try {
    return await (desktop[method] as (r: unknown) => Promise<ApiResult<unknown>>)(req);
  } catch {
    throw new TransportError();
  }
}

/** One call with the cap; a reading call is tried again after a pause when it did not get through. */
async function deliver(method: ApiMethod, req: unknown): Promise<ApiResult<unknown>> {
  const retries = READING.has(method) ? BACKOFF_MS : [];
  for (let attempt = 0; ; attempt++) {
    try {
      const result = await withSlot(() => send(method, req));
      // The engine was restarted under this call (another call would not stop): a reading call is simply asked again.
      if (!result.ok && result.error.reason === 'engine.restarted' && attempt < retries.length) {
        await pause(retries[attempt]!);
        continue;
      }
      return result;
    } catch (e) {
      if (!(e instanceof TransportError)) throw e;
      if (attempt < retries.length) {
        await pause(retries[attempt]!);
        continue;
      }
      return (await serviceAnswers())
        ? failure('internal', 'client.request_failed', say('client.request_failed'))
        : failure('internal', 'client.service_down', say('client.service_down'));
    }
  }
}

const shared = new Map<string, Promise<ApiResult<unknown>>>();

/** The raw client: every method answers the envelope and never throws. */
export async function request<M extends ApiMethod>(method: M, req: ApiRequest<M>): Promise<ApiResult<ApiResponse<M>>> {
  if (!READING.has(method)) return (await deliver(method, req)) as ApiResult<ApiResponse<M>>;
  const id = `${method}\u0000${JSON.stringify(req ?? {})}`;
  let pending = shared.get(id);
  if (!pending) {
    pending = deliver(method, req).finally(() => shared.delete(id));
    shared.set(id, pending);
  }
  return (await pending) as ApiResult<ApiResponse<M>>;
}

/** Calls a method and returns its value, or throws ApiCallError with the backend's sentence. */
export async function call<M extends ApiMethod>(method: M, req: ApiRequest<M>): Promise<ApiResponse<M>> {
  const result = await request(method, req);
  if (!result.ok) throw new ApiCallError(result.error);
  return result.value;
}

// ---- jobs -------------------------------------------------------------------------------------------------

/** Long work under way: its outcome, and a way to stop it. */
export interface Job<T> {
  readonly id: string;
  readonly promise: Promise<T>;
  /** Stops the job: the promise rejects with a `cancelled` ApiCallError at once; the backend stops at its next stage. */
  cancel(): void;
}

/** A file of a collection as the page has it (a File or Blob), or as bytes. */
export interface PageCollectionFile {
  path: string;
  data: Blob | Uint8Array;
}

/** A request whose files may be given as the page has them (Files or Blobs), not only as bytes. */
export type PageRequest<M extends ApiMethod> = ApiRequest<M> extends ImportFile
  ? Omit<ApiRequest<M>, 'data'> & { data: Blob | Uint8Array }
  : ApiRequest<M> extends { files: CollectionFile[] }
    ? Omit<ApiRequest<M>, 'files'> & { files: PageCollectionFile[] }
    : ApiRequest<M>;

export interface JobOptions {
  onProgress?: (progress: Progress) => void;
  /**
   * `cancel()` asks the backend to stop and the job ends with the backend's answer (a bulk import answers
   * what went in before the stop), instead of ending at once with a `cancelled` error. Until the request
   * has reached the backend (its files still on their way) it is dropped at once all the same.
   */
  answerWhenStopped?: boolean;
}

/** The size of a file the page holds. */
const sizeOf = (data: Blob | Uint8Array): number => (data instanceof Blob ? data.size : data.byteLength);

const newJobId = (): string =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `job-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/** Reads a Blob into bytes in slices, reporting each (the reading itself happens off the page's thread). */
async function readBlob(blob: Blob, report: (done: number) => void, stopped: () => boolean): Promise<Uint8Array> {
  const SLICE = 4 * 1024 * 1024;
  const bytes = new Uint8Array(blob.size);
  for (let at = 0; at < blob.size; at += SLICE) {
    if (stopped()) break;
    bytes.set(new Uint8Array(await blob.slice(at, at + SLICE).arrayBuffer()), at);
    report(Math.min(blob.size, at + SLICE));
  }
  return bytes;
}

/** Several files (contract.ts MULTI_FILE_METHODS), when the request has them. */
function filesOf(req: Record<string, unknown>): PageCollectionFile[] | null {
  const files = req.files;
  return Array.isArray(files) && files.every((f: PageCollectionFile) => f && typeof f.path === 'string' && (f.data instanceof Blob || f.data instanceof Uint8Array)) ? (files as PageCollectionFile[]) : null;
}

/**
 * The body of a call with several files: the request as JSON on the first line, each file's size in place
 * of its bytes, then the files one after another. A Blob of the page's Files: the browser streams them.
 */
function filesBody(req: Record<string, unknown>, files: PageCollectionFile[]): Blob {
  const head = JSON.stringify({ ...req, files: files.map((f) => ({ path: f.path, size: sizeOf(f.data) })) });
  return new Blob([head + '\n', ...files.map((f) => (f.data instanceof Blob ? f.data : new Blob([f.data as Uint8Array<ArrayBuffer>])))]);
}

/** Web mode: the call as one XMLHttpRequest (upload progress for a file, NDJSON progress lines back). */
function xhrJob(
  method: ApiMethod,
  req: Record<string, unknown>,
  id: string,
  onProgress: JobOptions['onProgress'],
  abort: AbortSignal,
  onSent: () => void,
): Promise<ApiResult<unknown>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const several = filesOf(req);
    const file = several ? filesBody(req, several) : req.data instanceof Blob || req.data instanceof Uint8Array ? req.data : null;
    const rest = file && !several ? Object.fromEntries(Object.entries(req).filter(([k]) => k !== 'data')) : req;
    const url = file && !several ? `/api/${method}?req=${encodeURIComponent(JSON.stringify(rest))}` : `/api/${method}`;
    xhr.open('POST', url);
    xhr.setRequestHeader('Content-Type', file ? 'application/octet-stream' : 'application/json');
    xhr.setRequestHeader('X-Duizhao-Key', key);
    xhr.setRequestHeader('X-Duizhao-Job', id);
    xhr.setRequestHeader('Accept', 'application/x-ndjson');
    let read = 0;
    let result: ApiResult<unknown> | null = null;
    const drain = (all: boolean): void => {
      const text = xhr.responseText;
      for (;;) {
        const end = text.indexOf('\n', read);
        if (end < 0) break;
        line(text.slice(read, end));
        read = end + 1;
      }
      if (all && read < text.length) line(text.slice(read));
    };
    const line = (raw: string): void => {
      if (!raw.trim()) return;
      try {
        const msg = JSON.parse(raw) as { progress?: Progress } & Partial<ApiResult<unknown>>;
        if (msg.progress) onProgress?.(msg.progress);
        else if ('ok' in msg) result = msg as ApiResult<unknown>;
      } catch {
        // A line that is not JSON: the answer is judged as a whole below.
      }
    };
    if (file && onProgress) {
      const name = several ? say('progress.files', { n: several.length }) : typeof req.name === 'string' ? req.name : '';
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) onProgress({ stage: 'upload', message: say('progress.upload', { name }), done: e.loaded, total: e.total });
      };
    }
    // The whole request is with the backend: from now on a stop can be asked of it.
    xhr.upload.onload = () => onSent();
    xhr.onprogress = () => drain(false);
    xhr.onload = () => {
      drain(true);
      if (!result) {
        // Refused before the call began (a plain JSON answer, e.g. 413 or 415).
        try {
          const body = JSON.parse(xhr.responseText) as ApiResult<unknown>;
          if (body && typeof body === 'object' && 'ok' in body) result = body;
        } catch {
          // below
        }
      }
      resolve(result ?? failure('internal', 'client.bad_answer', say('client.bad_answer', { status: xhr.status })));
    };
    xhr.onerror = () => reject(new TransportError());
    xhr.onabort = () => resolve(failure('cancelled', 'job.cancelled', say('job.cancelled')));
    abort.addEventListener('abort', () => xhr.abort(), { once: true });
    if (!file) onSent();
    xhr.send(file instanceof Uint8Array ? new Blob([file as Uint8Array<ArrayBuffer>]) : (file ?? JSON.stringify(req ?? {})));
  });
}

/** Starts long work; its progress goes to `onProgress`. */
export function startJob<M extends ApiMethod>(method: M, req: PageRequest<M>, options: JobOptions = {}): Job<ApiResponse<M>> {
  const id = newJobId();
  const stop = new AbortController();
  let rejectNow: (e: Error) => void = () => undefined;
  const cancelled = new Promise<never>((_, reject) => (rejectNow = reject));
  cancelled.catch(() => undefined);
  // Whether the request has reached the backend (which can then be asked to stop and answer).
  let sent = false;
  let asked = false;

  const run = async (): Promise<ApiResponse<M>> => {
    const body = req as unknown as Record<string, unknown>;
    const result = await withSlot(async (): Promise<ApiResult<unknown>> => {
      if (!desktop) {
        try {
          return await xhrJob(method, body, id, options.onProgress, stop.signal, () => (sent = true));
        } catch {
          return (await serviceAnswers())
            ? failure('internal', 'client.request_failed', say('client.request_failed'))
            : failure('internal', 'client.service_down', say('client.service_down'));
        }
      }
      let outgoing = body;
      if (body.data instanceof Blob) {
        const blob = body.data;
        const name = typeof body.name === 'string' ? body.name : '';
        let data: Uint8Array;
        try {
          data = await readBlob(blob, (done) => options.onProgress?.({ stage: 'upload', message: say('progress.upload', { name }), done, total: blob.size }), () => stop.signal.aborted);
        } catch {
          return failure('bad_request', 'client.file_unreadable', say('client.file_unreadable', { name }));
        }
        if (stop.signal.aborted) return failure('cancelled', 'job.cancelled', say('job.cancelled'));
        outgoing = { ...body, data };
      }
      const several = filesOf(body);
      if (several) {
        // Each file read in slices off the page's thread, the progress over them all.
        const total = several.reduce((n, f) => n + sizeOf(f.data), 0);
        const name = say('progress.files', { n: several.length });
        const files: CollectionFile[] = [];
        let before = 0;
        for (const f of several) {
          if (stop.signal.aborted) return failure('cancelled', 'job.cancelled', say('job.cancelled'));
          try {
            const data = f.data instanceof Blob ? await readBlob(f.data, (done) => options.onProgress?.({ stage: 'upload', message: say('progress.upload', { name }), done: before + done, total }), () => stop.signal.aborted) : f.data;
            files.push({ path: f.path, data });
          } catch {
            return failure('bad_request', 'client.file_unreadable', say('client.file_unreadable', { name: f.path }));
          }
          before += sizeOf(f.data);
        }
        if (stop.signal.aborted) return failure('cancelled', 'job.cancelled', say('job.cancelled'));
        outgoing = { ...body, files };
      }
      const callOptions: CallOptions = { job: id, ...(options.onProgress ? { onProgress: options.onProgress } : {}) };
      sent = true;
      try {
        return await (desktop[method] as (r: unknown, o: CallOptions) => Promise<ApiResult<unknown>>)(outgoing, callOptions);
      } catch {
        return failure('internal', 'client.service_down', say('client.service_down'));
      }
    });
    if (!result.ok) throw new ApiCallError(result.error);
    return result.value as ApiResponse<M>;
  };

  let settled = false;
  const promise = Promise.race([run(), cancelled]);
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  return {
    id,
    promise,
    cancel() {
      if (stop.signal.aborted || asked) return;
      if (options.answerWhenStopped && sent) {
        // Asked, not dropped: the backend stops at its next document and its answer ends the job. The
        // request may have arrived a moment before its job began: asked again until it is known.
        asked = true;
        const ask = async (): Promise<void> => {
          for (let i = 0; i < 20 && !settled; i++) {
            const r = desktop ? await desktop.cancel({ job: id }).catch(() => null) : await request('cancel', { job: id });
            if (!r || !r.ok || r.value.cancelled) return;
            await pause(250);
          }
        };
        void ask();
        return;
      }
      stop.abort();
      rejectNow(new ApiCallError({ code: 'cancelled', message: say('job.cancelled'), reason: 'job.cancelled' }));
      // Desktop: tell the backend (the web mode's aborted request tells it by closing).
      if (desktop) void desktop.cancel({ job: id }).catch(() => undefined);
    },
  };
}
