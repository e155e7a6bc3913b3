/**
 * A large search index build on every core. Segmenting every article is most of the cost of a first build
 * (a collection of thousands of laws: tens of seconds on one thread), and it is the same pure work for
 * every document, so it is shared out: the documents, in their order, are cut into contiguous runs of
 * about the same amount of work. The calling thread keeps the first run; each later run goes to a worker
 * thread (index-worker.ts). This thread reads the workers' documents from the library first and sends
 * each its versions; each worker analyses them with its own segmenter and builds its run's segments,
 * chunked to SEGMENT_ARTICLES as the single-thread build chunks them. Meanwhile the caller builds its own
 * run as it always did, then `finish` writes the workers' segments after its own, in document order, so
 * the index lists every document in the order a single-thread build does.
 *
 * Why the caller keeps a run rather than waiting for workers: it has its segmenter loaded already (a
 * worker loads the dictionaries first, about a second), and on a machine of two cores one worker and the
 * caller use both without a third thread competing for them.
 *
 * A run's segments are byte for byte what a single-thread build of the same documents writes (the same
 * functions in the same order); a first build of N runs holds at least N segments instead of one, which
 * changes no search result (statistics are summed over segments, ties go by that same order).
 *
 * Synchronous, like the build it shares (SearchCache.sync): `finish` waits on a shared counter
 * (Atomics.wait) and takes the answers with receiveMessageOnPort, so nothing else runs on this thread
 * meanwhile — as nothing did while it segmented everything itself. Small builds stay on the calling thread
 * (not worth a worker's dictionary load). A worker that fails or stalls ends its part: the segments
 * written stay, and `finish` answers the documents still to build, which the caller builds itself.
 */
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { SEGMENT_ARTICLES, type ShardSource } from '../engine/index';
import type { IndexWorkerReply, IndexWorkerRequest } from './index-worker';

export interface IndexWorkerOptions {
  /** Worker threads besides the calling one (default: one per other core, at most MAX_INDEX_WORKERS). 0: none. */
  workers?: number;
  /** Text bytes (the documents' source files) below which the build stays on the calling thread. */
  minBytes?: number;
  /** The worker bundle (default: index-worker.js beside this bundle). */
  workerFile?: string;
  /** No word from any worker for this long: the workers are given up (default STALL_MS). */
  stallMs?: number;
}

/** A document to index: its id and fingerprint (what the manifest records), its source text (to size the runs). */
export interface BuildDoc {
  id: string;
  fingerprint: string;
  textPath?: string;
}

export interface SegmentWriter {
  (bytes: Uint8Array, docs: Array<{ id: string; fingerprint: string }>, articles: number): void;
}

export interface ParallelBuild<D> {
  /** The caller builds docs[0 … here) itself, before calling finish. */
  here: number;
  /** Writes the workers' segments (after the caller's, in order); answers the documents left to build. */
  finish(write: SegmentWriter): D[];
  /** Stops the workers (the caller's own part failed). */
  cancel(): void;
}

/**
 * More threads than this make more segments than a library needs (each query visits every segment) and
 * hold more segment builders in memory at once (up to about 1 GB each at SEGMENT_ARTICLES).
 */
export const MAX_INDEX_WORKERS = 3;
/** About a second of segmenting on one thread: less than that is not worth a worker's dictionary load. */
export const MIN_PARALLEL_BYTES = 4 * 1024 * 1024;
/** A document is analysed in milliseconds and a segment built in seconds: this long silent is a stall. */
export const STALL_MS = 180_000;
/** Reading a document (parsing its text again) costs about this share of analysing and building it. */
const READ_SHARE = 0.15;
/** A worker's dictionary load, as the bytes of text it could have analysed meanwhile. */
const LOAD_BYTES = 2.5 * 1024 * 1024;

export function defaultIndexWorkerFile(): string {
  // Beside the bundle that runs this (build/cli.js, build/engine-worker.js, build/bench.js); unpacked from
  // app.asar in the packaged app, since a worker thread cannot start from inside the archive.
  return join(__dirname, 'index-worker.js').replace(/([\\/])app\.asar(?=[\\/])/, '$1app.asar.unpacked');
}

/** How many worker threads a build of `bytes` of text gets (0: all on the calling thread). */
export function indexWorkerCount(bytes: number, options: IndexWorkerOptions = {}): number {
  if (bytes < (options.minBytes ?? MIN_PARALLEL_BYTES) || !existsSync(options.workerFile ?? defaultIndexWorkerFile())) return 0;
  return Math.max(0, options.workers ?? Math.min(MAX_INDEX_WORKERS, availableParallelism() - 1));
}

const sizeOf = (d: BuildDoc): number => {
  try {
    return d.textPath ? statSync(d.textPath).size : 0;
  } catch {
    return 0;
  }
};

/**
 * Where the runs begin: the caller's run [0, starts[0]), worker k's [starts[k], starts[k + 1]). The caller
 * also reads every worker's documents and a worker first loads its dictionaries: the shares even that out.
 */
export function splitRuns(sizes: number[], workers: number): number[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  // Work, in bytes analysed: the caller reads everything and analyses its own, READ_SHARE·total + own; a
  // worker loads its dictionaries and analyses its share, LOAD_BYTES + (total − own)/workers. Even them.
  // Never more than an even share (a small build: the dictionary load outweighs the reading).
  const own = Math.max(0, Math.min(total / (workers + 1), (total / workers + LOAD_BYTES - READ_SHARE * total) / (1 + 1 / workers)));
  const starts: number[] = [];
  let before = 0;
  let run = 0;
  const boundary = (k: number): number => own + ((total - own) * k) / workers; // where run k + 1 begins
  sizes.forEach((size, i) => {
    // A document goes to the run its middle falls in.
    while (run < workers && before + size / 2 >= boundary(run)) {
      starts.push(i);
      run++;
    }
    before += size;
  });
  while (starts.length < workers) starts.push(sizes.length);
  return starts;
}

interface Run {
  from: number;
  to: number;
  /** Segments asked for (flushes sent), in order; the bytes received for them. */
  expected: Array<{ docs: Array<{ id: string; fingerprint: string }>; articles: number }>;
  received: Uint8Array[];
  written: number;
  worker: Worker;
  port: MessagePort;
}

/**
 * Starts building the later part of `docs` on worker threads, when the build is large enough (else null:
 * the caller builds everything). `load` reads a document's versions; it is called here, on this thread,
 * for the workers' documents (the caller calls it for its own).
 */
export function startIndexWorkers<D extends BuildDoc>(docs: D[], load: (doc: D) => ShardSource[], options: IndexWorkerOptions = {}): ParallelBuild<D> | null {
  if (options.workers === 0 || docs.length < 2) return null;
  const sizes = docs.map(sizeOf);
  const workers = Math.min(indexWorkerCount(sizes.reduce((a, b) => a + b, 0), options), docs.length - 1);
  if (workers <= 0) return null;
  const starts = splitRuns(sizes, workers);
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const file = options.workerFile ?? defaultIndexWorkerFile();
  const runs: Run[] = [];
  starts.forEach((from, k) => {
    const to = starts[k + 1] ?? docs.length;
    if (to <= from) return;
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(file, { workerData: { port: port2, signal }, transferList: [port2] });
    worker.unref(); // never keeps the process alive; it ends when its port closes
    // A worker that dies (a broken bundle, out of memory) is noticed by its silence (STALL_MS); its 'error'
    // comes after this synchronous build and must not become the process's uncaught exception.
    worker.on('error', () => {});
    runs.push({ from, to, expected: [], received: [], written: 0, worker, port: port1 });
  });
  if (runs.length === 0) return null;
  const post = (run: Run, m: IndexWorkerRequest): void => run.port.postMessage(m);
  const stop = (): void => {
    for (const run of runs) {
      void run.worker.terminate();
      run.port.close();
    }
  };

  try {
    // Send the workers' documents, a little to each in turn so that every worker starts early.
    const next = runs.map((r) => r.from);
    const batch = runs.map(() => ({ docs: [] as Array<{ id: string; fingerprint: string }>, articles: 0 }));
    const flush = (k: number): void => {
      if (batch[k]!.docs.length === 0) return;
      runs[k]!.expected.push(batch[k]!);
      post(runs[k]!, { type: 'flush' });
      batch[k] = { docs: [], articles: 0 };
    };
    for (let left = true; left; ) {
      left = false;
      runs.forEach((run, k) => {
        for (let n = 0; n < 8 && next[k]! < run.to; n++) {
          const doc = docs[next[k]!++]!;
          const sources = load(doc);
          const articles = sources.reduce((s, v) => s + v.articles.length, 0);
          // The same chunking as the single-thread build (search-cache.ts buildSegments).
          if (batch[k]!.articles > 0 && batch[k]!.articles + articles > SEGMENT_ARTICLES) flush(k);
          post(run, { type: 'doc', sources });
          batch[k]!.docs.push({ id: doc.id, fingerprint: doc.fingerprint });
          batch[k]!.articles += articles;
        }
        if (next[k]! < run.to) left = true;
        else flush(k);
      });
    }
  } catch (e) {
    stop();
    throw e;
  }

  return {
    here: runs[0]!.from,
    cancel: stop,
    finish(write: SegmentWriter): D[] {
      let failure = false;
      let current = 0; // the run whose segments are written next
      const drain = (): boolean => {
        let any = false;
        for (const run of runs) {
          for (let m = receiveMessageOnPort(run.port); m; m = receiveMessageOnPort(run.port)) {
            any = true;
            const reply = m.message as IndexWorkerReply;
            if (reply.type === 'segment') run.received.push(reply.bytes);
            else failure = true;
          }
        }
        while (!failure && current < runs.length) {
          const run = runs[current]!;
          for (; run.written < run.received.length; run.written++) {
            const seg = run.expected[run.written]!;
            write(run.received[run.written]!, seg.docs, seg.articles);
            run.received[run.written] = new Uint8Array(0); // written: let it go
          }
          if (run.written < run.expected.length) break;
          current++;
        }
        return any;
      };
      const stallMs = options.stallMs ?? STALL_MS;
      let heard = performance.now();
      try {
        while (!failure && current < runs.length) {
          const seen = Atomics.load(signal, 0);
          if (drain()) heard = performance.now();
          else if (Atomics.wait(signal, 0, seen, 1000) !== 'timed-out') heard = performance.now();
          else if (performance.now() - heard > stallMs) failure = true;
        }
      } finally {
        for (const run of runs) {
          if (!failure) post(run, { type: 'end' });
          else void run.worker.terminate();
          run.port.close();
        }
      }
      if (current === runs.length) return [];
      // What the failed or stalled workers did not deliver, from the first segment not written on.
      const run = runs[current]!;
      const writtenDocs = run.expected.slice(0, run.written).reduce((n, s) => n + s.docs.length, 0);
      return docs.slice(run.from + writtenDocs);
    },
  };
}
