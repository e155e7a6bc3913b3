/**
 * The HTTP adapter of the web mode: the same handler table as the Electron IPC adapter, over
 * `POST /api/<method>` with a JSON body, plus the built renderer as static files. Binds 127.0.0.1 only.
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
import type { ApiResult } from './contract';
import { callHandler, createHandlers, httpStatusFor, isApiMethod, type DocumentSource } from './handlers';
import type { ApiHandlers } from './contract';

export const HOST = '127.0.0.1';
/**
 * Largest request body. Imports of whole documents come through here as base64 (4 characters per 3
 * bytes): a file at the 50 MB import limit is 66.7 MB of base64, plus the JSON around it.
 */
export const MAX_BODY_BYTES = 72 * 1024 * 1024;

/**
 * The header carrying the session key. 127.0.0.1 keeps other machines out, and the Host/Origin checks keep
 * other web pages out; the key keeps out other local processes and users, who can reach the port too.
 */
export const API_KEY_HEADER = 'x-duizhao-key';

export interface ServerOptions {
  /** 0 picks a free port. */
  port: number;
  /** The documents to serve with in-thread handlers; not needed when `handlers` are given. */
  library?: DocumentSource;
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
  const handlers: ApiHandlers = opts.handlers ?? createHandlers(opts.library!);
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

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, method: string): Promise<void> {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      sendError(res, 405, 'bad_request', `接口只接受 POST 请求（收到 ${req.method ?? '?'}）。`);
      return;
    }
    if (!keyMatches(req.headers[API_KEY_HEADER])) {
      sendError(res, 403, 'bad_request', '缺少或错误的会话密钥：请从 Duizhao 启动时给出的地址打开。');
      return;
    }
    if (!isApiMethod(method)) {
      sendError(res, 404, 'not_found', `未知的接口方法：${method}`);
      return;
    }
    const contentType = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (contentType !== 'application/json') {
      sendError(res, 415, 'bad_request', '请求体必须是 application/json。');
      return;
    }
    let body: Buffer;
    try {
      body = await readBody(req, MAX_BODY_BYTES);
    } catch (e) {
      if (e instanceof BodyTooLarge) {
        // The rest of the body is not read: the connection cannot be reused.
        res.setHeader('Connection', 'close');
        sendError(res, 413, 'too_large', `请求体超过 ${MAX_BODY_BYTES / 1024 / 1024} MB 上限。`);
        req.resume();
        return;
      }
      throw e;
    }
    let parsed: unknown = {};
    const text = body.toString('utf8').trim();
    if (text !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        sendError(res, 400, 'bad_request', '请求体不是有效的 JSON。');
        return;
      }
    }
    const result = await callHandler(handlers, method, parsed);
    sendJson(res, result.ok ? 200 : httpStatusFor(result.error.code), result);
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
      sendError(res, 403, 'bad_request', '不接受来自其他来源的请求。');
      return;
    }
    const urlPath = rawUrl.split('?')[0]!.split('#')[0]!;
    const work = urlPath.startsWith('/api/')
      ? handleApi(req, res, urlPath.slice('/api/'.length))
      : Promise.resolve(handleStatic(req, res, urlPath));
    work.catch((e: unknown) => {
      const message = e instanceof Error ? e.message : String(e);
      console.error(`duizhao: web request failed: ${message}`);
      if (!res.headersSent) sendError(res, 500, 'internal', `内部错误：${message}`);
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
