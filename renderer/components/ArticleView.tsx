/** One article as it is read and cited: label +【heading】, each 款 numbered, 项 indented, notes apart. */
import type { Article } from '../../electron/engine/model/types';
import { paragraphMarker } from '../format';
import type { TextFocus } from './ReferencesPanel';
import { TermMarks } from './SearchMarks';

export function articleElementId(a: Pick<Article, 'id'>): string {
  return `a-${a.id}`;
}

/**
 * A unit's text (a 款's lead-in, a 项, a 目) with the search terms marked, and the cited words of a
 * reference when `focus` stands in this unit (offsets into the unit's text, as the engine gives them).
 */
function UnitText({ text, terms, focus, at }: { text: string; terms?: string[]; focus?: TextFocus | null; at: { paragraph: number; item?: number; subitem?: number } }) {
  const here = focus && focus.paragraph === at.paragraph && focus.item === at.item && focus.subitem === at.subitem && focus.end <= text.length;
  if (!here) return <TermMarks text={text} terms={terms} />;
  return (
    <>
      <TermMarks text={text.slice(0, focus.start)} terms={terms} />
      <mark className="ref-mark" data-testid="ref-mark">
        {text.slice(focus.start, focus.end)}
      </mark>
      <TermMarks text={text.slice(focus.end)} terms={terms} />
    </>
  );
}

/**
 * `terms`: words to mark in the text (the Reader opened from a search hit); `focus`: a reference in this
 * article to mark (from the 引用检查 panel).
 */
export function ArticleView({ article, selected, terms, focus }: { article: Article; selected: boolean; terms?: string[]; focus?: TextFocus | null }) {
  const paragraphs = article.paragraphs;
  return (
    <article
      id={articleElementId(article)}
      className={selected ? 'article selected' : 'article'}
      data-testid="article"
      data-article-id={article.id}
      data-selected={selected ? 'true' : undefined}
      aria-current={selected ? 'location' : undefined}
    >
      <div className="article-text" data-testid="article-text">
        {paragraphs.length === 0 && (
          <p className="para">
            <ArticleLabel article={article} />
            <span className="muted">（本条无正文）</span>
          </p>
        )}
        {paragraphs.map((p, i) => (
          <div className="para" key={i} data-testid="paragraph" data-paragraph={i + 1}>
            <span className="para-marker" title={`第${i + 1}款`} aria-label={`第${i + 1}款`}>
              {paragraphMarker(i + 1)}
            </span>
            <div className="para-body">
              <p className="para-text">
                {i === 0 && <ArticleLabel article={article} terms={terms} />}
                <UnitText text={p.text} terms={terms} focus={focus} at={{ paragraph: i + 1 }} />
              </p>
              {p.items.length > 0 && (
                <ol className="items">
                  {p.items.map((item, j) => (
                    <li key={j} className="item" data-testid="item">
                      <span className="item-label">{item.label}</span>
                      <span className="item-text">
                        <UnitText text={item.text} terms={terms} focus={focus} at={{ paragraph: i + 1, item: item.number }} />
                      </span>
                      {item.items && item.items.length > 0 && (
                        <ol className="subitems">
                          {item.items.map((sub, k) => (
                            <li key={k} className="subitem">
                              <span className="item-label">{sub.label}</span>
                              <span className="item-text">
                                <UnitText text={sub.text} terms={terms} focus={focus} at={{ paragraph: i + 1, item: item.number, subitem: sub.number }} />
                              </span>
                            </li>
                          ))}
                        </ol>
                      )}
                    </li>
                  ))}
                </ol>
              )}
            </div>
          </div>
        ))}
      </div>
      {article.notes.length > 0 && (
        <aside className="article-notes" data-testid="article-notes">
          <span className="notes-label">编者注</span>
          <ul>
            {article.notes.map((n, i) => (
              <li key={i} data-testid="article-note">
                {n}
              </li>
            ))}
          </ul>
        </aside>
      )}
    </article>
  );
}

function ArticleLabel({ article, terms }: { article: Article; terms?: string[] }) {
  return (
    <span className="article-label" data-testid="article-label">
      <span className="label">{article.label}</span>
      {article.heading && (
        <span className="heading">
          【<TermMarks text={article.heading} terms={terms} />】
        </span>
      )}
    </span>
  );
}
