/**
 * Jobs by name: a call that carries `job` (a name its caller chose) can be stopped with `cancel({ job })`.
 * The adapters (ipc.ts, http.ts) wrap their handler table with this; the signal it gives each call goes on
 * to the handlers — across the thread boundary when they run in the engine worker (worker.ts) — and
 * the use-cases stop at their next stage (app/job.ts).
 */
import { fail } from '../engine/model';
import { API_METHODS, JOB_ID, type ApiHandlers, type ApiMethod, type CallContext } from './contract';

type AnyHandler = (req: unknown, ctx?: CallContext) => Promise<unknown>;

export function withJobs(handlers: ApiHandlers): ApiHandlers {
  const running = new Map<string, AbortController>();
  const out: Record<string, AnyHandler> = {};
  for (const method of API_METHODS as ApiMethod[]) {
    const handler = handlers[method] as AnyHandler;
    out[method] = async (req, ctx = {}) => {
      if (ctx.job === undefined) return handler(req, ctx);
      if (typeof ctx.job !== 'string' || !JOB_ID.test(ctx.job)) throw fail('bad_request', 'job.bad_id');
      if (running.has(ctx.job)) throw fail('bad_request', 'job.bad_id');
      const controller = new AbortController();
      // A stop from the caller's side (a closed connection) stops the job too.
      const outer = ctx.signal;
      const forward = (): void => controller.abort(outer?.reason);
      if (outer?.aborted) forward();
      else outer?.addEventListener('abort', forward, { once: true });
      running.set(ctx.job, controller);
      try {
        return await handler(req, { ...ctx, signal: controller.signal });
      } finally {
        running.delete(ctx.job);
        outer?.removeEventListener('abort', forward);
      }
    };
  }
  out.cancel = async (req: unknown) => {
    const job = (req as { job?: unknown }).job;
    if (typeof job !== 'string' || !JOB_ID.test(job)) throw fail('bad_request', 'job.bad_id');
    const controller = running.get(job);
    controller?.abort(fail('cancelled', 'job.cancelled'));
    return { job, cancelled: controller !== undefined };
  };
  return out as unknown as ApiHandlers;
}
