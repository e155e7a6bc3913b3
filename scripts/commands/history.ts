/**
 * `duizhao history REF ARTICLE [--json]`: the path of one article through its legislative chain
 * (修订草案 → 二次审议稿 → 施行文本): where its text is in each version, how it got there, and each
 * version's own text of it. --json is the `history` shape of CONTRACTS.md (chain, steps with ref, label,
 * articles, relation), with each step's texts and pairs.
 */
import type { HistoryStep } from '../../electron/app';
import { articleText, RELATION_LABELS, say } from '../../electron/engine/model';
import { articleNumber } from './annotate';
import { getApp, out, printJson, UsageError, type Command } from './common';

function stepLines(steps: HistoryStep[], k: number): string[] {
  const step = steps[k]!;
  const head = `${step.label}（${step.ref}）`;
  if (step.articles.length === 0) {
    const later = steps.slice(k + 1).some((s) => s.articles.length > 0);
    return [`${head}：${say(later ? 'history.absent_before' : 'history.absent_after')}`];
  }
  const labels = step.texts.map((a) => a.label).join('、');
  const how = step.relation ? `${RELATION_LABELS[step.relation]}${step.pairs.some((p) => p.renumbered) ? ` · ${say('history.renumbered')}` : ''} → ` : '';
  // Where the text came from, when that is not simply the same articles.
  const sources = k > 0 && step.relation !== 'added' ? [...new Set(step.pairs.flatMap((p) => p.leftArticles.map((a) => a.label)))] : [];
  const from = sources.join('、') === labels ? [] : sources;
  const lines = [`${head}：${how}${labels}${from.length ? `（${say('history.from', { labels: from.join('、') })}）` : ''}`];
  for (const a of step.texts) {
    lines.push(`  ${a.label}${a.heading ? `【${a.heading}】` : ''}`);
    for (const line of articleText(a).split('\n')) lines.push(`    ${line}`);
    for (const n of a.notes) lines.push(`    （${n}）`);
  }
  return lines;
}

export const historyCommand: Command = {
  name: 'history',
  usage: 'duizhao history REF ARTICLE [--json]',
  flags: ['json'],
  summary: say('cli.summary.history'),
  async run(args) {
    const [ref, article, ...extra] = args.positional;
    if (!ref || !article) throw new UsageError(say('cli.needs', { what: say('cli.needs.history'), usage: 'duizhao history hunan-2020-review@0 13' }));
    if (extra.length) throw new UsageError(say('cli.unexpected_argument', { arg: extra[0]! }));
    const history = await getApp().history.history({ ref, ...articleNumber(article) });
    if (args.flags.has('json')) return printJson(history);
    out(say('history.title', { label: history.label, chain: history.steps.map((s) => s.label).join(' → ') }));
    history.steps.forEach((_, k) => {
      out();
      for (const line of stepLines(history.steps, k)) out(line);
    });
  },
};
