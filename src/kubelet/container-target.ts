/**
 * The container as probes and lifecycle hooks see it: its pod IP, the ports its process listens on,
 * the HTTP paths its image serves (plus files under the image's document root), a gRPC health
 * service, and exec in its files and environment. Behaviour overrides can make probes fail from a
 * given time after the container started.
 */
import type { Clock } from '../util/clock.js';
import type { ContainerInstance } from './container-runtime.js';
import { imageProfile } from './images.js';
import { execCommand } from './shell/index.js';
import { resolvePort, runProbe, type ProbeKind, type ProbeOutcome, type ProbeSpec, type ProbeTarget } from './probes.js';
import type { ContainerSpec } from './container-slot.js';

export function containerTarget(spec: ContainerSpec, inst: ContainerInstance, podIP: string): ProbeTarget {
  const profile = imageProfile(spec.image ?? '');
  const listened = (port: number) => inst.listening.has(port);
  return {
    podIP,
    ports: (spec.ports ?? []).map((p) => ({ name: p.name, containerPort: p.containerPort })),
    listening: listened,
    httpStatus: (port, path) => {
      if (!listened(port)) return 0;
      const p = path.split('?')[0] || '/';
      if (profile.httpPaths.includes(p)) return 200;
      if (profile.docRoot) {
        const file = `${profile.docRoot}${p}`;
        const fs = inst.opts.fs;
        if (fs.exists(file) && !fs.isDir(file)) return 200;
        if (fs.isDir(file) && fs.exists(`${file.replace(/\/$/, '')}/index.html`)) return 200;
      }
      return 404;
    },
    grpcServing: (port) => listened(port) && profile.grpcHealth,
    exec: (argv, io, signal) => execCommand(argv, inst.shellContext(io, signal)),
  };
}

/** Run one probe, unless a behaviour override says it fails by now. */
export async function probeContainer(kind: ProbeKind, probe: ProbeSpec, target: ProbeTarget, inst: ContainerInstance, clock: Clock, failFromMs?: number): Promise<ProbeOutcome> {
  if (failFromMs !== undefined && clock.now() - inst.startedAt >= failFromMs) {
    void kind;
    if (probe.httpGet) return { result: 'failure', output: 'HTTP probe failed with statuscode: 500' };
    if (probe.tcpSocket) {
      const port = resolvePort(probe.tcpSocket.port, target) ?? probe.tcpSocket.port;
      return { result: 'failure', output: `dial tcp ${target.podIP}:${port}: connect: connection refused` };
    }
    if (probe.grpc) return { result: 'failure', output: 'service unhealthy (responded with "NOT_SERVING")' };
    return { result: 'failure', output: '' };
  }
  return runProbe(probe, target, clock);
}

/**
 * Run a lifecycle handler (postStart/preStop): exec, httpGet, tcpSocket or sleep. Resolves to an
 * error message, or undefined on success. Exec handlers have no timeout of their own.
 */
export async function runHandler(handler: Record<string, any>, target: ProbeTarget, clock: Clock): Promise<string | undefined> {
  if (handler.sleep) {
    const secs = Number(handler.sleep.seconds ?? 0);
    await new Promise<void>((r) => clock.after(r, secs * 1000));
    return undefined;
  }
  if (handler.exec) {
    let out = '';
    const ac = new AbortController();
    const code = await target.exec(handler.exec.command ?? [], { stdout: (s) => (out += s), stderr: (s) => (out += s) }, ac.signal).catch(() => 1);
    return code === 0 ? undefined : `Exec lifecycle hook (${JSON.stringify(handler.exec.command ?? [])}) for Container failed - error: command '${(handler.exec.command ?? []).join(' ')}' exited with ${code}: ${out}`;
  }
  const r = await runProbe({ ...handler, timeoutSeconds: 30 } as ProbeSpec, target, clock);
  return r.result === 'success' ? undefined : r.output;
}
