/**
 * Helpers the Endpoints and EndpointSlice controllers share (upstream staging/src/k8s.io/endpointslice
 * util/controller_utils.go and pkg/api/v1/pod FindPort): which pods belong in endpoints, the port a
 * service port resolves to on a pod, service membership of a pod.
 */
import type { KObject } from '../../api/meta.js';
import { deepEqual } from '../../api/validation.js';
import type { Informer } from '../../client/informer.js';
import { isPodReady, type PodLike } from '../replicaset/pod-util.js';

export { isPodReady };

export const LabelServiceName = 'kubernetes.io/service-name';
export const LabelManagedBy = 'endpointslice.kubernetes.io/managed-by';
export const IsHeadlessService = 'service.kubernetes.io/headless';
export const EndpointsLastChangeTriggerTime = 'endpoints.kubernetes.io/last-change-trigger-time';
export const EndpointsOverCapacity = 'endpoints.kubernetes.io/over-capacity';
export const LabelTopologyZone = 'topology.kubernetes.io/zone';

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: string;
}
export interface Container {
  name: string;
  ports?: ContainerPort[];
  restartPolicy?: string;
}
export interface EPPod extends PodLike {
  spec?: { nodeName?: string; hostname?: string; subdomain?: string; containers?: Container[]; initContainers?: Container[]; [k: string]: unknown };
  status?: PodLike['status'] & { podIP?: string; podIPs?: Array<{ ip: string }> };
}
export interface SvcPort {
  name?: string;
  protocol?: string;
  appProtocol?: string;
  port: number;
  targetPort?: number | string;
}
export interface Svc extends KObject {
  spec?: {
    type?: string;
    selector?: Record<string, string> | null;
    clusterIP?: string;
    clusterIPs?: string[];
    ipFamilies?: string[];
    ports?: SvcPort[];
    publishNotReadyAddresses?: boolean;
    [k: string]: unknown;
  };
}

/** IsPodTerminal: phase Succeeded or Failed. */
export const isPodTerminal = (pod: EPPod): boolean => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

/**
 * ShouldPodBeInEndpoints: not terminal, has an IP, and (unless terminating pods are included) not
 * being deleted.
 */
export function shouldPodBeInEndpoints(pod: EPPod, includeTerminating: boolean): boolean {
  if (isPodTerminal(pod)) return false;
  if (!pod.status?.podIP && !(pod.status?.podIPs?.length ?? 0)) return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false;
  return true;
}

/** ShouldSetHostname: the pod names a hostname and this service as its subdomain. */
export function shouldSetHostname(pod: EPPod, svc: Svc): boolean {
  return !!pod.spec?.hostname && pod.spec.subdomain === svc.metadata.name && svc.metadata.namespace === pod.metadata.namespace;
}

/** IsServiceIPSet: a cluster IP other than None. */
export const isServiceIPSet = (svc: Svc): boolean => !!svc.spec?.clusterIP && svc.spec.clusterIP !== 'None';

const isRestartableInit = (c: Container) => c.restartPolicy === 'Always';

/**
 * FindPort: a numeric targetPort as is; a named one looked up among the containers' ports (and
 * restartable init containers') with the service port's protocol. Undefined when nothing matches.
 */
export function findPort(pod: EPPod, svcPort: SvcPort): number | undefined {
  const tp = svcPort.targetPort ?? svcPort.port;
  if (typeof tp === 'number') return tp;
  const protocol = svcPort.protocol ?? 'TCP';
  const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []).filter(isRestartableInit)];
  for (const c of containers) for (const p of c.ports ?? []) if (p.name === tp && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  return undefined;
}

export const isIPv6 = (ip: string): boolean => ip.includes(':');

/** The pod IPs: status.podIPs, or status.podIP alone. */
export function podIPs(pod: EPPod): string[] {
  const list = (pod.status?.podIPs ?? []).map((p) => p.ip);
  if (list.length === 0 && pod.status?.podIP) list.push(pod.status.podIP);
  return list;
}

/** A service selector as a set-based match (labels.Set(selector).AsSelectorPreValidated()). */
export function selectorMatches(selector: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

/** GetPodServiceMemberships: keys of the services (with selectors) in the pod's namespace selecting it. */
export function podServiceMemberships(services: Svc[], pod: EPPod): string[] {
  const out: string[] = [];
  for (const s of services) {
    const sel = s.spec?.selector;
    if (!sel) continue;
    if (selectorMatches(sel, pod.metadata.labels)) out.push(`${s.metadata.namespace}/${s.metadata.name}`);
  }
  return out;
}

/**
 * The informer wiring both endpoint controllers share: a service change enqueues that service; a pod
 * change enqueues the services selecting it, before and after a label change (upstream
 * GetServicesToUpdateOnPodChange).
 */
export function enqueueServicesOnChange(services: Informer, pods: Informer, enqueue: (key: string) => void): void {
  const key = (o: KObject) => `${o.metadata.namespace}/${o.metadata.name}`;
  services.addEventHandler({ onAdd: (s) => enqueue(key(s)), onUpdate: (_o, s) => enqueue(key(s)), onDelete: (s) => enqueue(key(s)) });
  const podServices = (p: KObject) => {
    for (const k of podServiceMemberships(services.list(p.metadata.namespace) as Svc[], p as EPPod)) enqueue(k);
  };
  pods.addEventHandler({
    onAdd: podServices,
    onUpdate: (o, p) => {
      podServices(p);
      if (!deepEqual(o.metadata.labels ?? {}, p.metadata.labels ?? {})) podServices(o);
    },
    onDelete: podServices,
  });
}
