/**
 * Which pods to delete first when scaling down, as upstream's controller.ActivePodsWithRanks (with
 * PodDeletionCost on and LogarithmicScaleDown GA, as in v1.32) and replicaset's getPodsToDelete /
 * getPodsRankedByRelatedPodsOnSameNode.
 */
import { parseTime } from '../../util/clock.js';
import { getPodReadyCondition, isPodActive, isPodReady, type PodLike } from './pod-util.js';

/** The annotation that orders pods within the same phase/readiness (lower is deleted first). */
export const PodDeletionCost = 'controller.kubernetes.io/pod-deletion-cost';

const podPhaseToOrdinal: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
const phaseOrdinal = (p: PodLike): number => podPhaseToOrdinal[p.status?.phase ?? ''] ?? 0;

/**
 * GetDeletionCostFromPodAnnotations: the int32 in the annotation, 0 when absent or invalid
 * ("+10", "008", out of int32 range and non-numbers are invalid).
 */
export function getDeletionCostFromPodAnnotations(annotations: Record<string, string> | undefined | null): number {
  const value = annotations?.[PodDeletionCost];
  if (value === undefined) return 0;
  // validFirstDigit, then strconv.ParseInt(value, 10, 32)
  if (!(value === '0' || /^[1-9][0-9]*$/.test(value) || /^-[0-9]+$/.test(value))) return 0;
  const n = Number(value);
  if (n > 2147483647 || n < -2147483648) return 0;
  return n === 0 ? 0 : n;
}

/** The Ready condition's lastTransitionTime in ms when ready, else undefined (Go's zero time). */
function podReadyTime(pod: PodLike): number | undefined {
  if (!isPodReady(pod)) return undefined;
  return parseTime(getPodReadyCondition(pod)?.lastTransitionTime);
}

function maxContainerRestarts(pod: PodLike): number {
  let max = 0;
  for (const c of pod.status?.containerStatuses ?? []) max = Math.max(max, c.restartCount ?? 0);
  return max;
}

/** afterOrZero: a zero time sorts first; otherwise the later time does. */
function afterOrZero(t1: number | undefined, t2: number | undefined): boolean {
  if (t1 === undefined || t2 === undefined) return t1 === undefined;
  return t1 > t2;
}

/** logarithmicRankDiff: floor(log2) of the ages in nanoseconds, compared (as Go's time.Duration). */
export function logarithmicRankDiff(t1: number, t2: number, now: number): number {
  const d1 = (now - t1) * 1e6;
  const d2 = (now - t2) * 1e6;
  const r1 = d1 > 0 ? Math.floor(Math.log2(d1)) : -1;
  const r2 = d2 > 0 ? Math.floor(Math.log2(d2)) : -1;
  return r1 - r2;
}

function compareTimes(a: PodLike, b: PodLike, t1: number | undefined, t2: number | undefined, now: number | undefined): boolean {
  if (now === undefined || t1 === undefined || t2 === undefined) return afterOrZero(t1, t2);
  const rankDiff = logarithmicRankDiff(t1, t2, now);
  if (rankDiff === 0) return (a.metadata.uid ?? '') < (b.metadata.uid ?? '');
  return rankDiff < 0;
}

/**
 * ActivePodsWithRanks.Less: true if pod a (with rank ra) should be deleted before pod b (rank rb).
 * 1. unassigned < assigned; 2. Pending < Unknown < Running; 3. not ready < ready; 4. lower
 * pod-deletion-cost first; 5. higher rank (more related pods on the node) first; 6. ready for less
 * time first; 7. more container restarts first; 8. newer first. Times in 6 and 8 compare on a log2
 * scale of their age, ties broken by UID. `now` undefined compares times without scaling.
 */
export function lessPod(a: PodLike, ra: number, b: PodLike, rb: number, now: number | undefined): boolean {
  const na = a.spec?.nodeName ?? '';
  const nb = b.spec?.nodeName ?? '';
  if (na !== nb && (na === '' || nb === '')) return na === '';
  if (phaseOrdinal(a) !== phaseOrdinal(b)) return phaseOrdinal(a) < phaseOrdinal(b);
  if (isPodReady(a) !== isPodReady(b)) return !isPodReady(a);
  const ca = getDeletionCostFromPodAnnotations(a.metadata.annotations);
  const cb = getDeletionCostFromPodAnnotations(b.metadata.annotations);
  if (ca !== cb) return ca < cb;
  if (ra !== rb) return ra > rb;
  if (isPodReady(a) && isPodReady(b)) {
    const t1 = podReadyTime(a);
    const t2 = podReadyTime(b);
    if (t1 !== t2) return compareTimes(a, b, t1, t2, now);
  }
  if (maxContainerRestarts(a) !== maxContainerRestarts(b)) return maxContainerRestarts(a) > maxContainerRestarts(b);
  const c1 = parseTime(a.metadata.creationTimestamp);
  const c2 = parseTime(b.metadata.creationTimestamp);
  if (c1 !== c2) return compareTimes(a, b, c1, c2, now);
  return false;
}

/** Sort pods (with parallel ranks) so the ones to delete first come first; returns a new array. */
export function sortActivePodsWithRanks<T extends PodLike>(pods: T[], ranks: number[], now: number | undefined): T[] {
  const items = pods.map((pod, i) => ({ pod, rank: ranks[i] ?? 0 }));
  items.sort((x, y) => (lessPod(x.pod, x.rank, y.pod, y.rank, now) ? -1 : lessPod(y.pod, y.rank, x.pod, x.rank, now) ? 1 : 0));
  return items.map((x) => x.pod);
}

/**
 * getPodsRankedByRelatedPodsOnSameNode: each pod's rank is the number of active related pods on its
 * node (relatedPods is generally a superset of podsToRank).
 */
export function rankByRelatedPodsOnSameNode(podsToRank: PodLike[], relatedPods: PodLike[]): number[] {
  const onNode = new Map<string, number>();
  for (const p of relatedPods) if (isPodActive(p)) onNode.set(p.spec?.nodeName ?? '', (onNode.get(p.spec?.nodeName ?? '') ?? 0) + 1);
  return podsToRank.map((p) => onNode.get(p.spec?.nodeName ?? '') ?? 0);
}

/** getPodsToDelete: the first `diff` pods in deletion order (no sorting when all go). */
export function getPodsToDelete<T extends PodLike>(filteredPods: T[], relatedPods: PodLike[], diff: number, now: number): T[] {
  if (diff < filteredPods.length) {
    const ranks = rankByRelatedPodsOnSameNode(filteredPods, relatedPods);
    return sortActivePodsWithRanks(filteredPods, ranks, now).slice(0, diff);
  }
  return filteredPods.slice(0, diff);
}
