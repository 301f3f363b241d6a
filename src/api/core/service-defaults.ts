/**
 * SetDefaults_Service (pkg/apis/core/v1/defaults.go) and the strategy's NormalizeClusterIPs
 * (pkg/registry/core/service/strategy.go), which keeps clusterIP and clusterIPs in step before
 * validation. Allocation of cluster IPs and node ports is the registry's job.
 */
import type { ServiceT } from './service.js';

export const DefaultClientIPServiceAffinitySeconds = 10800;

/** ExternallyAccessible: NodePort, LoadBalancer, or ClusterIP with external IPs. */
export function externallyAccessible(svc: ServiceT): boolean {
  const t = svc.spec?.type;
  return t === 'LoadBalancer' || t === 'NodePort' || (t === 'ClusterIP' && (svc.spec?.externalIPs?.length ?? 0) > 0);
}

/** NeedsHealthCheck: a LoadBalancer with externalTrafficPolicy Local. */
export function needsHealthCheck(svc: ServiceT): boolean {
  return svc.spec?.type === 'LoadBalancer' && svc.spec?.externalTrafficPolicy === 'Local';
}

export function defaultService(svc: ServiceT): void {
  svc.spec ??= {};
  const spec = svc.spec;
  if (!spec.sessionAffinity) spec.sessionAffinity = 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP' && typeof spec.sessionAffinityConfig?.clientIP?.timeoutSeconds !== 'number')
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: DefaultClientIPServiceAffinitySeconds } };
  if (!spec.type) spec.type = 'ClusterIP';
  for (const sp of spec.ports ?? []) {
    if (!sp.protocol) sp.protocol = 'TCP';
    if (sp.targetPort === undefined || sp.targetPort === null || sp.targetPort === 0 || sp.targetPort === '') sp.targetPort = sp.port;
  }
  if (externallyAccessible(svc) && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
  if (spec.internalTrafficPolicy === undefined || spec.internalTrafficPolicy === null) {
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer' || spec.type === 'ClusterIP') spec.internalTrafficPolicy = 'Cluster';
  }
  if (spec.type === 'LoadBalancer') {
    if (spec.allocateLoadBalancerNodePorts === undefined || spec.allocateLoadBalancerNodePorts === null)
      spec.allocateLoadBalancerNodePorts = true;
    for (const ing of svc.status?.loadBalancer?.ingress ?? []) if (ing.ip && !ing.ipMode) ing.ipMode = 'VIP';
  }
}

const sameList = (a?: string[] | null, b?: string[] | null) => {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((v, i) => v === y[i]);
};

/** NormalizeClusterIPs: infer the plural from the singular (and back) the way users meant it. */
export function normalizeClusterIPs(svc: ServiceT, old?: ServiceT): void {
  const spec = (svc.spec ??= {});
  const clusterIP = spec.clusterIP ?? '';
  if (!old) {
    if (clusterIP && (spec.clusterIPs?.length ?? 0) === 0) spec.clusterIPs = [clusterIP];
    return;
  }
  const oldSpec = old.spec ?? {};
  const oldIP = oldSpec.clusterIP ?? '';
  const sameIPs = sameList(spec.clusterIPs, oldSpec.clusterIPs);
  if (oldIP === clusterIP && sameIPs) return;
  // singular cleared, plural untouched: clear plural
  if (oldIP && !clusterIP && sameIPs) {
    delete spec.clusterIPs;
    return;
  }
  // singular changed, plural untouched: rewrite plural's first entry
  if (oldIP !== clusterIP && sameIPs) {
    if ((spec.clusterIPs?.length ?? 0) === 0) spec.clusterIPs = [clusterIP];
    else spec.clusterIPs = [clusterIP, ...spec.clusterIPs!.slice(1)];
    return;
  }
  // plural cleared, singular untouched: clear singular
  if ((oldSpec.clusterIPs?.length ?? 0) > 0 && (spec.clusterIPs?.length ?? 0) === 0 && oldIP === clusterIP) {
    spec.clusterIP = '';
    return;
  }
  // plural changed, singular untouched: singular follows plural
  if (!sameIPs && oldIP === clusterIP && (spec.clusterIPs?.length ?? 0) > 0) spec.clusterIP = spec.clusterIPs![0];
}
