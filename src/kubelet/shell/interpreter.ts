/**
 * The evaluator: runs parsed nodes against a Shell state (variables, cwd, positional parameters,
 * options), with redirections, pipelines (stages run concurrently, joined by pipes), subshells,
 * loops (bounded when they never wait on the clock) and background jobs.
 */
import type { Node } from './ast.js';
import { evalCommand } from './command.js';
import { expandPattern, expandString, expandWords, type ExpandEnv } from './expand.js';
import { matchPattern } from './glob.js';
import { type Input, Pipe, type Writer, readAll } from './io.js';
import { applyRedirs } from './redirect.js';
import { AbortedSignal, BrokenPipe, ExitSignal, ShellError, type ShellContext } from './types.js';

/** The standard streams of a command. */
export interface Fds {
  in: Input;
  out: Writer;
  err: Writer;
}

export class LoopSignal {
  constructor(readonly kind: 'break' | 'continue', public count: number) {}
}
export class ReturnSignal {
  constructor(readonly code: number) {}
}

interface Var {
  value: string;
  exported: boolean;
}

/** Shared by a shell and its subshells: the spin counter and job ids. */
interface Shared {
  spin: number;
  nextPid: number;
  jobs: Set<Promise<number>>;
}

export class Shell implements ExpandEnv {
  vars = new Map<string, Var>();
  funcs = new Map<string, Node>();
  positional: string[] = [];
  arg0 = 'sh';
  cwd: string;
  status = 0;
  opts = { e: false, x: false, u: false };
  traps = new Map<string, string>();
  lastBg: number | undefined;
  loopDepth = 0;
  lineno = 1;
  /** Counts command substitutions, and the status of the last one (the status of `X=$(cmd)`). */
  substSeq = 0;
  substStatus = 0;
  /** Where command substitution output goes while `substitute` runs (stderr passes through). */
  errOut: Writer;
  shared: Shared;

  constructor(
    readonly ctx: ShellContext,
    readonly signal: AbortSignal,
    errOut: Writer,
    shared?: Shared,
  ) {
    this.cwd = ctx.cwd || '/';
    this.errOut = errOut;
    this.shared = shared ?? { spin: 0, nextPid: (ctx.pid ?? 1) + 1, jobs: new Set() };
  }

  get fs() {
    return this.ctx.fs;
  }
  get nounset(): boolean {
    return this.opts.u;
  }

  /** A subshell: a copy of the state; changes do not come back. */
  fork(): Shell {
    const s = new Shell(this.ctx, this.signal, this.errOut, this.shared);
    for (const [k, v] of this.vars) s.vars.set(k, { ...v });
    s.funcs = new Map(this.funcs);
    s.positional = [...this.positional];
    s.arg0 = this.arg0;
    s.cwd = this.cwd;
    s.status = this.status;
    s.opts = { ...this.opts };
    s.traps = new Map(this.traps);
    s.lastBg = this.lastBg;
    return s;
  }

  get(name: string): string | undefined {
    if (name === 'PWD') return this.vars.get('PWD')?.value ?? this.cwd;
    return this.vars.get(name)?.value;
  }
  set(name: string, value: string, exported?: boolean): void {
    const v = this.vars.get(name);
    if (v) {
      v.value = value;
      if (exported) v.exported = true;
    } else this.vars.set(name, { value, exported: !!exported });
  }
  unset(name: string): void {
    this.vars.delete(name);
  }
  exportName(name: string): void {
    const v = this.vars.get(name);
    if (v) v.exported = true;
    else this.vars.set(name, { value: '', exported: true });
  }
  isExported(name: string): boolean {
    return !!this.vars.get(name)?.exported;
  }
  /** The exported environment (what `env` prints and commands receive). */
  environ(extra?: Record<string, string>): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [k, v] of this.vars) if (v.exported) env[k] = v.value;
    return { ...env, ...extra };
  }

  special(name: string): string | string[] | undefined {
    switch (name) {
      case '?': return String(this.status);
      case '$': return String(this.ctx.pid ?? 1);
      case '#': return String(this.positional.length);
      case '@':
      case '*': return this.positional;
      case '!': return this.lastBg === undefined ? '' : String(this.lastBg);
      case '-': return (this.opts.e ? 'e' : '') + (this.opts.u ? 'u' : '') + (this.opts.x ? 'x' : '');
      case '0': return this.arg0;
    }
    if (/^[0-9]+$/.test(name)) return this.positional[Number(name) - 1];
    return undefined;
  }

  async substitute(body: Node | null): Promise<string> {
    let out = '';
    const sub = this.fork();
    const code = await sub.runSubshell(body, { in: { read: async () => null, close: () => {} }, out: (s) => (out += s), err: this.errOut });
    this.substSeq++;
    this.substStatus = code;
    return out;
  }

  checkAbort(): void {
    if (this.signal.aborted) throw new AbortedSignal();
  }

  /** Waits ms on the context clock; the run's abort signal interrupts it. */
  sleep(ms: number): Promise<void> {
    this.shared.spin = 0;
    this.checkAbort();
    if (!(ms > 0)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        handle?.cancel();
        reject(new AbortedSignal());
      };
      const handle = Number.isFinite(ms)
        ? this.ctx.clock.after(() => {
            this.signal.removeEventListener('abort', onAbort);
            resolve();
          }, ms)
        : undefined;
      this.signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Runs a node as a subshell: exit and errors stop at its boundary, giving its status. */
  async runSubshell(node: Node | null, fds: Fds): Promise<number> {
    try {
      return node ? await this.run(node, fds) : 0;
    } catch (e) {
      return this.statusOf(e, fds.err);
    }
  }

  /** Turns an unwinding signal into an exit status (rethrowing aborts). */
  statusOf(e: unknown, err: Writer): number {
    if (e instanceof ExitSignal) return e.code;
    if (e instanceof AbortedSignal) throw e;
    if (e instanceof BrokenPipe) return e.code;
    if (e instanceof ShellError) {
      safeWrite(err, `sh: ${e.message}\n`);
      return e.code;
    }
    if (e instanceof ReturnSignal) return e.code;
    if (e instanceof LoopSignal) return this.status;
    throw e;
  }

  /** Evaluates a node; `tested` marks contexts where `set -e` does not apply (ash's EV_TESTED). */
  async run(n: Node, fds: Fds, tested = false): Promise<number> {
    this.checkAbort();
    let status: number;
    switch (n.t) {
      case 'cmd':
        status = await evalCommand(this, n, fds);
        return this.setStatus(status, tested);
      case 'pipe':
        return this.setStatus(await this.runPipe(n.cmds, fds), tested);
      case 'sub':
        return this.setStatus(await this.runWithRedirs(n.redirs, fds, (f) => this.fork().runSubshell(n.n, f)), tested);
      case 'redir':
        return (this.status = await this.runWithRedirs(n.redirs, fds, (f) => this.run(n.n, f, tested)));
      case 'not':
        return (this.status = (await this.run(n.n, fds, true)) === 0 ? 1 : 0);
      case 'and':
      case 'or': {
        const a = await this.run(n.a, fds, true);
        if ((a === 0) === (n.t === 'or')) return (this.status = a);
        return this.run(n.b, fds, tested);
      }
      case 'seq':
        await this.run(n.a, fds, tested);
        return this.run(n.b, fds, tested);
      case 'bg':
        return this.runBackground(n.n, fds);
      case 'if': {
        if ((await this.run(n.cond, fds, true)) === 0) return this.run(n.then, fds, tested);
        if (n.else) return this.run(n.else, fds, tested);
        return (this.status = 0);
      }
      case 'loop':
        return this.runLoop(n, fds, tested);
      case 'for': {
        const items = n.words ? await expandWords(this, n.words) : [...this.positional];
        status = 0;
        this.loopDepth++;
        try {
          for (const it of items) {
            this.set(n.v, it);
            const r = await this.loopBody(n.body, fds, tested);
            status = r.status;
            if (r.stop) break;
          }
        } finally {
          this.loopDepth--;
        }
        return (this.status = status);
      }
      case 'case': {
        const w = await expandString(this, n.word);
        for (const it of n.items) {
          for (const p of it.pats) {
            if (matchPattern(await expandPattern(this, p), w)) return it.body ? this.run(it.body, fds, tested) : (this.status = 0);
          }
        }
        return (this.status = 0);
      }
      case 'func':
        this.funcs.set(n.name, n.body);
        return (this.status = 0);
    }
  }

  private setStatus(status: number, tested: boolean): number {
    this.status = status;
    if (this.opts.e && !tested && status !== 0) throw new ExitSignal(status);
    return status;
  }

  private async runWithRedirs(redirs: Parameters<typeof applyRedirs>[1], fds: Fds, body: (f: Fds) => Promise<number>): Promise<number> {
    const r = await applyRedirs(this, redirs, fds);
    if (typeof r === 'number') return r;
    return body(r);
  }

  private async runLoop(n: Node & { t: 'loop' }, fds: Fds, tested: boolean): Promise<number> {
    let status = 0;
    const max = this.ctx.maxSpinIterations ?? 10_000;
    this.loopDepth++;
    try {
      for (;;) {
        if (++this.shared.spin > max) {
          throw new ShellError(`loop ran ${max} iterations without sleeping; stopped`, 124, true);
        }
        const c = await this.run(n.cond, fds, true);
        if ((c === 0) === n.until) break;
        const r = await this.loopBody(n.body, fds, tested);
        status = r.status;
        if (r.stop) break;
      }
    } finally {
      this.loopDepth--;
    }
    return (this.status = status);
  }

  /** One loop iteration; break/continue N unwind through nested loops. */
  private async loopBody(body: Node, fds: Fds, tested: boolean): Promise<{ status: number; stop: boolean }> {
    try {
      return { status: await this.run(body, fds, tested), stop: false };
    } catch (e) {
      if (!(e instanceof LoopSignal)) throw e;
      if (--e.count > 0) throw e;
      return { status: 0, stop: e.kind === 'break' };
    }
  }

  private async runPipe(cmds: Node[], fds: Fds): Promise<number> {
    const pipes = cmds.slice(1).map(() => new Pipe());
    const stages = cmds.map(async (c, i) => {
      const input = i === 0 ? fds.in : pipes[i - 1]!;
      const out = i === cmds.length - 1 ? fds.out : pipes[i]!.write;
      const sub = this.fork();
      try {
        return await sub.runSubshell(c, { in: input, out, err: fds.err });
      } finally {
        if (i > 0) input.close();
        if (i < cmds.length - 1) pipes[i]!.end();
      }
    });
    const codes = await Promise.all(stages);
    return codes[codes.length - 1]!;
  }

  private runBackground(n: Node, fds: Fds): number {
    const pid = this.shared.nextPid++;
    const sub = this.fork();
    const job = sub.runSubshell(n, { in: { read: async () => null, close: () => {} }, out: fds.out, err: fds.err }).catch(() => 137);
    this.shared.jobs.add(job);
    void job.finally(() => this.shared.jobs.delete(job));
    this.lastBg = pid;
    return (this.status = 0);
  }

  /** Reads all of stdin (for builtins). */
  readAll(fds: Fds): Promise<string> {
    return readAll(fds.in);
  }
}

/** Writes to a stream, ignoring a broken pipe (error messages must not kill the writer twice). */
export function safeWrite(w: Writer, s: string): void {
  try {
    w(s);
  } catch (e) {
    if (!(e instanceof BrokenPipe)) throw e;
  }
}
