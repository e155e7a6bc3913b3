/**
 * Stepping through the changes of the table: the current row (in the address), the next or previous
 * change with wrap-around, j/n and k/p on the keyboard (not while typing), and scrolling the row named in
 * the address into view once the table is there.
 */
import { useEffect, useState, type RefObject } from 'react';
import { navigate } from '../../route';
import { compareHash } from './routes';

export interface ChangeNavigation {
  current: string | null;
  go(key: string): void;
  step(delta: 1 | -1): void;
  /** "3 / 40" on a change, else "共 40 处". */
  position: string;
}

function rowElement(table: RefObject<HTMLDivElement | null>, key: string): HTMLElement | null | undefined {
  return table.current?.querySelector<HTMLElement>(`[data-row="${CSS.escape(key)}"]`);
}

export function useChangeNavigation(opts: { left: string; right: string; initial: string | null; rows: string[]; changes: string[]; table: RefObject<HTMLDivElement | null> }): ChangeNavigation {
  const { left, right, initial, rows, changes, table } = opts;
  const [current, setCurrent] = useState<string | null>(initial);

  const go = (key: string) => {
    setCurrent(key);
    navigate(compareHash(left, right, key), true);
    rowElement(table, key)?.scrollIntoView({ block: 'center' });
  };
  const step = (delta: 1 | -1) => {
    if (changes.length === 0) return;
    const at = current ? rows.indexOf(current) : -1;
    // The next change after (or before) the current row, wrapping around.
    const ordered = delta === 1 ? rows.slice(at + 1).concat(rows.slice(0, at + 1)) : rows.slice(0, Math.max(at, 0)).reverse().concat(rows.slice(Math.max(at, 0)).reverse());
    const next = ordered.find((k) => changes.includes(k));
    if (next) go(next);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Keys typed into a field are text, not navigation (a checkbox is not a field).
      const target = e.target as HTMLElement | null;
      const typing =
        !!target &&
        (target.isContentEditable || /^(SELECT|TEXTAREA)$/.test(target.tagName) || (target.tagName === 'INPUT' && !/^(checkbox|radio|button)$/.test((target as HTMLInputElement).type)));
      if (typing) return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'j' || e.key === 'n') {
        e.preventDefault();
        step(1);
      } else if (e.key === 'k' || e.key === 'p') {
        e.preventDefault();
        step(-1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  // Scroll to the row named in the address once the table is there.
  useEffect(() => {
    if (initial) rowElement(table, initial)?.scrollIntoView({ block: 'center' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const position = current && changes.includes(current) ? `${changes.indexOf(current) + 1} / ${changes.length}` : `共 ${changes.length} 处`;
  return { current, go, step, position };
}
