/**
 * `kubectl port-forward`: connect to a TCP port in the pod's network namespace, as containerd's
 * portforward does (dial localhost:PORT inside the sandbox). The port belongs to whichever running
 * container listens on it; HTTP-serving images answer through the container HTTP model, other
 * servers accept the connection and stay silent. Nobody listening gives the kubelet's error text.
 */
import type { KObject } from '../api/meta.js';
import { HttpConnection } from './container-http.js';
import { hex64 } from './images.js';
import type { PodWorker } from './pod-worker.js';

export interface PortSink {
  write(data: Buffer): void;
  end(): void;
}

export interface PortConn {
  write(data: Buffer): void;
  end(): void;
}

/** A stable sandbox ID and network namespace for a pod. */
function sandbox(uid: string): { id: string; netns: string } {
  const h = hex64(`sandbox/${uid}`);
  const u = hex64(`netns/${uid}`);
  return { id: h, netns: `/var/run/netns/cni-${u.slice(0, 8)}-${u.slice(8, 12)}-${u.slice(12, 16)}-${u.slice(16, 20)}-${u.slice(20, 32)}` };
}

/** upstream's "error forwarding port ..." for a port nobody listens on. */
export function connectionRefused(uid: string, port: number): string {
  const sb = sandbox(uid);
  return (
    `error forwarding port ${port} to pod ${sb.id}, uid : failed to execute portforward in network namespace ${JSON.stringify(sb.netns)}: ` +
    `failed to connect to localhost:${port} inside namespace ${JSON.stringify(sb.id)}, IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused ` +
    `IPv6 dial tcp6 [::1]:${port}: connect: connection refused `
  );
}

export function portForwardInPod(w: PodWorker | undefined, pod: KObject, port: number, sink: PortSink): PortConn | { error: string } {
  const uid = pod.metadata.uid ?? '';
  if (!w) return { error: `error forwarding port ${port} to pod ${sandbox(uid).id}, uid : pod not found` };
  const slot = w.slots.find((s) => s.current?.running && s.current.listening.has(port));
  const inst = slot?.current;
  if (!inst) return { error: connectionRefused(uid, port) };
  const profile = inst.opts.profile;
  const http = profile.httpPaths.length > 0 || !!profile.docRoot;
  let ended = false;
  const finish = () => {
    if (ended) return;
    ended = true;
    sink.end();
  };
  // the container going away closes its connections
  void inst.done.then(finish);
  if (!http) return { write: () => {}, end: finish };
  const conn = new HttpConnection({ profile, fs: inst.opts.fs, clock: inst.opts.clock, startedAt: inst.startedAt }, (b) => {
    if (!ended) sink.write(b);
  }, finish);
  return {
    write: (b) => conn.receive(b),
    // the client closed its side: the server closes too (after answering what it had)
    end: () => conn.end(),
  };
}
