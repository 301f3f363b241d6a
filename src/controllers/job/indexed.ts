/**
 * Indexed Job helpers as upstream's indexed_job_utils.go: completion index of a pod, succeeded
 * indexes, the first pending indexes, duplicated-index pods to remove, the JOB_COMPLETION_INDEX env
 * var, and `<job>-<index>-` generateName prefixes.
 */
import { JobCompletionIndexAnnotation, JobCompletionIndexEnvName, JobTrackingFinalizer, type JobT } from '../../api/batch/job.js';
import { OrderedIntervals } from '../../api/batch/indexes.js';
import { sortActivePods } from './pod-order.js';
import type { JobPod } from './types.js';

export const unknownCompletionIndex = -1;
/** names.MaxGeneratedNameLength: 63 minus the 5 random characters. */
export const MaxGeneratedNameLength = 58;

export function getCompletionIndex(annotations: Record<string, string> | undefined | null): number {
  const v = annotations?.[JobCompletionIndexAnnotation];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return unknownCompletionIndex;
  const i = Number(v);
  return i < 0 || !Number.isSafeInteger(i) ? unknownCompletionIndex : i;
}

export const hasJobTrackingFinalizer = (p: JobPod) => (p.metadata.finalizers ?? []).includes(JobTrackingFinalizer);

/** calculateSucceededIndexes: [previous from status, previous plus succeeded pods still holding the finalizer]. */
export function calculateSucceededIndexes(job: JobT, pods: JobPod[]): [OrderedIntervals, OrderedIntervals] {
  const completions = job.spec?.completions ?? 0;
  const prev = OrderedIntervals.parse(job.status?.completedIndexes, completions);
  const found = new Set<number>();
  for (const p of pods) {
    const ix = getCompletionIndex(p.metadata.annotations);
    if (p.status?.phase === 'Succeeded' && ix !== unknownCompletionIndex && ix < completions && hasJobTrackingFinalizer(p)) found.add(ix);
  }
  return [prev, prev.withOrderedIndexes([...found].sort((a, b) => a - b))];
}

const indexesOf = (pods: JobPod[]) =>
  [...new Set(pods.map((p) => getCompletionIndex(p.metadata.annotations)).filter((i) => i !== unknownCompletionIndex))].sort((a, b) => a - b);

/**
 * firstPendingIndexes: up to count indexes, lowest first, neither succeeded, active nor failed (nor
 * terminating when only failed pods are replaced).
 */
export function firstPendingIndexes(
  activePods: JobPod[],
  succeededIndexes: OrderedIntervals,
  count: number,
  completions: number,
  terminatingPods?: JobPod[],
  failedIndexes?: OrderedIntervals,
): number[] {
  if (count === 0) return [];
  const result: number[] = [];
  let nonPending = succeededIndexes.withOrderedIndexes(indexesOf(activePods));
  if (terminatingPods) nonPending = nonPending.withOrderedIndexes(indexesOf(terminatingPods));
  if (failedIndexes) nonPending = nonPending.merge(failedIndexes);
  let candidate = 0;
  for (const iv of nonPending.intervals) {
    for (; candidate < completions && result.length < count && candidate < iv.first; candidate++) result.push(candidate);
    if (candidate < iv.last + 1) candidate = iv.last + 1;
  }
  for (; candidate < completions && result.length < count; candidate++) result.push(candidate);
  return result;
}

const byCompletionIndex = (a: JobPod, b: JobPod) => getCompletionIndex(a.metadata.annotations) - getCompletionIndex(b.metadata.annotations);

function appendSameIndex(rm: JobPod[], left: JobPod[], pods: JobPod[], ix: number, now: number): void {
  if (ix === unknownCompletionIndex) {
    rm.push(...pods);
    return;
  }
  if (pods.length === 1) {
    left.push(pods[0]!);
    return;
  }
  const sorted = sortActivePods(pods, now);
  rm.push(...sorted.slice(0, -1));
  left.push(sorted[sorted.length - 1]!);
}

/** appendDuplicatedIndexPodsForRemoval: pods without an index, out of range, or repeating an index (all but the best). */
export function appendDuplicatedIndexPodsForRemoval(pods: JobPod[], completions: number, now: number): { rm: JobPod[]; left: JobPod[] } {
  const rm: JobPod[] = [];
  const left: JobPod[] = [];
  const sorted = [...pods].sort(byCompletionIndex);
  let lastIndex = unknownCompletionIndex;
  let firstRepeatPos = 0;
  let countLooped = 0;
  for (let i = 0; i < sorted.length; i++) {
    const ix = getCompletionIndex(sorted[i]!.metadata.annotations);
    if (ix >= completions) {
      rm.push(...sorted.slice(i));
      break;
    }
    if (ix !== lastIndex) {
      appendSameIndex(rm, left, sorted.slice(firstRepeatPos, i), lastIndex, now);
      firstRepeatPos = i;
      lastIndex = ix;
    }
    countLooped++;
  }
  appendSameIndex(rm, left, sorted.slice(firstRepeatPos, countLooped), lastIndex, now);
  return { rm, left };
}

type Container = { name: string; env?: Array<Record<string, unknown> & { name: string }> };

/** addCompletionIndexEnvVariables: JOB_COMPLETION_INDEX from the annotation, in every (init) container lacking it. */
export function addCompletionIndexEnvVariables(spec: { containers?: Container[]; initContainers?: Container[] } | undefined): void {
  for (const c of [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])]) {
    if ((c.env ?? []).some((e) => e.name === JobCompletionIndexEnvName)) continue;
    (c.env ??= []).push({
      name: JobCompletionIndexEnvName,
      valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${JobCompletionIndexAnnotation}']` } },
    });
  }
}

/** podGenerateNameWithIndex: `<job>-<index>-`, the job name cut so the prefix fits. */
export function podGenerateNameWithIndex(jobName: string, index: number): string {
  const appendIndex = `-${index}-`;
  let prefix = jobName + appendIndex;
  if (prefix.length > MaxGeneratedNameLength) prefix = prefix.slice(0, MaxGeneratedNameLength - appendIndex.length) + appendIndex;
  return prefix;
}
