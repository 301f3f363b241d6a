/**
 * One container instance (one "attempt" of a container): its files, environment and log, and its
 * main process. The process is the image's default command (a server that writes its startup lines
 * and listens on the image's ports until stopped, or a shell that exits at once) or the pod's
 * command/args run by the shell interpreter. Stopping sends SIGTERM (servers exit 0, scripts are
 * interrupted: 143) and, when the grace period is over, SIGKILL (137).
 */
import type { Clock } from '../util/clock.js';
import { renderStartupLog, type ImageProfile } from './images.js';
import type { ContainerLog } from './logs.js';
import { execCommand } from './shell/index.js';
import type { CommandIO, ShellCommand, ShellContext, ShellFS, ShellIO } from './shell/types.js';

export type StopSignal = 'TERM' | 'KILL';

export interface ContainerSpecLike {
  name: string;
  command?: string[];
  args?: string[];
  workingDir?: string;
}

export interface ContainerInstanceOptions {
  id: string;
  name: string;
  attempt: number;
  profile: ImageProfile;
  /** command and args after $(VAR) expansion. */
  command: string[];
  args: string[];
  env: Record<string, string>;
  fs: ShellFS;
  hostname: string;
  workingDir?: string;
  podIP: string;
  /** When the container started (default: now). */
  startedAt?: number;
  clock: Clock;
  log: ContainerLog;
  /** Extra ports this container listens on (behaviour overrides). */
  extraPorts?: number[];
  /** Called once when the main process has ended. */
  onExit(exitCode: number, reason: string): void;
}

const hourMs = 3_600_000;

/** Sleep on the clock until aborted (in bounded steps: real timers overflow past 2^31 ms). */
async function sleepForever(io: CommandIO): Promise<void> {
  for (;;) await io.sleep(hourMs);
}

export class ContainerInstance {
  readonly id: string;
  readonly name: string;
  readonly attempt: number;
  readonly startedAt: number;
  finishedAt?: number;
  exitCode?: number;
  reason?: string;
  /** Ports the process listens on now. */
  readonly listening = new Set<number>();
  private readonly abort = new AbortController();
  private stopSignal?: StopSignal;
  private forcedExit?: number;
  private runningDefault = false;
  readonly done: Promise<void>;

  constructor(readonly opts: ContainerInstanceOptions) {
    this.id = opts.id;
    this.name = opts.name;
    this.attempt = opts.attempt;
    this.startedAt = opts.startedAt ?? opts.clock.now();
    this.done = this.run();
  }

  get running(): boolean {
    return this.exitCode === undefined;
  }

  /** The image entrypoints as shell commands: running one of them is the image's default behaviour. */
  private commands(): Record<string, ShellCommand> {
    const out: Record<string, ShellCommand> = {};
    const serve: ShellCommand = async (io) => {
      this.runningDefault = true;
      const p = this.opts.profile;
      for (const l of renderStartupLog(p, this.opts.clock.now(), this.opts.podIP)) (l.stream === 'stdout' ? io.stdout : io.stderr)(`${l.text}\n`);
      for (const port of p.ports) this.listening.add(port);
      if (p.defaultBehaviour === 'exit') return 0;
      try {
        await sleepForever(io);
      } catch {
        // stopped
      }
      this.listening.clear();
      return 0;
    };
    for (const e of this.opts.profile.entrypoints) out[e] = serve;
    return out;
  }

  private io(): ShellIO {
    const { log, clock } = this.opts;
    return { stdout: (s) => log.write('stdout', s, clock.now()), stderr: (s) => log.write('stderr', s, clock.now()) };
  }

  /** A context for running commands in this container (the main process, exec probes, hooks, exec). */
  shellContext(io: ShellIO, signal?: AbortSignal): ShellContext {
    return {
      env: { ...this.opts.env },
      cwd: this.opts.workingDir || '/',
      hostname: this.opts.hostname,
      fs: this.opts.fs,
      io,
      clock: this.opts.clock,
      signal,
      commands: this.commands(),
    };
  }

  private async run(): Promise<void> {
    const argv = [...this.opts.command, ...this.opts.args];
    for (const port of this.opts.extraPorts ?? []) this.listening.add(port);
    let code: number;
    try {
      if (argv.length === 0) {
        code = await this.runDefault();
      } else {
        code = await execCommand(argv, this.shellContext(this.io(), this.abort.signal));
      }
    } catch (e) {
      this.io().stderr(`${(e as Error)?.message ?? String(e)}\n`);
      code = 1;
    }
    if (this.forcedExit !== undefined) code = this.forcedExit;
    else if (this.stopSignal === 'KILL') code = 137;
    else if (this.stopSignal === 'TERM' && !this.runningDefault) code = 143;
    this.listening.clear();
    this.finish(code);
  }

  private async runDefault(): Promise<number> {
    const p = this.opts.profile;
    if (p.defaultBehaviour === 'exit') return 0;
    const serve = this.commands()[p.entrypoints[0] ?? ''] ?? (async (io: CommandIO) => {
      this.runningDefault = true;
      for (const l of renderStartupLog(p, this.opts.clock.now(), this.opts.podIP)) (l.stream === 'stdout' ? io.stdout : io.stderr)(`${l.text}\n`);
      for (const port of p.ports) this.listening.add(port);
      try {
        await sleepForever(io);
      } catch {
        // stopped
      }
      return 0;
    });
    const clock = this.opts.clock;
    const signal = this.abort.signal;
    const io = this.io();
    const cio: CommandIO = {
      argv: [p.entrypoints[0] ?? p.name],
      env: this.opts.env,
      cwd: '/',
      hostname: this.opts.hostname,
      fs: this.opts.fs,
      clock,
      signal,
      stdin: { read: async () => null, close: () => {} },
      stdout: io.stdout,
      stderr: io.stderr,
      sleep: (ms) =>
        new Promise<void>((resolve, reject) => {
          if (signal.aborted) return reject(new Error('aborted'));
          const t = clock.after(() => {
            signal.removeEventListener('abort', onAbort);
            resolve();
          }, ms);
          const onAbort = () => {
            t.cancel();
            reject(new Error('aborted'));
          };
          signal.addEventListener('abort', onAbort, { once: true });
        }),
    };
    return serve(cio);
  }

  private finish(code: number): void {
    if (this.exitCode !== undefined) return;
    this.exitCode = code;
    this.finishedAt = this.opts.clock.now();
    this.reason = code === 0 ? 'Completed' : 'Error';
    this.opts.log.end();
    this.opts.onExit(code, this.reason);
  }

  /** The process ends by itself now with this exit code (a crash from a behaviour override). */
  crash(exitCode: number): void {
    if (!this.running) return;
    this.forcedExit = exitCode;
    this.abort.abort();
  }

  /** Send a signal: TERM asks the process to stop, KILL ends it now. */
  stop(signal: StopSignal): void {
    if (!this.running) return;
    if (this.stopSignal !== 'KILL') this.stopSignal = signal;
    this.abort.abort();
  }
}
