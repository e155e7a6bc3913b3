/**
 * Which law each document version is a text of, and which version is current.
 *
 * A law's versions share a `work` key. The library's metadata will carry `work` (and `supersedes`) for
 * every document; until it does, the key is derived: a version that supersedes another belongs to that
 * one's law (the versions of a multi-version document follow each other), else jurisdiction + title
 * without its edition note ("（2019年修订）", "(2018-10-26)").
 *
 * Current (现行): among a law's versions, those no other version supersedes, the latest by date (then by
 * version number). Every other version is historical (历史).
 */
import type { ShardMeta } from './types';

export interface DocStatus {
  work: string;
  current: boolean;
}

/** A title without edition notes in brackets at its end and without spaces. */
export function titleKey(title: string): string {
  let t = title.replace(/[\s\u3000]+/g, '');
  for (;;) {
    const next = t.replace(/[（(][^（()）]*(修订|修正|修改|年|\d{4}[-.]\d|草案|审议稿|征求意见稿)[^（()）]*[)）]$/u, '');
    if (next === t) return t;
    t = next;
  }
}

export function workKeys(metas: readonly ShardMeta[]): DocStatus[] {
  const byId = new Map(metas.map((m, i) => [m.id, i] as const));
  const work: Array<string | undefined> = [];
  const resolve = (i: number, depth: number): string => {
    if (work[i] !== undefined) return work[i]!;
    const m = metas[i]!;
    let key: string;
    if (m.work) key = m.work;
    else {
      const prev = m.supersedes !== undefined ? (byId.get(m.supersedes) ?? byId.get(`${m.supersedes}@0`)) : undefined;
      key = prev !== undefined && depth < 64 ? resolve(prev, depth + 1) : `${m.jurisdiction}|${titleKey(m.title)}`;
    }
    work[i] = key;
    return key;
  };
  metas.forEach((_, i) => resolve(i, 0));
  const superseded = new Set<number>();
  metas.forEach((m) => {
    const prev = m.supersedes !== undefined ? (byId.get(m.supersedes) ?? byId.get(`${m.supersedes}@0`)) : undefined;
    if (prev !== undefined) superseded.add(prev);
  });
  const latest = new Map<string, number>();
  metas.forEach((m, i) => {
    if (superseded.has(i)) return;
    const key = work[i]!;
    const j = latest.get(key);
    if (j === undefined) return void latest.set(key, i);
    const a = metas[j]!;
    const da = a.date ?? '';
    const db = m.date ?? '';
    if (db > da || (db === da && m.version > a.version)) latest.set(key, i);
  });
  return metas.map((_, i) => ({ work: work[i]!, current: latest.get(work[i]!) === i }));
}
