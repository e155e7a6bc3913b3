/**
 * `duizhao compare A [B] [--json] [--formal]`: which article became which, and a redline of every changed
 * article in the terminal — [-删去-] and {+增加+}, in red and green on a colour terminal. Changes that are
 * only punctuation, width or numbering are folded into the new text unless --formal. The rows, their 款
 * and the marks are the 对照稿 display model's (engine/display, through the application layer): this
 * file only lays them out as lines.
 */
import type { ComparisonDisplay } from '../../electron/app';
import type { DisplayRow, DisplayRun } from '../../electron/engine/display/types';
import { HIDE_FORMAL, SHOW_ALL, say, visibleMark } from '../../electron/engine/model';
import { getApp, out, printJson, UsageError, type Command } from './common';

interface Style {
  del(text: string): string;
  ins(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const plain: Style = { del: (t) => `[-${t}-]`, ins: (t) => `{+${t}+}`, dim: (t) => t, bold: (t) => t };
const colour: Style = {
  del: (t) => `\x1b[31m[-${t}-]\x1b[0m`,
  ins: (t) => `\x1b[32;1m{+${t}+}\x1b[0m`,
  dim: (t) => `\x1b[2m${t}\x1b[0m`,
  bold: (t) => `\x1b[1m${t}\x1b[0m`,
};

/** One redline line as text. Formal and numbering changes read as the new text unless shown. */
export function renderRuns(runs: DisplayRun[], style: Style, showFormal: boolean): string {
  let s = '';
  for (const run of runs) {
    const mark = visibleMark(run, showFormal ? SHOW_ALL : HIDE_FORMAL);
    if (run.mark === 'none') s += run.text;
    else if (run.mark === 'deleted' || run.mark === 'moved') {
      if (mark === 'none') continue; // a hidden deletion: the new text reads on
      s += style.del(run.text) + (run.movedTo ? style.dim(`（移至${run.movedTo.label}）`) : '');
    } else if (mark === 'none') s += run.text;
    else s += style.ins(run.text) + (run.movedFrom ? style.dim(`（原${run.movedFrom.label}）`) : '');
  }
  return s;
}

function header(row: DisplayRow): string {
  const side = (articles: DisplayRow['left']) => (articles.length ? articles.map((a) => a.label).join('、') : '—');
  const tags = [row.relationLabel];
  if (row.renumbered) tags.push('重新编号');
  if (row.formalOnly) tags.push('仅标点');
  return `${side(row.left)} → ${side(row.right)}  ${tags.join(' · ')}`;
}

/** The readable report: a summary line, then every changed article, 款 by 款. */
export function renderComparison(c: ComparisonDisplay, style: Style, showFormal: boolean): string[] {
  const lines: string[] = [];
  const side = (s: ComparisonDisplay['left']) => `${s.ref}（${s.name}，${s.articles} 条）`;
  lines.push(`${side(c.left)} → ${side(c.right)}`);
  const counts = c.summary.map((s) => `${s.label} ${s.count}`);
  lines.push(`${counts.join('，')}；重新编号 ${c.stats.renumbered}${c.stats.formalOnly ? `；仅标点等形式修改 ${c.stats.formalOnly}${showFormal ? '' : '（未显示，--formal 显示）'}` : ''}`);
  if (c.limited) lines.push(say('compare.limited', { skipped: c.limited.skipped }));
  for (const row of c.rows) {
    if (row.relation === 'unchanged') continue;
    if (row.formalOnly && !showFormal) continue;
    lines.push('');
    lines.push(style.bold(header(row)));
    for (const a of row.left) for (const n of a.editorialNotes) lines.push(style.dim(`  （左 ${a.label} 注：${n}）`));
    for (const a of row.right) for (const n of a.editorialNotes) lines.push(style.dim(`  （右 ${a.label} 注：${n}）`));
    if (row.related) lines.push(style.dim(`  ${row.related.text}`));
    const whole = row.relation === 'added' || row.relation === 'deleted';
    for (const change of row.changes ?? []) {
      if (change.relation === 'unchanged') continue;
      if (change.formal && !showFormal) continue;
      if (!whole) {
        const where = [change.left, change.right].filter(Boolean).join(' → ');
        lines.push(style.dim(`  ${where}  ${change.relationLabel}${change.move ? ` ${change.move}` : ''}`));
        if (change.reordered.length) lines.push(style.dim(`    项的顺序调整：${change.reordered.join('，')}`));
        if (!change.shown) continue;
      }
      for (const line of change.lines) lines.push(`    ${renderRuns(line, style, showFormal)}`);
    }
  }
  return lines;
}

export const compareCommand: Command = {
  name: 'compare',
  usage: 'duizhao compare REF_A [REF_B] [--json] [--formal]',
  flags: ['json', 'formal'],
  summary: say('cli.summary.compare'),
  async run(args) {
    const [a, b] = args.positional;
    if (!a) throw new UsageError(say('cli.needs', { what: say('cli.needs.compare'), usage: 'duizhao compare REF_A REF_B' }));
    const app = getApp();
    if (args.flags.has('json')) return printJson(b === undefined ? await app.compare.compareOwnVersions(a) : await app.compare.compare(a, b));
    const shown = b === undefined ? await app.compare.displayOwnVersions(a, { redline: true }) : await app.compare.display(a, b, { redline: true });
    const tty = process.stdout.isTTY && !process.env.NO_COLOR;
    for (const line of renderComparison(shown, tty ? colour : plain, args.flags.has('formal'))) out(line);
  },
};
