/**
 * syncJob as upstream v1.32 (job_controller.go): count new finished pods, decide a finished
 * condition (FailureTarget from a FailJob rule; BackoffLimitExceeded, DeadlineExceeded,
 * MaxFailedIndexesExceeded, FailedIndexes as FailureTarget then Failed; SuccessCriteriaMet from
 * completions or a success policy, then Complete), manage active pods (manageJob:
 * suspend, too many, too few with backoff and slow start, Indexed indexes), then track status with
 * finalizers (trackJobStatusAndRemoveFinalizers: uncountedTerminatedPods, finalizer removal, counts,
 * terminal condition once no pod is uncounted or terminating).
 */
import { type JobConditionT, type JobT } from '../../api/batch/job.js';
import { OrderedIntervals } from '../../api/batch/indexes.js';
import type { Informer } from '../../client/informer.js';
import type { ControllerContext } from '../runtime/manager.js';
import type { WorkQueue } from '../runtime/queue.js';
import type { ControllerExpectations } from '../replicaset/expectations.js';
import { filterActivePods, isPodReady } from '../replicaset/pod-util.js';
import { parseTime, rfc3339 } from '../../util/clock.js';
import { type BackoffRecord, type BackoffStore } from './backoff.js';
import { calculateFailedIndexes, getPodsWithDelayedDeletionPerIndex, hasBackoffLimitPerIndex } from './backoff-limit-per-index.js';
import type { FinalizerExpectations } from './controller.js';
import { calculateSucceededIndexes, getCompletionIndex, hasJobTrackingFinalizer, unknownCompletionIndex } from './indexed.js';
import { ensureJobConditionStatus, findConditionByType, isIndexedJob, isJobFinished, isPodFailed, isPodTerminating, jobSuspended, newCondition, pastBackoffLimitOnFailure } from './job-util.js';
import { matchPodFailurePolicy } from './pod-failure-policy.js';
import { type JobPodControl } from './pod-control.js';
import type { JobPod } from './types.js';
import { deleteActivePods, manageJob } from './manage-job.js';
import { hasSuccessCriteriaMetCondition, JobReasonSuccessPolicy, matchSuccessPolicy } from './success-policy.js';
import { trackJobStatusAndRemoveFinalizers } from './track-status.js';

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

export interface JobCtx {
  job: JobT;
  pods: JobPod[];
  activePods: JobPod[];
  finishedCondition?: JobConditionT;
  succeeded: number;
  failed: number;
  prevSucceededIndexes: OrderedIntervals;
  succeededIndexes: OrderedIntervals;
  /** Set only with backoffLimitPerIndex. */
  failedIndexes?: OrderedIntervals;
  /** With backoffLimitPerIndex: per index, the failed pod whose finalizer waits for its replacement. */
  podsWithDelayedDeletionPerIndex?: Map<number, JobPod>;
  newBackoffRecord: BackoffRecord;
  expectedRmFinalizers: Set<string>;
  uncountedSucceeded: Set<string>;
  uncountedFailed: Set<string>;
  terminating: number;
  ready: number;
}

export const errText = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));

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
  jc.finishedCondition = hasSuccessCriteriaMetCondition(job);
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
    if (hasBackoffLimitPerIndex(job)) {
      jc.failedIndexes = calculateFailedIndexes(job, pods);
      if (!jc.finishedCondition) {
        if (spec.maxFailedIndexes != null && jc.failedIndexes.total() > spec.maxFailedIndexes)
          jc.finishedCondition = newCondition('FailureTarget', 'True', 'MaxFailedIndexesExceeded', 'Job has exceeded the specified maximal number of failed indexes', now);
        else if (jc.failedIndexes.total() > 0 && jc.failedIndexes.total() + jc.succeededIndexes.total() >= (spec.completions ?? 0))
          jc.finishedCondition = newCondition('FailureTarget', 'True', 'FailedIndexes', 'Job has failed indexes', now);
      }
      jc.podsWithDelayedDeletionPerIndex = getPodsWithDelayedDeletionPerIndex(jc);
    }
    if (!jc.finishedCondition) {
      const msg = matchSuccessPolicy(spec.successPolicy, spec.completions ?? 0, jc.succeededIndexes);
      if (msg !== undefined) jc.finishedCondition = newCondition('SuccessCriteriaMet', 'True', JobReasonSuccessPolicy, msg, now);
    }
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
