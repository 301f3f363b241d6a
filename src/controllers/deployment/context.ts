/**
 * What the deployment sync functions need from the controller (upstream's DeploymentController
 * fields): the clock, writes to ReplicaSets and Deployments, the ReplicaSet lister, the event
 * recorder, and a way to ask for a later sync of the deployment being synced.
 */
import type { DeploymentT } from '../../api/apps/deployment.js';
import type { ReplicaSetT } from '../../api/apps/replicaset.js';
import type { EventType } from '../runtime/event-recorder.js';

export interface DeploymentContext {
  now(): number;
  createReplicaSet(namespace: string, rs: ReplicaSetT): ReplicaSetT;
  updateReplicaSet(rs: ReplicaSetT): ReplicaSetT;
  deleteReplicaSet(namespace: string, name: string): void;
  /** From the informer cache. */
  getReplicaSet(namespace: string, name: string): ReplicaSetT | undefined;
  updateDeployment(d: DeploymentT): DeploymentT;
  updateDeploymentStatus(d: DeploymentT): DeploymentT;
  event(d: DeploymentT, type: EventType, reason: string, message: string): void;
  /** Sync this deployment again after ms of cluster time (0: soon, rate limited). */
  requeueAfter(ms: number): void;
}

/** Write the deployment's status and carry the new resourceVersion on the local copy. */
export function updateStatus(dc: DeploymentContext, d: DeploymentT): void {
  const r = dc.updateDeploymentStatus(d);
  d.metadata.resourceVersion = r.metadata.resourceVersion;
}

/** The Go %v of an error: its message. */
export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));
