/** Builtins that act on the shell itself: cd, exit, export, set, read, eval, exec, loops... */
import { resolveCommand, runResolved } from '../command.js';
import { type Fds, LoopSignal, ReturnSignal, type Shell } from '../interpreter.js';
import { type Input, LineReader } from '../io.js';
import { Parser } from '../parser.js';
import { resolvePath } from '../paths.js';
import { ExitSignal, ShellError } from '../types.js';
import type { Builtin } from './types.js';

function number(s: string | undefined, dflt: number): number {
  if (s === undefined) return dflt;
  if (!/^\d+$/.test(s)) throw new ShellError(`Illegal number: ${s}`, 2);
  return Number(s);
}

const quote = (v: string): string => `'${v.replace(/'/g, `'"'"'`)}'`;

export const exit: Builtin = (sh, argv) => {
  throw new ExitSignal(number(argv[1], sh.status) & 255);
};

export const cd: Builtin = (sh, argv, fds) => {
  let dest = argv[1];
  if (dest === undefined || dest === '') dest = sh.get('HOME') ?? '/';
  if (dest === '-') {
    dest = sh.get('OLDPWD') ?? sh.cwd;
    fds.out(dest + '\n');
  }
  const path = resolvePath(sh.cwd, dest);
  if (!sh.fs.isDir(path)) {
    const why = sh.fs.exists(path) ? 'Not a directory' : 'No such file or directory';
    throw new ShellError(`can't cd to ${dest}: ${why}`, 2);
  }
  sh.set('OLDPWD', sh.cwd);
  sh.cwd = path;
  sh.set('PWD', path);
  return 0;
};

export const pwd: Builtin = (sh, _argv, fds) => {
  fds.out(sh.cwd + '\n');
  return 0;
};

export const exportCmd: Builtin = (sh, argv, fds) => {
  const args = argv.slice(1).filter((a) => a !== '-p');
  if (args.length === 0) {
    for (const [k, v] of [...sh.vars].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (v.exported) fds.out(`export ${k}=${quote(v.value)}\n`);
    }
    return 0;
  }
  for (const a of args) {
    const i = a.indexOf('=');
    const name = i < 0 ? a : a.slice(0, i);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new ShellError(`${a}: bad variable name`, 2);
    if (i < 0) sh.exportName(name);
    else sh.set(name, a.slice(i + 1), true);
  }
  return 0;
};

/** `local` and `readonly` without function scopes or read-only enforcement: plain assignment. */
export const assign: Builtin = (sh, argv) => {
  for (const a of argv.slice(1)) {
    if (a.startsWith('-')) continue;
    const i = a.indexOf('=');
    if (i < 0) {
      if (sh.get(a) === undefined) sh.set(a, '');
    } else sh.set(a.slice(0, i), a.slice(i + 1));
  }
  return 0;
};

export const unset: Builtin = (sh, argv) => {
  let funcs = false;
  for (const a of argv.slice(1)) {
    if (a === '-f') funcs = true;
    else if (a === '-v') funcs = false;
    else if (funcs) sh.funcs.delete(a);
    else sh.unset(a);
  }
  return 0;
};

const OPT_NAMES: Record<string, 'e' | 'x' | 'u'> = { errexit: 'e', xtrace: 'x', nounset: 'u' };

export const set: Builtin = (sh, argv, fds) => {
  const args = argv.slice(1);
  if (args.length === 0) {
    for (const [k, v] of [...sh.vars].sort(([a], [b]) => (a < b ? -1 : 1))) fds.out(`${k}=${quote(v.value)}\n`);
    return 0;
  }
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      sh.positional = args.slice(i);
      return 0;
    }
    if (!/^[-+]/.test(a) || a.length < 2) break;
    const on = a[0] === '-';
    if (a.slice(1) === 'o') {
      const name = args[++i];
      const o = name ? OPT_NAMES[name] : undefined;
      if (o) sh.opts[o] = on;
      continue;
    }
    for (const c of a.slice(1)) {
      if (c === 'e' || c === 'x' || c === 'u') sh.opts[c] = on;
      else if (!'fvCnbmh'.includes(c)) throw new ShellError(`-${c}: invalid option`, 2);
    }
  }
  if (i < args.length) sh.positional = args.slice(i);
  return 0;
};

export const shift: Builtin = (sh, argv) => {
  const n = number(argv[1], 1);
  if (n > sh.positional.length) throw new ShellError(`can't shift that many`, 2);
  sh.positional = sh.positional.slice(n);
  return 0;
};

const loopCmd =
  (kind: 'break' | 'continue'): Builtin =>
  (sh, argv) => {
    const n = number(argv[1], 1);
    if (n === 0) throw new ShellError(`Illegal number: ${argv[1]}`, 2);
    if (sh.loopDepth === 0) return 0;
    throw new LoopSignal(kind, Math.min(n, sh.loopDepth));
  };
export const breakCmd = loopCmd('break');
export const continueCmd = loopCmd('continue');

export const returnCmd: Builtin = (sh, argv) => {
  throw new ReturnSignal(number(argv[1], sh.status) & 255);
};

/** Parses and runs text in this shell (eval, `.`): errors propagate like the shell's own. */
async function runHere(sh: Shell, text: string, fds: Fds): Promise<number> {
  const p = new Parser(text);
  sh.status = 0;
  for (let n = p.nextCommand(); n !== 'EOF'; n = p.nextCommand()) if (n) await sh.run(n, fds);
  return sh.status;
}

export const evalCmd: Builtin = (sh, argv, fds) => runHere(sh, argv.slice(1).join(' '), fds);

export const source: Builtin = async (sh, argv, fds) => {
  const name = argv[1];
  if (name === undefined) throw new ShellError('.: filename argument required', 2);
  const dirs = name.includes('/') ? [sh.cwd] : [sh.cwd, ...(sh.get('PATH') ?? '').split(':').filter(Boolean)];
  for (const d of dirs) {
    const text = sh.fs.read(resolvePath(d, name));
    if (text !== undefined) return runHere(sh, text, fds);
  }
  throw new ShellError(`can't open '${name}': No such file or directory`, 2);
};

export const exec: Builtin = async (sh, argv, fds) => {
  if (argv.length < 2) return 0;
  const r = resolveCommand(sh, argv[1]!);
  if (r.kind === 'missing') {
    fds.err(`sh: ${r.msg}\n`);
    throw new ExitSignal(r.code);
  }
  throw new ExitSignal(await runResolved(sh, r, argv.slice(1), fds));
};

export const trap: Builtin = (sh, argv) => {
  const [action, ...sigs] = argv.slice(1);
  if (action !== undefined) for (const s of sigs) sh.traps.set(s, action);
  return 0;
};

export const wait: Builtin = async (sh) => {
  while (sh.shared.jobs.size) await Promise.all([...sh.shared.jobs]);
  return 0;
};

export const kill: Builtin = (_sh, argv, fds) => {
  if (argv.length < 2) {
    fds.err('kill: usage: kill [-s SIG | -SIG] PID...\n');
    return 1;
  }
  return 0;
};

const readers = new WeakMap<Input, LineReader>();

export const read: Builtin = async (sh, argv, fds) => {
  const args = argv.slice(1);
  let raw = false;
  while (args[0]?.startsWith('-') && args[0] !== '-') {
    const o = args.shift()!;
    if (o === '-r') raw = true;
    else if (o === '-p') fds.err(args.shift() ?? '');
  }
  let lr = readers.get(fds.in);
  if (!lr) readers.set(fds.in, (lr = new LineReader(fds.in)));
  let line = await lr.line();
  if (line === null) {
    for (const n of args.length ? args : ['REPLY']) sh.set(n, '');
    return 1;
  }
  if (!raw) {
    while (line.endsWith('\\')) line = line.slice(0, -1) + ((await lr.line()) ?? '');
    line = line.replace(/\\(.)/g, '$1');
  }
  const names = args.length ? args : ['REPLY'];
  if (!args.length) {
    sh.set('REPLY', line);
    return 0;
  }
  const ifs = sh.get('IFS') ?? ' \t\n';
  let rest = line.replace(new RegExp(`^[${escapeClass(ifs)}]+`), '');
  names.forEach((n, i) => {
    if (i === names.length - 1) {
      sh.set(n, rest.replace(new RegExp(`[${escapeClass(ifs)}]+$`), ''));
      return;
    }
    const m = new RegExp(`[${escapeClass(ifs)}]+`).exec(rest);
    sh.set(n, m ? rest.slice(0, m.index) : rest);
    rest = m ? rest.slice(m.index + m[0].length) : '';
  });
  return 0;
};

function escapeClass(s: string): string {
  return s.replace(/[\]\\^-]/g, '\\$&') || '\\s';
}
