/**
 * The user's own documents: `import` files, folders and .zip archives into the library, `edit` a
 * document's metadata, `remove` it. (`list` is in parse.ts and lists them with the corpus.)
 */
import { statSync } from 'node:fs';
import type { BulkImportResult, BulkProgress, DocumentMetadata } from '../../electron/app';
import { MAX_IMPORT_BYTES, say } from '../../electron/engine/model';
import { flagString, getApp, out, printJson, UsageError, type Args, type Command } from './common';

const DATE_FLAGS = ['adopted', 'amended', 'approved', 'effective', 'published', 'drafted'] as const;
const META_FLAGS = ['title', 'jurisdiction', 'kind', 'stage', ...DATE_FLAGS];

/** --title, --jurisdiction, --kind, --stage and the dates (--adopted, --amended A,B, --effective, …). */
function metaFlags(args: Args): Partial<DocumentMetadata> {
  const meta: Partial<DocumentMetadata> = {};
  for (const field of ['title', 'jurisdiction', 'kind', 'stage'] as const) {
    const v = flagString(args, field);
    if (v !== undefined) meta[field] = v;
  }
  const dates: Record<string, string | string[]> = {};
  for (const d of DATE_FLAGS) {
    const v = flagString(args, d);
    if (v === undefined) continue;
    // Each 修正/修订 date, separated by commas: --amended 2009-08-27,2017-09-01 (empty clears them).
    dates[d] = d === 'amended' ? v.split(/[,，、\s]+/).filter(Boolean) : v;
  }
  if (Object.keys(dates).length) meta.dates = dates as DocumentMetadata['dates'];
  return meta;
}

/** Display width: a Han character takes two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return w;
}

/** Cuts a line to `max` columns, keeping its end (the file name is the part that changes). */
function fit(line: string, max: number): string {
  if (width(line) <= max) return line;
  const chars = [...line];
  while (chars.length > 1 && width(chars.join('')) > max - 1) chars.splice(Math.floor(chars.length / 2), 1);
  const mid = Math.floor(chars.length / 2);
  return chars.slice(0, mid).join('') + '…' + chars.slice(mid + 1).join('');
}

function duration(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  return s >= 60 ? say('cli.bulk_minutes', { m: Math.floor(s / 60), s: s % 60 }) : say('cli.bulk_seconds', { s });
}

/** Progress on stderr: one line rewritten in place on a terminal, a plain line every few seconds otherwise. */
function progressPrinter(): (p: BulkProgress) => void {
  const tty = process.stderr.isTTY === true;
  let lastPlain = 0;
  return (p) => {
    if (p.phase === 'scanning') return;
    if (p.phase === 'done') {
      if (tty) process.stderr.write('\r\x1b[K');
      return;
    }
    const line = say('cli.bulk_progress', {
      done: p.done,
      total: p.total,
      pct: p.total ? Math.floor((p.done / p.total) * 100) : 100,
      left: p.remainingMs !== undefined && p.done >= 3 ? say('cli.bulk_left', { time: duration(p.remainingMs) }) : '',
      file: p.file ?? '',
    });
    if (tty) process.stderr.write(`\r${fit(line, Math.max(20, (process.stderr.columns || 80) - 1))}\x1b[K`);
    else if (p.done === p.total || performance.now() - lastPlain > 2000) {
      lastPlain = performance.now();
      process.stderr.write(`duizhao: ${line}\n`);
    }
  };
}

function isSingleFile(paths: string[]): boolean {
  if (paths.length !== 1 || /\.zip$/i.test(paths[0]!)) return false;
  try {
    return statSync(paths[0]!).isFile();
  } catch {
    return true; // the single import says the file is missing
  }
}

async function importMany(paths: string[], args: Args): Promise<void> {
  const given = ['title', ...DATE_FLAGS].filter((f) => args.flags.has(f));
  if (given.length) throw new UsageError(say('cli.bulk_no_title', { flags: given.map((f) => '--' + f).join('、') }));
  const overrides = metaFlags(args);
  const controller = new AbortController();
  // Ctrl-C stops between documents (each goes in whole); a second one ends at once, as always.
  const onSigint = () => {
    process.off('SIGINT', onSigint);
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  let result: BulkImportResult;
  try {
    result = await getApp().library.importMany(paths, { onProgress: progressPrinter(), overrides }, { signal: controller.signal });
  } finally {
    process.off('SIGINT', onSigint);
  }
  if (result.cancelled) process.stderr.write(`duizhao: ${say('cli.bulk_cancelled')}\n`);
  if (args.flags.has('json')) {
    return printJson({ imported: result.imported, skipped: result.skipped, failed: result.failed, ...(result.cancelled ? { cancelled: true } : {}) });
  }
  for (const d of result.imported) {
    out(say('cli.bulk_imported_line', { id: d.id, label: d.label, jurisdiction: d.jurisdiction || '—', kind: d.kind || '—', articles: d.articles }));
  }
  const already = result.skipped.filter((s) => s.code === 'collection.duplicate_in_library');
  const others = result.skipped.filter((s) => s.code !== 'collection.duplicate_in_library');
  if (others.length) {
    out(say('cli.bulk_skipped_header'));
    for (const s of others) out(say('cli.bulk_skipped_entry', { file: s.file, why: s.reason }));
  }
  if (already.length) out(say('cli.bulk_already', { n: already.length }));
  if (result.failed.length) {
    out(say('cli.bulk_failed_header'));
    for (const f of result.failed) out(say('cli.bulk_failed_entry', { file: f.file, why: f.error }));
  }
  out(say('cli.bulk_done', { imported: result.imported.length, skipped: result.skipped.length, failed: result.failed.length, seconds: (result.ms / 1000).toFixed(1) }));
}

export const importCommand: Command = {
  name: 'import',
  usage: 'duizhao import PATH... [--title T --jurisdiction J --kind K --stage S --effective YYYY-MM-DD] [--json]',
  flags: [...META_FLAGS, 'json'],
  summary: say('cli.summary.import', { mb: MAX_IMPORT_BYTES / 1048576 }),
  async run(args) {
    const file = args.positional[0];
    if (!file) throw new UsageError(say('cli.needs', { what: say('cli.needs.import'), usage: 'duizhao import 文件|文件夹|压缩包…' }));
    if (!isSingleFile(args.positional)) return importMany(args.positional, args);
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
  usage: 'duizhao edit ID [--title T --jurisdiction J --kind K --stage S --effective YYYY-MM-DD --amended D1,D2] [--json]',
  flags: [...META_FLAGS, 'json'],
  summary: say('cli.summary.edit'),
  run(args) {
    const id = args.positional[0];
    if (!id) throw new UsageError(say('cli.needs', { what: say('cli.needs.edit'), usage: 'duizhao edit ID --title …' }));
    const meta = metaFlags(args);
    if (Object.keys(meta).length === 0) throw new UsageError(say('cli.nothing_to_edit'));
    const summary = getApp().library.edit(id, meta);
    if (args.flags.has('json')) return printJson(summary);
    out(`${summary.id}: ${summary.label} · ${summary.jurisdiction || '—'} · ${summary.kind || '—'} · ${summary.stage || '—'}`);
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
