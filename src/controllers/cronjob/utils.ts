/**
 * pkg/controller/cronjob/utils.go (v1.32): the active list, mostRecentScheduleTime (with the
 * missed-schedule estimate and the >100 "many missed" cut-off), nextScheduleTimeDuration (100ms past
 * the next slot), nextScheduleTime, getJobFromTemplate2 (name <cronjob>-<minutes since epoch>, the
 * scheduled-timestamp annotation, a controller reference) and byJobStartTime. Times are ms.
 */
import type { KObject, OwnerReferenceT } from '../../api/meta.js';
import type { ObjectReferenceT } from '../../api/core/object-reference.js';
import type { JobT } from '../../api/batch/job.js';
import { CronJobScheduledTimestampAnnotation, type CronJobT } from '../../api/batch/cronjob.js';
import { ZERO_TIME, type Schedule } from '../../util/cron.js';
import { formatRFC3339In, loadLocationError } from '../../util/time-zone.js';

/** Padding added to requeues, for clock skew (nextScheduleDelta). */
export const nextScheduleDelta = 100;

export type MissedSchedules = 'none' | 'few' | 'many';

export const timeOf = (t: string | null | undefined): number | undefined => (t ? Date.parse(t) : undefined);

export function inActiveList(cj: CronJobT, uid: string | undefined): boolean {
  return (cj.status?.active ?? []).some((j) => j.uid === uid);
}

export function inActiveListByName(cj: CronJobT, job: { metadata: { name?: string; namespace?: string } }): boolean {
  return (cj.status?.active ?? []).some((j) => j.name === job.metadata.name && j.namespace === job.metadata.namespace);
}

export function deleteFromActiveList(cj: CronJobT, uid: string | undefined): void {
  const status = (cj.status ??= {});
  status.active = (status.active ?? []).filter((j) => j.uid !== uid);
}

export interface MostRecent {
  /** The last schedule time, or the creation time (moved up to now - startingDeadlineSeconds when asked). */
  earliestTime: number;
  /** The most recent time a Job should have been created, if it is not after now. */
  mostRecentTime?: number;
  missed: MissedSchedules;
  /** A schedule that parses but cannot fire twice a second apart (e.g. "59 23 31 2 *"). */
  error?: string;
}

export function mostRecentScheduleTime(cj: CronJobT, now: number, schedule: Schedule, includeStartingDeadlineSeconds: boolean): MostRecent {
  let earliestTime = timeOf(cj.metadata.creationTimestamp) ?? 0;
  let missed: MissedSchedules = 'none';
  const last = timeOf(cj.status?.lastScheduleTime);
  if (last !== undefined) earliestTime = last;
  const sds = cj.spec?.startingDeadlineSeconds;
  if (includeStartingDeadlineSeconds && sds != null) {
    // The controller is not going to schedule anything below this point.
    const schedulingDeadline = now - sds * 1000;
    if (schedulingDeadline > earliestTime) earliestTime = schedulingDeadline;
  }
  const t1 = schedule.next(earliestTime);
  const t2 = schedule.next(t1);
  if (now < t1) return { earliestTime, missed };
  if (now < t2) return { earliestTime, mostRecentTime: t1, missed };

  const timeBetweenTwoSchedules = goRoundSeconds(t2 - t1);
  if (timeBetweenTwoSchedules < 1) return { earliestTime, missed, error: 'time difference between two schedules is less than 1 second' };
  // A rough count of the slots between the first unmet one and now.
  const timeElapsed = Math.trunc((now - t1) / 1000);
  const numberOfMissedSchedules = Math.trunc(timeElapsed / timeBetweenTwoSchedules) + 1;
  // Start one interval before the estimate and let the schedule find the exact times.
  const potentialEarliest = t1 + (numberOfMissedSchedules - 1 - 1) * timeBetweenTwoSchedules * 1000;
  let mostRecentTime: number | undefined;
  for (let t = schedule.next(potentialEarliest); t !== ZERO_TIME && t <= now; t = schedule.next(t)) mostRecentTime = t;

  if (numberOfMissedSchedules > 100) missed = 'many';
  else if (numberOfMissedSchedules > 0) missed = 'few';
  return { earliestTime, mostRecentTime, missed };
}

/** Go's Duration.Round(time.Second) in whole seconds: halves away from zero. */
function goRoundSeconds(ms: number): number {
  return Math.sign(ms) * Math.floor(Math.abs(ms) / 1000 + 0.5);
}

/** How long until the next slot after the most recent one, plus nextScheduleDelta. */
export function nextScheduleTimeDuration(cj: CronJobT, now: number, schedule: Schedule): number {
  const r = mostRecentScheduleTime(cj, now, schedule, false);
  let mostRecent: number;
  if (r.error !== undefined) mostRecent = now;
  else if (r.mostRecentTime === undefined) mostRecent = r.missed === 'none' ? r.earliestTime : now;
  else mostRecent = r.mostRecentTime;
  return schedule.next(mostRecent) + nextScheduleDelta - now;
}

export interface NextScheduleTime {
  time?: number;
  error?: string;
  /** More than 100 slots were missed (the caller records TooManyMissedTimes). */
  tooManyMissed: boolean;
}

/** The unmet schedule time to act on now (honouring startingDeadlineSeconds), if any. */
export function nextScheduleTime(cj: CronJobT, now: number, schedule: Schedule): NextScheduleTime {
  const r = mostRecentScheduleTime(cj, now, schedule, true);
  if (r.mostRecentTime === undefined || r.mostRecentTime > now) return { error: r.error, tooManyMissed: false };
  return { time: r.mostRecentTime, error: r.error, tooManyMissed: r.missed === 'many' };
}

/** Unix time in minutes: the suffix of the Job names (the controller's granularity is one minute). */
export function getTimeHashInMinutes(scheduledTime: number): number {
  return Math.trunc(Math.trunc(scheduledTime / 1000) / 60);
}

export function getJobName(cj: CronJobT, scheduledTime: number): string {
  return `${cj.metadata.name}-${getTimeHashInMinutes(scheduledTime)}`;
}

export function newControllerRef(cj: CronJobT): OwnerReferenceT {
  return { apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata.name!, uid: cj.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

/** The Job for one scheduled time; throws if the time zone cannot be loaded. */
export function getJobFromTemplate2(cj: CronJobT, scheduledTime: number): JobT {
  const template = cj.spec?.jobTemplate;
  const labels = { ...(template?.metadata?.labels ?? {}) };
  const annotations: Record<string, string> = { ...(template?.metadata?.annotations ?? {}) };
  const tz = cj.spec?.timeZone ?? '';
  const err = loadLocationError(tz);
  if (err !== undefined) throw new Error(err);
  annotations[CronJobScheduledTimestampAnnotation] = formatRFC3339In(tz === '' ? 'UTC' : tz, Math.floor(scheduledTime / 1000));
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { labels, annotations, name: getJobName(cj, scheduledTime), ownerReferences: [newControllerRef(cj)] },
    spec: structuredClone(template?.spec ?? {}) as JobT['spec'],
  } as JobT;
}

/** ref.GetReference for a Job. */
export function getRef(job: KObject): ObjectReferenceT {
  return {
    kind: 'Job',
    namespace: job.metadata.namespace,
    name: job.metadata.name,
    uid: job.metadata.uid,
    apiVersion: 'batch/v1',
    resourceVersion: job.metadata.resourceVersion,
  };
}

/** jobutil.FinishedCondition: Complete or Failed with status True. */
export function finishedCondition(job: JobT): { finished: boolean; type: string } {
  for (const c of job.status?.conditions ?? []) if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return { finished: true, type: c.type };
  return { finished: false, type: '' };
}

export const isJobFinished = (job: JobT) => finishedCondition(job).finished;

export const isJobSucceeded = (job: JobT) => (job.status?.conditions ?? []).some((c) => c.type === 'Complete' && c.status === 'True');

/** byJobStartTime.Less: started before unstarted, earlier first, then by name. */
export function byJobStartTime(a: JobT, b: JobT): number {
  const sa = timeOf(a.status?.startTime);
  const sb = timeOf(b.status?.startTime);
  if (sa === undefined && sb !== undefined) return 1;
  if (sa !== undefined && sb === undefined) return -1;
  if (sa === sb) return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : (a.metadata.name ?? '') > (b.metadata.name ?? '') ? 1 : 0;
  return sa! < sb! ? -1 : 1;
}
