/**
 * `duizhao align REF REF [REF…] [--top K] [--json]`: which articles of the documents deal with the same
 * topic. Human output is the topic × document matrix; --json is the `align` shape of CONTRACTS.md.
 */
import type { AlignTopic, Alignment, TopicMember } from '../../electron/engine/align/types';
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

/** A matrix cell: the article numbers of one document in one topic ("26、27"; an opinion's "（十一）"). */
export function cellText(members: TopicMember[]): string {
  if (!members.length) return '—';
  return members.map((m) => (m.label.startsWith('（') ? m.label : `${m.article}${m.sub ? `之${m.sub}` : ''}`)).join('、');
}

export function membersOf(topic: AlignTopic, alignment: Alignment, column: number): TopicMember[] {
  const d = alignment.documents[column]!;
  return topic.members.filter((m) => m.doc === d.doc && m.version === d.version);
}

function printMatrix(alignment: Alignment, shortTitles: string[]): void {
  const label = 28;
  const widths = alignment.documents.map((d, i) =>
    Math.max(10, displayWidth(shortTitles[i]!), ...alignment.topics.map((t) => displayWidth(cellText(membersOf(t, alignment, i))))),
  );
  alignment.documents.forEach((d, i) => {
    out(`  [${i + 1}] ${d.ref}  ${d.title}${d.versionLabel ? `（${d.versionLabel}）` : ''} · ${d.articles} ${d.kind === 'opinion' ? '项' : '条'}`);
  });
  out();
  out(pad('主题', label) + alignment.documents.map((_, i) => pad(shortTitles[i]!, widths[i]! + 2)).join('').trimEnd());
  for (const topic of alignment.topics) {
    const cells = alignment.documents.map((_, i) => pad(cellText(membersOf(topic, alignment, i)), widths[i]! + 2));
    out(pad(clipWidth(topic.label, label - 2), label) + cells.join('').trimEnd());
  }
  out();
  const shared = alignment.topics.filter((t) => new Set(t.members.map((m) => `${m.doc}@${m.version}`)).size > 1).length;
  out(`${alignment.topics.length} 个主题，其中 ${shared} 个为两份以上文档共有；“—”表示该文档没有对应条款。`);
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
    const alignment = await app.align.align(refs, top);
    if (args.flags.has('json')) return printJson(alignment);
    const shortTitles = alignment.documents.map((d) => {
      const short = app.documents.shortTitle(d.doc) ?? d.doc;
      return d.version ? `${short}@${d.version}` : short;
    });
    printMatrix(alignment, shortTitles);
  },
};
