/**
 * Shell arithmetic ($(( ))): integer C-like expressions over 64-bit-ish numbers (JS numbers
 * truncated to integers), with variables, assignment operators and the ternary operator.
 */
import { ShellError } from './types.js';

export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

const BINARY: Record<string, number> = {
  '||': 1, '&&': 2, '|': 3, '^': 4, '&': 5, '==': 6, '!=': 6, '<': 7, '<=': 7, '>': 7, '>=': 7,
  '<<': 8, '>>': 8, '+': 9, '-': 9, '*': 10, '/': 10, '%': 10, '**': 11,
};
const ASSIGN = ['=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '&=', '^=', '|='];
const OPS = [...ASSIGN, '**', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '++', '--', '+', '-', '*', '/', '%',
  '<', '>', '&', '|', '^', '!', '~', '(', ')', '?', ':'].sort((a, b) => b.length - a.length);

function arithError(_near: string): ShellError {
  return new ShellError('arithmetic syntax error', 2);
}

/** Parses an integer the way ash does: decimal, 0x hex, leading-0 octal; empty is 0. */
export function parseShellNumber(s: string): number | undefined {
  const t = s.trim();
  if (t === '') return 0;
  const m = /^([+-]?)(0x[0-9a-f]+|0[0-7]*|[1-9][0-9]*)$/i.exec(t);
  if (!m) return undefined;
  const body = m[2]!;
  const v = /^0x/i.test(body) ? parseInt(body.slice(2), 16) : body.length > 1 && body[0] === '0' ? parseInt(body, 8) : parseInt(body, 10);
  return m[1] === '-' ? -v : v;
}

export function evalArith(expr: string, vars: ArithVars): number {
  const toks: string[] = [];
  for (let i = 0; i < expr.length; ) {
    const c = expr[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const num = /^(0x[0-9a-fA-F]+|[0-9]+)/.exec(expr.slice(i));
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(expr.slice(i));
    const m = num ?? name;
    if (m) {
      toks.push(m[0]);
      i += m[0].length;
      continue;
    }
    const op = OPS.find((o) => expr.startsWith(o, i));
    if (!op) throw arithError(expr);
    toks.push(op);
    i += op.length;
  }
  let p = 0;
  const peek = (): string | undefined => toks[p];
  const isName = (t: string | undefined): boolean => !!t && /^[A-Za-z_]/.test(t);
  const valueOf = (name: string): number => {
    const v = vars.get(name) ?? '';
    const n = parseShellNumber(v);
    if (n === undefined) throw arithError(v);
    return n;
  };
  const int = (n: number): number => (Number.isFinite(n) ? Math.trunc(n) : 0);

  const primary = (): number => {
    const t = toks[p++];
    if (t === undefined) throw arithError('');
    if (t === '(') {
      const v = assign();
      if (toks[p++] !== ')') throw arithError('');
      return v;
    }
    if (t === '+') return primary();
    if (t === '-') return -primary();
    if (t === '!') return primary() ? 0 : 1;
    if (t === '~') return ~primary();
    if (t === '++' || t === '--') {
      const n = toks[p++];
      if (!isName(n)) throw arithError('');
      const v = valueOf(n!) + (t === '++' ? 1 : -1);
      vars.set(n!, String(v));
      return v;
    }
    if (isName(t)) {
      if (peek() === '++' || peek() === '--') {
        const op = toks[p++];
        const v = valueOf(t);
        vars.set(t, String(v + (op === '++' ? 1 : -1)));
        return v;
      }
      return valueOf(t);
    }
    const n = parseShellNumber(t);
    if (n === undefined) throw arithError(t);
    return n;
  };

  const binary = (minPrec: number): number => {
    let left = primary();
    for (;;) {
      const op = peek();
      const prec = op !== undefined ? BINARY[op] : undefined;
      if (prec === undefined || prec < minPrec) return left;
      p++;
      if (op === '&&' || op === '||') {
        const right = binary(prec + 1);
        left = op === '&&' ? (left && right ? 1 : 0) : left || right ? 1 : 0;
        continue;
      }
      const right = binary(op === '**' ? prec : prec + 1);
      left = apply(op!, left, right);
    }
  };

  const apply = (op: string, a: number, b: number): number => {
    switch (op) {
      case '+': return a + b;
      case '-': return a - b;
      case '*': return int(a * b);
      case '/':
      case '%':
        if (b === 0) throw new ShellError('divide by zero', 2);
        return op === '/' ? Math.trunc(a / b) : a % b;
      case '**': return int(a ** b);
      case '<<': return a << b;
      case '>>': return a >> b;
      case '&': return a & b;
      case '|': return a | b;
      case '^': return a ^ b;
      case '==': return a === b ? 1 : 0;
      case '!=': return a !== b ? 1 : 0;
      case '<': return a < b ? 1 : 0;
      case '<=': return a <= b ? 1 : 0;
      case '>': return a > b ? 1 : 0;
      case '>=': return a >= b ? 1 : 0;
    }
    throw arithError(op);
  };

  const ternary = (): number => {
    const c = binary(1);
    if (peek() !== '?') return c;
    p++;
    const a = assign();
    if (toks[p++] !== ':') throw arithError('');
    const b = assign();
    return c ? a : b;
  };

  const assign = (): number => {
    const t = peek();
    const op = toks[p + 1];
    if (isName(t) && op && ASSIGN.includes(op)) {
      p += 2;
      const rhs = assign();
      const v = op === '=' ? rhs : apply(op.slice(0, -1), valueOf(t!), rhs);
      vars.set(t!, String(v));
      return v;
    }
    return ternary();
  };

  if (toks.length === 0) return 0;
  const v = assign();
  if (p !== toks.length) throw arithError('');
  return v;
}
