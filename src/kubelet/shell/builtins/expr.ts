/** expr: arithmetic, comparison, `:` matching, length/substr/index/match (busybox messages). */
import type { Builtin } from './types.js';

class ExprError {
  constructor(readonly msg: string) {}
}

const isInt = (s: string): boolean => /^\s*[+-]?\d+$/.test(s);

function toInt(s: string): number {
  if (!isInt(s)) throw new ExprError('non-numeric argument');
  return parseInt(s, 10);
}

/** Anchored basic regular expression match (the `:` operator): \( \) groups, returns group 1 or length. */
function bre(s: string, re: string): string {
  let js = '';
  let groups = 0;
  for (let i = 0; i < re.length; i++) {
    const c = re[i]!;
    if (c === '\\' && i + 1 < re.length) {
      const n = re[++i]!;
      if (n === '(') {
        groups++;
        js += '(';
      } else if (n === ')') js += ')';
      else if (n === '{') js += '{';
      else if (n === '}') js += '}';
      else js += '\\' + n;
    } else if ('+?(){}|'.includes(c)) js += '\\' + c;
    else js += c;
  }
  const m = new RegExp('^(?:' + js + ')').exec(s);
  if (groups > 0) return m?.[1] ?? '';
  return String(m ? m[0].length : 0);
}

export function evalExpr(args: string[]): string {
  let i = 0;
  const peek = (): string | undefined => args[i];
  const level = (ops: string[], next: () => string, apply: (op: string, a: string, b: string) => string) => (): string => {
    let a = next();
    while (peek() !== undefined && ops.includes(peek()!)) {
      const op = args[i++]!;
      const b = next();
      a = apply(op, a, b);
    }
    return a;
  };
  const truthy = (s: string): boolean => s !== '' && s !== '0';
  const primary = (): string => {
    const t = args[i++];
    if (t === undefined) throw new ExprError('syntax error');
    if (t === '(') {
      const v = or();
      if (args[i++] !== ')') throw new ExprError('syntax error');
      return v;
    }
    if (t === 'length' && i < args.length) return String(args[i++]!.length);
    if (t === 'substr' && i + 2 < args.length) {
      const s = args[i++] ?? '';
      const pos = toInt(args[i++] ?? '');
      const len = toInt(args[i++] ?? '');
      return pos < 1 || len < 1 ? '' : s.substr(pos - 1, len);
    }
    if (t === 'index' && i + 1 < args.length) {
      const s = args[i++]!;
      const chars = args[i++]!;
      const idx = [...s].findIndex((c) => chars.includes(c));
      return String(idx + 1);
    }
    if (t === 'match' && i + 1 < args.length) {
      const s = args[i++]!;
      return bre(s, args[i++]!);
    }
    return t;
  };
  const match = level([':'], primary, (_op, a, b) => bre(a, b));
  const mul = level(['*', '/', '%'], match, (op, a, b) => {
    const x = toInt(a);
    const y = toInt(b);
    if (op !== '*' && y === 0) throw new ExprError('division by zero');
    return String(op === '*' ? x * y : op === '/' ? Math.trunc(x / y) : x % y);
  });
  const add = level(['+', '-'], mul, (op, a, b) => String(op === '+' ? toInt(a) + toInt(b) : toInt(a) - toInt(b)));
  const cmp = level(['=', '==', '!=', '<', '<=', '>', '>='], add, (op, a, b) => {
    const c = isInt(a) && isInt(b) ? toInt(a) - toInt(b) : a < b ? -1 : a > b ? 1 : 0;
    const r = { '=': c === 0, '==': c === 0, '!=': c !== 0, '<': c < 0, '<=': c <= 0, '>': c > 0, '>=': c >= 0 }[op];
    return r ? '1' : '0';
  });
  const and = level(['&'], cmp, (_op, a, b) => (truthy(a) && truthy(b) ? a : '0'));
  const or = level(['|'], and, (_op, a, b) => (truthy(a) ? a : truthy(b) ? b : '0'));
  if (args.length === 0) throw new ExprError('syntax error');
  const v = or();
  if (i < args.length) throw new ExprError('syntax error');
  return v;
}

export const expr: Builtin = (_sh, argv, fds) => {
  try {
    const v = evalExpr(argv.slice(1));
    fds.out(v + '\n');
    return v === '' || v === '0' ? 1 : 0;
  } catch (e) {
    if (!(e instanceof ExprError)) throw e;
    fds.err(`expr: ${e.msg}\n`);
    return 2;
  }
};
