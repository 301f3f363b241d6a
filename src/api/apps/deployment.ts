/** apps/v1 Deployment: DeploymentSpec, DeploymentStrategy, RollingUpdateDeployment, DeploymentStatus. */
import { z } from 'zod';
import { IntOrString, LabelSelector, ObjectMeta, Time } from '../meta.js';
import { PodTemplateSpec } from '../core/pod.js';
import { nameIsDNSSubdomain } from '../validation.js';
import { enumStr } from '../core/enums.js';

const A = 'io.k8s.api.apps.v1';
const int = () => z.number().int();
/** DeploymentStrategyType's values. */
export const DEPLOYMENT_STRATEGY_TYPE = ['Recreate', 'RollingUpdate'] as const;

export const RollingUpdateDeployment = z
  .object({
    maxUnavailable: IntOrString.optional().describe('Pods that may be unavailable during the update: a number or a percent of desired pods (rounded down). Defaults to 25%.'),
    maxSurge: IntOrString.optional().describe('Pods that may be created above the desired count: a number or a percent (rounded up). Defaults to 25%.'),
  })
  .meta({ id: `${A}.RollingUpdateDeployment`, description: 'Knobs of a rolling update.' });

export const DeploymentStrategy = z
  .object({
    type: enumStr(DEPLOYMENT_STRATEGY_TYPE).optional().describe('Recreate or RollingUpdate (the default).'),
    rollingUpdate: RollingUpdateDeployment.optional().describe('Rolling update settings; only with type RollingUpdate.'),
  })
  .meta({ id: `${A}.DeploymentStrategy`, description: 'How old pods are replaced by new ones.' });

export const DeploymentSpec = z
  .object({
    replicas: int().optional().describe('Desired number of pods. Defaults to 1.'),
    selector: z.lazy(() => LabelSelector).describe('Selects the pods the deployment manages; must match the template labels. Immutable in apps/v1.'),
    template: z.lazy(() => PodTemplateSpec).describe('The pods to create. restartPolicy must be Always.'),
    strategy: DeploymentStrategy.optional().describe('How existing pods are replaced.'),
    minReadySeconds: int().optional().describe('Seconds a new pod must be ready, without crashing, to count as available. Defaults to 0.'),
    revisionHistoryLimit: int().optional().describe('Old ReplicaSets to keep for rollback. Defaults to 10.'),
    paused: z.boolean().optional().describe('A paused deployment is not rolled out further.'),
    progressDeadlineSeconds: int()
      .optional()
      .describe('Seconds the rollout may go without progress before it is reported failed (ProgressDeadlineExceeded). Defaults to 600.'),
  })
  .meta({ id: `${A}.DeploymentSpec`, description: 'The desired state of a deployment.' });

export const DeploymentCondition = z
  .object({
    type: z.string().describe('Available, Progressing or ReplicaFailure.'),
    status: z.string().describe('True, False or Unknown.'),
    lastUpdateTime: Time.optional().describe('When this condition was last updated.'),
    lastTransitionTime: Time.optional().describe('When the condition last changed status.'),
    reason: z.string().optional().describe('A CamelCase reason for the last transition.'),
    message: z.string().optional().describe('A human readable message about the transition.'),
  })
  .meta({ id: `${A}.DeploymentCondition`, description: 'One aspect of the state of a deployment.' });

export const DeploymentStatus = z
  .object({
    observedGeneration: int().optional().describe('The generation the controller last acted on.'),
    replicas: int().optional().describe('Pods targeted by the deployment (their labels match the selector).'),
    updatedReplicas: int().optional().describe('Pods with the current template.'),
    readyReplicas: int().optional().describe('Pods with a Ready condition.'),
    availableReplicas: int().optional().describe('Pods ready for at least minReadySeconds.'),
    unavailableReplicas: int().optional().describe('Pods still needed for the deployment to be fully available.'),
    conditions: z
      .array(DeploymentCondition)
      .optional()
      .meta({
        description: 'The latest observations of the deployment state.',
        'x-kubernetes-patch-merge-key': 'type',
        'x-kubernetes-patch-strategy': 'merge',
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': ['type'],
      }),
    collisionCount: int().optional().describe('Counts pod-template-hash collisions; mixed into the hash of new ReplicaSet names.'),
  })
  .meta({ id: `${A}.DeploymentStatus`, description: 'The observed state of a deployment.' });

export const Deployment = z
  .object({
    apiVersion: z.string().optional().describe('apps/v1'),
    kind: z.string().optional().describe('Deployment'),
    metadata: z.lazy(() => ObjectMeta).describe('Standard object metadata.'),
    spec: DeploymentSpec.optional().describe('The desired state of the deployment.'),
    status: DeploymentStatus.optional().describe('The observed state of the deployment.'),
  })
  .meta({ id: `${A}.Deployment`, description: 'Declarative updates for pods, through ReplicaSets.' });
export type DeploymentT = z.infer<typeof Deployment>;
export type DeploymentSpecT = z.infer<typeof DeploymentSpec>;
export type DeploymentStatusT = z.infer<typeof DeploymentStatus>;

export const deploymentNameValidator = nameIsDNSSubdomain;
