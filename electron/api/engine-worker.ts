/**
 * The engine's thread. Parsing, segmentation, indexing, comparison and alignment take from milliseconds
 * to seconds; run on the thread that serves the UI (Electron's main process, the web server) they would
 * freeze it. This worker owns the application layer and the handler table; worker.ts forwards calls to it
 * and explains the protocol (calls, progress, stops).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openApp, type LibraryOptions } from '../app';
import { fail, isDuizhaoError, say } from '../engine/model';
import type { CallContext } from './contract';
import { callHandler, createHandlers } from './handlers';
import type { FromWorker, ToWorker } from './worker';

const port = parentPort;
if (!port) throw new Error('engine-worker.ts must run as a worker thread');

const app = openApp((workerData as LibraryOptions | null) ?? undefined);
const handlers = createHandlers(app);

/** Calls being answered (their stop switches), and when the last one arrived: warm-up waits for a quiet moment. */
const running = new Map<number, AbortController>();
let lastCallAt = Date.now();
const QUIET_MS = 1000;

const send = (msg: FromWorker): void => port.postMessage(msg);

port.on('message', (msg: ToWorker) => {
  if (msg.type === 'stop') {
    const reason = msg.code === 'timeout' ? fail('timeout', 'job.timeout', { seconds: msg.seconds ?? 0 }) : fail('cancelled', 'job.cancelled');
    running.get(msg.id)?.abort(reason);
    return;
  }
  lastCallAt = Date.now();
  const controller = new AbortController();
  running.set(msg.id, controller);
  const ctx: CallContext = { signal: controller.signal };
  if (msg.progress) ctx.onProgress = (progress) => send({ type: 'progress', id: msg.id, progress });
  void callHandler(handlers, msg.method, msg.req, ctx).then((result) => {
    running.delete(msg.id);
    send({ type: 'result', id: msg.id, result });
  });
});

// The corpus parses in milliseconds: do it now. The segmenter's dictionaries take a second or two and
// block this thread while they load, so they wait until the first screens (library list, reader) have
// been answered and the engine has been quiet for a moment; a search arriving earlier loads them itself.
function warmUp(): void {
  if (running.size > 0 || Date.now() - lastCallAt < QUIET_MS) {
    setTimeout(warmUp, 250).unref();
    return;
  }
  try {
    // The dictionaries, then the search index (from its cache, or built).
    app.warmUp(0);
  } catch (e) {
    // A broken warm-up is reported by the first call that needs the piece; say it once here too.
    process.stderr.write(`duizhao: ${say('engine.warm_up_failed', { detail: isDuizhaoError(e) || e instanceof Error ? e.message : String(e) })}\n`);
  }
}
try {
  app.documents.list();
} catch {
  // Reported to the first call that lists the documents.
}
setTimeout(warmUp, QUIET_MS).unref();
