/**
 * Rollout math of pkg/controller/deployment/util/deployment_util.go: fenceposts (maxSurge rounds up,
 * maxUnavailable rounds down, both zero -> maxUnavailable 1), MaxSurge/MaxUnavailable, NewRSNewReplicas,
 * IsSaturated, proportions for scaling mid-rollout, replica counts, and the status predicates
 * DeploymentComplete / DeploymentProgressing / DeploymentTimedOut. Pure functions.
 */
import type { DeploymentStatusT, DeploymentT } from '../../api/apps/deployment.js';
import type { ReplicaSetT } from '../../api/apps/replicaset.js';
import { parseTime } from '../../util/clock.js';
import { getMaxReplicasAnnotation, DesiredReplicasAnnotation } from './annotations.js';
import { getDeploymentCondition, NewRSAvailableReason, TimedOutReason } from './conditions.js';

export type Deployment = DeploymentT;
export type ReplicaSet = ReplicaSetT;
export type IntOrString = number | string;

export const MaxInt32 = 2147483647;
/** Go's zero time.Time (0001-01-01T00:00:00Z) in ms. */
const zeroTime = -62135596800000;
export const RollingUpdateDeploymentStrategyType = 'RollingUpdate';
export const RecreateDeploymentStrategyType = 'Recreate';
export const DefaultDeploymentUniqueLabelKey = 'pod-template-hash';

/** *d.Spec.Replicas (defaulted to 1 by the API server). */
export const dReplicas = (d: Deployment): number => d.spec?.replicas ?? 1;
/** *rs.Spec.Replicas. */
export const rsReplicas = (rs: ReplicaSet): number => rs.spec?.replicas ?? 1;

export const isRollingUpdate = (d: Deployment): boolean => d.spec?.strategy?.type === RollingUpdateDeploymentStrategyType;

/** intstr.GetValueFromIntOrPercent: an int as is, "N%" of total rounded up or down; anything else throws. */
export function getValueFromIntOrPercent(v: IntOrString, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  if (!v.endsWith('%')) throw new Error(`invalid value for IntOrString: invalid type: string is not a percentage`);
  const s = v.slice(0, -1);
  if (!/^[+-]?[0-9]+$/.test(s)) throw new Error(`invalid value ${JSON.stringify(v)}: strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  const x = (Number(s) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

/**
 * ResolveFenceposts: maxSurge rounds up, maxUnavailable rounds down; when both resolve to zero,
 * maxUnavailable becomes 1 (validation forbids both zero, but rounding down can get there).
 */
export function resolveFenceposts(maxSurge: IntOrString | undefined | null, maxUnavailable: IntOrString | undefined | null, desired: number): [number, number] {
  const surge = getValueFromIntOrPercent(maxSurge ?? 0, desired, true);
  let unavailable = getValueFromIntOrPercent(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, unavailable];
}

/** MaxUnavailable: the pods a rolling deployment may have unavailable (never more than replicas). */
export function maxUnavailable(d: Deployment): number {
  if (!isRollingUpdate(d) || dReplicas(d) === 0) return 0;
  const ru = d.spec?.strategy?.rollingUpdate;
  const [, unavailable] = resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, dReplicas(d));
  return Math.min(unavailable, dReplicas(d));
}

/** MinAvailable. */
export function minAvailable(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  return dReplicas(d) - maxUnavailable(d);
}

/** MaxSurge: the pods a rolling deployment may run above replicas. */
export function maxSurge(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  const ru = d.spec?.strategy?.rollingUpdate;
  return resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, dReplicas(d))[0];
}

/** k8s.io/utils/integer RoundToInt32: half away from zero. */
export function roundToInt32(a: number): number {
  return (a < 0 ? Math.trunc(a - 0.5) : Math.trunc(a + 0.5)) + 0; // + 0 turns -0 into 0
}

/**
 * getReplicaSetFraction: how many replicas this RS should gain (or lose) when the deployment is
 * scaled during a rollout or while paused, from its share of the max-replicas annotation.
 */
export function getReplicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  if (dReplicas(d) === 0) return -rsReplicas(rs);
  const deploymentReplicas = dReplicas(d) + maxSurge(d);
  let annotated = getMaxReplicasAnnotation(rs);
  // Without the annotation fall back to the current size; the min/max in getProportion keep us in bounds.
  if (annotated === undefined) annotated = d.status?.replicas ?? 0;
  const newRSsize = (rsReplicas(rs) * deploymentReplicas) / annotated;
  return roundToInt32(newRSsize) - rsReplicas(rs);
}

/** GetProportion: the share of deploymentReplicasToAdd this RS gets, bounded by what is left. */
export function getProportion(rs: ReplicaSet | undefined, d: Deployment, toAdd: number, added: number): number {
  if (!rs || rsReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = getReplicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

type MaybeRS = ReplicaSet | undefined | null;
const sum = (rss: MaybeRS[], f: (rs: ReplicaSet) => number) => rss.reduce((n, rs) => (rs ? n + f(rs) : n), 0);

/** GetReplicaCountForReplicaSets: the sum of spec.replicas. */
export const getReplicaCountForReplicaSets = (rss: MaybeRS[]) => sum(rss, rsReplicas);
/** GetActualReplicaCountForReplicaSets: the sum of status.replicas. */
export const getActualReplicaCountForReplicaSets = (rss: MaybeRS[]) => sum(rss, (rs) => rs.status?.replicas ?? 0);
/** GetReadyReplicaCountForReplicaSets. */
export const getReadyReplicaCountForReplicaSets = (rss: MaybeRS[]) => sum(rss, (rs) => rs.status?.readyReplicas ?? 0);
/** GetAvailableReplicaCountForReplicaSets. */
export const getAvailableReplicaCountForReplicaSets = (rss: MaybeRS[]) => sum(rss, (rs) => rs.status?.availableReplicas ?? 0);

/**
 * NewRSNewReplicas: the size the new RS should have now. RollingUpdate grows it up to
 * replicas + maxSurge pods in total (never past replicas); Recreate goes straight to replicas.
 */
export function newRSNewReplicas(d: Deployment, allRSs: MaybeRS[], newRS: ReplicaSet): number {
  switch (d.spec?.strategy?.type) {
    case RollingUpdateDeploymentStrategyType: {
      const surge = getValueFromIntOrPercent(d.spec?.strategy?.rollingUpdate?.maxSurge ?? 0, dReplicas(d), true);
      const current = getReplicaCountForReplicaSets(allRSs);
      const maxTotalPods = dReplicas(d) + surge;
      if (current >= maxTotalPods) return rsReplicas(newRS);
      const scaleUpCount = Math.min(maxTotalPods - current, dReplicas(d) - rsReplicas(newRS));
      return rsReplicas(newRS) + scaleUpCount;
    }
    case RecreateDeploymentStrategyType:
      return dReplicas(d);
    default:
      throw new Error(`deployment type ${d.spec?.strategy?.type ?? ''} isn't supported`);
  }
}

/** strconv.Atoi on an annotation value. */
export function atoi(s: string | undefined): number | undefined {
  if (s === undefined || !/^[+-]?[0-9]+$/.test(s)) return undefined;
  return Number(s);
}

/** IsSaturated: the new RS holds all desired replicas, believes so (annotation), and all are available. */
export function isSaturated(d: Deployment, rs: MaybeRS): boolean {
  if (!rs) return false;
  const desired = atoi(rs.metadata.annotations?.[DesiredReplicasAnnotation]);
  if (desired === undefined) return false;
  return rsReplicas(rs) === dReplicas(d) && desired === dReplicas(d) && (rs.status?.availableReplicas ?? 0) === dReplicas(d);
}

/** DeploymentComplete: every desired replica updated and available, no old pods, generation observed. */
export function deploymentComplete(d: Deployment, s: DeploymentStatusT): boolean {
  const r = dReplicas(d);
  return (s.updatedReplicas ?? 0) === r && (s.replicas ?? 0) === r && (s.availableReplicas ?? 0) === r && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

/** DeploymentProgressing: new pods were added or became ready/available, or old pods went away. */
export function deploymentProgressing(d: Deployment, s: DeploymentStatusT): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (
    (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/** HasProgressDeadline: progressDeadlineSeconds set and not MaxInt32. */
export const hasProgressDeadline = (d: Deployment): boolean => d.spec?.progressDeadlineSeconds != null && d.spec.progressDeadlineSeconds !== MaxInt32;

/** HasRevisionHistoryLimit: revisionHistoryLimit set and not MaxInt32. */
export const hasRevisionHistoryLimit = (d: Deployment): boolean => d.spec?.revisionHistoryLimit != null && d.spec.revisionHistoryLimit !== MaxInt32;

/**
 * DeploymentTimedOut: the Progressing condition was last updated more than progressDeadlineSeconds
 * before `now`, or already says ProgressDeadlineExceeded.
 */
export function deploymentTimedOut(d: Deployment, s: DeploymentStatusT, now: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const cond = getDeploymentCondition(s, 'Progressing');
  if (!cond) return false;
  if (cond.reason === NewRSAvailableReason) return false;
  if (cond.reason === TimedOutReason) return true;
  const from = parseTime(cond.lastUpdateTime) ?? zeroTime;
  return from + d.spec!.progressDeadlineSeconds! * 1000 < now;
}
