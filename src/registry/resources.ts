/**
 * The resource table: one row per kind. Routes, discovery, OpenAPI, tables and the in-process client
 * are all generated from these rows.
 */
import type { FieldError } from '../api/field-errors.js';
import type { KObject } from '../api/meta.js';
import { nameIsDNSLabel, nameIsDNSSubdomain } from '../api/validation.js';
import { Namespace, defaultNamespace, namespaceNameValidator, validateNamespace, validateNamespaceFinalizeUpdate, validateNamespaceStatusUpdate, validateNamespaceUpdate } from '../api/core/namespace.js';
import { Node, defaultNode, nodeNameValidator } from '../api/core/node.js';
import { validateNode, validateNodeStatusUpdate, validateNodeUpdate } from '../api/core/node-validation.js';
import { Event, validateEvent, validateEventUpdate } from '../api/core/event.js';
import { ConfigMap, validateConfigMap, validateConfigMapUpdate } from '../api/core/configmap.js';
import { Secret, defaultSecret, validateSecret, validateSecretUpdate } from '../api/core/secret.js';
import { Service, serviceNameValidator } from '../api/core/service.js';
import { defaultService } from '../api/core/service-defaults.js';
import { validateService, validateServiceStatusUpdate, validateServiceUpdate } from '../api/core/service-validation.js';
import { Endpoints, defaultEndpoints, validateEndpoints, validateEndpointsUpdate } from '../api/core/endpoints.js';
import { ServiceAccount, validateServiceAccount, validateServiceAccountUpdate } from '../api/core/service-account.js';
import { Pod } from '../api/core/pod.js';
import { defaultPod } from '../api/core/pod-defaults.js';
import { validatePod, validatePodStatusUpdate, validatePodUpdate } from '../api/core/pod-validation.js';
import { EventsV1Event, validateEventsV1Event, validateEventsV1EventUpdate } from '../api/events/event.js';
import { Lease, validateLease, validateLeaseUpdate } from '../api/coordination/lease.js';
import { EndpointSlice, defaultEndpointSlice, validateEndpointSlice, validateEndpointSliceUpdate } from '../api/discovery/endpoint-slice.js';
import { Deployment } from '../api/apps/deployment.js';
import { defaultDeployment } from '../api/apps/deployment-defaults.js';
import { validateDeployment, validateDeploymentStatusUpdate, validateDeploymentUpdate } from '../api/apps/deployment-validation.js';
import { ReplicaSet } from '../api/apps/replicaset.js';
import { defaultReplicaSet } from '../api/apps/replicaset-defaults.js';
import { validateReplicaSet, validateReplicaSetStatusUpdate, validateReplicaSetUpdate } from '../api/apps/replicaset-validation.js';
import { Job } from '../api/batch/job.js';
import { defaultJob } from '../api/batch/job-defaults.js';
import { validateJob, validateJobStatusUpdate, validateJobUpdate } from '../api/batch/job-validation.js';
import { jobPrepareForCreate } from './job-strategy.js';
import { CronJob, type CronJobT } from '../api/batch/cronjob.js';
import { defaultCronJob } from '../api/batch/cronjob-defaults.js';
import { cronJobWarnings, validateCronJob, validateCronJobUpdate } from '../api/batch/cronjob-validation.js';
import { PersistentVolume, defaultPersistentVolume } from '../api/core/persistent-volume.js';
import { PersistentVolumeClaim, defaultPersistentVolumeClaim } from '../api/core/persistent-volume-claim.js';
import {
  validatePersistentVolume, validatePersistentVolumeClaim, validatePersistentVolumeClaimStatusUpdate, validatePersistentVolumeClaimUpdate,
  validatePersistentVolumeStatusUpdate, validatePersistentVolumeUpdate,
} from '../api/core/persistent-volume-validation.js';
import { StorageClass, defaultStorageClass, validateStorageClass, validateStorageClassUpdate } from '../api/storage/storage-class.js';
import { admitPersistentVolume, admitPersistentVolumeClaim, pvPrepareForCreate, pvStatusPrepareForUpdate, pvcPrepareForCreate } from './volume-strategy.js';
import { Behavior, validateBehavior, validateBehaviorUpdate } from '../api/kubemu/behavior.js';
import { tableFor } from './tables/index.js';
import { autoscalingResources } from './resources-autoscaling.js';
import type { ResourceDef } from './resource-def.js';
import { allocateService, prepareServiceForCreate, prepareServiceForUpdate, takenBy } from './service-allocation.js';
import { admitPodCreate, podPrepareForCreate, podPrepareForUpdate, podStatusPrepareForUpdate } from './pod-strategy.js';
import { namespaceHoldDeletion, namespacePrepareForCreate, namespacePrepareForUpdate } from './namespace-strategy.js';

type V = (o: KObject) => FieldError[];
type VU = (o: KObject, old: KObject) => FieldError[];
type D = (o: KObject) => void;
const v = <T>(f: (o: T) => FieldError[]) => f as unknown as V;
const vu = <T>(f: (o: T, old: T) => FieldError[]) => f as unknown as VU;
const d = <T>(f: (o: T) => void) => f as unknown as D;

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));
const at = (obj: KObject, path: string): unknown => {
  let cur: unknown = obj;
  for (const p of path.split('.')) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[p] : undefined;
  return cur;
};
/** Field selector getters for these dotted paths. */
const fields = (...paths: string[]) => Object.fromEntries(paths.map((p) => [p, (o: KObject) => str(at(o, p))]));
/** A bool/int field selector: upstream formats the Go value, so unset reads as its zero value ("false", "0"). */
const zeroed = (path: string, zero: string) => ({ [path]: (o: KObject) => str(at(o, path) ?? zero) });

const table = (resource: string, group: string) => ({ table: tableFor(resource, group) });

export const resources: ResourceDef[] = [
  {
    group: '', version: 'v1', kind: 'Namespace', resource: 'namespaces', singular: 'namespace', shortNames: ['ns'], namespaced: false,
    returnDeletedObject: true,
    schema: Namespace, schemaId: 'io.k8s.api.core.v1.Namespace', nameValidator: namespaceNameValidator,
    strategy: { defaults: d(defaultNamespace), prepareForCreate: namespacePrepareForCreate, prepareForUpdate: namespacePrepareForUpdate, holdDeletion: namespaceHoldDeletion, validate: v(validateNamespace), validateUpdate: vu(validateNamespaceUpdate) },
    subresources: { status: { validateUpdate: vu(validateNamespaceStatusUpdate) }, finalize: { validateUpdate: vu(validateNamespaceFinalizeUpdate) } },
    fieldSelectors: fields('status.phase'),
    ...table('namespaces', ''),
  },
  {
    group: '', version: 'v1', kind: 'Node', resource: 'nodes', singular: 'node', shortNames: ['no'], namespaced: false,
    returnDeletedObject: true,
    schema: Node, schemaId: 'io.k8s.api.core.v1.Node', nameValidator: nodeNameValidator,
    strategy: { defaults: d(defaultNode), validate: v(validateNode), validateUpdate: vu(validateNodeUpdate) },
    subresources: { status: { validateUpdate: vu(validateNodeStatusUpdate) } },
    fieldSelectors: zeroed('spec.unschedulable', 'false'),
    ...table('nodes', ''),
  },
  {
    group: '', version: 'v1', kind: 'Pod', resource: 'pods', singular: 'pod', shortNames: ['po'], categories: ['all'], namespaced: true,
    returnDeletedObject: true,
    schema: Pod, schemaId: 'io.k8s.api.core.v1.Pod', gracefulDelete: true,
    strategy: { defaults: d(defaultPod), prepareForCreate: podPrepareForCreate, prepareForUpdate: podPrepareForUpdate, validate: v(validatePod), validateUpdate: vu(validatePodUpdate) },
    subresources: { status: { prepareForUpdate: podStatusPrepareForUpdate, validateUpdate: vu(validatePodStatusUpdate) }, binding: true, eviction: true, log: true, exec: true, portforward: true },
    allocate: admitPodCreate,
    fieldSelectors: { ...fields('spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'status.phase', 'status.podIP', 'status.nominatedNodeName'), ...zeroed('spec.hostNetwork', 'false') },
    ...table('pods', ''),
  },
  {
    group: '', version: 'v1', kind: 'Event', resource: 'events', singular: 'event', shortNames: ['ev'], namespaced: true,
    allowCreateOnUpdate: true,
    schema: Event, schemaId: 'io.k8s.api.core.v1.Event', nameValidator: nameIsDNSSubdomain,
    strategy: { validate: v(validateEvent), validateUpdate: vu(validateEventUpdate) },
    fieldSelectors: {
      ...fields(
        'involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion',
        'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'type',
      ),
      // upstream: "source" selects on source.component
      source: (o: KObject) => str(at(o, 'source.component')),
    },
    ...table('events', ''),
  },
  {
    group: '', version: 'v1', kind: 'ConfigMap', resource: 'configmaps', singular: 'configmap', shortNames: ['cm'], namespaced: true,
    schema: ConfigMap, schemaId: 'io.k8s.api.core.v1.ConfigMap',
    strategy: { validate: v(validateConfigMap), validateUpdate: vu(validateConfigMapUpdate) },
    ...table('configmaps', ''),
  },
  {
    group: '', version: 'v1', kind: 'Secret', resource: 'secrets', singular: 'secret', namespaced: true,
    schema: Secret, schemaId: 'io.k8s.api.core.v1.Secret',
    strategy: { defaults: d(defaultSecret), validate: v(validateSecret), validateUpdate: vu(validateSecretUpdate) },
    fieldSelectors: fields('type'),
    ...table('secrets', ''),
  },
  {
    group: '', version: 'v1', kind: 'Service', resource: 'services', singular: 'service', shortNames: ['svc'], categories: ['all'], namespaced: true,
    returnDeletedObject: true,
    schema: Service, schemaId: 'io.k8s.api.core.v1.Service', nameValidator: serviceNameValidator,
    strategy: { defaults: d(defaultService), prepareForCreate: prepareServiceForCreate, prepareForUpdate: prepareServiceForUpdate, validate: v(validateService), validateUpdate: vu(validateServiceUpdate) },
    subresources: { status: { validateUpdate: vu(validateServiceStatusUpdate) } },
    fieldSelectors: fields('spec.clusterIP', 'spec.type'),
    allocate: (ctx, obj, old) => allocateService(obj, old, takenBy(ctx.list('', 'services'), old ?? obj), ctx.random),
    ...table('services', ''),
  },
  {
    group: '', version: 'v1', kind: 'Endpoints', listKind: 'EndpointsList', resource: 'endpoints', singular: 'endpoints', shortNames: ['ep'], namespaced: true,
    allowCreateOnUpdate: true,
    schema: Endpoints, schemaId: 'io.k8s.api.core.v1.Endpoints',
    strategy: { defaults: d(defaultEndpoints), validate: v(validateEndpoints), validateUpdate: vu(validateEndpointsUpdate) },
    ...table('endpoints', ''),
  },
  {
    group: '', version: 'v1', kind: 'ServiceAccount', resource: 'serviceaccounts', singular: 'serviceaccount', shortNames: ['sa'], namespaced: true,
    schema: ServiceAccount, schemaId: 'io.k8s.api.core.v1.ServiceAccount',
    strategy: { validate: v(validateServiceAccount), validateUpdate: vu(validateServiceAccountUpdate) },
    ...table('serviceaccounts', ''),
  },
  {
    group: 'apps', version: 'v1', kind: 'Deployment', resource: 'deployments', singular: 'deployment', shortNames: ['deploy'], categories: ['all'], namespaced: true,
    schema: Deployment, schemaId: 'io.k8s.api.apps.v1.Deployment', tracksGeneration: true,
    strategy: { defaults: d(defaultDeployment), validate: v(validateDeployment), validateUpdate: vu(validateDeploymentUpdate) },
    subresources: {
      status: { validateUpdate: vu(validateDeploymentStatusUpdate) },
      scale: { specReplicasPath: 'spec.replicas', statusReplicasPath: 'status.replicas', selectorPath: 'spec.selector' },
    },
    ...table('deployments', 'apps'),
  },
  {
    group: 'apps', version: 'v1', kind: 'ReplicaSet', resource: 'replicasets', singular: 'replicaset', shortNames: ['rs'], categories: ['all'], namespaced: true,
    schema: ReplicaSet, schemaId: 'io.k8s.api.apps.v1.ReplicaSet', tracksGeneration: true,
    strategy: { defaults: d(defaultReplicaSet), validate: v(validateReplicaSet), validateUpdate: vu(validateReplicaSetUpdate) },
    subresources: {
      status: { validateUpdate: vu(validateReplicaSetStatusUpdate) },
      scale: { specReplicasPath: 'spec.replicas', statusReplicasPath: 'status.replicas', selectorPath: 'spec.selector' },
    },
    fieldSelectors: zeroed('status.replicas', '0'),
    ...table('replicasets', 'apps'),
  },
  {
    group: 'batch', version: 'v1', kind: 'Job', resource: 'jobs', singular: 'job', categories: ['all'], namespaced: true,
    orphanDependentsByDefault: true,
    schema: Job, schemaId: 'io.k8s.api.batch.v1.Job', tracksGeneration: true,
    strategy: { defaults: d(defaultJob), prepareForCreate: jobPrepareForCreate, validate: v(validateJob), validateUpdate: vu(validateJobUpdate) },
    subresources: { status: { validateUpdate: vu(validateJobStatusUpdate) } },
    fieldSelectors: { 'status.successful': (o: KObject) => str(at(o, 'status.succeeded') ?? 0) },
    ...table('jobs', 'batch'),
  },
  {
    group: 'batch', version: 'v1', kind: 'CronJob', resource: 'cronjobs', singular: 'cronjob', shortNames: ['cj'], categories: ['all'], namespaced: true,
    schema: CronJob, schemaId: 'io.k8s.api.batch.v1.CronJob', tracksGeneration: true,
    strategy: {
      defaults: d(defaultCronJob), prepareForCreate: (o) => void (o.status = {}), validate: v(validateCronJob), validateUpdate: vu(validateCronJobUpdate),
      warnings: (o) => cronJobWarnings(o as unknown as CronJobT),
    },
    subresources: { status: {} },
    ...table('cronjobs', 'batch'),
  },
  {
    group: 'coordination.k8s.io', version: 'v1', kind: 'Lease', resource: 'leases', singular: 'lease', namespaced: true,
    allowCreateOnUpdate: true,
    schema: Lease, schemaId: 'io.k8s.api.coordination.v1.Lease',
    strategy: { validate: v(validateLease), validateUpdate: vu(validateLeaseUpdate) },
    ...table('leases', 'coordination.k8s.io'),
  },
  {
    group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice', resource: 'endpointslices', singular: 'endpointslice', namespaced: true,
    schema: EndpointSlice, schemaId: 'io.k8s.api.discovery.v1.EndpointSlice',
    strategy: { defaults: d(defaultEndpointSlice), validate: v(validateEndpointSlice), validateUpdate: vu(validateEndpointSliceUpdate) },
    ...table('endpointslices', 'discovery.k8s.io'),
  },
  {
    group: 'events.k8s.io', version: 'v1', kind: 'Event', resource: 'events', singular: 'event', shortNames: ['ev'], namespaced: true,
    allowCreateOnUpdate: true,
    schema: EventsV1Event, schemaId: 'io.k8s.api.events.v1.Event', nameValidator: nameIsDNSSubdomain,
    strategy: { validate: v(validateEventsV1Event), validateUpdate: vu(validateEventsV1EventUpdate) },
    fieldSelectors: fields('regarding.kind', 'regarding.namespace', 'regarding.name', 'regarding.uid', 'reason', 'reportingController', 'type'),
    ...table('events', 'events.k8s.io'),
  },
  {
    group: '', version: 'v1', kind: 'PersistentVolume', resource: 'persistentvolumes', singular: 'persistentvolume', shortNames: ['pv'], namespaced: false,
    returnDeletedObject: true,
    schema: PersistentVolume, schemaId: 'io.k8s.api.core.v1.PersistentVolume',
    strategy: { defaults: d(defaultPersistentVolume), prepareForCreate: pvPrepareForCreate, validate: v(validatePersistentVolume), validateUpdate: vu(validatePersistentVolumeUpdate) },
    subresources: { status: { prepareForUpdate: pvStatusPrepareForUpdate, validateUpdate: vu(validatePersistentVolumeStatusUpdate) } },
    // upstream keeps a "name" field (a bug kept for compatibility)
    fieldSelectors: { name: (o: KObject) => o.metadata.name },
    admit: admitPersistentVolume,
    ...table('persistentvolumes', ''),
  },
  {
    group: '', version: 'v1', kind: 'PersistentVolumeClaim', resource: 'persistentvolumeclaims', singular: 'persistentvolumeclaim', shortNames: ['pvc'], namespaced: true,
    returnDeletedObject: true,
    schema: PersistentVolumeClaim, schemaId: 'io.k8s.api.core.v1.PersistentVolumeClaim',
    strategy: { defaults: d(defaultPersistentVolumeClaim), prepareForCreate: pvcPrepareForCreate, validate: v(validatePersistentVolumeClaim), validateUpdate: vu(validatePersistentVolumeClaimUpdate) },
    subresources: { status: { validateUpdate: vu(validatePersistentVolumeClaimStatusUpdate) } },
    fieldSelectors: { name: (o: KObject) => o.metadata.name },
    admit: admitPersistentVolumeClaim,
    ...table('persistentvolumeclaims', ''),
  },
  {
    group: 'storage.k8s.io', version: 'v1', kind: 'StorageClass', resource: 'storageclasses', singular: 'storageclass', shortNames: ['sc'], namespaced: false,
    schema: StorageClass, schemaId: 'io.k8s.api.storage.v1.StorageClass',
    strategy: { defaults: d(defaultStorageClass), validate: v(validateStorageClass), validateUpdate: vu(validateStorageClassUpdate) },
    ...table('storageclasses', 'storage.k8s.io'),
  },
  ...autoscalingResources,
  {
    group: 'kubemu.dev', version: 'v1alpha1', kind: 'Behavior', resource: 'behaviors', singular: 'behavior', namespaced: false,
    schema: Behavior, schemaId: 'dev.kubemu.v1alpha1.Behavior',
    strategy: { validate: v(validateBehavior), validateUpdate: vu(validateBehaviorUpdate) },
    ...table('behaviors', 'kubemu.dev'),
  },
];

export { nameIsDNSLabel };
