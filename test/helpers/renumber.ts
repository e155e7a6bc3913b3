/**
 * Renumbered variants of the seed texts, for the tests that check notes re-anchor by their words.
 * They change the text the way a drafter does (an article inserted, everything after it renumbered),
 * then go through the real parser.
 */
import { intToCn, cnToInt } from '../../electron/engine/model';

/**
 * The Hunan 修改对照稿 (seed 003) with a new article inserted into the 修订草案 column (@0) before its
 * article `at`: @0's articles `at`… become `at+1`…; the 二次审议稿 column (@1) is left as it is.
 *
 * The 对照稿 is a two-column table flattened to text: rows are separated by blank lines, and within a
 * row each cell starts with a tab, the 修订草案 cell first ("\t" alone is an empty cell).
 */
export function insertReviewArticle(text: string, at: number, body = '县级以上人民政府应当建立中小企业发展情况年度报告制度。'): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let cellInRow = 0;
  let inserted = false;
  for (const line of lines) {
    if (line.trim() === '') {
      cellInRow = 0;
      out.push(line);
      continue;
    }
    if (line.startsWith('\t')) {
      cellInRow++;
      const m = /^\t第([零〇一二三四五六七八九十百千]+)条/.exec(line);
      const n = m ? cnToInt(m[1]!) : null;
      if (cellInRow === 1 && m && n !== null && n >= at) {
        if (n === at && !inserted) {
          // A row of its own: the new article on the left, an empty cell on the right.
          out.push(`\t第${intToCn(at)}条  ${body}`, '\t', '');
          inserted = true;
        }
        out.push(line.replace(/^\t第[零〇一二三四五六七八九十百千]+条/, `\t第${intToCn(n + 1)}条`));
        continue;
      }
    }
    out.push(line);
  }
  if (!inserted) throw new Error(`no 修订草案 article ${at} to insert before`);
  return out.join('\n');
}

/**
 * A plain regulation's text with a new article inserted before article `at`, and every later article's
 * number (at the start of its line) moved up by one. Cross-references inside the text are left alone,
 * as they would be in a first draft.
 */
export function insertArticle(text: string, at: number, body = '县级以上人民政府应当建立中小企业发展情况年度报告制度。'): string {
  let inserted = false;
  const out = text.split('\n').flatMap((line) => {
    const m = /^(\s*)第([零〇一二三四五六七八九十百千]+)条/.exec(line);
    const n = m ? cnToInt(m[2]!) : null;
    if (!m || n === null || n < at) return [line];
    const renumbered = line.replace(/^(\s*)第[零〇一二三四五六七八九十百千]+条/, `${m[1]}第${intToCn(n + 1)}条`);
    if (n === at && !inserted) {
      inserted = true;
      return [`${m[1]}第${intToCn(at)}条　${body}`, renumbered];
    }
    return [renumbered];
  });
  if (!inserted) throw new Error(`no article ${at} to insert before`);
  return out.join('\n');
}
