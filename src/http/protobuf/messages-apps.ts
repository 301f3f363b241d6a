/**
 * apps/v1 protobuf messages (k8s.io/api/apps/v1 generated.proto, v1.32), field numbers and
 * pointer/omitempty facts taken from the Go types' protobuf and json struct tags.
 * Field spec syntax: see message-def.ts.
 */
import { defineMessages } from './message-def.js';

const CONDITION = '1 type string!; 2 status string!; 3 lastTransitionTime meta.Time; 4 reason string; 5 message string';

export const APPS_V1 = defineMessages('k8s.io.api.apps.v1', {
  StatefulSet: '1 metadata meta.ObjectMeta; 2 spec StatefulSetSpec; 3 status StatefulSetStatus',
  StatefulSetUpdateStrategy: '1 type string; 2 rollingUpdate RollingUpdateStatefulSetStrategy*',
  RollingUpdateStatefulSetStrategy: '1 partition int32*; 2 maxUnavailable intstr.IntOrString*',
  StatefulSetPersistentVolumeClaimRetentionPolicy: '1 whenDeleted string; 2 whenScaled string',
  StatefulSetOrdinals: '1 start int32!',
  StatefulSetSpec:
    '1 replicas int32*; 2 selector meta.LabelSelector*; 3 template core.PodTemplateSpec; ' +
    '4 volumeClaimTemplates core.PersistentVolumeClaim[]; 5 serviceName string!; 6 podManagementPolicy string; ' +
    '7 updateStrategy StatefulSetUpdateStrategy; 8 revisionHistoryLimit int32*; 9 minReadySeconds int32; ' +
    '10 persistentVolumeClaimRetentionPolicy StatefulSetPersistentVolumeClaimRetentionPolicy*; 11 ordinals StatefulSetOrdinals*',
  StatefulSetStatus:
    '1 observedGeneration int64; 2 replicas int32!; 3 readyReplicas int32; 4 currentReplicas int32; 5 updatedReplicas int32; ' +
    '6 currentRevision string; 7 updateRevision string; 9 collisionCount int32*; 10 conditions StatefulSetCondition[]; ' +
    '11 availableReplicas int32!',
  StatefulSetCondition: CONDITION,
  StatefulSetList: '1 metadata meta.ListMeta; 2 items StatefulSet[]',
  Deployment: '1 metadata meta.ObjectMeta; 2 spec DeploymentSpec; 3 status DeploymentStatus',
  DeploymentSpec:
    '1 replicas int32*; 2 selector meta.LabelSelector*; 3 template core.PodTemplateSpec; 4 strategy DeploymentStrategy; ' +
    '5 minReadySeconds int32; 6 revisionHistoryLimit int32*; 7 paused bool; 9 progressDeadlineSeconds int32*',
  DeploymentStrategy: '1 type string; 2 rollingUpdate RollingUpdateDeployment*',
  RollingUpdateDeployment: '1 maxUnavailable intstr.IntOrString*; 2 maxSurge intstr.IntOrString*',
  DeploymentStatus:
    '1 observedGeneration int64; 2 replicas int32; 3 updatedReplicas int32; 7 readyReplicas int32; 4 availableReplicas int32; ' +
    '5 unavailableReplicas int32; 9 terminatingReplicas int32*; 6 conditions DeploymentCondition[]; 8 collisionCount int32*',
  DeploymentCondition:
    '1 type string!; 2 status string!; 6 lastUpdateTime meta.Time; 7 lastTransitionTime meta.Time; 4 reason string; 5 message string',
  DeploymentList: '1 metadata meta.ListMeta; 2 items Deployment[]',
  DaemonSetUpdateStrategy: '1 type string; 2 rollingUpdate RollingUpdateDaemonSet*',
  RollingUpdateDaemonSet: '1 maxUnavailable intstr.IntOrString*; 2 maxSurge intstr.IntOrString*',
  DaemonSetSpec:
    '1 selector meta.LabelSelector*; 2 template core.PodTemplateSpec; 3 updateStrategy DaemonSetUpdateStrategy; ' +
    '4 minReadySeconds int32; 6 revisionHistoryLimit int32*',
  DaemonSetStatus:
    '1 currentNumberScheduled int32!; 2 numberMisscheduled int32!; 3 desiredNumberScheduled int32!; 4 numberReady int32!; ' +
    '5 observedGeneration int64; 6 updatedNumberScheduled int32; 7 numberAvailable int32; 8 numberUnavailable int32; ' +
    '9 collisionCount int32*; 10 conditions DaemonSetCondition[]',
  DaemonSetCondition: CONDITION,
  DaemonSet: '1 metadata meta.ObjectMeta; 2 spec DaemonSetSpec; 3 status DaemonSetStatus',
  DaemonSetList: '1 metadata meta.ListMeta; 2 items DaemonSet[]',
  ReplicaSet: '1 metadata meta.ObjectMeta; 2 spec ReplicaSetSpec; 3 status ReplicaSetStatus',
  ReplicaSetList: '1 metadata meta.ListMeta; 2 items ReplicaSet[]',
  ReplicaSetSpec: '1 replicas int32*; 4 minReadySeconds int32; 2 selector meta.LabelSelector*; 3 template core.PodTemplateSpec',
  ReplicaSetStatus:
    '1 replicas int32!; 2 fullyLabeledReplicas int32; 4 readyReplicas int32; 5 availableReplicas int32; ' +
    '7 terminatingReplicas int32*; 3 observedGeneration int64; 6 conditions ReplicaSetCondition[]',
  ReplicaSetCondition: CONDITION,
  ControllerRevision: '1 metadata meta.ObjectMeta; 2 data rt.RawExtension; 3 revision int64!',
  ControllerRevisionList: '1 metadata meta.ListMeta; 2 items ControllerRevision[]',
});
