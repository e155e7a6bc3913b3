/**
 * The library-wide alignment use-case (app/align-library.ts) over stand-in libraries: a first profiling
 * that takes longer than a question may wait (the answer then says how far it is), and a shortlist swapped
 * for another one (as the search index's may be).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp, type DocumentLibrary, type Shortlister } from '../../electron/app';
import type { DocumentSummary } from '../../electron/services/types';
import { corpusDir, Library } from '../../electron/services/library';

const seeds = () => new Library({ corpusDir: corpusDir(__dirname), home: mkdtempSync(join(tmpdir(), 'duizhao-align-app-')) });

/** A library whose documents take `ms` each to read (a large library's first profiling, slowed down). */
function slow(lib: Library, ms: number): DocumentLibrary {
  return {
    list: () => lib.list(),
    get(ref: string) {
      const until = performance.now() + ms;
      while (performance.now() < until) {
        // busy: the engine's thread is profiling
      }
      return lib.get(ref);
    },
  };
}

describe('library-wide counterparts while the library is first profiled', () => {
  it('answers from the documents profiled so far, says so, and answers in full once done', async () => {
    const app = createApp({ library: slow(seeds(), 40), alignLibrary: { cache: null, partialWaitMs: 0 } });
    const progress: Array<{ done?: number; total?: number }> = [];
    const first = await app.align.counterparts({ ref: 'hunan-2020', article: 27, scope: 'library' }, { onProgress: (p) => progress.push(p) });
    expect(first.library!.partial).toBeDefined();
    expect(first.library!.partial!.done).toBeLessThan(first.library!.partial!.total);
    await app.align.library.warmUp();
    const full = await app.align.counterparts({ ref: 'hunan-2020', article: 27, scope: 'library' });
    expect(full.library!.partial).toBeUndefined();
    expect(full.docs.map((d) => d.ref)).toEqual(expect.arrayContaining(['zhejiang-2023', 'shenzhen-draft']));
    expect(full.docs.find((d) => d.ref === 'zhejiang-2023')!.matches.map((m) => m.article)).toContain(27);
    expect(app.align.library.status()).toMatchObject({ profiling: false, documents: 5 });
  });
});

describe('the shortlist is a function the application layer is given', () => {
  it('looks only where the given shortlist says', async () => {
    const asked: string[] = [];
    const onlyHunan: Shortlister = (state, q) => {
      asked.push(q.ref);
      const e = state.index.entries.find((x) => x.doc === 'hunan-2020')!;
      return [{ ...e, name: e.name ?? e.title, score: 1, subjectScore: 1, contentScore: 1, sameSubject: true, terms: [] }];
    };
    const app = createApp({ library: seeds(), alignLibrary: { cache: null, shortlist: onlyHunan } });
    const r = await app.align.counterparts({ ref: 'shenzhen-draft', article: 45, scope: 'library' });
    expect(asked).toEqual(['shenzhen-draft']);
    expect(r.docs.map((d) => d.ref)).toEqual(['hunan-2020']);
    expect(r.docs[0]!.matches[0]).toMatchObject({ article: 27, confidence: 'high' });
    const similar = await app.align.similar({ ref: 'shenzhen-draft' });
    expect(similar.docs.map((d) => d.ref)).toEqual(['hunan-2020']);
  });
});

describe('several editions of one law', () => {
  const FIXTURES = join(__dirname, '..', 'fixtures', 'align-library');

  it('the library index keeps the latest edition, named by the library\'s label', async () => {
    // The national SME law twice: as amended in 2017, and (its amendment line taken out) as adopted in 2002.
    const lib = seeds();
    const beijing = (await lib.importBytes(readFileSync(join(FIXTURES, 'beijing-sme-2020.md')), 'beijing-sme-2020.md')).id;
    const amended = (await lib.importBytes(readFileSync(join(FIXTURES, 'national-sme-2017.md')), 'national-sme-2017.md')).id;
    const older = readFileSync(join(FIXTURES, 'national-sme-2017.md'), 'utf8').replace(/\n2017年9月1日[^\n]*\n/, '\n');
    const first = (await lib.importBytes(new TextEncoder().encode(older), 'national-sme-2002.md')).id;
    expect(lib.get(first).summary.work).toBe(lib.get(amended).summary.work);
    const app = createApp({ library: lib, alignLibrary: { cache: null } });
    const r = await app.align.similar({ ref: beijing });
    expect(r.docs.filter((d) => d.jurisdiction === '国家').map((d) => [d.ref, d.name, d.label])).toEqual([[amended, '国家 2017', '中华人民共和国中小企业促进法（2017年修订）']]);
    const c = await app.align.counterparts({ ref: beijing, article: 28, scope: 'library' });
    expect(c.docs.map((d) => d.ref)).not.toContain(first);
    expect(c.docs.find((d) => d.ref === amended)!.label).toBe('中华人民共和国中小企业促进法（2017年修订）');
    // Asked from the older edition, the newer one is its own law's, not another jurisdiction's.
    const fromOld = await app.align.similar({ ref: first, sameJurisdiction: true });
    expect(fromOld.docs.map((d) => d.ref)).not.toContain(amended);
  });

  it('without work or label from the library, editions are told apart by place and title', async () => {
    const lib = seeds();
    const beijing = (await lib.importBytes(readFileSync(join(FIXTURES, 'beijing-sme-2020.md')), 'beijing-sme-2020.md')).id;
    const amended = (await lib.importBytes(readFileSync(join(FIXTURES, 'national-sme-2017.md')), 'national-sme-2017.md')).id;
    const older = readFileSync(join(FIXTURES, 'national-sme-2017.md'), 'utf8').replace(/\n2017年9月1日[^\n]*\n/, '\n');
    await lib.importBytes(new TextEncoder().encode(older), 'national-sme-2002.md');
    // A library that says nothing of versions (an older one, or a stand-in).
    const plain = (x: DocumentSummary): DocumentSummary => {
      const { supersedes: _s, versionDate: _v, ...rest } = x;
      return { ...rest, work: '', label: x.title };
    };
    const bare: DocumentLibrary = { list: () => lib.list().map(plain), get: (ref: string) => ({ ...lib.get(ref), summary: plain(lib.get(ref).summary) }) };
    const app = createApp({ library: bare, alignLibrary: { cache: null } });
    const r = await app.align.similar({ ref: beijing });
    expect(r.docs.filter((d) => d.jurisdiction === '国家').map((d) => d.ref)).toEqual([amended]);
  });
});
