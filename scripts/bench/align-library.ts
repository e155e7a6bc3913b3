/**
 * Library-wide alignment benchmark (issue 12): "其他地方怎么规定" and "同类法规" in a library of 3,000
 * documents, with the documents' term profiles cached (as the app keeps them per fingerprint).
 *   library_profile_ms       profiling one real document (median over the base documents): the one-time
 *                            cost per imported document, not part of a query;
 *   library_index_ms         buildLibraryIndex over the 3,000 cached profiles (once per library change);
 *   similar_library_ms       similarDocuments for one document among 3,000 (median over the queries);
 *   counterparts_library_ms  one article's counterparts across the library: the 30 most similar documents
 *                            of other jurisdictions as the shortlist, then findCounterparts with the
 *                            redlines (median over 12 articles of an SME and a 营商环境 regulation).
 * And the same questions through the application layer (app.align, what the API and the CLI call), over
 * the same 3,000 documents served by a stand-in library with their profiles cached on disk (a temporary
 * home, services/align-cache):
 *   library_open_ms          the first opening of the library index with every profile on disk but no
 *                            catalog yet: 3,000 profile files read, the catalog written, the index built;
 *   library_reopen_ms        a later start: the catalog read and the index built (no profile file read);
 *   library_entries_ms       Library.documentEntries() over 3,000 imported documents' meta.json (what the
 *                            index compares with the library, at most every 2 s);
 *   counterparts_app_first_ms the first question after a start (its shortlist's profiles read from disk);
 *   counterparts_app_ms      app.align.counterparts({ scope: 'library' }) once the profiles are in memory
 *                            (median over the 12 articles): shortlist, counterparts, redlines, the answer;
 *   similar_app_ms           app.align.similar (同类法规), median over the 12 questions' documents.
 * The library: the seeds, about 500 real texts of the shared corpus (/work/shared/corpora/lawrefbook, or
 * $DUIZHAO_SHARED_CORPUS; its four provinces' local regulations and the national laws and 行政法规, the SME
 * and 营商环境 regulations always among them), and variants of those up to 3,000: the same law "enacted"
 * by another province or city (its title's place replaced, about one article in seven left out, the rest
 * renumbered), the way regulations of one subject resemble each other across jurisdictions. A variant's
 * profile is made from its base document's article profiles, as a cache would hold them.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createApp, type DocumentLibrary, type LoadedVersion } from '../../electron/app';
import {
  buildLibraryIndex,
  findCounterparts,
  profileDocument,
  similarDocuments,
  summaryOf,
  titleJurisdiction,
  type AlignInput,
  type DocumentProfile,
} from '../../electron/engine/align';
import { intToCn, type LegalDocument } from '../../electron/engine/model';
import { parseDocument } from '../../electron/engine/parse';
import { getSegmenter } from '../../electron/engine/segment';
import { AlignCache } from '../../electron/services/align-cache';
import { corpusDir, defaultHome, Library } from '../../electron/services/library';
import type { DocumentSummary } from '../../electron/services/types';
import { prng } from './random';

type Report = (name: string, value: number) => void;

const LIBRARY_SIZE = 3000;
const BASE_SIZE = 500;
const SHORTLIST = 30;
const SHARED_CORPUS = process.env.DUIZHAO_SHARED_CORPUS ?? '/work/shared/corpora/lawrefbook';
const FOLDERS = ['DLC', '行政法规', '经济法', '社会法', '宪法相关法', '民法商法'];
/** Always in the base: the texts the queries are about and their likes. */
const ALWAYS = /中小企业|营商环境|民营经济|文明行为|款项支付/;
const PLACES = [
  '广东省', '江苏省', '浙江省', '四川省', '湖北省', '湖南省', '福建省', '安徽省', '江西省', '河北省', '山西省', '辽宁省', '吉林省',
  '黑龙江省', '陕西省', '甘肃省', '青海省', '云南省', '贵州省', '海南省', '广西壮族自治区', '内蒙古自治区', '宁夏回族自治区',
  '天津市', '上海市', '杭州市', '宁波市', '苏州市', '南京市', '成都市', '武汉市', '长沙市', '厦门市', '青岛市', '大连市', '西安市',
];

function markdownFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) markdownFiles(path, out);
    else if (name.endsWith('.md')) out.push(path);
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

interface Entry {
  input: AlignInput;
  profile: DocumentProfile;
}

/** Another jurisdiction's version of a base document, and its profile from the base's article profiles. */
function variant(base: Entry, k: number, random: () => number): Entry {
  const place = PLACES[Math.floor(random() * PLACES.length)]!;
  const own = titleJurisdiction(base.input.doc.title);
  const title = own && own !== '国家' ? base.input.doc.title.replace(new RegExp(`^${own}(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区)?`, 'u'), place) : place + base.input.doc.title;
  const version = base.input.doc.versions[base.input.version]!;
  const kept = version.articles.map((_, i) => i).filter(() => random() >= 1 / 7);
  const articles = kept.map((i, n) => ({ ...version.articles[i]!, number: n + 1, sub: undefined, label: `第${intToCn(n + 1)}条`, id: `art_${n + 1}` }));
  const articleProfiles = kept.map((i, n) => ({ ...base.profile.articles[i]!, number: n + 1, sub: undefined, label: `第${intToCn(n + 1)}条` }));
  const id = `variant-${k}`;
  const doc: LegalDocument = { ...base.input.doc, id, title, versions: [{ ...version, label: null, articles }] };
  const year = 2008 + Math.floor(random() * 17);
  return {
    input: { ref: id, doc, version: 0, meta: { jurisdiction: place, dates: { adopted: `${year}-06-01` } } },
    profile: { ...base.profile, doc: id, version: 0, title, articles: articleProfiles, summary: summaryOf(articleProfiles) },
  };
}

export async function run(report: Report): Promise<void> {
  if (!existsSync(SHARED_CORPUS)) {
    process.stderr.write(`  (align-library: ${SHARED_CORPUS} not found, skipped)\n`);
    return;
  }
  const segmenter = getSegmenter();
  const random = prng(20240612);
  const seeds = new Library({ corpusDir: corpusDir(), home: defaultHome() });
  const base: Entry[] = [];
  const profileTimes: number[] = [];
  const add = (input: AlignInput) => {
    if (!input.doc.versions[input.version]?.articles.length) return;
    const t = performance.now();
    const profile = profileDocument(input.doc, input.version, segmenter);
    profileTimes.push(performance.now() - t);
    base.push({ input, profile });
  };
  for (const entry of seeds.corpusEntries()) {
    const { document, version, summary } = seeds.get(entry.id);
    add({ ref: entry.id, doc: document, version, meta: { jurisdiction: summary.jurisdiction, dates: summary.dates } });
  }
  const files = FOLDERS.filter((f) => existsSync(join(SHARED_CORPUS, f))).flatMap((f) => markdownFiles(join(SHARED_CORPUS, f)));
  const always = files.filter((f) => ALWAYS.test(f));
  const rest = files.filter((f) => !ALWAYS.test(f));
  const picked = [...always];
  while (picked.length < BASE_SIZE && rest.length) picked.push(rest.splice(Math.floor(random() * rest.length), 1)[0]!);
  for (const file of picked) {
    const id = relative(SHARED_CORPUS, file).replace(/\.md$/, '');
    try {
      add({ ref: id, doc: parseDocument(readFileSync(file, 'utf8'), { id }), version: 0 });
    } catch {
      // A file the parser refuses (no text) is no document of the library.
    }
  }
  report('library_profile_ms', median(profileTimes));

  const library: Entry[] = [...base];
  for (let k = 0; library.length < LIBRARY_SIZE; k++) library.push(variant(base[Math.floor(random() * base.length)]!, k, random));
  const byRef = new Map(library.map((e) => [e.input.ref, e]));

  let t = performance.now();
  const index = buildLibraryIndex(library.map((e) => ({ ref: e.input.ref, profile: e.profile, ...(e.input.meta ? { meta: e.input.meta } : {}) })));
  report('library_index_ms', performance.now() - t);

  const zhejiang = byRef.get('zhejiang-2023')!;
  const business = base.find((e) => /山东省优化营商环境条例/.test(e.input.doc.title)) ?? base.find((e) => /营商环境/.test(e.input.doc.title))!;
  const queries: Array<[Entry, number]> = [
    ...[5, 16, 27, 36, 42, 53, 57, 61].map((n) => [zhejiang, n] as [Entry, number]),
    ...[3, 10, 20, 40].map((n) => [business, n] as [Entry, number]),
  ].filter(([e, n]) => e.input.doc.versions[0]!.articles.some((a) => a.number === n));
  // Warm-up (JIT, the diff's segmentation of the first texts).
  findCounterparts({ source: { ...zhejiang.input, profile: zhejiang.profile }, article: 27, shortlist: similarDocuments(index, zhejiang.profile, { limit: SHORTLIST }).map((s) => ({ ...byRef.get(s.ref)!.input, profile: byRef.get(s.ref)!.profile })) });
  const similarTimes: number[] = [];
  const counterpartTimes: number[] = [];
  let highs = 0;
  let shortlisted = 0;
  for (const [entry, article] of queries) {
    t = performance.now();
    const similar = similarDocuments(index, entry.profile, { limit: SHORTLIST }, entry.input.meta?.jurisdiction);
    similarTimes.push(performance.now() - t);
    const shortlist = similar.map((s) => ({ ...byRef.get(s.ref)!.input, profile: byRef.get(s.ref)!.profile }));
    const result = findCounterparts({ source: { ...entry.input, profile: entry.profile }, article, shortlist });
    counterpartTimes.push(performance.now() - t);
    shortlisted += shortlist.length;
    highs += result.docs.filter((d) => d.counterparts[0]?.confidence === 'high').length;
  }
  report('similar_library_ms', median(similarTimes));
  report('counterparts_library_ms', median(counterpartTimes));
  process.stderr.write(
    `  (align-library: ${library.length} documents, ${base.length} real; ${queries.length} queries, ${shortlisted / queries.length} shortlisted each, ` +
      `${(highs / queries.length).toFixed(1)} with a high-confidence counterpart)\n`,
  );
  await appPath(report, library, queries.map(([e, n]) => [library.indexOf(e), n] as [number, number]));
}

/** The library as the application layer reads it: ids a library would give, summaries, fingerprints. */
function standIn(library: Entry[], home: string): { lib: DocumentLibrary; profiles: Array<{ fingerprint: string; profile: DocumentProfile }> } {
  const loaded: Array<LoadedVersion> = [];
  const profiles: Array<{ fingerprint: string; profile: DocumentProfile }> = [];
  library.forEach((e, k) => {
    const id = `doc-${k}`;
    const fingerprint = `fp-${k}`;
    const doc = { ...e.input.doc, id };
    const version = doc.versions[e.input.version]!;
    const summary: DocumentSummary = {
      id,
      title: doc.title,
      source: 'library',
      jurisdiction: e.input.meta?.jurisdiction ?? '',
      kind: '地方性法规',
      stage: '',
      dates: { ...(e.input.meta?.dates?.adopted ? { adopted: e.input.meta.dates.adopted } : {}) },
      versions: 1,
      versionLabels: [null],
      label: doc.title,
      work: id,
      articles: version.articles.length,
      chapters: version.chapters.length,
      warnings: 0,
      fingerprint,
    };
    loaded.push({ summary, document: { ...doc, versions: [version] }, version: 0 });
    profiles.push({ fingerprint, profile: { ...e.profile, doc: id, version: 0 } });
  });
  const byId = new Map(loaded.map((l) => [l.summary.id, l]));
  const lib: DocumentLibrary = {
    home,
    list: () => loaded.map((l) => l.summary),
    get(ref: string) {
      const l = byId.get(ref.replace(/@0$/, ''));
      if (!l) throw new Error(`no ${ref}`);
      return l;
    },
    documentEntries: () => loaded.map((l) => ({ id: l.summary.id, fingerprint: l.summary.fingerprint!, title: l.summary.title, jurisdiction: l.summary.jurisdiction, kind: l.summary.kind, stage: l.summary.stage, dates: l.summary.dates })),
  };
  return { lib, profiles };
}

async function appPath(report: Report, library: Entry[], queries: Array<[number, number]>): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'duizhao-bench-align-'));
  try {
    const { lib, profiles } = standIn(library, home);
    const cache = new AlignCache({ home });
    for (const p of profiles) cache.saveProfile(p.fingerprint, p.profile);
    // First opening: every profile on disk, no catalog.
    let t = performance.now();
    const first = createApp({ library: lib });
    await first.align.library.warmUp();
    report('library_open_ms', performance.now() - t);
    // A later start: the catalog.
    const app = createApp({ library: lib });
    t = performance.now();
    await app.align.library.warmUp();
    report('library_reopen_ms', performance.now() - t);

    const ask = (k: number, article: number) => app.align.counterparts({ ref: `doc-${k}`, article, scope: 'library' });
    t = performance.now();
    await ask(queries[0]![0], queries[0]![1]);
    report('counterparts_app_first_ms', performance.now() - t);
    for (const [k, n] of queries) await ask(k, n); // every shortlist's profiles into memory
    const times: number[] = [];
    const similarTimes: number[] = [];
    let listed = 0;
    for (const [k, n] of queries) {
      t = performance.now();
      const r = await ask(k, n);
      times.push(performance.now() - t);
      listed += r.docs.length;
      t = performance.now();
      await app.align.similar({ ref: `doc-${k}` });
      similarTimes.push(performance.now() - t);
    }
    report('counterparts_app_ms', median(times));
    report('similar_app_ms', median(similarTimes));
    process.stderr.write(`  (align-library app: ${(listed / queries.length).toFixed(1)} regulations listed per question)\n`);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
  report('library_entries_ms', libraryEntriesTime(library.length));
}

/** Library.documentEntries() over `n` imported documents (their meta.json; the texts are not read). */
function libraryEntriesTime(n: number): number {
  const home = mkdtempSync(join(tmpdir(), 'duizhao-bench-entries-'));
  try {
    const dir = join(home, 'library');
    mkdirSync(dir);
    for (let k = 0; k < n; k++) {
      mkdirSync(join(dir, `doc-${k}`));
      const meta = { schema: 1, title: `某市某某条例${k}`, jurisdiction: '某市', kind: '地方性法规', stage: '', dates: { adopted: '2020-01-01' }, contentHash: `${k}`, textHash: `${k}`, originalName: `${k}.txt`, originalFile: 'original.txt', format: 'txt', size: 1, imported: new Date(k).toISOString(), updated: new Date(k).toISOString() };
      writeFileSync(join(dir, `doc-${k}`, 'meta.json'), JSON.stringify(meta));
    }
    const lib = new Library({ corpusDir: corpusDir(), home });
    lib.documentEntries();
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      lib.documentEntries();
      times.push(performance.now() - t);
    }
    return median(times);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
