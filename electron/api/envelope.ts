/**
 * The `{ ok, value }` / `{ ok: false, error }` envelope every adapter answers with (IPC in ipc.ts, HTTP in
 * http.ts, the engine worker). Kept free of the handlers and the engine so that Electron's main process,
 * which only forwards calls to the worker, does not bundle them.
 */
import { isDuizhaoError, say } from '../engine/model';
import { API_METHODS, type ApiHandlers, type ApiMethod, type ApiResponse, type ApiResult, type CallContext } from './contract';

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && (API_METHODS as readonly string[]).includes(name);
}

/**
 * Validates the method name and the request, runs the handler, and wraps the outcome. Never throws.
 * A DuizhaoError keeps its code and message; anything else becomes `internal` with the message only
 * (no stack crosses the boundary; it is logged here instead).
 */
export async function callHandler<M extends ApiMethod>(
  handlers: ApiHandlers,
  method: M | string,
  req: unknown,
  ctx?: CallContext,
): Promise<ApiResult<ApiResponse<M>>> {
  if (!isApiMethod(method)) {
    return { ok: false, error: { code: 'not_found', message: say('api.unknown_method', { method: String(method) }), reason: 'api.unknown_method' } };
  }
  if (req === undefined || req === null) req = {};
  if (typeof req !== 'object' || Array.isArray(req)) {
    return { ok: false, error: { code: 'bad_request', message: say('api.not_object'), reason: 'api.not_object' } };
  }
  const handler = handlers[method] as (r: unknown, c?: CallContext) => Promise<ApiResponse<M>>;
  try {
    const value = await handler(req, ctx);
    return { ok: true, value };
  } catch (e) {
    if (isDuizhaoError(e)) return { ok: false, error: { code: e.code, message: e.message, ...(e.reason ? { reason: e.reason } : {}) } };
    const message = e instanceof Error ? e.message : String(e);
    if (process.env.DUIZHAO_DEBUG || process.argv.includes('--debug')) console.error(e);
    else console.error(`duizhao: ${method}: ${say('api.internal', { detail: message })}`);
    return { ok: false, error: { code: 'internal', message: say('api.internal', { detail: message }), reason: 'api.internal' } };
  }
}
