/**
 * syncJob as upstream v1.32 (job_controller.go): count new finished pods, decide a finished
 * condition (FailureTarget from a FailJob rule; BackoffLimitExceeded, DeadlineExceeded as
 * FailureTarget then Failed; SuccessCriteriaMet then Complete), manage active pods (manageJob:
 * suspend, too many, too few with backoff and slow start, Indexed indexes), then track status with
 * finalizers (trackJobStatusAndRemoveFinalizers: uncountedTerminatedPods, finalizer removal, counts,
 * terminal condition once no pod is uncounted or terminating).
 */
import { JobTrackingFinalizer, type JobConditionT, type JobT } from '../../api/batch/job.js';
import { OrderedIntervals } from '../../api/batch/indexes.js';
import { isApiError } from '../../api/errors.js';
import type { Informer } from '../../client/informer.js';
import type { ControllerContext } from '../runtime/manager.js';
import type { WorkQueue } from '../runtime/queue.js';
import type { ControllerExpectations } from '../replicaset/expectations.js';
import { newControllerRef, type PodTemplate } from '../replicaset/pod-control.js';
import { filterActivePods, isPodReady } from '../replicaset/pod-util.js';
import { parseTime, rfc3339 } from '../../util/clock.js';
import { getRemainingTime, type BackoffRecord, type BackoffStore } from './backoff.js';
import type { FinalizerExpectations } from './controller.js';
import {
  addCompletionIndexEnvVariables,
  appendDuplicatedIndexPodsForRemoval,
  calculateSucceededIndexes,
  firstPendingIndexes,
  getCompletionIndex,
  hasJobTrackingFinalizer,
  podGenerateNameWithIndex,
  unknownCompletionIndex,
} from './indexed.js';
import {
  ensureJobConditionStatus,
  findConditionByType,
  isIndexedJob,
  isJobFinished,
  isPodFailed,
  isPodTerminating,
  jobSuspended,
  newCondition,
  onlyReplaceFailedPods,
  pastBackoffLimitOnFailure,
} from './job-util.js';
import { matchPodFailurePolicy } from './pod-failure-policy.js';
import { removeTrackingFinalizerPatch, type JobPodControl } from './pod-control.js';
import { sortActivePods } from './pod-order.js';
import type { JobPod } from './types.js';

export const MaxUncountedPods = 500;
export const MaxPodCreateDeletePerSync = 500;

export interface SyncDeps {
  ctx: ControllerContext;
  queue: WorkQueue;
  batchPeriod: number;
  expectations: ControllerExpectations;
  finalizerExpectations: FinalizerExpectations;
  backoffStore: BackoffStore;
  jobInformer: Informer;
  podControl: JobPodControl;
  getPodsForJob(job: JobT): JobPod[];
}

interface JobCtx {
  job: JobT;
  pods: JobPod[];
  activePods: JobPod[];
  finishedCondition?: JobConditionT;
  succeeded: number;
  failed: number;
  prevSucceededIndexes: OrderedIntervals;
  succeededIndexes: OrderedIntervals;
  newBackoffRecord: BackoffRecord;
  expectedRmFinalizers: Set<string>;
  uncountedSucceeded: Set<string>;
  uncountedFailed: Set<string>;
  terminating: number;
  ready: number;
}

const errText = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));

export function syncJob(d: SyncDeps, key: string): { requeueAfter: number } | void {
  const clock = d.ctx.clock;
  const slash = key.indexOf('/');
  const ns = key.slice(0, slash);
  const name = key.slice(slash + 1);
  const shared = d.jobInformer.get(ns, name) as JobT | undefined;
  if (!shared) {
    d.expectations.deleteExpectations(key);
    d.finalizerExpectations.deleteExpectations(key);
    d.backoffStore.removeBackoffRecord(key);
    return;
  }
  if (shared.spec?.managedBy && shared.spec.managedBy !== 'kubernetes.io/job-controller') return;
  const job = structuredClone(shared);
  if (isJobFinished(job)) {
    d.backoffStore.removeBackoffRecord(key);
    return;
  }
  const recorder = d.ctx.recorder('job-controller');
  const mode = job.spec?.completionMode;
  if (mode != null && mode !== 'NonIndexed' && mode !== 'Indexed') {
    recorder.event(job, 'Warning', 'UnknownCompletionMode', 'Skipped Job sync because completion mode is unknown');
    return;
  }
  const spec = job.spec!;
  const status = (job.status ??= {});
  status.uncountedTerminatedPods ??= {};
  const satisfiedExpectations = d.expectations.satisfiedExpectations(key);
  const pods = d.getPodsForJob(job);
  const activePods = filterActivePods(pods);
  const jc: JobCtx = {
    job,
    pods,
    activePods,
    succeeded: 0,
    failed: 0,
    prevSucceededIndexes: new OrderedIntervals(),
    succeededIndexes: new OrderedIntervals(),
    newBackoffRecord: { key, failuresAfterLastSuccess: 0 },
    expectedRmFinalizers: d.finalizerExpectations.getExpectedUIDs(key),
    uncountedSucceeded: new Set(status.uncountedTerminatedPods.succeeded ?? []),
    uncountedFailed: new Set(status.uncountedTerminatedPods.failed ?? []),
    terminating: pods.filter(isPodTerminating).length,
    ready: activePods.filter(isPodReady).length,
  };
  let requeueAfter: number | undefined;
  const requeue = (ms: number) => (requeueAfter = requeueAfter === undefined ? ms : Math.min(requeueAfter, ms));
  let active = activePods.length;
  const [newSucceededPods, newFailedPods] = getNewFinishedPods(jc);
  jc.succeeded = (status.succeeded ?? 0) + newSucceededPods.length + jc.uncountedSucceeded.size;
  const nonIgnored = spec.podFailurePolicy ? newFailedPods.filter((p) => matchPodFailurePolicy(spec.podFailurePolicy, p).countFailed).length : newFailedPods.length;
  jc.failed = (status.failed ?? 0) + nonIgnored + jc.uncountedFailed.size;
  const now = clock.now();
  if (!status.startTime && !jobSuspended(job)) status.startTime = rfc3339(now);
  jc.newBackoffRecord = d.backoffStore.newBackoffRecord(key, newSucceededPods, newFailedPods);

  let manageErr: Error | undefined;
  const exceedsBackoffLimit = jc.failed > (spec.backoffLimit ?? 6);
  jc.finishedCondition = successCriteriaMet(job);
  if (!jc.finishedCondition) {
    const ft = findConditionByType(status.conditions, 'FailureTarget');
    if (ft && ft.status === 'True') jc.finishedCondition = newCondition('Failed', 'True', ft.reason ?? '', ft.message ?? '', now);
    else {
      const msg = getFailJobMessage(job, pods);
      if (msg !== undefined) jc.finishedCondition = newCondition('FailureTarget', 'True', 'PodFailurePolicy', msg, now);
    }
  }
  if (!jc.finishedCondition) {
    if (exceedsBackoffLimit || pastBackoffLimitOnFailure(job, pods))
      jc.finishedCondition = newCondition('FailureTarget', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', now);
    else if (pastActiveDeadline(job, now))
      jc.finishedCondition = newCondition('FailureTarget', 'True', 'DeadlineExceeded', 'Job was active longer than specified deadline', now);
    else if (spec.activeDeadlineSeconds != null && !jobSuspended(job))
      requeue(Math.max(0, spec.activeDeadlineSeconds * 1000 - (now - (parseTime(status.startTime) ?? now))));
  }
  if (isIndexedJob(job)) {
    [jc.prevSucceededIndexes, jc.succeededIndexes] = calculateSucceededIndexes(job, pods);
    jc.succeeded = jc.succeededIndexes.total();
  }
  let suspendCondChanged = false;
  if (jc.finishedCondition) {
    const { deletedReady, deleted, error } = deleteActivePods(d, job, jc.activePods);
    if (deleted !== active || !satisfiedExpectations) jc.finishedCondition = undefined;
    active -= deleted;
    jc.terminating += deleted;
    jc.ready -= deletedReady;
    manageErr = error;
  } else {
    let manageJobCalled = false;
    if (satisfiedExpectations && !job.metadata.deletionTimestamp) {
      const r = manageJob(d, key, jc);
      active = r.active;
      manageErr = r.error;
      if (r.requeueAfter !== undefined) requeue(r.requeueAfter);
      manageJobCalled = true;
    }
    const complete = spec.completions == null ? jc.succeeded > 0 && active === 0 : jc.succeeded >= spec.completions && active === 0;
    if (complete) jc.finishedCondition = newCondition('SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods', now);
    else if (manageJobCalled) {
      if (spec.suspend) {
        let changed: boolean;
        [status.conditions, changed] = ensureJobConditionStatus(status.conditions, 'Suspended', 'True', 'JobSuspended', 'Job suspended', now);
        if (changed) {
          suspendCondChanged = true;
          recorder.event(job, 'Normal', 'Suspended', 'Job suspended');
        }
      } else {
        let changed: boolean;
        [status.conditions, changed] = ensureJobConditionStatus(status.conditions, 'Suspended', 'False', 'JobResumed', 'Job resumed', now);
        if (changed) {
          suspendCondChanged = true;
          recorder.event(job, 'Normal', 'Resumed', 'Job resumed');
          status.startTime = rfc3339(now);
        }
      }
    }
  }
  const needsStatusUpdate =
    suspendCondChanged || active !== (shared.status?.active ?? 0) || jc.ready !== shared.status?.ready || jc.terminating !== shared.status?.terminating || status.startTime !== shared.status?.startTime;
  status.active = active;
  status.ready = jc.ready;
  status.terminating = jc.terminating;
  trackJobStatusAndRemoveFinalizers(d, key, jc, needsStatusUpdate);
  if (manageErr) throw manageErr;
  return requeueAfter === undefined ? undefined : { requeueAfter };
}

function successCriteriaMet(job: JobT): JobConditionT | undefined {
  const c = findConditionByType(job.status?.conditions, 'SuccessCriteriaMet');
  return c && c.status === 'True' ? c : undefined;
}

function pastActiveDeadline(job: JobT, now: number): boolean {
  const ads = job.spec?.activeDeadlineSeconds;
  const start = parseTime(job.status?.startTime ?? undefined);
  if (ads == null || start === undefined || jobSuspended(job)) return false;
  return now - start >= ads * 1000;
}

function getFailJobMessage(job: JobT, pods: JobPod[]): string | undefined {
  if (!job.spec?.podFailurePolicy) return undefined;
  for (const p of pods) {
    if (!isPodFailed(p, job)) continue;
    const m = matchPodFailurePolicy(job.spec.podFailurePolicy, p);
    if (m.failJobMessage !== undefined) return m.failJobMessage;
  }
  return undefined;
}

/** getValidPodsWithFilter / getNewFinishedPods: finished pods still holding the finalizer and not yet uncounted. */
function getNewFinishedPods(jc: JobCtx): [JobPod[], JobPod[]] {
  const valid = (uncounted: Set<string>, filter: (p: JobPod) => boolean) =>
    jc.pods.filter((p) => {
      const uid = p.metadata.uid ?? '';
      if (!hasJobTrackingFinalizer(p) || uncounted.has(uid) || jc.expectedRmFinalizers.has(uid)) return false;
      if (isIndexedJob(jc.job)) {
        const ix = getCompletionIndex(p.metadata.annotations);
        if (ix === unknownCompletionIndex || ix >= (jc.job.spec?.completions ?? 0)) return false;
      }
      return filter(p);
    });
  return [valid(jc.uncountedSucceeded, (p) => p.status?.phase === 'Succeeded'), valid(jc.uncountedFailed, (p) => isPodFailed(p, jc.job))];
}

/** deleteActivePods: delete keeping finalizers (the tracking removes them). */
function deleteActivePods(d: SyncDeps, job: JobT, pods: JobPod[]): { deletedReady: number; deleted: number; error?: Error } {
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
function deleteJobPods(d: SyncDeps, key: string, job: JobT, pods: JobPod[]): { deletedReady: number; deleted: number; error?: Error } {
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

function manageJob(d: SyncDeps, key: string, jc: JobCtx): { active: number; error?: Error; requeueAfter?: number } {
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
  const remaining = getRemainingTime(clock.now(), jc.newBackoffRecord.failuresAfterLastSuccess, jc.newBackoffRecord.lastFailureTime);
  if (remaining > 0) return { active: 0, requeueAfter: Math.max(remaining, d.batchPeriod) };
  diff = Math.min(diff, MaxPodCreateDeletePerSync);
  let indexesToAdd: number[] = [];
  if (isIndexedJob(job)) {
    const terminatingPods = onlyReplaceFailedPods(job) ? jc.pods.filter(isPodTerminating) : undefined;
    indexesToAdd = firstPendingIndexes(jc.activePods, jc.succeededIndexes, diff, spec.completions ?? 0, terminatingPods);
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
function trackJobStatusAndRemoveFinalizers(d: SyncDeps, key: string, jc: JobCtx, needsFlush: boolean): void {
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
    const canRemove = !!job.metadata.deletionTimestamp || !!jc.finishedCondition || pod.status?.phase === 'Succeeded' || considerFailed;
    if (!canRemove) continue;
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
    } else if (considerFailed || (jc.finishedCondition && jc.finishedCondition.type !== 'SuccessCriteriaMet')) {
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
  }
  const now = d.ctx.clock.now();
  if (jc.finishedCondition?.type === 'FailureTarget') {
    status.conditions = [...(status.conditions ?? []), jc.finishedCondition];
    needsFlush = true;
    jc.finishedCondition = newCondition('Failed', 'True', jc.finishedCondition.reason ?? '', jc.finishedCondition.message ?? '', now);
  }
  if (jc.finishedCondition?.type === 'SuccessCriteriaMet') {
    if (!successCriteriaMet(job)) {
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

function updateStatus(d: SyncDeps, job: JobT): JobT {
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
