/** test / [ (busybox test.c semantics and messages: "missing ]", "X: bad number"). */
import { resolvePath } from '../paths.js';
import { ShellError } from '../types.js';
import type { Builtin } from './types.js';

const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);
const UNARY = new Set(['-e', '-f', '-d', '-s', '-r', '-w', '-x', '-h', '-L', '-p', '-S', '-b', '-c', '-t', '-z', '-n', '-u', '-g', '-k', '-O', '-G']);

class TestError {
  constructor(readonly msg: string) {}
}

function int(s: string): number {
  if (!/^\s*[+-]?\d+\s*$/.test(s)) throw new TestError(`${s}: bad number`);
  return parseInt(s, 10);
}

export function evalTest(args: string[], cwd: string, fs: { exists(p: string): boolean; isDir(p: string): boolean; read(p: string): string | undefined }): boolean {
  let i = 0;
  const n = args.length;
  const file = (p: string): string => resolvePath(cwd, p);
  const unary = (op: string, a: string): boolean => {
    switch (op) {
      case '-z': return a === '';
      case '-n': return a !== '';
      case '-e':
      case '-r':
      case '-w': return fs.exists(file(a));
      case '-x': return fs.isDir(file(a)) || fs.read(file(a)) !== undefined;
      case '-f': return fs.read(file(a)) !== undefined;
      case '-d': return fs.isDir(file(a));
      case '-s': return (fs.read(file(a)) ?? '').length > 0 || fs.isDir(file(a));
      case '-t':
        int(a);
        return false;
      default: return false;
    }
  };
  const binary = (a: string, op: string, b: string): boolean => {
    switch (op) {
      case '=':
      case '==': return a === b;
      case '!=': return a !== b;
      case '<': return a < b;
      case '>': return a > b;
      case '-eq': return int(a) === int(b);
      case '-ne': return int(a) !== int(b);
      case '-lt': return int(a) < int(b);
      case '-le': return int(a) <= int(b);
      case '-gt': return int(a) > int(b);
      case '-ge': return int(a) >= int(b);
      case '-ef': return file(a) === file(b) && fs.exists(file(a));
      default: return false;
    }
  };
  const primary = (): boolean => {
    if (i >= n) throw new TestError('argument expected');
    const t = args[i]!;
    if (i + 2 < n && BINARY.has(args[i + 1]!)) {
      i += 3;
      return binary(t, args[i - 2]!, args[i - 1]!);
    }
    if (t === '(' && i + 1 < n) {
      i++;
      const v = oexpr();
      if (args[i] !== ')') throw new TestError(args[i] === undefined ? "missing ')'" : `${args[i]}: unknown operand`);
      i++;
      return v;
    }
    if (UNARY.has(t) && i + 1 < n) {
      i += 2;
      return unary(t, args[i - 1]!);
    }
    i++;
    return t !== '';
  };
  const nexpr = (): boolean => {
    if (args[i] === '!' && i + 1 < n && !(BINARY.has(args[i + 1]!) && i + 2 < n && n - i === 3)) {
      i++;
      return !nexpr();
    }
    return primary();
  };
  const aexpr = (): boolean => {
    let v = nexpr();
    while (args[i] === '-a' && i + 1 < n) {
      i++;
      const r = nexpr();
      v = v && r;
    }
    return v;
  };
  const oexpr = (): boolean => {
    let v = aexpr();
    while (args[i] === '-o' && i + 1 < n) {
      i++;
      const r = aexpr();
      v = v || r;
    }
    return v;
  };
  if (n === 0) return false;
  const v = oexpr();
  if (i < n) throw new TestError(`${args[i]}: unknown operand`);
  return v;
}

export const test: Builtin = (sh, argv, fds) => {
  let args = argv.slice(1);
  if (argv[0] === '[') {
    if (args[args.length - 1] !== ']') {
      fds.err('sh: missing ]\n');
      return 2;
    }
    args = args.slice(0, -1);
  }
  try {
    return evalTest(args, sh.cwd, sh.fs) ? 0 : 1;
  } catch (e) {
    if (e instanceof TestError) {
      fds.err(`sh: ${e.msg}\n`);
      return 2;
    }
    if (e instanceof ShellError) throw e;
    throw e;
  }
};
