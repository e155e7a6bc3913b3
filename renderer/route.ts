/**
 * Hash routes: `#/<view>/<segment>/<segment>…`, e.g. `#/reader/zhejiang-2023@0/27`. Each view reads its
 * own segments, so a new view only needs an entry in views/registry.tsx.
 */
import { useEffect, useState } from 'react';

export interface Route {
  view: string;
  segments: string[];
  /** `?key=value&…` after the path, e.g. `#/reader/zhejiang-2023@0/27?hl=融资担保` (terms to highlight). */
  params: Record<string, string>;
}

/** What every view of the registry (views/registry.tsx) is given. */
export interface ViewProps {
  route: Route;
}

export function parseHash(hash: string): Route {
  const full = hash.replace(/^#\/?/, '');
  const q = full.indexOf('?');
  const clean = q >= 0 ? full.slice(0, q) : full;
  const params = Object.fromEntries(q >= 0 ? new URLSearchParams(full.slice(q + 1)) : []);
  const parts = clean
    .split('/')
    .filter((p) => p !== '')
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
  return { view: parts[0] ?? '', segments: parts.slice(1), params };
}

/** `hash` with `?key=value…` appended (empty values left out). */
export function withParams(hash: string, params: Record<string, string | undefined>): string {
  const entries = Object.entries(params).filter((e): e is [string, string] => !!e[1]);
  return entries.length ? `${hash}?${new URLSearchParams(entries).toString()}` : hash;
}

export function formatHash(view: string, ...segments: Array<string | number | undefined | null>): string {
  const parts = [view, ...segments.filter((s): s is string | number => s !== undefined && s !== null && s !== '')];
  return '#/' + parts.map((p) => encodeURIComponent(String(p)).replace(/%40/g, '@')).join('/');
}

export function navigate(hash: string, replace = false): void {
  if (window.location.hash === hash) return;
  if (replace) window.history.replaceState(null, '', hash);
  else window.location.hash = hash;
  if (replace) window.dispatchEvent(new HashChangeEvent('hashchange'));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

/** The Reader's place: `<docId>@<version>/<article>`, article as "27" or "10_1" (第十条之一). */
export interface ReaderPlace {
  doc: string;
  version: number;
  article: { number: number; sub?: number } | null;
}

export function parseReaderPlace(segments: string[]): ReaderPlace | null {
  const first = segments[0];
  if (!first) return null;
  const m = /^(.*)@(\d+)$/.exec(first);
  const doc = m ? m[1]! : first;
  const version = m ? Number(m[2]) : 0;
  const art = /^(?:art_)?(\d+)(?:_(\d+))?$/.exec(segments[1] ?? '');
  const article = art ? (art[2] ? { number: Number(art[1]), sub: Number(art[2]) } : { number: Number(art[1]) }) : null;
  return { doc, version, article };
}

export function readerHash(doc: string, version: number, article?: { number: number; sub?: number } | null): string {
  const key = article ? (article.sub ? `${article.number}_${article.sub}` : String(article.number)) : undefined;
  return formatHash('reader', `${doc}@${version}`, key);
}

/** An article of a topic alignment, as the Topics view names it in the address. */
export interface MemberPlace {
  doc: string;
  version: number;
  article: number;
  sub?: number;
}

export function memberKey(m: MemberPlace): string {
  return `${m.doc}@${m.version}:${m.article}${m.sub ? `_${m.sub}` : ''}`;
}

/** The Topics view of some documents, optionally opened on one article's topic. */
export function topicsHash(refs: string[], member?: MemberPlace | null): string {
  // Written by hand rather than with formatHash so that "," "@" and ":" stay readable in the address.
  const readable = (s: string) => encodeURIComponent(s).replace(/%40/g, '@').replace(/%3A/g, ':');
  return `#/topics/${refs.map(readable).join(',')}${member ? `/${readable(memberKey(member))}` : ''}`;
}
