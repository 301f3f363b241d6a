/**
 * recreate.go: rolloutRecreate scales every old ReplicaSet to zero, waits until no old pod is left
 * (pods in a terminal phase do not count), and only then creates/scales up the new ReplicaSet.
 */
import type { DeploymentT } from '../../api/apps/deployment.js';
import type { ReplicaSetT } from '../../api/apps/replicaset.js';
import type { KObject } from '../../api/meta.js';
import type { DeploymentContext } from './context.js';
import { syncRolloutStatus } from './progress.js';
import { filterActiveReplicaSets } from './rs-util.js';
import { cleanupDeployment, scaleReplicaSetAndRecordEvent } from './scale.js';
import { getAllReplicaSetsAndSyncRevision } from './sync.js';
import { deploymentComplete, dReplicas, getActualReplicaCountForReplicaSets, rsReplicas } from './util.js';

type RS = ReplicaSetT;
/** Pods by the uid of the ReplicaSet that controls them. */
export type PodMap = Map<string, KObject[]>;

export function rolloutRecreate(dc: DeploymentContext, d: DeploymentT, rsList: RS[], podMap: PodMap): void {
  // No new RS yet, so that we never scale up before scaling down.
  let [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  let allRSs = [...oldRSs, newRS];
  const activeOldRSs = filterActiveReplicaSets(oldRSs);
  if (scaleDownOldReplicaSetsForRecreate(dc, activeOldRSs, d)) return syncRolloutStatus(dc, allRSs, newRS, d);
  if (oldPodsRunning(newRS, oldRSs, podMap)) return syncRolloutStatus(dc, allRSs, newRS, d);
  if (!newRS) {
    [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, true);
    allRSs = [...oldRSs, newRS];
  }
  scaleReplicaSetAndRecordEvent(dc, newRS!, dReplicas(d), d);
  if (deploymentComplete(d, d.status ?? {})) cleanupDeployment(dc, oldRSs, d);
  syncRolloutStatus(dc, allRSs, newRS, d);
}

/** scaleDownOldReplicaSetsForRecreate: every old RS to zero; true when any was scaled. */
export function scaleDownOldReplicaSetsForRecreate(dc: DeploymentContext, oldRSs: RS[], d: DeploymentT): boolean {
  let scaled = false;
  for (let i = 0; i < oldRSs.length; i++) {
    const rs = oldRSs[i];
    if (rsReplicas(rs) === 0) continue;
    const [did, updated] = scaleReplicaSetAndRecordEvent(dc, rs, 0, d);
    if (did) {
      oldRSs[i] = updated;
      scaled = true;
    }
  }
  return scaled;
}

/** oldPodsRunning: an old RS reports pods, or a pod of an old RS is not Succeeded/Failed. */
export function oldPodsRunning(newRS: RS | undefined, oldRSs: RS[], podMap: PodMap): boolean {
  if (getActualReplicaCountForReplicaSets(oldRSs) > 0) return true;
  for (const [uid, pods] of podMap) {
    if (newRS && newRS.metadata.uid === uid) continue;
    for (const pod of pods) {
      const phase = (pod.status as { phase?: string } | undefined)?.phase;
      if (phase === 'Failed' || phase === 'Succeeded') continue;
      // Unknown (deprecated) and every other phase count as running.
      return true;
    }
  }
  return false;
}
