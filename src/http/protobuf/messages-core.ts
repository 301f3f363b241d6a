/**
 * core/v1 protobuf messages other than pods, containers and volumes: services, endpoints, nodes,
 * namespaces, config maps, secrets, service accounts, events, bindings, references
 * (k8s.io/api/core/v1 generated.proto), pointer/omitempty facts from the Go struct tags.
 * Field spec syntax: see message-def.ts.
 */
import { defineMessages } from './message-def.js';

export const CORE_V1 = defineMessages('k8s.io.api.core.v1', {
  SessionAffinityConfig: '1 clientIP ClientIPConfig*',
  ClientIPConfig: '1 timeoutSeconds int32*',
  ServiceStatus: '1 loadBalancer LoadBalancerStatus; 2 conditions meta.Condition[]',
  LoadBalancerStatus: '1 ingress LoadBalancerIngress[]',
  LoadBalancerIngress: '1 ip string; 2 hostname string; 3 ipMode string*; 4 ports PortStatus[]',
  ServiceSpec:
    '1 ports ServicePort[]; 2 selector map<string>; 3 clusterIP string; 18 clusterIPs string[]; 4 type string; ' +
    '5 externalIPs string[]; 7 sessionAffinity string; 8 loadBalancerIP string; 9 loadBalancerSourceRanges string[]; ' +
    '10 externalName string; 11 externalTrafficPolicy string; 12 healthCheckNodePort int32; ' +
    '13 publishNotReadyAddresses bool; 14 sessionAffinityConfig SessionAffinityConfig*; 19 ipFamilies string[]; ' +
    '17 ipFamilyPolicy string*; 20 allocateLoadBalancerNodePorts bool*; 21 loadBalancerClass string*; ' +
    '22 internalTrafficPolicy string*; 23 trafficDistribution string*',
  ServicePort:
    '1 name string; 2 protocol string; 6 appProtocol string*; 3 port int32!; 4 targetPort intstr.IntOrString; 5 nodePort int32',
  Service: '1 metadata meta.ObjectMeta; 2 spec ServiceSpec; 3 status ServiceStatus',
  ServiceList: '1 metadata meta.ListMeta; 2 items Service[]',
  ServiceAccount:
    '1 metadata meta.ObjectMeta; 2 secrets ObjectReference[]; 3 imagePullSecrets LocalObjectReference[]; ' +
    '4 automountServiceAccountToken bool*',
  ServiceAccountList: '1 metadata meta.ListMeta; 2 items ServiceAccount[]',
  Endpoints: '1 metadata meta.ObjectMeta; 2 subsets EndpointSubset[]',
  EndpointSubset: '1 addresses EndpointAddress[]; 2 notReadyAddresses EndpointAddress[]; 3 ports EndpointPort[]',
  EndpointAddress: '1 ip string!; 3 hostname string; 4 nodeName string*; 2 targetRef ObjectReference*',
  EndpointPort: '1 name string; 2 port int32!; 3 protocol string; 4 appProtocol string*',
  EndpointsList: '1 metadata meta.ListMeta; 2 items Endpoints[]',
  NodeSpec:
    '1 podCIDR string; 7 podCIDRs string[]; 3 providerID string; 4 unschedulable bool; 5 taints Taint[]; ' +
    '6 configSource NodeConfigSource*; 2 externalID string',
  NodeConfigSource: '2 configMap ConfigMapNodeConfigSource*',
  ConfigMapNodeConfigSource:
    '1 namespace string!; 2 name string!; 3 uid string; 4 resourceVersion string; 5 kubeletConfigKey string!',
  DaemonEndpoint: '1 Port int32!',
  NodeDaemonEndpoints: '1 kubeletEndpoint DaemonEndpoint',
  NodeRuntimeHandlerFeatures: '1 recursiveReadOnlyMounts bool*; 2 userNamespaces bool*',
  NodeRuntimeHandler: '1 name string!; 2 features NodeRuntimeHandlerFeatures*',
  NodeFeatures: '1 supplementalGroupsPolicy bool*',
  NodeSystemInfo:
    '1 machineID string!; 2 systemUUID string!; 3 bootID string!; 4 kernelVersion string!; 5 osImage string!; ' +
    '6 containerRuntimeVersion string!; 7 kubeletVersion string!; 8 kubeProxyVersion string!; 9 operatingSystem string!; ' +
    '10 architecture string!; 11 swap NodeSwapStatus*',
  NodeSwapStatus: '1 capacity int64*',
  NodeConfigStatus:
    '1 assigned NodeConfigSource*; 2 active NodeConfigSource*; 3 lastKnownGood NodeConfigSource*; 4 error string',
  NodeStatus:
    '1 capacity map<res.Quantity>; 2 allocatable map<res.Quantity>; 3 phase string; 4 conditions NodeCondition[]; ' +
    '5 addresses NodeAddress[]; 6 daemonEndpoints NodeDaemonEndpoints; 7 nodeInfo NodeSystemInfo; ' +
    '8 images ContainerImage[]; 9 volumesInUse string[]; 10 volumesAttached AttachedVolume[]; 11 config NodeConfigStatus*; ' +
    '12 runtimeHandlers NodeRuntimeHandler[]; 13 features NodeFeatures*; 14 declaredFeatures string[]',
  AttachedVolume: '1 name string!; 2 devicePath string!',
  AvoidPods: '1 preferAvoidPods PreferAvoidPodsEntry[]',
  PreferAvoidPodsEntry: '1 podSignature PodSignature; 2 evictionTime meta.Time; 3 reason string; 4 message string',
  PodSignature: '1 podController meta.OwnerReference*',
  ContainerImage: '1 names string[]; 2 sizeBytes int64',
  NodeCondition:
    '1 type string!; 2 status string!; 3 lastHeartbeatTime meta.Time; 4 lastTransitionTime meta.Time; 5 reason string; ' +
    '6 message string',
  NodeAddress: '1 type string!; 2 address string!',
  Node: '1 metadata meta.ObjectMeta; 2 spec NodeSpec; 3 status NodeStatus',
  NodeList: '1 metadata meta.ListMeta; 2 items Node[]',
  NamespaceSpec: '1 finalizers string[]',
  NamespaceStatus: '1 phase string; 2 conditions NamespaceCondition[]',
  NamespaceCondition:
    '1 type string!; 2 status string!; 4 lastTransitionTime meta.Time; 5 reason string; 6 message string',
  Namespace: '1 metadata meta.ObjectMeta; 2 spec NamespaceSpec; 3 status NamespaceStatus',
  NamespaceList: '1 metadata meta.ListMeta; 2 items Namespace[]',
  Binding: '1 metadata meta.ObjectMeta; 2 target ObjectReference',
  Preconditions: '1 uid string*',
  ObjectReference:
    '1 kind string; 2 namespace string; 3 name string; 4 uid string; 5 apiVersion string; 6 resourceVersion string; ' +
    '7 fieldPath string',
  LocalObjectReference: '1 name string',
  TypedLocalObjectReference: '1 apiGroup string*; 2 kind string!; 3 name string!',
  SerializedReference: '1 reference ObjectReference',
  EventSource: '1 component string; 2 host string',
  Event:
    '1 metadata meta.ObjectMeta; 2 involvedObject ObjectReference; 3 reason string; 4 message string; 5 source EventSource; ' +
    '6 firstTimestamp meta.Time; 7 lastTimestamp meta.Time; 8 count int32; 9 type string; 10 eventTime meta.MicroTime; ' +
    '11 series EventSeries*; 12 action string; 13 related ObjectReference*; 14 reportingComponent string!; ' +
    '15 reportingInstance string!',
  EventSeries: '1 count int32; 2 lastObservedTime meta.MicroTime',
  EventList: '1 metadata meta.ListMeta; 2 items Event[]',
  LimitRangeItem:
    '1 type string!; 2 max map<res.Quantity>; 3 min map<res.Quantity>; 4 default map<res.Quantity>; ' +
    '5 defaultRequest map<res.Quantity>; 6 maxLimitRequestRatio map<res.Quantity>',
  LimitRangeSpec: '1 limits LimitRangeItem[]',
  LimitRange: '1 metadata meta.ObjectMeta; 2 spec LimitRangeSpec',
  LimitRangeList: '1 metadata meta.ListMeta; 2 items LimitRange[]',
  ResourceQuotaSpec: '1 hard map<res.Quantity>; 2 scopes string[]; 3 scopeSelector ScopeSelector*',
  ScopeSelector: '1 matchExpressions ScopedResourceSelectorRequirement[]',
  ScopedResourceSelectorRequirement: '1 scopeName string!; 2 operator string!; 3 values string[]',
  ResourceQuotaStatus: '1 hard map<res.Quantity>; 2 used map<res.Quantity>',
  ResourceQuota: '1 metadata meta.ObjectMeta; 2 spec ResourceQuotaSpec; 3 status ResourceQuotaStatus',
  ResourceQuotaList: '1 metadata meta.ListMeta; 2 items ResourceQuota[]',
  Secret:
    '1 metadata meta.ObjectMeta; 5 immutable bool*; 2 data map<bytes>; 4 stringData map<string>; 3 type string',
  SecretList: '1 metadata meta.ListMeta; 2 items Secret[]',
  ConfigMap: '1 metadata meta.ObjectMeta; 4 immutable bool*; 2 data map<string>; 3 binaryData map<bytes>',
  ConfigMapList: '1 metadata meta.ListMeta; 2 items ConfigMap[]',
  ComponentCondition: '1 type string!; 2 status string!; 3 message string; 4 error string',
  ComponentStatus: '1 metadata meta.ObjectMeta; 2 conditions ComponentCondition[]',
  ComponentStatusList: '1 metadata meta.ListMeta; 2 items ComponentStatus[]',
  RangeAllocation: '1 metadata meta.ObjectMeta; 2 range string!; 3 data bytes!',
  PortStatus: '1 port int32!; 2 protocol string!; 3 error string*',
});
