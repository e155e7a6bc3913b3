/**
 * Choosing a document (or one version of one) from a library of thousands: a combobox — type any words of
 * its title, label, place, kind or year, and the list below keeps the documents that have them all. The
 * list shows each name in full (wrapping onto a second line; the whole name in a tooltip beyond that),
 * with its place, kind and year under it, so that versions of one law are told apart by their labels
 * (标题（2019年修订）). Only the rows in view are in the page.
 *
 * Keyboard (the ARIA combobox pattern): ↓/↑ open the list and move through it, Page Down/Up by a page,
 * Enter chooses, Esc closes it (and a second Esc clears the words typed), Tab leaves with nothing changed.
 */
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { DocumentSummary } from '../../electron/api/contract';
import { choicesOf, filterChoices, nameOfRef, type DocChoice } from '../documents';
import { rowsPerPage, scrollRowIntoView, useVirtualRange } from './virtual';

/** Height of one choice: two lines of name and a line of detail. */
const OPTION_HEIGHT = 62;

export interface DocumentPickerProps {
  /** The library's documents (listDocuments); null while they load. */
  documents: DocumentSummary[] | null;
  /** The REF chosen ('' for none). */
  value: string;
  onChange(ref: string): void;
  /** What is chosen, for assistive technology ("左侧（原文本）"). */
  label: string;
  /** data-testid of the picker; its text box is `${testId}-input`, its list `${testId}-list`. */
  testId: string;
  /** A first choice meaning "none" (the search filter's 全部文档). */
  emptyChoice?: string;
  /** Offer a multi-version document as a whole too, before its versions. */
  wholeDocuments?: boolean;
  /** REFs not to offer (those already chosen, in a picker that adds). */
  exclude?: readonly string[];
  placeholder?: string;
  /** After a choice the box shows it (default); a picker that adds empties itself instead. */
  keepChoice?: boolean;
  className?: string;
}

export function DocumentPicker({
  documents,
  value,
  onChange,
  label,
  testId,
  emptyChoice,
  wholeDocuments = false,
  exclude,
  placeholder = '输入标题、地区、类型或年份筛选…',
  keepChoice = true,
  className,
}: DocumentPickerProps) {
  const id = useId();
  const listId = `${id}-list`;
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);

  const byId = useMemo(() => new Map((documents ?? []).map((d) => [d.id, d] as const)), [documents]);
  const all = useMemo(() => {
    const choices = choicesOf(documents ?? [], { whole: wholeDocuments });
    return exclude?.length ? choices.filter((c) => !exclude.includes(c.ref)) : choices;
  }, [documents, wholeDocuments, exclude]);
  const shown = useMemo(() => {
    const kept = filterChoices(all, query);
    return emptyChoice && !query.trim() ? [null, ...kept] : kept;
  }, [all, query, emptyChoice]);

  // Not the id while the list loads: nothing until the name is known.
  const current = value && documents ? nameOfRef(byId, value) : '';
  const range = useVirtualRange(listRef, open ? shown.length : 0, OPTION_HEIGHT);

  // A name longer than the box is shown whole under it (wrapping), not only in its tooltip.
  const [cut, setCut] = useState(false);
  useLayoutEffect(() => {
    const input = inputRef.current;
    if (!input || open || !keepChoice) return;
    const measure = () => setCut(input.scrollWidth > input.clientWidth + 1);
    measure();
    const resized = new ResizeObserver(measure);
    resized.observe(input);
    return () => resized.disconnect();
  }, [current, open, keepChoice]);

  // The list opens at the current choice.
  const openList = (): void => {
    if (open) return;
    const at = shown.findIndex((c) => (c ? c.ref : '') === value);
    setActive(Math.max(0, at));
    setOpen(true);
  };
  useEffect(() => {
    if (open && listRef.current) scrollRowIntoView(listRef.current, active, OPTION_HEIGHT);
  }, [open, active]);
  // A new query starts at its best match.
  useEffect(() => setActive(0), [query]);

  const choose = (c: DocChoice | null): void => {
    setOpen(false);
    setQuery('');
    const ref = c ? c.ref : '';
    if (ref !== value || !keepChoice) onChange(ref);
  };
  const close = (): void => {
    setOpen(false);
    setQuery('');
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>): void => {
    const page = listRef.current ? rowsPerPage(listRef.current, OPTION_HEIGHT) : 5;
    const move = (to: number) => {
      e.preventDefault();
      if (!open) {
        openList();
        return;
      }
      setActive(Math.max(0, Math.min(shown.length - 1, to)));
    };
    switch (e.key) {
      case 'ArrowDown':
        if (e.altKey) {
          e.preventDefault();
          openList();
        } else move(active + 1);
        break;
      case 'ArrowUp':
        move(active - 1);
        break;
      case 'PageDown':
        move(active + page);
        break;
      case 'PageUp':
        move(active - page);
        break;
      case 'Enter':
        if (open && shown.length > 0) {
          e.preventDefault();
          choose(shown[active] ?? null);
        }
        break;
      case 'Escape':
        if (open || query) {
          e.preventDefault();
          close();
        }
        break;
      case 'Tab':
        close();
        break;
    }
  };

  const activeId = open && shown.length > 0 ? `${id}-opt-${active}` : undefined;
  const loading = documents === null;
  return (
    <div
      className={`docpick${open ? ' open' : ''}${className ? ` ${className}` : ''}`}
      data-testid={testId}
      data-value={value}
      onBlur={(e) => {
        // Leaving the picker (not moving inside it) closes the list with nothing changed.
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) close();
      }}
    >
      <input
        ref={inputRef}
        className="docpick-input"
        type="text"
        role="combobox"
        aria-label={label}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeId}
        autoComplete="off"
        spellCheck={false}
        disabled={loading}
        // Closed, the box shows the choice (its whole name in the tooltip); open, the words typed.
        value={open ? query : keepChoice ? current : ''}
        placeholder={loading ? '正在载入文库…' : open || !keepChoice || !current ? placeholder : ''}
        title={current || undefined}
        onChange={(e) => {
          setQuery(e.target.value);
          if (!open) setOpen(true);
        }}
        onFocus={(e) => e.target.select()}
        onClick={openList}
        onKeyDown={onKeyDown}
        data-testid={`${testId}-input`}
      />
      {keepChoice && current && !open && cut && (
        // The whole name, wrapping, under a box too narrow for it.
        <div className="docpick-current" aria-hidden="true" data-testid={`${testId}-current`}>
          {current}
        </div>
      )}
      <div className="docpick-popup" hidden={!open}>
        <div className="docpick-count muted" aria-live="polite">
          {query.trim() ? `找到 ${shown.length} 份` : `共 ${all.length} 份`}
          {shown.length === 0 && '：没有标题、地区、类型或年份含这些字的文档'}
        </div>
        <ul
          ref={listRef}
          id={listId}
          className="docpick-list"
          role="listbox"
          aria-label={label}
          data-testid={`${testId}-list`}
          // The input keeps the focus: a click on a choice must not blur it first.
          onMouseDown={(e) => e.preventDefault()}
        >
          <li role="presentation" className="docpick-spacer" style={{ height: shown.length * OPTION_HEIGHT }}>
            {open &&
              shown.slice(range.start, range.end).map((c, k) => {
                const i = range.start + k;
                const ref = c ? c.ref : '';
                return (
                  <div
                    key={ref || '(none)'}
                    id={`${id}-opt-${i}`}
                    role="option"
                    aria-selected={i === active}
                    aria-posinset={i + 1}
                    aria-setsize={shown.length}
                    className={`docpick-option${i === active ? ' active' : ''}${ref === value ? ' current' : ''}`}
                    style={{ top: i * OPTION_HEIGHT, height: OPTION_HEIGHT }}
                    title={c ? `${c.name}\n${c.detail}` : emptyChoice}
                    onMouseMove={() => i !== active && setActive(i)}
                    onClick={() => choose(c)}
                    data-testid="doc-choice"
                    data-ref={ref}
                  >
                    <span className="docpick-name">{c ? c.name : emptyChoice}</span>
                    {c && <span className="docpick-detail">{c.detail}</span>}
                  </div>
                );
              })}
          </li>
        </ul>
      </div>
    </div>
  );
}
