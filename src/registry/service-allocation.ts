/**
 * ClusterIP and NodePort allocation for Services (upstream pkg/registry/core/service/ipallocator and
 * portallocator): random free addresses from the service CIDR, node ports from 30000-32767, and the
 * upstream errors for taken or out-of-range values. Allocated values are kept across updates.
 */
import { invalid } from '../api/errors.js';
import { invalid as fieldInvalid, type FieldError } from '../api/field-errors.js';
import type { KObject } from '../api/meta.js';
import type { Random } from '../util/random.js';

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
  ports?: ServicePort[];
  externalTrafficPolicy?: string;
  healthCheckNodePort?: number;
}

const ipToInt = (ip: string): number | undefined => {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
};
const intToIp = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

const needsNodePorts = (t?: string) => t === 'NodePort' || t === 'LoadBalancer';

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
  }
  return { ips, nodePorts };
}

/** Allocate what a new or updated Service needs. `old` keeps its allocations (patchAllocatedValues). */
export function allocateService(svc: KObject, old: KObject | undefined, taken: Taken, random: Random): void {
  const spec = (svc.spec ?? {}) as ServiceSpec;
  const oldSpec = (old?.spec ?? {}) as ServiceSpec;
  const errs: FieldError[] = [];
  if (spec.type !== 'ExternalName') {
    if (old && !spec.clusterIP && oldSpec.clusterIP) {
      spec.clusterIP = oldSpec.clusterIP;
      spec.clusterIPs = oldSpec.clusterIPs;
    }
    if (!spec.clusterIP && spec.clusterIPs?.length) spec.clusterIP = spec.clusterIPs[0];
    if (!spec.clusterIP) {
      const size = 2 ** (32 - serviceCIDR.bits);
      for (let tries = 0; tries < size; tries++) {
        const ip = intToIp(serviceCIDR.base + 1 + random.int(size - 2));
        if (!taken.ips.has(ip)) {
          spec.clusterIP = ip;
          break;
        }
      }
    } else if (spec.clusterIP !== 'None' && !(old && oldSpec.clusterIP === spec.clusterIP)) {
      const n = ipToInt(spec.clusterIP);
      const inRange = n !== undefined && n >>> serviceCIDR.bits === serviceCIDR.base >>> serviceCIDR.bits;
      if (!inRange)
        errs.push(fieldInvalid('spec.clusterIPs', [spec.clusterIP], `failed to allocate IP ${spec.clusterIP}: provided IP is not in the valid range. The range of valid IPs is ${serviceCIDR.text}`));
      else if (taken.ips.has(spec.clusterIP)) errs.push(fieldInvalid('spec.clusterIPs', [spec.clusterIP], `failed to allocate IP ${spec.clusterIP}: provided IP is already allocated`));
    }
    if (spec.clusterIP) spec.clusterIPs = [spec.clusterIP];
    spec.ipFamilies ??= ['IPv4'];
    spec.ipFamilyPolicy ??= 'SingleStack';
  }
  if (needsNodePorts(spec.type)) {
    const oldPorts = new Map((oldSpec.ports ?? []).map((p) => [`${p.port}/${p.protocol ?? 'TCP'}`, p.nodePort]));
    (spec.ports ?? []).forEach((p, i) => {
      if (!p.nodePort) {
        const kept = oldPorts.get(`${p.port}/${p.protocol ?? 'TCP'}`);
        if (kept) {
          p.nodePort = kept;
          return;
        }
        const span = nodePortRange.max - nodePortRange.min + 1;
        for (let tries = 0; tries < span * 2; tries++) {
          const candidate = nodePortRange.min + random.int(span);
          if (!taken.nodePorts.has(candidate)) {
            p.nodePort = candidate;
            taken.nodePorts.add(candidate);
            break;
          }
        }
        return;
      }
      if ([...oldPorts.values()].includes(p.nodePort)) return;
      if (p.nodePort < nodePortRange.min || p.nodePort > nodePortRange.max)
        errs.push(fieldInvalid(`spec.ports[${i}].nodePort`, p.nodePort, `provided port is not in the valid range. The range of valid ports is ${nodePortRange.min}-${nodePortRange.max}`));
      else if (taken.nodePorts.has(p.nodePort)) errs.push(fieldInvalid(`spec.ports[${i}].nodePort`, p.nodePort, 'provided port is already allocated'));
      else taken.nodePorts.add(p.nodePort);
    });
  } else for (const p of spec.ports ?? []) delete p.nodePort;
  svc.spec = spec;
  if (errs.length) throw invalid({ group: '', kind: 'Service' }, svc.metadata.name ?? '', errs);
}
