/**
 * InterPodAffinity (pkg/scheduler/framework/plugins/interpodaffinity): required pod affinity and
 * anti-affinity of the incoming pod, required anti-affinity of existing pods (filtering.go), and
 * preferred terms of both sides scored by topology (scoring.go, hardPodAffinityWeight 1).
 */
import { isEmpty, matches, nothing } from '../../api/selectors/labels.js';
import type { NodeInfo } from '../node-info.js';
import { type AffinityTerm, type PodInfo, type WeightedAffinityTerm, podMatchesAllAffinityTerms, termMatches } from '../pod-info.js';
import { type CycleContext, MaxNodeScore, type NodeLike, type Plugin, type PodLike, status } from '../types.js';

export const ErrReasonExistingAntiAffinityRulesNotMatch = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ErrReasonAffinityRulesNotMatch = "node(s) didn't match pod affinity rules";
export const ErrReasonAntiAffinityRulesNotMatch = "node(s) didn't match pod anti-affinity rules";

export const HardPodAffinityWeight = 1;

/** topologyToMatchedTermCount: "key\0value" -> count. */
type Counts = Map<string, number>;
const pairKey = (k: string, v: string) => `${k}\u0000${v}`;

function bump(m: Counts, k: string, v: string, by: number): void {
  const key = pairKey(k, v);
  const n = (m.get(key) ?? 0) + by;
  if (n === 0) m.delete(key);
  else m.set(key, n);
}

interface PreFilterState {
  existingAntiAffinityCounts: Counts;
  affinityCounts: Counts;
  antiAffinityCounts: Counts;
  podInfo: PodInfo;
  namespaceLabels: Record<string, string> | undefined;
}

/** mergeAffinityTermNamespacesIfNotEmpty: fold the namespaceSelector into the namespace set. */
function mergeNamespaces(terms: AffinityTerm[], namespaces: Array<{ name: string; labels: Record<string, string> }>): AffinityTerm[] {
  return terms.map((t) => {
    if (isEmpty(t.namespaceSelector)) return t; // everything: stays a selector matching every namespace
    const ns = new Set(t.namespaces);
    for (const n of namespaces) if (matches(t.namespaceSelector, n.labels)) ns.add(n.name);
    return { ...t, namespaces: ns, namespaceSelector: nothing() };
  });
}

function nodeLabels(n: NodeLike): Record<string, string> {
  return n.metadata.labels ?? {};
}

/** updateWithAntiAffinityTerms: each matching term counts the existing pod's topology. */
function updateWithAntiAffinityTerms(m: Counts, terms: AffinityTerm[], pod: PodLike, nsLabels: Record<string, string> | undefined, node: NodeLike, by: number): void {
  for (const t of terms) {
    if (!termMatches(t, pod, nsLabels)) continue;
    const v = nodeLabels(node)[t.topologyKey];
    if (v !== undefined) bump(m, t.topologyKey, v, by);
  }
}

/** updateWithAffinityTerms: the existing pod counts only when it matches all the terms. */
function updateWithAffinityTerms(m: Counts, terms: AffinityTerm[], pod: PodLike, node: NodeLike, by: number): void {
  if (!podMatchesAllAffinityTerms(terms, pod)) return;
  for (const t of terms) {
    const v = nodeLabels(node)[t.topologyKey];
    if (v !== undefined) bump(m, t.topologyKey, v, by);
  }
}

export function interPodAffinityPreFilter(ctx: CycleContext): PreFilterState {
  const namespaces = ctx.namespaces();
  const podInfo: PodInfo = {
    ...ctx.podInfo,
    requiredAffinityTerms: mergeNamespaces(ctx.podInfo.requiredAffinityTerms, namespaces),
    requiredAntiAffinityTerms: mergeNamespaces(ctx.podInfo.requiredAntiAffinityTerms, namespaces),
  };
  const nsLabels = ctx.namespaceLabels(ctx.pod.metadata.namespace ?? '');
  const s: PreFilterState = { existingAntiAffinityCounts: new Map(), affinityCounts: new Map(), antiAffinityCounts: new Map(), podInfo, namespaceLabels: nsLabels };
  for (const ni of ctx.allNodes) {
    // getExistingAntiAffinityCounts: existing pods whose required anti-affinity matches the incoming pod.
    for (const existing of ni.podsWithRequiredAntiAffinity) {
      updateWithAntiAffinityTerms(s.existingAntiAffinityCounts, existing.requiredAntiAffinityTerms, ctx.pod, nsLabels, ni.node, 1);
    }
    // getIncomingAffinityAntiAffinityCounts
    if (podInfo.requiredAffinityTerms.length === 0 && podInfo.requiredAntiAffinityTerms.length === 0) continue;
    for (const existing of ni.pods) {
      updateWithAffinityTerms(s.affinityCounts, podInfo.requiredAffinityTerms, existing.pod, ni.node, 1);
      // The incoming pod's terms had their namespaceSelector merged: no namespace labels needed.
      updateWithAntiAffinityTerms(s.antiAffinityCounts, podInfo.requiredAntiAffinityTerms, existing.pod, undefined, ni.node, 1);
    }
  }
  return s;
}

function satisfyExistingPodsAntiAffinity(s: PreFilterState, ni: NodeInfo): boolean {
  if (s.existingAntiAffinityCounts.size === 0) return true;
  for (const [k, v] of Object.entries(nodeLabels(ni.node))) if ((s.existingAntiAffinityCounts.get(pairKey(k, v)) ?? 0) > 0) return false;
  return true;
}

function satisfyPodAntiAffinity(s: PreFilterState, ni: NodeInfo): boolean {
  if (s.antiAffinityCounts.size === 0) return true;
  for (const t of s.podInfo.requiredAntiAffinityTerms) {
    const v = nodeLabels(ni.node)[t.topologyKey];
    if (v !== undefined && (s.antiAffinityCounts.get(pairKey(t.topologyKey, v)) ?? 0) > 0) return false;
  }
  return true;
}

function satisfyPodAffinity(s: PreFilterState, ni: NodeInfo): boolean {
  let podsExist = true;
  for (const t of s.podInfo.requiredAffinityTerms) {
    const v = nodeLabels(ni.node)[t.topologyKey];
    if (v === undefined) return false; // all topology labels must exist on the node
    if ((s.affinityCounts.get(pairKey(t.topologyKey, v)) ?? 0) <= 0) podsExist = false;
  }
  if (!podsExist) {
    // The first pod of a group with affinity to itself may go anywhere its terms' topologies exist.
    return s.affinityCounts.size === 0 && podMatchesAllAffinityTerms(s.podInfo.requiredAffinityTerms, s.podInfo.pod);
  }
  return true;
}

/** Scoring: topology key -> value -> score. */
type TopologyScore = Map<string, Map<string, number>>;

function processTerm(m: TopologyScore, t: AffinityTerm, weight: number, pod: PodLike, nsLabels: Record<string, string> | undefined, node: NodeLike, mult: number): void {
  if (!termMatches(t, pod, nsLabels)) return;
  const v = nodeLabels(node)[t.topologyKey];
  if (v === undefined) return;
  const byValue = m.get(t.topologyKey) ?? m.set(t.topologyKey, new Map()).get(t.topologyKey)!;
  byValue.set(v, (byValue.get(v) ?? 0) + weight * mult);
}

function processTerms(m: TopologyScore, terms: WeightedAffinityTerm[], pod: PodLike, nsLabels: Record<string, string> | undefined, node: NodeLike, mult: number): void {
  for (const t of terms) processTerm(m, t, t.weight, pod, nsLabels, node, mult);
}

export const interPodAffinity: Plugin = {
  name: 'InterPodAffinity',
  preFilter(ctx) {
    if (ctx.podInfo.parseError) return status('UnschedulableAndUnresolvable', ctx.podInfo.parseError);
    ctx.state.set('InterPodAffinity', interPodAffinityPreFilter(ctx));
    return undefined;
  },
  filter(ctx, ni) {
    const s = ctx.state.get('InterPodAffinity') as PreFilterState;
    if (!satisfyPodAffinity(s, ni)) return status('UnschedulableAndUnresolvable', ErrReasonAffinityRulesNotMatch);
    if (!satisfyPodAntiAffinity(s, ni)) return status('Unschedulable', ErrReasonAntiAffinityRulesNotMatch);
    if (!satisfyExistingPodsAntiAffinity(s, ni)) return status('Unschedulable', ErrReasonExistingAntiAffinityRulesNotMatch);
    return undefined;
  },
  preScore(ctx) {
    const pi = ctx.podInfo;
    const hasPreferred = pi.preferredAffinityTerms.length > 0 || pi.preferredAntiAffinityTerms.length > 0;
    const nsLabels = ctx.namespaceLabels(ctx.pod.metadata.namespace ?? '');
    // The incoming pod's preferred terms have their namespaceSelector merged too.
    const namespaces = ctx.namespaces();
    const prefAff = mergeNamespaces(pi.preferredAffinityTerms, namespaces) as WeightedAffinityTerm[];
    const prefAnti = mergeNamespaces(pi.preferredAntiAffinityTerms, namespaces) as WeightedAffinityTerm[];
    const m: TopologyScore = new Map();
    for (const ni of ctx.allNodes) {
      if (Object.keys(nodeLabels(ni.node)).length === 0) continue;
      const pods = hasPreferred ? ni.pods : ni.podsWithAffinity;
      for (const existing of pods) {
        processTerms(m, prefAff, existing.pod, undefined, ni.node, 1);
        processTerms(m, prefAnti, existing.pod, undefined, ni.node, -1);
        for (const t of existing.requiredAffinityTerms) processTerm(m, t, HardPodAffinityWeight, ctx.pod, nsLabels, ni.node, 1);
        processTerms(m, existing.preferredAffinityTerms, ctx.pod, nsLabels, ni.node, 1);
        processTerms(m, existing.preferredAntiAffinityTerms, ctx.pod, nsLabels, ni.node, -1);
      }
    }
    if (m.size === 0) return status('Skip');
    ctx.state.set('InterPodAffinity/score', m);
    return undefined;
  },
  score(ctx, ni) {
    const m = ctx.state.get('InterPodAffinity/score') as TopologyScore | undefined;
    if (!m) return 0;
    let score = 0;
    for (const [k, byValue] of m) {
      const v = nodeLabels(ni.node)[k];
      if (v !== undefined) score += byValue.get(v) ?? 0;
    }
    return score;
  },
  normalizeScore(_ctx, scores) {
    if (scores.length === 0) return;
    const min = Math.min(...scores);
    const max = Math.max(...scores);
    const diff = max - min;
    for (let i = 0; i < scores.length; i++) scores[i] = diff > 0 ? Math.trunc(MaxNodeScore * ((scores[i]! - min) / diff)) : 0;
  },
};
