/**
 * A word-level redline of one text against another (the engine's token diff): deleted words struck, added
 * words underlined, the rest plain — the 对照稿 marks at the scale of one article.
 */
import type { DiffSpan } from '../../electron/engine/compare/types';

export function TokenDiff({ spans, testId }: { spans: readonly Pick<DiffSpan, 'op' | 'text'>[]; testId?: string }) {
  return (
    <p className="diff-output" data-testid={testId}>
      {spans.map((s, i) =>
        s.op === 'equal' ? (
          <span key={i}>{s.text}</span>
        ) : s.op === 'delete' ? (
          <del key={i} data-testid="diff-del">
            {s.text}
          </del>
        ) : (
          <ins key={i} data-testid="diff-ins">
            {s.text}
          </ins>
        ),
      )}
    </p>
  );
}
