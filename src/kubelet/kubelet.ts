/**
 * The simulated kubelets: one per Node whose spec.providerID starts with `kubemu://`, each running a
 * pod worker for every pod bound to it (a shared pod informer indexed by spec.nodeName). Syncs are
 * batched off the caller's stack; `idle()` tells tests when nothing is left to do until the clock
 * moves. The kubelets also serve container logs (the HTTP layer's PodLogSource).
 */
import type { KObject } from '../api/meta.js';
import type { Client } from '../client/client.js';
import { Informer } from '../client/informer.js';
import { EventRecorder } from '../controllers/runtime/event-recorder.js';
import type { Clock } from '../util/clock.js';
import { LogStore, type LogSink } from './logs.js';
import { NodeRuntime, type BehaviourSource, type RuntimeSources } from './node-runtime.js';
import { streamPodLogs, type PodLogOptions } from './pod-logs.js';
import { PodWorker, type PodWorkerHost } from './pod-worker.js';
import { execInPod, type ExecIO, type ExecOptions, type ExecResult } from './pod-exec.js';
import { portForwardInPod, type PortConn, type PortSink } from './port-forward.js';
import { resolveBehaviour } from './behaviour.js';

export interface KubeletOptions {
  /** Behaviour overrides per pod and container (default: kubemu.dev Behavior objects and pod annotations). */
  behaviour?: BehaviourSource;
}

const isSimulated = (node: KObject) => String((node.spec as { providerID?: string })?.providerID ?? '').startsWith('kubemu://');
const nodeNameOf = (pod: KObject) => (pod.spec as { nodeName?: string })?.nodeName ?? '';

class Kubelet {
  readonly workers = new Map<string, PodWorker>();
  constructor(readonly runtime: NodeRuntime) {}
}

export class Kubelets implements PodWorkerHost {
  readonly logs = new LogStore();
  private readonly client: Client;
  private readonly nodes: Informer;
  private readonly pods: Informer;
  /** kubemu.dev Behavior objects (behaviour overrides), when that kind is served. */
  private readonly behaviors?: Informer;
  private readonly kubelets = new Map<string, Kubelet>();
  private readonly pending = new Set<PodWorker>();
  private scheduled = false;
  private busy = false;
  /** Errors thrown by syncs (most recent last, bounded): for tests and diagnostics. */
  readonly errors: unknown[] = [];
  private readonly sources: RuntimeSources;

  constructor(
    client: Client,
    private readonly clock: Clock,
    private readonly opts: KubeletOptions = {},
  ) {
    this.client = client.withManager('kubelet');
    this.nodes = new Informer(this.client.resource('', 'nodes'));
    this.pods = new Informer(this.client.resource('', 'pods'));
    this.pods.addIndexer('nodeName', (p) => [nodeNameOf(p)]);
    try {
      this.behaviors = new Informer(this.client.resource('kubemu.dev', 'behaviors'));
    } catch {
      this.behaviors = undefined;
    }
    const get = (resource: string) => (ns: string, name: string) => {
      try {
        return this.client.resource('', resource).get(ns, name);
      } catch {
        return undefined;
      }
    };
    this.sources = {
      configMap: get('configmaps'),
      secret: get('secrets'),
      services: (ns) => this.client.resource('', 'services').list(ns).items,
    };
    this.nodes.addEventHandler({
      onAdd: (n) => this.nodeAdded(n),
      onUpdate: (_o, n) => this.nodeAdded(n),
      onDelete: (n) => this.nodeDeleted(n),
    });
    this.pods.addEventHandler({
      onAdd: (p) => this.podChanged(p),
      onUpdate: (_o, p) => this.podChanged(p),
      onDelete: (p) => this.podDeleted(p),
    });
  }

  /** Overrides for one container: the configured source, or Behavior objects and annotations (also for metrics: `usage`). */
  readonly behaviour: BehaviourSource = (pod, c) => (this.opts.behaviour ? this.opts.behaviour(pod, c) : resolveBehaviour(pod, c, this.behaviors?.list() ?? []));

  start(): void {
    this.behaviors?.start();
    this.nodes.start();
    this.pods.start();
  }

  stop(): void {
    this.pods.stop();
    this.nodes.stop();
    this.behaviors?.stop();
    for (const k of this.kubelets.values()) for (const w of k.workers.values()) {
      w.gone = true;
      w.sync();
    }
  }

  /** Nothing queued or being synced (timers on the clock do not count). */
  idle(): boolean {
    return !this.busy && this.pending.size === 0;
  }

  /** The names of the nodes with a kubelet. */
  nodeNames(): string[] {
    return [...this.kubelets.keys()].sort();
  }

  /** The worker of a pod (by UID), if a kubelet runs it. */
  worker(uid: string): PodWorker | undefined {
    for (const k of this.kubelets.values()) {
      const w = k.workers.get(uid);
      if (w) return w;
    }
    return undefined;
  }

  private nodeAdded(node: KObject): void {
    const name = node.metadata.name!;
    if (!isSimulated(node) || this.kubelets.has(name)) return;
    const addrs = ((node.status as { addresses?: Array<{ type: string; address: string }> })?.addresses ?? []);
    const hostIP = addrs.find((a) => a.type === 'InternalIP')?.address ?? '';
    const podCIDR = (node.spec as { podCIDR?: string })?.podCIDR ?? '';
    const allocatable = (node.status as { allocatable?: Record<string, string> })?.allocatable ?? {};
    const recorder = new EventRecorder(this.client, this.clock, 'kubelet', name);
    const rt = new NodeRuntime(name, hostIP, podCIDR, this.client, this.clock, recorder, this.logs, { ...this.sources, nodeAllocatable: allocatable }, this.behaviour);
    this.kubelets.set(name, new Kubelet(rt));
    for (const p of this.pods.byIndex('nodeName', name)) this.podChanged(p);
  }

  private nodeDeleted(node: KObject): void {
    const k = this.kubelets.get(node.metadata.name!);
    if (!k) return;
    this.kubelets.delete(node.metadata.name!);
    for (const w of k.workers.values()) {
      w.gone = true;
      w.sync();
    }
  }

  private podChanged(pod: KObject): void {
    const k = this.kubelets.get(nodeNameOf(pod));
    if (!k) return;
    const uid = pod.metadata.uid ?? '';
    let w = k.workers.get(uid);
    if (!w) {
      const phase = (pod.status as { phase?: string })?.phase;
      // a pod that finished before this kubelet started (e.g. a restart on a state file) is left as it is
      if ((phase === 'Succeeded' || phase === 'Failed') && !pod.metadata.deletionTimestamp) return;
      const podIP = (pod.status as { podIP?: string })?.podIP;
      w = new PodWorker(k.runtime, this, pod);
      if (podIP) {
        k.runtime.ipam.reserve(uid, podIP);
        w.podIP = podIP;
      }
      k.workers.set(uid, w);
      this.schedule(w);
      return;
    }
    w.update(pod);
  }

  private podDeleted(pod: KObject): void {
    const w = this.worker(pod.metadata.uid ?? '');
    if (!w) return;
    w.gone = true;
    this.schedule(w);
  }

  schedule(w: PodWorker): void {
    this.pending.add(w);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.drain());
  }

  finished(w: PodWorker): void {
    for (const k of this.kubelets.values()) if (k.workers.get(w.uid) === w) k.workers.delete(w.uid);
    this.pending.delete(w);
  }

  private drain(): void {
    this.scheduled = false;
    this.busy = true;
    try {
      for (let i = 0; i < 1000 && this.pending.size > 0; i++) {
        const w = this.pending.values().next().value!;
        this.pending.delete(w);
        try {
          w.sync();
        } catch (e) {
          this.errors.push(e);
          if (this.errors.length > 100) this.errors.shift();
        }
      }
    } finally {
      this.busy = false;
    }
    if (this.pending.size > 0 && !this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.drain());
    }
  }

  /** PodLogSource: stream the logs of one container of a pod (validated by the caller). */
  streamLogs(pod: KObject, opts: PodLogOptions, sink: LogSink): { stop(): void } {
    const w = this.worker(pod.metadata.uid ?? '');
    const status = w ? w.generateStatus() : ((pod.status ?? {}) as Record<string, unknown>);
    return streamPodLogs(this.logs, pod, status, opts, this.clock.now(), sink);
  }

  /** PodStreamSource: run a command in a container of a pod (pods/exec). */
  exec(pod: KObject, opts: ExecOptions, io: ExecIO): Promise<ExecResult> {
    return execInPod(this.worker(pod.metadata.uid ?? ''), pod, opts, io);
  }

  /** PodStreamSource: connect to a port of a pod (pods/portforward). */
  portForward(pod: KObject, port: number, sink: PortSink): PortConn | { error: string } {
    return portForwardInPod(this.worker(pod.metadata.uid ?? ''), pod, port, sink);
  }
}

export type { PodLogOptions } from './pod-logs.js';
export type { ExecIO, ExecOptions, ExecResult } from './pod-exec.js';
export type { PortConn, PortSink } from './port-forward.js';
export type { LogSink } from './logs.js';
