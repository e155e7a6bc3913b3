import type { Command } from './common';
import { clip, getLibrary, out, printJson, UsageError } from './common';

export const listCommand: Command = {
  name: 'list',
  usage: 'duizhao list [--json]',
  flags: ['json'],
  summary: 'the documents of the corpus and the library',
  run(args) {
    const documents = getLibrary().list();
    if (args.flags.has('json')) return printJson({ documents });
    for (const d of documents) {
      const versions = d.versions > 1 ? ` · ${d.versions} 个版本（${d.versionLabels.join(' / ')}）` : '';
      out(`${d.id.padEnd(24)} ${d.title}${d.source === 'library' ? '  [imported]' : ''}`);
      out(`${''.padEnd(24)} ${d.jurisdiction || '—'} · ${d.kind || '—'} · ${d.stage || '—'} · ${d.chapters} 章 ${d.articles} 条${versions}${d.warnings ? ` · ${d.warnings} warnings` : ''}`);
    }
  },
};

export const parseCommand: Command = {
  name: 'parse',
  usage: 'duizhao parse REF [--json]',
  flags: ['json'],
  summary: 'parse a document: an outline, or the full tree as JSON',
  run(args) {
    const ref = args.positional[0];
    if (!ref) throw new UsageError('parse needs a document: duizhao parse REF');
    const { document: doc, version } = getLibrary().get(ref);
    if (args.flags.has('json')) return printJson(doc);
    out(`${doc.title}  (${doc.id}, ${doc.kind})`);
    for (const p of doc.preamble) out(`  ${clip(p, 70)}`);
    doc.versions.forEach((v, vi) => {
      if (doc.versions.length > 1) out(`\n== 版本 @${vi}${vi === version ? ' *' : ''}: ${v.label ?? ''} — ${v.chapters.length} 章 ${v.articles.length} 条`);
      else out(`\n${v.chapters.length} 章 ${v.articles.length} 条`);
      let chapter: number | null | undefined;
      for (const a of v.articles) {
        if (a.chapter !== chapter) {
          chapter = a.chapter;
          const c = v.chapters.find((x) => x.number === a.chapter);
          if (c) out(`${c.label} ${c.title}${c.implicit ? '（标题缺失）' : ''}`);
        }
        const heading = a.heading ? `【${a.heading}】` : '';
        const items = a.paragraphs.reduce((n, p) => n + p.items.length, 0);
        const counts = `${a.paragraphs.length} 款${items ? ` ${items} 项` : ''}`;
        out(`  ${a.label}${heading} ${clip(a.paragraphs[0]?.text || a.paragraphs[0]?.items[0]?.text || '', 36)}  [${counts}]`);
        for (const n of a.notes) out(`      （编者注：${n}）`);
      }
    });
    if (doc.table) out(`\n对照表: ${doc.table.rows.length} 行`);
    for (const t of doc.trailer) out(`  ${t}`);
    const warnings = doc.warnings.filter((w) => w.level !== 'info');
    const infos = doc.warnings.length - warnings.length;
    out(`\nwarnings: ${warnings.length}${infos ? ` (+${infos} repairs)` : ''}`);
    for (const w of warnings) out(`  line ${w.line}: ${w.message}`);
  },
};
