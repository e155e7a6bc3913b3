/**
 * The engine's thread. Parsing, segmentation, indexing, comparison and alignment take from milliseconds
 * to seconds; run on the thread that serves the UI (Electron's main process, the web server) they would
 * freeze it. This worker owns the Library and the handler table; worker.ts forwards calls to it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isDuizhaoError, say } from '../engine/model';
import { getSegmenter } from '../engine/segment';
import { Library, type LibraryOptions } from '../services/library';
import { callHandler, createHandlers } from './handlers';
import { warmUpSearch } from './search-handlers';
import type { ApiMethod } from './contract';

export interface WorkerCall {
  id: number;
  method: ApiMethod;
  req: unknown;
}

const port = parentPort;
if (!port) throw new Error('engine-worker.ts must run as a worker thread');

const library = new Library(workerData as LibraryOptions);
const handlers = createHandlers(library);

/** Calls being answered, and when the last one arrived: warm-up waits for a quiet moment. */
let inFlight = 0;
let lastCallAt = Date.now();
const QUIET_MS = 1000;

port.on('message', (call: WorkerCall) => {
  inFlight++;
  lastCallAt = Date.now();
  void callHandler(handlers, call.method, call.req).then((result) => {
    inFlight--;
    port.postMessage({ id: call.id, result });
  });
});

// The corpus parses in milliseconds: do it now. The segmenter's dictionaries take a second or two and
// block this thread while they load, so they wait until the first screens (library list, reader) have
// been answered and the engine has been quiet for a moment; a search arriving earlier loads them itself.
function warmUp(): void {
  if (inFlight > 0 || Date.now() - lastCallAt < QUIET_MS) {
    setTimeout(warmUp, 250).unref();
    return;
  }
  try {
    getSegmenter();
    // Then the search index (from its cache, or built).
    warmUpSearch(library, 0);
  } catch (e) {
    // A broken warm-up is reported by the first call that needs the piece; say it once here too.
    process.stderr.write(`duizhao: ${say('engine.warm_up_failed', { detail: isDuizhaoError(e) || e instanceof Error ? e.message : String(e) })}\n`);
  }
}
try {
  library.list();
} catch {
  // Reported to the first call that lists the documents.
}
setTimeout(warmUp, QUIET_MS).unref();
