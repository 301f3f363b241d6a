/**
 * Deployment status of sync.go: calculateStatus (counts from the ReplicaSets, observedGeneration,
 * collisionCount, the Available condition) and syncDeploymentStatus (write through /status only when
 * something changed). Zero counts are left out, as Go's omitempty encoding does.
 */
import type { DeploymentStatusT, DeploymentT } from '../../api/apps/deployment.js';
import type { ReplicaSetT } from '../../api/apps/replicaset.js';
import { deepEqual } from '../../api/validation.js';
import { newDeploymentCondition, MinimumReplicasAvailable, MinimumReplicasUnavailable, setDeploymentCondition } from './conditions.js';
import { updateStatus, type DeploymentContext } from './context.js';
import {
  dReplicas,
  getActualReplicaCountForReplicaSets,
  getAvailableReplicaCountForReplicaSets,
  getReadyReplicaCountForReplicaSets,
  getReplicaCountForReplicaSets,
  maxUnavailable,
} from './util.js';

type RS = ReplicaSetT | undefined;

/** Drop zero counts (omitempty). */
function omitZero(s: DeploymentStatusT): DeploymentStatusT {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) {
    if (v === undefined || (v === 0 && k !== 'collisionCount')) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    out[k] = v;
  }
  return out as DeploymentStatusT;
}

/** calculateStatus: the status the deployment should have given its ReplicaSets. */
export function calculateStatus(allRSs: RS[], newRS: RS, d: DeploymentT, now: number): DeploymentStatusT {
  const available = getAvailableReplicaCountForReplicaSets(allRSs);
  const total = getReplicaCountForReplicaSets(allRSs);
  // More available than desired (e.g. while scaling down) counts as none unavailable.
  const unavailable = Math.max(0, total - available);
  const status: DeploymentStatusT = {
    observedGeneration: d.metadata.generation ?? 0,
    replicas: getActualReplicaCountForReplicaSets(allRSs),
    updatedReplicas: getActualReplicaCountForReplicaSets([newRS]),
    readyReplicas: getReadyReplicaCountForReplicaSets(allRSs),
    availableReplicas: available,
    unavailableReplicas: unavailable,
    collisionCount: d.status?.collisionCount,
  };
  const conds = (d.status?.conditions ?? []).map((c) => ({ ...c }));
  if (conds.length) status.conditions = conds;
  if (available >= dReplicas(d) - maxUnavailable(d)) {
    setDeploymentCondition(status, newDeploymentCondition('Available', 'True', MinimumReplicasAvailable, 'Deployment has minimum availability.', now));
  } else {
    setDeploymentCondition(status, newDeploymentCondition('Available', 'False', MinimumReplicasUnavailable, 'Deployment does not have minimum availability.', now));
  }
  return omitZero(status);
}

/** Is the stored status already this one? */
export function sameStatus(a: DeploymentStatusT | undefined, b: DeploymentStatusT): boolean {
  return deepEqual(omitZero(a ?? {}), omitZero(b));
}

/** syncDeploymentStatus: write the calculated status when it differs. */
export function syncDeploymentStatus(dc: DeploymentContext, allRSs: RS[], newRS: RS, d: DeploymentT): void {
  const newStatus = calculateStatus(allRSs, newRS, d, dc.now());
  if (sameStatus(d.status, newStatus)) return;
  d.status = newStatus;
  updateStatus(dc, d);
}
