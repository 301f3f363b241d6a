/** core/v1 PodStatus and the container statuses inside it. */
import { z } from 'zod';
import { Time } from '../meta.js';
import { ResourceList, ResourceRequirements } from './pod-container.js';
import { atomicList, bool, int, list, mapList, named, opt, str } from './pod-schema-helpers.js';
import { enumStr, POD_PHASE, POD_QOS_CLASS } from './enums.js';

export const PodCondition = named(
  'PodCondition',
  z.object({
    type: str().describe('PodScheduled, PodReadyToStartContainers, Initialized, ContainersReady, Ready, or a readiness gate.'),
    status: str().describe('True, False or Unknown.'),
    lastProbeTime: opt(Time, 'When the condition was last probed.'),
    lastTransitionTime: opt(Time, 'When the status last changed.'),
    reason: opt(str(), 'A CamelCase reason for the last transition.'),
    message: opt(str(), 'A human readable message about the last transition.'),
  }),
  'One aspect of the state of a pod.',
);

export const PodIP = named('PodIP', z.object({ ip: str().describe('An IP address of the pod.') }), 'An IP address allocated to the pod.');
export const HostIP = named('HostIP', z.object({ ip: str().describe('An IP address of the host.') }), 'An IP address of the node the pod runs on.');

export const ContainerStateWaiting = named(
  'ContainerStateWaiting',
  z.object({
    reason: opt(str(), 'Why the container is not running yet, such as ContainerCreating or CrashLoopBackOff.'),
    message: opt(str(), 'Details.'),
  }),
  'A container that is waiting to start.',
);

export const ContainerStateRunning = named(
  'ContainerStateRunning',
  z.object({ startedAt: opt(Time, 'When the container was last (re)started.') }),
  'A running container.',
);

export const ContainerStateTerminated = named(
  'ContainerStateTerminated',
  z.object({
    exitCode: int().describe('Exit status of the last run.'),
    signal: opt(int(), 'Signal that ended the last run.'),
    reason: opt(str(), 'Why it ended, such as Completed, Error or OOMKilled.'),
    message: opt(str(), 'Details.'),
    startedAt: opt(Time, 'When the run started.'),
    finishedAt: opt(Time, 'When the run ended.'),
    containerID: opt(str(), "The container's ID, '<type>://<id>'."),
  }),
  'A container that has ended.',
);

export const ContainerState = named(
  'ContainerState',
  z.object({
    waiting: opt(ContainerStateWaiting, 'Set while waiting.'),
    running: opt(ContainerStateRunning, 'Set while running.'),
    terminated: opt(ContainerStateTerminated, 'Set once ended.'),
  }),
  'The state of a container; exactly one member is set.',
);

export const VolumeMountStatus = named(
  'VolumeMountStatus',
  z.object({
    name: str().describe('Name of the mounted volume.'),
    mountPath: str().describe('Where it is mounted.'),
    readOnly: opt(bool(), 'Mounted read-only.'),
    recursiveReadOnly: opt(str(), 'Disabled or Enabled: whether submounts are read-only.'),
  }),
  'A volume mount as the runtime made it.',
);

export const LinuxContainerUser = named(
  'LinuxContainerUser',
  z.object({
    uid: int().describe('UID of the first process.'),
    gid: int().describe('GID of the first process.'),
    supplementalGroups: atomicList(int(), 'Supplemental groups of the first process.'),
  }),
  'The identity of the first process of a Linux container.',
);

export const ContainerUser = named(
  'ContainerUser',
  z.object({ linux: opt(LinuxContainerUser, 'Identity on Linux.') }),
  'The identity of the first process of a container.',
);

export const ResourceHealth = named(
  'ResourceHealth',
  z.object({
    resourceID: str().describe('Unique ID of the device.'),
    health: opt(str(), 'Healthy, Unhealthy or Unknown.'),
  }),
  'Health of one allocated device.',
);

export const ResourceStatus = named(
  'ResourceStatus',
  z.object({
    name: str().describe('Name of the resource, as in the container resources.'),
    resources: mapList(ResourceHealth, 'Health of each allocated device.', ['resourceID']),
  }),
  'Health of the devices allocated for one resource.',
);

export const ContainerStatus = named(
  'ContainerStatus',
  z.object({
    name: str().describe('Name of the container.'),
    state: opt(ContainerState, 'Current state.'),
    lastState: opt(ContainerState, 'State of the previous run.'),
    ready: bool().describe('Whether the readiness probe passes.'),
    restartCount: int().describe('How many times the container restarted.'),
    image: str().describe('Image the container runs.'),
    imageID: str().describe('ID of the image the container runs.'),
    containerID: opt(str(), "The container's ID, '<type>://<id>'."),
    started: opt(bool(), 'Whether the startup probe passed (or there is none) and the container started.'),
    allocatedResources: opt(ResourceList, 'Resources the node allocated to the container.'),
    resources: opt(ResourceRequirements, 'Resources actually configured for the running container.'),
    volumeMounts: mapList(VolumeMountStatus, 'Mounts of the container.', ['mountPath'], { mergeKey: 'mountPath', strategy: 'merge' }),
    user: opt(ContainerUser, 'Identity of the first process.'),
    allocatedResourcesStatus: mapList(ResourceStatus, 'Health of allocated devices.', ['name']),
  }),
  'The observed state of one container.',
);

export const PodResourceClaimStatus = named(
  'PodResourceClaimStatus',
  z.object({
    name: str().describe('Name of the entry in pod.spec.resourceClaims.'),
    resourceClaimName: opt(str(), 'Name of the ResourceClaim generated for it.'),
  }),
  'The ResourceClaim generated for a pod resource claim.',
);

export const PodStatus = named(
  'PodStatus',
  z.object({
    phase: opt(enumStr(POD_PHASE), 'Pending, Running, Succeeded, Failed or Unknown.'),
    conditions: mapList(PodCondition, 'Current conditions of the pod.', ['type'], { mergeKey: 'type', strategy: 'merge' }),
    message: opt(str(), 'Why the pod is in this state.'),
    reason: opt(str(), 'A CamelCase reason, such as Evicted.'),
    nominatedNodeName: opt(str(), 'Node the pod is expected to run on after preemption.'),
    hostIP: opt(str(), 'Primary IP of the node the pod is bound to.'),
    hostIPs: list(HostIP, 'IPs of the node; the first is hostIP.', { 'x-kubernetes-list-type': 'atomic', 'x-kubernetes-patch-merge-key': 'ip', 'x-kubernetes-patch-strategy': 'merge' }),
    podIP: opt(str(), 'Primary IP of the pod.'),
    podIPs: mapList(PodIP, 'IPs of the pod; the first is podIP.', ['ip'], { mergeKey: 'ip', strategy: 'merge' }),
    startTime: opt(Time, 'When the kubelet acknowledged the pod.'),
    initContainerStatuses: atomicList(ContainerStatus, 'Status of each init container.'),
    containerStatuses: atomicList(ContainerStatus, 'Status of each container.'),
    qosClass: opt(enumStr(POD_QOS_CLASS), 'Guaranteed, Burstable or BestEffort.'),
    ephemeralContainerStatuses: atomicList(ContainerStatus, 'Status of each ephemeral container.'),
    resize: opt(str(), 'Proposed, InProgress, Deferred or Infeasible: state of an in-place resize.'),
    resourceClaimStatuses: mapList(PodResourceClaimStatus, 'Generated ResourceClaims.', ['name'], {
      mergeKey: 'name',
      strategy: 'merge,retainKeys',
    }),
  }),
  'The most recently observed state of a pod.',
);

export type PodCondition = z.infer<typeof PodCondition>;
export type ContainerState = z.infer<typeof ContainerState>;
export type ContainerStatus = z.infer<typeof ContainerStatus>;
export type PodStatus = z.infer<typeof PodStatus>;
