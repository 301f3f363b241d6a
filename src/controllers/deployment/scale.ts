/**
 * Scaling of sync.go: scale (proportional scaling of every active ReplicaSet when the deployment is
 * resized mid-rollout or while paused), scaleReplicaSetAndRecordEvent / scaleReplicaSet (with the
 * ScalingReplicaSet event "Scaled up replica set X from M to N"), and cleanupDeployment
 * (revisionHistoryLimit).
 */
import type { DeploymentT } from '../../api/apps/deployment.js';
import type { ReplicaSetT } from '../../api/apps/replicaset.js';
import { isApiError } from '../../api/errors.js';
import { replicasAnnotationsNeedUpdate, setReplicasAnnotations } from './annotations.js';
import type { DeploymentContext } from './context.js';
import { byCreationTimestamp, byRevision, bySizeNewer, bySizeOlder, filterActiveReplicaSets } from './rs-util.js';
import {
  dReplicas,
  getProportion,
  getReplicaCountForReplicaSets,
  hasRevisionHistoryLimit,
  isRollingUpdate,
  isSaturated,
  maxSurge,
  rsReplicas,
} from './util.js';

type RS = ReplicaSetT;

/**
 * FindActiveOrLatest: the only active RS, or the newest one when none is active; undefined when
 * several are active (they are then scaled proportionally). Sorts oldRSs newest first, in place.
 */
export function findActiveOrLatest(newRS: RS | undefined, oldRSs: RS[]): RS | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  oldRSs.sort((a, b) => byCreationTimestamp(b, a));
  const all = filterActiveReplicaSets([...oldRSs, newRS]);
  if (all.length === 0) return newRS ?? oldRSs[0];
  if (all.length === 1) return all[0];
  return undefined;
}

/** scale: see the file comment. Throws on the first failed write (the deployment is requeued). */
export function scale(dc: DeploymentContext, d: DeploymentT, newRS: RS | undefined, oldRSs: RS[]): void {
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest) {
    if (rsReplicas(activeOrLatest) === dReplicas(d)) return;
    scaleReplicaSetAndRecordEvent(dc, activeOrLatest, dReplicas(d), d);
    return;
  }
  // A saturated new RS means old ones go to zero (adoption while the new RS is saturated).
  if (isSaturated(d, newRS)) {
    for (const old of filterActiveReplicaSets(oldRSs)) scaleReplicaSetAndRecordEvent(dc, old, 0, d);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const allRSs = filterActiveReplicaSets([...oldRSs, newRS]);
  const allRSsReplicas = getReplicaCountForReplicaSets(allRSs);
  const allowedSize = dReplicas(d) > 0 ? dReplicas(d) + maxSurge(d) : 0;
  // Replicas to add (or remove, when negative), spread over the active RSes from the largest down.
  const toAdd = allowedSize - allRSsReplicas;
  if (toAdd > 0) allRSs.sort(bySizeNewer);
  else if (toAdd < 0) allRSs.sort(bySizeOlder);
  let added = 0;
  const nameToSize = new Map<string, number>();
  for (const rs of allRSs) {
    if (toAdd !== 0) {
      const proportion = getProportion(rs, d, toAdd, added);
      nameToSize.set(rs.metadata.name!, rsReplicas(rs) + proportion);
      added += proportion;
    } else nameToSize.set(rs.metadata.name!, rsReplicas(rs));
  }
  allRSs.forEach((rs, i) => {
    const n = rs.metadata.name!;
    // Leftovers go to the largest replica set.
    if (i === 0 && toAdd !== 0) nameToSize.set(n, Math.max(0, nameToSize.get(n)! + toAdd - added));
    scaleReplicaSet(dc, rs, nameToSize.get(n)!, d);
  });
}

/** scaleReplicaSetAndRecordEvent: [scaled, rs]. */
export function scaleReplicaSetAndRecordEvent(dc: DeploymentContext, rs: RS, newScale: number, d: DeploymentT): [boolean, RS] {
  if (rsReplicas(rs) === newScale) return [false, rs];
  return scaleReplicaSet(dc, rs, newScale, d);
}

/** scaleReplicaSet: set replicas and the replica annotations in one update; event when the size changed. */
export function scaleReplicaSet(dc: DeploymentContext, rs: RS, newScale: number, d: DeploymentT): [boolean, RS] {
  const sizeNeedsUpdate = rsReplicas(rs) !== newScale;
  const max = dReplicas(d) + maxSurge(d);
  const annotationsNeedUpdate = replicasAnnotationsNeedUpdate(rs, dReplicas(d), max);
  if (!sizeNeedsUpdate && !annotationsNeedUpdate) return [false, rs];
  const oldScale = rsReplicas(rs);
  const copy = structuredClone(rs);
  copy.spec = { ...copy.spec!, replicas: newScale };
  setReplicasAnnotations(copy, dReplicas(d), max);
  const updated = dc.updateReplicaSet(copy);
  if (!sizeNeedsUpdate) return [false, updated];
  const op = oldScale < newScale ? 'up' : 'down';
  dc.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${op} replica set ${updated.metadata.name} from ${oldScale} to ${newScale}`);
  return [true, updated];
}

/**
 * cleanupDeployment: delete the oldest old ReplicaSets beyond revisionHistoryLimit, skipping those
 * that still have pods, are being deleted, or whose latest spec the RS controller has not observed.
 */
export function cleanupDeployment(dc: DeploymentContext, oldRSs: RS[], d: DeploymentT): void {
  if (!hasRevisionHistoryLimit(d)) return;
  const cleanable = oldRSs.filter((rs) => rs && !rs.metadata.deletionTimestamp);
  const diff = cleanable.length - d.spec!.revisionHistoryLimit!;
  if (diff <= 0) return;
  cleanable.sort(byRevision);
  for (let i = 0; i < diff; i++) {
    const rs = cleanable[i];
    if ((rs.status?.replicas ?? 0) !== 0 || rsReplicas(rs) !== 0 || (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0) || rs.metadata.deletionTimestamp) {
      continue;
    }
    try {
      dc.deleteReplicaSet(rs.metadata.namespace!, rs.metadata.name!);
    } catch (e) {
      if (!isApiError(e, 'NotFound')) throw e;
    }
  }
}
