/**
 * ReplicaSet status as upstream's replica_set_utils.go: calculateStatus counts the claimed active
 * pods (replicas, fullyLabeledReplicas, readyReplicas, availableReplicas after minReadySeconds) and
 * sets or clears the ReplicaFailure condition; updateReplicaSetStatus writes it through the status
 * subresource only when something changed, with one GET-and-retry on failure.
 */
import type { KObject } from '../../api/meta.js';
import { matches, selectorFromSet } from '../../api/selectors/labels.js';
import { deepEqual } from '../../api/validation.js';
import type { ResourceClient } from '../../client/client.js';
import { parseTime, rfc3339 } from '../../util/clock.js';
import { getPodReadyCondition, isPodAvailable, isPodReady, type PodLike } from './pod-util.js';

export const ReplicaSetReplicaFailure = 'ReplicaFailure';

/** The number of times a status update is retried after a fresh GET. */
export const statusUpdateRetries = 1;

export interface ReplicaSetCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface ReplicaSetStatus {
  replicas?: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
  conditions?: ReplicaSetCondition[];
  [k: string]: unknown;
}

export interface ReplicaSetLike extends KObject {
  spec?: {
    replicas?: number;
    minReadySeconds?: number;
    selector?: unknown;
    template?: { metadata?: { labels?: Record<string, string> }; [k: string]: unknown };
    [k: string]: unknown;
  };
  status?: ReplicaSetStatus;
}

export function newReplicaSetCondition(type: string, status: string, reason: string, message: string, now: number): ReplicaSetCondition {
  return { type, status, lastTransitionTime: rfc3339(now), reason, message };
}

export function getCondition(status: ReplicaSetStatus | undefined, type: string): ReplicaSetCondition | undefined {
  return (status?.conditions ?? []).find((c) => c.type === type);
}

/** SetCondition: add or replace, unless one with the same status and reason is already there. */
export function setCondition(status: ReplicaSetStatus, condition: ReplicaSetCondition): void {
  const cur = getCondition(status, condition.type);
  if (cur && cur.status === condition.status && cur.reason === condition.reason) return;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), condition];
}

export function removeCondition(status: ReplicaSetStatus, type: string): void {
  const rest = (status.conditions ?? []).filter((c) => c.type !== type);
  if (rest.length) status.conditions = rest;
  else delete status.conditions;
}

/** Status in Go's field order, with zero counts dropped as Go's omitempty drops them. */
function omitZeros(s: ReplicaSetStatus): ReplicaSetStatus {
  const out: ReplicaSetStatus = { replicas: s.replicas ?? 0 };
  const counts = ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'observedGeneration'] as const;
  for (const k of counts) if (s[k]) out[k] = s[k];
  if (s.conditions?.length) out.conditions = s.conditions;
  for (const [k, v] of Object.entries(s)) if (!(k in out) && k !== 'conditions' && !(counts as readonly string[]).includes(k)) out[k] = v;
  return out;
}

/** calculateStatus: the status for these (claimed, active) pods and the result of manageReplicas. */
export function calculateStatus(rs: ReplicaSetLike, filteredPods: PodLike[], manageReplicasErr: Error | undefined, now: number): ReplicaSetStatus {
  const newStatus: ReplicaSetStatus = structuredClone(rs.status ?? {});
  const templateLabel = selectorFromSet(rs.spec?.template?.metadata?.labels ?? {});
  const minReadySeconds = rs.spec?.minReadySeconds ?? 0;
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of filteredPods) {
    if (matches(templateLabel, pod.metadata.labels)) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReadySeconds, now)) available++;
    }
  }
  const failureCond = getCondition(rs.status, ReplicaSetReplicaFailure);
  if (manageReplicasErr && !failureCond) {
    const diff = filteredPods.length - (rs.spec?.replicas ?? 1);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    setCondition(newStatus, newReplicaSetCondition(ReplicaSetReplicaFailure, 'True', reason, manageReplicasErr.message, now));
  } else if (!manageReplicasErr && failureCond) {
    removeCondition(newStatus, ReplicaSetReplicaFailure);
  }
  newStatus.replicas = filteredPods.length;
  newStatus.fullyLabeledReplicas = fullyLabeled;
  newStatus.readyReplicas = ready;
  newStatus.availableReplicas = available;
  return omitZeros(newStatus);
}

/**
 * updateReplicaSetStatus: nothing to do when the counts, the conditions and observedGeneration are
 * current; otherwise write status (observedGeneration = generation) through /status, retrying once
 * on a fresh copy. Returns the ReplicaSet as stored.
 */
export function updateReplicaSetStatus(client: ResourceClient, rs: ReplicaSetLike, newStatus: ReplicaSetStatus): ReplicaSetLike {
  const cur = rs.status ?? {};
  if (
    (cur.replicas ?? 0) === (newStatus.replicas ?? 0) &&
    (cur.fullyLabeledReplicas ?? 0) === (newStatus.fullyLabeledReplicas ?? 0) &&
    (cur.readyReplicas ?? 0) === (newStatus.readyReplicas ?? 0) &&
    (cur.availableReplicas ?? 0) === (newStatus.availableReplicas ?? 0) &&
    (rs.metadata.generation ?? 0) === (cur.observedGeneration ?? 0) &&
    deepEqual(cur.conditions ?? [], newStatus.conditions ?? [])
  )
    return rs;
  const status = omitZeros({ ...newStatus, observedGeneration: rs.metadata.generation ?? 0 });
  let target: ReplicaSetLike = rs;
  for (let i = 0; ; i++) {
    try {
      return client.updateStatus(target.metadata.namespace!, { ...target, status }) as ReplicaSetLike;
    } catch (e) {
      if (i >= statusUpdateRetries) throw e;
      target = client.get(target.metadata.namespace!, target.metadata.name!) as ReplicaSetLike;
    }
  }
}

/**
 * The delay until the earliest ready-but-not-yet-available pod becomes available (plus a second, as
 * upstream adds against skew), or undefined when there is none.
 */
export function nextAvailableCheck(pods: PodLike[], minReadySeconds: number, now: number): number | undefined {
  if (minReadySeconds <= 0) return undefined;
  let next: number | undefined;
  for (const pod of pods) {
    if (!isPodReady(pod) || isPodAvailable(pod, minReadySeconds, now)) continue;
    const t = parseTime(getPodReadyCondition(pod)?.lastTransitionTime);
    const wait = t === undefined ? minReadySeconds * 1000 : Math.max(0, t + minReadySeconds * 1000 - now) + 1000;
    next = next === undefined ? wait : Math.min(next, wait);
  }
  return next;
}
