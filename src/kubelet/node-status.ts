/**
 * The node side of the simulated kubelets (no pods): for every Node whose spec.providerID starts
 * with kubemu://, renew its Lease in kube-node-lease every 10 s of clock time (holderIdentity = node
 * name, leaseDurationSeconds 40, renewTime as MicroTime, owned by the Node), and post node status
 * (every condition's lastHeartbeatTime, Ready=True) every 5 minutes, or at once when a condition's
 * status differs from what the kubelet reports (pkg/kubelet/nodelease, kubelet_node_status.go).
 * Each node's first sync in this process is its kubelet starting, with upstream's node events
 * (source kubelet, host = node name): Starting, NodeAllocatableEnforced, the pressure conditions of
 * registration, then NodeReady etc. whenever a condition's status changes.
 */
import { ApiError } from '../api/errors.js';
import type { KObject } from '../api/meta.js';
import type { Client, ResourceClient } from '../client/client.js';
import type { Informer } from '../client/informer.js';
import { Controller, type SyncResult } from '../controllers/runtime/controller.js';
import type { InformerFactory } from '../controllers/runtime/informer-factory.js';
import { EventRecorder } from '../controllers/runtime/event-recorder.js';
import { type Clock, rfc3339, rfc3339Micro } from '../util/clock.js';
import { conditionsChanged, healthyNode, type NodeCondition, type RecordNodeStatusEvent, registeringNode, schedulableEvent, setNodeConditions } from './node-conditions.js';

export const NodeLeaseNamespace = 'kube-node-lease';
export const LeaseDurationSeconds = 40;
/** renewInterval = 0.25 * leaseDuration. */
export const LeaseRenewIntervalMs = 10_000;
/** nodeStatusReportFrequency. */
export const NodeStatusReportFrequencyMs = 5 * 60_000;
export const SimulatedProviderPrefix = 'kubemu://';

export const isSimulatedNode = (n: KObject): boolean => String((n.spec as { providerID?: string } | undefined)?.providerID ?? '').startsWith(SimulatedProviderPrefix);

export interface NodeHeartbeatOptions {
  /** A client whose writes carry the field manager 'kubelet'. */
  client: Client;
  clock: Clock;
  informers: InformerFactory;
}

interface KubeletState {
  recorder: EventRecorder;
  lastUnschedulable: boolean;
  registration?: NodeCondition[];
}

export class NodeHeartbeats extends Controller {
  private readonly client: Client;
  private readonly nodes: Informer;
  private readonly nodeClient: ResourceClient;
  private readonly leaseClient: ResourceClient;
  /** When each node's status was last posted (clock ms). */
  private readonly lastReport = new Map<string, number>();
  /** When each node's lease was last renewed by this process (clock ms). */
  private readonly lastRenew = new Map<string, number>();
  /**
   * Nodes whose kubelet has started in this process: its event recorder, what it last saw of
   * spec.unschedulable, and the conditions its registration would have posted, until they are.
   */
  private readonly kubelets = new Map<string, KubeletState>();

  constructor(opts: NodeHeartbeatOptions) {
    super('node-heartbeats', opts.clock);
    this.client = opts.client;
    this.nodes = opts.informers.for('', 'nodes');
    this.nodeClient = opts.client.resource('', 'nodes');
    this.leaseClient = opts.client.resource('coordination.k8s.io', 'leases');
    this.nodes.addEventHandler({
      onAdd: (n) => {
        if (isSimulatedNode(n)) this.enqueue(n.metadata.name!);
      },
      onDelete: (n) => {
        const name = n.metadata.name!;
        this.lastReport.delete(name);
        this.lastRenew.delete(name);
        this.kubelets.delete(name);
      },
    });
  }

  sync(name: string): SyncResult | void {
    const node = this.nodes.get('', name);
    if (!node || !isSimulatedNode(node)) return;
    const now = this.clock.now();
    if (!this.kubelets.has(name)) this.startKubelet(node, now);
    this.renewLease(node, now);
    this.postNodeStatus(node, now);
    return { requeueAfter: LeaseRenewIntervalMs };
  }

  /**
   * A kubelet process starting: BirthCry ("Starting kubelet."), the container manager enforcing node
   * allocatable, then registration, whose initialNode runs the condition setters on a bare node and
   * so reports the pressure conditions on every start. A node bootstrap created without conditions
   * has not been registered by its kubelet yet: the conditions registration would have created it
   * with (not Ready until the network plugin is up) are what the first status update starts from.
   */
  private startKubelet(node: KObject, now: number): void {
    const name = node.metadata.name!;
    const kubelet: KubeletState = {
      recorder: new EventRecorder(this.client, this.clock, 'kubelet', name),
      lastUnschedulable: false,
    };
    this.kubelets.set(name, kubelet);
    const ref = kubeletNodeRef(name);
    kubelet.recorder.event(ref, 'Normal', 'Starting', 'Starting kubelet.');
    kubelet.recorder.event(ref, 'Normal', 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
    const initial = setNodeConditions([], rfc3339(now), registeringNode, this.statusEventRecorder(name));
    if (!(node.status as { conditions?: NodeCondition[] } | undefined)?.conditions?.length) kubelet.registration = initial;
  }

  /** recordNodeStatusEvent: `Node <name> status is now: <event>` on the kubelet's node reference. */
  private statusEventRecorder(name: string): RecordNodeStatusEvent {
    return (event) => this.kubelets.get(name)?.recorder.event(kubeletNodeRef(name), 'Normal', event, `Node ${name} status is now: ${event}`);
  }

  private renewLease(node: KObject, now: number): void {
    const name = node.metadata.name!;
    const last = this.lastRenew.get(name);
    if (last !== undefined && now - last < LeaseRenewIntervalMs) return;
    const spec = { holderIdentity: name, leaseDurationSeconds: LeaseDurationSeconds, renewTime: rfc3339Micro(now) };
    let lease: KObject | undefined;
    try {
      lease = this.leaseClient.get(NodeLeaseNamespace, name);
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 404)) throw e;
    }
    if (!lease) {
      this.leaseClient.create(NodeLeaseNamespace, {
        metadata: {
          name,
          namespace: NodeLeaseNamespace,
          ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid }],
        },
        spec,
      });
    } else {
      this.leaseClient.update(NodeLeaseNamespace, { ...lease, spec: { ...(lease.spec as object), ...spec } });
    }
    this.lastRenew.set(name, now);
  }

  private postNodeStatus(node: KObject, now: number): void {
    const name = node.metadata.name!;
    const status = (node.status ?? {}) as { conditions?: NodeCondition[] };
    const current = status.conditions ?? [];
    const kubelet = this.kubelets.get(name);
    if (kubelet && current.length) kubelet.registration = undefined;
    const record = this.statusEventRecorder(name);
    const conditions = setNodeConditions(kubelet?.registration ?? current, rfc3339(now), healthyNode, record);
    const changed = conditionsChanged(current, conditions);
    if (kubelet) kubelet.lastUnschedulable = schedulableEvent(kubelet.lastUnschedulable, Boolean((node.spec as { unschedulable?: boolean } | undefined)?.unschedulable), record);
    // A kubelet that has not reported yet (lastStatusReportTime zero) always posts.
    const last = this.lastReport.get(name);
    if (!changed && last !== undefined && now - last < NodeStatusReportFrequencyMs) return;
    this.nodeClient.updateStatus('', { ...node, status: { ...status, conditions } });
    this.lastReport.set(name, now);
  }
}

/** The kubelet's node reference: kind Node, uid = the node's name, no namespace (events go to default). */
export function kubeletNodeRef(name: string): KObject {
  return { kind: 'Node', metadata: { name, uid: name } };
}
