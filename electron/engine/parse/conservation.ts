/**
 * Character conservation: every Han character of the source appears in the parse output exactly as often.
 * The output is every string of the tree that holds source text (see `documentStrings`); what the parser
 * supplies itself (an implicit chapter's label) is not counted. HTML comments are not part of the text
 * (normalise.ts removes them), so the source is counted without them.
 */
import type { LegalDocument } from '../model';

/** Every string of a parsed document that holds source text, in reading order. */
export function documentStrings(doc: LegalDocument): string[] {
  const out: string[] = [...doc.preamble];
  for (const v of doc.versions) {
    if (v.label) out.push(v.label);
    for (const p of v.parts) out.push(p.label, p.title);
    for (const s of v.subparts ?? []) out.push(s.label, s.title);
    // A chapter the parser supplied (heading missing in the text) has a label the source does not.
    for (const c of v.chapters) out.push(...(c.implicit ? [] : [c.label, c.title]), ...c.intro);
    for (const s of v.sections) out.push(s.label, s.title);
    for (const a of v.articles) {
      out.push(a.label);
      if (a.heading) out.push(a.heading);
      for (const p of a.paragraphs) {
        out.push(p.text);
        for (const item of p.items) {
          out.push(item.label, item.text);
          for (const sub of item.items ?? []) out.push(sub.label, sub.text);
        }
      }
      out.push(...a.notes);
    }
    for (const x of v.annexes ?? []) out.push(x.title, ...x.lines);
  }
  out.push(...doc.trailer);
  return out;
}

const HAN = /\p{Script=Han}/gu;

/** Counts of each Han character. */
export function hanCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const ch of text.match(HAN) ?? []) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  return counts;
}

/** The source without its HTML comments (which are not law text and which the parser removes). */
export function withoutComments(text: string): string {
  return text.replace(/<!--[\s\S]*?(?:-->|$)/g, '');
}

export interface HanBalance {
  /** Han characters in the source (comments excluded) and in the output. */
  source: number;
  output: number;
  /** Characters whose counts differ: "字: source n, output m". Empty when conserved. */
  diff: string[];
}

/** Compares the Han characters of `source` (raw text as parsed) with those of the parsed document. */
export function hanBalance(source: string, doc: LegalDocument): HanBalance {
  const a = hanCounts(withoutComments(source));
  const b = hanCounts(documentStrings(doc).join('\n'));
  const diff: string[] = [];
  let inSource = 0;
  let inOutput = 0;
  for (const n of a.values()) inSource += n;
  for (const n of b.values()) inOutput += n;
  for (const ch of new Set([...a.keys(), ...b.keys()])) {
    if ((a.get(ch) ?? 0) !== (b.get(ch) ?? 0)) diff.push(`${ch}: source ${a.get(ch) ?? 0}, output ${b.get(ch) ?? 0}`);
  }
  return { source: inSource, output: inOutput, diff };
}
