/**
 * syncCronJob and cleanupFinishedJobs from pkg/controller/cronjob/cronjob_controllerv2.go (v1.32):
 * reconcile the active list with the Jobs, record lastSuccessfulTime, then (unless deleting, suspended
 * or unparseable) find the unmet schedule time, honour startingDeadlineSeconds and the concurrency
 * policy, create the Job and requeue for the next slot; finished Jobs beyond the history limits are
 * deleted oldest first.
 */
import { isApiError } from '../../api/errors.js';
import type { KObject } from '../../api/meta.js';
import type { JobT } from '../../api/batch/job.js';
import type { CronJobT } from '../../api/batch/cronjob.js';
import type { Client } from '../../client/client.js';
import { rfc3339 } from '../../util/clock.js';
import { formatRFC1123ZUTC, loadLocationError } from '../../util/time-zone.js';
import type { EventRecorder } from '../runtime/event-recorder.js';
import { formatSchedule, tryParseStandard } from './cron.js';
import {
  byJobStartTime,
  deleteFromActiveList,
  finishedCondition,
  getJobFromTemplate2,
  getJobName,
  getRef,
  inActiveList,
  inActiveListByName,
  isJobFinished,
  isJobSucceeded,
  nextScheduleTime,
  nextScheduleTimeDuration,
  timeOf,
} from './utils.js';

export const NamespaceTerminatingCause = 'NamespaceTerminating';

export interface SyncDeps {
  client: Client;
  recorder: EventRecorder;
  now: number;
}

export interface SyncOutcome {
  requeueAfter?: number;
  updateStatus: boolean;
  error?: unknown;
}

const errText = (e: unknown) => (e instanceof Error ? e.message : String(e));
const jobs = (d: SyncDeps) => d.client.resource('batch', 'jobs');

/** Delete a Job (background propagation) and drop it from the active list; false if the delete failed. */
export function deleteJob(d: SyncDeps, cj: CronJobT, job: JobT): boolean {
  try {
    jobs(d).delete(job.metadata.namespace!, job.metadata.name!, { propagationPolicy: 'Background' });
  } catch (e) {
    d.recorder.event(cj as KObject, 'Warning', 'FailedDelete', `Deleted job: ${errText(e)}`);
    return false;
  }
  deleteFromActiveList(cj, job.metadata.uid);
  d.recorder.event(cj as KObject, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata.name}`);
  return true;
}

/** cleanupFinishedJobs: true if the status needs writing. */
export function cleanupFinishedJobs(d: SyncDeps, cj: CronJobT, js: JobT[]): boolean {
  const spec = cj.spec ?? ({} as NonNullable<CronJobT['spec']>);
  if (spec.failedJobsHistoryLimit == null && spec.successfulJobsHistoryLimit == null) return false;
  const successful: JobT[] = [];
  const failed: JobT[] = [];
  for (const job of js) {
    const f = finishedCondition(job);
    if (f.finished && f.type === 'Complete') successful.push(job);
    else if (f.finished && f.type === 'Failed') failed.push(job);
  }
  let update = false;
  if (spec.successfulJobsHistoryLimit != null && removeOldestJobs(d, cj, successful, spec.successfulJobsHistoryLimit)) update = true;
  if (spec.failedJobsHistoryLimit != null && removeOldestJobs(d, cj, failed, spec.failedJobsHistoryLimit)) update = true;
  return update;
}

function removeOldestJobs(d: SyncDeps, cj: CronJobT, js: JobT[], maxJobs: number): boolean {
  const numToDelete = js.length - maxJobs;
  if (numToDelete <= 0) return false;
  js.sort(byJobStartTime);
  let update = false;
  for (let i = 0; i < numToDelete; i++) if (deleteJob(d, cj, js[i]!)) update = true;
  return update;
}

export function syncCronJob(d: SyncDeps, cronJob: CronJobT, js: JobT[]): SyncOutcome {
  const { now, recorder } = d;
  let cj = cronJob;
  let updateStatus = false;
  const ev = (type: 'Normal' | 'Warning', reason: string, msg: string) => recorder.event(cj as KObject, type, reason, msg);
  const ns = cj.metadata.namespace!;

  const children = new Set<string>();
  for (const j of js) {
    children.add(j.metadata.uid!);
    const found = inActiveList(cj, j.metadata.uid);
    if (!found && !isJobFinished(j)) {
      let fresh: CronJobT;
      try {
        fresh = d.client.resource('batch', 'cronjobs').get(ns, cj.metadata.name!) as unknown as CronJobT;
      } catch (e) {
        return { updateStatus, error: e };
      }
      if (inActiveList(fresh, j.metadata.uid)) {
        cj = fresh;
        continue;
      }
      // An unfinished Job of ours that is not in the active list (created by someone else, or lost).
      ev('Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${j.metadata.name}`);
    } else if (isJobFinished(j)) {
      if (found) {
        const { type } = finishedCondition(j);
        deleteFromActiveList(cj, j.metadata.uid);
        ev('Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata.name}, condition: ${type}`);
        updateStatus = true;
      }
      if (isJobSucceeded(j)) {
        // Any successful Job counts, in the active list or not.
        const completion = j.status?.completionTime;
        const status = (cj.status ??= {});
        if (status.lastSuccessfulTime == null) {
          status.lastSuccessfulTime = completion ?? null;
          updateStatus = true;
        }
        const c = timeOf(completion);
        const last = timeOf(status.lastSuccessfulTime);
        if (c !== undefined && (last === undefined || c > last)) {
          status.lastSuccessfulTime = completion;
          updateStatus = true;
        }
      }
    }
  }

  // Drop references to Jobs that no longer exist, so the cron job is not stuck active forever.
  for (const ref of [...(cj.status?.active ?? [])]) {
    if (children.has(ref.uid ?? '')) continue;
    try {
      jobs(d).get(ref.namespace ?? ns, ref.name ?? '');
    } catch (e) {
      if (isApiError(e, 'NotFound')) {
        ev('Normal', 'MissingJob', `Active job went missing: ${ref.name}`);
        deleteFromActiveList(cj, ref.uid);
        updateStatus = true;
        continue;
      }
      return { updateStatus, error: e };
    }
  }

  if (cj.metadata.deletionTimestamp) return { updateStatus };

  const tz = cj.spec?.timeZone;
  if (tz != null) {
    const err = loadLocationError(tz);
    if (err !== undefined) {
      ev('Warning', 'UnknownTimeZone', `invalid timeZone: ${JSON.stringify(tz)}: ${err}`);
      return { updateStatus };
    }
  }
  if (cj.spec?.suspend === true) return { updateStatus };

  const parsed = tryParseStandard(formatSchedule(cj, recorder));
  if (parsed.error !== undefined) {
    ev('Warning', 'UnparseableSchedule', `unparseable schedule: ${JSON.stringify(cj.spec?.schedule ?? '')} : ${parsed.error}`);
    return { updateStatus };
  }
  const sched = parsed.schedule;
  const next = nextScheduleTime(cj, now, sched);
  if (next.tooManyMissed) ev('Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
  if (next.error !== undefined && next.time === undefined) {
    ev('Warning', 'InvalidSchedule', `invalid schedule: ${cj.spec?.schedule ?? ''} : ${next.error}`);
    return { updateStatus };
  }
  const requeue = () => nextScheduleTimeDuration(cj, now, sched);
  const scheduledTime = next.time;
  // No unmet start time: only after a restart; the queue normally wakes us at a scheduled time.
  if (scheduledTime === undefined) return { requeueAfter: requeue(), updateStatus };

  const sds = cj.spec?.startingDeadlineSeconds;
  if (sds != null && scheduledTime + sds * 1000 < now) {
    ev('Warning', 'MissSchedule', `Missed scheduled time to start a job: ${formatRFC1123ZUTC(Math.floor(scheduledTime / 1000))}`);
    return { requeueAfter: requeue(), updateStatus };
  }
  const lastSchedule = timeOf(cj.status?.lastScheduleTime);
  if (inActiveListByName(cj, { metadata: { name: getJobName(cj, scheduledTime), namespace: ns } }) || lastSchedule === scheduledTime)
    return { requeueAfter: requeue(), updateStatus };

  const active = cj.status?.active ?? [];
  if (cj.spec?.concurrencyPolicy === 'Forbid' && active.length > 0) {
    ev('Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
    return { requeueAfter: requeue(), updateStatus };
  }
  if (cj.spec?.concurrencyPolicy === 'Replace') {
    for (const ref of [...active]) {
      let job: JobT;
      try {
        job = jobs(d).get(ref.namespace ?? ns, ref.name ?? '') as unknown as JobT;
      } catch (e) {
        ev('Warning', 'FailedGet', `Get job: ${errText(e)}`);
        return { updateStatus, error: e };
      }
      if (!deleteJob(d, cj, job)) return { updateStatus, error: new Error(`could not replace job ${job.metadata.namespace}/${job.metadata.name}`) };
      updateStatus = true;
    }
  }

  let jobReq: JobT;
  try {
    jobReq = getJobFromTemplate2(cj, scheduledTime);
  } catch (e) {
    return { updateStatus, error: e };
  }
  let jobResp: KObject;
  let alreadyExists = false;
  try {
    jobResp = jobs(d).create(ns, jobReq as unknown as KObject);
  } catch (e) {
    if (isApiError(e) && (e.details?.causes ?? []).some((c) => c.reason === NamespaceTerminatingCause)) return { updateStatus, error: e };
    if (!isApiError(e, 'AlreadyExists')) {
      ev('Warning', 'FailedCreate', `Error creating job: ${errText(e)}`);
      return { updateStatus, error: e };
    }
    // Created earlier (by us, before a failed status write, or by someone else).
    alreadyExists = true;
    try {
      jobResp = jobs(d).get(ns, jobReq.metadata.name!);
    } catch (e2) {
      return { updateStatus, error: e2 };
    }
    const ref = (jobResp.metadata.ownerReferences ?? []).find((r) => r.controller === true);
    if (!ref || ref.uid !== cj.metadata.uid) return { updateStatus };
    if (inActiveList(cj, jobResp.metadata.uid)) return { updateStatus };
  }
  if (!alreadyExists) ev('Normal', 'SuccessfulCreate', `Created job ${jobResp.metadata.name}`);

  const status = (cj.status ??= {});
  status.active = [...(status.active ?? []), getRef(jobResp)];
  status.lastScheduleTime = rfc3339(scheduledTime);
  updateStatus = true;
  return { requeueAfter: requeue(), updateStatus };
}
