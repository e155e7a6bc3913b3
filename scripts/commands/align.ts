/**
 * `duizhao align REF REF [REF…] [--top K] [--json]`: which articles of the documents deal with the same
 * topic. Human output is the table of subjects × jurisdictions (short names: 浙江 2023, 深圳, 国家 2017),
 * grouped by the first document's chapters; a cell without a member shows the nearest article as a guess
 * ("12？"). --json is the `align` shape of CONTRACTS.md (every match with its confidence).
 */
import type { AlignTopic, Alignment, NearestArticle, TopicMember } from '../../electron/engine/align/types';
import { flagNumber, getApp, out, printJson, UsageError, type Command } from './common';
import { say } from '../../electron/engine/model';

/** Terminal columns of a string: CJK and full-width characters take two. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return w;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

function clipWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let outText = '';
  for (const ch of text) {
    if (displayWidth(outText + ch + '…') > width) break;
    outText += ch;
  }
  return outText + '…';
}

const number = (m: Pick<TopicMember, 'label' | 'article' | 'sub'>) => (m.label.startsWith('（') ? m.label : `${m.article}${m.sub ? `之${m.sub}` : ''}`);

/**
 * A matrix cell: the article numbers of one document in one topic ("26、27"; an opinion's "（十一）"); where
 * it has none, the nearest article there as a guess ("12？"), else "—".
 */
export function cellText(members: TopicMember[], nearest?: NearestArticle): string {
  if (members.length) return members.map(number).join('、');
  return nearest ? `${number(nearest)}？` : '—';
}

export function membersOf(topic: AlignTopic, alignment: Alignment, column: number): TopicMember[] {
  const d = alignment.documents[column]!;
  return topic.members.filter((m) => m.doc === d.doc && m.version === d.version);
}

function nearestIn(topic: AlignTopic, alignment: Alignment, column: number) {
  const d = alignment.documents[column]!;
  return topic.nearest?.find((n) => n.doc === d.doc && n.version === d.version);
}

function printMatrix(alignment: Alignment): void {
  const names = alignment.documents.map((d) => d.name);
  const cell = (t: AlignTopic, i: number) => cellText(membersOf(t, alignment, i), nearestIn(t, alignment, i));
  const label = Math.min(28, Math.max(8, ...alignment.topics.map((t) => displayWidth(t.label) + 2)));
  const widths = alignment.documents.map((_, i) => Math.max(8, displayWidth(names[i]!), ...alignment.topics.map((t) => displayWidth(cell(t, i)))));
  alignment.documents.forEach((d, i) => {
    out(`  ${pad(names[i]!, Math.max(...names.map(displayWidth)))}  ${d.title}${d.versionLabel ? `（${d.versionLabel}）` : ''}（${d.ref}）· ${d.articles} ${d.kind === 'opinion' ? '项' : '条'}`);
  });
  out();
  out(pad('主题', label) + alignment.documents.map((_, i) => pad(names[i]!, widths[i]! + 2)).join('').trimEnd());
  let chapter: string | undefined;
  for (const topic of alignment.topics) {
    // The first document's chapters as section lines: the table reads in the order that law is laid out
    // (a topic without an article of it stays among its neighbours).
    if (topic.chapter && topic.chapter !== chapter && membersOf(topic, alignment, 0).length) {
      chapter = topic.chapter;
      out(`【${chapter}】`);
    }
    const cells = alignment.documents.map((_, i) => pad(cell(topic, i), widths[i]! + 2));
    out(pad(clipWidth(topic.label, label - 2), label) + cells.join('').trimEnd());
  }
  out();
  const shared = alignment.topics.filter((t) => new Set(t.members.map((m) => `${m.doc}@${m.version}`)).size > 1).length;
  out(`${alignment.topics.length} 个主题，其中 ${shared} 个为两份以上文档共有；“12？”为可能对应的条文（置信度中或低），“—”表示该文档没有涉及本主题的条款。`);
}

export const alignCommand: Command = {
  name: 'align',
  usage: 'duizhao align REF REF [REF…] [--top K] [--json]',
  flags: ['top', 'json'],
  summary: say('cli.summary.align'),
  async run(args) {
    const refs = args.positional;
    if (refs.length < 2) throw new UsageError(say('cli.needs', { what: say('cli.needs.align'), usage: 'duizhao align REF REF [REF…]' }));
    const top = flagNumber(args, 'top', 3);
    if (!Number.isInteger(top) || top < 1) throw new UsageError(say('cli.needs_positive', { name: 'top', value: String(top) }));
    const app = getApp();
    // The app names the columns from the library's metadata (浙江 2023, 北京 2020, 国家 2017).
    const alignment = await app.align.align(refs, top);
    if (args.flags.has('json')) return printJson(alignment);
    printMatrix(alignment);
  },
};
