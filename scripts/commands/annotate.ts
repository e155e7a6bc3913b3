/**
 * `duizhao annotate add|list|edit|remove`: the user's notes (批注) from the command line, in the same
 * annotations file the app uses ($DUIZHAO_HOME/annotations.json).
 *
 *   duizhao annotate add REF ARTICLE [--paragraph N] [--quote TEXT] --body TEXT [--tag T]...
 *   duizhao annotate list [REF] [--tag T] [--json]
 *   duizhao annotate edit ID [--body TEXT] [--tag T]...
 *   duizhao annotate remove ID
 */
import { makeTarget, placeAnnotations, resolveAnchor, type Annotation } from '../../electron/engine/annotate';
import { cnToInt, DuizhaoError, parseRef, type Version } from '../../electron/engine/model';
import { AnnotationService } from '../../electron/services/annotations';
import { clip, flagNumber, flagString, getLibrary, out, printJson, UsageError, type Command } from './common';

/** "13", "十三", "第十三条", "10之1", "第十条之一" → the article of `version`. */
export function articleOf(version: Version, query: string) {
  const m = /^第?([0-9零〇一二三四五六七八九十百千两]+)条?(?:之([0-9一二三四五六七八九十]+))?$/.exec(query.replace(/\s+/g, ''));
  const number = m ? cnToInt(m[1]!) : null;
  const sub = m?.[2] !== undefined ? cnToInt(m[2]) : undefined;
  if (number === null || sub === null) throw new UsageError(`"${query}" is not an article number (13, 十三, 第十三条, 10之1)`);
  const found = version.articles.find((a) => a.number === number && (a.sub ?? 0) === (sub ?? 0));
  if (!found) throw new DuizhaoError('not_found', `no article ${query} in this version`);
  return found;
}

function service(): AnnotationService {
  return new AnnotationService(getLibrary().home);
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
  summary: 'add, list, edit and remove your notes (批注) on articles',
  run(args) {
    const [action, ...rest] = args.positional;
    const tags = args.multi.get('tag');
    switch (action) {
      case 'add': {
        const [ref, article] = rest;
        if (!ref || !article) throw new UsageError('annotate add needs a document and an article: duizhao annotate add REF 13 --body TEXT');
        const body = flagString(args, 'body');
        if (!body) throw new UsageError('annotate add needs --body TEXT');
        const { document, version, summary } = getLibrary().get(ref);
        const a = articleOf(document.versions[version]!, article);
        const paragraph = args.flags.has('paragraph') ? flagNumber(args, 'paragraph', 1) : undefined;
        if (paragraph !== undefined && (paragraph < 1 || paragraph > a.paragraphs.length)) {
          throw new UsageError(`${a.label} has ${a.paragraphs.length} 款; --paragraph ${paragraph} does not exist`);
        }
        const quote = flagString(args, 'quote');
        const target = makeTarget(summary.id, version, a, { ...(paragraph !== undefined ? { paragraph } : {}), ...(quote ? { quote } : {}) });
        if (quote && resolveAnchor(target, document.versions[version]!).status !== 'exact') {
          throw new DuizhaoError('not_found', `「${clip(quote, 30)}」 does not occur in ${a.label}`);
        }
        const note = service().add({ target, body, tags: tags ?? [] });
        if (args.flags.has('json')) printJson(note);
        else out(note.id);
        return;
      }
      case 'list': {
        const [ref] = rest;
        const filter = ref ? { doc: parseRef(ref).source, ...(/@\d+$/.test(ref) ? { version: parseRef(ref).version } : {}) } : {};
        const tag = flagString(args, 'tag');
        const listing = service().list({ ...filter, ...(tag ? { tag } : {}) });
        for (const p of listing.problems) process.stderr.write(`duizhao: ${p.message}\n`);
        // Where each note lands today (numbering may have shifted since it was written).
        const library = getLibrary();
        const resolved = placeAnnotations(listing.annotations, (doc, version) => library.get(`${doc}@${version}`).document.versions[version] ?? null);
        if (args.flags.has('json')) return printJson({ annotations: resolved, path: listing.path, problems: listing.problems });
        if (!resolved.length) out('（没有批注）');
        for (const a of resolved) out(describe(a, a.anchor.status, a.anchor.article?.label));
        return;
      }
      case 'edit': {
        const [id] = rest;
        if (!id) throw new UsageError('annotate edit needs a note id (see duizhao annotate list)');
        const body = flagString(args, 'body');
        if (body === undefined && !tags) throw new UsageError('annotate edit needs --body TEXT and/or --tag T');
        const note = service().update(id, { ...(body !== undefined ? { body } : {}), ...(tags ? { tags } : {}) });
        if (args.flags.has('json')) printJson(note);
        else out(describe(note));
        return;
      }
      case 'remove': {
        const [id] = rest;
        if (!id) throw new UsageError('annotate remove needs a note id (see duizhao annotate list)');
        const note = service().remove(id);
        if (args.flags.has('json')) printJson(note);
        else out(`removed ${note.id}`);
        return;
      }
      default:
        throw new UsageError(`annotate: say add, list, edit or remove (${this.usage})`);
    }
  },
};
