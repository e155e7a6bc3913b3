/**
 * Long work (an import, an export, a large comparison) as a job: it reports progress and can be stopped.
 * A use-case takes an optional `Job`; it calls `progress()` at each stage, which also checks whether the
 * job was cancelled (or timed out) and then throws a `cancelled` error. Stopping is therefore cooperative,
 * between stages: a use-case never leaves anything half written (an import renames its folder into place
 * only after its last check). The worker protocol (api/worker.ts) carries both directions across threads,
 * and stops a worker that does not reach its next check in time.
 */
import { fail, isDuizhaoError, say, type MessageCode } from '../engine/model';
import type { Job, ProgressStage } from './types';

export type { Job, Progress, ProgressStage } from './types';

/** Throws the job's reason (`cancelled`, `timeout`) when it was stopped. */
export function checkStopped(job: Job | undefined): void {
  const signal = job?.signal;
  if (!signal?.aborted) return;
  // The stopper's own error (a time limit's `timeout`), else a plain cancel.
  if (isDuizhaoError(signal.reason)) throw signal.reason;
  throw fail('cancelled', 'job.cancelled');
}


type StageMessage = {
  upload: 'progress.upload';
  read: 'progress.read';
  parse: 'progress.parse';
  write: 'progress.write';
  compare: 'progress.compare';
  report: 'progress.report';
  render: 'progress.render';
  print: 'progress.print';
  align: 'progress.align';
  draft: 'progress.draft';
  import: 'progress.import';
};

const STAGE_MESSAGES: StageMessage = {
  upload: 'progress.upload',
  read: 'progress.read',
  parse: 'progress.parse',
  write: 'progress.write',
  compare: 'progress.compare',
  report: 'progress.report',
  render: 'progress.render',
  print: 'progress.print',
  align: 'progress.align',
  draft: 'progress.draft',
  import: 'progress.import',
};

type ParamsOf<C extends MessageCode> = Parameters<(typeof import('../engine/model').MESSAGES)[C]> extends [] ? Record<string, never> : Parameters<(typeof import('../engine/model').MESSAGES)[C]>[0];

/**
 * Stage `stage` begins (or advances to `done` of `total`): checks for a stop, then tells the caller.
 * `params` fill the stage's sentence.
 */
export function progress<S extends ProgressStage>(
  job: Job | undefined,
  stage: S,
  params: ParamsOf<StageMessage[S]>,
  amount?: { done: number; total: number },
): void {
  checkStopped(job);
  if (!job?.onProgress) return;
  const message = (say as (code: MessageCode, p?: unknown) => string)(STAGE_MESSAGES[stage], params);
  job.onProgress({ stage, message, ...(amount ? { done: amount.done, total: amount.total } : {}) });
}

/**
 * A stage of long work begins: lets a stop request arrive first (on the engine's thread it is a message,
 * delivered only between tasks), then as `progress()`.
 */
export async function step<S extends ProgressStage>(
  job: Job | undefined,
  stage: S,
  params: ParamsOf<StageMessage[S]>,
  amount?: { done: number; total: number },
): Promise<void> {
  if (job?.signal) await new Promise<void>((resolve) => setImmediate(resolve));
  progress(job, stage, params, amount);
}
