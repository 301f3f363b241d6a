/**
 * backoffLimitPerIndex as upstream's indexed_job_utils.go and backoff_utils.go (v1.32, feature
 * JobBackoffLimitPerIndex on): per-index failure counts carried by the
 * batch.kubernetes.io/job-index-failure-count (and -ignored-failure-count) annotations, failed
 * indexes (.status.failedIndexes), the failed pod whose finalizer removal waits for its replacement
 * (so the replacement inherits the count), and per-index pod-creation back-off.
 */
import { JobIndexFailureCountAnnotation, type JobT } from '../../api/batch/job.js';
import { OrderedIntervals } from '../../api/batch/indexes.js';
import { DefaultJobPodFailureBackOffMs, getFinishedTime, getRemainingTime, MaxJobPodFailureBackOffMs } from './backoff.js';
import { getCompletionIndex, hasJobTrackingFinalizer, unknownCompletionIndex } from './indexed.js';
import { isPodFailed } from './job-util.js';
import { matchPodFailurePolicy } from './pod-failure-policy.js';
import type { JobPod } from './types.js';

/** batch.JobIndexIgnoredFailureCountAnnotation: failures of the index the pod failure policy ignored. */
export const JobIndexIgnoredFailureCountAnnotation = 'batch.kubernetes.io/job-index-ignored-failure-count';
const MaxInt32 = 2147483647;

/** hasBackoffLimitPerIndex (the feature gate is on in v1.32). */
export const hasBackoffLimitPerIndex = (job: JobT): boolean => job.spec?.backoffLimitPerIndex != null;

/** parseInt32: strconv.Atoi, then 0 for negative or out-of-int32 values (and for garbage). */
export function parseInt32(v: string): number {
  if (!/^[+-]?\d+$/.test(v)) return 0;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0 || n > MaxInt32) return 0;
  return n;
}

function annotationCount(pod: JobPod, key: string): number {
  const v = pod.metadata.annotations?.[key];
  return v === undefined ? 0 : parseInt32(v);
}

/** getIndexFailureCount: the pod's job-index-failure-count annotation (0 when absent or invalid). */
export const getIndexFailureCount = (pod: JobPod): number => annotationCount(pod, JobIndexFailureCountAnnotation);

/** getIndexAbsoluteFailureCount: counted plus ignored failures of the index before this pod. */
export const getIndexAbsoluteFailureCount = (pod: JobPod): number =>
  annotationCount(pod, JobIndexFailureCountAnnotation) + annotationCount(pod, JobIndexIgnoredFailureCountAnnotation);

/** isIndexFailed: a FailIndex rule matched, or a counted failure with the index's failures at the limit. */
export function isIndexFailed(job: JobT, pod: JobPod): boolean {
  let counted = false;
  if (isPodFailed(pod, job)) {
    if (job.spec?.podFailurePolicy) {
      const m = matchPodFailurePolicy(job.spec.podFailurePolicy, pod);
      if (m.action === 'FailIndex') return true;
      counted = m.countFailed;
    } else counted = true;
  }
  return counted && getIndexFailureCount(pod) >= (job.spec?.backoffLimitPerIndex ?? 0);
}

/** calculateFailedIndexes: .status.failedIndexes plus indexes of failed pods still holding the finalizer. */
export function calculateFailedIndexes(job: JobT, pods: JobPod[]): OrderedIntervals {
  const completions = job.spec?.completions ?? 0;
  const prev = job.status?.failedIndexes != null ? OrderedIntervals.parse(job.status.failedIndexes, completions) : new OrderedIntervals();
  const found = new Set<number>();
  for (const p of pods) {
    const ix = getCompletionIndex(p.metadata.annotations);
    if (ix !== unknownCompletionIndex && ix < completions && hasJobTrackingFinalizer(p) && isIndexFailed(job, p)) found.add(ix);
  }
  return prev.withOrderedIndexes([...found].sort((a, b) => a - b));
}

/** What getPodsWithDelayedDeletionPerIndex reads from the sync context. */
export interface DelayedDeletionCtx {
  job: JobT;
  pods: JobPod[];
  activePods: JobPod[];
  succeededIndexes: OrderedIntervals;
  failedIndexes?: OrderedIntervals;
  expectedRmFinalizers: Set<string>;
}

/**
 * getPodsWithDelayedDeletionPerIndex: per pending index (not succeeded, failed or active), the last
 * failed pod (highest absolute failure count, latest finish) still holding the finalizer; its
 * finalizer stays until the replacement pod, which copies its failure count, exists.
 */
export function getPodsWithDelayedDeletionPerIndex(jc: DelayedDeletionCtx): Map<number, JobPod> {
  const completions = jc.job.spec?.completions ?? 0;
  const activeIndexes = new Set(jc.activePods.map((p) => getCompletionIndex(p.metadata.annotations)).filter((i) => i !== unknownCompletionIndex));
  const out = new Map<number, JobPod>();
  for (const p of jc.pods) {
    // getValidPodsWithFilter with no uncounted set.
    if (!hasJobTrackingFinalizer(p) || jc.expectedRmFinalizers.has(p.metadata.uid ?? '')) continue;
    const ix = getCompletionIndex(p.metadata.annotations);
    if (ix === unknownCompletionIndex || ix >= completions) continue;
    if (!isPodFailed(p, jc.job)) continue;
    if (jc.succeededIndexes.has(ix) || jc.failedIndexes?.has(ix) || activeIndexes.has(ix)) continue;
    const last = out.get(ix);
    if (!last) out.set(ix, p);
    else if (getIndexAbsoluteFailureCount(last) <= getIndexAbsoluteFailureCount(p) && !(getFinishedTime(p) < getFinishedTime(last))) out.set(ix, p);
  }
  return out;
}

/** getNewIndexFailureCounts: [failure count, ignored failure count] for the pod replacing this one. */
export function getNewIndexFailureCounts(job: JobT, podBeingReplaced: JobPod | undefined): [number, number] {
  if (!podBeingReplaced) return [0, 0];
  let failures = annotationCount(podBeingReplaced, JobIndexFailureCountAnnotation);
  let ignored = annotationCount(podBeingReplaced, JobIndexIgnoredFailureCountAnnotation);
  if (job.spec?.podFailurePolicy && !matchPodFailurePolicy(job.spec.podFailurePolicy, podBeingReplaced).countFailed) ignored++;
  else failures++;
  return [failures, ignored];
}

/** addIndexFailureCountAnnotation: the counts on a new pod's template (the ignored count only when > 0). */
export function addIndexFailureCountAnnotation(template: { metadata?: { annotations?: Record<string, string> } }, job: JobT, podBeingReplaced: JobPod | undefined): void {
  const [failures, ignored] = getNewIndexFailureCounts(job, podBeingReplaced);
  const m = (template.metadata ??= {});
  m.annotations = { ...(m.annotations ?? {}), [JobIndexFailureCountAnnotation]: String(failures) };
  if (ignored > 0) m.annotations[JobIndexIgnoredFailureCountAnnotation] = String(ignored);
}

/** getRemainingTimePerIndex: back-off left for the index of this last failed pod (ms). */
export function getRemainingTimePerIndex(
  now: number,
  lastFailedPod: JobPod | undefined,
  defaultBackoff = DefaultJobPodFailureBackOffMs,
  maxBackoff = MaxJobPodFailureBackOffMs,
): number {
  if (!lastFailedPod) return 0;
  return getRemainingTime(now, getIndexAbsoluteFailureCount(lastFailedPod) + 1, getFinishedTime(lastFailedPod), defaultBackoff, maxBackoff);
}

/**
 * getPodCreationInfoForIndependentIndexes: the indexes whose back-off has passed; when none has,
 * the shortest remaining back-off.
 */
export function getPodCreationInfoForIndependentIndexes(now: number, indexesToAdd: number[], delayed: Map<number, JobPod> | undefined): { indexes: number[]; remaining: number } {
  const indexes: number[] = [];
  let min: number | undefined;
  for (const ix of indexesToAdd) {
    const r = getRemainingTimePerIndex(now, delayed?.get(ix));
    if (r === 0) indexes.push(ix);
    else if (min === undefined || r < min) min = r;
  }
  return indexes.length > 0 ? { indexes, remaining: 0 } : { indexes, remaining: min ?? 0 };
}
