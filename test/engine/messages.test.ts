/**
 * Chinese for people, codes for programs: every sentence of the message catalogue is Chinese, every
 * warning of a real document carries a catalogue code, and no code outside the catalogue writes a
 * sentence of its own where a person reads it (errors, warnings, the CLI's output).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MESSAGES, say, type MessageCode } from '../../electron/engine/model';
import { parseDocument } from '../../electron/engine/parse';
import { SEEDS, seedText, type SeedId } from '../helpers/seeds';

const ROOT = join(__dirname, '..', '..');
const HAN = /\p{Script=Han}/u;

/** Any parameter a template reads: a number that also reads as text ("1"). */
const anyParams = new Proxy({}, { get: (_t, key) => (typeof key === 'string' ? 1 : undefined) });

describe('the message catalogue', () => {
  it('every sentence is Chinese, whatever its parameters', () => {
    const codes = Object.keys(MESSAGES) as MessageCode[];
    expect(codes.length).toBeGreaterThan(100);
    const english = codes.filter((code) => !HAN.test((MESSAGES[code] as (p: unknown) => string)(anyParams)));
    expect(english).toEqual([]);
  });

  it('codes are stable dotted English names', () => {
    for (const code of Object.keys(MESSAGES)) expect(code).toMatch(/^[a-z]+(\.[a-z0-9_]+)+$/);
  });

  it('every warning of every seed has a catalogue code and a Chinese sentence', () => {
    let n = 0;
    for (const id of Object.keys(SEEDS) as SeedId[]) {
      for (const w of parseDocument(seedText(id), { id }).warnings) {
        n++;
        expect(Object.keys(MESSAGES)).toContain(w.code);
        expect(w.message).toMatch(HAN);
      }
    }
    expect(n).toBeGreaterThan(0);
  });

  it('say() fills the parameters', () => {
    expect(say('parse.duplicate_article', { label: '第一条' })).toBe('第一条重复出现');
  });
});

/** Source files whose strings reach a person: the engine, services, API, CLI commands, web server. */
function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (/\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

/**
 * A string literal (quotes or backticks) at the start of `rest`, if any: its text, with each `${…}` of a
 * template (which may hold quotes and templates of its own) replaced by "${}".
 */
function literalAt(rest: string): string | null {
  const start = /^\s*/.exec(rest)![0].length;
  const quote = rest[start];
  if (quote !== "'" && quote !== '"' && quote !== '`') return null;
  let out = '';
  for (let i = start + 1; i < rest.length; i++) {
    const c = rest[i]!;
    if (c === '\\') {
      out += c + (rest[i + 1] ?? '');
      i++;
    } else if (c === quote) {
      return out;
    } else if (quote === '`' && c === '$' && rest[i + 1] === '{') {
      let depth = 0;
      for (i++; i < rest.length; i++) {
        if (rest[i] === '{') depth++;
        else if (rest[i] === '}' && --depth === 0) break;
      }
      out += '${}';
    } else out += c;
  }
  return null;
}

describe('no sentence outside the catalogue', () => {
  const files = [...sources(join(ROOT, 'electron')), ...sources(join(ROOT, 'scripts', 'commands')), join(ROOT, 'scripts', 'cli.ts'), join(ROOT, 'scripts', 'web.ts')].filter(
    (f) => !f.endsWith(join('model', 'messages.ts')) && !f.endsWith(join('model', 'errors.ts')),
  );

  it('errors are made from the catalogue (fail()), never with a sentence written in place', () => {
    const offenders: string[] = [];
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/new (DuizhaoError|UsageError)\(/g)) {
        const rest = text.slice(m.index! + m[0].length);
        // The worker re-creates an error that crossed the thread boundary: its message came from the catalogue.
        const args = m[1] === 'DuizhaoError' ? rest.replace(/^[^,]*,/, '') : rest;
        const literal = literalAt(args);
        if (literal !== null) offenders.push(`${relative(ROOT, f)}: new ${m[1]}(… '${literal.slice(0, 40)}')`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('warnings are made with warning(), never as { message: "…" } literals', () => {
    const offenders: string[] = [];
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/\bmessage:\s*/g)) {
        const literal = literalAt(text.slice(m.index! + m[0].length));
        if (literal !== null && literal.trim() !== '' && !HAN.test(literal)) offenders.push(`${relative(ROOT, f)}: message: '${literal.slice(0, 40)}'`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('what the CLI and the web server print to a person holds Chinese', () => {
    const offenders: string[] = [];
    for (const f of files.filter((x) => x.includes(join('scripts', '')))) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/\b(out|progress|fail|process\.std(?:out|err)\.write)\(/g)) {
        const literal = literalAt(text.slice(m.index! + m[0].length));
        // fail('not_found', 'code', …) of the catalogue takes an error code, not a sentence.
        if (literal === null || /^[a-z_]+$/.test(literal)) continue;
        // Layout only: white space, punctuation, interpolations and the program's name.
        const words = literal.replace(/\$\{[^}]*\}/g, '').replace(/duizhao/g, '').replace(/\\[nrt]/g, '');
        if (/[A-Za-z]{3,}/.test(words) && !HAN.test(words)) offenders.push(`${relative(ROOT, f)}: ${m[1]}('${literal.slice(0, 50)}')`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
