/**
 * Small resource table rows for discovery and OpenAPI tests: apps/v1 Deployment (status, scale) and
 * ReplicaSet, core/v1 Pod (status, binding, eviction, log, exec...) and Namespace (cluster-scoped),
 * with schemas shaped like upstream's (named types, list extensions, IntOrString, enums).
 */
import { z } from 'zod';
import { IntOrString, LabelSelector, ObjectMeta, Quantity, Time } from '../../src/api/meta.js';
import type { ResourceDef } from '../../src/registry/resource-def.js';

const req = <T extends z.ZodType>(s: T, d: string) => z.lazy(() => s).describe(d);
const opt = <T extends z.ZodType>(s: T, d: string) => s.optional().describe(d);

export const Container = z
  .object({
    name: z.string().describe('Name of the container.'),
    image: opt(z.string(), 'Container image.'),
    ports: z
      .array(z.object({ containerPort: z.number().int().describe('Port number.') }).meta({ id: 'io.k8s.api.core.v1.ContainerPort', description: 'A port.' }))
      .optional()
      .meta({
        description: 'Ports to expose.',
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': ['containerPort', 'protocol'],
        'x-kubernetes-patch-merge-key': 'containerPort',
        'x-kubernetes-patch-strategy': 'merge',
      }),
    args: z.array(z.string()).optional().meta({ description: 'Arguments.', 'x-kubernetes-list-type': 'atomic' }),
    resources: opt(z.object({ limits: opt(z.record(z.string(), Quantity), 'Limits.') }).meta({ id: 'io.k8s.api.core.v1.ResourceRequirements', description: 'Compute resources.' }), 'Compute resources.'),
  })
  .meta({ id: 'io.k8s.api.core.v1.Container', description: 'A single application container.' });

export const PodSpec = z
  .object({
    containers: z.array(Container).meta({
      description: 'The containers of the pod.',
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['name'],
      'x-kubernetes-patch-merge-key': 'name',
      'x-kubernetes-patch-strategy': 'merge',
    }),
    nodeName: opt(z.string(), 'The node the pod runs on.'),
    terminationGracePeriodSeconds: z.number().int().optional().meta({ description: 'Grace period.', format: 'int64' }),
  })
  .meta({ id: 'io.k8s.api.core.v1.PodSpec', description: 'The specification of a pod.' });

export const PodTemplateSpec = z
  .object({ metadata: opt(ObjectMeta, 'Pod metadata.'), spec: opt(PodSpec, 'Pod spec.') })
  .meta({ id: 'io.k8s.api.core.v1.PodTemplateSpec', description: 'A template for pods.' });

export const RollingUpdateDeployment = z
  .object({
    maxUnavailable: opt(IntOrString, 'Pods that may be unavailable during the update.'),
    maxSurge: opt(IntOrString, 'Pods that may be created above the desired count.'),
  })
  .meta({ id: 'io.k8s.api.apps.v1.RollingUpdateDeployment', description: 'Parameters of a rolling update.' });

export const DeploymentStrategy = z
  .object({
    type: opt(z.enum(['RollingUpdate', 'Recreate']), 'Recreate or RollingUpdate.'),
    rollingUpdate: opt(RollingUpdateDeployment, 'Rolling update parameters.'),
  })
  .meta({ id: 'io.k8s.api.apps.v1.DeploymentStrategy', description: 'How to replace pods.' });

export const DeploymentCondition = z
  .object({
    type: z.string().describe('Condition type.'),
    status: z.string().describe('True, False or Unknown.'),
    lastTransitionTime: opt(Time, 'Last transition.'),
  })
  .meta({ id: 'io.k8s.api.apps.v1.DeploymentCondition', description: 'A deployment condition.' });

export const Deployment = z
  .object({
    apiVersion: opt(z.string(), 'API version.'),
    kind: opt(z.string(), 'Kind.'),
    metadata: opt(ObjectMeta, 'Standard object metadata.'),
    spec: opt(
      z
        .object({
          replicas: opt(z.number().int(), 'Desired pods.'),
          selector: req(LabelSelector, 'Label selector for pods.'),
          template: req(PodTemplateSpec, 'Template of the pods.'),
          strategy: z.lazy(() => DeploymentStrategy).optional().meta({ description: 'The deployment strategy.', 'x-kubernetes-patch-strategy': 'retainKeys' }),
          paused: opt(z.boolean(), 'Paused.'),
        })
        .meta({ id: 'io.k8s.api.apps.v1.DeploymentSpec', description: 'The desired state of a deployment.' }),
      'Desired state.',
    ),
    status: opt(
      z
        .object({
          observedGeneration: z.number().int().optional().meta({ description: 'Observed generation.', format: 'int64' }),
          replicas: opt(z.number().int(), 'Pods.'),
          conditions: z.array(DeploymentCondition).optional().meta({
            description: 'Conditions.',
            'x-kubernetes-list-type': 'map',
            'x-kubernetes-list-map-keys': ['type'],
            'x-kubernetes-patch-merge-key': 'type',
            'x-kubernetes-patch-strategy': 'merge',
          }),
        })
        .meta({ id: 'io.k8s.api.apps.v1.DeploymentStatus', description: 'The observed state of a deployment.' }),
      'Observed state.',
    ),
  })
  .meta({ id: 'io.k8s.api.apps.v1.Deployment', description: 'A Deployment manages ReplicaSets.' });

export const ReplicaSet = z
  .object({ apiVersion: opt(z.string(), 'API version.'), kind: opt(z.string(), 'Kind.'), metadata: opt(ObjectMeta, 'Metadata.') })
  .meta({ id: 'io.k8s.api.apps.v1.ReplicaSet', description: 'A ReplicaSet keeps pods running.' });

export const Pod = z
  .object({ apiVersion: opt(z.string(), 'API version.'), kind: opt(z.string(), 'Kind.'), metadata: opt(ObjectMeta, 'Metadata.'), spec: opt(PodSpec, 'Spec.') })
  .meta({ id: 'io.k8s.api.core.v1.Pod', description: 'A pod.' });

export const Namespace = z
  .object({ apiVersion: opt(z.string(), 'API version.'), kind: opt(z.string(), 'Kind.'), metadata: opt(ObjectMeta, 'Metadata.') })
  .meta({ id: 'io.k8s.api.core.v1.Namespace', description: 'A namespace.' });

const strategy = { validate: () => [] };

export const deployments: ResourceDef = {
  group: 'apps', version: 'v1', kind: 'Deployment', resource: 'deployments', singular: 'deployment', shortNames: ['deploy'],
  categories: ['all'], namespaced: true, schema: Deployment, schemaId: 'io.k8s.api.apps.v1.Deployment', strategy,
  subresources: { status: {}, scale: { specReplicasPath: 'spec.replicas', statusReplicasPath: 'status.replicas', selectorPath: 'spec.selector' } },
};
export const replicasets: ResourceDef = {
  group: 'apps', version: 'v1', kind: 'ReplicaSet', resource: 'replicasets', singular: 'replicaset', shortNames: ['rs'],
  categories: ['all'], namespaced: true, schema: ReplicaSet, schemaId: 'io.k8s.api.apps.v1.ReplicaSet', strategy,
  subresources: { status: {}, scale: { specReplicasPath: 'spec.replicas', statusReplicasPath: 'status.replicas', selectorPath: 'spec.selector' } },
};
export const pods: ResourceDef = {
  group: '', version: 'v1', kind: 'Pod', resource: 'pods', singular: 'pod', shortNames: ['po'], categories: ['all'],
  namespaced: true, schema: Pod, schemaId: 'io.k8s.api.core.v1.Pod', strategy, gracefulDelete: true,
  subresources: { status: {}, binding: true, eviction: true, log: true, exec: true, attach: true, portforward: true, proxy: true },
};
export const namespaces: ResourceDef = {
  group: '', version: 'v1', kind: 'Namespace', resource: 'namespaces', singular: 'namespace', shortNames: ['ns'],
  namespaced: false, schema: Namespace, schemaId: 'io.k8s.api.core.v1.Namespace', strategy, subresources: { status: {} },
};
/** A read-only aggregated-style resource with a subset of verbs. */
export const podMetrics: ResourceDef = {
  group: 'metrics.k8s.io', version: 'v1beta1', kind: 'PodMetrics', resource: 'pods', singular: '', namespaced: true,
  schema: z.object({ metadata: opt(ObjectMeta, 'Metadata.') }).meta({ id: 'io.k8s.metrics.pkg.apis.metrics.v1beta1.PodMetrics', description: 'Pod usage.' }),
  schemaId: 'io.k8s.metrics.pkg.apis.metrics.v1beta1.PodMetrics', strategy, verbs: ['get', 'list'],
};

export const fakeResources: ResourceDef[] = [replicasets, pods, deployments, namespaces, podMetrics];
