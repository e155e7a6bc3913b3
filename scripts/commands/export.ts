/**
 * `duizhao export A B --pdf FILE | --docx FILE | --html FILE [--annotations FILE] [--changes-only]
 * [--no-notes] [--with-decision [--convention npc|court] [--renumber items|sentence] [--meeting M]
 * [--effective D]] [--with-refs] [--force] [--json]`: the comparison of two versions as a 修改对照稿 —
 * PDF (headless Chromium), Word, or the HTML itself — optionally followed by the appendices 修改决定（草稿）
 * (A → B) and 引用检查 (B's references against A's numbering). Several outputs may be asked for at once.
 * An existing file is never replaced without --force, and each file is written atomically (no partial
 * file on failure).
 */
import type { ExportFormat } from '../../electron/app';
import type { Annotation } from '../../electron/engine/annotate/types';
import { fail, say } from '../../electron/engine/model';
import { flagString, getApp, printJson, UsageError, type Command } from './common';
import { choice } from './draft';

function progress(message: string): void {
  process.stderr.write(`duizhao：${message}\n`);
}

/** Notes from --annotations FILE (read strictly: a damaged file is an error), else the user's own file. */
export function loadAnnotations(file: string | undefined): Annotation[] {
  const app = getApp();
  if (file) return app.files.readAnnotationsFile(file);
  const listing = app.notes.stored();
  for (const p of listing.problems) progress(p.message);
  return listing.annotations;
}

export const exportCommand: Command = {
  name: 'export',
  usage:
    'duizhao export A B --pdf FILE | --docx FILE | --html FILE [--annotations FILE] [--changes-only] [--no-notes] [--with-decision [--convention npc|court] [--renumber items|sentence] [--meeting M] [--effective D]] [--with-refs] [--force]',
  flags: ['pdf', 'docx', 'html', 'annotations', 'changes-only', 'no-notes', 'with-decision', 'with-refs', 'convention', 'renumber', 'meeting', 'effective', 'force', 'json'],
  summary: say('cli.summary.export'),
  async run(args) {
    const [left, right, ...extra] = args.positional;
    if (!left || !right) throw new UsageError(say('cli.needs', { what: say('cli.needs.export'), usage: 'duizhao export A B --pdf FILE' }));
    if (extra.length) throw new UsageError(say('cli.unexpected_argument', { arg: extra[0]! }));
    const targets = (['pdf', 'docx', 'html'] as const)
      .map((format) => ({ format: format as ExportFormat, file: flagString(args, format) }))
      .filter((t): t is { format: ExportFormat; file: string } => t.file !== undefined);
    if (targets.length === 0) throw new UsageError(say('cli.export_needs_target'));
    const force = args.flags.has('force');
    // Refuse before doing any work (the writes check again, atomically).
    const app = getApp();
    for (const t of targets) {
      if (!force && app.files.fileExists(t.file)) throw fail('exists', 'export.file_exists', { path: t.file });
    }

    // The decision's options only mean something with the decision appended.
    const decisionFlags = (['convention', 'renumber', 'meeting', 'effective'] as const).filter((f) => args.flags.has(f));
    if (decisionFlags.length && !args.flags.has('with-decision')) throw new UsageError(say('cli.needs_with_decision', { name: decisionFlags[0]! }));
    const convention = choice(flagString(args, 'convention'), 'convention', ['npc', 'court'] as const);
    const renumber = choice(flagString(args, 'renumber'), 'renumber', ['items', 'sentence'] as const);
    const meeting = flagString(args, 'meeting');
    const effective = flagString(args, 'effective');
    const decision = args.flags.has('with-decision')
      ? { ...(convention ? { convention } : {}), ...(renumber ? { renumber } : {}), ...(meeting ? { meeting } : {}), ...(effective ? { effective } : {}) }
      : undefined;

    const annotations = args.flags.has('no-notes') ? [] : loadAnnotations(flagString(args, 'annotations'));
    progress(say('cli.export_comparing', { left, right }));
    const started = Date.now();
    const report = await app.exports.report({
      left,
      right,
      annotations,
      options: {
        changesOnly: args.flags.has('changes-only'),
        notes: !args.flags.has('no-notes'),
        ...(decision ? { decision } : {}),
        ...(args.flags.has('with-refs') ? { refs: true } : {}),
      },
    });
    const written: Array<{ format: ExportFormat; file: string; bytes: number }> = [];
    for (const t of targets) {
      if (t.format === 'pdf') progress(say('cli.export_printing'));
      const bytes = await app.exports.render(report, t.format);
      app.files.writeOutputFile(t.file, bytes, force);
      written.push({ format: t.format, file: t.file, bytes: bytes.length });
      progress(say('cli.written', { file: t.file, kb: Math.round(bytes.length / 1024) }));
    }
    const summary = {
      left: { ref: left, label: report.left.label },
      right: { ref: right, label: report.right.label },
      rows: report.rows.length,
      omitted: report.omitted,
      annotations: report.counts.annotations,
      editorialNotes: report.counts.editorial,
      unplaced: report.unplaced.length,
      appendices: report.appendices.map((a) => (a.kind === 'decision' ? { kind: a.kind, heading: a.heading, items: a.items } : { kind: a.kind, heading: a.heading, references: a.rows.length, problems: a.problems })),
      outputs: written,
      ms: Date.now() - started,
    };
    if (args.flags.has('json')) printJson(summary);
    else {
      progress(say('cli.export_done', { rows: report.rows.length, notes: report.counts.annotations, unplaced: report.unplaced.length, ms: summary.ms }));
      for (const a of report.appendices) progress(a.kind === 'decision' ? say('cli.export_decision', { heading: a.heading, n: a.items }) : say('cli.export_refs', { heading: a.heading, n: a.rows.length, problems: a.problems }));
    }
  },
};
