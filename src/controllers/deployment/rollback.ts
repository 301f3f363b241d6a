/**
 * rollback.go: the deprecated rollback (annotation deprecated.deployment.rollback.to, which round-trips
 * extensions/v1beta1 spec.rollbackTo): copy the template of the ReplicaSet with that revision (0: the
 * previous one) into the deployment, with events DeploymentRollback / DeploymentRollbackRevisionNotFound
 * / DeploymentRollbackTemplateUnchanged, and clear the annotation. kubectl rollout undo does not use
 * this: it patches the template, and getNewReplicaSet then finds the old RS and raises its revision.
 */
import type { DeploymentT } from '../../api/apps/deployment.js';
import type { ReplicaSetT } from '../../api/apps/replicaset.js';
import { DeprecatedRollbackTo, lastRevision, revision, setDeploymentAnnotationsTo } from './annotations.js';
import { RollbackDone, RollbackRevisionNotFound, RollbackTemplateUnchanged } from './conditions.js';
import type { DeploymentContext } from './context.js';
import { equalIgnoreHash, setFromReplicaSetTemplate } from './rs-util.js';
import { getAllReplicaSetsAndSyncRevision } from './sync.js';

/** getRollbackTo: the revision asked for by the annotation, or undefined (also when unparsable). */
export function getRollbackTo(d: DeploymentT): { revision: number } | undefined {
  const v = d.metadata.annotations?.[DeprecatedRollbackTo];
  if (!v || !/^[+-]?[0-9]+$/.test(v)) return undefined;
  return { revision: Number(v) };
}

export function rollback(dc: DeploymentContext, d: DeploymentT, rsList: ReplicaSetT[], rollbackTo: { revision: number }): void {
  const [newRS, allOldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, true);
  const allRSs = [...allOldRSs, newRS].filter((rs): rs is ReplicaSetT => !!rs);
  let target = rollbackTo.revision;
  if (target === 0) {
    target = lastRevision(allRSs);
    if (target === 0) {
      dc.event(d, 'Warning', RollbackRevisionNotFound, 'Unable to find last revision.');
      return updateDeploymentAndClearRollbackTo(dc, d);
    }
  }
  for (const rs of allRSs) {
    let v: number;
    try {
      v = revision(rs);
    } catch {
      continue;
    }
    if (v === target) {
      if (rollbackToTemplate(dc, d, rs)) dc.event(d, 'Normal', RollbackDone, `Rolled back deployment ${JSON.stringify(d.metadata.name)} to revision ${target}`);
      return;
    }
  }
  dc.event(d, 'Warning', RollbackRevisionNotFound, 'Unable to find the revision to rollback to.');
  updateDeploymentAndClearRollbackTo(dc, d);
}

/** rollbackToTemplate: true when the template changed (the RS's annotations come along). */
function rollbackToTemplate(dc: DeploymentContext, d: DeploymentT, rs: ReplicaSetT): boolean {
  let performed = false;
  if (!equalIgnoreHash(d.spec?.template, rs.spec?.template)) {
    setFromReplicaSetTemplate(d, rs.spec!.template!);
    setDeploymentAnnotationsTo(d, rs);
    performed = true;
  } else {
    dc.event(d, 'Warning', RollbackTemplateUnchanged, `The rollback revision contains the same template as current deployment ${JSON.stringify(d.metadata.name)}`);
  }
  updateDeploymentAndClearRollbackTo(dc, d);
  return performed;
}

function updateDeploymentAndClearRollbackTo(dc: DeploymentContext, d: DeploymentT): void {
  if (d.metadata.annotations) delete d.metadata.annotations[DeprecatedRollbackTo];
  dc.updateDeployment(d);
}
