/**
 * Revision and replica annotations of deployment_util.go: deployment.kubernetes.io/revision,
 * revision-history, desired-replicas and max-replicas; what is copied from a Deployment to its
 * ReplicaSets (everything but the skipped keys, so kubernetes.io/change-cause travels) and back on
 * rollback.
 */
import type { DeploymentT } from '../../api/apps/deployment.js';
import type { ReplicaSetT } from '../../api/apps/replicaset.js';

export const RevisionAnnotation = 'deployment.kubernetes.io/revision';
export const RevisionHistoryAnnotation = 'deployment.kubernetes.io/revision-history';
export const DesiredReplicasAnnotation = 'deployment.kubernetes.io/desired-replicas';
export const MaxReplicasAnnotation = 'deployment.kubernetes.io/max-replicas';
export const LastAppliedConfigAnnotation = 'kubectl.kubernetes.io/last-applied-configuration';
/** apps.DeprecatedRollbackTo: round-trips extensions/v1beta1 spec.rollbackTo. */
export const DeprecatedRollbackTo = 'deprecated.deployment.rollback.to';

const annotationsToSkip = new Set([
  LastAppliedConfigAnnotation,
  RevisionAnnotation,
  RevisionHistoryAnnotation,
  DesiredReplicasAnnotation,
  MaxReplicasAnnotation,
  DeprecatedRollbackTo,
]);
export const skipCopyAnnotation = (k: string): boolean => annotationsToSkip.has(k);

type Obj = { metadata: { annotations?: Record<string, string> | null } };
const ann = (o: Obj): Record<string, string> => (o.metadata.annotations ??= {});

/** ParseInt(v, 10, 64) as upstream: decimal with optional sign. */
function parseInt64(v: string): number | undefined {
  return /^[+-]?[0-9]+$/.test(v) ? Number(v) : undefined;
}

/** Revision: the revision annotation; 0 when absent; throws when it is not a number. */
export function revision(o: Obj): number {
  const v = o.metadata.annotations?.[RevisionAnnotation];
  if (v === undefined) return 0;
  const n = parseInt64(v);
  if (n === undefined) throw new Error(`strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
  return n;
}

function tryRevision(o: Obj): number | undefined {
  try {
    return revision(o);
  } catch {
    return undefined;
  }
}

/** MaxRevision: the highest revision among the ReplicaSets (unparsable ones skipped). */
export function maxRevision(rss: Array<ReplicaSetT | undefined | null>): number {
  let max = 0;
  for (const rs of rss) {
    if (!rs) continue;
    const v = tryRevision(rs);
    if (v !== undefined && v > max) max = v;
  }
  return max;
}

/** LastRevision: the second highest revision. */
export function lastRevision(rss: Array<ReplicaSetT | undefined | null>): number {
  let max = 0;
  let secMax = 0;
  for (const rs of rss) {
    if (!rs) continue;
    const v = tryRevision(rs);
    if (v === undefined) continue;
    if (v >= max) {
      secMax = max;
      max = v;
    } else if (v > secMax) secMax = v;
  }
  return secMax;
}

/** SetDeploymentRevision: true when the deployment's revision annotation changed. */
export function setDeploymentRevision(d: DeploymentT, rev: string): boolean {
  const a = ann(d);
  if (a[RevisionAnnotation] === rev) return false;
  a[RevisionAnnotation] = rev;
  return true;
}

/** copyDeploymentAnnotationsToReplicaSet: all but the skipped keys; true when something changed. */
export function copyDeploymentAnnotationsToReplicaSet(d: DeploymentT, rs: ReplicaSetT): boolean {
  const a = ann(rs);
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (skipCopyAnnotation(k) || a[k] === v) continue;
    a[k] = v;
    changed = true;
  }
  return changed;
}

/** SetDeploymentAnnotationsTo: on rollback the deployment takes the RS's (non-skipped) annotations. */
export function setDeploymentAnnotationsTo(d: DeploymentT, rollbackToRS: ReplicaSetT): void {
  const kept: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (skipCopyAnnotation(k)) kept[k] = v;
  for (const [k, v] of Object.entries(rollbackToRS.metadata.annotations ?? {})) if (!skipCopyAnnotation(k)) kept[k] = v;
  d.metadata.annotations = kept;
}

/** SetReplicasAnnotations: desired-replicas and max-replicas; true when either changed. */
export function setReplicasAnnotations(rs: ReplicaSetT, desired: number, max: number): boolean {
  const a = ann(rs);
  let updated = false;
  if (a[DesiredReplicasAnnotation] !== String(desired)) {
    a[DesiredReplicasAnnotation] = String(desired);
    updated = true;
  }
  if (a[MaxReplicasAnnotation] !== String(max)) {
    a[MaxReplicasAnnotation] = String(max);
    updated = true;
  }
  return updated;
}

/** ReplicasAnnotationsNeedUpdate. */
export function replicasAnnotationsNeedUpdate(rs: ReplicaSetT, desired: number, max: number): boolean {
  const a = rs.metadata.annotations;
  if (!a) return true;
  return a[DesiredReplicasAnnotation] !== String(desired) || a[MaxReplicasAnnotation] !== String(max);
}

function getIntFromAnnotation(rs: ReplicaSetT, key: string): number | undefined {
  const v = rs.metadata.annotations?.[key];
  if (v === undefined || !/^[+-]?[0-9]+$/.test(v)) return undefined;
  return Number(v);
}
export const getDesiredReplicasAnnotation = (rs: ReplicaSetT) => getIntFromAnnotation(rs, DesiredReplicasAnnotation);
export const getMaxReplicasAnnotation = (rs: ReplicaSetT) => getIntFromAnnotation(rs, MaxReplicasAnnotation);

/**
 * SetNewReplicaSetAnnotations: copy the deployment's annotations, raise the revision to newRevision
 * when it is higher (recording the previous one in revision-history, bounded to
 * revHistoryLimitInChars), and for a RS about to be created set the replica annotations.
 */
export function setNewReplicaSetAnnotations(
  d: DeploymentT,
  newRS: ReplicaSetT,
  newRevision: string,
  exists: boolean,
  revHistoryLimitInChars: number,
  maxSurgeOf: (d: DeploymentT) => number,
): boolean {
  let changed = copyDeploymentAnnotationsToReplicaSet(d, newRS);
  const a = ann(newRS);
  const hadRevision = Object.prototype.hasOwnProperty.call(a, RevisionAnnotation);
  const oldRevision = a[RevisionAnnotation] ?? '';
  let oldRevisionInt = parseInt64(oldRevision);
  if (oldRevisionInt === undefined) {
    if (oldRevision !== '') return false;
    oldRevisionInt = 0;
  }
  const newRevisionInt = parseInt64(newRevision);
  if (newRevisionInt === undefined) return false;
  if (oldRevisionInt < newRevisionInt) {
    a[RevisionAnnotation] = newRevision;
    changed = true;
  }
  // An existing revision raised again means a rollback to this RS: keep the old revisions.
  if (hadRevision && oldRevisionInt < newRevisionInt) {
    const history = a[RevisionHistoryAnnotation] ?? '';
    let oldRevisions = history.split(',');
    if (oldRevisions[0].length === 0) a[RevisionHistoryAnnotation] = oldRevision;
    else {
      let totalLen = history.length + oldRevision.length + 1;
      let start = 0;
      while (totalLen > revHistoryLimitInChars && start < oldRevisions.length) {
        totalLen = totalLen - oldRevisions[start].length - 1;
        start++;
      }
      if (totalLen <= revHistoryLimitInChars) {
        oldRevisions = [...oldRevisions.slice(start), oldRevision];
        a[RevisionHistoryAnnotation] = oldRevisions.join(',');
      }
    }
  }
  const replicas = d.spec?.replicas ?? 1;
  if (!exists && setReplicasAnnotations(newRS, replicas, replicas + maxSurgeOf(d))) changed = true;
  return changed;
}
