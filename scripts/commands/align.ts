/**
 * `duizhao align REF REF [REF…] [--top K] [--json] [--xlsx FILE] [--pdf FILE] [--html FILE] [--shared-only]
 * [--force]`: which articles of the documents deal with the same topic. Human output is the table of
 * subjects × jurisdictions (short names: 浙江 2023, 深圳, 国家 2017), grouped by the first document's
 * chapters; a cell without a member shows the nearest article as a guess ("12？"). --json is the `align`
 * shape of CONTRACTS.md (every match with its confidence). --xlsx / --pdf / --html write the topic matrix
 * (with the articles' texts) for the 研究报告: atomically, and never over an existing file without --force.
 *
 * With one REF, across the library:
 *   `duizhao align REF --article N [--limit N] [--json]`   其他地方怎么规定: the article's counterparts in
 *                                                          every other jurisdiction's regulation on the subject
 *   `duizhao align REF --similar [--limit N] [--json]`     同类法规: the regulations of other jurisdictions
 *                                                          on the same subject
 */
import type { MatrixFormat } from '../../electron/app';
import type { AlignTopic, Alignment, NearestArticle, TopicMember } from '../../electron/engine/align/types';
import { fail, say } from '../../electron/engine/model';
import { articleNumber } from './annotate';
import { flagNumber, flagString, getApp, out, printJson, UsageError, type Args, type Command } from './common';

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
    out(`  ${pad(names[i]!, Math.max(...names.map(displayWidth)))}  ${d.title}${d.versionLabel ? `（${d.versionLabel}）` : ''}（${d.ref}）· ${say(d.kind === 'opinion' ? 'cli.align_items' : 'cli.align_articles', { n: d.articles })}`);
  });
  out();
  out(pad(say('align.matrix.topic'), label) + alignment.documents.map((_, i) => pad(names[i]!, widths[i]! + 2)).join('').trimEnd());
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
  out(say('cli.align_summary', { topics: alignment.topics.length, shared }));
}

const MATRIX_FLAGS: readonly MatrixFormat[] = ['xlsx', 'pdf', 'html'];

function progress(message: string): void {
  process.stderr.write(`duizhao：${message}\n`);
}

const confidenceWord = (c: string | undefined) => (c === 'high' || c === 'medium' || c === 'low' ? say(`align.confidence.${c}`) : '');

/** 其他地方怎么规定: one article's counterparts across the library. */
async function printCounterparts(ref: string, article: string, args: Args): Promise<void> {
  const limit = args.flags.has('limit') ? flagNumber(args, 'limit', 30) : undefined;
  const top = flagNumber(args, 'top', 3);
  const result = await getApp().align.counterparts({ ref, ...articleNumber(article), scope: 'library', top, ...(limit !== undefined ? { limit } : {}) });
  if (args.flags.has('json')) return printJson(result);
  const lib = result.library!;
  out(say('cli.counterparts_title', { name: result.name ?? ref, label: `${result.label}${result.heading ? `【${result.heading}】` : ''}`, documents: lib.documents, shortlisted: lib.shortlisted }));
  if (lib.partial) out(say('align.library_partial', lib.partial));
  if (!result.docs.length) return out(say('cli.counterparts_none'));
  const nameWidth = Math.max(8, ...result.docs.map((d) => displayWidth(d.name ?? d.ref)));
  for (const d of result.docs) {
    const best = d.matches[0];
    if (!best) {
      out(`  ${pad(d.name ?? d.ref, nameWidth)}  —  ${say('cli.counterparts_no_match', { title: d.title })}`);
      continue;
    }
    const guess = best.confidence === 'low' ? '？' : '';
    const others = d.matches.slice(1).map((m) => `${m.label}${m.confidence === 'low' ? '？' : ''}`);
    out(`  ${pad(d.name ?? d.ref, nameWidth)}  ${best.label}${guess}${best.heading ? `【${best.heading}】` : ''}  ${say('cli.counterparts_confidence', { confidence: confidenceWord(best.confidence), score: best.score.toFixed(2) })}${others.length ? `  ${say('cli.counterparts_also', { labels: others.join('、') })}` : ''}`);
    out(`  ${pad('', nameWidth)}  ${d.title}（${d.ref}）`);
  }
  out(say('cli.counterparts_legend'));
}

/** 同类法规: the regulations of other jurisdictions on the same subject. */
async function printSimilar(ref: string, args: Args): Promise<void> {
  const limit = args.flags.has('limit') ? flagNumber(args, 'limit', 20) : undefined;
  const result = await getApp().align.similar({ ref, ...(limit !== undefined ? { limit } : {}) });
  if (args.flags.has('json')) return printJson(result);
  out(say('cli.similar_title', { name: result.name, title: result.title, documents: result.library.documents }));
  if (result.library.partial) out(say('align.library_partial', result.library.partial));
  if (!result.docs.length) return out(say('cli.similar_none'));
  const nameWidth = Math.max(8, ...result.docs.map((d) => displayWidth(d.name)));
  for (const d of result.docs) {
    out(`  ${pad(d.name, nameWidth)}  ${d.score.toFixed(2)}  ${d.title}（${d.ref}）`);
    if (d.terms.length) out(`  ${pad('', nameWidth)}        ${say('cli.similar_terms', { terms: d.terms.join('、') })}`);
  }
}

export const alignCommand: Command = {
  name: 'align',
  usage: 'duizhao align REF REF [REF…] [--top K] [--json] [--xlsx FILE] [--pdf FILE] [--html FILE] [--shared-only] [--force] | duizhao align REF --article N | duizhao align REF --similar',
  flags: ['top', 'json', 'xlsx', 'pdf', 'html', 'shared-only', 'force', 'article', 'similar', 'limit'],
  summary: say('cli.summary.align'),
  async run(args) {
    const refs = args.positional;
    const article = flagString(args, 'article');
    if (article !== undefined || args.flags.has('similar')) {
      if (refs.length !== 1) throw new UsageError(say('cli.needs', { what: say('cli.needs.align_one'), usage: 'duizhao align zhejiang-2023 --article 27' }));
      return article !== undefined ? printCounterparts(refs[0]!, article, args) : printSimilar(refs[0]!, args);
    }
    if (refs.length < 2) throw new UsageError(say('cli.needs', { what: say('cli.needs.align'), usage: 'duizhao align REF REF [REF…]' }));
    const top = flagNumber(args, 'top', 3);
    if (!Number.isInteger(top) || top < 1) throw new UsageError(say('cli.needs_positive', { name: 'top', value: String(top) }));
    const targets = MATRIX_FLAGS.map((format) => ({ format, file: flagString(args, format) })).filter((t): t is { format: MatrixFormat; file: string } => t.file !== undefined);
    const force = args.flags.has('force');
    const app = getApp();
    // Refuse before doing any work (the writes check again, atomically).
    for (const t of targets) {
      if (!force && app.files.fileExists(t.file)) throw fail('exists', 'export.file_exists', { path: t.file });
    }
    // The app names the columns from the library's metadata (浙江 2023, 北京 2020, 国家 2017).
    const alignment = await app.align.align(refs, top);
    if (targets.length) {
      const matrix = await app.align.matrix({ refs, top, sharedOnly: args.flags.has('shared-only') });
      for (const t of targets) {
        if (t.format === 'pdf') progress(say('cli.export_printing'));
        const file = await app.align.renderMatrix(matrix, t.format);
        app.files.writeOutputFile(t.file, file.bytes, force);
        progress(say('cli.written', { file: t.file, kb: Math.round(file.bytes.length / 1024) }));
      }
    }
    if (args.flags.has('json')) return printJson(alignment);
    printMatrix(alignment);
  },
};
