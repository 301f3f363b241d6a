/**
 * Pod-failure backoff as upstream's pkg/controller/job/backoff_utils.go: a per-job record of failures
 * since the last success and the last failure's finish time; pod creation waits
 * DefaultJobPodFailureBackOff (10 s) doubled per further failure, capped at MaxJobPodFailureBackOff
 * (10 min in the v1.32 source), counted from that finish time.
 */
import { parseTime } from '../../util/clock.js';
import type { ContainerStatusLike, JobPod } from './types.js';

export const DefaultJobPodFailureBackOffMs = 10_000;
export const MaxJobPodFailureBackOffMs = 10 * 60_000;

export interface BackoffRecord {
  key: string;
  failuresAfterLastSuccess: number;
  /** ms since epoch */
  lastFailureTime?: number;
}

/** latestFinishTime over terminated containers; undefined when any container has not finished. */
function latestFinishTime(prev: number | undefined, statuses: ContainerStatusLike[] | undefined, check?: (name: string) => boolean): number | undefined {
  let finish = prev;
  for (const cs of statuses ?? []) {
    if (check && !check(cs.name)) continue;
    const t = parseTime(cs.state?.terminated?.finishedAt ?? undefined);
    if (!cs.state?.terminated || t === undefined) return undefined;
    if (finish === undefined || finish < t) finish = t;
  }
  return finish;
}

/** getFinishedTime: containers' finish, else the Ready=False transition, else deletion, else creation. */
export function getFinishedTime(p: JobPod): number {
  let finish = latestFinishTime(undefined, p.status?.containerStatuses);
  if (finish !== undefined) {
    const sidecars = new Set((p.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
    finish = latestFinishTime(finish, p.status?.initContainerStatuses, (n) => sidecars.has(n));
  }
  if (finish === undefined) {
    const ready = (p.status?.conditions ?? []).find((c) => c.type === 'Ready');
    if (ready?.status === 'False') finish = parseTime(ready.lastTransitionTime ?? undefined);
  }
  if (finish === undefined && p.metadata.deletionTimestamp) {
    const ts = parseTime(p.metadata.deletionTimestamp);
    if (ts !== undefined) finish = ts - (p.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
  }
  return finish ?? parseTime(p.metadata.creationTimestamp ?? undefined) ?? 0;
}

const byFinish = (a: JobPod, b: JobPod) => getFinishedTime(a) - getFinishedTime(b);

export class BackoffStore {
  private readonly store = new Map<string, BackoffRecord>();

  updateBackoffRecord(r: BackoffRecord): void {
    this.store.set(r.key, { ...r });
  }

  removeBackoffRecord(key: string): void {
    this.store.delete(key);
  }

  get(key: string): BackoffRecord | undefined {
    return this.store.get(key);
  }

  /** newBackoffRecord: the record after these newly finished pods. */
  newBackoffRecord(key: string, newSucceededPods: JobPod[], newFailedPods: JobPod[]): BackoffRecord {
    const backoff: BackoffRecord = { ...(this.store.get(key) ?? { key, failuresAfterLastSuccess: 0 }) };
    const succeeded = [...newSucceededPods].sort(byFinish);
    const failed = [...newFailedPods].sort(byFinish);
    if (succeeded.length === 0) {
      if (failed.length === 0) return backoff;
      backoff.failuresAfterLastSuccess += failed.length;
      backoff.lastFailureTime = getFinishedTime(failed[failed.length - 1]!);
      return backoff;
    }
    backoff.failuresAfterLastSuccess = 0;
    backoff.lastFailureTime = undefined;
    if (failed.length === 0) return backoff;
    const lastSuccessTime = getFinishedTime(succeeded[succeeded.length - 1]!);
    for (let i = failed.length - 1; i >= 0; i--) {
      const failedTime = getFinishedTime(failed[i]!);
      if (!(failedTime > lastSuccessTime)) break;
      if (backoff.lastFailureTime === undefined) backoff.lastFailureTime = failedTime;
      backoff.failuresAfterLastSuccess += 1;
    }
    return backoff;
  }
}

/** getRemainingTimeForFailuresCount: ms left before pods may be created again. */
export function getRemainingTime(
  now: number,
  failuresCount: number,
  lastFailureTime: number | undefined,
  defaultBackoff = DefaultJobPodFailureBackOffMs,
  maxBackoff = MaxJobPodFailureBackOffMs,
): number {
  if (failuresCount === 0) return 0;
  let backoff = defaultBackoff;
  for (let i = 1; i < failuresCount; i++) {
    backoff *= 2;
    if (backoff >= maxBackoff) {
      backoff = maxBackoff;
      break;
    }
  }
  const elapsed = now - (lastFailureTime ?? now);
  if (backoff < elapsed) return 0;
  return backoff - elapsed;
}
