/**
 * SetObjectDefaults_CronJob (pkg/apis/batch/v1, v1.32): SetDefaults_CronJob (concurrencyPolicy Allow,
 * suspend false, successfulJobsHistoryLimit 3, failedJobsHistoryLimit 1) and the pod template's
 * defaults. The job template's own JobSpec is not defaulted (SetDefaults_Job is for Job objects).
 */
import { defaultPodTemplateSpec } from '../core/pod-defaults.js';
import type { CronJobT } from './cronjob.js';

export function defaultCronJob(cj: CronJobT): void {
  const spec = (cj.spec ??= {} as NonNullable<CronJobT['spec']>);
  if (!spec.concurrencyPolicy) spec.concurrencyPolicy = 'Allow';
  spec.suspend ??= false;
  spec.successfulJobsHistoryLimit ??= 3;
  spec.failedJobsHistoryLimit ??= 1;
  const template = spec.jobTemplate?.spec?.template;
  if (template) defaultPodTemplateSpec(template);
  // Go always serialises the template's ObjectMeta (a struct, not a pointer).
  if (spec.jobTemplate) {
    const md = (spec.jobTemplate.metadata ??= {});
    if (md.creationTimestamp === undefined) md.creationTimestamp = null;
  }
}
