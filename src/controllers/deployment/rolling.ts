/**
 * rolling.go: rolloutRolling, reconcileNewReplicaSet (grow the new RS up to replicas + maxSurge),
 * reconcileOldReplicaSets (shrink old RSes while keeping replicas - maxUnavailable available),
 * cleanupUnhealthyReplicas and scaleDownOldReplicaSetsForRollingUpdate.
 */
import type { DeploymentT } from '../../api/apps/deployment.js';
import type { ReplicaSetT } from '../../api/apps/replicaset.js';
import type { DeploymentContext } from './context.js';
import { syncRolloutStatus } from './progress.js';
import { byCreationTimestamp, filterActiveReplicaSets } from './rs-util.js';
import { cleanupDeployment, scaleReplicaSetAndRecordEvent } from './scale.js';
import { getAllReplicaSetsAndSyncRevision } from './sync.js';
import { deploymentComplete, dReplicas, getAvailableReplicaCountForReplicaSets, getReplicaCountForReplicaSets, maxUnavailable, newRSNewReplicas, rsReplicas } from './util.js';

type RS = ReplicaSetT;

/** rolloutRolling: scale up if we can, else scale down if we can, then sync the rollout status. */
export function rolloutRolling(dc: DeploymentContext, d: DeploymentT, rsList: RS[]): void {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, true);
  const allRSs = [...oldRSs, newRS];
  if (reconcileNewReplicaSet(dc, allRSs, newRS!, d)) return syncRolloutStatus(dc, allRSs, newRS, d);
  if (reconcileOldReplicaSets(dc, allRSs, filterActiveReplicaSets(oldRSs), newRS!, d)) return syncRolloutStatus(dc, allRSs, newRS, d);
  if (deploymentComplete(d, d.status ?? {})) cleanupDeployment(dc, oldRSs, d);
  syncRolloutStatus(dc, allRSs, newRS, d);
}

/** reconcileNewReplicaSet: true when the new RS was scaled. */
export function reconcileNewReplicaSet(dc: DeploymentContext, allRSs: Array<RS | undefined>, newRS: RS, d: DeploymentT): boolean {
  if (rsReplicas(newRS) === dReplicas(d)) return false;
  if (rsReplicas(newRS) > dReplicas(d)) return scaleReplicaSetAndRecordEvent(dc, newRS, dReplicas(d), d)[0];
  const newReplicasCount = newRSNewReplicas(d, allRSs, newRS);
  return scaleReplicaSetAndRecordEvent(dc, newRS, newReplicasCount, d)[0];
}

/**
 * reconcileOldReplicaSets: scale old RSes down by at most
 * allPods - minAvailable - newRSUnavailable, unhealthy replicas first. Errors after the first check
 * are swallowed as upstream does (the next sync retries).
 */
export function reconcileOldReplicaSets(dc: DeploymentContext, allRSs: Array<RS | undefined>, oldRSs: RS[], newRS: RS, d: DeploymentT): boolean {
  const oldPodsCount = getReplicaCountForReplicaSets(oldRSs);
  if (oldPodsCount === 0) return false;
  const allPodsCount = getReplicaCountForReplicaSets(allRSs);
  const minAvailable = dReplicas(d) - maxUnavailable(d);
  const newRSUnavailablePodCount = rsReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = allPodsCount - minAvailable - newRSUnavailablePodCount;
  if (maxScaledDown <= 0) return false;
  let cleanupCount: number;
  let scaledDownCount: number;
  try {
    // Unhealthy replicas first, or they would block the rollout until the deadline.
    [oldRSs, cleanupCount] = cleanupUnhealthyReplicas(dc, oldRSs, d, maxScaledDown);
  } catch {
    return false;
  }
  try {
    scaledDownCount = scaleDownOldReplicaSetsForRollingUpdate(dc, [...oldRSs, newRS], oldRSs, d);
  } catch {
    return false;
  }
  return cleanupCount + scaledDownCount > 0;
}

/** cleanupUnhealthyReplicas: scale old RSes down by their unavailable replicas, oldest first. */
export function cleanupUnhealthyReplicas(dc: DeploymentContext, oldRSs: RS[], d: DeploymentT, maxCleanupCount: number): [RS[], number] {
  oldRSs.sort(byCreationTimestamp);
  let totalScaledDown = 0;
  for (let i = 0; i < oldRSs.length; i++) {
    const target = oldRSs[i];
    if (totalScaledDown >= maxCleanupCount) break;
    if (rsReplicas(target) === 0) continue;
    const available = target.status?.availableReplicas ?? 0;
    if (rsReplicas(target) === available) continue;
    const scaledDownCount = Math.min(maxCleanupCount - totalScaledDown, rsReplicas(target) - available);
    const newReplicasCount = rsReplicas(target) - scaledDownCount;
    if (newReplicasCount > rsReplicas(target)) {
      throw new Error(`when cleaning up unhealthy replicas, got invalid request to scale down ${target.metadata.namespace}/${target.metadata.name} ${rsReplicas(target)} -> ${newReplicasCount}`);
    }
    const [, updated] = scaleReplicaSetAndRecordEvent(dc, target, newReplicasCount, d);
    totalScaledDown += scaledDownCount;
    oldRSs[i] = updated;
  }
  return [oldRSs, totalScaledDown];
}

/** scaleDownOldReplicaSetsForRollingUpdate: scale old RSes down while more than minAvailable are available. */
export function scaleDownOldReplicaSetsForRollingUpdate(dc: DeploymentContext, allRSs: Array<RS | undefined>, oldRSs: RS[], d: DeploymentT): number {
  const minAvailable = dReplicas(d) - maxUnavailable(d);
  const availablePodCount = getAvailableReplicaCountForReplicaSets(allRSs);
  if (availablePodCount <= minAvailable) return 0;
  oldRSs.sort(byCreationTimestamp);
  let totalScaledDown = 0;
  const totalScaleDownCount = availablePodCount - minAvailable;
  for (const target of oldRSs) {
    if (totalScaledDown >= totalScaleDownCount) break;
    if (rsReplicas(target) === 0) continue;
    const scaleDownCount = Math.min(rsReplicas(target), totalScaleDownCount - totalScaledDown);
    const newReplicasCount = rsReplicas(target) - scaleDownCount;
    if (newReplicasCount > rsReplicas(target)) {
      throw new Error(`when scaling down old RS, got invalid request to scale down ${target.metadata.namespace}/${target.metadata.name} ${rsReplicas(target)} -> ${newReplicasCount}`);
    }
    scaleReplicaSetAndRecordEvent(dc, target, newReplicasCount, d);
    totalScaledDown += scaleDownCount;
  }
  return totalScaledDown;
}
