/** Builders for scheduler plugin unit tests: pods, nodes, snapshots and one-plugin runs. */
import { newCycleContext } from '../../src/scheduler/framework.js';
import { buildNodeInfos, type NodeInfo } from '../../src/scheduler/node-info.js';
import type { CycleContext, NodeLike, Plugin, PodLike, PodSpecLike, Status } from '../../src/scheduler/types.js';

export const mkPod = (name: string, spec: PodSpecLike = {}, labels: Record<string, string> = {}, namespace = 'default'): PodLike => ({
  metadata: { name, namespace, labels, uid: `uid-${namespace}-${name}` },
  spec: { containers: [{ name: 'c' }], ...spec },
});

export const mkNode = (name: string, labels: Record<string, string> = {}, spec: NodeLike['spec'] = {}, allocatable: Record<string, string> = { cpu: '4', memory: '8Gi', pods: '110' }): NodeLike => ({
  metadata: { name, labels },
  spec,
  status: { allocatable },
});

/** A container with cpu (milli) and memory (bytes) requests, as upstream's makeResources(milliCPU, memory). */
export const req = (milliCPU: number, memory: number, name = 'c') => ({ name, resources: { requests: { cpu: `${milliCPU}m`, memory: String(memory) } } });

export interface Snap {
  nodes: NodeInfo[];
  namespaces?: Array<{ name: string; labels: Record<string, string> }>;
}

export function snapshot(nodes: NodeLike[], pods: PodLike[] = [], namespaces: Array<{ name: string; labels: Record<string, string> }> = [{ name: 'default', labels: {} }]) {
  const infos = buildNodeInfos(nodes, pods);
  return {
    nodes: infos,
    namespaceLabels: (ns: string) => namespaces.find((n) => n.name === ns)?.labels,
    namespaces: () => namespaces,
  };
}

/** PreFilter then Filter of one plugin on every node: node name -> status (undefined = fits). */
export function runFilter(plugin: Plugin, pod: PodLike, snap: ReturnType<typeof snapshot>): Map<string, Status | undefined> {
  const ctx = newCycleContext(pod, snap);
  const pre = plugin.preFilter?.(ctx);
  const out = new Map<string, Status | undefined>();
  for (const n of snap.nodes) out.set(n.name, pre && pre.code !== 'Success' ? pre : plugin.filter!(ctx, n));
  return out;
}

/** PreFilter (if any), PreScore, Score and NormalizeScore of one plugin: node name -> score. */
export function runScore(plugin: Plugin, pod: PodLike, snap: ReturnType<typeof snapshot>): Record<string, number> {
  const ctx: CycleContext = newCycleContext(pod, snap);
  plugin.preFilter?.(ctx);
  const pre = plugin.preScore?.(ctx, snap.nodes);
  const scores = snap.nodes.map((n) => (pre?.code === 'Skip' ? 0 : plugin.score!(ctx, n)));
  if (pre?.code !== 'Skip') plugin.normalizeScore?.(ctx, scores);
  return Object.fromEntries(snap.nodes.map((n, i) => [n.name, scores[i]!]));
}
