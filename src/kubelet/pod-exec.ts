/**
 * `kubectl exec`: run a command in a running container, as the kubelet and containerd do: in the
 * container's environment, files (volumes included) and hostname, through the shell interpreter;
 * stdin from the client until EOF; the command ends with its exit code, or when the container stops
 * (137). Failures read as upstream reports them through the API server's stream translator: a
 * container that is not running is "container not found", a missing executable is runc's
 * "executable file not found in $PATH". With a TTY, stderr joins stdout and newlines become CRLF.
 */
import type { KObject } from '../api/meta.js';
import { hex64 } from './images.js';
import type { PodWorker } from './pod-worker.js';
import { commandExists, SHELLS, execCommand } from './shell/index.js';
import { ashPrompt, bashPrompt, shellSession } from './shell-session.js';

export interface ExecOptions {
  container: string;
  command: string[];
  stdin: boolean;
  tty: boolean;
}

export interface ExecIO {
  stdin?: AsyncIterable<string>;
  stdout(s: string): void;
  stderr(s: string): void;
  signal: AbortSignal;
}

export type ExecResult = { exitCode: number } | { error: string };

let execSeq = 0;

/** runc's message when argv[0] cannot be started. */
export function startError(cmd: string): string {
  const why = cmd.includes('/') ? `stat ${cmd}: no such file or directory` : 'executable file not found in $PATH';
  return `OCI runtime exec failed: exec failed: unable to start container process: exec: ${JSON.stringify(cmd)}: ${why}: unknown`;
}

/** Input through a terminal's line discipline: typed characters are echoed, CR reads as NL (ICRNL). */
async function* terminalInput(input: AsyncIterable<string>, echo: (s: string) => void): AsyncIterable<string> {
  for await (const chunk of input) {
    echo(chunk.replace(/\r\n?|\n/g, '\r\n'));
    yield chunk.replace(/\r\n?/g, '\n');
  }
}

export async function execInPod(w: PodWorker | undefined, pod: KObject, opts: ExecOptions, io: ExecIO): Promise<ExecResult> {
  if (!w) return { error: 'unable to upgrade connection: pod does not exist' };
  const slot = w.slots.find((s) => s.name === opts.container);
  const inst = slot?.current;
  if (!inst || !inst.running) return { error: `unable to upgrade connection: container not found (${JSON.stringify(opts.container)})` };
  if (opts.command.length === 0) return { error: 'Internal error occurred: error executing command in container: command must not be empty' };
  const ac = new AbortController();
  const abort = () => ac.abort();
  io.signal.addEventListener('abort', abort, { once: true });
  void inst.done.then(abort);
  const crlf = (s: string) => (opts.tty ? s.replace(/\r?\n/g, '\r\n') : s);
  const out = { stdout: (s: string) => io.stdout(crlf(s)), stderr: (s: string) => (opts.tty ? io.stdout(crlf(s)) : io.stderr(s)) };
  const ctx = inst.shellContext({ ...out, stdin: opts.stdin ? io.stdin : undefined }, ac.signal);
  ctx.pid = 100 + (++execSeq % 30000);
  try {
    const [cmd, ...rest] = opts.command;
    if (!SHELLS.has(cmd!) && !commandExists(cmd!, ctx)) {
      const execID = hex64(`exec/${pod.metadata.uid}/${opts.container}/${execSeq}`);
      return { error: `Internal error occurred: error executing command in container: failed to exec in container: failed to start exec ${JSON.stringify(execID)}: ${startError(cmd!)}` };
    }
    // an interactive shell on a terminal reads and runs one line at a time, with a prompt
    if (opts.tty && opts.stdin && io.stdin && SHELLS.has(cmd!) && rest.length === 0) {
      const ash = ['busybox', 'alpine'].includes(inst.opts.profile.name);
      return { exitCode: await shellSession(ctx, io.stdin, io.stdout, ash ? ashPrompt : bashPrompt) };
    }
    if (opts.tty && opts.stdin && io.stdin) ctx.io = { ...ctx.io, stdin: terminalInput(io.stdin, io.stdout) };
    return { exitCode: await execCommand(opts.command, ctx) };
  } finally {
    io.signal.removeEventListener('abort', abort);
  }
}
