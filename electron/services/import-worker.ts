/**
 * A thread of a bulk import (build/import-worker.js): reads, parses and judges the files it is sent
 * (engine/ingest/prepare.ts) while the library writes what is ready, so a collection is parsed on every core.
 * Messages in: `{ id, bytes, path }`; out: `{ id, ok: true, result }` or `{ id, ok: false, error }`.
 */
import { parentPort } from 'node:worker_threads';
import { prepareImport } from '../engine/ingest/prepare';
import { isDuizhaoError } from '../engine/model';

export interface PrepareRequest {
  id: number;
  bytes: Uint8Array;
  path: string;
}

const port = parentPort;
if (!port) throw new Error('import-worker.ts must run as a worker thread');

port.on('message', (m: PrepareRequest) => {
  prepareImport(m.bytes, m.path).then(
    (r) => port.postMessage({ id: m.id, ok: true, result: r.status === 'ready' ? { status: 'ready', prepared: r.prepared } : r }),
    (e: unknown) =>
      port.postMessage({
        id: m.id,
        ok: false,
        error: isDuizhaoError(e) ? { code: e.code, reason: e.reason, message: e.message } : { code: 'internal', message: e instanceof Error ? e.message : String(e) },
      }),
  );
});
