/**
 * `duizhao annotate add|list|edit|remove`: the user's notes (批注) from the command line, in the same
 * annotations file the app uses ($DUIZHAO_HOME/annotations.json).
 *
 *   duizhao annotate add REF ARTICLE [--paragraph N] [--quote TEXT] --body TEXT [--tag T]...
 *   duizhao annotate list [REF] [--tag T] [--json]
 *   duizhao annotate edit ID [--body TEXT] [--tag T]...
 *   duizhao annotate remove ID
 */
import type { Annotation } from '../../electron/engine/annotate/types';
import { parseCitation, parseRef, say } from '../../electron/engine/model';
import { clip, flagNumber, flagString, getApp, out, printJson, UsageError, type Command } from './common';

/** "13", "十三", "第十三条", "10之1", "第十条之一" → the article's number (and 之X). */
export function articleNumber(query: string): { article: number; sub?: number } {
  const address = parseCitation(query);
  if (!address || address.paragraph !== undefined) throw new UsageError(say('cli.not_article_number', { query }));
  return { article: address.article, ...(address.sub ? { sub: address.sub } : {}) };
}

function describe(a: Annotation, status?: string, now?: string): string {
  const where = `${a.target.doc}@${a.target.version} ${a.target.label ?? `第${a.target.article}条`}${a.target.paragraph ? ` 第${a.target.paragraph}款` : ''}`;
  const moved = now && now !== (a.target.label ?? '') ? ` → 现为${now}` : '';
  const flag = status && status !== 'exact' ? ` [${status}]` : '';
  const quote = a.target.quote ? ` 「${clip(a.target.quote, 24)}」` : '';
  const tags = a.tags.length ? `  ${a.tags.map((t) => '#' + t).join(' ')}` : '';
  return `${a.id}  ${where}${moved}${flag}${quote}\n    ${a.body.replace(/\n/g, '\n    ')}${tags}`;
}

export const annotateCommand: Command = {
  name: 'annotate',
  usage: 'duizhao annotate add REF ARTICLE --body TEXT [--paragraph N] [--quote TEXT] [--tag T] | list [REF] | edit ID | remove ID',
  flags: ['body', 'paragraph', 'quote', 'tag', 'json'],
  summary: say('cli.summary.annotate'),
  run(args) {
    const [action, ...rest] = args.positional;
    const tags = args.multi.get('tag');
    switch (action) {
      case 'add': {
        const [ref, article] = rest;
        if (!ref || !article) throw new UsageError(say('cli.needs', { what: say('cli.needs.annotate_add'), usage: 'duizhao annotate add REF 13 --body 批注内容' }));
        const body = flagString(args, 'body');
        if (!body) throw new UsageError(say('cli.needs.annotate_body'));
        const paragraph = args.flags.has('paragraph') ? flagNumber(args, 'paragraph', 1) : undefined;
        const note = getApp().notes.add({ ref, ...articleNumber(article), paragraph, quote: flagString(args, 'quote'), body, tags: tags ?? [] });
        if (args.flags.has('json')) printJson(note);
        else out(note.id);
        return;
      }
      case 'list': {
        const [ref] = rest;
        const filter = ref ? { doc: parseRef(ref).source, ...(/@\d+$/.test(ref) ? { version: parseRef(ref).version } : {}) } : {};
        const tag = flagString(args, 'tag');
        // With where each note lands today (numbering may have shifted since it was written).
        const listing = getApp().notes.list({ ...filter, ...(tag ? { tag } : {}) });
        for (const p of listing.problems) process.stderr.write(`duizhao: ${p.message}\n`);
        const resolved = listing.annotations;
        if (args.flags.has('json')) return printJson({ annotations: resolved, path: listing.path, problems: listing.problems });
        if (!resolved.length) out('（没有批注）');
        for (const a of resolved) out(describe(a, a.anchor.status, a.anchor.article?.label));
        return;
      }
      case 'edit': {
        const [id] = rest;
        if (!id) throw new UsageError(say('cli.needs.note_id'));
        const body = flagString(args, 'body');
        if (body === undefined && !tags) throw new UsageError(say('cli.needs.note_change'));
        const note = getApp().notes.update(id, { ...(body !== undefined ? { body } : {}), ...(tags ? { tags } : {}) });
        if (args.flags.has('json')) printJson(note);
        else out(describe(note));
        return;
      }
      case 'remove': {
        const [id] = rest;
        if (!id) throw new UsageError(say('cli.needs.note_id'));
        const note = getApp().notes.remove(id);
        if (args.flags.has('json')) printJson(note);
        else out(say('cli.note_removed', { id: note.id }));
        return;
      }
      default:
        throw new UsageError(say('cli.annotate_subcommand', { usage: this.usage }));
    }
  },
};
