/**
 * The web mode's transport of files and long work: a file as the raw request body (no base64), progress
 * as NDJSON lines, a job named by header and stopped by `cancel` or by the client going away.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import * as http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiHandlers } from '../../electron/api/contract';
import { startServer, type RunningServer } from '../../electron/api/http';
import { createWorkerHandlers, type WorkerHandlers } from '../../electron/api/worker';
import { CORPUS, SEEDS } from '../helpers/seeds';

let server: RunningServer;
let engine: WorkerHandlers;
/** How each history call ended: its answer or its error code (to see a job stop when its client left). */
const outcomes: string[] = [];

beforeAll(async () => {
  // As the web mode runs: the server's thread stays free, the engine works in its worker (build/engine-worker.js).
  engine = createWorkerHandlers(join(__dirname, '..', '..', 'build', 'engine-worker.js'), { corpusDir: CORPUS, home: mkdtempSync(join(tmpdir(), 'duizhao-http-jobs-')) });
  const handlers: ApiHandlers = { ...engine.handlers };
  const history = handlers.history;
  handlers.history = (req, ctx) =>
    history(req, ctx).then(
      (v) => (outcomes.push('answered'), v),
      (e: { code?: string }) => {
        outcomes.push(String(e.code));
        throw e;
      },
    );
  server = await startServer({ port: 0, handlers, staticDir: tmpdir() });
});
afterAll(async () => {
  await server?.close();
  await engine?.close();
});

function post(path: string, body: Buffer | string, headers: Record<string, string>): { done: Promise<{ status: number; type: string; body: string }>; req: http.ClientRequest } {
  let req!: http.ClientRequest;
  const done = new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
    req = http.request({ host: '127.0.0.1', port: server.port, path, method: 'POST', headers: { 'X-Duizhao-Key': server.key, ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body: text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
  return { done, req };
}

describe('files and jobs over HTTP', () => {
  const file = readFileSync(join(CORPUS, SEEDS['hunan-2020']));
  const query = (req: object) => `?req=${encodeURIComponent(JSON.stringify(req))}`;

  it('takes a file as the raw body, its name in the query', async () => {
    const r = await post(`/api/previewImport${query({ name: '湖南办法.txt' })}`, file, { 'Content-Type': 'application/octet-stream' }).done;
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { name: '湖南办法.txt', size: file.length, articles: 36 } });
  });

  it('refuses a raw body for a method that takes no file, and base64 in place of bytes', async () => {
    const r = await post('/api/compare', file, { 'Content-Type': 'application/octet-stream' }).done;
    expect(r.status).toBe(415);
    const b64 = await post('/api/previewImport', JSON.stringify({ name: 'a.txt', dataBase64: file.toString('base64') }), { 'Content-Type': 'application/json' }).done;
    expect(JSON.parse(b64.body)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('streams progress as NDJSON, the envelope last', async () => {
    const r = await post(`/api/importDocument${query({ name: '湖南办法.txt', meta: { stage: '草案' } })}`, file, {
      'Content-Type': 'application/octet-stream',
      Accept: 'application/x-ndjson',
      'X-Duizhao-Job': 'import-1',
    }).done;
    expect(r.type).toContain('application/x-ndjson');
    const lines = r.body.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.slice(0, -1).map((l) => l.progress.stage)).toEqual(['read', 'parse', 'write']);
    expect(lines.at(-1)).toMatchObject({ ok: true, value: { articles: 36, summary: { stage: '草案' } } });
  });

  it('a named job is stopped by `cancel`; a job whose client went away stops too', async () => {
    const headers = { 'Content-Type': 'application/json', Accept: 'application/x-ndjson', 'X-Duizhao-Job': 'history-1' };
    const running = post('/api/history', JSON.stringify({ ref: 'hunan-2020-review@0', article: 13 }), headers);
    // Once the job has begun (its first progress line), stop it.
    await new Promise<void>((resolve) => running.req.on('response', () => resolve()));
    const cancel = await post('/api/cancel', JSON.stringify({ job: 'history-1' }), { 'Content-Type': 'application/json' }).done;
    const done = await running.done;
    // The job was still comparing (two versions' worth, the segmenter loading first) when the cancel came.
    expect(JSON.parse(cancel.body)).toEqual({ ok: true, value: { job: 'history-1', cancelled: true } });
    expect(JSON.parse(done.body.trim().split('\n').at(-1)!)).toMatchObject({ ok: false, error: { code: 'cancelled', reason: 'job.cancelled' } });

    // The page closes (or aborts) its request: the job stops at its next stage.
    const left = post('/api/history', JSON.stringify({ ref: 'zhejiang-2020-opinion', article: 3, chain: ['zhejiang-2020-opinion', 'zhejiang-2023', 'shenzhen-draft'] }), { ...headers, 'X-Duizhao-Job': 'history-2' });
    left.done.catch(() => undefined);
    await new Promise<void>((resolve) => left.req.on('response', () => resolve()));
    const before = outcomes.length;
    left.req.destroy();
    await expect.poll(() => outcomes.length, { timeout: 30_000 }).toBe(before + 1);
    expect(outcomes.at(-1)).toBe('cancelled');
    const bad = await post('/api/listDocuments', '{}', { 'Content-Type': 'application/json', 'X-Duizhao-Job': 'a/b' }).done;
    expect(bad.status).toBe(400);
  });
});
