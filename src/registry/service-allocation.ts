/**
 * ClusterIP and NodePort allocation for Services (upstream pkg/registry/core/service/ipallocator,
 * portallocator and storage/alloc.go) on a single-stack IPv4 cluster: dynamic addresses come first
 * from the upper band of the service CIDR (the lower band is kept for static requests, as
 * calculateRangeOffset does), node ports likewise from the upper band of 30000-32767; headless
 * services get no IP (selectorless ones default to RequireDualStack with both families listed),
 * ExternalName services get nothing; allocated values are kept across updates and released (free for
 * reuse) when the service goes or its type no longer needs them (dropTypeDependentFields).
 */
import { invalid } from '../api/errors.js';
import { invalid as fieldInvalid, type FieldError } from '../api/field-errors.js';
import type { KObject } from '../api/meta.js';
import type { Random } from '../util/random.js';
import { normalizeClusterIPs } from '../api/core/service-defaults.js';
import type { ServiceT } from '../api/core/service.js';

export const serviceCIDR = { base: (10 << 24) | (96 << 16), bits: 12, text: '10.96.0.0/12' };
export const nodePortRange = { min: 30000, max: 32767 };

interface ServicePort {
  port?: number;
  nodePort?: number;
  name?: string;
  protocol?: string;
}
interface ServiceSpec {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ipFamilies?: string[];
  ipFamilyPolicy?: string;
  selector?: Record<string, string>;
  ports?: ServicePort[];
  externalTrafficPolicy?: string;
  healthCheckNodePort?: number;
  allocateLoadBalancerNodePorts?: boolean;
  loadBalancerClass?: string;
  externalIPs?: string[];
}

const ipToInt = (ip: string): number | undefined => {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
};
const intToIp = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

/** calculateRangeOffset: min(max(min, size/step), max), none for ranges smaller than min. */
export function calculateRangeOffset(size: number, min: number, max: number, step: number): number {
  if (size < min) return 0;
  const offset = Math.floor(size / step);
  if (offset < min) return min;
  if (offset > max) return max;
  return offset;
}

/**
 * randomScanStrategyWithOffset.AllocateNext: a random free index in [offset, max) scanning forward
 * from a random start, then the same in [0, offset). Undefined when everything is taken.
 */
export function allocateNextIndex(max: number, offset: number, isTaken: (i: number) => boolean, random: Random): number | undefined {
  const scan = (lo: number, hi: number): number | undefined => {
    const n = hi - lo;
    if (n <= 0) return undefined;
    const start = random.int(n);
    for (let k = 0; k < n; k++) {
      const i = lo + ((start + k) % n);
      if (!isTaken(i)) return i;
    }
    return undefined;
  };
  return scan(offset, max) ?? scan(0, offset);
}

const needsClusterIP = (s: ServiceSpec) => s.type !== 'ExternalName';
const needsNodePort = (s: ServiceSpec) => s.type === 'NodePort' || s.type === 'LoadBalancer';
const needsHCNodePort = (s: ServiceSpec) => s.type === 'LoadBalancer' && s.externalTrafficPolicy === 'Local';
/** shouldAllocateNodePorts: NodePort always; LoadBalancer unless allocateLoadBalancerNodePorts is false. */
const shouldAllocateNodePorts = (s: ServiceSpec) => s.type === 'NodePort' || (s.type === 'LoadBalancer' && s.allocateLoadBalancerNodePorts !== false);
const externallyAccessible = (s: ServiceSpec) => s.type === 'LoadBalancer' || s.type === 'NodePort' || (s.type === 'ClusterIP' && (s.externalIPs?.length ?? 0) > 0);
const sameList = <T>(a?: T[] | null, b?: T[] | null) => (a ?? []).length === (b ?? []).length && (a ?? []).every((v, i) => v === (b ?? [])[i]);

/**
 * dropTypeDependentFields (service strategy PrepareForUpdate): when the type changes so that a field
 * no longer applies and the user left it as it was, wipe it so it can be released.
 */
export function dropTypeDependentFields(svc: KObject, old: KObject): void {
  const n = (svc.spec ?? {}) as ServiceSpec;
  const o = (old.spec ?? {}) as ServiceSpec;
  if (needsClusterIP(o) && !needsClusterIP(n)) {
    if ((n.clusterIP ?? '') === (o.clusterIP ?? '') && sameList(n.clusterIPs, o.clusterIPs)) {
      delete n.clusterIP;
      delete n.clusterIPs;
    }
    if (sameList(n.ipFamilies, o.ipFamilies)) delete n.ipFamilies;
    if (n.ipFamilyPolicy === o.ipFamilyPolicy) delete n.ipFamilyPolicy;
  }
  if (needsNodePort(o) && !needsNodePort(n) && sameList((n.ports ?? []).map((p) => p.nodePort ?? 0), (o.ports ?? []).map((p) => p.nodePort ?? 0)))
    for (const p of n.ports ?? []) delete p.nodePort;
  if (needsHCNodePort(o) && !needsHCNodePort(n) && (n.healthCheckNodePort ?? 0) === (o.healthCheckNodePort ?? 0)) delete n.healthCheckNodePort;
  if (o.type === 'LoadBalancer' && n.type !== 'LoadBalancer' && n.allocateLoadBalancerNodePorts !== undefined && n.allocateLoadBalancerNodePorts === o.allocateLoadBalancerNodePorts)
    delete n.allocateLoadBalancerNodePorts;
  if (o.type === 'LoadBalancer' && n.type !== 'LoadBalancer' && n.loadBalancerClass === o.loadBalancerClass) delete n.loadBalancerClass;
  if (externallyAccessible(o) && !externallyAccessible(n) && n.externalTrafficPolicy === o.externalTrafficPolicy) delete n.externalTrafficPolicy;
  if (n.type !== 'LoadBalancer') {
    const status = (svc.status ??= {}) as { loadBalancer?: unknown };
    status.loadBalancer = {};
  }
}

export interface Taken {
  ips: Set<string>;
  nodePorts: Set<number>;
}

export function takenBy(services: KObject[], except?: KObject): Taken {
  const ips = new Set<string>();
  const nodePorts = new Set<number>();
  for (const s of services) {
    if (except && s.metadata.uid === except.metadata.uid) continue;
    const spec = (s.spec ?? {}) as ServiceSpec;
    for (const ip of spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : [])) if (ip !== 'None') ips.add(ip);
    for (const p of spec.ports ?? []) if (p.nodePort) nodePorts.add(p.nodePort);
    if (spec.healthCheckNodePort) nodePorts.add(spec.healthCheckNodePort);
  }
  return { ips, nodePorts };
}

/** initIPFamilyFields for a single-stack IPv4 cluster. */
function initIPFamilyFields(spec: ServiceSpec, oldSpec: ServiceSpec | undefined): void {
  if (spec.type === 'ExternalName') return;
  if (!spec.ipFamilyPolicy) {
    if (oldSpec?.ipFamilyPolicy) spec.ipFamilyPolicy = oldSpec.ipFamilyPolicy;
    else if (spec.clusterIP === 'None' && Object.keys(spec.selector ?? {}).length === 0) spec.ipFamilyPolicy = 'RequireDualStack';
    else spec.ipFamilyPolicy = 'SingleStack';
  }
  if (spec.clusterIP === 'None' && Object.keys(spec.selector ?? {}).length === 0) {
    if (!spec.ipFamilies?.length) spec.ipFamilies = ['IPv4'];
    if (spec.ipFamilies.length < 2 && spec.ipFamilyPolicy !== 'SingleStack') spec.ipFamilies = [...spec.ipFamilies, spec.ipFamilies[0] === 'IPv4' ? 'IPv6' : 'IPv4'];
    return;
  }
  if (!spec.ipFamilies?.length) spec.ipFamilies = ['IPv4'];
}

function allocateClusterIP(spec: ServiceSpec, oldSpec: ServiceSpec, old: KObject | undefined, taken: Taken, random: Random, errs: FieldError[]): void {
  if (old && !spec.clusterIP && oldSpec.clusterIP && needsClusterIP(oldSpec)) {
    spec.clusterIP = oldSpec.clusterIP;
    spec.clusterIPs = oldSpec.clusterIPs;
  }
  if (!spec.clusterIP && spec.clusterIPs?.length) spec.clusterIP = spec.clusterIPs[0];
  if (!spec.clusterIP) {
    const size = 2 ** (32 - serviceCIDR.bits);
    const max = size - 2; // network and broadcast addresses are never handed out
    const offset = calculateRangeOffset(size, 16, 256, 16);
    const ipAt = (i: number) => intToIp(serviceCIDR.base + 1 + i);
    const i = allocateNextIndex(max, offset, (k) => taken.ips.has(ipAt(k)), random);
    if (i !== undefined) spec.clusterIP = ipAt(i);
  } else if (spec.clusterIP !== 'None' && !(old && oldSpec.clusterIP === spec.clusterIP)) {
    const n = ipToInt(spec.clusterIP);
    const inRange = n !== undefined && n >>> serviceCIDR.bits === serviceCIDR.base >>> serviceCIDR.bits;
    if (!inRange)
      errs.push(fieldInvalid('spec.clusterIPs', [spec.clusterIP], `failed to allocate IP ${spec.clusterIP}: provided IP is not in the valid range. The range of valid IPs is ${serviceCIDR.text}`));
    else if (taken.ips.has(spec.clusterIP)) errs.push(fieldInvalid('spec.clusterIPs', [spec.clusterIP], `failed to allocate IP ${spec.clusterIP}: provided IP is already allocated`));
  }
  if (spec.clusterIP) spec.clusterIPs = [spec.clusterIP];
}

function nextNodePort(taken: Taken, random: Random): number | undefined {
  const size = nodePortRange.max - nodePortRange.min + 1;
  const offset = calculateRangeOffset(size, 16, 128, 32);
  const i = allocateNextIndex(size, offset, (k) => taken.nodePorts.has(nodePortRange.min + k), random);
  if (i === undefined) return undefined;
  taken.nodePorts.add(nodePortRange.min + i);
  return nodePortRange.min + i;
}

function checkNodePort(np: number, taken: Taken, path: string, errs: FieldError[]): void {
  if (np < nodePortRange.min || np > nodePortRange.max)
    errs.push(fieldInvalid(path, np, `provided port is not in the valid range. The range of valid ports is ${nodePortRange.min}-${nodePortRange.max}`));
  else if (taken.nodePorts.has(np)) errs.push(fieldInvalid(path, np, 'provided port is already allocated'));
  else taken.nodePorts.add(np);
}

/** initNodePorts / updateNodePorts: ports sharing a port number (TCP and UDP) share a node port. */
function allocateNodePorts(spec: ServiceSpec, oldSpec: ServiceSpec, taken: Taken, random: Random, errs: FieldError[]): void {
  const kept = new Set<number>();
  if (needsNodePort(oldSpec)) for (const p of oldSpec.ports ?? []) if (p.nodePort) kept.add(p.nodePort);
  if (oldSpec.healthCheckNodePort) kept.add(oldSpec.healthCheckNodePort);
  const byPort = new Map<number, number>();
  (spec.ports ?? []).forEach((p, i) => {
    if (!p.nodePort && !shouldAllocateNodePorts(spec)) return;
    const known = byPort.get(p.port ?? 0);
    if (known) {
      if (!p.nodePort) p.nodePort = known;
      return;
    }
    const requested = p.nodePort || (spec.ports ?? []).slice(i).find((q) => q.port === p.port && q.nodePort)?.nodePort;
    if (requested) {
      if (!kept.has(requested)) checkNodePort(requested, taken, `spec.ports[${i}].nodePort`, errs);
      p.nodePort = requested;
    } else {
      const np = nextNodePort(taken, random);
      if (np === undefined) throw new Error('failed to allocate a nodePort: range is full');
      p.nodePort = np;
    }
    byPort.set(p.port ?? 0, p.nodePort);
  });
  if (needsHCNodePort(spec)) {
    if (!spec.healthCheckNodePort) spec.healthCheckNodePort = (needsHCNodePort(oldSpec) && oldSpec.healthCheckNodePort) || nextNodePort(taken, random);
    else if (!kept.has(spec.healthCheckNodePort)) checkNodePort(spec.healthCheckNodePort, taken, 'spec.healthCheckNodePort', errs);
  }
}

/**
 * What upstream's beginCreate does before validation: clusterIP and clusterIPs in step, IP family
 * fields initialised (the IPs themselves are allocated by allocateService, after validation).
 */
export function prepareServiceForCreate(svc: KObject): void {
  // PrepareForCreate resets status; LoadBalancerStatus is a struct, so it always serializes as {}.
  svc.status = { loadBalancer: {} };
  normalizeClusterIPs(svc as ServiceT);
  initIPFamilyFields((svc.spec ??= {}) as ServiceSpec, undefined);
}

/**
 * beginUpdate and PrepareForUpdate before validation: allocated cluster IPs the client left out are
 * kept (patchAllocatedValues), clusterIP/clusterIPs in step, IP family fields initialised, and fields
 * the new type no longer uses wiped (dropTypeDependentFields).
 */
export function prepareServiceForUpdate(svc: KObject, old: KObject): void {
  const spec = (svc.spec ??= {}) as ServiceSpec;
  const oldSpec = (old.spec ?? {}) as ServiceSpec;
  if (needsClusterIP(oldSpec) && needsClusterIP(spec)) {
    if (!spec.clusterIP) spec.clusterIP = oldSpec.clusterIP;
    if (!spec.clusterIPs?.length && oldSpec.clusterIPs?.length) spec.clusterIPs = oldSpec.clusterIPs;
  }
  normalizeClusterIPs(svc as ServiceT, old as ServiceT);
  initIPFamilyFields(spec, oldSpec);
  dropTypeDependentFields(svc, old);
}

/** Allocate what a new or updated Service needs. `old` keeps its allocations (patchAllocatedValues). */
export function allocateService(svc: KObject, old: KObject | undefined, taken: Taken, random: Random): void {
  const spec = (svc.spec ?? {}) as ServiceSpec;
  const oldSpec = (old?.spec ?? {}) as ServiceSpec;
  const errs: FieldError[] = [];
  if (needsClusterIP(spec)) {
    initIPFamilyFields(spec, old ? oldSpec : undefined);
    allocateClusterIP(spec, oldSpec, old, taken, random, errs);
  }
  // Other types keep whatever nodePort the user sent: validation rejects it, as upstream.
  if (needsNodePort(spec)) allocateNodePorts(spec, oldSpec, taken, random, errs);
  svc.spec = spec;
  if (errs.length) throw invalid({ group: '', kind: 'Service' }, svc.metadata.name ?? '', errs);
}
