/**
 * `duizhao decision OLD NEW [--json] [--renumber items|sentence] [--convention npc|court] [--docx FILE]
 * [--force]`: the 修改决定 that turns OLD into NEW, as text (stdout), JSON, or a Word file in 公文 layout.
 *
 * `duizhao refs REF [--against OLD] [--json]`: the internal cross-references of REF, each resolved; a
 * dangling one flagged; with --against, references that kept OLD's numbering flagged with the number
 * they should now have.
 *
 * Thin: the application layer's drafting use-cases (electron/app/draft.ts) do the work.
 */
import { citeTarget, renderDecisionText, type DecisionConvention, type Reference } from '../../electron/app';
import { fail, say } from '../../electron/engine/model';
import { flagString, getApp, out, printJson, UsageError, type Command } from './common';

export function choice<T extends string>(value: string | undefined, name: string, options: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(options as readonly string[]).includes(value)) throw new UsageError(say('cli.bad_choice', { name, value, options: options.join('、') }));
  return value as T;
}

function note(line: string): void {
  process.stderr.write(`duizhao：${line}\n`);
}

export const decisionCommand: Command = {
  name: 'decision',
  usage: 'duizhao decision OLD NEW [--json] [--renumber items|sentence] [--convention npc|court] [--docx FILE] [--force]',
  flags: ['json', 'renumber', 'convention', 'docx', 'force', 'meeting', 'effective'],
  summary: say('cli.summary.decision'),
  async run(args) {
    const [oldRef, newRef, ...extra] = args.positional;
    if (!oldRef || !newRef) throw new UsageError(say('cli.needs', { what: say('cli.needs.decision'), usage: 'duizhao decision OLD NEW' }));
    if (extra.length) throw new UsageError(say('cli.unexpected_argument', { arg: extra[0]! }));
    const renumber = choice(flagString(args, 'renumber'), 'renumber', ['items', 'sentence'] as const);
    const convention = choice(flagString(args, 'convention'), 'convention', ['npc', 'court'] as const);
    const docx = flagString(args, 'docx');
    const force = args.flags.has('force');
    const app = getApp();
    if (docx && !force && app.files.fileExists(docx)) throw fail('exists', 'export.file_exists', { path: docx });
    const meeting = flagString(args, 'meeting');
    const effective = flagString(args, 'effective');
    const req = {
      old: oldRef,
      new: newRef,
      ...(convention ? { convention: convention as DecisionConvention } : {}),
      ...(renumber ? { renumber } : {}),
      ...(meeting ? { meeting } : {}),
      ...(effective ? { effective } : {}),
    };
    let decision;
    if (docx) {
      const file = await app.draft.decisionFile(req);
      decision = file.decision;
      app.files.writeOutputFile(docx, file.docx, force);
      note(say('cli.written', { file: docx, kb: Math.round(file.docx.length / 1024) }));
    } else {
      decision = await app.draft.decision(req);
    }
    if (args.flags.has('json')) return printJson(decision);
    note(say('cli.decision_summary', { n: decision.items.length, convention: say(`cli.decision_convention.${decision.convention}`), renumber: say(`cli.decision_renumber.${decision.renumber}`) }));
    if (decision.revision.note) note(say('cli.decision_note', { note: decision.revision.note }));
    if (!docx || args.flags.has('json')) process.stdout.write(renderDecisionText(decision));
  },
};

function referenceLine(r: Reference): string {
  const status = say(`refs.status.${r.status}`);
  const detail = r.status === 'ok' ? '' : `：${r.message ?? ''}${r.suggest ? `；${say('cli.refs_suggest', { suggest: r.suggest })}` : ''}`;
  // Which member of a list this line is about (本条例第六条、第七条 → 第七条), and what it points at.
  const bare = r.text.replace(/^本[^第前本]{1,4}(?=第|前|本)/u, '');
  const cited = r.cited !== bare ? `（${r.cited}）` : '';
  const target = r.target && r.target.article > 0 ? ` → ${citeTarget(r.target)}` : '';
  return `${r.from.label}　${r.text}${cited}${target}　${status}${detail}`;
}

export const refsCommand: Command = {
  name: 'refs',
  usage: 'duizhao refs REF [--against OLD] [--json]',
  flags: ['json', 'against'],
  summary: say('cli.summary.refs'),
  async run(args) {
    const [ref, ...extra] = args.positional;
    if (!ref) throw new UsageError(say('cli.needs', { what: say('cli.needs.refs'), usage: 'duizhao refs REF [--against OLD]' }));
    if (extra.length) throw new UsageError(say('cli.unexpected_argument', { arg: extra[0]! }));
    const oldRef = flagString(args, 'against');
    const report = await getApp().draft.references(ref, oldRef);
    if (args.flags.has('json')) return printJson(report);
    if (oldRef) note(say('cli.refs_against', { old: oldRef }));
    const c = report.counts;
    out(say('cli.refs_summary', { n: report.references.length, ok: c.ok, dangling: c.dangling, moved: c.moved, deleted: c.deleted, external: report.external.length }));
    if (!report.references.length) out(say('cli.refs_none'));
    for (const r of report.references) out(referenceLine(r));
  },
};
