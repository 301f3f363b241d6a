/** grep, wc, head, tail: text filters over files or stdin (stdin lines stream through grep and head). */
import type { Fds } from '../interpreter.js';
import { LineReader } from '../io.js';
import { resolvePath } from '../paths.js';
import { readInputs } from './files.js';
import { badOption, type Builtin, parseFlags } from './types.js';

/** A POSIX basic regular expression as a JavaScript one (GNU's \+ \? \| included). */
export function breToJs(re: string): string {
  let js = '';
  for (let i = 0; i < re.length; i++) {
    const c = re[i]!;
    if (c === '\\' && i + 1 < re.length) {
      const n = re[++i]!;
      js += '(){}|+?'.includes(n) ? n : '\\' + n;
    } else if ('(){}|+?'.includes(c)) js += '\\' + c;
    else if (c === '*' && (i === 0 || (i === 1 && re[0] === '^'))) js += '\\*';
    else js += c;
  }
  return js;
}

/** Lines of a text, without the final empty piece after a trailing newline. */
function lines(text: string): string[] {
  if (text === '') return [];
  const l = text.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

/** Calls fn per line of text, or of stdin as lines arrive; fn returning false stops early. */
async function eachLine(fds: Fds, text: string | undefined, fn: (l: string) => boolean | void): Promise<void> {
  if (text !== undefined) {
    for (const l of lines(text)) if (fn(l) === false) return;
    return;
  }
  const lr = new LineReader(fds.in);
  for (let l = await lr.line(); l !== null; l = await lr.line()) if (fn(l) === false) break;
}

export const grep: Builtin = async (sh, argv, fds) => {
  const { flags, values, rest, bad } = parseFlags(argv.slice(1), 'qvicnEFwxlhHsor', 'e');
  if (bad) return badOption(fds, 'grep', bad);
  const args = [...rest];
  const pat = values.get('e') ?? args.shift();
  if (pat === undefined) {
    fds.err('grep: usage: grep [-qvicnEFwxlhHso] PATTERN [FILE]...\n');
    return 2;
  }
  let src = flags.has('F') ? pat.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : flags.has('E') ? pat : breToJs(pat);
  if (flags.has('w')) src = `(?<![\\w])(?:${src})(?![\\w])`;
  if (flags.has('x')) src = `^(?:${src})$`;
  let re: RegExp;
  try {
    re = new RegExp(src, flags.has('i') ? 'gi' : 'g');
  } catch {
    fds.err(`grep: bad regex '${pat}'\n`);
    return 2;
  }
  const files = args.length ? args : ['-'];
  const showName = (files.length > 1 || flags.has('H')) && !flags.has('h');
  let matched = false;
  let error = false;
  for (const f of files) {
    let text: string | undefined;
    if (f !== '-') {
      text = sh.fs.read(resolvePath(sh.cwd, f));
      if (text === undefined) {
        if (!flags.has('s')) fds.err(`grep: ${f}: ${sh.fs.isDir(resolvePath(sh.cwd, f)) ? 'Is a directory' : 'No such file or directory'}\n`);
        error = true;
        continue;
      }
    }
    const label = f === '-' ? '(standard input)' : f;
    let count = 0;
    let n = 0;
    await eachLine(fds, text, (l) => {
      n++;
      re.lastIndex = 0;
      const hit = re.test(l) !== flags.has('v');
      if (!hit) return;
      count++;
      matched = true;
      if (flags.has('q') || flags.has('l')) return false;
      if (flags.has('c')) return;
      const prefix = (showName ? `${label}:` : '') + (flags.has('n') ? `${n}:` : '');
      if (flags.has('o') && !flags.has('v')) {
        re.lastIndex = 0;
        for (const m of l.matchAll(re)) if (m[0] !== '') fds.out(prefix + m[0] + '\n');
      } else fds.out(prefix + l + '\n');
    });
    if (flags.has('q') && matched) return 0;
    if (flags.has('l') && count) fds.out(label + '\n');
    else if (flags.has('c')) fds.out((showName ? `${label}:` : '') + count + '\n');
  }
  if (error && !(flags.has('q') && matched)) return 2;
  return matched ? 0 : 1;
};

export const wc: Builtin = async (sh, argv, fds) => {
  const { flags, rest, bad } = parseFlags(argv.slice(1), 'lwcmL');
  if (bad) return badOption(fds, 'wc', bad);
  const cols = ['l', 'w', 'c'].filter((c) => flags.has(c) || (c === 'c' && flags.has('m')));
  const show = cols.length ? cols : ['l', 'w', 'c'];
  const { inputs, failed } = await readInputs(sh, 'wc', rest, fds);
  const width = show.length === 1 && rest.length <= 1 ? 0 : 7;
  const totals: Record<string, number> = { l: 0, w: 0, c: 0 };
  const row = (counts: Record<string, number>, name: string | undefined): string =>
    show.map((c) => String(counts[c]).padStart(width)).join(' ') + (name ? ` ${name}` : '') + '\n';
  for (const { name, text } of inputs) {
    const counts = { l: (text.match(/\n/g) ?? []).length, w: text.split(/\s+/).filter(Boolean).length, c: Buffer.byteLength(text) };
    for (const k of show) totals[k]! += counts[k as 'l']!;
    fds.out(row(counts, rest.length ? name : undefined));
  }
  if (inputs.length > 1) fds.out(row(totals, 'total'));
  return failed ? 1 : 0;
};

/** -n N, -N, or +N (tail) option parsing shared by head and tail. */
function countArg(args: string[]): { n: number; fromStart: boolean; rest: string[]; bad?: string } {
  const rest: string[] = [];
  let n = 10;
  let fromStart = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    let v: string | undefined;
    if (a === '-n') v = args[++i];
    else if (a.startsWith('-n')) v = a.slice(2);
    else if (/^-\d+$/.test(a)) v = a.slice(1);
    else if (a === '-f' || a === '-q' || a === '-v') continue;
    else if (a.startsWith('-') && a !== '-') return { n, fromStart, rest, bad: a.slice(1, 2) };
    else {
      rest.push(a);
      continue;
    }
    if (v === undefined || !/^[+-]?\d+$/.test(v)) return { n, fromStart, rest, bad: `n ${v ?? ''}` };
    fromStart = v.startsWith('+');
    n = Math.abs(parseInt(v, 10));
  }
  return { n, fromStart, rest };
}

export const head: Builtin = async (sh, argv, fds) => {
  const { n, rest, bad } = countArg(argv.slice(1));
  if (bad) return badOption(fds, 'head', bad);
  let status = 0;
  for (const [i, f] of (rest.length ? rest : ['-']).entries()) {
    let text: string | undefined;
    if (f !== '-') {
      text = sh.fs.read(resolvePath(sh.cwd, f));
      if (text === undefined) {
        fds.err(`head: can't open '${f}': No such file or directory\n`);
        status = 1;
        continue;
      }
    }
    if (rest.length > 1) fds.out(`${i ? '\n' : ''}==> ${f} <==\n`);
    let left = n;
    if (left > 0) {
      await eachLine(fds, text, (l) => {
        fds.out(l + '\n');
        return --left > 0;
      });
    }
    if (f === '-') fds.in.close();
  }
  return status;
};

export const tail: Builtin = async (sh, argv, fds) => {
  const { n, fromStart, rest, bad } = countArg(argv.slice(1));
  if (bad) return badOption(fds, 'tail', bad);
  const { inputs, failed } = await readInputs(sh, 'tail', rest, fds);
  inputs.forEach(({ name, text }, i) => {
    if (inputs.length > 1) fds.out(`${i ? '\n' : ''}==> ${name} <==\n`);
    const l = lines(text);
    const out = fromStart ? l.slice(Math.max(0, n - 1)) : n === 0 ? [] : l.slice(-n);
    if (out.length) fds.out(out.join('\n') + (text.endsWith('\n') ? '\n' : ''));
  });
  return failed ? 1 : 0;
};
