/**
 * Long lists with only the rows in view in the page: every row has the same height, so where row i stands
 * is i × height, and the rows in view follow from the scroll position alone. The list may scroll itself
 * (a picker's popup) or scroll with the view around it (文库): the rows are measured against whichever
 * element scrolls. A few rows beyond each edge are drawn too, so a quick scroll shows no blank.
 */
import { useLayoutEffect, useState, type RefObject } from 'react';

export interface RowRange {
  start: number;
  end: number;
}

/** The nearest element that scrolls `el` (itself included), else the document's. */
export function scrollParent(el: HTMLElement): HTMLElement {
  for (let e: HTMLElement | null = el; e; e = e.parentElement) {
    const overflow = getComputedStyle(e).overflowY;
    if (overflow === 'auto' || overflow === 'scroll') return e;
  }
  return (document.scrollingElement as HTMLElement | null) ?? document.documentElement;
}

/** Where the list's first row stands in the scrolling element's content. */
function listTop(list: HTMLElement, scroller: HTMLElement): number {
  if (list === scroller) return 0;
  return list.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
}

/** The rows of `list` (count rows of `rowHeight` px) in view, with `overscan` more each side. */
export function useVirtualRange(listRef: RefObject<HTMLElement | null>, count: number, rowHeight: number, overscan = 6): RowRange {
  const [range, setRange] = useState<RowRange>({ start: 0, end: Math.min(count, 30) });
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const scroller = scrollParent(list);
    let frame = 0;
    const update = () => {
      frame = 0;
      const top = scroller.scrollTop - listTop(list, scroller);
      const first = Math.floor(top / rowHeight);
      const last = Math.ceil((top + scroller.clientHeight) / rowHeight);
      const start = Math.max(0, Math.min(count, first - overscan));
      const end = Math.max(start, Math.min(count, last + overscan));
      setRange((r) => (r.start === start && r.end === end ? r : { start, end }));
    };
    const later = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    update();
    scroller.addEventListener('scroll', later, { passive: true });
    const resized = new ResizeObserver(later);
    resized.observe(scroller);
    resized.observe(list);
    return () => {
      scroller.removeEventListener('scroll', later);
      resized.disconnect();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [listRef, count, rowHeight, overscan]);
  return range;
}

/**
 * Scrolls so that row `index` of `list` is in view (not under `coveredTop` px of sticky header at the top
 * of the scrolling element). Returns whether it scrolled.
 */
export function scrollRowIntoView(list: HTMLElement, index: number, rowHeight: number, coveredTop = 0): boolean {
  const scroller = scrollParent(list);
  const top = listTop(list, scroller) + index * rowHeight;
  const visibleTop = scroller.scrollTop + (list === scroller ? 0 : coveredTop);
  const visibleBottom = scroller.scrollTop + scroller.clientHeight;
  if (top < visibleTop) scroller.scrollTop = top - (list === scroller ? 0 : coveredTop);
  else if (top + rowHeight > visibleBottom) scroller.scrollTop = top + rowHeight - scroller.clientHeight;
  else return false;
  return true;
}

/** How many whole rows fit in the list's scrolling element (the step of Page Up / Page Down). */
export function rowsPerPage(list: HTMLElement, rowHeight: number): number {
  return Math.max(1, Math.floor(scrollParent(list).clientHeight / rowHeight) - 1);
}
