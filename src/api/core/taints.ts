/**
 * Taints and tolerations as upstream's core/v1 helpers (pkg/apis/core/v1/helper and
 * k8s.io/api/core/v1 toleration.go): ToleratesTaint, TolerationsTolerateTaint,
 * FindMatchingUntoleratedTaint, GetMatchingTolerations. Shared by the scheduler and the
 * taint-eviction controller.
 */

export interface TaintT {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string | null;
}

export interface TolerationT {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number | null;
}

export const TaintEffectNoSchedule = 'NoSchedule';
export const TaintEffectPreferNoSchedule = 'PreferNoSchedule';
export const TaintEffectNoExecute = 'NoExecute';
export const TaintNodeUnschedulable = 'node.kubernetes.io/unschedulable';

/** Toleration.ToleratesTaint: empty effect matches all effects, empty key with Exists matches all keys. */
export function toleratesTaint(t: TolerationT, taint: TaintT): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

export function tolerationsTolerateTaint(tolerations: TolerationT[] | null | undefined, taint: TaintT): boolean {
  return (tolerations ?? []).some((t) => toleratesTaint(t, taint));
}

/** The first taint (passing the filter) that no toleration tolerates, or undefined. */
export function findMatchingUntoleratedTaint(
  taints: TaintT[] | null | undefined,
  tolerations: TolerationT[] | null | undefined,
  filter?: (t: TaintT) => boolean,
): TaintT | undefined {
  for (const taint of taints ?? []) {
    if (filter && !filter(taint)) continue;
    if (!tolerationsTolerateTaint(tolerations, taint)) return taint;
  }
  return undefined;
}

/** NoSchedule and NoExecute taints are the ones the scheduler's filter considers. */
export const doNotScheduleTaintsFilter = (t: TaintT): boolean => t.effect === TaintEffectNoSchedule || t.effect === TaintEffectNoExecute;

/**
 * GetMatchingTolerations: whether every taint is tolerated, and for each taint the first toleration
 * tolerating it (empty when not all are).
 */
export function getMatchingTolerations(taints: TaintT[], tolerations: TolerationT[] | null | undefined): [boolean, TolerationT[]] {
  if (taints.length === 0) return [true, []];
  const tols = tolerations ?? [];
  if (tols.length === 0) return [false, []];
  const result: TolerationT[] = [];
  for (const taint of taints) {
    const t = tols.find((x) => toleratesTaint(x, taint));
    if (!t) return [false, []];
    result.push(t);
  }
  return [true, result];
}
