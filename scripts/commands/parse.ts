import type { Command } from './common';
import { clip, getApp, out, printJson, UsageError } from './common';
import { say } from '../../electron/engine/model';

export const listCommand: Command = {
  name: 'list',
  usage: 'duizhao list [--json]',
  flags: ['json'],
  summary: say('cli.summary.list'),
  run(args) {
    const documents = getApp().documents.list();
    if (args.flags.has('json')) return printJson({ documents });
    // The versions of one law together, oldest first, where the first of them stands.
    const works = new Map<string, typeof documents>();
    for (const d of documents) works.set(d.work, [...(works.get(d.work) ?? []), d]);
    const shown = new Set<string>();
    for (const first of documents) {
      if (shown.has(first.work)) continue;
      shown.add(first.work);
      const versions = works.get(first.work)!;
      if (versions.length > 1) {
        versions.sort((a, b) => (a.versionDate ?? '').localeCompare(b.versionDate ?? ''));
        out(`${''.padEnd(24)} ${say('cli.list_versions', { n: versions.length })}：${versions[0]!.title}`);
      }
      for (const d of versions) {
        const many = d.versions > 1 ? ` · ${d.versions} 个版本（${d.versionLabels.join(' / ')}）` : '';
        const follows = d.supersedes ? ` · ${say('cli.list_follows', { ref: d.supersedes })}` : '';
        out(`${d.id.padEnd(24)} ${d.label}${d.source === 'library' ? `  ${say('cli.tag_imported')}` : ''}`);
        out(`${''.padEnd(24)} ${d.jurisdiction || '—'} · ${d.kind || '—'} · ${d.stage || '—'} · ${d.chapters} 章 ${d.articles} 条${many}${follows}${d.warnings ? ` · ${say('cli.warnings', { n: d.warnings, repairs: 0 })}` : ''}`);
      }
    }
  },
};

export const parseCommand: Command = {
  name: 'parse',
  usage: 'duizhao parse REF [--json]',
  flags: ['json'],
  summary: say('cli.summary.parse'),
  run(args) {
    const ref = args.positional[0];
    if (!ref) throw new UsageError(say('cli.needs', { what: say('cli.needs.parse'), usage: 'duizhao parse REF' }));
    const { document: doc, version } = getApp().documents.get(ref);
    if (args.flags.has('json')) return printJson(doc);
    out(`${doc.title}  (${doc.id}, ${doc.kind})`);
    for (const p of doc.preamble) out(`  ${clip(p, 70)}`);
    doc.versions.forEach((v, vi) => {
      if (doc.versions.length > 1) out(`\n== 版本 @${vi}${vi === version ? ' *' : ''}: ${v.label ?? ''} — ${v.chapters.length} 章 ${v.articles.length} 条`);
      else out(`\n${v.chapters.length} 章 ${v.articles.length} 条`);
      // Headings where they change, told apart by id (chapter numbers restart in each 编), then the annexes.
      let part: number | null | undefined;
      let subpart: number | null | undefined;
      let chapterId: string | null | undefined;
      let section: string | undefined;
      for (const a of v.articles) {
        if ((a.part ?? null) !== part) {
          part = a.part ?? null;
          const p = v.parts.find((x) => x.number === part);
          if (p) out(`${p.label} ${p.title}`);
        }
        if ((a.subpart ?? null) !== subpart) {
          subpart = a.subpart ?? null;
          const s = v.subparts?.find((x) => x.number === subpart && (x.part ?? null) === (a.part ?? null));
          if (s) out(`${s.label} ${s.title}`);
        }
        if ((a.chapterId ?? null) !== chapterId) {
          chapterId = a.chapterId ?? null;
          section = undefined;
          const c = v.chapters.find((x) => x.id === chapterId);
          if (c) out(`${[c.label, c.title].filter(Boolean).join(' ')}${c.implicit ? '（标题缺失）' : ''}`);
        }
        const sectionKey = a.section === null ? undefined : `${chapterId}:${a.section}`;
        if (sectionKey !== section) {
          section = sectionKey;
          const s = v.sections.find((x) => x.number === a.section && (x.chapterId ?? null) === (a.chapterId ?? null));
          if (s) out(` ${[s.label, s.title].filter(Boolean).join(' ')}`);
        }
        const heading = a.heading ? `【${a.heading}】` : '';
        const items = a.paragraphs.reduce((n, p) => n + p.items.length, 0);
        const counts = `${a.paragraphs.length} 款${items ? ` ${items} 项` : ''}`;
        out(`  ${a.label}${heading} ${clip(a.paragraphs[0]?.text || a.paragraphs[0]?.items[0]?.text || '', 36)}  [${counts}]`);
        for (const n of a.notes) out(`      （编者注：${n}）`);
      }
      for (const x of v.annexes ?? []) out(`${clip(x.title, 40)}  [${x.lines.length} 行]`);
    });
    if (doc.table) out(`\n对照表：${doc.table.rows.length} 行`);
    for (const t of doc.trailer) out(`  ${t}`);
    const warnings = doc.warnings.filter((w) => w.level !== 'info');
    const infos = doc.warnings.length - warnings.length;
    out(`\n${say('cli.warnings', { n: warnings.length, repairs: infos })}`);
    for (const w of warnings) out(`  ${say('cli.line', { line: w.line, message: w.message })}`);
  },
};
