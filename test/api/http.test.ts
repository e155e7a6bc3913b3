/** The HTTP adapter against an in-memory document source (no parser, no disk). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentSummary } from '../../electron/api/contract';
import type { DocumentLibrary } from '../../electron/app';
import { resolveStaticPath, startServer, type RunningServer } from '../../electron/api/http';
import { DuizhaoError, type LegalDocument } from '../../electron/engine/model';

const summary: DocumentSummary = {
  id: 'doc-a',
  title: '测试条例',
  source: 'corpus',
  jurisdiction: '测试',
  kind: '地方性法规',
  stage: '施行',
  dates: {},
  versions: 1,
  versionLabels: [null],
  articles: 0,
  chapters: 0,
  warnings: 0,
  label: '测试条例',
  work: '测试:测试条例',
};
const document: LegalDocument = { id: 'doc-a', title: '测试条例', kind: 'regulation', preamble: [], versions: [], trailer: [], warnings: [] };

const source: DocumentLibrary = {
  list: () => [summary],
  get(ref) {
    if (ref === 'doc-a') return { summary, document, version: 0 };
    if (ref === 'doc-a@9') throw new Error('boom at /secret/path');
    throw new DuizhaoError('not_found', `no document ${ref}`);
  },
};

let dir: string;
let server: RunningServer;

/** Raw request (fetch would normalise "../" away and forbids setting Host). */
function request(
  path: string,
  opts: { method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, path, method: opts.method ?? 'GET', headers: opts.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }));
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

const api = (method: string, body: string, headers: Record<string, string> = {}) =>
  request(`/api/${method}`, { method: 'POST', body, headers: { 'Content-Type': 'application/json', 'X-Duizhao-Key': server.key, ...headers } });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'duizhao-http-'));
  const root = join(dir, 'renderer');
  mkdirSync(root);
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(root, 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'styles.css'), 'body{}');
  writeFileSync(join(dir, 'secret.txt'), 'SECRET');
  server = await startServer({ port: 0, library: source, staticDir: root });
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('HTTP adapter', () => {
  it('binds 127.0.0.1', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?k=[\w-]{24}$/);
  });

  it('refuses API calls without the session key, or with another one', async () => {
    for (const key of [undefined, 'x'.repeat(24), server.key.slice(1)]) {
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (key !== undefined) headers['X-Duizhao-Key'] = key;
      const res = await request('/api/listDocuments', { method: 'POST', body: '{}', headers });
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
    expect((await api('listDocuments', '{}')).status).toBe(200);
  });

  it('answers a method with the ok envelope', async () => {
    const res = await api('listDocuments', '{}');
    expect(res.status).toBe(200);
    expect(res.type).toContain('application/json');
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: { documents: [summary] } });
    const doc = JSON.parse((await api('getDocument', '{"ref":"doc-a"}')).body);
    expect(doc.ok).toBe(true);
    expect(doc.value.document.title).toBe('测试条例');
  });

  it('treats an empty body as {}', async () => {
    const res = await api('listDocuments', '');
    expect(res.status).toBe(200);
  });

  it('unknown method → 404 envelope', async () => {
    for (const m of ['noSuchMethod', 'constructor', '__proto__', 'toString']) {
      const res = await api(m, '{}');
      expect(res.status).toBe(404);
      const body = JSON.parse(res.body);
      expect(body.ok).toBe(false);
      expect(body.error.code).toBe('not_found');
    }
  });

  it('bad JSON → 400 bad_request', async () => {
    const res = await api('listDocuments', '{"ref":');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('a request that is not an object → 400 bad_request', async () => {
    for (const body of ['[1,2]', '"doc-a"', '42']) {
      const res = await api('getDocument', body);
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body).error.code).toBe('bad_request');
    }
  });

  it('engine errors keep their code; other errors become internal without a stack', async () => {
    const missing = await api('getDocument', '{"ref":"nope"}');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body).error.code).toBe('not_found');
    const crash = await api('getDocument', '{"ref":"doc-a@9"}');
    expect(crash.status).toBe(500);
    const body = JSON.parse(crash.body);
    expect(body.error.code).toBe('internal');
    expect(body.error.message).not.toMatch(/\n\s+at /);
  });

  it('refuses file paths as document references', async () => {
    const res = await api('getDocument', JSON.stringify({ ref: join(dir, 'secret.txt') }));
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('SECRET');
  });

  it('API calls need POST and application/json', async () => {
    expect((await request('/api/listDocuments')).status).toBe(405);
    const form = await request('/api/listDocuments', { method: 'POST', body: '{}', headers: { 'Content-Type': 'text/plain', 'X-Duizhao-Key': server.key } });
    expect(form.status).toBe(415);
    expect(JSON.parse(form.body).ok).toBe(false);
  });

  it('refuses foreign origins and hosts', async () => {
    const cross = await api('listDocuments', '{}', { Origin: 'http://evil.example' });
    expect(cross.status).toBe(403);
    const rebound = await request('/', { headers: { Host: 'evil.example' } });
    expect(rebound.status).toBe(421);
  });

  it('rejects bodies over the limit with 413 too_large', async () => {
    const res = await api('listDocuments', '{}', { 'Content-Length': String(100 * 1024 * 1024) }).catch(() => null);
    // The server answers before reading the body; the client may see the answer or a reset.
    if (res) {
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body).error.code).toBe('too_large');
    }
  });

  it('serves index.html for / and static files with their content types', async () => {
    const index = await request('/');
    expect(index.status).toBe(200);
    expect(index.type).toBe('text/html; charset=utf-8');
    expect(index.body).toContain('<title>t</title>');
    expect((await request('/app.js')).type).toContain('text/javascript');
    expect((await request('/styles.css')).type).toContain('text/css');
    expect((await request('/missing.js')).status).toBe(404);
  });

  it('refuses directory traversal', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%5csecret.txt', '/a/../../secret.txt', '/%00']) {
      const res = await request(p);
      expect(res.status, p).toBeGreaterThanOrEqual(400);
      expect(res.body).not.toContain('SECRET');
    }
    expect(resolveStaticPath('/srv/r', '/../x')).toBeNull();
    expect(resolveStaticPath('/srv/r', '/%E0%A4%A')).toBeNull();
    expect(resolveStaticPath('/srv/r', '/')).toBe('/srv/r/index.html');
  });
});
