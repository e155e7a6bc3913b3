/** Reading exported PDFs back with poppler-utils (pdftotext, pdffonts, pdfinfo). */
import { spawnSync } from 'node:child_process';

export function tool(cmd: string, ...args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return r.stdout;
}

/**
 * The PDF's text in the order it was drawn (cell by cell, row by row), whitespace removed, and without
 * what repeats on every page (`furniture`: running header strings, the repeated table header; page
 * numbers always), so that a cell broken across pages reads as one string.
 */
export function pdfText(file: string, furniture: string[] = []): string {
  let text = tool('pdftotext', '-raw', file, '-').replace(/\s+/g, '');
  text = text.replace(/第\d+页，共\d+页/g, '');
  for (const f of furniture) text = text.split(f.replace(/\s+/g, '')).join('');
  return text;
}
