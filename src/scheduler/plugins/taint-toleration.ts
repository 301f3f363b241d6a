/**
 * TaintToleration (pkg/scheduler/framework/plugins/tainttoleration): NoSchedule/NoExecute taints
 * must be tolerated; intolerable PreferNoSchedule taints lower the score.
 */
import {
  type TaintT,
  type TolerationT,
  TaintEffectPreferNoSchedule,
  doNotScheduleTaintsFilter,
  findMatchingUntoleratedTaint,
  tolerationsTolerateTaint,
} from '../../api/core/taints.js';
import { MaxNodeScore, type Plugin, status } from '../types.js';
import { defaultNormalizeScore } from './simple.js';

export const untoleratedTaintReason = (t: TaintT) => `node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`;

/** Tolerations that apply to PreferNoSchedule (an empty effect means every effect). */
export const getAllTolerationPreferNoSchedule = (tols: TolerationT[] | undefined): TolerationT[] =>
  (tols ?? []).filter((t) => !t.effect || t.effect === TaintEffectPreferNoSchedule);

export function countIntolerableTaintsPreferNoSchedule(taints: TaintT[] | undefined, tols: TolerationT[]): number {
  return (taints ?? []).filter((t) => t.effect === TaintEffectPreferNoSchedule && !tolerationsTolerateTaint(tols, t)).length;
}

export const taintToleration: Plugin = {
  name: 'TaintToleration',
  filter(ctx, ni) {
    const taint = findMatchingUntoleratedTaint(ni.node.spec?.taints, ctx.pod.spec?.tolerations, doNotScheduleTaintsFilter);
    return taint ? status('UnschedulableAndUnresolvable', untoleratedTaintReason(taint)) : undefined;
  },
  score(ctx, ni) {
    return countIntolerableTaintsPreferNoSchedule(ni.node.spec?.taints, getAllTolerationPreferNoSchedule(ctx.pod.spec?.tolerations));
  },
  normalizeScore(_ctx, scores) {
    defaultNormalizeScore(MaxNodeScore, true, scores);
  },
};
