/**
 * The HTTP adapter of the web mode: the same handler table as the Electron IPC adapter, over
 * `POST /api/<method>` with a JSON body, plus the built renderer as static files. Binds 127.0.0.1 only.
 *
 * A file for import (previewImport, importDocument) travels as the raw body (application/octet-stream),
 * the rest of its request as JSON in the `req` query parameter; several files (importMany) as one raw body
 * too, the request's JSON on its first line (contract.ts MULTI_FILE_METHODS). A call of long work may be named with the
 * X-Duizhao-Job header (`cancel` then stops it); asked with `Accept: application/x-ndjson` the answer is
 * streamed, one JSON object per line: `{ "progress": … }` as each stage begins, then the envelope as the
 * last line. A client that goes away (the page aborted its request) stops the job.
 *
 * Guards, since any web page the user opens can reach a localhost port:
 * - the Host header must name this server (DNS rebinding),
 * - an Origin header, when sent, must be this server's origin,
 * - API calls must be `application/json` (which a foreign page cannot send without a preflight we never
 *   answer),
 * - static paths are resolved inside the static folder only.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { AppOptions } from '../app';
import { say, MAX_IMPORT_BYTES } from '../engine/model';
import { FILE_METHODS, JOB_ID, MULTI_FILE_METHODS, type ApiHandlers, type ApiMethod, type ApiResult, type CallContext, type CollectionFile } from './contract';
import { callHandler, createHandlers, httpStatusFor, isApiMethod } from './handlers';
import { withJobs } from './jobs';

export const HOST = '127.0.0.1';
/** Largest JSON request body (requests name documents; files come as raw bodies). */
export const MAX_JSON_BYTES = 4 * 1024 * 1024;
/** Largest raw body: a file at the import limit (the library refuses larger ones with its own message). */
export const MAX_BODY_BYTES = MAX_IMPORT_BYTES + 1024;
/** Largest body of several files: files up to the import limit, and their list. */
export const MAX_FILES_BODY_BYTES = MAX_IMPORT_BYTES + MAX_JSON_BYTES;

/** The header naming a job (a call `cancel` can stop). */
export const JOB_HEADER = 'x-duizhao-job';
export const NDJSON = 'application/x-ndjson';

/**
 * The header carrying the session key. 127.0.0.1 keeps other machines out, and the Host/Origin checks keep
 * other web pages out; the key keeps out other local processes and users, who can reach the port too.
 */
export const API_KEY_HEADER = 'x-duizhao-key';

export interface ServerOptions {
  /** 0 picks a free port. */
  port: number;
  /** The documents to serve with in-thread handlers; not needed when `handlers` are given. */
  library?: AppOptions['library'];
  /** The built renderer (index.html, app.js, styles.css); defaults to build/renderer next to the bundle. */
  staticDir?: string;
  /** Handlers to serve instead of `createHandlers(library)` (tests, later services). */
  handlers?: ApiHandlers;
}

export interface RunningServer {
  /** The address to open: it carries the session key (`?k=…`), which the page keeps and sends back. */
  url: string;
  port: number;
  /** The session key every /api call must send in the API_KEY_HEADER header. */
  key: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function defaultStaticDir(): string {
  const candidates = [
    path.join(__dirname, 'renderer'), // build/web.js → build/renderer
    path.join(__dirname, '..', 'renderer'), // build/electron/*.js → build/renderer
    path.join(__dirname, '..', '..', 'build', 'renderer'), // electron/api/http.ts (tests) → build/renderer
  ];
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'index.html'))) ?? candidates[0]!;
}

function sendJson(res: http.ServerResponse, status: number, body: ApiResult<unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

function sendError(res: http.ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { ok: false, error: { code: code as never, message } });
}

function sendText(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

class BodyTooLarge extends Error {}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on('error', (e) => {
      if (!failed) reject(e);
    });
  });
}

/**
 * The request of a method that takes several files (contract.ts MULTI_FILE_METHODS): its JSON on the first
 * line with each file's size in place of its bytes, then the bytes in that order. Null when the list and
 * the bytes do not agree. The files' bytes are views of the body, not copies.
 */
export function unpackFiles(body: Buffer): (Record<string, unknown> & { files: CollectionFile[] }) | null {
  const end = body.indexOf(0x0a);
  if (end < 0) return null;
  let head: unknown;
  try {
    head = JSON.parse(body.subarray(0, end).toString('utf8'));
  } catch {
    return null;
  }
  if (!head || typeof head !== 'object' || Array.isArray(head)) return null;
  const list = (head as { files?: unknown }).files;
  if (!Array.isArray(list)) return null;
  const files: CollectionFile[] = [];
  let at = end + 1;
  for (const f of list as Array<{ path?: unknown; size?: unknown }>) {
    if (!f || typeof f.path !== 'string' || !Number.isSafeInteger(f.size) || (f.size as number) < 0 || at + (f.size as number) > body.length) return null;
    files.push({ path: f.path, data: new Uint8Array(body.buffer, body.byteOffset + at, f.size as number) });
    at += f.size as number;
  }
  if (at !== body.length) return null;
  return { ...(head as Record<string, unknown>), files };
}

/** Maps a URL path to a file inside `root`, or null when it would leave it (or is malformed). */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  if (decoded === '/' || decoded === '') decoded = '/index.html';
  // Any ".." segment is refused outright rather than normalised away.
  if (decoded.split('/').some((seg) => seg === '..')) return null;
  const rootAbs = path.resolve(root);
  const full = path.resolve(rootAbs, '.' + path.posix.normalize(decoded));
  if (full !== rootAbs && !full.startsWith(rootAbs + path.sep)) return null;
  return full;
}

export function startServer(opts: ServerOptions): Promise<RunningServer> {
  if (!opts.handlers && !opts.library) throw new Error('startServer needs handlers or a library');
  const handlers: ApiHandlers = withJobs(opts.handlers ?? createHandlers(opts.library!));
  const staticDir = opts.staticDir ?? defaultStaticDir();
  let port = 0;
  const key = randomBytes(18).toString('base64url');
  const keyBytes = Buffer.from(key);
  const keyMatches = (given: string | string[] | undefined): boolean => {
    const g = Buffer.from(typeof given === 'string' ? given : '');
    return g.length === keyBytes.length && timingSafeEqual(g, keyBytes);
  };

  const allowedHost = (host: string | undefined): boolean =>
    host === `${HOST}:${port}` || host === `localhost:${port}`;
  const allowedOrigin = (origin: string | undefined): boolean =>
    origin === undefined || origin === `http://${HOST}:${port}` || origin === `http://localhost:${port}`;

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, method: string, query: URLSearchParams): Promise<void> {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      sendError(res, 405, 'bad_request', say('http.post_only', { method: req.method ?? '?' }));
      return;
    }
    if (!keyMatches(req.headers[API_KEY_HEADER])) {
      sendError(res, 403, 'bad_request', say('http.bad_key'));
      return;
    }
    if (!isApiMethod(method)) {
      sendError(res, 404, 'not_found', say('api.unknown_method', { method }));
      return;
    }
    const contentType = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    const several = contentType === 'application/octet-stream' && MULTI_FILE_METHODS.includes(method);
    const binary = contentType === 'application/octet-stream' && FILE_METHODS.includes(method);
    if (contentType !== 'application/json' && !binary && !several) {
      sendError(res, 415, 'bad_request', say('http.json_only'));
      return;
    }
    let body: Buffer;
    const limit = several ? MAX_FILES_BODY_BYTES : binary ? MAX_BODY_BYTES : MAX_JSON_BYTES;
    try {
      body = await readBody(req, limit);
    } catch (e) {
      if (e instanceof BodyTooLarge) {
        // The rest of the body is not read: the connection cannot be reused.
        res.setHeader('Connection', 'close');
        sendError(res, 413, 'too_large', say('http.too_large', { mb: Math.round(limit / 1048576) }));
        req.resume();
        return;
      }
      throw e;
    }
    let parsed: unknown = {};
    if (several) {
      const files = unpackFiles(body);
      if (!files) {
        sendError(res, 400, 'bad_request', say('http.bad_files'));
        return;
      }
      parsed = files;
    }
    const text = several ? '' : binary ? (query.get('req') ?? '') : body.toString('utf8').trim();
    if (text !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        sendError(res, 400, 'bad_request', say('http.bad_json'));
        return;
      }
    }
    if (binary && parsed && typeof parsed === 'object' && !Array.isArray(parsed)) parsed = { ...parsed, data: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) };

    const job = req.headers[JOB_HEADER];
    const ctx: CallContext = {};
    if (typeof job === 'string') {
      if (!JOB_ID.test(job)) {
        sendError(res, 400, 'bad_request', say('job.bad_id'));
        return;
      }
      ctx.job = job;
    }
    // The page went away (closed, or aborted its request): the job stops.
    const gone = new AbortController();
    ctx.signal = gone.signal;
    res.on('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    if (String(req.headers.accept ?? '').includes(NDJSON)) {
      await streamCall(res, method, parsed, ctx);
      return;
    }
    const result = await callHandler(handlers, method, parsed, ctx);
    sendJson(res, result.ok ? 200 : httpStatusFor(result.error.code), result);
  }

  /** The call answered as NDJSON: progress lines as they come, the envelope last (status 200: the envelope says how it went). */
  async function streamCall(res: http.ServerResponse, method: ApiMethod, req: unknown, ctx: CallContext): Promise<void> {
    res.writeHead(200, {
      'Content-Type': `${NDJSON}; charset=utf-8`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    // Headers now: the page learns at once that the call was accepted.
    res.flushHeaders();
    ctx.onProgress = (progress) => {
      if (!res.writableEnded) res.write(JSON.stringify({ progress }) + '\n');
    };
    const result = await callHandler(handlers, method, req, ctx);
    if (!res.writableEnded) res.end(JSON.stringify(result) + '\n');
  }

  function handleStatic(req: http.IncomingMessage, res: http.ServerResponse, urlPath: string): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      sendText(res, 405, 'Method Not Allowed');
      return;
    }
    const file = resolveStaticPath(staticDir, urlPath);
    if (!file) {
      sendText(res, 400, 'Bad Request');
      return;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      sendText(res, 404, 'Not Found');
      return;
    }
    if (!stat.isFile()) {
      sendText(res, 404, 'Not Found');
      return;
    }
    const ext = path.extname(file).toLowerCase();
    const headers: http.OutgoingHttpHeaders = {
      'Content-Type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
      'Content-Length': stat.size,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    };
    if (ext === '.html') {
      headers['Content-Security-Policy'] = CSP;
      headers['X-Frame-Options'] = 'DENY';
    }
    res.writeHead(200, headers);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    fs.createReadStream(file).pipe(res);
  }

  const server = http.createServer((req, res) => {
    const rawUrl = req.url ?? '/';
    if (!allowedHost(req.headers.host)) {
      sendText(res, 421, 'Misdirected Request');
      return;
    }
    if (!allowedOrigin(req.headers.origin)) {
      sendError(res, 403, 'bad_request', say('http.foreign_origin'));
      return;
    }
    const urlPath = rawUrl.split('?')[0]!.split('#')[0]!;
    const query = new URLSearchParams(rawUrl.includes('?') ? rawUrl.slice(rawUrl.indexOf('?') + 1).split('#')[0]! : '');
    const work = urlPath.startsWith('/api/')
      ? handleApi(req, res, urlPath.slice('/api/'.length), query)
      : Promise.resolve(handleStatic(req, res, urlPath));
    work.catch((e: unknown) => {
      const message = e instanceof Error ? e.message : String(e);
      console.error(`duizhao: ${say('api.internal', { detail: message })}`);
      if (!res.headersSent) sendError(res, 500, 'internal', say('api.internal', { detail: message }));
      else res.destroy();
    });
  });
  server.requestTimeout = 120_000;

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, HOST, () => {
      server.off('error', reject);
      port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://${HOST}:${port}/?k=${key}`,
        key,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
