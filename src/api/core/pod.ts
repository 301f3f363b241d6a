/**
 * core/v1 Pod, PodSpec, PodTemplateSpec and PodTemplate. The parts live in pod-container.ts,
 * pod-volume.ts, pod-security.ts, pod-scheduling.ts and pod-status.ts and are re-exported here.
 */
import { z } from 'zod';
import { ListMeta, ObjectMeta } from '../meta.js';
import { Container, EphemeralContainer, LocalObjectReference, ResourceList, ResourceRequirements } from './pod-container.js';
import { Affinity, Toleration, TopologySpreadConstraint } from './pod-scheduling.js';
import { PodSecurityContext } from './pod-security.js';
import { PodStatus } from './pod-status.js';
import { Volume } from './pod-volume.js';
import { atomicList, bool, int, mapList, named, opt, str, strMap } from './pod-schema-helpers.js';
import { enumStr, DNS_POLICY, PREEMPTION_POLICY, RESTART_POLICY } from './enums.js';

export * from './pod-container.js';
export * from './pod-scheduling.js';
export * from './pod-security.js';
export * from './pod-status.js';
export * from './pod-volume.js';
export * from './pod-volume-plugins.js';

export const PodDNSConfigOption = named(
  'PodDNSConfigOption',
  z.object({ name: opt(str(), 'Option name (required).'), value: opt(str(), 'Option value.') }),
  'A resolver option.',
);

export const PodDNSConfig = named(
  'PodDNSConfig',
  z.object({
    nameservers: atomicList(str(), 'Extra DNS server IPs.'),
    searches: atomicList(str(), 'Extra search domains.'),
    options: atomicList(PodDNSConfigOption, 'Resolver options, merged with those from dnsPolicy.'),
  }),
  'DNS settings added to those the DNS policy gives.',
);

export const HostAlias = named(
  'HostAlias',
  z.object({
    ip: str().describe('IP address of the host file entry.'),
    hostnames: atomicList(str(), 'Hostnames for that IP.'),
  }),
  "An entry added to the pod's /etc/hosts.",
);

export const PodReadinessGate = named(
  'PodReadinessGate',
  z.object({ conditionType: str().describe('A pod condition type that must be True for the pod to be ready.') }),
  'An extra condition for pod readiness.',
);

export const PodSchedulingGate = named(
  'PodSchedulingGate',
  z.object({ name: str().describe('Name of the gate; unique within the pod.') }),
  'Keeps the pod from being scheduled while present.',
);

export const PodResourceClaim = named(
  'PodResourceClaim',
  z.object({
    name: str().describe('Name of the claim inside the pod; a DNS label.'),
    resourceClaimName: opt(str(), 'An existing ResourceClaim in the pod namespace.'),
    resourceClaimTemplateName: opt(str(), 'A ResourceClaimTemplate to create a claim from.'),
  }),
  'A resource claim the pod uses, by ResourceClaim or ResourceClaimTemplate.',
);

export const PodOS = named('PodOS', z.object({ name: str().describe('linux or windows.') }), 'The operating system the pod needs.');

const byName = (strategy = 'merge') => ({ mergeKey: 'name', strategy });

export const PodSpec = named(
  'PodSpec',
  z.object({
    volumes: mapList(Volume, 'Volumes the containers may mount.', ['name'], byName('merge,retainKeys')),
    initContainers: mapList(Container, 'Containers run to completion, in order, before the others start.', ['name'], byName()),
    containers: z.array(Container).meta({
      description: 'Containers of the pod; at least one.',
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['name'],
      'x-kubernetes-patch-merge-key': 'name',
      'x-kubernetes-patch-strategy': 'merge',
    }),
    ephemeralContainers: mapList(EphemeralContainer, 'Debug containers added through the ephemeralcontainers subresource.', ['name'], byName()),
    restartPolicy: opt(enumStr(RESTART_POLICY), 'Always, OnFailure or Never. Defaults to Always.'),
    terminationGracePeriodSeconds: opt(int(), 'Seconds between the stop signal and the kill. Defaults to 30.'),
    activeDeadlineSeconds: opt(int(), 'Seconds the pod may be active before it is failed.'),
    dnsPolicy: opt(enumStr(DNS_POLICY), 'ClusterFirstWithHostNet, ClusterFirst, Default or None. Defaults to ClusterFirst.'),
    nodeSelector: opt(strMap().meta({ 'x-kubernetes-map-type': 'atomic' }), 'Node labels the node must have.'),
    serviceAccountName: opt(str(), 'ServiceAccount the pod runs as.'),
    serviceAccount: opt(str(), 'Deprecated alias of serviceAccountName.'),
    automountServiceAccountToken: opt(bool(), 'Whether a service account token is mounted.'),
    nodeName: opt(str(), 'Node the pod is bound to; set by the scheduler.'),
    hostNetwork: opt(bool(), 'Use the node network namespace.'),
    hostPID: opt(bool(), 'Use the node PID namespace.'),
    hostIPC: opt(bool(), 'Use the node IPC namespace.'),
    shareProcessNamespace: opt(bool(), 'One PID namespace for all containers of the pod.'),
    securityContext: opt(PodSecurityContext, 'Pod-level security settings.'),
    imagePullSecrets: mapList(LocalObjectReference, 'Secrets used to pull images.', ['name'], byName()),
    hostname: opt(str(), 'Hostname of the pod; defaults to the pod name.'),
    subdomain: opt(str(), 'Gives the pod the FQDN <hostname>.<subdomain>.<namespace>.svc.<cluster domain>.'),
    affinity: opt(Affinity, 'Scheduling constraints.'),
    schedulerName: opt(str(), 'Scheduler that schedules the pod. Defaults to default-scheduler.'),
    tolerations: atomicList(Toleration, 'Taints the pod tolerates.'),
    hostAliases: mapList(HostAlias, 'Entries added to /etc/hosts.', ['ip'], { mergeKey: 'ip', strategy: 'merge' }),
    priorityClassName: opt(str(), 'PriorityClass of the pod.'),
    priority: opt(int(), 'Priority value, filled in from the priority class.'),
    dnsConfig: opt(PodDNSConfig, 'Extra DNS settings.'),
    readinessGates: atomicList(PodReadinessGate, 'Extra conditions for readiness.'),
    runtimeClassName: opt(str(), 'RuntimeClass that runs the pod.'),
    enableServiceLinks: opt(bool(), 'Inject Docker-link style variables for services. Defaults to true.'),
    preemptionPolicy: opt(enumStr(PREEMPTION_POLICY), 'Never or PreemptLowerPriority. Defaults to PreemptLowerPriority.'),
    overhead: opt(ResourceList, 'Resource overhead of the runtime class.'),
    topologySpreadConstraints: mapList(TopologySpreadConstraint, 'How the pod spreads across topology domains.', ['topologyKey', 'whenUnsatisfiable'], {
      mergeKey: 'topologyKey',
      strategy: 'merge',
    }),
    setHostnameAsFQDN: opt(bool(), 'Set the kernel hostname to the FQDN.'),
    os: opt(PodOS, 'Operating system the pod needs.'),
    hostUsers: opt(bool(), 'Use the host user namespace. Defaults to true.'),
    schedulingGates: mapList(PodSchedulingGate, 'Gates that keep the pod unscheduled while present.', ['name'], byName()),
    resourceClaims: mapList(PodResourceClaim, 'Dynamic resource claims of the pod.', ['name'], byName('merge,retainKeys')),
    resources: opt(ResourceRequirements, 'Pod-level resource requests and limits.'),
  }),
  'The desired state of a pod.',
);

export const Pod = named(
  'Pod',
  z.object({
    apiVersion: opt(str(), 'v1'),
    kind: opt(str(), 'Pod'),
    metadata: opt(ObjectMeta, 'Standard object metadata.'),
    spec: opt(PodSpec, 'Desired state of the pod.'),
    status: opt(PodStatus, 'Observed state of the pod; read-only.'),
  }),
  'A group of containers that run together on one node.',
  { 'x-kubernetes-group-version-kind': [{ group: '', kind: 'Pod', version: 'v1' }] },
);

export const PodList = named(
  'PodList',
  z.object({
    apiVersion: opt(str(), 'v1'),
    kind: opt(str(), 'PodList'),
    metadata: opt(ListMeta, 'Standard list metadata.'),
    items: z.array(Pod).describe('The pods.'),
  }),
  'A list of pods.',
  { 'x-kubernetes-group-version-kind': [{ group: '', kind: 'PodList', version: 'v1' }] },
);

export const PodTemplateSpec = named(
  'PodTemplateSpec',
  z.object({
    metadata: opt(ObjectMeta, 'Metadata of the pods made from the template.'),
    spec: opt(PodSpec, 'Spec of the pods made from the template.'),
  }),
  'What pods made from a template look like.',
);

export const PodTemplate = named(
  'PodTemplate',
  z.object({
    apiVersion: opt(str(), 'v1'),
    kind: opt(str(), 'PodTemplate'),
    metadata: opt(ObjectMeta, 'Standard object metadata.'),
    template: opt(PodTemplateSpec, 'The template.'),
  }),
  'A stored pod template.',
  { 'x-kubernetes-group-version-kind': [{ group: '', kind: 'PodTemplate', version: 'v1' }] },
);

export const PodTemplateList = named(
  'PodTemplateList',
  z.object({
    apiVersion: opt(str(), 'v1'),
    kind: opt(str(), 'PodTemplateList'),
    metadata: opt(ListMeta, 'Standard list metadata.'),
    items: z.array(PodTemplate).describe('The pod templates.'),
  }),
  'A list of pod templates.',
  { 'x-kubernetes-group-version-kind': [{ group: '', kind: 'PodTemplateList', version: 'v1' }] },
);

export type PodDNSConfig = z.infer<typeof PodDNSConfig>;
export type HostAlias = z.infer<typeof HostAlias>;
export type PodResourceClaim = z.infer<typeof PodResourceClaim>;
export type PodSpec = z.infer<typeof PodSpec>;
export type Pod = z.infer<typeof Pod>;
export type PodList = z.infer<typeof PodList>;
export type PodTemplateSpec = z.infer<typeof PodTemplateSpec>;
export type PodTemplate = z.infer<typeof PodTemplate>;

