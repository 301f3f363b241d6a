/** SetDefaults_Job (pkg/apis/batch/v1/defaults.go, v1.32) plus the pod template's defaults. */
import { defaultPodTemplateSpec } from '../core/pod-defaults.js';
import type { JobT } from './job.js';

export const MaxInt32 = 2147483647;

export function defaultJob(job: JobT): void {
  const spec = (job.spec ??= {} as NonNullable<JobT['spec']>);
  // A non-parallel job may leave both unset: both default to 1.
  if (spec.completions == null && spec.parallelism == null) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  if (spec.parallelism == null) spec.parallelism = 1;
  if (spec.backoffLimit == null) spec.backoffLimit = spec.backoffLimitPerIndex != null ? MaxInt32 : 6;
  const labels = spec.template?.metadata?.labels;
  if (labels && Object.keys(job.metadata?.labels ?? {}).length === 0) {
    job.metadata ??= {};
    job.metadata.labels = { ...labels };
  }
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  for (const rule of spec.podFailurePolicy?.rules ?? []) for (const pattern of rule.onPodConditions ?? []) if (!pattern.status) pattern.status = 'True';
  spec.podReplacementPolicy ??= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  if (spec.template) defaultPodTemplateSpec(spec.template);
}
