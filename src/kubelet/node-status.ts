/**
 * The node side of the simulated kubelets (no pods): for every Node whose spec.providerID starts
 * with kubemu://, renew its Lease in kube-node-lease every 10 s of clock time (holderIdentity = node
 * name, leaseDurationSeconds 40, renewTime as MicroTime, owned by the Node), and post node status
 * (every condition's lastHeartbeatTime, Ready=True) every 5 minutes, or at once when a condition's
 * status differs from what the kubelet reports (pkg/kubelet/nodelease, kubelet_node_status.go).
 */
import { ApiError } from '../api/errors.js';
import type { KObject } from '../api/meta.js';
import type { Client, ResourceClient } from '../client/client.js';
import type { Informer } from '../client/informer.js';
import { Controller, type SyncResult } from '../controllers/runtime/controller.js';
import type { InformerFactory } from '../controllers/runtime/informer-factory.js';
import { type Clock, parseTime, rfc3339, rfc3339Micro } from '../util/clock.js';

export const NodeLeaseNamespace = 'kube-node-lease';
export const LeaseDurationSeconds = 40;
/** renewInterval = 0.25 * leaseDuration. */
export const LeaseRenewIntervalMs = 10_000;
/** nodeStatusReportFrequency. */
export const NodeStatusReportFrequencyMs = 5 * 60_000;
export const SimulatedProviderPrefix = 'kubemu://';

interface NodeCondition {
  type: string;
  status: string;
  lastHeartbeatTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

/** What the kubelet reports for each condition type. */
export const desiredConditions: Record<string, [string, string, string]> = {
  MemoryPressure: ['False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
  DiskPressure: ['False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
  PIDPressure: ['False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
  Ready: ['True', 'KubeletReady', 'kubelet is posting ready status'],
};

export const isSimulatedNode = (n: KObject): boolean => String((n.spec as { providerID?: string } | undefined)?.providerID ?? '').startsWith(SimulatedProviderPrefix);

/**
 * The conditions the kubelet posts at `now`: every heartbeat refreshed, a transition time moved
 * only when the status changes. Returns whether any status differed from `current`.
 */
export function nodeConditionsAt(current: NodeCondition[], nowIso: string): { conditions: NodeCondition[]; changed: boolean } {
  let changed = false;
  const out: NodeCondition[] = [];
  const seen = new Set<string>();
  for (const c of current) {
    seen.add(c.type);
    const want = desiredConditions[c.type];
    if (!want) {
      out.push(c);
      continue;
    }
    const [status, reason, message] = want;
    const transition = c.status !== status;
    if (transition || c.reason !== reason || c.message !== message) changed = true;
    out.push({ type: c.type, status, lastHeartbeatTime: nowIso, lastTransitionTime: transition ? nowIso : (c.lastTransitionTime ?? nowIso), reason, message });
  }
  for (const [type, [status, reason, message]] of Object.entries(desiredConditions)) {
    if (seen.has(type)) continue;
    changed = true;
    out.push({ type, status, lastHeartbeatTime: nowIso, lastTransitionTime: nowIso, reason, message });
  }
  return { conditions: out, changed };
}

export interface NodeHeartbeatOptions {
  /** A client whose writes carry the field manager 'kubelet'. */
  client: Client;
  clock: Clock;
  informers: InformerFactory;
}

export class NodeHeartbeats extends Controller {
  private readonly nodes: Informer;
  private readonly nodeClient: ResourceClient;
  private readonly leaseClient: ResourceClient;
  /** When each node's status was last posted (clock ms). */
  private readonly lastReport = new Map<string, number>();

  constructor(opts: NodeHeartbeatOptions) {
    super('node-heartbeats', opts.clock);
    this.nodes = opts.informers.for('', 'nodes');
    this.nodeClient = opts.client.resource('', 'nodes');
    this.leaseClient = opts.client.resource('coordination.k8s.io', 'leases');
    this.nodes.addEventHandler({
      onAdd: (n) => {
        if (isSimulatedNode(n)) this.enqueue(n.metadata.name!);
      },
      onDelete: (n) => this.lastReport.delete(n.metadata.name!),
    });
  }

  sync(name: string): SyncResult | void {
    const node = this.nodes.get('', name);
    if (!node || !isSimulatedNode(node)) return;
    const now = this.clock.now();
    this.renewLease(node, now);
    this.postNodeStatus(node, now);
    return { requeueAfter: LeaseRenewIntervalMs };
  }

  private renewLease(node: KObject, now: number): void {
    const name = node.metadata.name!;
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
      return;
    }
    this.leaseClient.update(NodeLeaseNamespace, { ...lease, spec: { ...(lease.spec as object), ...spec } });
  }

  private postNodeStatus(node: KObject, now: number): void {
    const name = node.metadata.name!;
    const status = (node.status ?? {}) as { conditions?: NodeCondition[] };
    const current = status.conditions ?? [];
    if (!this.lastReport.has(name)) {
      const hb = parseTime(current.find((c) => c.type === 'Ready')?.lastHeartbeatTime);
      if (hb !== undefined) this.lastReport.set(name, hb);
    }
    const { conditions, changed } = nodeConditionsAt(current, rfc3339(now));
    const last = this.lastReport.get(name);
    if (!changed && last !== undefined && now - last < NodeStatusReportFrequencyMs) return;
    this.nodeClient.updateStatus('', { ...node, status: { ...status, conditions } });
    this.lastReport.set(name, now);
  }
}
