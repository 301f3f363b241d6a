/**
 * batch/v1 CronJob (v1.32 field set): CronJobSpec, JobTemplateSpec, CronJobStatus, with upstream's list
 * extensions, and the annotations the CronJob controller and kubectl put on the Jobs they create.
 */
import { z } from 'zod';
import { ObjectMeta, Time } from '../meta.js';
import { ObjectReference } from '../core/object-reference.js';
import { JobSpec } from './job.js';
import { enumStr } from '../core/enums.js';

const B = 'io.k8s.api.batch.v1';
const int = () => z.number().int();
const str = () => z.string();
const named = <T extends z.ZodType>(name: string, s: T, description: string): T => s.meta({ id: `${B}.${name}`, description }) as T;

/** Set by the controller on each Job it creates: the scheduled time, RFC 3339 in the CronJob's time zone. */
export const CronJobScheduledTimestampAnnotation = 'batch.kubernetes.io/cronjob-scheduled-timestamp';
/** Set by `kubectl create job --from=cronjob/x`. */
export const CronJobInstantiateAnnotation = 'cronjob.kubernetes.io/instantiate';

export const ConcurrencyPolicies = ['Allow', 'Forbid', 'Replace'] as const;

export const JobTemplateSpec = named(
  'JobTemplateSpec',
  z.object({
    metadata: z.lazy(() => ObjectMeta).optional().describe('Labels and annotations copied onto each Job created from the template.'),
    spec: z.lazy(() => JobSpec).optional().describe('The spec of each Job created from the template.'),
  }),
  'What a Job created from a template looks like.',
);

export const CronJobSpec = named(
  'CronJobSpec',
  z.object({
    schedule: str().describe('When to run, in cron format ("*/5 * * * *", "@hourly").'),
    timeZone: str().optional().describe('IANA time zone the schedule is read in; the controller\'s zone when unset.'),
    startingDeadlineSeconds: int().optional().describe('How late, in seconds, a missed run may still start; later runs count as missed.'),
    concurrencyPolicy: enumStr(ConcurrencyPolicies).optional().describe('What to do when a run is due while an earlier one is active: Allow (default), Forbid or Replace.'),
    suspend: z.boolean().optional().describe('When true, no further runs start; running ones continue. Defaults to false.'),
    jobTemplate: z.lazy(() => JobTemplateSpec).describe('The Job each run creates.'),
    successfulJobsHistoryLimit: int().optional().describe('Finished successful Jobs to keep. Defaults to 3.'),
    failedJobsHistoryLimit: int().optional().describe('Finished failed Jobs to keep. Defaults to 1.'),
  }),
  'The desired schedule and Job of a cron job.',
);

export const CronJobStatus = named(
  'CronJobStatus',
  z.object({
    active: z
      .array(ObjectReference)
      .optional()
      .meta({ description: 'References to the Jobs of this cron job that are running.', 'x-kubernetes-list-type': 'atomic' }),
    lastScheduleTime: Time.optional().describe('When a Job was last scheduled.'),
    lastSuccessfulTime: Time.optional().describe('When a Job of this cron job last completed successfully.'),
  }),
  'The observed state of a cron job.',
);

export const CronJob = named(
  'CronJob',
  z.object({
    apiVersion: str().optional().describe('batch/v1'),
    kind: str().optional().describe('CronJob'),
    metadata: z.lazy(() => ObjectMeta).optional().describe('Standard object metadata.'),
    spec: CronJobSpec.optional().describe('The schedule and Job template.'),
    status: CronJobStatus.optional().describe('The observed state of the cron job.'),
  }),
  'Runs a Job on a repeating schedule.',
);

export type CronJobT = z.infer<typeof CronJob> & { metadata: NonNullable<z.infer<typeof CronJob>['metadata']> };
export type CronJobSpecT = z.infer<typeof CronJobSpec>;
export type CronJobStatusT = z.infer<typeof CronJobStatus>;
export type JobTemplateSpecT = z.infer<typeof JobTemplateSpec>;
