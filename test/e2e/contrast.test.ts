/**
 * Readable for everyone: every piece of text on every view has a contrast of at least 4.5 : 1 against
 * what is behind it (WCAG 2.1 AA; 3 : 1 for large text, ≥ 24 px or ≥ 18.67 px bold). Measured in the page
 * from the computed colours: the text colour composited over the nearest opaque background up the tree.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { ROOT, startApp, type TestApp } from './harness';

let app: TestApp;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

interface Offender {
  text: string;
  ratio: number;
  color: string;
  background: string;
  where: string;
}

/** Runs in the page: every element with its own visible text, and its contrast ratio. */
function measure(): Offender[] {
  type RGBA = [number, number, number, number];
  const parse = (c: string): RGBA => {
    const m = /rgba?\(([^)]+)\)/.exec(c);
    if (!m) return [0, 0, 0, 0];
    const p = m[1]!.split(/[,\s/]+/).filter(Boolean).map(Number);
    return [p[0]!, p[1]!, p[2]!, p[3] ?? 1];
  };
  const over = (top: RGBA, bottom: RGBA): RGBA => {
    const a = top[3] + bottom[3] * (1 - top[3]);
    if (a === 0) return [0, 0, 0, 0];
    const ch = (i: number) => (top[i]! * top[3] + bottom[i]! * bottom[3] * (1 - top[3])) / a;
    return [ch(0), ch(1), ch(2), a];
  };
  const lum = ([r, g, b]: RGBA) => {
    const f = (v: number) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  /** The background behind an element: its own and its ancestors' backgrounds, composited. */
  const backgroundOf = (el: Element): RGBA => {
    const layers: RGBA[] = [];
    for (let e: Element | null = el; e; e = e.parentElement) {
      const bg = parse(getComputedStyle(e).backgroundColor);
      if (bg[3] > 0) layers.push(bg);
      if (bg[3] >= 1) break;
    }
    let out: RGBA = [255, 255, 255, 1];
    for (const layer of layers.reverse()) out = over(layer, out);
    return out;
  };
  const out: Offender[] = [];
  for (const el of Array.from(document.querySelectorAll('body *'))) {
    const own = Array.from(el.childNodes).filter((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
    if (own.length === 0) continue;
    const style = getComputedStyle(el);
    const rect = (el as HTMLElement).getBoundingClientRect();
    if (style.visibility === 'hidden' || style.display === 'none' || rect.width === 0 || rect.height === 0) continue;
    if ((el as HTMLElement).closest('[aria-hidden=true], option')) continue;
    const bg = backgroundOf(el);
    let opacity = 1;
    for (let e: Element | null = el; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
    const fg = parse(style.color);
    const text = over([fg[0], fg[1], fg[2], fg[3] * opacity], bg);
    const [l1, l2] = [lum(text), lum(bg)].sort((a, b) => b - a) as [number, number];
    const ratio = (l1 + 0.05) / (l2 + 0.05);
    const size = parseFloat(style.fontSize);
    const bold = Number(style.fontWeight) >= 700;
    const large = size >= 24 || (bold && size >= 18.67);
    // Disabled controls are exempt (WCAG 1.4.3).
    if ((el as HTMLButtonElement).disabled || el.closest('[disabled], [aria-disabled=true]')) continue;
    if (ratio < (large ? 3 : 4.5)) {
      out.push({
        text: own.map((n) => n.textContent!.trim()).join(' ').slice(0, 30),
        ratio: Math.round(ratio * 100) / 100,
        color: style.color,
        background: `rgb(${bg.slice(0, 3).map(Math.round).join(', ')})`,
        where: `${el.tagName.toLowerCase()}.${Array.from(el.classList).join('.')}`,
      });
    }
  }
  return out;
}

async function offenders(page: Page): Promise<Offender[]> {
  return page.evaluate(measure);
}

describe('text contrast ≥ 4.5 : 1 on every view', () => {
  const views: Array<[string, string, string]> = [
    ['文库', '', 'doc-row'],
    ['阅读', '#/reader/zhejiang-2023@0/27', 'article'],
    ['阅读（对照稿，编者注）', '#/reader/hunan-2020-review@0/13', 'article'],
    ['对照', '#/compare/hunan-2020-review@0/hunan-2020-review@1', 'compare-row'],
    ['沿革', '#/compare/history/hunan-2020-review@0,hunan-2020-review@1,hunan-2020/0:13', 'history-version'],
    ['检索', '#/search?q=政府采购', 'search-hit'],
    ['主题', '#/topics/zhejiang-2023,hunan-2020,shenzhen-draft', 'topic-row'],
    ['批注', '#/notes', 'notes-view'],
  ];
  it('选择文档（展开的列表）、批量导入的结果、编辑对话框', async () => {
    const page = await app.open('#/compare/zhejiang-2023/hunan-2020');
    await page.getByTestId('compare-right-input').click();
    await page.getByTestId('compare-right-input').press('ArrowDown');
    await page.getByTestId('doc-choice').first().waitFor();
    expect(await offenders(page)).toEqual([]);
    await page.goto(app.server.url);
    await page.getByTestId('doc-row').first().waitFor({ timeout: 30_000 });
    await page.getByTestId('import-folder-input').setInputFiles(join(ROOT, 'test', 'fixtures', 'bulk'));
    await page.getByTestId('bulk-summary').waitFor({ timeout: 60_000 });
    await page.getByTestId('bulk-imported').locator('summary').click();
    expect(await offenders(page)).toEqual([]);
    await page.getByTestId('doc-edit').first().click();
    await page.getByTestId('doc-dialog').waitFor();
    expect(await offenders(page)).toEqual([]);
    await page.close();
  });

  for (const [name, hash, ready] of views) {
    it(name, async () => {
      const page = await app.open(hash);
      await page.getByTestId(ready).first().waitFor({ timeout: 30_000 });
      // Let the rest of the view (badges, panels) settle.
      await page.waitForTimeout(300);
      expect(await offenders(page)).toEqual([]);
      await page.close();
    });
  }

  // The drafting aids' panels, opened over their views (the 修订 advice, the statuses of references).
  const panels: Array<[string, string, string, string]> = [
    ['对照（修改决定）', '#/compare/hunan-2020-review@1/hunan-2020', 'decision-button', 'decision-item'],
    ['对照（引用检查）', '#/compare/hunan-2020-review@1/hunan-2020', 'refs-button', 'refs-summary'],
    ['阅读（引用检查）', '#/reader/shenzhen-draft@0/46', 'refs-button', 'reference'],
  ];
  for (const [name, hash, button, ready] of panels) {
    it(name, async () => {
      const page = await app.open(hash);
      await page.getByTestId(button).waitFor({ timeout: 60_000 });
      await page.getByTestId(button).click();
      await page.getByTestId(ready).first().waitFor({ timeout: 60_000 });
      await page.waitForTimeout(300);
      expect(await offenders(page)).toEqual([]);
      await page.close();
    });
  }
});
