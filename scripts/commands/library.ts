/**
 * The user's own documents: `import` a file into the library, `edit` its metadata, `remove` it.
 * (`list` is in parse.ts and lists them with the corpus.)
 */
import type { DocumentMetadata } from '../../electron/api/contract';
import { MAX_IMPORT_BYTES } from '../../electron/services/library';
import { flagString, getLibrary, out, printJson, UsageError, type Args, type Command } from './common';

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
  summary: `add a .txt/.docx/.pdf/.html file to the library (≤ ${MAX_IMPORT_BYTES / 1048576} MB)`,
  async run(args) {
    const file = args.positional[0];
    if (!file) throw new UsageError('import needs a file: duizhao import FILE');
    const showProgress = process.stderr.isTTY && !args.flags.has('json');
    let shown = -1;
    const result = await getLibrary().importFile(file, metaFlags(args), {
      onProgress: (f) => {
        const pct = Math.floor(f * 10) * 10;
        if (showProgress && pct !== shown) {
          shown = pct;
          process.stderr.write(`\rreading ${file}: ${pct}%`);
          if (f >= 1) process.stderr.write('\n');
        }
      },
    });
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
    const versions = summary.versions > 1 ? `, ${summary.versions} versions (${summary.versionLabels.join(' / ')})` : '';
    out(`imported ${result.id}: ${result.title}`);
    out(`  ${summary.chapters} 章 ${result.articles} 条${versions} from ${summary.format}; ${summary.jurisdiction || '—'} · ${summary.kind || '—'} · ${summary.stage || '—'}`);
    const warnings = result.warnings.filter((w) => w.level !== 'info');
    const repairs = result.warnings.length - warnings.length;
    if (warnings.length || repairs) out(`  warnings: ${warnings.length}${repairs ? ` (+${repairs} repairs)` : ''}`);
    for (const w of warnings) out(`    line ${w.line}: ${w.message}`);
    out(`  use it as ${result.id} (e.g. duizhao compare ${result.id} zhejiang-2023)`);
  },
};

export const editCommand: Command = {
  name: 'edit',
  usage: 'duizhao edit ID [--title T --jurisdiction J --kind K --stage S --effective YYYY-MM-DD] [--json]',
  flags: ['title', 'jurisdiction', 'kind', 'stage', 'adopted', 'effective', 'published', 'drafted', 'json'],
  summary: 'change the metadata of an imported document (an empty value clears a date)',
  run(args) {
    const id = args.positional[0];
    if (!id) throw new UsageError('edit needs a document id: duizhao edit ID --title …');
    const meta = metaFlags(args);
    if (Object.keys(meta).length === 0) throw new UsageError('nothing to change: give --title, --jurisdiction, --kind, --stage or a date');
    const summary = getLibrary().updateMetadata(id, meta);
    if (args.flags.has('json')) return printJson(summary);
    out(`${summary.id}: ${summary.title} · ${summary.jurisdiction || '—'} · ${summary.kind || '—'} · ${summary.stage || '—'}`);
  },
};

export const removeCommand: Command = {
  name: 'remove',
  usage: 'duizhao remove ID [--json]',
  flags: ['json'],
  summary: 'remove an imported document from the library',
  run(args) {
    const id = args.positional[0];
    if (!id) throw new UsageError('remove needs a document id: duizhao remove ID (see duizhao list)');
    const library = getLibrary();
    const title = library.list().find((d) => d.id === id)?.title;
    library.remove(id);
    if (args.flags.has('json')) return printJson({ id, removed: true });
    out(`removed ${id}${title ? ` (${title})` : ''}`);
  },
};
