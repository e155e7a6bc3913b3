import { useEffect, useState } from 'react';
import { call } from './api';
import type { ApiMethod, ApiRequest, ApiResponse } from '../electron/api/contract';

export type Loadable<T> =
  | { state: 'loading' }
  | { state: 'error'; message: string; code: string }
  | { state: 'ready'; value: T };

/** Calls an API method whenever `key` changes; the latest call wins. */
export function useApiCall<M extends ApiMethod>(method: M, req: ApiRequest<M> | null, key: string): Loadable<ApiResponse<M>> {
  const [result, setResult] = useState<Loadable<ApiResponse<M>>>({ state: 'loading' });
  useEffect(() => {
    if (req === null) return;
    let live = true;
    setResult({ state: 'loading' });
    call(method, req).then(
      (value) => live && setResult({ state: 'ready', value }),
      (e: unknown) =>
        live &&
        setResult({
          state: 'error',
          message: e instanceof Error ? e.message : String(e),
          code: (e as { code?: string }).code ?? 'internal',
        }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [method, key]);
  return result;
}
