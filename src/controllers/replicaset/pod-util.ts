/**
 * Pod helpers the ReplicaSet controller shares with upstream's pkg/api/v1/pod and
 * pkg/controller/controller_utils.go: IsPodReady, IsPodAvailable, IsPodActive, FilterActivePods,
 * PodKey, metav1.GetControllerOf.
 */
import type { KObject, OwnerReferenceT } from '../../api/meta.js';
import { parseTime } from '../../util/clock.js';

export interface PodCondition {
  type: string;
  status: string;
  lastTransitionTime?: string | null;
  reason?: string;
  message?: string;
}

/** The parts of a pod the controller reads. */
export interface PodLike extends KObject {
  spec?: { nodeName?: string; [k: string]: unknown };
  status?: {
    phase?: string;
    conditions?: PodCondition[];
    containerStatuses?: Array<{ restartCount?: number; [k: string]: unknown }>;
    [k: string]: unknown;
  };
}

export function getPodReadyCondition(pod: PodLike): PodCondition | undefined {
  return (pod.status?.conditions ?? []).find((c) => c.type === 'Ready');
}

/** IsPodReady: the Ready condition is True. */
export function isPodReady(pod: PodLike): boolean {
  return getPodReadyCondition(pod)?.status === 'True';
}

/**
 * IsPodAvailable: ready, and either minReadySeconds is 0 or the Ready condition's lastTransitionTime
 * plus minReadySeconds is strictly before now.
 */
export function isPodAvailable(pod: PodLike, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds === 0) return true;
  const t = parseTime(getPodReadyCondition(pod)?.lastTransitionTime);
  return t !== undefined && t + minReadySeconds * 1000 < now;
}

/** IsPodActive: not Succeeded, not Failed, and not being deleted. */
export function isPodActive(pod: PodLike): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

export function filterActivePods<T extends PodLike>(pods: T[]): T[] {
  return pods.filter(isPodActive);
}

/** PodKey: namespace/name. */
export const podKey = (pod: KObject): string => `${pod.metadata.namespace ?? ''}/${pod.metadata.name}`;

/** metav1.GetControllerOf: the owner reference with controller true, if any. */
export function getControllerOf(obj: KObject): OwnerReferenceT | undefined {
  return (obj.metadata.ownerReferences ?? []).find((r) => r.controller === true);
}
