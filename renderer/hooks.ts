import { useEffect, useRef, useState, type RefObject } from 'react';
import { call } from './api';
import type { ApiMethod, ApiRequest, ApiResponse, DocumentSummary } from '../electron/api/contract';

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

/** The library's list as last seen by any view: shown at once while a fresh one is asked for. */
let lastDocuments: DocumentSummary[] | null = null;

/**
 * The library's documents for naming and choosing them (pickers, names): the last list seen at once, the
 * fresh one when it comes — so a picker does not go blank while the engine is busy (a comparison being
 * computed holds the list back). Null only before any list was seen.
 */
export function useDocumentList(): DocumentSummary[] | null {
  const result = useApiCall('listDocuments', {}, 'all');
  if (result.state === 'ready') lastDocuments = result.value.documents;
  return result.state === 'ready' ? result.value.documents : lastDocuments;
}

/** A view that fetched the list itself (文库, after an import) tells the others. */
export function rememberDocuments(documents: DocumentSummary[]): void {
  lastDocuments = documents;
}

/** Whether the component is still on the page: a download that finishes after it left sets no state. */
export function useMounted(): RefObject<boolean> {
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);
  return live;
}

/** Whole seconds since `started` (null: not running), updated twice a second while running. */
export function useElapsedSeconds(started: number | null): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (started === null) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, [started]);
  return started === null ? 0 : Math.max(0, Math.round((now - started) / 1000));
}
