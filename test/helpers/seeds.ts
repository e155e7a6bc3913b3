/** Test access to the seed documents exactly as shipped in corpus/. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LegalDocument } from '../../electron/engine/model';
import { parseDocument } from '../../electron/engine/parse';

export const CORPUS = join(__dirname, '..', '..', 'corpus');

export const SEEDS = {
  'zhejiang-2023': '000_8b2458d89ee586cf.txt',
  'hunan-2020': '001_750f479af8771a80.txt',
  'zhejiang-2020-opinion': '002_a107386602944fcc.txt',
  'hunan-2020-review': '003_d023dc51cac254c0.txt',
  'shenzhen-draft': '004_174153abbf961c1e.txt',
} as const;

export type SeedId = keyof typeof SEEDS;

export function seedText(id: SeedId): string {
  return readFileSync(join(CORPUS, SEEDS[id]), 'utf8');
}

export function seedBytes(id: SeedId): Buffer {
  return readFileSync(join(CORPUS, SEEDS[id]));
}

export function parseSeed(id: SeedId): LegalDocument {
  return parseDocument(seedText(id), { id });
}

/** Every string of a parsed document that holds source text, in reading order. */
export function documentStrings(doc: LegalDocument): string[] {
  const out: string[] = [...doc.preamble];
  for (const v of doc.versions) {
    if (v.label) out.push(v.label);
    for (const p of v.parts) out.push(p.label, p.title);
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
  }
  out.push(...doc.trailer);
  return out;
}

/** Counts of each Han character. */
export function hanCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const ch of text.match(/\p{Script=Han}/gu) ?? []) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  return counts;
}
