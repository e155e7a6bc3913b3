/**
 * Web mode: the renderer and the API over HTTP on 127.0.0.1, for machines without the Electron binary and
 * for the e2e tests. `node build/web.js [--port N]` (0 = a free port). Prints the URL on stdout.
 */
import * as path from 'node:path';
import { startServer } from '../electron/api/http';
import { createWorkerHandlers } from '../electron/api/worker';
import { say } from '../electron/engine/model';

function fail(message: string): never {
  process.stderr.write(`duizhao：${message}\n`);
  process.exit(1);
}

function parseArgs(argv: string[]): { port: number } {
  let port = 0;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (name === '--port') {
      const value = inline ?? argv[++i];
      if (value === undefined || !/^\d+$/.test(value) || Number(value) > 65535) fail(say('web.bad_port', { value: value ?? '' }));
      port = Number(value);
    } else if (name === '--host') {
      const value = inline ?? argv[++i];
      if (value !== '127.0.0.1' && value !== 'localhost') fail(say('web.local_only'));
    } else if (name === '--debug') {
      process.env.DUIZHAO_DEBUG = '1';
    } else if (name === '--help' || name === '-h') {
      process.stdout.write(`${say('web.usage')}\n`);
      process.exit(0);
    } else {
      fail(say('web.unknown_option', { arg }));
    }
  }
  return { port };
}

async function main(): Promise<void> {
  const { port } = parseArgs(process.argv.slice(2));
  // The engine answers from its own thread so that a long comparison never stalls the server. It finds
  // the corpus next to this program and the library in $DUIZHAO_HOME (or the user's data folder) itself.
  const engine = createWorkerHandlers(path.join(__dirname, 'engine-worker.js'));
  const server = await startServer({ port, handlers: engine.handlers, staticDir: path.join(__dirname, 'renderer') });
  process.stdout.write(`${say('web.listening', { url: server.url })}\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    Promise.all([server.close(), engine.close()]).then(
      () => process.exit(0),
      () => process.exit(0),
    );
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  const err = e as NodeJS.ErrnoException;
  if (process.env.DUIZHAO_DEBUG) console.error(e);
  if (err?.code === 'EADDRINUSE') fail(say('web.port_in_use', { detail: err.message }));
  fail(say('cli.failed', { detail: err instanceof Error ? err.message : String(e) }));
});
