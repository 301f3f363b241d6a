/**
 * The TaintNodesByCondition part of the node lifecycle controller (pkg/controller/nodelifecycle):
 * NoSchedule taints that mirror a node's state, so the scheduler and `kubectl describe node` see
 * them as on a real cluster: node.kubernetes.io/unschedulable while cordoned, and
 * not-ready / unreachable / memory-pressure / disk-pressure / pid-pressure / network-unavailable
 * from the node's conditions.
 */
import type { TaintT } from '../../api/core/taints.js';
import type { KObject } from '../../api/meta.js';
import type { Informer } from '../../client/informer.js';
import type { ResourceClient } from '../../client/client.js';
import { Controller, type SyncResult } from '../runtime/controller.js';
import type { ControllerContext } from '../runtime/manager.js';

interface Condition {
  type: string;
  status: string;
}

/** upstream nodeConditionToTaintKeyStatusMap */
const conditionTaints: Array<{ type: string; status: string; key: string }> = [
  { type: 'Ready', status: 'False', key: 'node.kubernetes.io/not-ready' },
  { type: 'Ready', status: 'Unknown', key: 'node.kubernetes.io/unreachable' },
  { type: 'MemoryPressure', status: 'True', key: 'node.kubernetes.io/memory-pressure' },
  { type: 'DiskPressure', status: 'True', key: 'node.kubernetes.io/disk-pressure' },
  { type: 'NetworkUnavailable', status: 'True', key: 'node.kubernetes.io/network-unavailable' },
  { type: 'PIDPressure', status: 'True', key: 'node.kubernetes.io/pid-pressure' },
];
export const TaintNodeUnschedulable = 'node.kubernetes.io/unschedulable';
const managedKeys = new Set([TaintNodeUnschedulable, ...conditionTaints.map((t) => t.key)]);

/** The NoSchedule taint keys a node should carry for its state. */
export function desiredConditionTaints(node: KObject): string[] {
  const keys: string[] = [];
  const conds = ((node.status ?? {}) as { conditions?: Condition[] }).conditions ?? [];
  for (const t of conditionTaints) if (conds.some((c) => c.type === t.type && c.status === t.status)) keys.push(t.key);
  if (((node.spec ?? {}) as { unschedulable?: boolean }).unschedulable) keys.push(TaintNodeUnschedulable);
  return keys;
}

export class TaintNodesByConditionController extends Controller {
  private readonly nodes: Informer;
  private readonly rc: ResourceClient;

  constructor(ctx: ControllerContext) {
    super('node-lifecycle-controller', ctx.clock);
    this.nodes = ctx.informers.for('', 'nodes');
    this.rc = ctx.client.resource('', 'nodes');
    const enqueue = (n: KObject) => this.enqueue(n.metadata.name!);
    this.nodes.addEventHandler({ onAdd: enqueue, onUpdate: (_o, n) => enqueue(n) });
  }

  sync(name: string): SyncResult | void {
    const node = this.nodes.get('', name);
    if (!node) return;
    const taints = (((node.spec ?? {}) as { taints?: TaintT[] }).taints ?? []) as TaintT[];
    const want = new Set(desiredConditionTaints(node));
    const have = new Set(taints.filter((t) => managedKeys.has(t.key) && t.effect === 'NoSchedule').map((t) => t.key));
    if ([...want].every((k) => have.has(k)) && [...have].every((k) => want.has(k))) return;
    const kept = taints.filter((t) => !(managedKeys.has(t.key) && t.effect === 'NoSchedule' && !want.has(t.key)));
    for (const k of want) if (!have.has(k)) kept.push({ key: k, effect: 'NoSchedule' });
    // A JSON merge patch replaces the list; the resourceVersion makes it conditional on what we read.
    this.rc.patch('', name, 'merge', { metadata: { resourceVersion: node.metadata.resourceVersion }, spec: { taints: kept.length ? kept : null } });
  }
}
