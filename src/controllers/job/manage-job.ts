/** manageJob as upstream: suspend, too many active pods, too few (with backoff, slow start and Indexed indexes). */
import { JobTrackingFinalizer, type JobT } from '../../api/batch/job.js';
import { isApiError } from '../../api/errors.js';
import { newControllerRef, type PodTemplate } from '../replicaset/pod-control.js';
import { isPodReady } from '../replicaset/pod-util.js';
import { getRemainingTime } from './backoff.js';
import { addIndexFailureCountAnnotation, getPodCreationInfoForIndependentIndexes, hasBackoffLimitPerIndex } from './backoff-limit-per-index.js';
import { addCompletionIndexEnvVariables, appendDuplicatedIndexPodsForRemoval, firstPendingIndexes, hasJobTrackingFinalizer, podGenerateNameWithIndex, unknownCompletionIndex } from './indexed.js';
import { isIndexedJob, isPodTerminating, jobSuspended, onlyReplaceFailedPods } from './job-util.js';
import { removeTrackingFinalizerPatch } from './pod-control.js';
import { sortActivePods } from './pod-order.js';
import type { JobPod } from './types.js';
import { errText, MaxPodCreateDeletePerSync, type JobCtx, type SyncDeps } from './sync-job.js';

export function deleteActivePods(d: SyncDeps, job: JobT, pods: JobPod[]): { deletedReady: number; deleted: number; error?: Error } {
  let deleted = pods.length;
  let deletedReady = 0;
  let error: Error | undefined;
  for (const pod of pods) {
    try {
      d.podControl.deletePod(job.metadata.namespace ?? '', pod.metadata.name!, job);
    } catch (e) {
      if (!isApiError(e, 'NotFound')) {
        deleted--;
        error ??= errText(e);
      }
    }
    if (isPodReady(pod)) deletedReady++;
  }
  return { deletedReady, deleted, error };
}

/** deleteJobPods: remove the finalizer, then delete; expectations lowered for failures. */
export function deleteJobPods(d: SyncDeps, key: string, job: JobT, pods: JobPod[]): { deletedReady: number; deleted: number; error?: Error } {
  let deleted = pods.length;
  let deletedReady = 0;
  let error: Error | undefined;
  const fail = (e: unknown) => {
    d.expectations.deletionObserved(key);
    if (!isApiError(e, 'NotFound')) {
      deleted--;
      error ??= errText(e);
    }
  };
  for (const pod of pods) {
    const ns = pod.metadata.namespace ?? '';
    let ok = true;
    if (hasJobTrackingFinalizer(pod)) {
      try {
        d.podControl.patchPod(ns, pod.metadata.name!, removeTrackingFinalizerPatch(JobTrackingFinalizer));
      } catch (e) {
        fail(e instanceof Error ? new Error(`removing completion finalizer: ${e.message}`, { cause: e }) : e);
        ok = false;
      }
    }
    if (ok) {
      try {
        d.podControl.deletePod(ns, pod.metadata.name!, job);
      } catch (e) {
        fail(e);
      }
    }
    if (isPodReady(pod)) deletedReady++;
  }
  return { deletedReady, deleted, error };
}

/** activePodsForRemoval: duplicated/invalid indexes first, then the lowest-ranked pods. */
function activePodsForRemoval(job: JobT, pods: JobPod[], rmAtLeast: number, now: number): JobPod[] {
  let rm: JobPod[] = [];
  let left = pods;
  if (isIndexedJob(job)) ({ rm, left } = appendDuplicatedIndexPodsForRemoval(pods, job.spec?.completions ?? 0, now));
  if (rm.length < rmAtLeast) rm = [...rm, ...sortActivePods(left).slice(0, rmAtLeast - rm.length)];
  return rm;
}

export function manageJob(d: SyncDeps, key: string, jc: JobCtx): { active: number; error?: Error; requeueAfter?: number } {
  const job = jc.job;
  const spec = job.spec!;
  const clock = d.ctx.clock;
  let active = jc.activePods.length;
  const parallelism = spec.parallelism ?? 1;
  if (jobSuspended(job)) {
    const podsToDelete = activePodsForRemoval(job, jc.activePods, active, clock.now());
    d.expectations.expectDeletions(key, podsToDelete.length);
    const r = deleteJobPods(d, key, job, podsToDelete);
    jc.terminating += r.deleted;
    jc.ready -= r.deletedReady;
    return { active: active - r.deleted, error: r.error };
  }
  let wantActive: number;
  if (spec.completions == null) wantActive = jc.succeeded > 0 ? active : parallelism;
  else wantActive = Math.max(0, Math.min(spec.completions - jc.succeeded, parallelism));
  const rmAtLeast = Math.max(0, active - wantActive);
  let podsToDelete = activePodsForRemoval(job, jc.activePods, rmAtLeast, clock.now());
  if (podsToDelete.length > MaxPodCreateDeletePerSync) podsToDelete = podsToDelete.slice(0, MaxPodCreateDeletePerSync);
  if (podsToDelete.length > 0) {
    d.expectations.expectDeletions(key, podsToDelete.length);
    const r = deleteJobPods(d, key, job, podsToDelete);
    jc.terminating += r.deleted;
    jc.ready -= r.deletedReady;
    return { active: active - r.deleted, error: r.error };
  }
  const terminating = onlyReplaceFailedPods(job) ? jc.terminating : 0;
  let diff = wantActive - terminating - active;
  if (diff <= 0) return { active };
  const perIndex = hasBackoffLimitPerIndex(job);
  // The job-wide back-off applies only without backoffLimitPerIndex (then each index has its own).
  const remaining = perIndex ? 0 : getRemainingTime(clock.now(), jc.newBackoffRecord.failuresAfterLastSuccess, jc.newBackoffRecord.lastFailureTime);
  if (remaining > 0) return { active: 0, requeueAfter: Math.max(remaining, d.batchPeriod) };
  diff = Math.min(diff, MaxPodCreateDeletePerSync);
  let indexesToAdd: number[] = [];
  if (isIndexedJob(job)) {
    const terminatingPods = onlyReplaceFailedPods(job) ? jc.pods.filter(isPodTerminating) : undefined;
    indexesToAdd = firstPendingIndexes(jc.activePods, jc.succeededIndexes, diff, spec.completions ?? 0, terminatingPods, jc.failedIndexes);
    if (perIndex) {
      const info = getPodCreationInfoForIndependentIndexes(clock.now(), indexesToAdd, jc.podsWithDelayedDeletionPerIndex);
      if (info.remaining > 0) return { active: 0, requeueAfter: Math.max(info.remaining, d.batchPeriod) };
      indexesToAdd = info.indexes;
    }
    diff = indexesToAdd.length;
  }
  d.expectations.expectCreations(key, diff);
  active += diff;
  const podTemplate = structuredClone(spec.template ?? {}) as PodTemplate & { spec?: Record<string, unknown> };
  if (isIndexedJob(job)) addCompletionIndexEnvVariables(podTemplate.spec as never);
  const tm = (podTemplate.metadata ??= {});
  if (!(tm.finalizers ?? []).includes(JobTrackingFinalizer)) tm.finalizers = [...(tm.finalizers ?? []), JobTrackingFinalizer];
  const ref = newControllerRef(job, 'batch/v1', 'Job');
  let error: Error | undefined;
  // Slow start: batches of 1, 2, 4... stop after a batch with an error.
  for (let batchSize = Math.min(diff, 1); diff > 0; batchSize = Math.min(2 * batchSize, diff)) {
    let failed = false;
    for (let i = 0; i < batchSize; i++) {
      let template = podTemplate;
      let generateName = '';
      const ix = indexesToAdd.length ? indexesToAdd.shift()! : unknownCompletionIndex;
      if (ix !== unknownCompletionIndex) {
        template = structuredClone(podTemplate);
        const m = (template.metadata ??= {});
        m.annotations = { ...(m.annotations ?? {}), 'batch.kubernetes.io/job-completion-index': String(ix) };
        m.labels = { ...(m.labels ?? {}), 'batch.kubernetes.io/job-completion-index': String(ix) };
        (template.spec ??= {}).hostname = `${job.metadata.name}-${ix}`;
        generateName = podGenerateNameWithIndex(job.metadata.name!, ix);
        if (perIndex) addIndexFailureCountAnnotation(template, job, jc.podsWithDelayedDeletionPerIndex?.get(ix));
      }
      try {
        d.podControl.createPodWithGenerateName(job.metadata.namespace ?? '', template, job, ref, generateName);
      } catch (e) {
        if (isApiError(e) && (e.details?.causes ?? []).some((c) => c.reason === 'NamespaceTerminating')) continue;
        d.expectations.creationObserved(key);
        active--;
        failed = true;
        error ??= errText(e);
      }
    }
    const skipped = diff - batchSize;
    if (failed && skipped > 0) {
      active -= skipped;
      for (let i = 0; i < skipped; i++) d.expectations.creationObserved(key);
      break;
    }
    diff -= batchSize;
  }
  return { active, error };
}

/** trackJobStatusAndRemoveFinalizers. */
