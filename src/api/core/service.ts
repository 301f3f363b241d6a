/** core/v1 Service: ServiceSpec, ServicePort, ServiceStatus and friends. */
import { z } from 'zod';
import { Condition, IntOrString, ObjectMeta } from '../meta.js';
import { nameIsDNS1035Label } from '../validation.js';
import { atomicList, bool, int, mapList, named, opt, str, strMap } from './pod-schema-helpers.js';
import { enumStr, IP_FAMILY_POLICY, PROTOCOL, SERVICE_AFFINITY, SERVICE_TRAFFIC_POLICY, SERVICE_TYPE } from './enums.js';

export const ServicePort = named(
  'ServicePort',
  z.object({
    name: opt(str(), 'A DNS label naming this port; required when there is more than one port.'),
    protocol: opt(enumStr(PROTOCOL), 'TCP, UDP or SCTP. Defaults to TCP.'),
    appProtocol: opt(str(), 'The application protocol, e.g. http, kubernetes.io/h2c, or a prefixed custom name.'),
    port: int().describe('The port the service exposes.'),
    targetPort: opt(IntOrString, "The pod port (number or named container port) traffic goes to. Defaults to `port`."),
    nodePort: opt(int(), 'The port on every node for NodePort and LoadBalancer services; allocated when unset.'),
  }),
  'A port a service exposes.',
);

export const ClientIPConfig = named(
  'ClientIPConfig',
  z.object({
    timeoutSeconds: opt(int(), 'How long ClientIP affinity sticks, 1 to 86400 seconds. Defaults to 10800 (3 hours).'),
  }),
  'Settings for ClientIP session affinity.',
);

export const SessionAffinityConfig = named(
  'SessionAffinityConfig',
  z.object({ clientIP: opt(ClientIPConfig, 'Settings for ClientIP affinity.') }),
  'Settings for session affinity.',
);

export const ServiceSpec = named(
  'ServiceSpec',
  z.object({
    ports: mapList(ServicePort, 'The ports the service exposes.', ['port', 'protocol'], { mergeKey: 'port', strategy: 'merge' }),
    selector: strMap()
      .optional()
      .meta({
        description: 'Route traffic to pods whose labels match these. Empty or unset: endpoints are managed outside Kubernetes.',
        'x-kubernetes-map-type': 'atomic',
      }),
    clusterIP: opt(str(), 'The virtual IP of the service; "None" for a headless service. Allocated when unset; immutable.'),
    clusterIPs: atomicList(str(), 'The cluster IPs, one per IP family; the first equals clusterIP.'),
    type: opt(enumStr(SERVICE_TYPE), 'ClusterIP (default), NodePort, LoadBalancer or ExternalName.'),
    externalIPs: atomicList(str(), 'Extra IPs on which nodes accept traffic for this service.'),
    sessionAffinity: opt(enumStr(SERVICE_AFFINITY), 'ClientIP or None (default).'),
    loadBalancerIP: opt(str(), 'Deprecated: the IP a cloud load balancer should use.'),
    loadBalancerSourceRanges: atomicList(str(), 'Client CIDRs allowed through a cloud load balancer.'),
    externalName: opt(str(), 'The DNS name an ExternalName service is an alias (CNAME) of.'),
    externalTrafficPolicy: opt(enumStr(SERVICE_TRAFFIC_POLICY), 'Cluster or Local: how externally-originated traffic is routed.'),
    healthCheckNodePort: opt(int(), 'Health check port for LoadBalancer services with externalTrafficPolicy Local.'),
    publishNotReadyAddresses: opt(bool(), 'List endpoints of pods that are not ready too.'),
    sessionAffinityConfig: opt(SessionAffinityConfig, 'Settings for session affinity.'),
    ipFamilies: atomicList(str(), 'IPv4 and/or IPv6: the families of the cluster IPs, in order.'),
    ipFamilyPolicy: opt(enumStr(IP_FAMILY_POLICY), 'SingleStack, PreferDualStack or RequireDualStack.'),
    allocateLoadBalancerNodePorts: opt(bool(), 'Allocate node ports for a LoadBalancer service. Defaults to true.'),
    loadBalancerClass: opt(str(), 'The load balancer implementation to use; immutable once set.'),
    internalTrafficPolicy: opt(enumStr(SERVICE_TRAFFIC_POLICY), 'Cluster or Local: how cluster-internal traffic is routed. Defaults to Cluster.'),
    trafficDistribution: opt(str(), 'A preference for how traffic is spread, e.g. PreferClose.'),
  }),
  'What a service exposes and how.',
);

export const PortStatus = named(
  'PortStatus',
  z.object({
    port: int().describe('The port number.'),
    protocol: enumStr(PROTOCOL).describe('TCP, UDP or SCTP.'),
    error: opt(str(), 'Why the port is not working, as a CamelCase reason, if it is not.'),
  }),
  'The status of one port of a load balancer ingress point.',
);

export const LoadBalancerIngress = named(
  'LoadBalancerIngress',
  z.object({
    ip: opt(str(), 'IP of the ingress point.'),
    hostname: opt(str(), 'DNS name of the ingress point.'),
    ipMode: opt(str(), 'VIP or Proxy: how traffic addressed to the IP reaches the backends.'),
    ports: atomicList(PortStatus, 'Status of the service ports at this ingress point.'),
  }),
  'An ingress point of a load balancer.',
);

export const LoadBalancerStatus = named(
  'LoadBalancerStatus',
  z.object({ ingress: atomicList(LoadBalancerIngress, 'The ingress points of the load balancer.') }),
  'The status of a load balancer.',
);

export const ServiceStatus = named(
  'ServiceStatus',
  z.object({
    loadBalancer: opt(LoadBalancerStatus, 'The status of the load balancer, if any.'),
    conditions: mapList(Condition, 'The current conditions of the service.', ['type'], { mergeKey: 'type', strategy: 'merge' }),
  }),
  'The observed state of a service.',
);

export const Service = z
  .object({
    apiVersion: opt(str(), 'v1'),
    kind: opt(str(), 'Service'),
    metadata: opt(ObjectMeta, 'Standard object metadata.'),
    spec: opt(ServiceSpec, 'What the service exposes.'),
    status: opt(ServiceStatus, 'The observed state of the service.'),
  })
  .meta({ id: 'io.k8s.api.core.v1.Service', description: 'A named, stable address for a set of pods (or an external name).' });
export type ServiceT = z.infer<typeof Service>;
export type ServiceSpecT = z.infer<typeof ServiceSpec>;
export type ServicePortT = z.infer<typeof ServicePort>;

export const serviceNameValidator = nameIsDNS1035Label;
