/** Test helpers for the container shell: a context on a FakeClock, and clock stepping that yields. */
import { FakeClock } from '../../src/util/clock.js';
import { memoryFS, runShell, type ShellContext, type ShellFS } from '../../src/kubelet/shell/index.js';

/** Lets pending promise chains (and the interpreter between sleeps) run. */
export async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((r) => setImmediate(r));
}

/** Steps a FakeClock by ms, yielding to pending promises before and after. */
export async function advance(clock: FakeClock, ms: number): Promise<void> {
  await settle();
  clock.step(ms);
  await settle();
}

export interface Harness {
  ctx: ShellContext;
  clock: FakeClock;
  fs: ShellFS;
  /** Everything written, with the clock time (ms since start) it was written at. */
  writes: Array<{ at: number; fd: 1 | 2; s: string }>;
  out(): string;
  err(): string;
}

export function harness(
  opts: { files?: Record<string, string>; env?: Record<string, string>; stdin?: ShellContext['io']['stdin']; signal?: AbortSignal; cwd?: string; maxSpinIterations?: number } = {},
): Harness {
  const clock = new FakeClock(Date.UTC(2024, 0, 1));
  const t0 = clock.now();
  const fs = memoryFS(opts.files ?? {});
  const writes: Harness['writes'] = [];
  const ctx: ShellContext = {
    env: opts.env ?? {},
    cwd: opts.cwd ?? '/',
    hostname: 'web-0',
    fs,
    clock,
    signal: opts.signal,
    maxSpinIterations: opts.maxSpinIterations,
    io: {
      stdout: (s) => writes.push({ at: clock.now() - t0, fd: 1, s }),
      stderr: (s) => writes.push({ at: clock.now() - t0, fd: 2, s }),
      stdin: opts.stdin,
    },
  };
  const pick = (fd: 1 | 2) => (): string => writes.filter((w) => w.fd === fd).map((w) => w.s).join('');
  return { ctx, clock, fs, writes, out: pick(1), err: pick(2) };
}

/** Runs a script to completion, stepping the clock one second at a time while it sleeps. */
export async function sh(
  script: string,
  opts: Parameters<typeof harness>[0] & { args?: string[] } = {},
): Promise<{ code: number; out: string; err: string; h: Harness }> {
  const h = harness(opts);
  let done = false;
  const p = runShell(script, h.ctx, opts.args).finally(() => (done = true));
  for (let i = 0; i < 10_000 && !done; i++) await advance(h.clock, 1000);
  const code = await p;
  return { code, out: h.out(), err: h.err(), h };
}
