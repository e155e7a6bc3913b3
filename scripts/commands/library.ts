/**
 * The user's own documents: `import` a file into the library, `edit` its metadata, `remove` it.
 * (`list` is in parse.ts and lists them with the corpus.)
 */
import type { DocumentMetadata } from '../../electron/services/types';
import { MAX_IMPORT_BYTES, say } from '../../electron/engine/model';
import { flagString, getApp, out, printJson, UsageError, type Args, type Command } from './common';

/** --title, --jurisdiction, --kind, --stage and the dates (--adopted, --effective, --published, --drafted). */
function metaFlags(args: Args): Partial<DocumentMetadata> {
  const meta: Partial<DocumentMetadata> = {};
  for (const field of ['title', 'jurisdiction', 'kind', 'stage'] as const) {
    const v = flagString(args, field);
    if (v !== undefined) meta[field] = v;
  }
  const dates: Record<string, string> = {};
  for (const d of ['adopted', 'effective', 'published', 'drafted'] as const) {
    const v = flagString(args, d);
    if (v !== undefined) dates[d] = v;
  }
  if (Object.keys(dates).length) meta.dates = dates;
  return meta;
}

export const importCommand: Command = {
  name: 'import',
  usage: 'duizhao import FILE [--title T --jurisdiction J --kind K --stage S --effective YYYY-MM-DD] [--json]',
  flags: ['title', 'jurisdiction', 'kind', 'stage', 'adopted', 'effective', 'published', 'drafted', 'json'],
  summary: say('cli.summary.import', { mb: MAX_IMPORT_BYTES / 1048576 }),
  async run(args) {
    const file = args.positional[0];
    if (!file) throw new UsageError(say('cli.needs', { what: say('cli.needs.import'), usage: 'duizhao import 文件' }));
    const showProgress = process.stderr.isTTY && !args.flags.has('json');
    let shown = -1;
    const app = getApp();
    const { name, bytes } = app.files.readImportFile(file);
    const result = await app.library.import(
      { name, data: bytes, meta: metaFlags(args) },
      {
        onProgress: (p) => {
          if (p.stage !== 'read' || p.total === undefined) return;
          const f = (p.done ?? 0) / p.total;
          const pct = Math.floor(f * 10) * 10;
          if (showProgress && pct !== shown) {
            shown = pct;
            process.stderr.write(`\r${say('cli.reading', { file, pct })}`);
            if (f >= 1) process.stderr.write('\n');
          }
        },
      },
    );
    const { summary } = result;
    if (args.flags.has('json')) {
      return printJson({
        id: result.id,
        title: result.title,
        articles: result.articles,
        warnings: result.warnings,
        versions: summary.versions,
        chapters: summary.chapters,
        format: summary.format,
      });
    }
    const versions = summary.versions > 1 ? `，${summary.versions} 个版本（${summary.versionLabels.join(' / ')}）` : '';
    out(say('cli.imported', { id: result.id, title: result.title }));
    out(`  ${summary.chapters} 章 ${result.articles} 条${versions}（${summary.format}）；${summary.jurisdiction || '—'} · ${summary.kind || '—'} · ${summary.stage || '—'}`);
    const warnings = result.warnings.filter((w) => w.level !== 'info');
    const repairs = result.warnings.length - warnings.length;
    if (warnings.length || repairs) out(`  ${say('cli.warnings', { n: warnings.length, repairs })}`);
    for (const w of warnings) out(`    ${say('cli.line', { line: w.line, message: w.message })}`);
    out(`  ${say('cli.imported_use', { id: result.id })}`);
  },
};

export const editCommand: Command = {
  name: 'edit',
  usage: 'duizhao edit ID [--title T --jurisdiction J --kind K --stage S --effective YYYY-MM-DD] [--json]',
  flags: ['title', 'jurisdiction', 'kind', 'stage', 'adopted', 'effective', 'published', 'drafted', 'json'],
  summary: say('cli.summary.edit'),
  run(args) {
    const id = args.positional[0];
    if (!id) throw new UsageError(say('cli.needs', { what: say('cli.needs.edit'), usage: 'duizhao edit ID --title …' }));
    const meta = metaFlags(args);
    if (Object.keys(meta).length === 0) throw new UsageError(say('cli.nothing_to_edit'));
    const summary = getApp().library.edit(id, meta);
    if (args.flags.has('json')) return printJson(summary);
    out(`${summary.id}: ${summary.title} · ${summary.jurisdiction || '—'} · ${summary.kind || '—'} · ${summary.stage || '—'}`);
  },
};

export const removeCommand: Command = {
  name: 'remove',
  usage: 'duizhao remove ID [--json]',
  flags: ['json'],
  summary: say('cli.summary.remove'),
  run(args) {
    const id = args.positional[0];
    if (!id) throw new UsageError(say('cli.needs', { what: say('cli.needs.remove'), usage: 'duizhao remove ID' }));
    const app = getApp();
    const title = app.documents.list().find((d) => d.id === id)?.title;
    app.library.remove(id);
    if (args.flags.has('json')) return printJson({ id, removed: true });
    out(say('cli.removed', { id, title: title ?? '' }));
  },
};
