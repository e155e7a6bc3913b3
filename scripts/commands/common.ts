/**
 * What every CLI command shares: argument parsing, the application layer, output conventions.
 * JSON goes to stdout; progress and messages to stderr; a failure is one line on stderr and exit 1.
 */
import { say } from '../../electron/engine/model';
import { openApp, type LocalApp } from '../../electron/app';

export interface Args {
  /** Positional arguments after the command name. */
  positional: string[];
  /** --flag value / --flag (true); repeated flags collect in `multi`. */
  flags: Map<string, string | true>;
  multi: Map<string, string[]>;
}

/** Flags that take no value. Everything else named --x takes the next argument. */
const BOOLEAN_FLAGS = new Set(['json', 'debug', 'force', 'changes-only', 'help', 'no-notes', 'formal', 'group', 'all-versions', 'with-decision', 'with-refs', 'shared-only', 'similar']);

/** Flags every command takes. */
const GLOBAL_FLAGS = ['debug', 'help'];

/**
 * `allowed`: the command's flags. An unknown one is a usage error rather than a flag that silently
 * swallows the next argument (`compare --jsn A B` would take A as its value).
 */
export function parseArgs(argv: string[], allowed?: readonly string[]): Args {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  const multi = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (allowed && !allowed.includes(name) && !GLOBAL_FLAGS.includes(name)) {
        throw new UsageError(say('cli.unknown_option', { name, options: allowed.map((f) => '--' + f).join(' ') || say('cli.no_options') }));
      }
      let value: string | true = true;
      if (eq > 0) value = a.slice(eq + 1);
      else if (!BOOLEAN_FLAGS.has(name)) {
        const next = argv[i + 1];
        if (next === undefined) throw new UsageError(say('cli.needs_value', { name }));
        value = next;
        i++;
      }
      flags.set(name, value);
      if (typeof value === 'string') multi.set(name, [...(multi.get(name) ?? []), value]);
    } else {
      positional.push(a);
    }
  }
  return { positional, flags, multi };
}

export class UsageError extends Error {}

export function flagString(args: Args, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

export function flagNumber(args: Args, name: string, fallback: number): number {
  const v = flagString(args, name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(say('cli.needs_number', { name, value: v }));
  return n;
}

let app: LocalApp | null = null;
/**
 * The application layer of the command line: the library in $DUIZHAO_HOME, and text files by path (a REF
 * may be a file; imports, annotations files and outputs are paths).
 */
export function getApp(): LocalApp {
  app ??= openApp({ files: true });
  return app;
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

export function out(line = ''): void {
  process.stdout.write(line + '\n');
}

export { clip } from '../../electron/engine/model';

export interface Command {
  name: string;
  usage: string;
  /** The --flags it takes (besides --debug and --help). */
  flags: readonly string[];
  summary: string;
  run(args: Args): Promise<void> | void;
}
