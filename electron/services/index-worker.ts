/**
 * A thread of a large search index build (build/index-worker.js, started by index-workers.ts): it loads its
 * own segmenter, analyses the document versions it is sent and builds segments of them, exactly as
 * search-cache.ts does on its own thread (same functions, same order, so the same bytes).
 *
 * Started with `workerData: { port, signal }`: messages come and go on `port` (the thread that started it
 * reads them synchronously while it waits), and every message sent, and every document analysed, adds 1
 * to `signal[0]` and wakes the waiting thread.
 *   in:  { type: 'doc', sources: ShardSource[] } | { type: 'flush' } | { type: 'end' }
 *   out: { type: 'segment', bytes: Uint8Array } (the buffer transferred) per flush, in order
 *        | { type: 'error', message }
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { analyseSource, buildSegment, TermMemo, type AnalysedSource, type ShardSource } from '../engine/index';
import { getSegmenter, type Segmenter } from '../engine/segment';

export type IndexWorkerRequest = { type: 'doc'; sources: ShardSource[] } | { type: 'flush' } | { type: 'end' };
export type IndexWorkerReply = { type: 'segment'; bytes: Uint8Array } | { type: 'error'; message: string };

const data = workerData as { port?: MessagePort; signal?: Int32Array } | null;
if (!data?.port || !data.signal) throw new Error('index-worker.ts must run as a worker thread started by index-workers.ts');
const port = data.port;
const signal = data.signal;

const bump = (): void => {
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
};

let ended = false;
const send = (reply: IndexWorkerReply, transfer: ArrayBuffer[] = []): void => {
  port.postMessage(reply, transfer);
  bump();
};
const failed = (e: unknown): void => {
  if (ended) return;
  ended = true;
  try {
    send({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    port.close();
  } catch {
    bump(); // the port is gone: the waiting thread still wakes, and finds no answer
  }
};

// An unexpected end (the thread torn down) must not leave the other thread waiting for a stall to show.
process.on('exit', () => failed(new Error('index worker exited')));

let segmenter: Segmenter | null = null;
let memo: TermMemo | null = null;
try {
  // The dictionaries load (about a second) while the first documents are being read and sent.
  segmenter = getSegmenter();
  memo = new TermMemo(segmenter);
} catch (e) {
  failed(e);
}

// The other thread closed its end: the build is over (or given up), and this thread ends with it.
port.on('close', () => {
  ended = true;
});

let batch: AnalysedSource[] = [];
port.on('message', (m: IndexWorkerRequest) => {
  if (ended || !segmenter || !memo) return;
  try {
    if (m.type === 'doc') {
      for (const s of m.sources) batch.push(analyseSource(segmenter, s, memo));
      bump(); // progress: the other thread tells a slow build from a stalled one
    } else if (m.type === 'flush') {
      const bytes = buildSegment(batch);
      batch = [];
      send({ type: 'segment', bytes }, [bytes.buffer as ArrayBuffer]);
    } else {
      ended = true;
      port.close();
    }
  } catch (e) {
    failed(e);
  }
});
