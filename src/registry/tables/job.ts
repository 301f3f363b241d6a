/**
 * Jobs (batch): printJob as of v1.32: STATUS (Complete, Failed, Terminating, Suspended,
 * FailureTarget, Running), COMPLETIONS ("1/3", "0/1 of 4" for parallel jobs without completions),
 * DURATION.
 */
import type { TableConvertor } from '../resource-def.js';
import {
  CONTAINERS_DESCRIPTION,
  IMAGES_DESCRIPTION,
  type J,
  age,
  ageColumn,
  col,
  conditionTrue,
  formatLabelSelector,
  humanDuration,
  int,
  isZero,
  layoutContainerCells,
  meta,
  nameColumn,
  rec,
  str,
  timeOf,
} from './common.js';

export function jobStatus(job: J): string {
  const conditions = rec(job.status).conditions;
  if (conditionTrue(conditions, 'Complete')) return 'Complete';
  if (conditionTrue(conditions, 'Failed')) return 'Failed';
  if (meta(job).deletionTimestamp != null) return 'Terminating';
  if (conditionTrue(conditions, 'Suspended')) return 'Suspended';
  if (conditionTrue(conditions, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

export function jobCompletions(job: J): string {
  const spec = rec(job.spec);
  const succeeded = int(rec(job.status).succeeded);
  if (spec.completions != null) return `${succeeded}/${int(spec.completions)}`;
  const parallelism = int(spec.parallelism);
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

export function jobDuration(job: J, now: number): string {
  const status = rec(job.status);
  const start = timeOf(status.startTime);
  if (isZero(start)) return '';
  const completion = timeOf(status.completionTime);
  if (isZero(completion)) return humanDuration(now - start);
  return humanDuration(completion - start);
}

export const jobTable: TableConvertor = {
  columns: [
    nameColumn(),
    col('Status', 'string', 'Status of the job.'),
    col('Completions', 'string', 'The number of pods which reached phase Succeeded.'),
    col('Duration', 'string', 'Time required to complete the job.'),
    ageColumn(),
    col('Containers', 'string', CONTAINERS_DESCRIPTION, { priority: 1 }),
    col('Images', 'string', IMAGES_DESCRIPTION, { priority: 1 }),
    col('Selector', 'string', 'A label query over pods that should match the pod count.', { priority: 1 }),
  ],
  cells(obj, now) {
    const spec = rec(obj.spec);
    const [containers, images] = layoutContainerCells(rec(rec(spec.template).spec).containers);
    return [
      str(meta(obj).name),
      jobStatus(obj),
      jobCompletions(obj),
      jobDuration(obj, now),
      age(obj, now),
      containers,
      images,
      formatLabelSelector(spec.selector),
    ];
  },
};
