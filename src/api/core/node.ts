/** core/v1 Node: schema (NodeSpec, Taint, NodeStatus and its parts) and SetDefaults_NodeStatus. */
import { z } from 'zod';
import { ObjectMeta, Time } from '../meta.js';
import { nameIsDNSSubdomain } from '../validation.js';
import { ResourceList } from './pod-container.js';
import { atomicList, bool, int, list, mapList, named, opt, str } from './pod-schema-helpers.js';
import { enumStr, NODE_PHASE, TAINT_EFFECT } from './enums.js';

export const Taint = named(
  'Taint',
  z.object({
    key: str().describe('The taint key.'),
    value: opt(str(), 'The taint value.'),
    effect: enumStr(TAINT_EFFECT).describe('NoSchedule, PreferNoSchedule or NoExecute: what happens to pods that do not tolerate it.'),
    timeAdded: opt(Time, 'When the taint was added (NoExecute taints only).'),
  }),
  'A mark on a node that repels pods that do not tolerate it.',
);

export const ConfigMapNodeConfigSource = named(
  'ConfigMapNodeConfigSource',
  z.object({
    namespace: str().describe('Namespace of the ConfigMap.'),
    name: str().describe('Name of the ConfigMap.'),
    uid: opt(str(), 'UID of the ConfigMap (status only).'),
    resourceVersion: opt(str(), 'ResourceVersion of the ConfigMap (status only).'),
    kubeletConfigKey: str().describe('The ConfigMap key holding the KubeletConfiguration.'),
  }),
  'A ConfigMap holding a node configuration. Deprecated with dynamic kubelet config.',
);

export const NodeConfigSource = named(
  'NodeConfigSource',
  z.object({ configMap: opt(ConfigMapNodeConfigSource, 'A ConfigMap holding the config.') }),
  'Where a node gets its configuration from. Deprecated.',
);

export const NodeSpec = named(
  'NodeSpec',
  z.object({
    podCIDR: opt(str(), 'The pod IP range assigned to the node.'),
    podCIDRs: list(str(), 'The pod IP ranges assigned to the node, at most one per IP family; the first equals podCIDR.', {
      'x-kubernetes-patch-strategy': 'merge',
      'x-kubernetes-list-type': 'set',
    }),
    providerID: opt(str(), "The cloud provider's ID for the node: <ProviderName>://<ProviderSpecificNodeID>."),
    unschedulable: opt(bool(), 'When true, no new pods are scheduled here (kubectl cordon).'),
    taints: atomicList(Taint, 'Taints on the node.'),
    configSource: opt(NodeConfigSource, 'Deprecated: dynamic kubelet config is gone.'),
    externalID: opt(str(), 'Deprecated and unused.'),
  }),
  'The desired state of a node.',
);

export const NodeCondition = named(
  'NodeCondition',
  z.object({
    type: str().describe('Ready, MemoryPressure, DiskPressure, PIDPressure or NetworkUnavailable.'),
    status: str().describe('True, False or Unknown.'),
    lastHeartbeatTime: opt(Time, 'When the condition was last probed.'),
    lastTransitionTime: opt(Time, 'When the condition last changed status.'),
    reason: opt(str(), 'A CamelCase reason for the last transition.'),
    message: opt(str(), 'A human readable message about the last transition.'),
  }),
  'One aspect of the state of a node.',
);

export const NodeAddress = named(
  'NodeAddress',
  z.object({
    type: str().describe('Hostname, ExternalIP, InternalIP, ExternalDNS or InternalDNS.'),
    address: str().describe('The address.'),
  }),
  'An address of a node.',
);

export const DaemonEndpoint = named(
  'DaemonEndpoint',
  z.object({ Port: int().describe('Port number of the endpoint.') }),
  'A port a daemon on the node listens on.',
);

export const NodeDaemonEndpoints = named(
  'NodeDaemonEndpoints',
  z.object({ kubeletEndpoint: opt(DaemonEndpoint, 'The port the kubelet listens on.') }),
  'Ports of the daemons running on a node.',
);

export const NodeSystemInfo = named(
  'NodeSystemInfo',
  z.object({
    machineID: str().describe('The machine-id of the node (/etc/machine-id).'),
    systemUUID: str().describe('The system UUID of the node.'),
    bootID: str().describe('The boot-id of the node.'),
    kernelVersion: str().describe('Kernel version (uname -r).'),
    osImage: str().describe('OS image from /etc/os-release, e.g. Debian GNU/Linux 12 (bookworm).'),
    containerRuntimeVersion: str().describe('Container runtime and version, e.g. containerd://1.7.22.'),
    kubeletVersion: str().describe('Kubelet version.'),
    kubeProxyVersion: str().describe('Deprecated: kube-proxy version.'),
    operatingSystem: str().describe('The operating system, e.g. linux.'),
    architecture: str().describe('The architecture, e.g. amd64.'),
  }),
  'Identifying information about a node.',
);

export const ContainerImage = named(
  'ContainerImage',
  z.object({
    names: atomicList(str(), 'Names of the image, e.g. docker.io/library/nginx:1.27 and its digest form.'),
    sizeBytes: opt(int(), 'Size of the image in bytes.'),
  }),
  'An image present on a node.',
);

export const AttachedVolume = named(
  'AttachedVolume',
  z.object({
    name: str().describe('Name of the attached volume.'),
    devicePath: str().describe('Where the volume should be available on the node.'),
  }),
  'A volume attached to a node.',
);

export const NodeConfigStatus = named(
  'NodeConfigStatus',
  z.object({
    assigned: opt(NodeConfigSource, 'The config the node will try to use.'),
    active: opt(NodeConfigSource, 'The config the node is using.'),
    lastKnownGood: opt(NodeConfigSource, 'The config the node falls back to.'),
    error: opt(str(), 'Problems applying the config.'),
  }),
  'Status of a node configuration. Deprecated.',
);

export const NodeRuntimeHandlerFeatures = named(
  'NodeRuntimeHandlerFeatures',
  z.object({
    recursiveReadOnlyMounts: opt(bool(), 'Whether the handler supports recursive read-only mounts.'),
    userNamespaces: opt(bool(), 'Whether the handler supports user namespaces.'),
  }),
  'Features a runtime handler supports.',
);

export const NodeRuntimeHandler = named(
  'NodeRuntimeHandler',
  z.object({
    name: opt(str(), 'Runtime handler name; empty for the default handler.'),
    features: opt(NodeRuntimeHandlerFeatures, 'Features the handler supports.'),
  }),
  'A runtime handler on the node.',
);

export const NodeFeatures = named(
  'NodeFeatures',
  z.object({ supplementalGroupsPolicy: opt(bool(), 'Whether the node supports the pod supplementalGroupsPolicy field.') }),
  'Features the node supports.',
);

export const NodeStatus = named(
  'NodeStatus',
  z.object({
    capacity: opt(ResourceList, 'Total resources of the node.'),
    allocatable: opt(ResourceList, 'Resources available for pods. Defaults to capacity.'),
    phase: opt(enumStr(NODE_PHASE), 'Deprecated and unused.'),
    conditions: mapList(NodeCondition, 'The current conditions of the node.', ['type'], { mergeKey: 'type', strategy: 'merge' }),
    addresses: list(NodeAddress, 'Addresses of the node.', {
      'x-kubernetes-patch-merge-key': 'type',
      'x-kubernetes-patch-strategy': 'merge',
      'x-kubernetes-list-type': 'atomic',
    }),
    daemonEndpoints: opt(NodeDaemonEndpoints, 'Ports of daemons running on the node.'),
    nodeInfo: opt(NodeSystemInfo, 'Identifying information about the node.'),
    images: atomicList(ContainerImage, 'Images present on the node.'),
    volumesInUse: atomicList(str(), 'Volumes in use (mounted) by the node.'),
    volumesAttached: atomicList(AttachedVolume, 'Volumes attached to the node.'),
    config: opt(NodeConfigStatus, 'Status of the node configuration. Deprecated.'),
    runtimeHandlers: atomicList(NodeRuntimeHandler, 'Runtime handlers available on the node.'),
    features: opt(NodeFeatures, 'Features the node supports.'),
  }),
  'The observed state of a node.',
);

export const Node = z
  .object({
    apiVersion: opt(str(), 'v1'),
    kind: opt(str(), 'Node'),
    metadata: opt(ObjectMeta, 'Standard object metadata.'),
    spec: opt(NodeSpec, 'The desired state of the node.'),
    status: opt(NodeStatus, 'The observed state of the node, reported by its kubelet.'),
  })
  .meta({ id: 'io.k8s.api.core.v1.Node', description: 'A worker machine that runs pods.' });
export type NodeT = z.infer<typeof Node>;
export type TaintT = z.infer<typeof Taint>;

export const nodeNameValidator = nameIsDNSSubdomain;

/** SetDefaults_NodeStatus: allocatable defaults to capacity. */
export function defaultNode(node: NodeT): void {
  const st = node.status;
  if (st && st.capacity && !st.allocatable) st.allocatable = { ...st.capacity };
}
