/**
 * progress.go: syncRolloutStatus (status during a rollout with the Progressing condition:
 * NewReplicaSetAvailable when complete, ReplicaSetUpdated on progress, ProgressDeadlineExceeded past
 * the deadline; ReplicaFailure promoted from the ReplicaSets) and requeueStuckDeployment (a sync at
 * lastUpdateTime + progressDeadlineSeconds + 1s on the cluster clock).
 */
import type { DeploymentT } from '../../api/apps/deployment.js';
import type { ReplicaSetT } from '../../api/apps/replicaset.js';
import { parseTime } from '../../util/clock.js';
import {
  getDeploymentCondition,
  newDeploymentCondition,
  NewRSAvailableReason,
  removeDeploymentCondition,
  replicaSetToDeploymentCondition,
  ReplicaSetUpdatedReason,
  setDeploymentCondition,
  TimedOutReason,
  type DeploymentCondition,
} from './conditions.js';
import { updateStatus, type DeploymentContext } from './context.js';
import { calculateStatus, sameStatus } from './status.js';
import { deploymentComplete, deploymentProgressing, deploymentTimedOut, hasProgressDeadline } from './util.js';
import type { DeploymentStatusT } from '../../api/apps/deployment.js';

type RS = ReplicaSetT | undefined;

/** syncRolloutStatus: see the file comment. */
export function syncRolloutStatus(dc: DeploymentContext, allRSs: RS[], newRS: RS, d: DeploymentT): void {
  const now = dc.now();
  const newStatus = calculateStatus(allRSs, newRS, d, now);
  if (!hasProgressDeadline(d)) removeDeploymentCondition(newStatus, 'Progressing');
  // A resync of a finished rollout (one active RS) estimates no progress.
  const currentCond = getDeploymentCondition(d.status, 'Progressing');
  const isCompleteDeployment = (newStatus.replicas ?? 0) === (newStatus.updatedReplicas ?? 0) && currentCond?.reason === NewRSAvailableReason;
  if (hasProgressDeadline(d) && !isCompleteDeployment) {
    const subject = newRS ? `ReplicaSet ${JSON.stringify(newRS.metadata.name)}` : `Deployment ${JSON.stringify(d.metadata.name)}`;
    if (deploymentComplete(d, newStatus)) {
      const c = newDeploymentCondition('Progressing', 'True', NewRSAvailableReason, `${subject} has successfully progressed.`, now);
      setDeploymentCondition(newStatus, c);
    } else if (deploymentProgressing(d, newStatus)) {
      // Same reason, new lastUpdateTime: handled here since SetDeploymentCondition would skip it.
      const c = newDeploymentCondition('Progressing', 'True', ReplicaSetUpdatedReason, `${subject} is progressing.`, now);
      if (currentCond) {
        if (currentCond.status === 'True') c.lastTransitionTime = currentCond.lastTransitionTime;
        removeDeploymentCondition(newStatus, 'Progressing');
      }
      setDeploymentCondition(newStatus, c);
    } else if (deploymentTimedOut(d, newStatus, now)) {
      const c = newDeploymentCondition('Progressing', 'False', TimedOutReason, `${subject} has timed out progressing.`, now);
      setDeploymentCondition(newStatus, c);
    }
  }
  const failures = getReplicaFailures(allRSs, newRS);
  if (failures.length > 0) setDeploymentCondition(newStatus, failures[0]);
  else removeDeploymentCondition(newStatus, 'ReplicaFailure');

  if (sameStatus(d.status, newStatus)) {
    requeueStuckDeployment(dc, d, newStatus);
    return;
  }
  d.status = newStatus;
  updateStatus(dc, d);
}

/** getReplicaFailures: ReplicaFailure conditions of the new RS, else of any RS. */
export function getReplicaFailures(allRSs: RS[], newRS: RS): DeploymentCondition[] {
  const from = (rs: RS) => (rs?.status?.conditions ?? []).filter((c) => c.type === 'ReplicaFailure').map(replicaSetToDeploymentCondition);
  const own = from(newRS);
  if (own.length > 0) return own;
  return allRSs.flatMap(from);
}

/**
 * requeueStuckDeployment: ms until the deployment is synced for a progress check, 0 when now (rate
 * limited), -1 when no check is needed.
 */
export function requeueStuckDeployment(dc: DeploymentContext, d: DeploymentT, newStatus: DeploymentStatusT): number {
  const currentCond = getDeploymentCondition(d.status, 'Progressing');
  if (!hasProgressDeadline(d) || !currentCond) return -1;
  if (deploymentComplete(d, newStatus) || currentCond.reason === TimedOutReason) return -1;
  const last = parseTime(currentCond.lastUpdateTime) ?? 0;
  const after = last + d.spec!.progressDeadlineSeconds! * 1000 - dc.now();
  if (after < 1000) {
    dc.requeueAfter(0);
    return 0;
  }
  // A second more avoids waking up just before the deadline.
  dc.requeueAfter(after + 1000);
  return after;
}
