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

// Character conservation is defined once, next to the parser (what counts as output: title lines in the
// preamble, headings, articles, notes, annexes, trailer).
export { documentStrings, hanCounts } from '../../electron/engine/parse/conservation';
