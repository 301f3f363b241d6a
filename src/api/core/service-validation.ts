/**
 * Service validation as pkg/apis/core/validation: ValidateService, validateServicePort,
 * ValidateServiceClusterIPsRelatedFields, the external/internal traffic policy checks,
 * ValidateServiceUpdate (cluster IP and IP family upgrade/downgrade rules) and ValidateServiceStatusUpdate.
 * Metadata is the store's; the nodePort range check belongs to allocation.
 */
import { type FieldError, Path, duplicate, forbidden, invalid, notSupported, required } from '../field-errors.js';
import { validateLabels } from '../validation.js';
import {
  isValidCIDR,
  isValidIP,
  isValidPortNum,
  parseIP,
  supportedPortProtocols,
  validateDNS1123Label,
  validateDNS1123Subdomain,
  validateNonSpecialIP,
  validatePortNumOrName,
  validateQualifiedName,
} from './net-validation.js';
import { externallyAccessible, needsHealthCheck } from './service-defaults.js';
import type { ServicePortT, ServiceT } from './service.js';
import {
  isHeadlessService,
  validateServiceClusterIPsRelatedFields,
  validateUpgradeDowngradeClusterIPs,
  validateUpgradeDowngradeIPFamilies,
} from './service-ip-validation.js';

export { isHeadlessService, validateServiceClusterIPsRelatedFields };

const spec = (...f: string[]) => new Path().child('spec', ...f);
const KubeletPort = 10250;
const MaxClientIPServiceAffinitySeconds = 86400;
const supportedServiceTypes = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const supportedSessionAffinity = ['ClientIP', 'None'];
const AnnotationLoadBalancerSourceRanges = 'service.beta.kubernetes.io/load-balancer-source-ranges';
const AnnotationTopologyMode = 'service.kubernetes.io/topology-mode';
const DeprecatedAnnotationTopologyAwareHints = 'service.kubernetes.io/topology-aware-hints';

function validateServicePort(sp: ServicePortT, requireName: boolean, names: Set<string>, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !sp.name) errs.push(required(p.child('name')));
  else if (sp.name) {
    errs.push(...validateDNS1123Label(sp.name, p.child('name')));
    if (names.has(sp.name)) errs.push(duplicate(p.child('name'), sp.name));
    else names.add(sp.name);
  }
  for (const m of isValidPortNum(sp.port)) errs.push(invalid(p.child('port'), sp.port, m));
  if (!sp.protocol) errs.push(required(p.child('protocol')));
  else if (!supportedPortProtocols.includes(sp.protocol)) errs.push(notSupported(p.child('protocol'), sp.protocol, supportedPortProtocols));
  errs.push(...validatePortNumOrName(sp.targetPort ?? undefined, p.child('targetPort')));
  if (sp.appProtocol !== undefined && sp.appProtocol !== null) errs.push(...validateQualifiedName(sp.appProtocol, p.child('appProtocol')));
  return errs;
}

function validateClientIPAffinityConfig(svc: ServiceT, p: Path): FieldError[] {
  const cfg = svc.spec?.sessionAffinityConfig;
  const detail = 'when session affinity type is ClientIP';
  if (!cfg) return [required(p, detail)];
  if (!cfg.clientIP) return [required(p.child('clientIP'), detail)];
  const t = cfg.clientIP.timeoutSeconds;
  const tp = p.child('clientIP', 'timeoutSeconds');
  if (t === undefined || t === null) return [required(tp, detail)];
  if (t <= 0 || t > MaxClientIPServiceAffinitySeconds)
    return [invalid(tp, t, `must be greater than 0 and less than ${MaxClientIPServiceAffinitySeconds}`)];
  return [];
}

function validateLoadBalancerClassField(old: ServiceT | undefined, svc: ServiceT): FieldError[] {
  const errs: FieldError[] = [];
  const isLB = (x: ServiceT) => x.spec?.type === 'LoadBalancer';
  const cls = svc.spec?.loadBalancerClass;
  if (old && isLB(old) && isLB(svc) && (old.spec?.loadBalancerClass ?? null) !== (cls ?? null))
    errs.push(invalid(spec('loadBalancerClass'), cls ?? null, 'may not change once set'));
  if (isLB(svc)) {
    if (cls !== undefined && cls !== null) errs.push(...validateQualifiedName(cls, spec('loadBalancerClass')));
  } else if (cls !== undefined && cls !== null) errs.push(forbidden(spec('loadBalancerClass'), "may only be used when `type` is 'LoadBalancer'"));
  return errs;
}

function validateServiceExternalTrafficPolicy(svc: ServiceT): FieldError[] {
  const errs: FieldError[] = [];
  const s = svc.spec ?? {};
  const etp = s.externalTrafficPolicy ?? '';
  if (!externallyAccessible(svc)) {
    if (etp !== '') errs.push(invalid(spec('externalTrafficPolicy'), etp, 'may only be set for externally-accessible services'));
  } else if (etp === '') errs.push(required(spec('externalTrafficPolicy')));
  else if (etp !== 'Cluster' && etp !== 'Local') errs.push(notSupported(spec('externalTrafficPolicy'), etp, ['Cluster', 'Local']));
  const hc = s.healthCheckNodePort ?? 0;
  if (!needsHealthCheck(svc)) {
    if (hc !== 0)
      errs.push(invalid(spec('healthCheckNodePort'), hc, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
  } else if (hc === 0) errs.push(required(spec('healthCheckNodePort')));
  else for (const m of isValidPortNum(hc)) errs.push(invalid(spec('healthCheckNodePort'), hc, m));
  return errs;
}

/** ValidateService (spec part; metadata is the store's). */
export function validateService(svc: ServiceT): FieldError[] {
  const errs: FieldError[] = [];
  const s = svc.spec ?? {};
  const ann = svc.metadata?.annotations ?? {};
  const ports = s.ports ?? [];
  const headless = isHeadlessService(svc);
  if (AnnotationTopologyMode in ann && DeprecatedAnnotationTopologyAwareHints in ann && ann[AnnotationTopologyMode] !== ann[DeprecatedAnnotationTopologyAwareHints])
    errs.push(
      invalid(
        new Path().child('metadata', 'annotations').key(AnnotationTopologyMode),
        ann[AnnotationTopologyMode],
        `must match annotations[${DeprecatedAnnotationTopologyAwareHints}] when both are specified`,
      ),
    );
  if (ports.length === 0 && !headless && s.type !== 'ExternalName') errs.push(required(spec('ports')));
  switch (s.type) {
    case 'LoadBalancer':
      ports.forEach((port, i) => {
        if (port.port === KubeletPort)
          errs.push(invalid(spec('ports').index(i), port.port, `may not expose port ${KubeletPort} externally since it is used by kubelet`));
      });
      if (headless) errs.push(invalid(spec('clusterIPs').index(0), 'None', "may not be set to 'None' for LoadBalancer services"));
      break;
    case 'NodePort':
      if (headless) errs.push(invalid(spec('clusterIPs').index(0), 'None', "may not be set to 'None' for NodePort services"));
      break;
    case 'ExternalName': {
      if ((s.clusterIPs ?? []).length > 0) errs.push(forbidden(spec('clusterIPs'), 'may not be set for ExternalName services'));
      if ((s.ipFamilies ?? []).length > 0) errs.push(forbidden(spec('ipFamilies'), 'may not be set for ExternalName services'));
      if (s.ipFamilyPolicy !== undefined && s.ipFamilyPolicy !== null)
        errs.push(forbidden(spec('ipFamilyPolicy'), 'may not be set for ExternalName services'));
      const cname = (s.externalName ?? '').replace(/\.$/, '');
      if (cname.length > 0) errs.push(...validateDNS1123Subdomain(cname, spec('externalName')));
      else errs.push(required(spec('externalName')));
      break;
    }
    default:
  }
  const names = new Set<string>();
  ports.forEach((port, i) => errs.push(...validateServicePort(port, ports.length > 1, names, spec('ports').index(i))));
  if (s.selector) errs.push(...validateLabels(s.selector, spec('selector')));
  const sa = s.sessionAffinity ?? '';
  if (sa === '') errs.push(required(spec('sessionAffinity')));
  else if (!supportedSessionAffinity.includes(sa)) errs.push(notSupported(spec('sessionAffinity'), sa, supportedSessionAffinity));
  if (sa === 'ClientIP') errs.push(...validateClientIPAffinityConfig(svc, spec('sessionAffinityConfig')));
  else if (sa === 'None' && s.sessionAffinityConfig)
    errs.push(forbidden(spec('sessionAffinityConfig'), 'must not be set when session affinity is None'));
  errs.push(...validateServiceClusterIPsRelatedFields(svc));
  (s.externalIPs ?? []).forEach((ip, i) => {
    const e = isValidIP(spec('externalIPs').index(i), ip);
    errs.push(...(e.length ? e : validateNonSpecialIP(ip, spec('externalIPs').index(i))));
  });
  const type = s.type ?? '';
  if (type === '') errs.push(required(spec('type')));
  else if (!supportedServiceTypes.includes(type)) errs.push(notSupported(spec('type'), type, supportedServiceTypes));
  if (type === 'ClusterIP')
    ports.forEach((port, i) => {
      if (port.nodePort) errs.push(forbidden(spec('ports').index(i).child('nodePort'), "may not be used when `type` is 'ClusterIP'"));
    });
  const nodePorts = new Set<string>();
  ports.forEach((port, i) => {
    if (!port.nodePort) return;
    const key = `${port.protocol}/${port.nodePort}`;
    if (nodePorts.has(key)) errs.push(duplicate(spec('ports').index(i).child('nodePort'), port.nodePort));
    nodePorts.add(key);
  });
  const portKeys = new Set<string>();
  ports.forEach((port, i) => {
    const key = `${port.protocol}/${port.port}`;
    if (portKeys.has(key)) errs.push(duplicate(spec('ports').index(i), { port: port.port, protocol: port.protocol }));
    portKeys.add(key);
  });
  if ((s.loadBalancerSourceRanges ?? []).length > 0) {
    const fp = spec('LoadBalancerSourceRanges');
    if (type !== 'LoadBalancer') errs.push(forbidden(fp, "may only be used when `type` is 'LoadBalancer'"));
    s.loadBalancerSourceRanges!.forEach((v, i) => errs.push(...isValidCIDR(fp.index(i), v.trim())));
  } else if (AnnotationLoadBalancerSourceRanges in ann) {
    const fp = new Path().child('metadata', 'annotations').key(AnnotationLoadBalancerSourceRanges);
    if (type !== 'LoadBalancer') errs.push(forbidden(fp, "may only be used when `type` is 'LoadBalancer'"));
    const val = ann[AnnotationLoadBalancerSourceRanges]!.trim();
    if (val !== '') for (const c of val.split(',')) errs.push(...isValidCIDR(fp, c.trim()));
  }
  const alloc = s.allocateLoadBalancerNodePorts;
  if (alloc !== undefined && alloc !== null && type !== 'LoadBalancer')
    errs.push(forbidden(spec('allocateLoadBalancerNodePorts'), "may only be used when `type` is 'LoadBalancer'"));
  if (type === 'LoadBalancer' && (alloc === undefined || alloc === null)) errs.push(required(new Path().child('allocateLoadBalancerNodePorts')));
  errs.push(...validateLoadBalancerClassField(undefined, svc));
  errs.push(...validateServiceExternalTrafficPolicy(svc));
  const itp = s.internalTrafficPolicy;
  if (itp === undefined || itp === null) {
    if (type === 'NodePort' || type === 'LoadBalancer' || type === 'ClusterIP') errs.push(required(spec('internalTrafficPolicy')));
  } else if (itp !== 'Cluster' && itp !== 'Local') errs.push(notSupported(spec('internalTrafficPolicy'), itp, ['Cluster', 'Local']));
  const td = s.trafficDistribution;
  if (td !== undefined && td !== null && td !== 'PreferClose') errs.push(notSupported(spec('trafficDistribution'), td, ['PreferClose']));
  return errs;
}

/** ValidateServiceUpdate (spec part). */
export function validateServiceUpdate(svc: ServiceT, old: ServiceT): FieldError[] {
  const errs = [...validateUpgradeDowngradeClusterIPs(old, svc), ...validateUpgradeDowngradeIPFamilies(old, svc)];
  errs.push(...validateLoadBalancerClassField(old, svc));
  if (needsHealthCheck(old) && needsHealthCheck(svc) && svc.spec?.healthCheckNodePort !== old.spec?.healthCheckNodePort)
    errs.push(forbidden(spec('healthCheckNodePort'), 'field is immutable'));
  errs.push(...validateService(svc));
  return errs;
}

/** ValidateLoadBalancerStatus. */
export function validateLoadBalancerStatus(svc: ServiceT, p = new Path().child('status', 'loadBalancer')): FieldError[] {
  const ingress = svc.status?.loadBalancer?.ingress ?? [];
  const ip = p.child('ingress');
  if (svc.spec?.type !== 'LoadBalancer' && ingress.length !== 0) return [forbidden(ip, "may only be used when `spec.type` is 'LoadBalancer'")];
  const errs: FieldError[] = [];
  ingress.forEach((ing, i) => {
    const ix = ip.index(i);
    if (ing.ip) errs.push(...isValidIP(ix.child('ip'), ing.ip));
    if (!ing.ipMode) {
      if (ing.ip) errs.push(required(ix.child('ipMode'), 'must be specified when `ip` is set'));
    } else if (!ing.ip) errs.push(forbidden(ix.child('ipMode'), 'may not be specified when `ip` is not set'));
    else if (ing.ipMode !== 'Proxy' && ing.ipMode !== 'VIP') errs.push(notSupported(ix.child('ipMode'), ing.ipMode, ['Proxy', 'VIP']));
    if (ing.hostname) {
      for (const m of validateDNS1123Subdomain(ing.hostname, ix.child('hostname'))) errs.push(m);
      if (parseIP(ing.hostname)) errs.push(invalid(ix.child('hostname'), ing.hostname, 'must be a DNS name, not an IP address'));
    }
  });
  return errs;
}

/** ValidateServiceStatusUpdate. */
export function validateServiceStatusUpdate(svc: ServiceT, _old: ServiceT): FieldError[] {
  return validateLoadBalancerStatus(svc);
}
