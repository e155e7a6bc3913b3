/**
 * `duizhao compare A [B] [--json] [--formal]`: which article became which, and a redline of every changed
 * article in the terminal — [-删去-] and {+增加+}, in red and green on a colour terminal. Changes that are
 * only punctuation, width or numbering are folded into the new text unless --formal.
 */
import type { DiffSpan, DocumentComparison, Pair, Relation, UnitAlignment } from '../../electron/engine/compare/types';
import { intToCn, RELATION_LABELS, say } from '../../electron/engine/model';
import { getApp, out, printJson, UsageError, type Command } from './common';

const UNIT_NAMES: Record<UnitAlignment['relation'], string> = {
  unchanged: '未修改',
  modified: '修改',
  moved: '移动',
  added: '新增',
  deleted: '删除',
};

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

/** One redline as text. Formal and numbering changes read as the new text unless shown. */
export function renderSpans(spans: DiffSpan[], style: Style, showFormal: boolean): string {
  let s = '';
  for (const span of spans) {
    const quiet = !showFormal && (span.formal || span.numbering);
    if (span.op === 'equal') s += span.text;
    else if (span.op === 'delete') {
      if (quiet) continue;
      s += style.del(span.text) + (span.movedTo ? style.dim(`（移至${span.movedTo.label}）`) : '');
    } else if (quiet) s += span.text;
    else s += style.ins(span.text) + (span.movedFrom ? style.dim(`（原${span.movedFrom.label}）`) : '');
  }
  return s;
}

const sideLabel = (numbers: number[], labels: string[]) => (numbers.length ? labels.join('、') : '—');

function header(p: Pair): string {
  const left = sideLabel(p.left, p.leftArticles.map((a) => a.label));
  const right = sideLabel(p.right, p.rightArticles.map((a) => a.label));
  const tags = [RELATION_LABELS[p.relation]];
  if (p.renumbered) tags.push('重新编号');
  if (p.formalOnly) tags.push('仅标点');
  return `${left} → ${right}  ${tags.join(' · ')}`;
}

/** The readable report: a summary line, then every changed article. */
export function renderComparison(c: DocumentComparison, style: Style, showFormal: boolean): string[] {
  const lines: string[] = [];
  const side = (s: DocumentComparison['left']) => `${s.ref}（${s.label}，${s.articles} 条）`;
  lines.push(`${side(c.left)} → ${side(c.right)}`);
  const counts = (Object.keys(RELATION_LABELS) as Relation[]).filter((r) => c.summary[r]).map((r) => `${RELATION_LABELS[r]} ${c.summary[r]}`);
  lines.push(`${counts.join('，')}；重新编号 ${c.stats.renumbered}${c.stats.formalOnly ? `；仅标点等形式修改 ${c.stats.formalOnly}${showFormal ? '' : '（未显示，--formal 显示）'}` : ''}`);
  for (const p of c.pairs) {
    if (p.relation === 'unchanged') continue;
    if (p.formalOnly && !showFormal) continue;
    lines.push('');
    lines.push(style.bold(header(p)));
    for (const a of p.leftArticles) for (const n of a.notes) lines.push(style.dim(`  （左 ${a.label} 注：${n}）`));
    for (const a of p.rightArticles) for (const n of a.notes) lines.push(style.dim(`  （右 ${a.label} 注：${n}）`));
    if (p.related?.length) lines.push(style.dim(`  参见：${p.related.map((r) => `${r.label}（相似度 ${r.similarity.toFixed(2)}）`).join('，')}`));
    const whole = p.relation === 'added' || p.relation === 'deleted';
    for (const u of p.paragraphs) {
      if (u.relation === 'unchanged') continue;
      if (u.formal && !showFormal) continue;
      if (whole) {
        for (const line of renderSpans(u.diff, style, showFormal).split('\n')) lines.push(`    ${line}`);
        continue;
      }
      // In a split/merged pair the 款 belong to different articles: name them.
      const art = (list: Pair['leftArticles'], n: number | undefined, side: string) => (n === undefined ? side : (list.find((a) => a.number === n)?.label ?? side));
      const where = [
        u.left !== null ? `${art(p.leftArticles, u.leftArticle, '左')}第${intToCn(u.left)}款` : '',
        u.right !== null ? `${art(p.rightArticles, u.rightArticle, '右')}第${intToCn(u.right)}款` : '',
      ]
        .filter(Boolean)
        .join(' → ');
      const move = u.movedTo ? ` 移至${u.movedTo.label}` : u.movedFrom ? ` 原${u.movedFrom.label}` : '';
      lines.push(style.dim(`  ${where}  ${UNIT_NAMES[u.relation]}${move}`));
      const reordered = (u.items ?? []).filter((i) => i.relation === 'moved');
      if (reordered.length) lines.push(style.dim(`    项的顺序调整：${reordered.map((i) => `（${intToCn(i.left!)}）→（${intToCn(i.right!)}）`).join('，')}`));
      // A 款 moved in or out whole is shown in full where it landed; here only a reference.
      if ((u.movedFrom && u.left === null) || (u.movedTo && u.right === null && p.relation !== 'split' && p.relation !== 'merged')) continue;
      for (const line of renderSpans(u.diff, style, showFormal).split('\n')) lines.push(`    ${line}`);
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
    const result = b === undefined ? await app.compare.compareOwnVersions(a) : await app.compare.compare(a, b);
    if (args.flags.has('json')) return printJson(result);
    const tty = process.stdout.isTTY && !process.env.NO_COLOR;
    for (const line of renderComparison(result, tty ? colour : plain, args.flags.has('formal'))) out(line);
  },
};
