/**
 * What every CLI command shares: argument parsing, the library, output conventions.
 * JSON goes to stdout; progress and messages to stderr; a failure is one line on stderr and exit 1.
 */
import { corpusDir, defaultHome, Library } from '../../electron/services/library';

export interface Args {
  /** Positional arguments after the command name. */
  positional: string[];
  /** --flag value / --flag (true); repeated flags collect in `multi`. */
  flags: Map<string, string | true>;
  multi: Map<string, string[]>;
}

/** Flags that take no value. Everything else named --x takes the next argument. */
const BOOLEAN_FLAGS = new Set(['json', 'debug', 'force', 'changes-only', 'help', 'no-notes', 'formal', 'group', 'all-versions']);

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
        throw new UsageError(`unknown option --${name} (options: ${allowed.map((f) => '--' + f).join(' ') || 'none'})`);
      }
      let value: string | true = true;
      if (eq > 0) value = a.slice(eq + 1);
      else if (!BOOLEAN_FLAGS.has(name)) {
        const next = argv[i + 1];
        if (next === undefined) throw new UsageError(`--${name} needs a value`);
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
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`--${name} takes a number, not "${v}"`);
  return n;
}

let library: Library | null = null;
export function getLibrary(): Library {
  library ??= new Library({ corpusDir: corpusDir(), home: defaultHome() });
  return library;
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
