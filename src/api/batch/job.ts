/**
 * batch/v1 Job (v1.32 field set): JobSpec, PodFailurePolicy, SuccessPolicy, JobStatus, JobCondition,
 * UncountedTerminatedPods, with upstream's list extensions. Labels, annotations and condition types
 * the controller and the registry strategy share are exported here.
 */
import { z } from 'zod';
import { LabelSelector, ObjectMeta, Time } from '../meta.js';
import { PodTemplateSpec } from '../core/pod.js';
import { enumStr } from '../core/enums.js';
import { COMPLETION_MODE, POD_FAILURE_POLICY_ACTION, POD_FAILURE_POLICY_ON_EXIT_CODES_OPERATOR, POD_REPLACEMENT_POLICY } from './enums.js';

const B = 'io.k8s.api.batch.v1';
const int = () => z.number().int();
const str = () => z.string();
const named = <T extends z.ZodType>(name: string, s: T, description: string): T => s.meta({ id: `${B}.${name}`, description }) as T;
const atomic = { 'x-kubernetes-list-type': 'atomic' } as const;
const set = { 'x-kubernetes-list-type': 'set' } as const;

export const JobTrackingFinalizer = 'batch.kubernetes.io/job-tracking';
export const LegacyJobNameLabel = 'job-name';
export const JobNameLabel = 'batch.kubernetes.io/job-name';
export const LegacyControllerUidLabel = 'controller-uid';
export const ControllerUidLabel = 'batch.kubernetes.io/controller-uid';
export const JobCompletionIndexAnnotation = 'batch.kubernetes.io/job-completion-index';
export const JobCompletionIndexLabel = 'batch.kubernetes.io/job-completion-index';
export const JobCompletionIndexEnvName = 'JOB_COMPLETION_INDEX';
export const JobIndexFailureCountAnnotation = 'batch.kubernetes.io/job-index-failure-count';

export const PodFailurePolicyOnExitCodesRequirement = named(
  'PodFailurePolicyOnExitCodesRequirement',
  z.object({
    containerName: str().optional().describe('Only exit codes of this container are checked; all containers when unset.'),
    operator: enumStr(POD_FAILURE_POLICY_ON_EXIT_CODES_OPERATOR).describe('In or NotIn: how the exit codes relate to values.'),
    values: z.array(int()).meta({ description: 'Exit codes, sorted and unique; 0 is not allowed with In.', ...set }),
  }),
  'A requirement on the exit codes of terminated containers.',
);

export const PodFailurePolicyOnPodConditionsPattern = named(
  'PodFailurePolicyOnPodConditionsPattern',
  z.object({
    type: str().describe('The pod condition type to match.'),
    status: str().describe('The condition status to match: True (the default), False or Unknown.'),
  }),
  'A pattern matching an actual pod condition.',
);

export const PodFailurePolicyRule = named(
  'PodFailurePolicyRule',
  z.object({
    action: enumStr(POD_FAILURE_POLICY_ACTION).describe('What to do when the rule matches: FailJob, FailIndex, Ignore or Count.'),
    onExitCodes: PodFailurePolicyOnExitCodesRequirement.optional().describe('Matches on container exit codes.'),
    onPodConditions: z.array(PodFailurePolicyOnPodConditionsPattern).optional().meta({ description: 'Matches on pod conditions; any pattern may match.', ...atomic }),
  }),
  'An action to take when a pod failure matches its requirements.',
);

export const PodFailurePolicy = named(
  'PodFailurePolicy',
  z.object({
    rules: z.array(PodFailurePolicyRule).meta({ description: 'Rules evaluated in order; the first match decides. At most 20.', ...atomic }),
  }),
  'How failed pods count towards the backoff limit.',
);

export const SuccessPolicyRule = named(
  'SuccessPolicyRule',
  z.object({
    succeededIndexes: str().optional().describe('Indexes (an interval list such as "1,3-5") that must all succeed.'),
    succeededCount: int().optional().describe('How many of the indexes must succeed.'),
  }),
  'A rule for declaring an Indexed Job succeeded.',
);

export const SuccessPolicy = named(
  'SuccessPolicy',
  z.object({ rules: z.array(SuccessPolicyRule).meta({ description: 'Rules; the job succeeds when any one is met. At most 20.', ...atomic }) }),
  'When an Indexed Job may be declared succeeded.',
);

export const JobSpec = named(
  'JobSpec',
  z.object({
    parallelism: int().optional().describe('The most pods to run at once. Defaults to 1.'),
    completions: int().optional().describe('Successful pods needed for the job to complete; unset means any one success completes it.'),
    activeDeadlineSeconds: int().optional().describe('Seconds, from startTime, the job may be active before it is failed.'),
    podFailurePolicy: PodFailurePolicy.optional().describe('How failed pods are handled; requires restartPolicy Never.'),
    successPolicy: SuccessPolicy.optional().describe('When an Indexed Job counts as succeeded early.'),
    backoffLimit: int().optional().describe('Failed pods allowed before the job fails. Defaults to 6.'),
    backoffLimitPerIndex: int().optional().describe('Failures allowed per index of an Indexed Job.'),
    maxFailedIndexes: int().optional().describe('Failed indexes allowed before the job fails (with backoffLimitPerIndex).'),
    selector: z.lazy(() => LabelSelector).optional().describe('Selects the pods of the job; generated unless manualSelector is true.'),
    manualSelector: z.boolean().optional().describe('When true the selector is not generated from the job uid.'),
    template: z.lazy(() => PodTemplateSpec).describe('The pods to run; restartPolicy must be Never or OnFailure.'),
    ttlSecondsAfterFinished: int().optional().describe('Seconds after the job finishes before it is deleted.'),
    completionMode: enumStr(COMPLETION_MODE).optional().describe('NonIndexed (the default) or Indexed.'),
    suspend: z.boolean().optional().describe('A suspended job has its active pods deleted and creates none.'),
    podReplacementPolicy: enumStr(POD_REPLACEMENT_POLICY).optional().describe('When replacement pods are created: TerminatingOrFailed or Failed.'),
    managedBy: str().optional().describe('The controller that syncs the job; the built-in one when unset.'),
  }),
  'The desired state of a job.',
);

export const UncountedTerminatedPods = named(
  'UncountedTerminatedPods',
  z.object({
    succeeded: z.array(str()).optional().meta({ description: 'UIDs of succeeded pods not yet counted in status.succeeded.', ...set }),
    failed: z.array(str()).optional().meta({ description: 'UIDs of failed pods not yet counted in status.failed.', ...set }),
  }),
  'Finished pods whose finalizer the controller is removing.',
);

export const JobCondition = named(
  'JobCondition',
  z.object({
    type: str().describe('Complete, Failed, Suspended, FailureTarget or SuccessCriteriaMet.'),
    status: str().describe('True, False or Unknown.'),
    lastProbeTime: Time.optional().describe('When the condition was last checked.'),
    lastTransitionTime: Time.optional().describe('When the condition last changed status.'),
    reason: str().optional().describe('A CamelCase reason for the last transition.'),
    message: str().optional().describe('A human readable message about the transition.'),
  }),
  'One aspect of the state of a job.',
);

export const JobStatus = named(
  'JobStatus',
  z.object({
    conditions: z.array(JobCondition).optional().meta({
      description: 'The latest observations of the job state.',
      'x-kubernetes-list-type': 'atomic',
      'x-kubernetes-patch-merge-key': 'type',
      'x-kubernetes-patch-strategy': 'merge',
    }),
    startTime: Time.optional().describe('When the controller started the job (reset on resume).'),
    completionTime: Time.optional().describe('When the job completed successfully.'),
    active: int().optional().describe('Pending or running pods not being deleted.'),
    succeeded: int().optional().describe('Pods that succeeded.'),
    failed: int().optional().describe('Pods that failed.'),
    terminating: int().optional().describe('Pods being deleted that have not reached a terminal phase.'),
    completedIndexes: str().optional().describe('Succeeded indexes of an Indexed Job, as intervals ("1,3-5").'),
    failedIndexes: str().optional().describe('Failed indexes, with backoffLimitPerIndex.'),
    uncountedTerminatedPods: UncountedTerminatedPods.optional().describe('Finished pods not yet counted.'),
    ready: int().optional().describe('Active pods with a Ready condition.'),
  }),
  'The observed state of a job.',
);

export const Job = named(
  'Job',
  z.object({
    apiVersion: str().optional().describe('batch/v1'),
    kind: str().optional().describe('Job'),
    metadata: z.lazy(() => ObjectMeta).optional().describe('Standard object metadata.'),
    spec: JobSpec.optional().describe('The desired state of the job.'),
    status: JobStatus.optional().describe('The observed state of the job.'),
  }),
  'Runs pods to completion.',
);

export type JobT = z.infer<typeof Job> & { metadata: NonNullable<z.infer<typeof Job>['metadata']> };
export type JobSpecT = z.infer<typeof JobSpec>;
export type JobStatusT = z.infer<typeof JobStatus>;
export type JobConditionT = z.infer<typeof JobCondition>;
export type PodFailurePolicyT = z.infer<typeof PodFailurePolicy>;
export type PodFailurePolicyRuleT = z.infer<typeof PodFailurePolicyRule>;
