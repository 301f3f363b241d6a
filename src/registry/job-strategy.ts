/**
 * The batch/v1 Job registry strategy (pkg/registry/batch/job/strategy.go): on create the status
 * starts empty and, unless spec.manualSelector is true, the selector and template labels are
 * generated from the job's uid and name (controller-uid, batch.kubernetes.io/controller-uid,
 * job-name, batch.kubernetes.io/job-name). The job's own labels, when empty, are the template's
 * (upstream's SetDefaults_Job copies them when the object is next decoded, so every read shows them).
 */
import type { KObject } from '../api/meta.js';
import { ControllerUidLabel, JobNameLabel, LegacyControllerUidLabel, LegacyJobNameLabel, type JobT } from '../api/batch/job.js';

/** generateSelector: add the generated labels the user did not set, and select the uid. */
export function generateJobSelector(job: JobT): void {
  const spec = (job.spec ??= {} as NonNullable<JobT['spec']>);
  const template = (spec.template ??= {});
  const tm = (template.metadata ??= {});
  const labels = (tm.labels ??= {});
  const name = job.metadata.name ?? '';
  const uid = job.metadata.uid ?? '';
  for (const key of [LegacyJobNameLabel, JobNameLabel]) if (!(key in labels)) labels[key] = name;
  for (const key of [LegacyControllerUidLabel, ControllerUidLabel]) if (!(key in labels)) labels[key] = uid;
  const selector = (spec.selector ??= {});
  const matchLabels = (selector.matchLabels ??= {});
  if (!(ControllerUidLabel in matchLabels)) matchLabels[ControllerUidLabel] = uid;
}

export function jobPrepareForCreate(obj: KObject): void {
  const job = obj as unknown as JobT;
  job.status = {};
  if (job.spec?.manualSelector !== true) generateJobSelector(job);
  const templateLabels = job.spec?.template?.metadata?.labels;
  if (templateLabels && Object.keys(job.metadata.labels ?? {}).length === 0) job.metadata.labels = { ...templateLabels };
}
