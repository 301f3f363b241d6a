/** NodeAffinity (pkg/scheduler/framework/plugins/nodeaffinity): nodeSelector and node affinity. */
import { preferredSchedulingScore, requiredNodeAffinityMatches } from '../node-selector.js';
import { MaxNodeScore, type Plugin, status } from '../types.js';
import { defaultNormalizeScore } from './simple.js';

export const ErrReasonPod = "node(s) didn't match Pod's node affinity/selector";

export const nodeAffinity: Plugin = {
  name: 'NodeAffinity',
  filter(ctx, ni) {
    return requiredNodeAffinityMatches(ctx.pod, ni.node) ? undefined : status('UnschedulableAndUnresolvable', ErrReasonPod);
  },
  preScore(ctx) {
    const terms = ctx.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    return terms.length === 0 ? status('Skip') : undefined;
  },
  score(ctx, ni) {
    return preferredSchedulingScore(ctx.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [], ni.node);
  },
  normalizeScore(_ctx, scores) {
    defaultNormalizeScore(MaxNodeScore, false, scores);
  },
};
