/**
 * controller.ActivePods ordering for the Job controller: the pods to delete first come first
 * (unscheduled, pending, not ready, ready for less time, more restarts, newest). Built on the
 * ReplicaSet controller's ranking with equal ranks and unscaled times.
 */
import { sortActivePodsWithRanks } from '../replicaset/ranking.js';
import type { JobPod } from './types.js';

export function sortActivePods<T extends JobPod>(pods: T[], _now?: number): T[] {
  return sortActivePodsWithRanks(pods, pods.map(() => 0), undefined);
}
