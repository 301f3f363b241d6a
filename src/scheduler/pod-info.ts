/**
 * framework.PodInfo: a pod with its parsed pod (anti-)affinity terms (AffinityTerm,
 * WeightedAffinityTerm), as pkg/scheduler/framework/types.go builds them.
 */
import { labelSelectorAsSelector } from '../api/selectors/label-selector.js';
import { type LabelSelectorExpr, matches } from '../api/selectors/labels.js';
import type { PodAffinityTermLike, PodLike, WeightedPodAffinityTermLike } from './types.js';

export interface AffinityTerm {
  namespaces: Set<string>;
  selector: LabelSelectorExpr;
  topologyKey: string;
  namespaceSelector: LabelSelectorExpr;
}

export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number;
}

export interface PodInfo {
  pod: PodLike;
  requiredAffinityTerms: AffinityTerm[];
  requiredAntiAffinityTerms: AffinityTerm[];
  preferredAffinityTerms: WeightedAffinityTerm[];
  preferredAntiAffinityTerms: WeightedAffinityTerm[];
  /** Set when a term's selector does not parse (upstream fails PreFilter with it). */
  parseError?: string;
}

/** newAffinityTerm: no namespaces and no namespaceSelector means the pod's own namespace. */
export function newAffinityTerm(pod: PodLike, term: PodAffinityTermLike): AffinityTerm {
  const ns = new Set<string>(term.namespaces ?? []);
  if ((term.namespaces ?? []).length === 0 && (term.namespaceSelector === undefined || term.namespaceSelector === null)) ns.add(pod.metadata.namespace ?? '');
  return {
    namespaces: ns,
    selector: labelSelectorAsSelector(term.labelSelector),
    topologyKey: term.topologyKey,
    namespaceSelector: labelSelectorAsSelector(term.namespaceSelector),
  };
}

/** AffinityTerm.Matches: the pod is in one of the term's namespaces and its labels match. */
export function termMatches(t: AffinityTerm, pod: PodLike, nsLabels: Record<string, string> | undefined): boolean {
  if (t.namespaces.has(pod.metadata.namespace ?? '') || matches(t.namespaceSelector, nsLabels ?? {})) {
    return matches(t.selector, pod.metadata.labels ?? {});
  }
  return false;
}

export function newPodInfo(pod: PodLike): PodInfo {
  const pa = pod.spec?.affinity?.podAffinity;
  const paa = pod.spec?.affinity?.podAntiAffinity;
  const info: PodInfo = { pod, requiredAffinityTerms: [], requiredAntiAffinityTerms: [], preferredAffinityTerms: [], preferredAntiAffinityTerms: [] };
  const req = (terms: PodAffinityTermLike[] | undefined) => (terms ?? []).map((t) => newAffinityTerm(pod, t));
  const weighted = (terms: WeightedPodAffinityTermLike[] | undefined) =>
    (terms ?? []).filter((t) => t.weight !== 0).map((t) => ({ ...newAffinityTerm(pod, t.podAffinityTerm), weight: t.weight }));
  try {
    info.requiredAffinityTerms = req(pa?.requiredDuringSchedulingIgnoredDuringExecution);
    info.requiredAntiAffinityTerms = req(paa?.requiredDuringSchedulingIgnoredDuringExecution);
    info.preferredAffinityTerms = weighted(pa?.preferredDuringSchedulingIgnoredDuringExecution);
    info.preferredAntiAffinityTerms = weighted(paa?.preferredDuringSchedulingIgnoredDuringExecution);
  } catch (e) {
    info.parseError = (e as Error).message;
  }
  return info;
}

/** podMatchesAllAffinityTerms: true only for a non-empty list of terms all matching the pod. */
export function podMatchesAllAffinityTerms(terms: AffinityTerm[], pod: PodLike): boolean {
  if (terms.length === 0) return false;
  // The incoming pod's namespaceSelector was merged into its namespaces: no labels are passed.
  return terms.every((t) => termMatches(t, pod, undefined));
}
