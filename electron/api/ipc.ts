/**
 * The Electron IPC adapter: one `api:<method>` channel per contract method, each answering the
 * `ApiResult` envelope from the shared handler table. Calls from any frame other than the app page are
 * refused.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { API_METHODS, type ApiHandlers, type ApiResult } from './contract';
import { say } from '../engine/model';
import { callHandler } from './envelope';

export function ipcChannel(method: string): string {
  return `api:${method}`;
}

export function registerIpc(handlers: ApiHandlers, isTrustedUrl: (url: string) => boolean): () => void {
  for (const method of API_METHODS) {
    ipcMain.handle(ipcChannel(method), async (event: IpcMainInvokeEvent, req: unknown): Promise<ApiResult<unknown>> => {
      const frameUrl = event.senderFrame?.url ?? '';
      if (!isTrustedUrl(frameUrl)) {
        return { ok: false, error: { code: 'bad_request', message: say('api.untrusted_frame'), reason: 'api.untrusted_frame' } };
      }
      return callHandler(handlers, method, req);
    });
  }
  return () => {
    for (const method of API_METHODS) ipcMain.removeHandler(ipcChannel(method));
  };
}
