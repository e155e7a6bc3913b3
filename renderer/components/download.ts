/**
 * A file the backend makes (a report, the search hits, the topic matrix) saved by the page: a download in
 * the web mode, the system save dialog in the desktop app (Electron turns the same download into one).
 * `useDownload` keeps what every 导出 button shows — working (with the seconds spent), done, or failed.
 */
import { useState } from 'react';
import { useElapsedSeconds, useMounted } from '../hooks';

/** Saves bytes under a file name through the browser's download (a save dialog in Electron). */
export function saveBytes(base64: string, filename: string, mime: string): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** What the backend answers with a file. */
export interface FileAnswer {
  base64: string;
  filename: string;
  mime: string;
}

export type DownloadState<F, D> =
  | { phase: 'idle' }
  | { phase: 'working'; format: F; started: number }
  | ({ phase: 'done'; filename: string } & D)
  | { phase: 'error'; message: string };

/**
 * One 导出 at a time: `run(format, request)` asks the backend, saves what it answers and keeps `summary(answer)`
 * for the message; nothing is set once the component has left the page. `seconds`: time spent so far.
 */
export function useDownload<F, R extends FileAnswer, D>(summary: (answer: R) => D) {
  const [state, setState] = useState<DownloadState<F, D>>({ phase: 'idle' });
  const live = useMounted();
  const seconds = useElapsedSeconds(state.phase === 'working' ? state.started : null);
  const run = (format: F, request: () => Promise<R>): void => {
    setState({ phase: 'working', format, started: Date.now() });
    request().then(
      (answer) => {
        if (!live.current) return;
        saveBytes(answer.base64, answer.filename, answer.mime);
        setState({ phase: 'done', filename: answer.filename, ...summary(answer) });
      },
      (e: unknown) => live.current && setState({ phase: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
  };
  /** Forgets the last message (a new search: it no longer speaks of it); a download under way stays. */
  const forget = (): void => setState((s) => (s.phase === 'working' ? s : { phase: 'idle' }));
  return { state, seconds, working: state.phase === 'working', run, forget };
}
