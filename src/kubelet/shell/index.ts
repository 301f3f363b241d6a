/**
 * The container shell: a busybox-sh subset that runs container command/args and exec requests
 * against a simulated container (files, environment, clock). See types.ts for the context.
 */
import { BUILTINS } from './builtins/index.js';
import { resolveCommand, runResolved, runSource } from './command.js';
import { type Fds, Shell } from './interpreter.js';
import { emptyInput, type Input, iterableInput, stringInput } from './io.js';
import { Parser } from './parser.js';
import { AbortedSignal, BrokenPipe, ExitSignal, type ShellContext } from './types.js';

export { memoryFS } from './memory-fs.js';
export { parseScript } from './parser.js';
export type { CommandIO, ShellCommand, ShellContext, ShellFS, ShellIO } from './types.js';
export type { Input } from './io.js';

/** Shells that `execCommand` runs scripts with. */
export const SHELLS = new Set(['sh', '/bin/sh', 'bash', '/bin/bash', 'ash', '/bin/ash', '/usr/bin/sh', '/usr/bin/bash']);

function stdinOf(ctx: ShellContext): Input {
  const s = ctx.io.stdin;
  if (s === undefined) return emptyInput;
  return typeof s === 'string' ? stringInput(s) : iterableInput(s);
}

/** Sets up a shell for a context: exported env, standard streams, an abort signal. */
function start(ctx: ShellContext): { sh: Shell; fds: Fds; done: () => void } {
  const ac = new AbortController();
  const onAbort = (): void => ac.abort();
  if (ctx.signal?.aborted) ac.abort();
  else ctx.signal?.addEventListener('abort', onAbort, { once: true });
  const fds: Fds = { in: stdinOf(ctx), out: (s) => ctx.io.stdout(s), err: (s) => ctx.io.stderr(s) };
  const sh = new Shell(ctx, ac.signal, fds.err);
  for (const [k, v] of Object.entries(ctx.env)) sh.set(k, v, true);
  if (sh.get('PATH') === undefined) sh.set('PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', true);
  if (sh.get('HOME') === undefined) sh.set('HOME', '/root', true);
  sh.set('PWD', sh.cwd, true);
  if (sh.get('IFS') === undefined) sh.set('IFS', ' \t\n');
  return {
    sh,
    fds,
    done: () => {
      ctx.signal?.removeEventListener('abort', onAbort);
      ac.abort(); // background jobs end with the shell
    },
  };
}

/** The status for an unwinding signal at the top of a run. */
function topStatus(e: unknown): number {
  if (e instanceof AbortedSignal || e instanceof BrokenPipe) return e.code;
  if (e instanceof ExitSignal) return e.code;
  throw e;
}

/** `sh -c script [$0 [$1...]]`: resolves to the exit status (137 when aborted). */
export async function runShell(script: string, ctx: ShellContext, args: string[] = []): Promise<number> {
  const { sh, fds, done } = start(ctx);
  if (args.length) {
    sh.arg0 = args[0]!;
    sh.positional = args.slice(1);
  }
  try {
    return await runSource(sh, script, fds);
  } catch (e) {
    return topStatus(e);
  } finally {
    done();
  }
}

/** True when argv[0] names something this container can run (a builtin, extra command or file). */
export function commandExists(name: string, ctx: ShellContext): boolean {
  const { sh, done } = start(ctx);
  try {
    return resolveCommand(sh, name).kind !== 'missing';
  } finally {
    done();
  }
}

/**
 * What the kubelet runs for command+args (and exec): `sh -c SCRIPT [ARGS]` (also bash, ash and
 * /bin/ variants) runs the script; anything else is one simple command. A command that cannot be
 * found writes `exec: "X": executable file not found in $PATH` (the runtime's message) and gives
 * 127; callers that need the runtime's StartError check commandExists first.
 */
export async function execCommand(argv: string[], ctx: ShellContext): Promise<number> {
  if (argv.length === 0) return 0;
  const [cmd, ...rest] = argv;
  if (SHELLS.has(cmd!)) {
    const ci = rest.indexOf('-c');
    if (ci >= 0 && rest[ci + 1] !== undefined) return runShell(rest[ci + 1]!, ctx, rest.slice(ci + 2));
    if (rest.length === 0) {
      const s = ctx.io.stdin;
      const text = typeof s === 'string' ? s : s ? await collect(s) : '';
      return runShell(text, { ...ctx, io: { ...ctx.io, stdin: undefined } });
    }
    const script = ctx.fs.read(rest[0]!.startsWith('/') ? rest[0]! : `${ctx.cwd}/${rest[0]}`);
    if (script === undefined) {
      ctx.io.stderr(`${cmd}: can't open '${rest[0]}': No such file or directory\n`);
      return 2;
    }
    return runShell(script, ctx, rest);
  }
  const { sh, fds, done } = start(ctx);
  try {
    const r = resolveCommand(sh, cmd!);
    if (r.kind === 'missing') {
      fds.err(`exec: "${cmd}": executable file not found in $PATH\n`);
      return 127;
    }
    return await runResolved(sh, r, argv, fds);
  } catch (e) {
    try {
      return sh.statusOf(e, fds.err);
    } catch (e2) {
      return topStatus(e2);
    }
  } finally {
    done();
  }
}

/**
 * A shell whose state (variables, cwd, functions) persists from one script to the next, as an
 * interactive session's: `run` gives the status and whether the shell exited (exit, or aborted).
 */
export function persistentShell(ctx: ShellContext): { run(text: string): Promise<{ status: number; exited: boolean }>; cwd(): string; close(): void } {
  const { sh, fds, done } = start(ctx);
  return {
    async run(text) {
      const p = new Parser(text);
      try {
        for (;;) {
          const n = p.nextCommand();
          if (n === 'EOF') break;
          if (n) await sh.run(n, fds);
        }
        return { status: sh.status, exited: false };
      } catch (e) {
        if (e instanceof ExitSignal) return { status: e.code, exited: true };
        if (e instanceof AbortedSignal) return { status: e.code, exited: true };
        try {
          return { status: (sh.status = sh.statusOf(e, fds.err)), exited: false };
        } catch (e2) {
          return { status: topStatus(e2), exited: true };
        }
      }
    },
    cwd: () => sh.cwd,
    close: done,
  };
}

async function collect(it: AsyncIterable<string>): Promise<string> {
  let s = '';
  for await (const c of it) s += c;
  return s;
}

/** Names of the builtin commands (for image profiles that list what a container has). */
export const BUILTIN_NAMES: readonly string[] = Object.keys(BUILTINS);
