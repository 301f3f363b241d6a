/** autoscaling/v2 HorizontalPodAutoscaler (the storage version): complete v1.32 field set. */
import { z } from 'zod';
import { LabelSelector, ObjectMeta, Quantity, Time } from '../meta.js';

const A = 'io.k8s.api.autoscaling.v2';
const int = () => z.number().int();
const atomic = (description: string) => ({ description, 'x-kubernetes-list-type': 'atomic' as const });

export const CrossVersionObjectReference = z
  .object({
    kind: z.string().describe('Kind of the referent, e.g. Deployment.'),
    name: z.string().describe('Name of the referent.'),
    apiVersion: z.string().optional().describe('API version of the referent.'),
  })
  .meta({ id: `${A}.CrossVersionObjectReference`, description: 'Names an object of any kind in the same namespace.' });

export const MetricIdentifier = z
  .object({
    name: z.string().describe('The name of the metric.'),
    selector: z.lazy(() => LabelSelector).optional().describe('Narrows the metric by its labels; unset means the name alone.'),
  })
  .meta({ id: `${A}.MetricIdentifier`, description: 'Names a metric and, optionally, selects it by labels.' });

export const MetricTarget = z
  .object({
    type: z.string().describe('Utilization, Value or AverageValue.'),
    value: Quantity.optional().describe('The target value of the metric.'),
    averageValue: Quantity.optional().describe('The target value of the metric averaged over pods.'),
    averageUtilization: int().optional().describe('The target mean of the resource metric over pods, as a percentage of the request.'),
  })
  .meta({ id: `${A}.MetricTarget`, description: 'The target value, average value or utilization of a metric.' });

export const MetricValueStatus = z
  .object({
    value: Quantity.optional().describe('The current value of the metric.'),
    averageValue: Quantity.optional().describe('The current value of the metric averaged over pods.'),
    averageUtilization: int().optional().describe('The current mean of the resource metric over pods, as a percentage of the request.'),
  })
  .meta({ id: `${A}.MetricValueStatus`, description: 'The current value of a metric.' });

export const ResourceMetricSource = z
  .object({
    name: z.string().describe('The resource, e.g. cpu or memory.'),
    target: z.lazy(() => MetricTarget).describe('The target value for the resource.'),
  })
  .meta({ id: `${A}.ResourceMetricSource`, description: 'A resource metric (cpu, memory) of the pods, as the resource metrics API reports it.' });

export const ContainerResourceMetricSource = z
  .object({
    name: z.string().describe('The resource, e.g. cpu or memory.'),
    target: z.lazy(() => MetricTarget).describe('The target value for the resource.'),
    container: z.string().describe('The container whose use is measured.'),
  })
  .meta({ id: `${A}.ContainerResourceMetricSource`, description: 'A resource metric of one container of each pod.' });

export const PodsMetricSource = z
  .object({
    metric: z.lazy(() => MetricIdentifier).describe('The metric.'),
    target: z.lazy(() => MetricTarget).describe('The target value for the metric.'),
  })
  .meta({ id: `${A}.PodsMetricSource`, description: 'A metric of each pod, averaged over pods.' });

export const ObjectMetricSource = z
  .object({
    describedObject: z.lazy(() => CrossVersionObjectReference).describe('The object the metric describes.'),
    target: z.lazy(() => MetricTarget).describe('The target value for the metric.'),
    metric: z.lazy(() => MetricIdentifier).describe('The metric.'),
  })
  .meta({ id: `${A}.ObjectMetricSource`, description: 'A metric describing one Kubernetes object.' });

export const ExternalMetricSource = z
  .object({
    metric: z.lazy(() => MetricIdentifier).describe('The metric.'),
    target: z.lazy(() => MetricTarget).describe('The target value for the metric.'),
  })
  .meta({ id: `${A}.ExternalMetricSource`, description: 'A metric not tied to any Kubernetes object.' });

export const MetricSpec = z
  .object({
    type: z.string().describe('ContainerResource, External, Object, Pods or Resource.'),
    object: ObjectMetricSource.optional().describe('An object metric, when type is Object.'),
    pods: PodsMetricSource.optional().describe('A per-pod metric, when type is Pods.'),
    resource: ResourceMetricSource.optional().describe('A resource metric, when type is Resource.'),
    containerResource: ContainerResourceMetricSource.optional().describe('A container resource metric, when type is ContainerResource.'),
    external: ExternalMetricSource.optional().describe('An external metric, when type is External.'),
  })
  .meta({ id: `${A}.MetricSpec`, description: 'One metric to scale on, and its target.' });

export const ResourceMetricStatus = z
  .object({ name: z.string().describe('The resource.'), current: z.lazy(() => MetricValueStatus).describe('The current value.') })
  .meta({ id: `${A}.ResourceMetricStatus`, description: 'The current value of a resource metric.' });

export const ContainerResourceMetricStatus = z
  .object({
    name: z.string().describe('The resource.'),
    current: z.lazy(() => MetricValueStatus).describe('The current value.'),
    container: z.string().describe('The container measured.'),
  })
  .meta({ id: `${A}.ContainerResourceMetricStatus`, description: 'The current value of a container resource metric.' });

export const PodsMetricStatus = z
  .object({ metric: z.lazy(() => MetricIdentifier).describe('The metric.'), current: z.lazy(() => MetricValueStatus).describe('The current value.') })
  .meta({ id: `${A}.PodsMetricStatus`, description: 'The current value of a per-pod metric.' });

export const ObjectMetricStatus = z
  .object({
    metric: z.lazy(() => MetricIdentifier).describe('The metric.'),
    current: z.lazy(() => MetricValueStatus).describe('The current value.'),
    describedObject: z.lazy(() => CrossVersionObjectReference).describe('The object the metric describes.'),
  })
  .meta({ id: `${A}.ObjectMetricStatus`, description: 'The current value of an object metric.' });

export const ExternalMetricStatus = z
  .object({ metric: z.lazy(() => MetricIdentifier).describe('The metric.'), current: z.lazy(() => MetricValueStatus).describe('The current value.') })
  .meta({ id: `${A}.ExternalMetricStatus`, description: 'The current value of an external metric.' });

export const MetricStatus = z
  .object({
    type: z.string().describe('ContainerResource, External, Object, Pods or Resource.'),
    object: ObjectMetricStatus.optional().describe('An object metric.'),
    pods: PodsMetricStatus.optional().describe('A per-pod metric.'),
    resource: ResourceMetricStatus.optional().describe('A resource metric.'),
    containerResource: ContainerResourceMetricStatus.optional().describe('A container resource metric.'),
    external: ExternalMetricStatus.optional().describe('An external metric.'),
  })
  .meta({ id: `${A}.MetricStatus`, description: 'The last read state of one metric.' });

export const HPAScalingPolicy = z
  .object({
    type: z.string().describe('Pods or Percent.'),
    value: int().describe('How many pods, or what percentage of the current pods, may change in one period.'),
    periodSeconds: int().describe('The window, in seconds, the policy looks back over (1 to 1800).'),
  })
  .meta({ id: `${A}.HPAScalingPolicy`, description: 'One rate limit on scaling.' });

export const HPAScalingRules = z
  .object({
    stabilizationWindowSeconds: int().optional().describe('Seconds of past recommendations considered when scaling (0 to 3600).'),
    selectPolicy: z.string().optional().describe('Which policy wins: Max (default), Min or Disabled.'),
    policies: z.array(HPAScalingPolicy).optional().meta(atomic('The rate limits; at least one.')),
  })
  .meta({ id: `${A}.HPAScalingRules`, description: 'How fast scaling may go in one direction.' });

export const HorizontalPodAutoscalerBehavior = z
  .object({
    scaleUp: HPAScalingRules.optional().describe('Rules for scaling up (default: add 4 pods or double, whichever is more, every 15 s, no stabilization).'),
    scaleDown: HPAScalingRules.optional().describe('Rules for scaling down (default: any number of pods, 300 s stabilization).'),
  })
  .meta({ id: `${A}.HorizontalPodAutoscalerBehavior`, description: 'How the target is scaled up and down.' });

export const HorizontalPodAutoscalerSpec = z
  .object({
    scaleTargetRef: z.lazy(() => CrossVersionObjectReference).describe('The scaled resource, read and written through its scale subresource.'),
    minReplicas: int().optional().describe('The lower limit of replicas. Defaults to 1.'),
    maxReplicas: int().describe('The upper limit of replicas; not below minReplicas.'),
    metrics: z.array(MetricSpec).optional().meta(atomic('The metrics whose highest recommendation is used. Defaults to 80% CPU utilization.')),
    behavior: HorizontalPodAutoscalerBehavior.optional().describe('Scaling rates and stabilization for each direction.'),
  })
  .meta({ id: `${A}.HorizontalPodAutoscalerSpec`, description: 'The desired behaviour of an autoscaler.' });

export const HorizontalPodAutoscalerCondition = z
  .object({
    type: z.string().describe('AbleToScale, ScalingActive or ScalingLimited.'),
    status: z.string().describe('True, False or Unknown.'),
    lastTransitionTime: Time.optional().describe('When the condition last changed status.'),
    reason: z.string().optional().describe('A CamelCase reason for the last transition.'),
    message: z.string().optional().describe('A human readable message about the transition.'),
  })
  .meta({ id: `${A}.HorizontalPodAutoscalerCondition`, description: 'One aspect of the state of an autoscaler.' });

export const HorizontalPodAutoscalerStatus = z
  .object({
    observedGeneration: int().optional().describe('The most recent generation observed.'),
    lastScaleTime: Time.optional().describe('When the autoscaler last changed the number of pods.'),
    currentReplicas: int().optional().describe('The number of replicas last seen.'),
    desiredReplicas: int().describe('The number of replicas last computed.'),
    currentMetrics: z.array(MetricStatus).optional().meta(atomic('The last read state of the metrics.')),
    conditions: z
      .array(HorizontalPodAutoscalerCondition)
      .optional()
      .meta({
        description: 'The conditions needed to scale, and whether they hold.',
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': ['type'],
        'x-kubernetes-patch-merge-key': 'type',
        'x-kubernetes-patch-strategy': 'merge',
      }),
  })
  .meta({ id: `${A}.HorizontalPodAutoscalerStatus`, description: 'The observed state of an autoscaler.' });

export const HorizontalPodAutoscaler = z
  .object({
    apiVersion: z.string().optional().describe('autoscaling/v2'),
    kind: z.string().optional().describe('HorizontalPodAutoscaler'),
    metadata: z.lazy(() => ObjectMeta).optional().describe('Standard object metadata.'),
    spec: HorizontalPodAutoscalerSpec.optional().describe('The desired behaviour of the autoscaler.'),
    status: HorizontalPodAutoscalerStatus.optional().describe('The observed state of the autoscaler.'),
  })
  .meta({ id: `${A}.HorizontalPodAutoscaler`, description: 'Scales a resource with a scale subresource by the metrics it is given.' });

export type HPAT = z.infer<typeof HorizontalPodAutoscaler>;
export type HPASpecT = z.infer<typeof HorizontalPodAutoscalerSpec>;
export type HPAStatusT = z.infer<typeof HorizontalPodAutoscalerStatus>;
export type MetricSpecT = z.infer<typeof MetricSpec>;
export type MetricStatusT = z.infer<typeof MetricStatus>;
export type MetricTargetT = z.infer<typeof MetricTarget>;
export type HPAScalingRulesT = z.infer<typeof HPAScalingRules>;
export type HPAConditionT = z.infer<typeof HorizontalPodAutoscalerCondition>;
