/**
 * The worker protocol (electron/api/worker.ts) against the built engine worker: progress events, a file's
 * bytes transferred rather than copied, cancellation (by signal and by the `cancel` method of jobs.ts),
 * time limits, and a worker that does not stop in time terminated and started again.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Progress } from '../../electron/api/contract';
import { withJobs } from '../../electron/api/jobs';
import { createWorkerHandlers, type WorkerHandlers } from '../../electron/api/worker';
import { CORPUS, SEEDS } from '../helpers/seeds';

const WORKER = resolve(__dirname, '..', '..', 'build', 'engine-worker.js');
const started: WorkerHandlers[] = [];
const engine = (tuning = {}) => {
  const w = createWorkerHandlers(WORKER, { corpusDir: CORPUS, home: mkdtempSync(join(tmpdir(), 'duizhao-worker-')) }, tuning);
  started.push(w);
  return w;
};

beforeAll(() => {
  if (!existsSync(WORKER)) throw new Error('build/engine-worker.js missing: run `npm run build` (npm test does)');
});
afterAll(async () => {
  await Promise.all(started.map((w) => w.close()));
});

describe('the engine worker protocol', () => {
  it('reports the stages of an export as progress events, and answers', async () => {
    const { handlers } = engine();
    const seen: Progress[] = [];
    const res = await handlers.exportReport({ left: 'hunan-2020-review@0', right: 'hunan-2020-review@1', format: 'html' }, { onProgress: (p) => seen.push(p) });
    expect(res.filename).toMatch(/\.html$/);
    expect(seen.map((p) => p.stage)).toEqual(['compare', 'report', 'render']);
    expect(seen.every((p) => /\p{Script=Han}/u.test(p.message))).toBe(true);
  });

  it('hands a file’s bytes to the worker without copying them (the sender’s buffer is transferred)', async () => {
    const { handlers } = engine();
    const data = new Uint8Array(readFileSync(join(CORPUS, SEEDS['hunan-2020'])));
    const size = data.byteLength;
    const stages: string[] = [];
    const preview = await handlers.previewImport({ name: '湖南办法.txt', data }, { onProgress: (p) => stages.push(p.stage) });
    expect(preview).toMatchObject({ size, articles: 36, format: 'txt' });
    expect(data.byteLength).toBe(0);
    expect(stages).toEqual(['read', 'parse']);
  });

  it('a cancelled call ends with `cancelled`; `cancel({ job })` stops a named job; the engine goes on', async () => {
    const { handlers } = engine();
    const stop = new AbortController();
    const call = handlers.history({ ref: 'hunan-2020-review@0', article: 13 }, { signal: stop.signal });
    stop.abort();
    await expect(call).rejects.toMatchObject({ code: 'cancelled', reason: 'job.cancelled' });

    const jobs = withJobs(handlers);
    const named = jobs.history({ ref: 'hunan-2020-review@1', article: 16 }, { job: 'job-1' });
    expect(await jobs.cancel({ job: 'job-1' })).toEqual({ job: 'job-1', cancelled: true });
    await expect(named).rejects.toMatchObject({ code: 'cancelled' });
    expect(await jobs.cancel({ job: 'job-1' })).toEqual({ job: 'job-1', cancelled: false });
    await expect(jobs.cancel({ job: '../x' })).rejects.toMatchObject({ code: 'bad_request', reason: 'job.bad_id' });
    expect((await handlers.listDocuments({})).documents).toHaveLength(5);
  });

  it('a call over its time limit ends with `timeout`', async () => {
    const { handlers } = engine({ timeLimits: { compare: 1 } });
    await expect(handlers.compare({ left: 'hunan-2020-review@0', right: 'hunan-2020-review@1' })).rejects.toMatchObject({ code: 'timeout', reason: 'job.timeout' });
    expect((await handlers.listDocuments({})).documents).toHaveLength(5);
  });

  it('a worker that does not stop in time is terminated and started again for the next call', async () => {
    // The first comparison loads the segmenter's dictionaries in one go: no stage to stop at for a second.
    const { handlers } = engine({ timeLimits: { history: 200 }, stopGraceMs: 1 });
    await handlers.listDocuments({});
    await expect(handlers.history({ ref: 'hunan-2020-review@0', article: 13 })).rejects.toMatchObject({ code: 'timeout' });
    const after = await handlers.getDocument({ ref: 'hunan-2020' });
    expect(after.summary.articles).toBe(36);
  });
});
