/**
 * A collection over HTTP (`importMany`), as the page sends it: one raw body per call — the request's JSON
 * on the first line with each file's size, then the files' bytes — handled in the engine worker with its
 * import threads. Real excerpts of the shared corpus (test/fixtures/bulk/): legal texts imported, a
 * picture and an index page skipped by name, a broken Word file failed; a .zip opened on the server; a
 * list that does not match the bytes refused; a cancelled import answers what went in.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as http from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BulkImportResult } from '../../electron/api/contract';
import { startServer, unpackFiles, type RunningServer } from '../../electron/api/http';
import { createWorkerHandlers, type WorkerHandlers } from '../../electron/api/worker';
import { CORPUS } from '../helpers/seeds';

const TREE = join(__dirname, '..', 'fixtures', 'bulk');
/** The shared corpus of real texts (outside the repository): the cancel needs more files than the fixtures hold. */
const LAWREFBOOK = process.env.DUIZHAO_LAWREFBOOK ?? '/work/shared/corpora/lawrefbook';

let server: RunningServer;
let engine: WorkerHandlers;

beforeAll(async () => {
  engine = createWorkerHandlers(join(__dirname, '..', '..', 'build', 'engine-worker.js'), { corpusDir: CORPUS, home: mkdtempSync(join(tmpdir(), 'duizhao-http-many-')) });
  server = await startServer({ port: 0, handlers: engine.handlers, staticDir: tmpdir() });
});
afterAll(async () => {
  await server?.close();
  await engine?.close();
});

/** The files of a folder as the page's folder input gives them: the folder's name first, '/' between. */
function folder(dir: string, top = 'bulk'): Array<{ path: string; bytes: Buffer }> {
  const out: Array<{ path: string; bytes: Buffer }> = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push({ path: `${top}/${relative(dir, full).split(sep).join('/')}`, bytes: readFileSync(full) });
    }
  };
  walk(dir);
  return out;
}

/** The body of an importMany call (contract.ts MULTI_FILE_METHODS). */
function body(files: Array<{ path: string; bytes: Buffer | Uint8Array }>, extra: object = {}): Buffer {
  const head = JSON.stringify({ ...extra, files: files.map((f) => ({ path: f.path, size: f.bytes.length })) });
  return Buffer.concat([Buffer.from(head + '\n'), ...files.map((f) => Buffer.from(f.bytes))]);
}

function post(path: string, data: Buffer | string, headers: Record<string, string>): { done: Promise<{ status: number; body: string }>; req: http.ClientRequest } {
  let req!: http.ClientRequest;
  const done = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req = http.request({ host: '127.0.0.1', port: server.port, path, method: 'POST', headers: { 'X-Duizhao-Key': server.key, ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(data);
  });
  return { done, req };
}

const BINARY = { 'Content-Type': 'application/octet-stream' };

describe('importMany over HTTP', () => {
  it('imports a folder sent as one body: imported, skipped with reasons, failed with errors; paths as given', async () => {
    // (The 司法解释 goes in the .zip of a later test.)
    const files = folder(TREE).filter((f) => !f.path.startsWith('bulk/司法解释/'));
    const r = await post('/api/importMany', body(files), BINARY).done;
    expect(r.status).toBe(200);
    const result = (JSON.parse(r.body) as { ok: true; value: BulkImportResult }).value;
    expect(result.cancelled).toBe(false);
    expect(result.imported.map((d) => d.file)).toContain('bulk/诉讼与非诉讼程序法/行政复议法(2023-09-01).md');
    expect(result.imported).toHaveLength(6);
    const v2023 = result.imported.find((d) => d.file.endsWith('行政复议法(2023-09-01).md'))!;
    const v2017 = result.imported.find((d) => d.file.endsWith('行政复议法(2017-09-01).md'))!;
    // Versions of one law, labelled and linked, as the command line imports them.
    expect(v2023).toMatchObject({ label: '中华人民共和国行政复议法（2023年修订）', kind: '法律', supersedes: v2017.id });
    // The folder's own names say the kind (行政法规/…), as they do on the command line.
    expect(result.imported.find((d) => d.file.includes('关于实行专业技术职务聘任制度的规定'))!.kind).toBe('行政法规');
    expect(Object.fromEntries(result.skipped.map((s) => [s.file, s.code]))).toMatchObject({
      'bulk/其他/扫描件.png': 'collection.unsupported_type',
      'bulk/民法典/_index.md': 'collection.index_file',
      'bulk/重复/行政复议法2017（副本）.md': 'collection.duplicate_in_run',
    });
    expect(result.failed.find((f) => f.file === 'bulk/行政法规/损坏的通知.docx')).toMatchObject({ code: 'ingest.docx_not_zip' });

    // The same files again: nothing added, each legal text already in the library.
    const again = (JSON.parse((await post('/api/importMany', body(files), BINARY).done).body) as { value: BulkImportResult }).value;
    expect(again.imported).toEqual([]);
    expect(again.skipped.filter((s) => s.code === 'collection.duplicate_in_library')).toHaveLength(7);
    const list = JSON.parse((await post('/api/listDocuments', '{}', { 'Content-Type': 'application/json' }).done).body) as { value: { documents: Array<{ id: string }> } };
    expect(list.value.documents.filter((d) => d.id.startsWith('cn-'))).toHaveLength(result.imported.filter((d) => d.id.startsWith('cn-')).length);
  });

  it('a file sent without its bytes is skipped by its name, as the page sends what the import does not read', async () => {
    const r = await post('/api/importMany', body([{ path: '资料/照片.jpg', bytes: Buffer.alloc(0) }, { path: '资料/.DS_Store', bytes: Buffer.alloc(0) }]), BINARY).done;
    const result = (JSON.parse(r.body) as { value: BulkImportResult }).value;
    expect(result.skipped).toEqual([{ file: '资料/照片.jpg', code: 'collection.unsupported_type', reason: '不是可导入的文件类型（.jpg）' }]);
    expect(result.imported).toEqual([]);
    expect(result.failed).toEqual([]);
  });

  it('opens a .zip sent as one of the files', async () => {
    const zip = new JSZip();
    zip.file('司法解释/最高人民法院关于人民法院委托评估、拍卖和变卖工作的若干规定(2009-11-12).md', readFileSync(join(TREE, '司法解释/最高人民法院关于人民法院委托评估、拍卖和变卖工作的若干规定(2009-11-12).md')));
    zip.file('民法典/_index.md', readFileSync(join(TREE, '民法典/_index.md')));
    const r = await post('/api/importMany', body([{ path: '汇编.zip', bytes: await zip.generateAsync({ type: 'uint8array' }) }]), { ...BINARY, Accept: 'application/x-ndjson', 'X-Duizhao-Job': 'zip-1' }).done;
    const lines = r.body.trim().split('\n').map((l) => JSON.parse(l));
    // Progress per file of the archive, then the answer.
    expect(lines.slice(0, -1).map((l) => [l.progress.stage, l.progress.done, l.progress.total])).toEqual([
      ['import', 1, 2],
      ['import', 2, 2],
    ]);
    expect(lines[0].progress.message).toMatch(/^正在导入 /);
    const result = (lines.at(-1) as { value: BulkImportResult }).value;
    expect(result.imported.map((d) => [d.file, d.kind])).toEqual([['司法解释/最高人民法院关于人民法院委托评估、拍卖和变卖工作的若干规定(2009-11-12).md', '司法解释']]);
    expect(result.skipped.map((s) => s.code)).toEqual(['collection.index_file']);
  });

  it('refuses a body whose list does not match its bytes, and a folder sent as JSON', async () => {
    const good = body([{ path: 'a.md', bytes: Buffer.from('第一条 测试。') }]);
    for (const bad of [good.subarray(0, good.length - 1), Buffer.concat([good, Buffer.from('x')]), Buffer.from('{"files":[{"path":"a.md","size":-1}]}\n'), Buffer.from('no list')]) {
      const r = await post('/api/importMany', bad, BINARY).done;
      expect(r.status).toBe(400);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'bad_request', message: '上传的文件清单与文件内容不符，请重新选择文件导入。' } });
    }
    const json = await post('/api/importMany', JSON.stringify({ files: [{ path: 'a.md', data: 'base64…' }] }), { 'Content-Type': 'application/json' }).done;
    expect(JSON.parse(json.body)).toMatchObject({ ok: false, error: { code: 'bad_request', reason: 'api.missing_field' } });
    expect(unpackFiles(good)).toMatchObject({ files: [{ path: 'a.md' }] });
  });

  it.skipIf(!existsSync(LAWREFBOOK))('cancelled, it stops between documents and answers what went in', async () => {
    // Many small real texts, so that the stop comes while most are still to do.
    const dir = join(LAWREFBOOK, '宪法相关法');
    const files = folder(dir, '宪法相关法');
    expect(files.length).toBeGreaterThan(40);
    const running = post('/api/importMany', body(files), { ...BINARY, Accept: 'application/x-ndjson', 'X-Duizhao-Job': 'many-1' });
    let seen = '';
    const firstProgress = new Promise<void>((resolve) =>
      running.req.on('response', (res) =>
        res.on('data', (d: Buffer) => {
          seen += d.toString();
          if (seen.includes('"progress"')) resolve();
        }),
      ),
    );
    await firstProgress;
    const cancel = await post('/api/cancel', JSON.stringify({ job: 'many-1' }), { 'Content-Type': 'application/json' }).done;
    expect(JSON.parse(cancel.body)).toEqual({ ok: true, value: { job: 'many-1', cancelled: true } });
    const done = await running.done;
    const last = JSON.parse(done.body.trim().split('\n').at(-1)!) as { ok: true; value: BulkImportResult };
    expect(last.ok).toBe(true);
    expect(last.value.cancelled).toBe(true);
    const accounted = last.value.imported.length + last.value.skipped.length + last.value.failed.length;
    expect(accounted).toBeLessThan(files.length);
    // What it says went in is in the library, whole; nothing else of the folder is.
    const list = JSON.parse((await post('/api/listDocuments', '{}', { 'Content-Type': 'application/json' }).done).body) as { value: { documents: Array<{ id: string; originalName?: string }> } };
    const names = new Set(files.map((f) => f.path.split('/').pop()));
    const fromFolder = list.value.documents.filter((d) => d.originalName && names.has(d.originalName));
    expect(fromFolder.map((d) => d.id).sort()).toEqual(last.value.imported.map((d) => d.id).sort());
  });
});
