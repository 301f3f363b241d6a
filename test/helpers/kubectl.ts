/**
 * End-to-end harness: a listening kubemu (in this process, in-memory storage, fake clock) and the real
 * /usr/bin/kubectl run as a child process against it, with a private kubeconfig, --cache-dir and HOME.
 * kubectl is always run asynchronously (execFile/spawn) so the server in this process keeps serving.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCluster, type Cluster, type ClusterOptions } from '../../src/app.js';
import { FakeClock, RealClock } from '../../src/util/clock.js';
import { seededRandom } from '../../src/util/random.js';

export const KUBECTL = '/usr/bin/kubectl';

/** Why the e2e suites are skipped, or undefined when kubectl is there. */
export const skipReason: string | undefined = existsSync(KUBECTL) ? undefined : `${KUBECTL} not found: skipping the kubectl end-to-end tests`;

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Written to kubectl's stdin. */
  stdin?: string;
  /** Extra environment (e.g. KUBE_EDITOR). */
  env?: Record<string, string>;
  /** Kill kubectl after this long (default 20 s). */
  timeoutMs?: number;
}

/** A kubectl child process left running (get -w): read what it printed, wait for text, kill it. */
export interface KubectlProcess {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with all output so far on `stream` (default stdout) once `pattern` matches it; rejects after timeoutMs or on exit. */
  waitFor(pattern: RegExp | string, opts?: { timeoutMs?: number; stream?: 'stdout' | 'stderr' }): Promise<string>;
  /** Wait for the child to exit by itself; rejects after timeoutMs (default 10 s). */
  exited(timeoutMs?: number): Promise<KubectlResult>;
  /** Kill this child (SIGTERM, by its own pid) and wait for it to exit. */
  stop(): Promise<KubectlResult>;
}

export interface KubectlEnv {
  cluster: Cluster;
  clock: FakeClock;
  /** Private temp directory (kubeconfig, cache, HOME, files written by `file`). */
  dir: string;
  kubeconfig: string;
  cacheDir: string;
  /** Run kubectl to completion. */
  run(args: string[], opts?: RunOptions): Promise<KubectlResult>;
  /** Run kubectl, fail (with its output) unless it exits 0; returns stdout. */
  ok(args: string[], opts?: RunOptions): Promise<string>;
  /** Start a long-running kubectl (get -w). */
  spawn(args: string[], opts?: { env?: Record<string, string> }): KubectlProcess;
  /** Write a file into the private dir and return its path. */
  file(name: string, content: string, mode?: number): string;
  stop(): Promise<void>;
}

const realClock = new RealClock();

function baseEnv(dir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const k of ['PATH', 'LANG']) if (process.env[k] !== undefined) env[k] = process.env[k];
  // HOME and TMPDIR are private so the dispatcher's ~/.kube/cache/http, kubectl's defaults and the
  // temp files of edit/diff never leak between runs (and are removed with the directory).
  return { ...env, HOME: dir, TMPDIR: dir, TZ: 'UTC', ...extra };
}

/** Cluster options for tests of the API server alone: no controllers, scheduler or node heartbeats. */
export const apiServerOnly: Partial<ClusterOptions> = { controllers: false, scheduler: false, nodeHeartbeats: false, kubelets: false };

export async function startKubectlEnv(opts: { start?: string; nodes?: number; cluster?: Partial<ClusterOptions> } = {}): Promise<KubectlEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'kubemu-e2e-'));
  const kubeconfig = join(dir, 'kubeconfig');
  const cacheDir = join(dir, 'cache');
  const clock = new FakeClock(opts.start ?? '2024-01-01T00:00:00Z');
  let cluster: Cluster;
  try {
    cluster = await startCluster({ port: 0, data: ':memory:', clock, kubeconfig, random: seededRandom(7), nodes: opts.nodes ?? 2, ...(opts.cluster ?? {}) });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const common = ['--kubeconfig', kubeconfig, '--cache-dir', cacheDir];
  const children = new Set<ChildProcess>();

  const run = (args: string[], o: RunOptions = {}): Promise<KubectlResult> =>
    new Promise((resolve) => {
      const child = execFile(
        KUBECTL,
        [...common, ...args],
        { env: baseEnv(dir, o.env), timeout: o.timeoutMs ?? 20_000, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
        (err, stdout, stderr) => {
          children.delete(child);
          const e = err as (Error & { code?: number | string; killed?: boolean; signal?: string }) | null;
          let code = 0;
          if (e) code = typeof e.code === 'number' ? e.code : -1;
          if (e?.killed) stderr += `\n[harness] kubectl killed (${e.signal ?? 'timeout'})`;
          resolve({ code, stdout, stderr });
        },
      );
      children.add(child);
      if (o.stdin !== undefined) child.stdin?.end(o.stdin);
      else child.stdin?.end();
    });

  const ok = async (args: string[], o?: RunOptions): Promise<string> => {
    const r = await run(args, o);
    if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
    return r.stdout;
  };

  const spawnKubectl = (args: string[], o: { env?: Record<string, string> } = {}): KubectlProcess => {
    const child = spawn(KUBECTL, [...common, ...args], { env: baseEnv(dir, o.env), stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let out = '';
    let err = '';
    let exited: number | null | undefined;
    const listeners = new Set<() => void>();
    const notify = () => listeners.forEach((l) => l());
    child.stdout!.setEncoding('utf8').on('data', (d: string) => ((out += d), notify()));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => ((err += d), notify()));
    const exit = new Promise<KubectlResult>((resolve) =>
      child.on('close', (code, signal) => {
        children.delete(child);
        exited = code ?? (signal ? -1 : 0);
        notify();
        resolve({ code: exited, stdout: out, stderr: err });
      }),
    );
    const matches = (p: RegExp | string, text: string) => (typeof p === 'string' ? text.includes(p) : p.test(text));
    return {
      child,
      stdout: () => out,
      stderr: () => err,
      waitFor(pattern, { timeoutMs = 10_000, stream = 'stdout' } = {}) {
        return new Promise((resolve, reject) => {
          let timer: { cancel(): void } | undefined;
          const check = () => {
            const text = stream === 'stdout' ? out : err;
            if (matches(pattern, text)) {
              done();
              resolve(text);
            } else if (exited !== undefined) {
              done();
              reject(new Error(`kubectl ${args.join(' ')} exited ${exited} before printing ${pattern} on ${stream}\nstdout:\n${out}\nstderr:\n${err}`));
            }
          };
          const done = () => {
            listeners.delete(check);
            timer?.cancel();
          };
          listeners.add(check);
          timer = realClock.after(() => {
            done();
            reject(new Error(`timed out waiting for ${pattern} on ${stream} from kubectl ${args.join(' ')}\nstdout:\n${out}\nstderr:\n${err}`));
          }, timeoutMs);
          check();
        });
      },
      exited(timeoutMs = 10_000) {
        return new Promise((resolve, reject) => {
          const timer = realClock.after(() => reject(new Error(`kubectl ${args.join(' ')} did not exit in ${timeoutMs} ms\nstdout:\n${out}\nstderr:\n${err}`)), timeoutMs);
          exit.then((r) => {
            timer.cancel();
            resolve(r);
          });
        });
      },
      async stop() {
        if (exited === undefined && child.pid !== undefined) child.kill('SIGTERM');
        return exit;
      },
    };
  };

  return {
    cluster,
    clock,
    dir,
    kubeconfig,
    cacheDir,
    run,
    ok,
    spawn: spawnKubectl,
    file(name, content, mode) {
      const p = join(dir, name);
      writeFileSync(p, content);
      if (mode !== undefined) chmodSync(p, mode);
      return p;
    },
    async stop() {
      for (const c of children) if (c.exitCode === null && c.pid !== undefined) c.kill('SIGTERM');
      await cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Split a kubectl table into rows of cells (kubectl pads columns with at least 3 spaces). */
export function tableRows(out: string): string[][] {
  return out
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.trim().split(/\s{2,}/));
}

/** The header row of a kubectl table. */
export const tableHeader = (out: string): string[] => tableRows(out)[0] ?? [];
