/**
 * The small filter plugins of the default profile: NodeUnschedulable, NodeName, NodePorts, and the
 * helper DefaultNormalizeScore (pkg/scheduler/framework/plugins/helper/normalize_score.go).
 */
import { TaintEffectNoSchedule, TaintNodeUnschedulable, tolerationsTolerateTaint } from '../../api/core/taints.js';
import type { HostPort } from '../node-info.js';
import { MaxNodeScore, type Plugin, type PodLike, status } from '../types.js';

export const ErrReasonUnschedulable = 'node(s) were unschedulable';
export const ErrReasonNodeName = "node(s) didn't match the requested node name";
export const ErrReasonNodePorts = "node(s) didn't have free ports for the requested pod ports";

/** NodeUnschedulable: spec.unschedulable rejects pods that do not tolerate the unschedulable taint. */
export const nodeUnschedulable: Plugin = {
  name: 'NodeUnschedulable',
  filter(ctx, ni) {
    if (!ni.node.spec?.unschedulable) return undefined;
    const tolerates = tolerationsTolerateTaint(ctx.pod.spec?.tolerations, { key: TaintNodeUnschedulable, effect: TaintEffectNoSchedule });
    return tolerates ? undefined : status('UnschedulableAndUnresolvable', ErrReasonUnschedulable);
  },
};

/** NodeName: a pod naming a node fits only that node. */
export const nodeName: Plugin = {
  name: 'NodeName',
  filter(ctx, ni) {
    const want = ctx.pod.spec?.nodeName;
    return !want || want === ni.name ? undefined : status('UnschedulableAndUnresolvable', ErrReasonNodeName);
  },
};

/** The host ports a pod asks for (containers with hostPort > 0). */
export function getContainerPorts(pod: PodLike): HostPort[] {
  const out: HostPort[] = [];
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort || p.hostPort <= 0) continue;
      out.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort });
    }
  }
  return out;
}

/** HostPortInfo.CheckConflict: 0.0.0.0 conflicts with every IP on the same protocol and port. */
export function portConflict(used: HostPort[], want: HostPort): boolean {
  return used.some((u) => u.protocol === want.protocol && u.port === want.port && (want.ip === '0.0.0.0' || u.ip === '0.0.0.0' || u.ip === want.ip));
}

/** NodePorts: the pod's host ports must be free on the node. */
export const nodePorts: Plugin = {
  name: 'NodePorts',
  filter(ctx, ni) {
    const want = getContainerPorts(ctx.pod);
    return want.some((w) => portConflict(ni.usedPorts, w)) ? status('Unschedulable', ErrReasonNodePorts) : undefined;
  },
};

/** DefaultNormalizeScore: scale to [0, MaxNodeScore] by the maximum; reverse flips it. */
export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: number[]): void {
  const maxCount = Math.max(0, ...scores);
  if (maxCount === 0) {
    if (reverse) scores.fill(maxPriority);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    let s = Math.trunc((maxPriority * scores[i]!) / maxCount);
    if (reverse) s = maxPriority - s;
    scores[i] = s;
  }
}

export { MaxNodeScore };
