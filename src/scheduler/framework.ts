/**
 * One scheduling cycle of the default profile (pkg/scheduler/schedule_one.go + framework/runtime):
 * PreFilter, Filter (per node, stopping at the first failing plugin), PreScore/Score/NormalizeScore
 * with the profile's weights, host selection, and on failure the FitError message including the
 * DefaultPreemption PostFilter's diagnosis.
 */
import type { NodeInfo } from './node-info.js';
import { newPodInfo } from './pod-info.js';
import { interPodAffinity } from './plugins/inter-pod-affinity.js';
import { nodeAffinity } from './plugins/node-affinity.js';
import { nodeResourcesBalancedAllocation, nodeResourcesFit } from './plugins/node-resources.js';
import { nodeName, nodePorts, nodeUnschedulable } from './plugins/simple.js';
import { taintToleration } from './plugins/taint-toleration.js';
import { type VolumeLister, volumeBinding } from './plugins/volume-binding.js';
import { type CycleContext, type Plugin, type PodLike, type Status, isSuccess } from './types.js';

/** Filter plugins in the default profile's order. */
export const filterPlugins: Plugin[] = [nodeUnschedulable, nodeName, taintToleration, nodeAffinity, nodePorts, nodeResourcesFit, volumeBinding, interPodAffinity];

/** Score plugins with the default profile's weights. */
export const scorePlugins: Array<{ plugin: Plugin; weight: number }> = [
  { plugin: taintToleration, weight: 3 },
  { plugin: nodeAffinity, weight: 2 },
  { plugin: nodeResourcesFit, weight: 1 },
  { plugin: nodeResourcesBalancedAllocation, weight: 1 },
  { plugin: interPodAffinity, weight: 2 },
];

export const ErrNoNodesAvailable = 'no nodes available to schedule pods';
export const PreemptionNotHelpful = 'Preemption is not helpful for scheduling';
export const NoPreemptionVictims = 'No preemption victims found for incoming pod';

export interface Diagnosis {
  nodeToStatus: Map<string, Status>;
  preFilterMsg: string;
  postFilterMsg: string;
}

export type ScheduleResult =
  | { ok: true; node: string; feasible: number; scores: Map<string, number> }
  | { ok: false; message: string; diagnosis?: Diagnosis };

export interface SnapshotSource {
  nodes: NodeInfo[];
  namespaceLabels(ns: string): Record<string, string> | undefined;
  namespaces(): Array<{ name: string; labels: Record<string, string> }>;
  volumes?: VolumeLister;
}

export function newCycleContext(pod: PodLike, snap: SnapshotSource): CycleContext {
  return {
    pod,
    podInfo: newPodInfo(pod),
    allNodes: snap.nodes,
    namespaceLabels: (ns) => snap.namespaceLabels(ns),
    namespaces: () => snap.namespaces(),
    state: new Map(),
    volumes: snap.volumes,
  };
}

/** RunFilterPlugins: the first non-success status, tagged with its plugin. */
export function runFilters(ctx: CycleContext, ni: NodeInfo, plugins: Plugin[] = filterPlugins): Status | undefined {
  for (const p of plugins) {
    const s = p.filter?.(ctx, ni);
    if (!isSuccess(s)) return { ...s!, plugin: p.name };
  }
  return undefined;
}

/** The reasons histogram: "N reason", sorted as strings (FitError.Error). */
export function reasonsHistogram(statuses: Iterable<Status>): string[] {
  const counts = new Map<string, number>();
  for (const s of statuses) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts].map(([r, n]) => `${n} ${r}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** FitError.Error(). */
export function fitErrorMessage(numAllNodes: number, d: Diagnosis): string {
  let msg = `0/${numAllNodes} nodes are available:`;
  if (d.preFilterMsg) msg += ` ${d.preFilterMsg}.`;
  else {
    const h = reasonsHistogram(d.nodeToStatus.values());
    if (h.length) msg += ` ${h.join(', ')}.`;
  }
  if (d.postFilterMsg) msg += ` ${d.postFilterMsg.replace(/\.$/, '')}.`;
  return msg;
}

const podPriority = (p: PodLike) => p.spec?.priority ?? 0;

/**
 * DefaultPreemption's diagnosis (preemption.Evaluator.findCandidates + dry run), without evicting:
 * nodes rejected as UnschedulableAndUnresolvable are not helped by preemption; on the others the
 * victims would be the lower-priority pods, and the pod must fit once they are gone.
 */
export function preemptionMessage(ctx: CycleContext, d: Diagnosis): string {
  if (ctx.pod.spec?.preemptionPolicy === 'Never') return 'preemption: not eligible due to preemptionPolicy=Never.';
  const statuses = new Map<string, Status>();
  for (const ni of ctx.allNodes) {
    const s = d.nodeToStatus.get(ni.name);
    if (!s || s.code === 'UnschedulableAndUnresolvable') {
      statuses.set(ni.name, { code: 'UnschedulableAndUnresolvable', reasons: [PreemptionNotHelpful] });
      continue;
    }
    const victims = ni.pods.filter((p) => podPriority(p.pod) < podPriority(ctx.pod));
    if (victims.length === 0) {
      statuses.set(ni.name, { code: 'UnschedulableAndUnresolvable', reasons: [NoPreemptionVictims] });
      continue;
    }
    statuses.set(ni.name, s);
  }
  const h = reasonsHistogram(statuses.values());
  return `preemption: 0/${statuses.size} nodes are available: ${h.join(', ')}.`;
}

/** Run one cycle for the pod over the snapshot. */
export function schedulePod(pod: PodLike, snap: SnapshotSource): ScheduleResult {
  if (snap.nodes.length === 0) return { ok: false, message: ErrNoNodesAvailable };
  const ctx = newCycleContext(pod, snap);
  const d: Diagnosis = { nodeToStatus: new Map(), preFilterMsg: '', postFilterMsg: '' };
  for (const p of filterPlugins) {
    const s = p.preFilter?.(ctx);
    if (!isSuccess(s)) {
      d.preFilterMsg = s!.reasons.join(', ');
      for (const ni of snap.nodes) d.nodeToStatus.set(ni.name, { ...s!, plugin: p.name });
      d.postFilterMsg = preemptionMessage(ctx, d);
      return { ok: false, message: fitErrorMessage(snap.nodes.length, d), diagnosis: d };
    }
  }
  const feasible: NodeInfo[] = [];
  for (const ni of snap.nodes) {
    const s = runFilters(ctx, ni);
    if (s) d.nodeToStatus.set(ni.name, s);
    else feasible.push(ni);
  }
  if (feasible.length === 0) {
    d.postFilterMsg = preemptionMessage(ctx, d);
    return { ok: false, message: fitErrorMessage(snap.nodes.length, d), diagnosis: d };
  }
  if (feasible.length === 1) return { ok: true, node: feasible[0]!.name, feasible: 1, scores: new Map() };
  const totals = prioritizeNodes(ctx, feasible);
  return { ok: true, node: selectHost(totals), feasible: feasible.length, scores: totals };
}

/** RunScorePlugins: per plugin, score, normalize, multiply by weight; sum per node. */
export function prioritizeNodes(ctx: CycleContext, feasible: NodeInfo[]): Map<string, number> {
  const totals = new Map<string, number>(feasible.map((n) => [n.name, 0]));
  for (const { plugin, weight } of scorePlugins) {
    const pre = plugin.preScore?.(ctx, feasible);
    if (pre && pre.code === 'Skip') continue;
    const scores = feasible.map((n) => plugin.score?.(ctx, n) ?? 0);
    plugin.normalizeScore?.(ctx, scores);
    feasible.forEach((n, i) => totals.set(n.name, totals.get(n.name)! + scores[i]! * weight));
  }
  return totals;
}

/** selectHost: the highest total; ties go to the first node in name order. */
export function selectHost(totals: Map<string, number>): string {
  let best: [string, number] | undefined;
  for (const [name, score] of [...totals].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    if (!best || score > best[1]) best = [name, score];
  }
  return best![0];
}
