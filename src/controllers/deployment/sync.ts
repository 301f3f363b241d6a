/**
 * sync.go: sync (scaling events and paused deployments), syncStatusOnly, checkPausedConditions,
 * isScalingEvent, getAllReplicaSetsAndSyncRevision and getNewReplicaSet (find the RS whose template
 * equals the deployment's, bump its revision to max(old)+1, or create `<deploy>-<pod-template-hash>`,
 * bumping status.collisionCount on a hash collision).
 */
import type { DeploymentT } from '../../api/apps/deployment.js';
import type { ReplicaSetT } from '../../api/apps/replicaset.js';
import { isApiError } from '../../api/errors.js';
import { maxRevision, RevisionAnnotation, setDeploymentRevision, setNewReplicaSetAnnotations, getDesiredReplicasAnnotation } from './annotations.js';
import {
  FailedRSCreateReason,
  FoundNewRSReason,
  getDeploymentCondition,
  newDeploymentCondition,
  NewReplicaSetReason,
  PausedDeployReason,
  ResumedDeployReason,
  setDeploymentCondition,
  TimedOutReason,
} from './conditions.js';
import { errorText, updateStatus, type DeploymentContext } from './context.js';
import { computeHash } from './hash.js';
import { getRollbackTo } from './rollback.js';
import { cloneAndAddLabel, cloneSelectorAndAddLabel, equalIgnoreHash, filterActiveReplicaSets, findNewReplicaSet, findOldReplicaSets } from './rs-util.js';
import { cleanupDeployment, scale } from './scale.js';
import { syncDeploymentStatus } from './status.js';
import { DefaultDeploymentUniqueLabelKey, dReplicas, hasProgressDeadline, maxSurge, newRSNewReplicas } from './util.js';

type RS = ReplicaSetT;

/** Limit revision-history to about 100 entries. */
export const maxRevHistoryLengthInChars = 2000;

/** syncStatusOnly: only the status (deployments being deleted). */
export function syncStatusOnly(dc: DeploymentContext, d: DeploymentT, rsList: RS[]): void {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  syncDeploymentStatus(dc, [...oldRSs, newRS], newRS, d);
}

/** sync: scaling events and paused deployments (no rollout). */
export function sync(dc: DeploymentContext, d: DeploymentT, rsList: RS[]): void {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  scale(dc, d, newRS, oldRSs);
  // Clean up when paused and no rollback is in flight.
  if (d.spec?.paused && !getRollbackTo(d)) cleanupDeployment(dc, oldRSs, d);
  syncDeploymentStatus(dc, [...oldRSs, newRS], newRS, d);
}

/**
 * checkPausedConditions: Progressing Unknown DeploymentPaused / DeploymentResumed, so that time
 * spent paused is not counted against progressDeadlineSeconds.
 */
export function checkPausedConditions(dc: DeploymentContext, d: DeploymentT): void {
  if (!hasProgressDeadline(d)) return;
  const cond = getDeploymentCondition(d.status, 'Progressing');
  if (cond && cond.reason === TimedOutReason) return;
  const pausedCondExists = !!cond && cond.reason === PausedDeployReason;
  let needsUpdate = false;
  d.status ??= {};
  if (d.spec?.paused && !pausedCondExists) {
    setDeploymentCondition(d.status, newDeploymentCondition('Progressing', 'Unknown', PausedDeployReason, 'Deployment is paused', dc.now()));
    needsUpdate = true;
  } else if (!d.spec?.paused && pausedCondExists) {
    setDeploymentCondition(d.status, newDeploymentCondition('Progressing', 'Unknown', ResumedDeployReason, 'Deployment is resumed', dc.now()));
    needsUpdate = true;
  }
  if (needsUpdate) updateStatus(dc, d);
}

/** isScalingEvent: an active RS's desired-replicas annotation differs from spec.replicas. */
export function isScalingEvent(dc: DeploymentContext, d: DeploymentT, rsList: RS[]): boolean {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  for (const rs of filterActiveReplicaSets([...oldRSs, newRS])) {
    const desired = getDesiredReplicasAnnotation(rs);
    if (desired === undefined) continue;
    if (desired !== dReplicas(d)) return true;
  }
  return false;
}

/** getAllReplicaSetsAndSyncRevision: [newRS (maybe created), all old RSes]. */
export function getAllReplicaSetsAndSyncRevision(dc: DeploymentContext, d: DeploymentT, rsList: RS[], createIfNotExisted: boolean): [RS | undefined, RS[]] {
  const [, allOldRSs] = findOldReplicaSets(d, rsList);
  const newRS = getNewReplicaSet(dc, d, rsList, allOldRSs, createIfNotExisted);
  return [newRS, allOldRSs];
}

function hasStatusCause(e: unknown, type: string): boolean {
  return isApiError(e) && !!e.details?.causes?.some((c) => c.reason === type);
}

/** getNewReplicaSet: see the file comment. */
export function getNewReplicaSet(dc: DeploymentContext, d: DeploymentT, rsList: RS[], oldRSs: RS[], createIfNotExisted: boolean): RS | undefined {
  const existing = findNewReplicaSet(d, rsList);
  const newRevision = String(maxRevision(oldRSs) + 1);
  d.status ??= {};
  if (existing) {
    const rsCopy = structuredClone(existing);
    const annotationsUpdated = setNewReplicaSetAnnotations(d, rsCopy, newRevision, true, maxRevHistoryLengthInChars, maxSurge);
    const minReadySecondsNeedsUpdate = (rsCopy.spec?.minReadySeconds ?? 0) !== (d.spec?.minReadySeconds ?? 0);
    if (annotationsUpdated || minReadySecondsNeedsUpdate) {
      rsCopy.spec = { ...rsCopy.spec!, minReadySeconds: d.spec?.minReadySeconds ?? 0 };
      const updated = dc.updateReplicaSet(rsCopy);
      // Later steps of this sync see the written RS (upstream would meet a conflict and retry).
      const i = rsList.findIndex((rs) => rs.metadata.uid === updated.metadata.uid);
      if (i >= 0) rsList[i] = updated;
      return updated;
    }
    let needsUpdate = setDeploymentRevision(d, rsCopy.metadata.annotations?.[RevisionAnnotation] ?? '');
    // No Progressing condition yet: take the first time we noticed the new RS as the base for progress.
    if (hasProgressDeadline(d) && !getDeploymentCondition(d.status, 'Progressing')) {
      const msg = `Found new replica set ${JSON.stringify(rsCopy.metadata.name)}`;
      setDeploymentCondition(d.status, newDeploymentCondition('Progressing', 'True', FoundNewRSReason, msg, dc.now()));
      needsUpdate = true;
    }
    if (needsUpdate) updateStatus(dc, d);
    return rsCopy;
  }
  if (!createIfNotExisted) return undefined;

  const template = structuredClone(d.spec!.template);
  const hash = computeHash(template, d.status.collisionCount);
  template.metadata = { ...(template.metadata ?? {}), labels: cloneAndAddLabel(d.spec!.template.metadata?.labels, DefaultDeploymentUniqueLabelKey, hash) };
  const selector = cloneSelectorAndAddLabel(d.spec!.selector, DefaultDeploymentUniqueLabelKey, hash);
  const newRS: RS = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name!, uid: d.metadata.uid!, controller: true, blockOwnerDeletion: true }],
      labels: template.metadata.labels,
    },
    spec: { replicas: 0, minReadySeconds: d.spec?.minReadySeconds ?? 0, selector, template },
  };
  const newReplicasCount = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
  newRS.spec!.replicas = newReplicasCount;
  setNewReplicaSetAnnotations(d, newRS, newRevision, false, maxRevHistoryLengthInChars, maxSurge);

  let alreadyExists = false;
  let createdRS: RS;
  try {
    createdRS = dc.createReplicaSet(d.metadata.namespace!, newRS);
  } catch (err) {
    if (isApiError(err, 'AlreadyExists')) {
      alreadyExists = true;
      const rs = dc.getReplicaSet(newRS.metadata.namespace!, newRS.metadata.name!);
      if (!rs) throw err;
      const ref = rs.metadata.ownerReferences?.find((r) => r.controller);
      if (ref && ref.uid === d.metadata.uid && equalIgnoreHash(d.spec!.template, rs.spec?.template)) {
        createdRS = rs;
      } else {
        // A hash collision: bump collisionCount and retry with the next hash.
        d.status.collisionCount = (d.status.collisionCount ?? 0) + 1;
        try {
          updateStatus(dc, d);
        } catch {
          // Requeued by the error below either way.
        }
        throw err;
      }
    } else if (hasStatusCause(err, 'NamespaceTerminating')) {
      throw err;
    } else {
      const msg = `Failed to create new replica set ${JSON.stringify(newRS.metadata.name)}: ${errorText(err)}`;
      if (hasProgressDeadline(d)) {
        setDeploymentCondition(d.status, newDeploymentCondition('Progressing', 'False', FailedRSCreateReason, msg, dc.now()));
        try {
          updateStatus(dc, d);
        } catch {
          // The bigger problem is reported below.
        }
      }
      dc.event(d, 'Warning', FailedRSCreateReason, msg);
      throw err;
    }
  }
  if (!alreadyExists && newReplicasCount > 0) {
    dc.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${createdRS.metadata.name} from 0 to ${newReplicasCount}`);
  }
  let needsUpdate = setDeploymentRevision(d, newRevision);
  if (!alreadyExists && hasProgressDeadline(d)) {
    const msg = `Created new replica set ${JSON.stringify(createdRS.metadata.name)}`;
    setDeploymentCondition(d.status, newDeploymentCondition('Progressing', 'True', NewReplicaSetReason, msg, dc.now()));
    needsUpdate = true;
  }
  if (needsUpdate) updateStatus(dc, d);
  return createdRS;
}
