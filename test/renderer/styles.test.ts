/**
 * The page's stylesheets parse as written: every rule closed, rules nested only inside @media, @supports
 * and @keyframes. A rule left open (a merge once cut one short) makes the browser swallow every rule after
 * it, silently: the 检索 view lost its whole layout that way.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const RENDERER = join(__dirname, '..', '..', 'renderer');
const html = readFileSync(join(RENDERER, 'index.html'), 'utf8');
const sheets = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]!);

/** Problems of one stylesheet: unbalanced braces, or a rule opened inside a plain rule. */
function problems(css: string): string[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/"[^"\n]*"|'[^'\n]*'/g, (q) => q.replace(/[{}]/g, ' '));
  const out: string[] = [];
  const stack: Array<{ atRule: boolean; line: number }> = [];
  let line = 1;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') line++;
    else if (ch === '{') {
      const prelude = text.slice(start, i).trim();
      const parent = stack.at(-1);
      if (parent && !parent.atRule && !prelude.startsWith('&')) out.push(`line ${line}: "${prelude.slice(-40)}" opens inside the rule of line ${parent.line}, left open`);
      stack.push({ atRule: prelude.startsWith('@'), line });
      start = i + 1;
    } else if (ch === '}') {
      if (!stack.pop()) out.push(`line ${line}: a } closes nothing`);
      start = i + 1;
    } else if (ch === ';') start = i + 1;
  }
  for (const open of stack) out.push(`line ${open.line}: never closed`);
  return out;
}

describe('stylesheets', () => {
  it('the page links its stylesheets', () => {
    expect(sheets).toContain('styles.css');
  });
  it.each(sheets)('%s: every rule closed, none opened inside another', (sheet) => {
    expect(problems(readFileSync(join(RENDERER, sheet), 'utf8'))).toEqual([]);
  });
  it('a rule left open is caught', () => {
    expect(problems('.a {\n  color: red;\n\n.b {\n  color: blue;\n}\n')).not.toEqual([]);
  });
});
