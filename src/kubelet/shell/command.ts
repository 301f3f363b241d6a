/**
 * Simple commands: expansion, assignments, redirections, then lookup in order: function, builtin,
 * an extra command from the context, a script file in the container; else `sh: X: not found` (127).
 */
import type { Node } from './ast.js';
import { BUILTINS, SPECIAL_BUILTINS, type Builtin } from './builtins/index.js';
import { expandString, expandWords } from './expand.js';
import { type Fds, ReturnSignal, type Shell, safeWrite } from './interpreter.js';
import { Parser } from './parser.js';
import { baseName, dirName, resolvePath } from './paths.js';
import { applyRedirs } from './redirect.js';
import { ExitSignal, ShellError, type CommandIO, type ShellCommand } from './types.js';

export const BIN_DIRS = ['/bin', '/sbin', '/usr/bin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin'];

type Resolved =
  | { kind: 'func'; body: Node }
  | { kind: 'builtin'; fn: Builtin; special: boolean }
  | { kind: 'external'; fn: ShellCommand }
  | { kind: 'script'; path: string; text: string }
  | { kind: 'missing'; code: number; msg: string };

export function resolveCommand(sh: Shell, name: string): Resolved {
  const extra = sh.ctx.commands ?? {};
  if (name.includes('/')) {
    const path = resolvePath(sh.cwd, name);
    const text = sh.fs.read(path);
    const base = baseName(path);
    if (BIN_DIRS.includes(dirName(path))) {
      if (Object.hasOwn(extra, base)) return { kind: 'external', fn: extra[base]! };
      if (Object.hasOwn(BUILTINS, base)) return { kind: 'builtin', fn: BUILTINS[base]!, special: false };
    }
    if (Object.hasOwn(extra, path)) return { kind: 'external', fn: extra[path]! };
    if (text !== undefined) return { kind: 'script', path, text };
    if (sh.fs.isDir(path)) return { kind: 'missing', code: 126, msg: `${name}: Permission denied` };
    return { kind: 'missing', code: 127, msg: `${name}: not found` };
  }
  const fn = sh.funcs.get(name);
  if (fn) return { kind: 'func', body: fn };
  if (Object.hasOwn(BUILTINS, name)) return { kind: 'builtin', fn: BUILTINS[name]!, special: SPECIAL_BUILTINS.has(name) };
  if (Object.hasOwn(extra, name)) return { kind: 'external', fn: extra[name]! };
  for (const dir of (sh.get('PATH') ?? BIN_DIRS.join(':')).split(':')) {
    if (!dir) continue;
    const path = resolvePath(sh.cwd, `${dir}/${name}`);
    const text = sh.fs.read(path);
    if (text !== undefined) return { kind: 'script', path, text };
  }
  return { kind: 'missing', code: 127, msg: `${name}: not found` };
}

export async function evalCommand(sh: Shell, n: Node & { t: 'cmd' }, fds: Fds): Promise<number> {
  sh.lineno = n.line;
  const substBefore = sh.substSeq;
  const argv = await expandWords(sh, n.args);
  const assigns: Array<[string, string]> = [];
  for (const a of n.assigns) assigns.push([a.name, await expandString(sh, a.value)]);
  const substStatus = sh.substSeq !== substBefore ? sh.substStatus : 0;
  if (sh.opts.x && (argv.length || assigns.length)) {
    safeWrite(fds.err, `+ ${[...assigns.map(([k, v]) => `${k}=${v}`), ...argv].join(' ')}\n`);
  }
  const io = await applyRedirs(sh, n.redirs, fds);
  if (argv.length === 0) {
    for (const [k, v] of assigns) sh.set(k, v);
    return typeof io === 'number' ? io : substStatus;
  }
  if (typeof io === 'number') return io;
  const r = resolveCommand(sh, argv[0]!);
  if (r.kind === 'missing') {
    safeWrite(io.err, `sh: ${r.msg}\n`);
    return r.code;
  }
  if (r.kind === 'builtin' && r.special) {
    for (const [k, v] of assigns) sh.set(k, v);
    try {
      return await r.fn(sh, argv, io);
    } catch (e) {
      // Errors of special builtins end a non-interactive shell.
      if (e instanceof ShellError && !e.fatal) throw new ShellError(`${argv[0]}: line ${sh.lineno}: ${e.message}`, e.code, true);
      throw e;
    }
  }
  // Prefix assignments live for this command only.
  const saved = assigns.map(([k]) => [k, sh.vars.get(k)] as const);
  for (const [k, v] of assigns) sh.vars.set(k, { value: v, exported: true });
  try {
    return await runResolved(sh, r, argv, io);
  } finally {
    for (const [k, v] of saved) {
      if (v) sh.vars.set(k, v);
      else sh.vars.delete(k);
    }
  }
}

export async function runResolved(sh: Shell, r: Exclude<Resolved, { kind: 'missing' }>, argv: string[], io: Fds): Promise<number> {
  switch (r.kind) {
    case 'func': {
      const saved = sh.positional;
      sh.positional = argv.slice(1);
      try {
        return await sh.run(r.body, io);
      } catch (e) {
        if (e instanceof ReturnSignal) return e.code;
        throw e;
      } finally {
        sh.positional = saved;
      }
    }
    case 'builtin':
      try {
        return await r.fn(sh, argv, io);
      } catch (e) {
        if (e instanceof ShellError && !e.fatal) {
          safeWrite(io.err, `sh: ${argv[0]}: line ${sh.lineno}: ${e.message}\n`);
          return e.code;
        }
        throw e;
      }
    case 'external':
      return r.fn(commandIO(sh, argv, io));
    case 'script':
      return runScriptFile(sh, r.path, r.text, argv.slice(1), io);
  }
}

export function commandIO(sh: Shell, argv: string[], io: Fds): CommandIO {
  return {
    argv,
    env: sh.environ(),
    cwd: sh.cwd,
    hostname: sh.ctx.hostname,
    fs: sh.fs,
    clock: sh.ctx.clock,
    signal: sh.signal,
    stdin: io.in,
    stdout: io.out,
    stderr: io.err,
    sleep: (ms) => sh.sleep(ms),
  };
}

/** Runs a script file from the container's filesystem as a child shell. */
export async function runScriptFile(sh: Shell, path: string, text: string, args: string[], io: Fds): Promise<number> {
  const child = sh.fork();
  for (const [k, v] of [...child.vars]) if (!v.exported) child.vars.delete(k);
  child.funcs.clear();
  child.arg0 = path;
  child.positional = args;
  return runSource(child, text, io);
}

/** Parses and runs source text line by line in a shell; syntax errors end it with status 2. */
export async function runSource(sh: Shell, text: string, io: Fds): Promise<number> {
  const p = new Parser(text);
  try {
    for (;;) {
      const n = p.nextCommand();
      if (n === 'EOF') break;
      if (n) await sh.run(n, io);
    }
    return sh.status;
  } catch (e) {
    if (e instanceof ExitSignal) return (sh.status = e.code);
    return (sh.status = sh.statusOf(e, io.err));
  }
}
