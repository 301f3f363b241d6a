/** autoscaling/v1 HorizontalPodAutoscaler (served by conversion from the stored autoscaling/v2 object). */
import { z } from 'zod';
import { ObjectMeta, Time } from '../meta.js';

const A = 'io.k8s.api.autoscaling.v1';
const int = () => z.number().int();

export const CrossVersionObjectReferenceV1 = z
  .object({
    kind: z.string().describe('Kind of the referent, e.g. Deployment.'),
    name: z.string().describe('Name of the referent.'),
    apiVersion: z.string().optional().describe('API version of the referent.'),
  })
  .meta({ id: `${A}.CrossVersionObjectReference`, description: 'Names an object of any kind in the same namespace.' });

export const HorizontalPodAutoscalerSpecV1 = z
  .object({
    scaleTargetRef: z.lazy(() => CrossVersionObjectReferenceV1).describe('The scaled resource, read and written through its scale subresource.'),
    minReplicas: int().optional().describe('The lower limit of replicas. Defaults to 1.'),
    maxReplicas: int().describe('The upper limit of replicas; not below minReplicas.'),
    targetCPUUtilizationPercentage: int().optional().describe('The target mean CPU use over pods, as a percentage of the request; default 80.'),
  })
  .meta({ id: `${A}.HorizontalPodAutoscalerSpec`, description: 'The desired behaviour of an autoscaler.' });

export const HorizontalPodAutoscalerStatusV1 = z
  .object({
    observedGeneration: int().optional().describe('The most recent generation observed.'),
    lastScaleTime: Time.optional().describe('When the autoscaler last changed the number of pods.'),
    currentReplicas: int().describe('The number of replicas last seen.'),
    desiredReplicas: int().describe('The number of replicas last computed.'),
    currentCPUUtilizationPercentage: int().optional().describe('The current mean CPU use over pods, as a percentage of the request.'),
  })
  .meta({ id: `${A}.HorizontalPodAutoscalerStatus`, description: 'The observed state of an autoscaler.' });

export const HorizontalPodAutoscalerV1 = z
  .object({
    apiVersion: z.string().optional().describe('autoscaling/v1'),
    kind: z.string().optional().describe('HorizontalPodAutoscaler'),
    metadata: z.lazy(() => ObjectMeta).optional().describe('Standard object metadata.'),
    spec: HorizontalPodAutoscalerSpecV1.optional().describe('The desired behaviour of the autoscaler.'),
    status: HorizontalPodAutoscalerStatusV1.optional().describe('The observed state of the autoscaler.'),
  })
  .meta({ id: `${A}.HorizontalPodAutoscaler`, description: 'Scales a resource with a scale subresource by its CPU use.' });

export type HPAV1T = z.infer<typeof HorizontalPodAutoscalerV1>;
