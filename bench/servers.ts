/**
 * Server processes for the benchmark: spawn one, read the URL it prints, stop it by its own pid.
 * Each server gets its own process so the load generator (this process) does not share its core.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { request } from './load.js';

export interface Server {
  child: ChildProcess;
  url: string;
  /** ms from spawn until the URL was printed. */
  printedMs: number;
  stop(): Promise<void>;
}

export function spawnServer(args: string[], cwd: string, urlPattern: RegExp, extraNodeArgs: string[] = []): Promise<Server> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [...extraNodeArgs, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_NO_WARNINGS: '1' } });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    child.once('exit', (code, signal) => reject(new Error(`${args.join(' ')} exited (${code ?? signal}):\n${out}${err}`)));
    child.stdout!.on('data', (d) => {
      out += d;
      const m = urlPattern.exec(out);
      if (!m) return;
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      resolve({
        child,
        url: m[1]!,
        printedMs: performance.now() - t0,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}

/** Poll GET path until it answers 200 `ok`; returns when it does. Bounded. */
export async function waitReady(url: string, path = '/readyz', maxTries = 2000): Promise<void> {
  for (let i = 0; i < maxTries; i++) {
    try {
      const r = await request(false, url, { method: 'GET', path });
      if (r.status === 200 && r.body === 'ok') return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setImmediate(r));
  }
  throw new Error(`${url}${path} never answered ok`);
}

/**
 * CPU time (user + system, ms) a process has used so far, from /proc/<pid>/stat (Linux, 100 clock
 * ticks a second: 10 ms resolution); undefined where there is no /proc.
 */
export function cpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}
