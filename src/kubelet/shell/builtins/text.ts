/** echo, printf, seq, basename, dirname (busybox behaviour). */
import { baseName, dirName } from '../paths.js';
import type { Builtin } from './types.js';

/** Backslash escapes of echo -e and printf %b; `stop` is set by \c. */
export function unescape(s: string, octalNeedsZero: boolean): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[++i]!;
    const simple: Record<string, string> = { '\\': '\\', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
    if (n in simple) out += simple[n];
    else if (n === 'c') return { text: out, stop: true };
    else if (n === 'x' && /[0-9a-fA-F]/.test(s[i + 1] ?? '')) {
      const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(m, 16));
      i += m.length;
    } else if (/[0-7]/.test(n) && (n === '0' || !octalNeedsZero)) {
      const from = octalNeedsZero ? i + 1 : i;
      const m = /^[0-7]{0,3}/.exec(s.slice(from))![0];
      out += String.fromCharCode(parseInt(m || '0', 8) & 255);
      i = from + m.length - 1;
    } else out += '\\' + n;
  }
  return { text: out, stop: false };
}

export const echo: Builtin = (_sh, argv, fds) => {
  const args = argv.slice(1);
  let newline = true;
  let escapes = false;
  while (args.length && /^-[neE]+$/.test(args[0]!)) {
    const o = args.shift()!;
    for (const c of o.slice(1)) {
      if (c === 'n') newline = false;
      else if (c === 'e') escapes = true;
      else escapes = false;
    }
  }
  let text = args.join(' ');
  if (escapes) {
    const r = unescape(text, true);
    if (r.stop) {
      fds.out(r.text);
      return 0;
    }
    text = r.text;
  }
  fds.out(text + (newline ? '\n' : ''));
  return 0;
};

/** printf FORMAT [ARG]...: the format is reused while arguments remain. */
export const printf: Builtin = (_sh, argv, fds) => {
  const fmt = argv[1];
  if (fmt === undefined) {
    fds.err('printf: usage: printf FORMAT [ARGUMENT]...\n');
    return 1;
  }
  const args = argv.slice(2);
  let status = 0;
  let ai = 0;
  const num = (s: string | undefined, float: boolean): number => {
    if (s === undefined || s === '') return 0;
    if (/^['"]/.test(s)) return s.codePointAt(1) ?? 0;
    const v = float ? Number(s) : /^[+-]?0x[0-9a-f]+$/i.test(s) ? parseInt(s, 16) : /^[+-]?\d+$/.test(s) ? parseInt(s, 10) : NaN;
    if (Number.isNaN(v)) {
      fds.err(`printf: invalid number '${s}'\n`);
      status = 1;
      return 0;
    }
    return v;
  };
  let out = '';
  for (;;) {
    let used = false;
    let stop = false;
    for (let i = 0; i < fmt.length && !stop; i++) {
      const c = fmt[i]!;
      if (c === '\\') {
        const m = /^\\([0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)/.exec(fmt.slice(i))!;
        const r = unescape(m[0], false);
        out += r.text;
        if (r.stop) stop = true;
        i += m[0].length - 1;
        continue;
      }
      if (c !== '%') {
        out += c;
        continue;
      }
      const m = /^%([-+ #0]*)(\d+|\*)?(?:\.(\d+|\*)?)?([sbcdiouxXfeEgG%])/.exec(fmt.slice(i));
      if (!m) {
        out += c;
        continue;
      }
      i += m[0].length - 1;
      const conv = m[4]!;
      if (conv === '%') {
        out += '%';
        continue;
      }
      used = true;
      const flags = m[1]!;
      const width = m[2] === '*' ? num(args[ai++], false) : m[2] ? Number(m[2]) : 0;
      const precStr = m[3] === '*' ? String(num(args[ai++], false)) : m[3];
      const prec = m[0].includes('.') ? Number(precStr ?? 0) : undefined;
      const arg = args[ai++];
      let s: string;
      switch (conv) {
        case 's':
          s = arg ?? '';
          if (prec !== undefined) s = s.slice(0, prec);
          break;
        case 'b': {
          const r = unescape(arg ?? '', true);
          s = r.text;
          if (r.stop) stop = true;
          break;
        }
        case 'c':
          s = (arg ?? '').slice(0, 1);
          break;
        case 'd':
        case 'i':
        case 'u': {
          const v = Math.trunc(num(arg, false));
          s = String(Math.abs(v));
          if (prec !== undefined) s = s.padStart(prec, '0');
          s = (v < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + s;
          break;
        }
        case 'o':
        case 'x':
        case 'X': {
          const v = Math.trunc(num(arg, false));
          s = (v >>> 0).toString(conv === 'o' ? 8 : 16);
          if (conv === 'X') s = s.toUpperCase();
          if (flags.includes('#') && v !== 0) s = (conv === 'o' ? '0' : conv === 'x' ? '0x' : '0X') + s;
          break;
        }
        default: {
          const v = num(arg, true);
          const p = prec ?? 6;
          s = conv === 'f' ? v.toFixed(p) : conv.toLowerCase() === 'e' ? v.toExponential(p).replace(/e([+-])(\d)$/, 'e$10$2') : String(Number(v.toPrecision(p || 1)));
          if (conv === 'E' || conv === 'G') s = s.toUpperCase();
          if (v >= 0 && flags.includes('+')) s = '+' + s;
        }
      }
      if (s.length < width) {
        if (flags.includes('-')) s = s.padEnd(width);
        else if (flags.includes('0') && /[diouxXfeEgG]/.test(conv)) {
          const sign = /^[+\- ]/.test(s) ? s[0] : '';
          s = sign + s.slice(sign.length).padStart(width - sign.length, '0');
        } else s = s.padStart(width);
      }
      out += s;
    }
    if (stop || !used || ai >= args.length) break;
  }
  fds.out(out);
  return status;
};

/** seq [-w] [-s SEP] [FIRST [INC]] LAST */
export const seq: Builtin = (_sh, argv, fds) => {
  const args = argv.slice(1);
  let sep = '\n';
  let pad = false;
  while (args.length && /^-[ws]/.test(args[0]!)) {
    const o = args.shift()!;
    if (o === '-w') pad = true;
    else sep = o.length > 2 ? o.slice(2) : (args.shift() ?? '');
  }
  const nums = args.map(Number);
  if (args.length < 1 || args.length > 3 || nums.some((n) => Number.isNaN(n))) {
    const bad = args.find((a) => Number.isNaN(Number(a)));
    fds.err(bad !== undefined ? `seq: invalid number '${bad}'\n` : 'seq: usage: seq [-w] [-s SEP] [FIRST [INC]] LAST\n');
    return 1;
  }
  const [first, inc, last] = args.length === 1 ? [1, 1, nums[0]!] : args.length === 2 ? [nums[0]!, 1, nums[1]!] : [nums[0]!, nums[1]!, nums[2]!];
  if (inc === 0) return 1;
  const decimals = Math.max(...args.map((a) => (a.includes('.') ? a.length - a.indexOf('.') - 1 : 0)));
  const items: string[] = [];
  for (let i = 0; ; i++) {
    const v = first + i * inc;
    if (inc > 0 ? v > last + 1e-9 : v < last - 1e-9) break;
    items.push(v.toFixed(decimals));
    if (items.length > 1_000_000) break;
  }
  const width = pad ? Math.max(...items.map((s) => s.length)) : 0;
  if (items.length) fds.out(items.map((s) => s.padStart(width, '0')).join(sep) + '\n');
  return 0;
};

export const basename: Builtin = (_sh, argv, fds) => {
  if (argv.length < 2) {
    fds.err('basename: usage: basename FILE [SUFFIX]\n');
    return 1;
  }
  let b = baseName(argv[1]!);
  const suffix = argv[2];
  if (suffix && b !== suffix && b.endsWith(suffix)) b = b.slice(0, -suffix.length);
  fds.out(b + '\n');
  return 0;
};

export const dirname: Builtin = (_sh, argv, fds) => {
  if (argv.length < 2) {
    fds.err('dirname: usage: dirname FILENAME\n');
    return 1;
  }
  fds.out(dirName(argv[1]!) + '\n');
  return 0;
};
