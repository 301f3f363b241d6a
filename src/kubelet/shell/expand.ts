/**
 * Word expansion: parameters (${x:-y} and friends), command substitution, arithmetic, field
 * splitting on IFS, pathname expansion and quote removal, in POSIX order.
 */
import type { Node, Word, WordPart } from './ast.js';
import { evalArith, type ArithVars } from './arith.js';
import { escapePattern, globPaths, hasGlobChars, trimPattern } from './glob.js';
import type { ShellFS } from './types.js';
import { ShellError } from './types.js';

/** What expansion needs from the shell. */
export interface ExpandEnv extends ArithVars {
  special(name: string): string | string[] | undefined;
  /** Runs a command substitution, returning its output (the status goes to $?). */
  substitute(body: Node | null): Promise<string>;
  cwd: string;
  fs: ShellFS;
  nounset: boolean;
}

interface Field {
  s: string;
  pat: string;
  started: boolean;
}

function fatal(msg: string): ShellError {
  return new ShellError(msg, 2, true);
}

async function paramValue(env: ExpandEnv, p: WordPart & { k: 'param' }): Promise<string | string[]> {
  const raw = env.special(p.name) ?? env.get(p.name);
  const isSet = raw !== undefined;
  const str = Array.isArray(raw) ? raw.join(' ') : (raw ?? '');
  const nonEmpty = Array.isArray(raw) ? raw.length > 0 : str !== '';
  const op = p.op;
  if (op === 'len') return String(str.length);
  if (!op) {
    if (!isSet && env.nounset) throw fatal(`${p.name}: parameter not set`);
    return raw ?? '';
  }
  const colon = op.startsWith(':');
  const present = colon ? nonEmpty : isSet;
  const arg = async (): Promise<string> => expandString(env, p.arg ?? []);
  switch (op.replace(':', '')) {
    case '-':
      return present ? (raw ?? '') : arg();
    case '=':
      if (present) return raw ?? '';
      env.set(p.name, await arg());
      return env.get(p.name) ?? '';
    case '+':
      return present ? arg() : '';
    case '?': {
      if (present) return raw ?? '';
      const m = await arg();
      throw fatal(`${p.name}: ${m || (colon ? 'parameter not set or null' : 'parameter not set')}`);
    }
    default: {
      const pat = await expandPattern(env, p.arg ?? []);
      return trimPattern(str, pat, op as '#' | '##' | '%' | '%%');
    }
  }
}

async function partValue(env: ExpandEnv, p: WordPart): Promise<string | string[]> {
  switch (p.k) {
    case 'lit':
      return p.v;
    case 'param':
      return paramValue(env, p);
    case 'cmd':
      return (await env.substitute(p.body)).replace(/\n+$/, '');
    case 'arith':
      return String(evalArith(await expandString(env, p.expr), env));
  }
}

/** Expands words into fields (with splitting and globbing): the arguments of a command. */
export async function expandWords(env: ExpandEnv, words: Word[]): Promise<string[]> {
  const out: string[] = [];
  for (const w of words) out.push(...(await expandWord(env, w)));
  return out;
}

export async function expandWord(env: ExpandEnv, word: Word): Promise<string[]> {
  const ifs = env.get('IFS') ?? ' \t\n';
  const fields: Field[] = [];
  let cur: Field = { s: '', pat: '', started: false };
  const endField = (): void => {
    fields.push(cur);
    cur = { s: '', pat: '', started: false };
  };
  const addQuoted = (v: string): void => {
    cur.s += v;
    cur.pat += escapePattern(v);
    cur.started = true;
  };
  const addSplit = (v: string): void => {
    for (const c of v) {
      if (ifs.includes(c)) {
        if (/\s/.test(c)) {
          if (cur.started) endField();
        } else endField();
      } else {
        cur.s += c;
        cur.pat += c;
        cur.started = true;
      }
    }
  };
  for (let i = 0; i < word.length; i++) {
    const p = word[i]!;
    if (p.k === 'lit') {
      let v = p.v;
      if (!p.q && i === 0 && (v === '~' || v.startsWith('~/'))) {
        addQuoted(env.get('HOME') ?? '/root');
        v = v.slice(1);
      }
      if (p.q) addQuoted(v);
      else {
        cur.s += v;
        cur.pat += v;
        cur.started = true;
      }
      continue;
    }
    const val = await partValue(env, p);
    if (Array.isArray(val)) {
      // $@ and $*: one field per positional parameter ("$*" is joined with the first IFS char).
      if (p.q && p.k === 'param' && p.name === '*') addQuoted(val.join(ifs.slice(0, 1)));
      else
        val.forEach((v, j) => {
          if (j > 0) endField();
          if (p.q) addQuoted(v);
          else addSplit(v);
        });
    } else if (p.q) addQuoted(val);
    else addSplit(val);
  }
  if (cur.started) endField();
  const out: string[] = [];
  for (const f of fields) {
    if (hasGlobChars(f.pat)) {
      const m = globPaths(f.pat, env.cwd, env.fs);
      if (m.length) {
        out.push(...m);
        continue;
      }
    }
    out.push(f.s);
  }
  return out;
}

/** Expands a word to one string: no field splitting or globbing (assignments, redirections). */
export async function expandString(env: ExpandEnv, word: Word): Promise<string> {
  let s = '';
  for (let i = 0; i < word.length; i++) {
    const p = word[i]!;
    if (p.k === 'lit' && !p.q && i === 0 && (p.v === '~' || p.v.startsWith('~/'))) {
      s += (env.get('HOME') ?? '/root') + p.v.slice(1);
      continue;
    }
    const v = await partValue(env, p);
    s += Array.isArray(v) ? v.join(' ') : v;
  }
  return s;
}

/** Expands a word as a pattern: quoted parts match literally. */
export async function expandPattern(env: ExpandEnv, word: Word): Promise<string> {
  let s = '';
  for (const p of word) {
    const v = await partValue(env, p);
    const str = Array.isArray(v) ? v.join(' ') : v;
    s += p.q ? escapePattern(str) : str;
  }
  return s;
}
