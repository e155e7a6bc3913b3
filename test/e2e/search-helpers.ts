/**
 * Shared by the 检索 view's tests (search.test.ts on the built-in corpus, search-laws.test.ts on imported real
 * texts): waiting for an answer, reading what the page shows, reading an exported CSV back.
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Waits for the answer of the search in the hash (results or the zero-result message); a failed search throws. */
export async function results(page: Page): Promise<void> {
  // The first search may wait for the index (segmenter dictionaries + build in a fresh home).
  const done = page.locator('[data-testid=search-summary], [data-testid=search-empty], [data-testid=error]').first();
  await done.waitFor({ timeout: 45_000 });
  if ((await done.getAttribute('data-testid')) === 'error') throw new Error(`search failed: ${await done.textContent()}`);
}

export const hash = (page: Page): Promise<string> => page.evaluate(() => decodeURIComponent(location.hash));

/** `doc@version/article` of each hit shown (in a scope: the page, a group), in order. */
export function hitKeys(scope: Page | Locator): Promise<string[]> {
  return scope.getByTestId('search-hit').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-doc')}@${e.getAttribute('data-version')}/${e.getAttribute('data-article')}`));
}

export async function total(page: Page): Promise<number> {
  return Number(await page.getByTestId('search-total').textContent());
}

/** Polls until the results shown say `n` articles (a click or a filter has been answered). */
export async function totalBecomes(page: Page, n: number): Promise<void> {
  await expect.poll(async () => (await page.getByTestId('search-loading').count()) === 0 && (await page.getByTestId('search-total').count()) > 0 && (await total(page))).toBe(n);
}

/** A facet value's button, e.g. facet(page, 'jurisdiction', '湖南'). */
export function facet(page: Page, name: string, value: string): Locator {
  return page.getByTestId(`facet-${name}`).locator(`[data-testid=facet-value][data-value="${value}"]`);
}

/** RFC 4180: fields in double quotes may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** `doc@version/article` of an exported link (duizhao://doc/ID@V#art_N, art_N_M for 第N条之M). */
export function linkKey(link: string): string {
  const m = /^duizhao:\/\/doc\/(.+)@(\d+)#art_(\d+)(?:_\d+)?$/.exec(link);
  if (!m) throw new Error(`not an article link: ${link}`);
  return `${m[1]}@${m[2]}/${m[3]}`;
}
