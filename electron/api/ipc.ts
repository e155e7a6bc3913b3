/**
 * The Electron IPC adapter: one `api:<method>` channel per contract method, each answering the
 * `ApiResult` envelope from the shared handler table. Calls from any frame other than the app page are
 * refused. A call of long work may carry a second argument, `{ job }`: the job's progress then goes back
 * to the page on PROGRESS_CHANNEL as `{ job, progress }`, and `cancel({ job })` stops it (jobs.ts).
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { API_METHODS, JOB_ID, PROGRESS_CHANNEL, type ApiHandlers, type ApiResult, type CallContext } from './contract';
import { say } from '../engine/model/messages';
import { callHandler } from './envelope';
import { withJobs } from './jobs';

export function ipcChannel(method: string): string {
  return `api:${method}`;
}

export function registerIpc(handlers: ApiHandlers, isTrustedUrl: (url: string) => boolean): () => void {
  const table = withJobs(handlers);
  for (const method of API_METHODS) {
    ipcMain.handle(ipcChannel(method), async (event: IpcMainInvokeEvent, req: unknown, options?: unknown): Promise<ApiResult<unknown>> => {
      const frameUrl = event.senderFrame?.url ?? '';
      if (!isTrustedUrl(frameUrl)) {
        return { ok: false, error: { code: 'bad_request', message: say('api.untrusted_frame'), reason: 'api.untrusted_frame' } };
      }
      const job = (options as { job?: unknown } | null | undefined)?.job;
      const ctx: CallContext = {};
      if (typeof job === 'string' && JOB_ID.test(job)) {
        ctx.job = job;
        ctx.onProgress = (progress) => {
          if (!event.sender.isDestroyed()) event.sender.send(PROGRESS_CHANNEL, { job, progress });
        };
      }
      return callHandler(table, method, req, ctx);
    });
  }
  return () => {
    for (const method of API_METHODS) ipcMain.removeHandler(ipcChannel(method));
  };
}
