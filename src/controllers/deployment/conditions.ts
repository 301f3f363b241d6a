/**
 * Deployment conditions as deployment_util.go: reasons, NewDeploymentCondition, Get/Set/Remove
 * (SetDeploymentCondition keeps lastTransitionTime while the status is unchanged and does nothing
 * when status and reason are unchanged), and ReplicaSetToDeploymentCondition.
 */
import type { DeploymentStatusT } from '../../api/apps/deployment.js';
import type { ReplicaSetT } from '../../api/apps/replicaset.js';
import { rfc3339 } from '../../util/clock.js';

export type DeploymentCondition = NonNullable<DeploymentStatusT['conditions']>[number];
export type ConditionType = 'Available' | 'Progressing' | 'ReplicaFailure';
export type ConditionStatus = 'True' | 'False' | 'Unknown';

// Progressing reasons.
export const ReplicaSetUpdatedReason = 'ReplicaSetUpdated';
export const FailedRSCreateReason = 'ReplicaSetCreateError';
export const NewReplicaSetReason = 'NewReplicaSetCreated';
export const FoundNewRSReason = 'FoundNewReplicaSet';
export const NewRSAvailableReason = 'NewReplicaSetAvailable';
export const TimedOutReason = 'ProgressDeadlineExceeded';
export const PausedDeployReason = 'DeploymentPaused';
export const ResumedDeployReason = 'DeploymentResumed';
// Available reasons.
export const MinimumReplicasAvailable = 'MinimumReplicasAvailable';
export const MinimumReplicasUnavailable = 'MinimumReplicasUnavailable';
// Rollback event reasons.
export const RollbackRevisionNotFound = 'DeploymentRollbackRevisionNotFound';
export const RollbackTemplateUnchanged = 'DeploymentRollbackTemplateUnchanged';
export const RollbackDone = 'DeploymentRollback';

/** NewDeploymentCondition: both times are now. */
export function newDeploymentCondition(type: ConditionType, status: ConditionStatus, reason: string, message: string, now: number): DeploymentCondition {
  const t = rfc3339(now);
  return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message };
}

export function getDeploymentCondition(status: DeploymentStatusT | undefined, type: string): DeploymentCondition | undefined {
  const c = status?.conditions?.find((x) => x.type === type);
  return c ? { ...c } : undefined;
}

/**
 * SetDeploymentCondition: no-op when a condition of that type has the same status and reason;
 * keeps lastTransitionTime when only the reason changes; the new condition goes last.
 */
export function setDeploymentCondition(status: DeploymentStatusT, condition: DeploymentCondition): void {
  const current = getDeploymentCondition(status, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  const c = { ...condition };
  if (current && current.status === c.status) c.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...filterOutCondition(status.conditions, c.type), c];
}

export function removeDeploymentCondition(status: DeploymentStatusT, type: string): void {
  const rest = filterOutCondition(status.conditions, type);
  if (rest.length) status.conditions = rest;
  else delete status.conditions;
}

function filterOutCondition(conds: DeploymentCondition[] | undefined, type: string): DeploymentCondition[] {
  return (conds ?? []).filter((c) => c.type !== type);
}

type RSCondition = NonNullable<NonNullable<ReplicaSetT['status']>['conditions']>[number];

/** ReplicaSetToDeploymentCondition: a ReplicaSet's ReplicaFailure promoted to the deployment. */
export function replicaSetToDeploymentCondition(c: RSCondition): DeploymentCondition {
  return {
    type: c.type,
    status: c.status,
    lastTransitionTime: c.lastTransitionTime,
    lastUpdateTime: c.lastTransitionTime,
    reason: c.reason,
    message: c.message,
  };
}
