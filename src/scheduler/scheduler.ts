/**
 * kube-scheduler: watches pods and nodes through shared informers, schedules each pending pod that
 * names default-scheduler (no nodeName, not terminating, no scheduling gates) with the default
 * profile's plugins, and binds it through pods/binding. A pod that fits nowhere gets
 * PodScheduled=False/Unschedulable and a FailedScheduling event with upstream's message; it is
 * retried when nodes or assigned pods change, and every 5 minutes of clock time (upstream's
 * podMaxInUnschedulablePodsDuration flush).
 */
import { ApiError } from '../api/errors.js';
import type { KObject } from '../api/meta.js';
import type { Client, ResourceClient } from '../client/client.js';
import { type Informer, keyOf } from '../client/informer.js';
import { Controller, type SyncResult } from '../controllers/runtime/controller.js';
import { EventRecorder } from '../controllers/runtime/event-recorder.js';
import type { InformerFactory } from '../controllers/runtime/informer-factory.js';
import { type Clock, rfc3339 } from '../util/clock.js';
import { schedulePod } from './framework.js';
import { buildNodeInfos } from './node-info.js';
import type { NodeLike, PodLike } from './types.js';
import { type VolumeLister, podClaimNames, podVolumesBound, preBindPodVolumes } from './plugins/volume-binding.js';
import type { PVCLike, PVLike } from '../controllers/volume/pv-helpers.js';

export const DefaultSchedulerName = 'default-scheduler';
/** podMaxInUnschedulablePodsDuration. */
export const UnschedulableFlushMs = 5 * 60_000;

export interface SchedulerOptions {
  /** A client whose writes carry the scheduler's field manager. */
  client: Client;
  clock: Clock;
  informers: InformerFactory;
  schedulerName?: string;
}

const isTerminal = (p: PodLike) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
const isAssigned = (p: PodLike) => !!p.spec?.nodeName;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export class Scheduler extends Controller {
  readonly schedulerName: string;
  private readonly pods: Informer;
  private readonly nodes: Informer;
  private readonly namespaces: Informer;
  private readonly podClient: ResourceClient;
  private readonly recorder: EventRecorder;
  /** Pods bound by this scheduler that the informer has not yet seen assigned. */
  private readonly assumed = new Map<string, PodLike>();
  /** Unschedulable pods and the plugins that rejected them. */
  private readonly unschedulable = new Map<string, Set<string>>();
  /** Pods whose volumes are being bound for the node chosen for them (the binding cycle's PreBind wait). */
  private readonly waitingOnVolumes = new Map<string, string>();
  private readonly claims: Informer;
  private readonly pvs: Informer;
  private readonly classes: Informer;
  private readonly volumeLister: VolumeLister;
  private readonly pvcClient: ResourceClient;
  private readonly pvClient: ResourceClient;

  constructor(opts: SchedulerOptions) {
    super('scheduler', opts.clock);
    this.schedulerName = opts.schedulerName ?? DefaultSchedulerName;
    this.podClient = opts.client.resource('', 'pods');
    this.recorder = new EventRecorder(opts.client, opts.clock, this.schedulerName);
    this.pods = opts.informers.for('', 'pods');
    this.nodes = opts.informers.for('', 'nodes');
    this.namespaces = opts.informers.for('', 'namespaces');
    this.claims = opts.informers.for('', 'persistentvolumeclaims');
    this.pvs = opts.informers.for('', 'persistentvolumes');
    this.classes = opts.informers.for('storage.k8s.io', 'storageclasses');
    this.pvcClient = opts.client.resource('', 'persistentvolumeclaims');
    this.pvClient = opts.client.resource('', 'persistentvolumes');
    this.volumeLister = {
      claim: (ns, name) => this.claims.get(ns, name) as PVCLike | undefined,
      volume: (name) => this.pvs.get('', name) as PVLike | undefined,
      volumes: () => this.pvs.list() as PVLike[],
      storageClass: (name) => this.classes.get('', name) as ReturnType<VolumeLister['storageClass']>,
    };
    this.claims.addEventHandler({ onAdd: (c) => this.claimChanged(c), onUpdate: (_a, c) => this.claimChanged(c) });
    this.pvs.addEventHandler({ onAdd: () => this.moveFor('VolumeBinding'), onUpdate: () => this.moveFor('VolumeBinding') });
    this.classes.addEventHandler({ onAdd: () => this.moveFor('VolumeBinding'), onUpdate: () => this.moveFor('VolumeBinding') });
    this.pods.addEventHandler({
      onAdd: (o) => this.onPodAdd(o as PodLike),
      onUpdate: (a, b) => this.onPodUpdate(a as PodLike, b as PodLike),
      onDelete: (o) => this.onPodDelete(o as PodLike),
    });
    this.nodes.addEventHandler({
      onAdd: () => this.moveAllToActive(),
      onUpdate: (a, b) => {
        if (nodeSchedulingPropertiesChanged(a as NodeLike, b as NodeLike)) this.moveAllToActive();
      },
    });
  }

  /** Whether this scheduler should schedule the pod now. */
  responsibleFor(p: PodLike): boolean {
    return (p.spec?.schedulerName || DefaultSchedulerName) === this.schedulerName && !isAssigned(p) && !p.metadata.deletionTimestamp && !isTerminal(p) && (p.spec?.schedulingGates ?? []).length === 0;
  }

  /** Pods currently known to be unschedulable (for tests and diagnostics). */
  unschedulablePods(): string[] {
    return [...this.unschedulable.keys()];
  }

  private onPodAdd(p: PodLike): void {
    const key = keyOf(p as KObject);
    if (isAssigned(p)) {
      this.assumed.delete(key);
      this.moveFor('InterPodAffinity');
    } else if (this.responsibleFor(p)) this.enqueue(key);
  }

  private onPodUpdate(old: PodLike, p: PodLike): void {
    const key = keyOf(p as KObject);
    if (isAssigned(p)) {
      this.assumed.delete(key);
      this.unschedulable.delete(key);
      if (!isTerminal(old) && isTerminal(p)) this.moveAllToActive();
      else if (!isAssigned(old) || !same(old.metadata.labels, p.metadata.labels)) this.moveFor('InterPodAffinity');
      return;
    }
    if (!this.responsibleFor(p)) {
      this.unschedulable.delete(key);
      return;
    }
    // Our own status writes on an unschedulable pod do not make it schedulable.
    if (this.unschedulable.has(key) && same(old.spec, p.spec) && same(old.metadata.labels, p.metadata.labels)) return;
    this.enqueue(key);
  }

  /** A claim changed: pods waiting on it or rejected for their volumes are tried again. */
  private claimChanged(c: KObject): void {
    for (const key of this.waitingOnVolumes.keys()) {
      const pod = this.pods.getByKey(key) as PodLike | undefined;
      if (pod && pod.metadata.namespace === c.metadata.namespace && podClaimNames(pod).includes(c.metadata.name!)) this.enqueue(key);
    }
    this.moveFor('VolumeBinding');
  }

  private onPodDelete(p: PodLike): void {
    const key = keyOf(p as KObject);
    this.waitingOnVolumes.delete(key);
    this.assumed.delete(key);
    this.unschedulable.delete(key);
    if (isAssigned(p)) this.moveAllToActive();
  }

  private moveAllToActive(): void {
    for (const key of this.unschedulable.keys()) this.enqueue(key);
  }

  /** Requeue unschedulable pods rejected by this plugin (upstream's queueing hints, coarsely). */
  private moveFor(plugin: string): void {
    for (const [key, plugins] of this.unschedulable) if (plugins.has(plugin)) this.enqueue(key);
  }

  private snapshot() {
    const nodes = (this.nodes.list() as NodeLike[]).slice().sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
    const pods = (this.pods.list() as PodLike[]).filter((p) => isAssigned(p) && !isTerminal(p) && !this.assumed.has(keyOf(p as KObject)));
    pods.push(...this.assumed.values());
    const nsLabels = (ns: string) => {
      const o = this.namespaces.get('', ns);
      return o ? (o.metadata.labels ?? {}) : undefined;
    };
    return {
      nodes: buildNodeInfos(nodes, pods),
      namespaceLabels: nsLabels,
      namespaces: () => this.namespaces.list().map((n) => ({ name: n.metadata.name!, labels: n.metadata.labels ?? {} })),
      volumes: this.volumeLister,
    };
  }

  sync(key: string): SyncResult | void {
    const obj = this.pods.getByKey(key);
    const pod = obj as PodLike | undefined;
    if (!pod || !this.responsibleFor(pod) || this.assumed.has(key)) {
      this.unschedulable.delete(key);
      this.waitingOnVolumes.delete(key);
      return;
    }
    // The binding cycle waits in PreBind until the pod's claims are bound.
    const waitingNode = this.waitingOnVolumes.get(key);
    if (waitingNode !== undefined) {
      if (!podVolumesBound(pod, this.volumeLister)) return;
      this.waitingOnVolumes.delete(key);
      return this.bindPod(obj!, pod, key, waitingNode);
    }
    const result = schedulePod(pod, this.snapshot());
    if (result.ok) {
      const node = this.nodes.get('', result.node) as NodeLike | undefined;
      const bound = !node || preBindPodVolumes(pod, node, this.volumeLister, {
        updateVolume: (v) => this.pvClient.update('', v),
        updateClaim: (c) => this.pvcClient.update(c.metadata.namespace ?? '', c),
      });
      if (!bound) {
        this.unschedulable.delete(key);
        this.waitingOnVolumes.set(key, result.node);
        return;
      }
      return this.bindPod(obj!, pod, key, result.node);
    }
    const plugins = new Set<string>();
    for (const s of result.diagnosis?.nodeToStatus.values() ?? []) if (s.plugin) plugins.add(s.plugin);
    this.unschedulable.set(key, plugins);
    this.recorder.event(obj!, 'Warning', 'FailedScheduling', result.message);
    this.updatePodScheduledCondition(pod, 'Unschedulable', result.message);
    return { requeueAfter: UnschedulableFlushMs };
  }

  /** Bind: write pods/binding and assume the pod on the node. */
  private bindPod(obj: KObject, pod: PodLike, key: string, nodeName: string): SyncResult | void {
    const ns = pod.metadata.namespace ?? '';
    const name = pod.metadata.name ?? '';
    try {
      this.podClient.bind(ns, name, { apiVersion: 'v1', kind: 'Binding', metadata: { name, namespace: ns }, target: { apiVersion: 'v1', kind: 'Node', name: nodeName } });
    } catch (e) {
      // Gone, or bound/deleted meanwhile: the informer will tell us.
      if (e instanceof ApiError && (e.code === 404 || e.code === 409)) return;
      throw e;
    }
    this.unschedulable.delete(key);
    this.assumed.set(key, { ...pod, spec: { ...pod.spec, nodeName } });
    this.recorder.event(obj, 'Normal', 'Scheduled', `Successfully assigned ${ns}/${name} to ${nodeName}`);
  }


  /** updatePod: write PodScheduled=False through pods/status only when it changes. */
  private updatePodScheduledCondition(pod: PodLike, reason: string, message: string): void {
    const conds = (pod.status?.conditions ?? []) as Array<Record<string, unknown>>;
    const cur = conds.find((c) => c.type === 'PodScheduled');
    if (cur && cur.status === 'False' && cur.reason === reason && cur.message === message) return;
    const lastTransitionTime = cur && cur.status === 'False' && cur.lastTransitionTime ? cur.lastTransitionTime : rfc3339(this.clock.now());
    try {
      this.podClient.patchStatus(pod.metadata.namespace ?? '', pod.metadata.name ?? '', 'strategic', {
        status: { conditions: [{ type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime, reason, message }] },
      });
    } catch (e) {
      if (e instanceof ApiError && e.code === 404) return;
      throw e;
    }
  }
}

/** Node changes that can make a pod schedulable: labels, taints, unschedulable, allocatable, conditions. */
export function nodeSchedulingPropertiesChanged(a: NodeLike, b: NodeLike): boolean {
  const conds = (n: NodeLike) => ((n.status as { conditions?: Array<{ type: string; status: string }> } | undefined)?.conditions ?? []).map((c) => [c.type, c.status]);
  return (
    !same(a.metadata.labels, b.metadata.labels) ||
    !same(a.spec?.taints, b.spec?.taints) ||
    !!a.spec?.unschedulable !== !!b.spec?.unschedulable ||
    !same(a.status?.allocatable, b.status?.allocatable) ||
    !same(conds(a), conds(b))
  );
}
