/**
 * All protobuf message tables, and the (apiVersion, kind) -> message name map used to pick the
 * message for a runtime.Unknown envelope.
 */
import type { MessageDef, MessageTable } from './message-def.js';
import { APPS_V1 } from './messages-apps.js';
import { AUTHENTICATION_V1, AUTHORIZATION_V1 } from './messages-auth.js';
import { AUTOSCALING_V1, AUTOSCALING_V2 } from './messages-autoscaling.js';
import { BATCH_V1 } from './messages-batch.js';
import { CORE_V1 } from './messages-core.js';
import { CORE_V1_CONTAINERS } from './messages-core-containers.js';
import { CORE_V1_POD } from './messages-core-pod.js';
import { CORE_V1_VOLUMES } from './messages-core-volumes.js';
import { NETWORKING_V1, RBAC_V1, SCHEDULING_V1 } from './messages-extra.js';
import { INTSTR, META_V1, RESOURCE, RUNTIME } from './messages-meta.js';
import { POLICY_V1 } from './messages-policy.js';

export const MESSAGES: Readonly<MessageTable> = {
  ...META_V1,
  ...RESOURCE,
  ...INTSTR,
  ...RUNTIME,
  ...CORE_V1,
  ...CORE_V1_CONTAINERS,
  ...CORE_V1_POD,
  ...CORE_V1_VOLUMES,
  ...APPS_V1,
  ...BATCH_V1,
  ...AUTOSCALING_V1,
  ...AUTOSCALING_V2,
  ...POLICY_V1,
  ...AUTHENTICATION_V1,
  ...AUTHORIZATION_V1,
  ...RBAC_V1,
  ...NETWORKING_V1,
  ...SCHEDULING_V1,
};

export const META = 'k8s.io.apimachinery.pkg.apis.meta.v1';
export const TIME = `${META}.Time`;
export const MICRO_TIME = `${META}.MicroTime`;
export const DURATION = `${META}.Duration`;
export const FIELDS_V1 = `${META}.FieldsV1`;
export const QUANTITY = 'k8s.io.apimachinery.pkg.api.resource.Quantity';
export const INT_OR_STRING = 'k8s.io.apimachinery.pkg.util.intstr.IntOrString';
export const RAW_EXTENSION = 'k8s.io.apimachinery.pkg.runtime.RawExtension';
export const UNKNOWN = 'k8s.io.apimachinery.pkg.runtime.Unknown';
/** Messages that wrap a repeated string and are a plain JSON array (map[string]ExtraValue values). */
export const STRING_LIST_WRAPPERS: ReadonlySet<string> = new Set([
  'k8s.io.api.authentication.v1.ExtraValue',
  'k8s.io.api.authorization.v1.ExtraValue',
]);

const GROUP_PACKAGES: Record<string, { pkg: string; kinds: string[] }> = {
  v1: {
    pkg: 'k8s.io.api.core.v1',
    kinds: [
      'Pod', 'PodList', 'PodTemplate', 'PodTemplateList', 'Namespace', 'NamespaceList', 'ConfigMap', 'ConfigMapList',
      'Secret', 'SecretList', 'Service', 'ServiceList', 'ServiceAccount', 'ServiceAccountList', 'Endpoints',
      'EndpointsList', 'Node', 'NodeList', 'Binding', 'Event', 'EventList', 'PersistentVolume', 'PersistentVolumeList',
      'PersistentVolumeClaim', 'PersistentVolumeClaimList', 'ReplicationController', 'ReplicationControllerList',
      'LimitRange', 'LimitRangeList', 'ResourceQuota', 'ResourceQuotaList', 'ComponentStatus', 'ComponentStatusList',
      'PodStatusResult', 'RangeAllocation', 'SerializedReference',
    ],
  },
  'apps/v1': {
    pkg: 'k8s.io.api.apps.v1',
    kinds: [
      'Deployment', 'DeploymentList', 'ReplicaSet', 'ReplicaSetList', 'StatefulSet', 'StatefulSetList', 'DaemonSet',
      'DaemonSetList', 'ControllerRevision', 'ControllerRevisionList',
    ],
  },
  'batch/v1': { pkg: 'k8s.io.api.batch.v1', kinds: ['Job', 'JobList', 'CronJob', 'CronJobList'] },
  'autoscaling/v1': {
    pkg: 'k8s.io.api.autoscaling.v1',
    kinds: ['HorizontalPodAutoscaler', 'HorizontalPodAutoscalerList', 'Scale'],
  },
  'autoscaling/v2': { pkg: 'k8s.io.api.autoscaling.v2', kinds: ['HorizontalPodAutoscaler', 'HorizontalPodAutoscalerList'] },
  'policy/v1': { pkg: 'k8s.io.api.policy.v1', kinds: ['Eviction', 'PodDisruptionBudget', 'PodDisruptionBudgetList'] },
  'authentication.k8s.io/v1': {
    pkg: 'k8s.io.api.authentication.v1',
    kinds: ['TokenRequest', 'TokenReview', 'SelfSubjectReview'],
  },
  'authorization.k8s.io/v1': {
    pkg: 'k8s.io.api.authorization.v1',
    kinds: ['SelfSubjectAccessReview', 'SubjectAccessReview', 'LocalSubjectAccessReview', 'SelfSubjectRulesReview'],
  },
  'rbac.authorization.k8s.io/v1': {
    pkg: 'k8s.io.api.rbac.v1',
    kinds: ['Role', 'RoleList', 'RoleBinding', 'RoleBindingList', 'ClusterRole', 'ClusterRoleList', 'ClusterRoleBinding', 'ClusterRoleBindingList'],
  },
  'networking.k8s.io/v1': { pkg: 'k8s.io.api.networking.v1', kinds: ['Ingress', 'IngressList'] },
  'scheduling.k8s.io/v1': { pkg: 'k8s.io.api.scheduling.v1', kinds: ['PriorityClass', 'PriorityClassList'] },
};

/**
 * meta/v1 option and status kinds: metav1.AddToGroupVersion registers them in every group version,
 * so a typed client sends e.g. {apiVersion: "apps/v1", kind: "DeleteOptions"}.
 */
const META_KINDS: Record<string, string> = {
  DeleteOptions: `${META}.DeleteOptions`,
  Status: `${META}.Status`,
  WatchEvent: `${META}.WatchEvent`,
};

/** The proto message name for an object of the given apiVersion and kind, if we have its table. */
export function messageForKind(apiVersion: string, kind: string): string | undefined {
  const gv = GROUP_PACKAGES[apiVersion];
  if (gv?.kinds.includes(kind)) return `${gv.pkg}.${kind}`;
  if (META_KINDS[kind] && (gv || apiVersion === 'meta.k8s.io/v1')) return META_KINDS[kind];
  return undefined;
}

export function messageDef(name: string): MessageDef | undefined {
  return MESSAGES[name];
}
