/**
 * Probes as upstream's kubelet prober (pkg/kubelet/prober, pkg/probe): running one probe against the
 * container model (exec in the interpreter, httpGet/tcpSocket/grpc against the ports the container
 * listens on and the paths its image serves), with upstream's messages; and the per-container probe
 * worker (prober/worker.go): a ticker every periodSeconds from the container's start, nothing before
 * initialDelaySeconds, liveness and readiness held until the startup probe succeeds, results changed
 * only after successThreshold/failureThreshold consecutive outcomes, liveness/startup on hold after a
 * failure until the container is replaced.
 */
import type { Clock } from '../util/clock.js';
import type { ShellIO } from './shell/types.js';

export type ProbeKind = 'liveness' | 'readiness' | 'startup';
export type ProbeResult = 'success' | 'failure';

export interface ProbeSpec {
  exec?: { command?: string[] };
  httpGet?: { path?: string; port: number | string; host?: string; scheme?: string };
  tcpSocket?: { port: number | string; host?: string };
  grpc?: { port: number; service?: string };
  initialDelaySeconds?: number;
  timeoutSeconds?: number;
  periodSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
  terminationGracePeriodSeconds?: number;
}

/** What a probe can observe of a container. */
export interface ProbeTarget {
  podIP: string;
  /** Is something listening on this TCP port? */
  listening(port: number): boolean;
  /** HTTP status for a GET of path on a listened port. */
  httpStatus(port: number, path: string): number;
  /** Does a gRPC health service answer SERVING on this port? */
  grpcServing(port: number): boolean;
  /** Named container ports, for string probe ports. */
  ports: Array<{ name?: string; containerPort: number }>;
  /** Run a command in the container; resolves to its exit code; aborting ends it. */
  exec(argv: string[], io: ShellIO, signal: AbortSignal): Promise<number>;
}

/** Upstream probe.ResolveContainerPort: a number, a numeric string, or a named container port. */
export function resolvePort(port: number | string, target: Pick<ProbeTarget, 'ports'>): number | undefined {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  return target.ports.find((p) => p.name === port)?.containerPort;
}

export interface ProbeOutcome {
  result: ProbeResult;
  output: string;
}

/** Run one probe (or lifecycle handler of the same shape) once. */
export async function runProbe(probe: ProbeSpec, target: ProbeTarget, clock: Clock): Promise<ProbeOutcome> {
  const timeoutMs = Math.max(1, probe.timeoutSeconds ?? 1) * 1000;
  if (probe.exec) {
    const argv = probe.exec.command ?? [];
    let out = '';
    const ac = new AbortController();
    let timedOut = false;
    const t = clock.after(() => {
      timedOut = true;
      ac.abort();
    }, timeoutMs);
    let code: number;
    try {
      code = await target.exec(argv, { stdout: (s) => (out += s), stderr: (s) => (out += s) }, ac.signal);
    } catch (e) {
      code = 1;
      out += (e as Error)?.message ?? String(e);
    } finally {
      t.cancel();
    }
    if (timedOut) return { result: 'failure', output: `command ${JSON.stringify(argv.join(' '))} timed out` };
    return { result: code === 0 ? 'success' : 'failure', output: out };
  }
  if (probe.httpGet) {
    const h = probe.httpGet;
    const port = resolvePort(h.port, target);
    const host = h.host || target.podIP;
    const scheme = (h.scheme ?? 'HTTP').toLowerCase();
    const path = h.path ?? '';
    const url = `${scheme}://${host}:${port ?? h.port}${path && !path.startsWith('/') ? '/' : ''}${path}`;
    if (port === undefined) return { result: 'failure', output: `unable to resolve port ${JSON.stringify(String(h.port))}` };
    if (host !== target.podIP || !target.listening(port)) return { result: 'failure', output: `Get ${JSON.stringify(url)}: dial tcp ${host}:${port}: connect: connection refused` };
    const status = target.httpStatus(port, path || '/');
    if (status >= 200 && status < 400) return { result: 'success', output: '' };
    return { result: 'failure', output: `HTTP probe failed with statuscode: ${status}` };
  }
  if (probe.tcpSocket) {
    const port = resolvePort(probe.tcpSocket.port, target);
    const host = probe.tcpSocket.host || target.podIP;
    if (port === undefined) return { result: 'failure', output: `unable to resolve port ${JSON.stringify(String(probe.tcpSocket.port))}` };
    if (host !== target.podIP || !target.listening(port)) return { result: 'failure', output: `dial tcp ${host}:${port}: connect: connection refused` };
    return { result: 'success', output: '' };
  }
  if (probe.grpc) {
    const addr = `${target.podIP}:${probe.grpc.port}`;
    if (!target.listening(probe.grpc.port)) return { result: 'failure', output: `timeout: failed to connect service ${JSON.stringify(addr)} within ${timeoutMs / 1000}s` };
    if (!target.grpcServing(probe.grpc.port)) return { result: 'failure', output: 'rpc error: code = Unimplemented desc = unknown service grpc.health.v1.Health' };
    return { result: 'success', output: '' };
  }
  return { result: 'failure', output: 'missing probe handler' };
}

/** Upstream's initial results: readiness starts failed, liveness succeeded, startup unknown (not started). */
export function initialResult(kind: ProbeKind): ProbeResult | undefined {
  return kind === 'readiness' ? 'failure' : kind === 'liveness' ? 'success' : undefined;
}

export const probeLabel = (kind: ProbeKind) => kind[0]!.toUpperCase() + kind.slice(1);

export interface ProbeWorkerOptions {
  kind: ProbeKind;
  probe: ProbeSpec;
  clock: Clock;
  /** When the container started (ms). */
  startedAt: number;
  run(): Promise<ProbeOutcome>;
  /** For liveness/readiness: has the startup probe passed? For startup: the same (then it stops probing). */
  started(): boolean;
  /** Every failed run (for the Unhealthy event). */
  onFailure(output: string): void;
  /** The result after thresholds changed. */
  onResult(result: ProbeResult): void;
}

export class ProbeWorker {
  result: ProbeResult | undefined;
  private lastResult: ProbeResult | undefined;
  private resultRun = 0;
  private onHold = false;
  private stopped = false;
  private timer?: { cancel(): void };
  private inFlight = false;

  constructor(private readonly o: ProbeWorkerOptions) {
    this.result = initialResult(o.kind);
    this.lastResult = this.result;
    this.tick();
  }

  private get periodMs(): number {
    return Math.max(1, this.o.probe.periodSeconds ?? 10) * 1000;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = this.o.clock.after(() => this.tick(), this.periodMs);
  }

  private tick(): void {
    if (this.stopped) return;
    if (this.inFlight) return this.schedule();
    this.schedule();
    void this.doProbe();
  }

  /** upstream worker.doProbe */
  private async doProbe(): Promise<void> {
    const o = this.o;
    if (this.onHold) return;
    const now = o.clock.now();
    if (now - o.startedAt < (o.probe.initialDelaySeconds ?? 0) * 1000) return;
    if (o.kind !== 'startup' && !o.started()) return;
    if (o.kind === 'startup' && o.started()) return;
    this.inFlight = true;
    let outcome: ProbeOutcome;
    try {
      outcome = await o.run();
    } finally {
      this.inFlight = false;
    }
    if (this.stopped) return;
    if (outcome.result === 'failure') o.onFailure(outcome.output);
    if (this.lastResult === outcome.result) this.resultRun++;
    else {
      this.lastResult = outcome.result;
      this.resultRun = 1;
    }
    const failureThreshold = o.probe.failureThreshold ?? 3;
    const successThreshold = o.probe.successThreshold ?? 1;
    if ((outcome.result === 'failure' && this.resultRun < failureThreshold) || (outcome.result === 'success' && this.resultRun < successThreshold)) return;
    const changed = this.result !== outcome.result;
    this.result = outcome.result;
    if ((o.kind === 'liveness' || o.kind === 'startup') && outcome.result === 'failure') {
      this.onHold = true;
      this.resultRun = 0;
    }
    if (changed || outcome.result === 'failure') o.onResult(outcome.result);
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
  }
}
