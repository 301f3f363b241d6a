/**
 * EndpointSlice helpers (upstream staging/src/k8s.io/endpointslice/utils.go and util/endpointset.go):
 * pod to endpoint, ports per pod, slice labels, a new slice for a service, slice choice when filling,
 * endpoint identity (hash) and equality beyond it.
 */
import type { KObject } from '../../api/meta.js';
import { deepEqual } from '../../api/validation.js';
import { rfc3339 } from '../../util/clock.js';
import {
  EndpointsLastChangeTriggerTime,
  IsHeadlessService,
  LabelManagedBy,
  LabelServiceName,
  LabelTopologyZone,
  findPort,
  isIPv6,
  isPodReady,
  isServiceIPSet,
  podIPs,
  shouldSetHostname,
  type EPPod,
  type Svc,
} from '../endpoint/util.js';

export const controllerName = 'endpointslice-controller.k8s.io';
export const maxEndpointsPerSlice = 100;

export interface ObjectRef {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  resourceVersion?: string;
  apiVersion?: string;
  fieldPath?: string;
}
export interface Endpoint {
  addresses: string[];
  conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
  hostname?: string;
  targetRef?: ObjectRef;
  nodeName?: string;
  zone?: string;
  hints?: unknown;
}
export interface SlicePort {
  name?: string;
  protocol?: string;
  port?: number;
  appProtocol?: string;
}
export interface Slice extends KObject {
  addressType: string;
  endpoints: Endpoint[];
  ports?: SlicePort[];
}

/** getAddressTypesForService: from ipFamilies, else the cluster IPs, else IPv4 (single-stack cluster). */
export function addressTypesForService(svc: Svc): string[] {
  const fams = svc.spec?.ipFamilies ?? [];
  if (fams.length) return [...new Set(fams)];
  const ips = (svc.spec?.clusterIPs ?? []).filter((ip) => ip && ip !== 'None');
  if (ips.length) return [...new Set(ips.map((ip) => (isIPv6(ip) ? 'IPv6' : 'IPv4')))];
  return ['IPv4'];
}

/** getEndpointPorts: one port per service port the pod resolves; a headless service may have none. */
export function getEndpointPorts(svc: Svc, pod: EPPod): SlicePort[] {
  const out: SlicePort[] = [];
  const ports = svc.spec?.ports ?? [];
  if (ports.length === 0 && svc.spec?.clusterIP === 'None') return out;
  for (const sp of ports) {
    const num = findPort(pod, sp);
    if (num === undefined) continue;
    const p: SlicePort = { name: sp.name ?? '', protocol: sp.protocol ?? 'TCP', port: num };
    if (sp.appProtocol !== undefined) p.appProtocol = sp.appProtocol;
    out.push(p);
  }
  return out;
}

/** getEndpointAddresses: the pod IPs of the slice's address type. */
export function getEndpointAddresses(pod: EPPod, addressType: string): string[] {
  return podIPs(pod).filter((ip) => (addressType === 'IPv6') === isIPv6(ip));
}

/** podToEndpoint: addresses, conditions ready/serving/terminating, pod reference, node and zone. */
export function podToEndpoint(pod: EPPod, node: KObject | undefined, svc: Svc, addressType: string): Endpoint {
  const serving = isPodReady(pod);
  const terminating = !!pod.metadata.deletionTimestamp;
  const ready = svc.spec?.publishNotReadyAddresses === true || (serving && !terminating);
  const ep: Endpoint = {
    addresses: getEndpointAddresses(pod, addressType),
    conditions: { ready, serving, terminating },
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
  };
  if (pod.spec?.nodeName) ep.nodeName = pod.spec.nodeName;
  const zone = node?.metadata.labels?.[LabelTopologyZone];
  if (zone) ep.zone = zone;
  if (shouldSetHostname(pod, svc)) ep.hostname = pod.spec!.hostname;
  return ep;
}

const isReservedLabelKey = (k: string) => k === LabelServiceName || k === LabelManagedBy || k === IsHeadlessService;

/**
 * setEndpointSliceLabels: the service's labels (reserved keys skipped), the headless label as the
 * service is, the service-name and managed-by labels; `updated` when non-reserved labels differ.
 */
export function setEndpointSliceLabels(slice: KObject, svc: Svc): { labels: Record<string, string>; updated: boolean } {
  const epLabels: Record<string, string> = {};
  const svcLabels: Record<string, string> = {};
  for (const [k, v] of Object.entries(slice.metadata.labels ?? {})) if (!isReservedLabelKey(k)) epLabels[k] = v;
  for (const [k, v] of Object.entries(svc.metadata.labels ?? {})) if (!isReservedLabelKey(k)) svcLabels[k] = v;
  const updated = !deepEqual(epLabels, svcLabels);
  if (!isServiceIPSet(svc)) svcLabels[IsHeadlessService] = '';
  else delete svcLabels[IsHeadlessService];
  svcLabels[LabelServiceName] = svc.metadata.name!;
  svcLabels[LabelManagedBy] = controllerName;
  return { labels: svcLabels, updated };
}

/** getEndpointSlicePrefix: `<service>-`, or the bare name when the dash would make it invalid. */
export function endpointSlicePrefix(serviceName: string): string {
  const prefix = `${serviceName}-`;
  return prefix.length > 253 - 5 ? serviceName : prefix;
}

/** newEndpointSlice: generateName `<service>-`, the controller reference to the Service, labels. */
export function newEndpointSlice(svc: Svc, ports: SlicePort[], addressType: string): Slice {
  const slice: Slice = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      generateName: endpointSlicePrefix(svc.metadata.name!),
      namespace: svc.metadata.namespace,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: svc.metadata.name!, uid: svc.metadata.uid!, controller: true, blockOwnerDeletion: true }],
      labels: {},
    },
    addressType,
    endpoints: [],
    ports,
  };
  slice.metadata.labels = setEndpointSliceLabels(slice, svc).labels;
  return slice;
}

/** ownedBy: a controller-or-not owner reference to this Service (kind Service, apiVersion v1, uid). */
export function ownedBy(slice: KObject, svc: Svc): boolean {
  return (slice.metadata.ownerReferences ?? []).some((r) => r.uid === svc.metadata.uid && r.kind === 'Service' && r.apiVersion === 'v1');
}

/** getSliceToFill: the fullest slice that still has room for all numEndpoints. */
export function getSliceToFill<T extends { endpoints: unknown[] }>(slices: T[], numEndpoints: number, maxEndpoints: number): T | undefined {
  let closestDiff = maxEndpoints;
  let closest: T | undefined;
  for (const s of slices) {
    const diff = maxEndpoints - (numEndpoints + s.endpoints.length);
    if (diff >= 0 && diff < closestDiff) {
      closestDiff = diff;
      closest = s;
      if (closestDiff === 0) return closest;
    }
  }
  return closest;
}

/** The endpoint's identity in an EndpointSet: sorted addresses, hostname, target namespace/name. */
export function endpointHash(ep: Endpoint): string {
  return JSON.stringify([[...ep.addresses].sort(), ep.hostname ?? '', ep.targetRef?.namespace ?? '', ep.targetRef?.name ?? '']);
}

/** NewPortMapKey: the ports in a canonical order. */
export function portMapKey(ports: SlicePort[] | undefined): string {
  const norm = (ports ?? []).map((p) => JSON.stringify([p.name ?? '', p.protocol ?? '', p.port ?? null, p.appProtocol ?? null]));
  return JSON.stringify(norm.sort());
}

const strip = (r: ObjectRef | undefined) => (r ? { ...r, resourceVersion: undefined } : undefined);

/** EndpointsEqualBeyondHash: node, zone, conditions and target (resourceVersion ignored). */
export function endpointsEqualBeyondHash(a: Endpoint, b: Endpoint): boolean {
  if ((a.nodeName ?? null) !== (b.nodeName ?? null)) return false;
  if ((a.zone ?? null) !== (b.zone ?? null)) return false;
  const ca = a.conditions ?? {};
  const cb = b.conditions ?? {};
  if ((ca.ready ?? null) !== (cb.ready ?? null) || (ca.serving ?? null) !== (cb.serving ?? null) || (ca.terminating ?? null) !== (cb.terminating ?? null)) return false;
  return deepEqual(JSON.parse(JSON.stringify(strip(a.targetRef) ?? null)), JSON.parse(JSON.stringify(strip(b.targetRef) ?? null)));
}

/** addTriggerTimeAnnotation: set the trigger time, or clear it when there is none. */
export function addTriggerTimeAnnotation(slice: KObject, triggerTime: number): void {
  const a = { ...(slice.metadata.annotations ?? {}) };
  if (triggerTime) a[EndpointsLastChangeTriggerTime] = rfc3339(triggerTime);
  else delete a[EndpointsLastChangeTriggerTime];
  if (Object.keys(a).length) slice.metadata.annotations = a;
  else delete slice.metadata.annotations;
}

/** An insertion-ordered EndpointSet keyed by endpointHash. */
export class EndpointSet {
  private readonly m = new Map<string, Endpoint>();
  insert(ep: Endpoint): void {
    this.m.set(endpointHash(ep), ep);
  }
  get(ep: Endpoint): Endpoint | undefined {
    return this.m.get(endpointHash(ep));
  }
  delete(ep: Endpoint): void {
    this.m.delete(endpointHash(ep));
  }
  get size(): number {
    return this.m.size;
  }
  popAny(): Endpoint | undefined {
    const first = this.m.entries().next();
    if (first.done) return undefined;
    this.m.delete(first.value[0]);
    return first.value[1];
  }
}
