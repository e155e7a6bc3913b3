/**
 * The parser's public face: text → LegalDocument, in named stages.
 *   normalise (normalise.ts) → lines (lines.ts) → structure (structure.ts) → paragraphs (paragraphs.ts)
 * Every stage adds warnings with source line numbers instead of dropping what it does not understand.
 */
import { fail, warning, type LegalDocument, type Warning } from '../model';
import { classifyLines } from './lines';
import { normalise, type SourceLine } from './normalise';
import { buildComparison, buildRegulation, detectKind } from './structure';

export { normalise } from './normalise';
export { classifyLine, classifyLines, cleanTitle } from './lines';
export { splitInlineItems, takeNotes, isEditorialNote } from './paragraphs';
export { documentStrings, hanBalance, hanCounts } from './conservation';

export interface ParseOptions {
  id: string;
  /** Overrides the title found in the text (e.g. from the corpus manifest). */
  title?: string;
}

/** Preamble lines broken inside a parenthesis ("(2023年1月16日…大会" / "第一次会议通过)") are one line. */
function joinPreamble(lines: string[]): string[] {
  const out: string[] = [];
  let depth = 0;
  for (const l of lines) {
    if (depth > 0 && out.length) out[out.length - 1] += l;
    else out.push(l);
    for (const ch of l) {
      if (ch === '(' || ch === '（') depth++;
      else if ((ch === ')' || ch === '）') && depth > 0) depth--;
    }
  }
  return out;
}

const TITLE_WORDS = /条例|办法|规定|意见|决定|通知|细则|规则|对照稿|草案|法$/u;

function findTitle(preamble: string[]): string | null {
  const candidates = preamble.filter((l) => !/^附件\s*[0-9一二三四五六七八九十]*$/u.test(l) && !/^[（(].*[)）]$/u.test(l));
  return candidates.find((l) => l.length <= 80 && TITLE_WORDS.test(l)) ?? candidates[0] ?? null;
}

/**
 * The `# 标题` line of a Markdown file is the title: the level-1 headings at the top, joined by a space
 * when there are several (民法典's files: "# 中华人民共和国民法典" / "# 物权编"). They stay in the preamble.
 */
function markdownTitle(lines: SourceLine[]): string | null {
  const parts: string[] = [];
  for (const l of lines) {
    if (l.text.trim() === '') continue;
    if (l.heading !== 1) break;
    parts.push(l.text.trim());
  }
  return parts.length ? parts.join(' ') : null;
}

export function parseDocument(text: string, options: ParseOptions): LegalDocument {
  const warnings: Warning[] = [];
  const normalised = normalise(text);
  warnings.push(...normalised.warnings);
  const lines = classifyLines(normalised.lines, warnings);
  if (!lines.some((l) => l.kind !== 'blank')) {
    throw fail('empty_file', 'parse.empty_text', { name: options.id });
  }
  const kind = detectKind(lines);
  const structure = kind === 'comparison' ? buildComparison(lines, warnings) : buildRegulation(lines, warnings, kind);
  const preamble = joinPreamble(structure.preamble);
  if (structure.versions.every((v) => v.articles.length === 0)) {
    warnings.push(warning(1, 'warning', 'parse.no_articles'));
  }
  const title = options.title ?? markdownTitle(normalised.lines) ?? findTitle(preamble) ?? options.id;
  warnings.sort((a, b) => a.line - b.line);
  const doc: LegalDocument = {
    id: options.id,
    title,
    kind: structure.kind,
    preamble,
    versions: structure.versions,
    trailer: structure.trailer,
    warnings,
  };
  if (structure.table) doc.table = structure.table;
  return doc;
}
