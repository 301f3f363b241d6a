/** trackJobStatusAndRemoveFinalizers as upstream: uncountedTerminatedPods, finalizer removal, counts, and the terminal condition. */
import { JobTrackingFinalizer, type JobConditionT, type JobT } from '../../api/batch/job.js';
import { isApiError } from '../../api/errors.js';
import { rfc3339 } from '../../util/clock.js';
import { getCompletionIndex, hasJobTrackingFinalizer, unknownCompletionIndex } from './indexed.js';
import { ensureJobConditionStatus, findConditionByType, isIndexedJob, isPodFailed, newCondition } from './job-util.js';
import { matchPodFailurePolicy } from './pod-failure-policy.js';
import { removeTrackingFinalizerPatch } from './pod-control.js';
import type { JobPod } from './types.js';
import { hasBackoffLimitPerIndex } from './backoff-limit-per-index.js';
import { hasSuccessCriteriaMetCondition, isSuccessCriteriaMetCondition } from './success-policy.js';
import { errText, MaxUncountedPods, type JobCtx, type SyncDeps } from './sync-job.js';

export function trackJobStatusAndRemoveFinalizers(d: SyncDeps, key: string, jc: JobCtx, needsFlush: boolean): void {
  const job = jc.job;
  const status = job.status!;
  const indexed = isIndexedJob(job);
  const completions = job.spec?.completions ?? 0;
  const uncounted = status.uncountedTerminatedPods!;
  uncounted.succeeded = [...(uncounted.succeeded ?? [])];
  uncounted.failed = [...(uncounted.failed ?? [])];
  const pods = indexed ? [...jc.pods].sort((a, b) => getCompletionIndex(a.metadata.annotations) - getCompletionIndex(b.metadata.annotations)) : jc.pods;
  const uidsWithFinalizer = new Set<string>();
  for (const p of pods) if (hasJobTrackingFinalizer(p) && !jc.expectedRmFinalizers.has(p.metadata.uid ?? '')) uidsWithFinalizer.add(p.metadata.uid ?? '');
  if (cleanUncountedPodsWithoutFinalizers(status, uidsWithFinalizer)) needsFlush = true;
  const podsToRemoveFinalizer: JobPod[] = [];
  const newSucceededIndexes: number[] = [];
  let reachedMax = false;
  for (const pod of pods) {
    const uid = pod.metadata.uid ?? '';
    if (!hasJobTrackingFinalizer(pod) || jc.expectedRmFinalizers.has(uid)) continue;
    const considerFailed = isPodFailed(pod, job);
    if (!canRemoveFinalizer(jc, pod, considerFailed)) continue;
    podsToRemoveFinalizer.push(pod);
    if (pod.status?.phase === 'Succeeded' && !jc.uncountedFailed.has(uid)) {
      if (indexed) {
        const ix = getCompletionIndex(pod.metadata.annotations);
        if (ix !== unknownCompletionIndex && ix < completions && !jc.prevSucceededIndexes.has(ix)) {
          newSucceededIndexes.push(ix);
          needsFlush = true;
        }
      } else if (!jc.uncountedSucceeded.has(uid)) {
        needsFlush = true;
        uncounted.succeeded.push(uid);
      }
    } else if (considerFailed || (jc.finishedCondition && !isSuccessCriteriaMetCondition(jc.finishedCondition))) {
      const ix = getCompletionIndex(pod.metadata.annotations);
      if (!jc.uncountedFailed.has(uid) && (!indexed || (ix !== unknownCompletionIndex && ix < completions))) {
        if (!job.spec?.podFailurePolicy || matchPodFailurePolicy(job.spec.podFailurePolicy, pod).countFailed) {
          needsFlush = true;
          uncounted.failed.push(uid);
        }
      }
    }
    if (newSucceededIndexes.length + uncounted.succeeded.length + uncounted.failed.length >= MaxUncountedPods) {
      reachedMax = true;
      break;
    }
  }
  if (indexed) {
    jc.succeededIndexes = jc.succeededIndexes.withOrderedIndexes(newSucceededIndexes.sort((a, b) => a - b));
    const s = jc.succeededIndexes.toString();
    if (s !== (status.completedIndexes ?? '')) needsFlush = true;
    status.succeeded = jc.succeededIndexes.total();
    status.completedIndexes = s;
    const failedIndexes = jc.failedIndexes?.toString();
    if ((status.failedIndexes ?? undefined) !== failedIndexes) {
      if (failedIndexes === undefined) delete status.failedIndexes;
      else status.failedIndexes = failedIndexes;
      needsFlush = true;
    }
  }
  const now = d.ctx.clock.now();
  if (jc.finishedCondition?.type === 'FailureTarget') {
    status.conditions = [...(status.conditions ?? []), jc.finishedCondition];
    needsFlush = true;
    jc.finishedCondition = newCondition('Failed', 'True', jc.finishedCondition.reason ?? '', jc.finishedCondition.message ?? '', now);
  }
  if (isSuccessCriteriaMetCondition(jc.finishedCondition)) {
    if (!hasSuccessCriteriaMetCondition(job)) {
      status.conditions = [...(status.conditions ?? []), jc.finishedCondition];
      needsFlush = true;
    }
    jc.finishedCondition = newCondition('Complete', 'True', jc.finishedCondition.reason ?? '', jc.finishedCondition.message ?? '', now);
  }
  let cur = job;
  // flushUncountedAndRemoveFinalizers
  if (needsFlush) {
    cur = updateStatus(d, cur);
    d.backoffStore.updateBackoffRecord(jc.newBackoffRecord);
    needsFlush = false;
  }
  let rmErr: Error | undefined;
  if (podsToRemoveFinalizer.length) {
    d.finalizerExpectations.expectFinalizersRemoved(key, podsToRemoveFinalizer.map((p) => p.metadata.uid ?? ''));
    for (const pod of podsToRemoveFinalizer) {
      try {
        d.podControl.patchPod(pod.metadata.namespace ?? '', pod.metadata.name!, removeTrackingFinalizerPatch(JobTrackingFinalizer));
        uidsWithFinalizer.delete(pod.metadata.uid ?? '');
      } catch (e) {
        d.finalizerExpectations.finalizerRemovalObserved(key, pod.metadata.uid ?? '');
        if (isApiError(e, 'NotFound')) uidsWithFinalizer.delete(pod.metadata.uid ?? '');
        else rmErr ??= errText(e);
      }
    }
  }
  cur.status ??= {};
  if (cleanUncountedPodsWithoutFinalizers(cur.status, uidsWithFinalizer)) needsFlush = true;
  if (rmErr) {
    if (needsFlush) updateStatus(d, cur);
    throw rmErr;
  }
  const jobFinished = !reachedMax && enactJobFinished(cur, jc, now);
  if (jobFinished) needsFlush = true;
  if (needsFlush) {
    cur = updateStatus(d, cur);
    if (jobFinished) recordJobFinished(d, cur, jc.finishedCondition!);
  }
}

/**
 * canRemoveFinalizer: the job is being deleted or finishing, the pod succeeded, or it failed (unless,
 * with backoffLimitPerIndex, it is the failed pod of its index kept until the replacement exists).
 */
function canRemoveFinalizer(jc: JobCtx, pod: JobPod, considerFailed: boolean): boolean {
  if (jc.job.metadata.deletionTimestamp || jc.finishedCondition || pod.status?.phase === 'Succeeded') return true;
  if (!considerFailed) return false;
  if (hasBackoffLimitPerIndex(jc.job)) {
    const ix = getCompletionIndex(pod.metadata.annotations);
    if (ix !== unknownCompletionIndex && jc.podsWithDelayedDeletionPerIndex?.get(ix)?.metadata.uid === pod.metadata.uid) return false;
  }
  return true;
}

export function updateStatus(d: SyncDeps, job: JobT): JobT {
  const st = job.status ?? {};
  const u = st.uncountedTerminatedPods;
  if (u) {
    if (!u.succeeded?.length) delete u.succeeded;
    if (!u.failed?.length) delete u.failed;
  }
  return d.ctx.client.resource('batch', 'jobs').updateStatus(job.metadata.namespace ?? '', job as never) as unknown as JobT;
}

function cleanUncountedPodsWithoutFinalizers(status: NonNullable<JobT['status']>, withFinalizer: Set<string>): boolean {
  let updated = false;
  const u = (status.uncountedTerminatedPods ??= {});
  const s = (u.succeeded ?? []).filter((x) => withFinalizer.has(x));
  if (s.length !== (u.succeeded ?? []).length) {
    updated = true;
    status.succeeded = (status.succeeded ?? 0) + (u.succeeded ?? []).length - s.length;
    u.succeeded = s;
  }
  const f = (u.failed ?? []).filter((x) => withFinalizer.has(x));
  if (f.length !== (u.failed ?? []).length) {
    updated = true;
    status.failed = (status.failed ?? 0) + (u.failed ?? []).length - f.length;
    u.failed = f;
  }
  return updated;
}

function enactJobFinished(job: JobT, jc: JobCtx, now: number): boolean {
  const fc = jc.finishedCondition;
  if (!fc) return false;
  const u = job.status?.uncountedTerminatedPods;
  if ((u?.succeeded?.length ?? 0) + (u?.failed?.length ?? 0) > 0) return false;
  if (jc.terminating > 0) return false;
  const status = job.status!;
  [status.conditions] = ensureJobConditionStatus(status.conditions, fc.type, fc.status, fc.reason ?? '', fc.message ?? '', now);
  if (fc.type === 'Complete') status.completionTime = findConditionByType(status.conditions, 'Complete')?.lastTransitionTime ?? rfc3339(now);
  return true;
}

function recordJobFinished(d: SyncDeps, job: JobT, fc: JobConditionT): void {
  const recorder = d.ctx.recorder('job-controller');
  if (fc.type === 'Complete') {
    if (job.spec?.completions != null && (job.status?.succeeded ?? 0) > job.spec.completions)
      recorder.event(job, 'Warning', 'TooManySucceededPods', 'Too many succeeded pods running after completion count reached');
    recorder.event(job, 'Normal', 'Completed', 'Job completed');
  } else recorder.event(job, 'Warning', fc.reason ?? '', fc.message ?? '');
}

