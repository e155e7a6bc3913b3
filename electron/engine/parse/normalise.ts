/**
 * Stage 1 — normalise.
 *
 * Guarantee after this stage: one SourceLine per line of the source, numbered from 1 as an editor shows
 * them; no BOM, no CR, no zero-width characters; NBSP is a plain space; trailing white space trimmed;
 * Word artefacts (`[bookmark: _GoBack]`), HTML comments and markdown heading markers removed — but a
 * heading marker is evidence (a `##` line is a heading, whatever its words), so its level is kept on the
 * line. Leading white space is kept, because a leading tab marks a cell of a flattened 修改对照稿 table.
 */
import { warning, type Warning } from '../model';

export interface SourceLine {
  /** 1-based line number in the source. */
  line: number;
  text: string;
  /** The Markdown heading level (1 for `# 标题`, 2 for `## 第一章 总则`…) when the line was a heading. */
  heading?: number;
}

export interface Normalised {
  lines: SourceLine[];
  warnings: Warning[];
  /** True when the source has Markdown `#` headings. */
  markdown: boolean;
}

const HEADING = /^(\s*)(#{1,6})(?:[ \t\u3000]+|$)/u;

const WORD_ARTEFACT = /\[bookmark: [^\]]*\]/g;
const ZERO_WIDTH = /[\u200b\u200c\u200d\u2060\ufeff]/g;
const TRAILING_SPACE = /[\s\u3000]$/u;
const TRAILING_SPACE_RUN = /[\s\u3000]+$/u;

export function normalise(text: string): Normalised {
  const warnings: Warning[] = [];
  // Character-level clean-ups once over the whole text; they keep the line structure.
  const raw = text
    .replace(/^\ufeff/, '')
    .replace(/\r\n?/g, '\n')
    .replace(ZERO_WIDTH, '')
    .replace(/\u00a0/g, ' ')
    .split('\n');
  const lines: SourceLine[] = [];
  let inComment = false;
  let markdown = false;
  for (let index = 0; index < raw.length; index++) {
    const line = index + 1;
    let s = raw[index]!;
    if (s.includes('[bookmark: ')) {
      s = s.replace(WORD_ARTEFACT, '');
      warnings.push(warning(line, 'info', 'parse.bookmark_removed'));
    }
    // HTML comments (text copied from the web) may span lines; they are not part of the law.
    if (inComment || s.includes('<!--')) {
      let out = '';
      let rest = s;
      while (rest.length) {
        if (inComment) {
          const end = rest.indexOf('-->');
          if (end < 0) {
            rest = '';
          } else {
            rest = rest.slice(end + 3);
            inComment = false;
          }
        } else {
          const start = rest.indexOf('<!--');
          if (start < 0) {
            out += rest;
            rest = '';
          } else {
            out += rest.slice(0, start);
            rest = rest.slice(start + 4);
            inComment = true;
            warnings.push(warning(line, 'info', 'parse.comment_removed'));
          }
        }
      }
      s = out;
    }
    // Markdown headings ("## 第一章 总则") from text copied out of web pages: the marker goes, its level stays.
    let heading: number | undefined;
    if (s.includes('#')) {
      const m = HEADING.exec(s);
      if (m) {
        heading = m[2]!.length;
        s = m[1]! + s.slice(m[0].length);
        markdown = true;
      }
    }
    // A line holding only a tab is an empty table cell: keep the tab, it carries the structure.
    if (/^\t[\s\u3000]*$/u.test(s)) s = '\t';
    else if (TRAILING_SPACE.test(s)) s = s.replace(TRAILING_SPACE_RUN, '');
    lines.push(heading !== undefined && s.trim() !== '' ? { line, text: s, heading } : { line, text: s });
  }
  return { lines, warnings, markdown };
}
