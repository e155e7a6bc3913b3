/**
 * The only module that talks to the backend. In Electron the sandboxed preload exposes `window.duizhao`
 * (one named function per contract method); in the web mode the same calls go to `POST /api/<method>`.
 * Both answer the contract's `ApiResult` envelope; `call` unwraps it and throws `ApiCallError`.
 */
import {
  API_METHODS,
  type ApiClient,
  type ApiError,
  type ApiMethod,
  type ApiRequest,
  type ApiResponse,
  type ApiResult,
} from '../electron/api/contract';

declare global {
  interface Window {
    duizhao?: ApiClient;
  }
}

/**
 * Web mode: the server's session key arrives once in the address (`?k=…`); it is kept for this tab and
 * taken out of the address bar, and every call sends it back (electron/api/http.ts explains why).
 */
function sessionKey(): string {
  const KEY = 'duizhao-key';
  const fromUrl = new URLSearchParams(window.location.search).get('k');
  if (fromUrl) {
    sessionStorage.setItem(KEY, fromUrl);
    window.history.replaceState(null, '', window.location.pathname + window.location.hash);
  }
  return sessionStorage.getItem(KEY) ?? '';
}

const key = typeof window !== 'undefined' && !window.duizhao ? sessionKey() : '';

async function post(method: ApiMethod, req: unknown): Promise<ApiResult<unknown>> {
  let res: Response;
  try {
    res = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Duizhao-Key': key },
      body: JSON.stringify(req ?? {}),
    });
  } catch {
    return { ok: false, error: { code: 'internal', message: '无法连接到本地服务，请确认 Duizhao 仍在运行。' } };
  }
  try {
    const body = (await res.json()) as ApiResult<unknown>;
    if (body && typeof body === 'object' && 'ok' in body) return body;
  } catch {
    // fall through
  }
  return { ok: false, error: { code: 'internal', message: `本地服务返回了无法识别的应答（HTTP ${res.status}）。` } };
}

function httpClient(): ApiClient {
  const client: Record<string, (req: unknown) => Promise<ApiResult<unknown>>> = {};
  for (const method of API_METHODS) client[method] = (req: unknown) => post(method, req);
  return client as unknown as ApiClient;
}

/** The raw client: every method answers the envelope and never throws. */
export const api: ApiClient = typeof window !== 'undefined' && window.duizhao ? window.duizhao : httpClient();

/** 'desktop' under Electron, 'web' in the browser. */
export const apiMode: 'desktop' | 'web' = typeof window !== 'undefined' && window.duizhao ? 'desktop' : 'web';

export class ApiCallError extends Error {
  readonly code: ApiError['code'];
  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
  }
}

/** Calls a method and returns its value, or throws ApiCallError with the backend's sentence. */
export async function call<M extends ApiMethod>(method: M, req: ApiRequest<M>): Promise<ApiResponse<M>> {
  const fn = api[method] as (r: ApiRequest<M>) => Promise<ApiResult<ApiResponse<M>>>;
  const result = await fn(req);
  if (!result.ok) throw new ApiCallError(result.error);
  return result.value;
}
