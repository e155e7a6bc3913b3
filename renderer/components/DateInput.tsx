/**
 * A date as Chinese documents write it: shown and typed as 2023年1月16日 (a browser's own date input
 * follows the browser's locale: 01/16/2023 on an English system). Also takes 2023-01-16, 2023.1.16,
 * 2023/1/16, or a month or year alone; hands the library ISO (YYYY-MM-DD, YYYY-MM, YYYY).
 */
import { useEffect, useState } from 'react';
import { formatDate, parseDate } from '../format';

export function DateInput({ value, onChange, testId }: { value: string | undefined; onChange: (iso: string) => void; testId?: string }) {
  const [text, setText] = useState(formatDate(value));
  const [bad, setBad] = useState(false);
  useEffect(() => {
    setText(formatDate(value));
    setBad(false);
  }, [value]);
  const commit = (raw: string) => {
    const iso = parseDate(raw);
    if (iso === null) {
      setBad(true);
      return;
    }
    setBad(false);
    if (iso !== (value ?? '')) onChange(iso);
    setText(formatDate(iso));
  };
  return (
    <span className="date-input">
      <input
        value={text}
        placeholder="2023年1月16日"
        inputMode="text"
        aria-invalid={bad}
        onChange={(e) => {
          setText(e.target.value);
          if (parseDate(e.target.value) !== null) setBad(false);
        }}
        onBlur={(e) => commit(e.target.value)}
        onKeyDown={(e) => {
          // Enter settles the date; it must not submit the form around it with a date not yet read.
          if (e.key === 'Enter') {
            e.preventDefault();
            commit((e.target as HTMLInputElement).value);
          }
        }}
        data-testid={testId}
      />
      {bad && <span className="field-error" role="alert">请写作“2023年1月16日”</span>}
    </span>
  );
}
