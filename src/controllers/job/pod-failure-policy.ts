/**
 * Pod failure policy matching as upstream's pkg/controller/job/pod_failure_policy.go: the first rule
 * whose exit-code requirement (non-zero exit codes of terminated containers, then init containers)
 * or pod-condition pattern matches decides: FailJob (with upstream's message), Ignore (not counted),
 * Count, FailIndex.
 */
import type { PodFailurePolicyT } from '../../api/batch/job.js';
import type { ContainerStatusLike, JobPod } from './types.js';

export type PodFailurePolicyAction = 'FailJob' | 'FailIndex' | 'Ignore' | 'Count';

export interface PolicyMatch {
  /** The job failure message when a FailJob rule matched. */
  failJobMessage?: string;
  /** Whether the failure counts towards backoffLimit. */
  countFailed: boolean;
  action?: PodFailurePolicyAction;
}

type ExitReq = NonNullable<PodFailurePolicyT['rules'][number]['onExitCodes']>;

function operatorMatches(exitCode: number, req: ExitReq): boolean {
  if (req.operator === 'In') return req.values.includes(exitCode);
  if (req.operator === 'NotIn') return !req.values.includes(exitCode);
  return false;
}

function matchingContainer(statuses: ContainerStatusLike[] | undefined, req: ExitReq): ContainerStatusLike | undefined {
  for (const cs of statuses ?? []) {
    const t = cs.state?.terminated;
    if (!t) continue;
    if (req.containerName == null || req.containerName === cs.name) {
      const code = t.exitCode ?? 0;
      if (code !== 0 && operatorMatches(code, req)) return cs;
    }
  }
  return undefined;
}

export function matchPodFailurePolicy(policy: PodFailurePolicyT | null | undefined, pod: JobPod, backoffLimitPerIndex = true): PolicyMatch {
  if (!policy) return { countFailed: true };
  const rules = policy.rules ?? [];
  for (let index = 0; index < rules.length; index++) {
    const rule = rules[index]!;
    let matched: { container?: ContainerStatusLike; conditionType?: string } | undefined;
    if (rule.onExitCodes) {
      const c = matchingContainer(pod.status?.containerStatuses, rule.onExitCodes) ?? matchingContainer(pod.status?.initContainerStatuses, rule.onExitCodes);
      if (c) matched = { container: c };
    } else if (rule.onPodConditions) {
      outer: for (const cond of pod.status?.conditions ?? [])
        for (const pattern of rule.onPodConditions)
          if (cond.type === pattern.type && cond.status === pattern.status) {
            matched = { conditionType: cond.type };
            break outer;
          }
    }
    if (!matched) continue;
    switch (rule.action) {
      case 'Ignore':
        return { countFailed: false, action: 'Ignore' };
      case 'FailIndex':
        if (backoffLimitPerIndex) return { countFailed: true, action: 'FailIndex' };
        break;
      case 'Count':
        return { countFailed: true, action: 'Count' };
      case 'FailJob': {
        const ns = pod.metadata.namespace ?? '';
        const name = pod.metadata.name ?? '';
        const failJobMessage = matched.container
          ? `Container ${matched.container.name} for pod ${ns}/${name} failed with exit code ${matched.container.state?.terminated?.exitCode ?? 0} matching FailJob rule at index ${index}`
          : `Pod ${ns}/${name} has condition ${matched.conditionType} matching FailJob rule at index ${index}`;
        return { failJobMessage, countFailed: true, action: 'FailJob' };
      }
    }
  }
  return { countFailed: true };
}
