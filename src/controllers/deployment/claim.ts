/**
 * ReplicaSet ownership as pkg/controller's ReplicaSetControllerRefManager.ClaimReplicaSets: keep the
 * RSes we control that still match, release those that no longer match (unless we are being
 * deleted), and adopt matching orphans (after re-checking, once, that the deployment is not being
 * deleted), through strategic merge patches of metadata.ownerReferences.
 */
import type { DeploymentT } from '../../api/apps/deployment.js';
import type { ReplicaSetT } from '../../api/apps/replicaset.js';
import { isApiError } from '../../api/errors.js';
import type { OwnerReferenceT } from '../../api/meta.js';
import type { LabelSelectorExpr } from '../../api/selectors/labels.js';
import { matches } from '../../api/selectors/labels.js';

export interface RSPatcher {
  patchReplicaSet(namespace: string, name: string, patch: unknown): ReplicaSetT;
  /** A fresh read of the deployment (not the cache), for the adoption re-check. */
  getDeploymentFresh(namespace: string, name: string): DeploymentT;
}

export const controllerRefOf = (o: { metadata: { ownerReferences?: OwnerReferenceT[] | null } }): OwnerReferenceT | undefined =>
  o.metadata.ownerReferences?.find((r) => r.controller === true);

export function deploymentControllerRef(d: DeploymentT): OwnerReferenceT {
  return { apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name!, uid: d.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

/** ClaimReplicaSets: the RSes this deployment owns after adoption and release. */
export function claimReplicaSets(p: RSPatcher, d: DeploymentT, selector: LabelSelectorExpr, rsList: ReplicaSetT[]): ReplicaSetT[] {
  const claimed: ReplicaSetT[] = [];
  let canAdoptErr: Error | null | undefined;
  const canAdopt = () => {
    if (canAdoptErr === undefined) {
      canAdoptErr = null;
      try {
        const fresh = p.getDeploymentFresh(d.metadata.namespace!, d.metadata.name!);
        if (fresh.metadata.uid !== d.metadata.uid) {
          canAdoptErr = new Error(`original Deployment ${d.metadata.namespace}/${d.metadata.name} is gone: got uid ${fresh.metadata.uid}, wanted ${d.metadata.uid}`);
        } else if (fresh.metadata.deletionTimestamp) {
          canAdoptErr = new Error(`${d.metadata.namespace}/${d.metadata.name} has just been deleted at ${fresh.metadata.deletionTimestamp}`);
        }
      } catch (e) {
        canAdoptErr = e as Error;
      }
    }
    if (canAdoptErr) throw new Error(`can't adopt ReplicaSet ${canAdoptErr.message}`);
  };
  const errors: unknown[] = [];
  for (const rs of rsList) {
    const match = matches(selector, rs.metadata.labels);
    const ref = controllerRefOf(rs);
    const ns = rs.metadata.namespace!;
    const name = rs.metadata.name!;
    try {
      if (ref) {
        if (ref.uid !== d.metadata.uid) continue; // someone else's
        if (match) {
          claimed.push(rs);
          continue;
        }
        if (d.metadata.deletionTimestamp) continue;
        // Ours but no longer selected: release.
        try {
          p.patchReplicaSet(ns, name, { metadata: { ownerReferences: [{ $patch: 'delete', uid: d.metadata.uid }], uid: rs.metadata.uid } });
        } catch (e) {
          if (!isApiError(e, 'NotFound') && !isApiError(e, 'Invalid')) throw e;
        }
        continue;
      }
      // An orphan.
      if (d.metadata.deletionTimestamp || !match || rs.metadata.deletionTimestamp) continue;
      if (d.metadata.namespace && d.metadata.namespace !== ns) continue;
      canAdopt();
      try {
        const adopted = p.patchReplicaSet(ns, name, { metadata: { ownerReferences: [deploymentControllerRef(d)], uid: rs.metadata.uid } });
        claimed.push(adopted);
      } catch (e) {
        if (!isApiError(e, 'NotFound')) throw e;
      }
    } catch (e) {
      errors.push(e);
    }
  }
  if (errors.length) throw errors[0];
  return claimed;
}
