/**
 * core/v1 protobuf messages for pods: Pod, PodSpec, PodStatus, scheduling (affinity, tolerations,
 * topology spread), pod security context, templates (k8s.io/api/core/v1 generated.proto),
 * pointer/omitempty facts from the Go struct tags. Field spec syntax: see message-def.ts.
 */
import { defineMessages } from './message-def.js';

export const CORE_V1_POD = defineMessages('k8s.io.api.core.v1', {
  PodCondition:
    '1 type string!; 7 observedGeneration int64; 2 status string!; 3 lastProbeTime meta.Time; 4 lastTransitionTime meta.Time; ' +
    '5 reason string; 6 message string',
  NodeSelector: '1 nodeSelectorTerms NodeSelectorTerm[]',
  NodeSelectorTerm: '1 matchExpressions NodeSelectorRequirement[]; 2 matchFields NodeSelectorRequirement[]',
  NodeSelectorRequirement: '1 key string!; 2 operator string!; 3 values string[]',
  TopologySelectorTerm: '1 matchLabelExpressions TopologySelectorLabelRequirement[]',
  TopologySelectorLabelRequirement: '1 key string!; 2 values string[]',
  Affinity: '1 nodeAffinity NodeAffinity*; 2 podAffinity PodAffinity*; 3 podAntiAffinity PodAntiAffinity*',
  PodAffinity:
    '1 requiredDuringSchedulingIgnoredDuringExecution PodAffinityTerm[]; ' +
    '2 preferredDuringSchedulingIgnoredDuringExecution WeightedPodAffinityTerm[]',
  PodAntiAffinity:
    '1 requiredDuringSchedulingIgnoredDuringExecution PodAffinityTerm[]; ' +
    '2 preferredDuringSchedulingIgnoredDuringExecution WeightedPodAffinityTerm[]',
  WeightedPodAffinityTerm: '1 weight int32!; 2 podAffinityTerm PodAffinityTerm',
  PodAffinityTerm:
    '1 labelSelector meta.LabelSelector*; 2 namespaces string[]; 3 topologyKey string!; ' +
    '4 namespaceSelector meta.LabelSelector*; 5 matchLabelKeys string[]; 6 mismatchLabelKeys string[]',
  NodeAffinity:
    '1 requiredDuringSchedulingIgnoredDuringExecution NodeSelector*; ' +
    '2 preferredDuringSchedulingIgnoredDuringExecution PreferredSchedulingTerm[]',
  PreferredSchedulingTerm: '1 weight int32!; 2 preference NodeSelectorTerm',
  Taint: '1 key string!; 2 value string; 3 effect string!; 4 timeAdded meta.Time*',
  Toleration: '1 key string; 2 operator string; 3 value string; 4 effect string; 5 tolerationSeconds int64*',
  PodReadinessGate: '1 conditionType string!',
  PodSpec:
    '1 volumes Volume[]; 20 initContainers Container[]; 2 containers Container[]; 34 ephemeralContainers EphemeralContainer[]; ' +
    '3 restartPolicy string; 4 terminationGracePeriodSeconds int64*; 5 activeDeadlineSeconds int64*; 6 dnsPolicy string; ' +
    '7 nodeSelector map<string>; 8 serviceAccountName string; 9 serviceAccount string; ' +
    '21 automountServiceAccountToken bool*; 10 nodeName string; 11 hostNetwork bool; 12 hostPID bool; 13 hostIPC bool; ' +
    '27 shareProcessNamespace bool*; 14 securityContext PodSecurityContext*; 15 imagePullSecrets LocalObjectReference[]; ' +
    '16 hostname string; 17 subdomain string; 18 affinity Affinity*; 19 schedulerName string; 22 tolerations Toleration[]; ' +
    '23 hostAliases HostAlias[]; 24 priorityClassName string; 25 priority int32*; 26 dnsConfig PodDNSConfig*; ' +
    '28 readinessGates PodReadinessGate[]; 29 runtimeClassName string*; 30 enableServiceLinks bool*; ' +
    '31 preemptionPolicy string*; 32 overhead map<res.Quantity>; 33 topologySpreadConstraints TopologySpreadConstraint[]; ' +
    '35 setHostnameAsFQDN bool*; 36 os PodOS*; 37 hostUsers bool*; 38 schedulingGates PodSchedulingGate[]; ' +
    '39 resourceClaims PodResourceClaim[]; 40 resources ResourceRequirements*; 41 hostnameOverride string*; ' +
    '42 workloadRef WorkloadReference*',
  PodResourceClaim: '1 name string!; 3 resourceClaimName string*; 4 resourceClaimTemplateName string*',
  PodResourceClaimStatus: '1 name string!; 2 resourceClaimName string*',
  PodExtendedResourceClaimStatus: '1 requestMappings ContainerExtendedResourceRequest[]; 2 resourceClaimName string!',
  ContainerExtendedResourceRequest: '1 containerName string!; 2 resourceName string!; 3 requestName string!',
  PodOS: '1 name string!',
  PodSchedulingGate: '1 name string!',
  WorkloadReference: '1 name string!; 2 podGroup string!; 3 podGroupReplicaKey string',
  TopologySpreadConstraint:
    '1 maxSkew int32!; 2 topologyKey string!; 3 whenUnsatisfiable string!; 4 labelSelector meta.LabelSelector*; ' +
    '5 minDomains int32*; 6 nodeAffinityPolicy string*; 7 nodeTaintsPolicy string*; 8 matchLabelKeys string[]',
  HostAlias: '1 ip string!; 2 hostnames string[]',
  PodSecurityContext:
    '1 seLinuxOptions SELinuxOptions*; 8 windowsOptions WindowsSecurityContextOptions*; 2 runAsUser int64*; ' +
    '6 runAsGroup int64*; 3 runAsNonRoot bool*; 4 supplementalGroups int64[]; 12 supplementalGroupsPolicy string*; ' +
    '5 fsGroup int64*; 7 sysctls Sysctl[]; 9 fsGroupChangePolicy string*; 10 seccompProfile SeccompProfile*; ' +
    '11 appArmorProfile AppArmorProfile*; 13 seLinuxChangePolicy string*',
  SeccompProfile: '1 type string!; 2 localhostProfile string*',
  AppArmorProfile: '1 type string!; 2 localhostProfile string*',
  PodDNSConfig: '1 nameservers string[]; 2 searches string[]; 3 options PodDNSConfigOption[]',
  PodDNSConfigOption: '1 name string; 2 value string*',
  PodIP: '1 ip string!',
  HostIP: '1 ip string!',
  EphemeralContainerCommon:
    '1 name string!; 2 image string; 3 command string[]; 4 args string[]; 5 workingDir string; 6 ports ContainerPort[]; ' +
    '19 envFrom EnvFromSource[]; 7 env EnvVar[]; 8 resources ResourceRequirements; 23 resizePolicy ContainerResizePolicy[]; ' +
    '24 restartPolicy string*; 25 restartPolicyRules ContainerRestartRule[]; 9 volumeMounts VolumeMount[]; ' +
    '21 volumeDevices VolumeDevice[]; 10 livenessProbe Probe*; 11 readinessProbe Probe*; 22 startupProbe Probe*; ' +
    '12 lifecycle Lifecycle*; 13 terminationMessagePath string; 20 terminationMessagePolicy string; 14 imagePullPolicy string; ' +
    '15 securityContext SecurityContext*; 16 stdin bool; 17 stdinOnce bool; 18 tty bool',
  EphemeralContainer: '1 ephemeralContainerCommon EphemeralContainerCommon^; 2 targetContainerName string',
  PodStatus:
    '17 observedGeneration int64; 1 phase string; 2 conditions PodCondition[]; 3 message string; 4 reason string; ' +
    '11 nominatedNodeName string; 5 hostIP string; 16 hostIPs HostIP[]; 6 podIP string; 12 podIPs PodIP[]; ' +
    '7 startTime meta.Time*; 10 initContainerStatuses ContainerStatus[]; 8 containerStatuses ContainerStatus[]; ' +
    '9 qosClass string; 13 ephemeralContainerStatuses ContainerStatus[]; 14 resize string; ' +
    '15 resourceClaimStatuses PodResourceClaimStatus[]; 18 extendedResourceClaimStatus PodExtendedResourceClaimStatus*; ' +
    '19 allocatedResources map<res.Quantity>; 20 resources ResourceRequirements*',
  PodStatusResult: '1 metadata meta.ObjectMeta; 2 status PodStatus',
  Pod: '1 metadata meta.ObjectMeta; 2 spec PodSpec; 3 status PodStatus',
  PodList: '1 metadata meta.ListMeta; 2 items Pod[]',
  PodTemplateSpec: '1 metadata meta.ObjectMeta; 2 spec PodSpec',
  PodTemplate: '1 metadata meta.ObjectMeta; 2 template PodTemplateSpec',
  PodTemplateList: '1 metadata meta.ListMeta; 2 items PodTemplate[]',
  ReplicationControllerSpec:
    '1 replicas int32*; 4 minReadySeconds int32; 2 selector map<string>; 3 template PodTemplateSpec*',
  ReplicationControllerStatus:
    '1 replicas int32!; 2 fullyLabeledReplicas int32; 4 readyReplicas int32; 5 availableReplicas int32; ' +
    '3 observedGeneration int64; 6 conditions ReplicationControllerCondition[]',
  ReplicationControllerCondition:
    '1 type string!; 2 status string!; 3 lastTransitionTime meta.Time; 4 reason string; 5 message string',
  ReplicationController:
    '1 metadata meta.ObjectMeta; 2 spec ReplicationControllerSpec; 3 status ReplicationControllerStatus',
  ReplicationControllerList: '1 metadata meta.ListMeta; 2 items ReplicationController[]',
});
