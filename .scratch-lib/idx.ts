import { readdirSync, readFileSync, statSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { decodeText } from '../electron/engine/ingest';
import { parseDocument } from '../electron/engine/parse';
import { getSegmenter } from '../electron/engine/segment';
import { SearchCache } from '../electron/services/search-cache';
function walk(d: string, out: string[] = []): string[] { for (const n of readdirSync(d)) { const p = join(d, n); if (statSync(p).isDirectory()) walk(p, out); else if (n.endsWith('.md') && !n.startsWith('_')) out.push(p); } return out; }
const files = walk('/work/shared/corpora/lawrefbook');
const texts = files.map((f) => decodeText(readFileSync(f), f).text);
const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
const seg = getSegmenter(); seg.cutForSearch('法');
let t = performance.now();
for (const s of texts) seg.cutForSearch(s);
const segS = (performance.now() - t) / 1000;
const entries = files.map((f, i) => ({ id: 'd' + i, title: f, jurisdiction: '', kind: '', stage: '', dates: {}, source: 'library' as const, textPath: f, fingerprint: 'fp' + i }));
const lib: any = { home: mkdtempSync(join(tmpdir(), 'idx-')), documentEntries: () => entries, get: (id: string) => { const i = Number(id.slice(1)); return { document: parseDocument(texts[i]!, { id }), summary: {}, version: 0 }; } };
t = performance.now();
new SearchCache({ library: lib }).open().then(() => {
  const idxS = (performance.now() - t) / 1000;
  console.log('MB', (bytes / 1048576).toFixed(1), 'segment s', segS.toFixed(1), 'index s', idxS.toFixed(1), 'ratio', (idxS / segS).toFixed(2));
});
