/** apps/v1 ReplicaSet: ReplicaSetSpec, ReplicaSetStatus, ReplicaSetCondition. */
import { z } from 'zod';
import { LabelSelector, ObjectMeta, Time } from '../meta.js';
import { PodTemplateSpec } from '../core/pod.js';
import { nameIsDNSSubdomain } from '../validation.js';

const A = 'io.k8s.api.apps.v1';
const int = () => z.number().int();

export const ReplicaSetSpec = z
  .object({
    replicas: int().optional().describe('Desired number of pods. Defaults to 1.'),
    minReadySeconds: int().optional().describe('Seconds a new pod must be ready, without crashing, to count as available. Defaults to 0.'),
    selector: z.lazy(() => LabelSelector).describe('Selects the pods the ReplicaSet counts; must match the template labels.'),
    template: z.lazy(() => PodTemplateSpec).optional().describe('The pods to create when there are too few.'),
  })
  .meta({ id: `${A}.ReplicaSetSpec`, description: 'The desired state of a ReplicaSet.' });

export const ReplicaSetCondition = z
  .object({
    type: z.string().describe('The type of the condition, e.g. ReplicaFailure.'),
    status: z.string().describe('True, False or Unknown.'),
    lastTransitionTime: Time.optional().describe('When the condition last changed status.'),
    reason: z.string().optional().describe('A CamelCase reason for the last transition.'),
    message: z.string().optional().describe('A human readable message about the transition.'),
  })
  .meta({ id: `${A}.ReplicaSetCondition`, description: 'One aspect of the state of a ReplicaSet.' });

export const ReplicaSetStatus = z
  .object({
    replicas: int().describe('The most recently observed number of pods.'),
    fullyLabeledReplicas: int().optional().describe('Pods whose labels match the template labels.'),
    readyReplicas: int().optional().describe('Pods with a Ready condition.'),
    availableReplicas: int().optional().describe('Pods ready for at least minReadySeconds.'),
    observedGeneration: int().optional().describe('The generation last acted on.'),
    conditions: z
      .array(ReplicaSetCondition)
      .optional()
      .meta({
        description: 'The latest observations of the ReplicaSet state.',
        'x-kubernetes-patch-merge-key': 'type',
        'x-kubernetes-patch-strategy': 'merge',
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': ['type'],
      }),
  })
  .meta({ id: `${A}.ReplicaSetStatus`, description: 'The observed state of a ReplicaSet.' });

export const ReplicaSet = z
  .object({
    apiVersion: z.string().optional().describe('apps/v1'),
    kind: z.string().optional().describe('ReplicaSet'),
    metadata: z.lazy(() => ObjectMeta).describe('Standard object metadata.'),
    spec: ReplicaSetSpec.optional().describe('The desired state of the ReplicaSet.'),
    status: ReplicaSetStatus.optional().describe('The observed state of the ReplicaSet.'),
  })
  .meta({ id: `${A}.ReplicaSet`, description: 'Keeps a set number of identical pods running.' });
export type ReplicaSetT = z.infer<typeof ReplicaSet>;
export type ReplicaSetSpecT = z.infer<typeof ReplicaSetSpec>;
export type ReplicaSetStatusT = z.infer<typeof ReplicaSetStatus>;

export const replicaSetNameValidator = nameIsDNSSubdomain;
export type PodTemplateSpecT = z.infer<typeof PodTemplateSpec>;
