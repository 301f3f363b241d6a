/**
 * Small Job helpers from upstream (pkg/controller/job/util, job_controller.go): finished checks,
 * conditions (newCondition, ensureJobConditionStatus), failed/terminating pod predicates.
 */
import type { JobConditionT, JobT } from '../../api/batch/job.js';
import { rfc3339 } from '../../util/clock.js';
import type { JobPod } from './types.js';

export const isIndexedJob = (job: JobT) => job.spec?.completionMode === 'Indexed';
export const jobSuspended = (job: JobT) => job.spec?.suspend === true;

/** IsJobFinished: a Complete or Failed condition with status True. */
export function isJobFinished(job: JobT): boolean {
  return (job.status?.conditions ?? []).some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
}

/** FinishTime of a finished job: the Complete/Failed condition's lastTransitionTime. */
export function jobFinishTime(job: JobT): string | undefined {
  for (const c of job.status?.conditions ?? [])
    if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.lastTransitionTime ?? undefined;
  return undefined;
}

export function newCondition(type: string, status: string, reason: string, message: string, now: number): JobConditionT {
  const t = rfc3339(now);
  const c: JobConditionT = { type, status, lastProbeTime: t, lastTransitionTime: t };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
}

export function findConditionByType(list: JobConditionT[] | undefined, type: string): JobConditionT | undefined {
  return (list ?? []).find((c) => c.type === type);
}

/** ensureJobConditionStatus: update or append (never appends a False condition); returns [list, changed]. */
export function ensureJobConditionStatus(
  list: JobConditionT[] | undefined,
  type: string,
  status: string,
  reason: string,
  message: string,
  now: number,
): [JobConditionT[], boolean] {
  const out = [...(list ?? [])];
  const i = out.findIndex((c) => c.type === type);
  if (i >= 0) {
    const c = out[i]!;
    if (c.status !== status || (c.reason ?? '') !== reason || (c.message ?? '') !== message) {
      out[i] = newCondition(type, status, reason, message, now);
      return [out, true];
    }
    return [out, false];
  }
  if (status !== 'False') return [[...out, newCondition(type, status, reason, message, now)], true];
  return [out, false];
}

/** onlyReplaceFailedPods: podReplacementPolicy Failed (or a pod failure policy). */
export const onlyReplaceFailedPods = (job: JobT) => job.spec?.podReplacementPolicy === 'Failed' || job.spec?.podFailurePolicy != null;

/** isPodFailed: Failed, or (unless only failed pods are replaced) being deleted without having succeeded. */
export function isPodFailed(p: JobPod, job: JobT): boolean {
  if (p.status?.phase === 'Failed') return true;
  if (onlyReplaceFailedPods(job)) return false;
  return !!p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded';
}

/** controller.IsPodTerminating / CountTerminatingPods. */
export const isPodTerminating = (p: JobPod) => !!p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';

/** pastBackoffLimitOnFailure: restarts of running/pending pods reach backoffLimit (restartPolicy OnFailure only). */
export function pastBackoffLimitOnFailure(job: JobT, pods: JobPod[]): boolean {
  if (job.spec?.template?.spec?.restartPolicy !== 'OnFailure') return false;
  let result = 0;
  for (const p of pods) {
    if (p.status?.phase !== 'Running' && p.status?.phase !== 'Pending') continue;
    for (const s of p.status?.initContainerStatuses ?? []) result += s.restartCount ?? 0;
    for (const s of p.status?.containerStatuses ?? []) result += s.restartCount ?? 0;
  }
  const limit = job.spec?.backoffLimit ?? 6;
  return limit === 0 ? result > 0 : result >= limit;
}
