/**
 * Service cluster IP and IP family rules (pkg/apis/core/validation): ValidateServiceClusterIPsRelatedFields
 * and the upgrade/downgrade checks ValidateServiceUpdate applies.
 */
import { type FieldError, Path, duplicate, invalid, notSupported, required } from '../field-errors.js';
import { isIPv6String, isValidIP, parseIP } from './net-validation.js';
import type { ServiceT } from './service.js';

const spec = (...f: string[]) => new Path().child('spec', ...f);
const supportedIPFamilies = ['IPv4', 'IPv6'];
const supportedIPFamilyPolicies = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];

export function isHeadlessService(svc: ServiceT): boolean {
  const ips = svc.spec?.clusterIPs ?? [];
  return ips.length === 1 && ips[0] === 'None';
}

/** ValidateServiceClusterIPsRelatedFields. */
export function validateServiceClusterIPsRelatedFields(svc: ServiceT): FieldError[] {
  const s = svc.spec ?? {};
  if (s.type === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const ipsField = spec('clusterIPs');
  const ips = s.clusterIPs ?? [];
  const families = s.ipFamilies ?? [];
  if (s.clusterIP) {
    if (ips.length === 0) errs.push(required(ipsField));
    else if (ips[0] !== s.clusterIP) errs.push(invalid(ipsField, ips, 'first value must match `clusterIP`'));
  } else if (ips.length !== 0) errs.push(invalid(ipsField, ips, 'must be empty when `clusterIP` is not specified'));
  const seen = new Set<string>();
  families.forEach((f, i) => {
    if (!supportedIPFamilies.includes(f)) errs.push(notSupported(spec('ipFamilies').index(i), f, supportedIPFamilies));
    if (seen.has(f)) errs.push(duplicate(spec('ipFamilies').index(i), f));
    seen.add(f);
  });
  if (s.ipFamilyPolicy !== undefined && s.ipFamilyPolicy !== null && !supportedIPFamilyPolicies.includes(s.ipFamilyPolicy))
    errs.push(notSupported(spec('ipFamilyPolicy'), s.ipFamilyPolicy, supportedIPFamilyPolicies));
  let hasInvalidIPs = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) {
        hasInvalidIPs = true;
        errs.push(invalid(ipsField, ips, "'None' must be the first and only value"));
      }
      return;
    }
    const e = isValidIP(ipsField.index(i), ip);
    if (e.length) hasInvalidIPs = true;
    errs.push(...e);
  });
  if (ips.length > 2) errs.push(invalid(ipsField, ips, 'may only hold up to 2 values'));
  if (hasInvalidIPs) return errs;
  if (ips.length > 1) {
    const v6 = ips.map((ip) => parseIP(ip)?.v6);
    const dualStack = v6.includes(true) && v6.includes(false);
    if (!dualStack) errs.push(invalid(ipsField, ips, 'may specify no more than one IP for each IP family'));
  }
  if (!isHeadlessService(svc) && ips.length > 0 && families.length > 0) {
    ips.forEach((ip, i) => {
      if (i > families.length - 1) return;
      if (families[i] === 'IPv4' && isIPv6String(ip))
        errs.push(invalid(ipsField.index(i), ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      if (families[i] === 'IPv6' && !isIPv6String(ip))
        errs.push(invalid(ipsField.index(i), ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
    });
  }
  return errs;
}

export function validateUpgradeDowngradeClusterIPs(old: ServiceT, svc: ServiceT): FieldError[] {
  if (svc.spec?.type === 'ExternalName' || old.spec?.type === 'ExternalName') return [];
  if (isHeadlessService(old) && isHeadlessService(svc)) return [];
  const errs: FieldError[] = [];
  const o = old.spec?.clusterIPs ?? [];
  const n = svc.spec?.clusterIPs ?? [];
  const ip0 = spec('clusterIPs').index(0);
  if (o.length === n.length) {
    o.forEach((ip, i) => {
      if (ip !== n[i]) errs.push(invalid(spec('clusterIPs').index(i), n, 'may not change once set'));
    });
  } else if (o.length > n.length) {
    if (n.length === 0) errs.push(invalid(ip0, n, 'primary clusterIP can not be unset'));
    if (o.length > 0 && n.length > 0 && n[0] !== o[0]) errs.push(invalid(ip0, n, 'may not change once set'));
    if (n.length === 1 && svc.spec?.ipFamilyPolicy !== 'SingleStack')
      errs.push(invalid(spec('ipFamilyPolicy'), svc.spec?.ipFamilyPolicy ?? null, "must be set to 'SingleStack' when releasing the secondary clusterIP"));
  } else if (o.length > 0 && n[0] !== o[0]) errs.push(invalid(ip0, n, 'may not change once set'));
  return errs;
}

export function validateUpgradeDowngradeIPFamilies(old: ServiceT, svc: ServiceT): FieldError[] {
  if (svc.spec?.type === 'ExternalName' || old.spec?.type === 'ExternalName') return [];
  if (isHeadlessService(old) !== isHeadlessService(svc) || isHeadlessService(svc)) return [];
  const errs: FieldError[] = [];
  const o = old.spec?.ipFamilies ?? [];
  const n = svc.spec?.ipFamilies ?? [];
  const ips = svc.spec?.clusterIPs ?? [];
  const f0 = spec('ipFamilies').index(0);
  if (o.length === n.length) {
    o.forEach((f, i) => {
      if (f !== n[i]) errs.push(invalid(f0, n, 'may not change once set'));
    });
  } else if (o.length > n.length) {
    if (ips.length === 0) errs.push(invalid(f0, n, 'primary ipFamily can not be unset'));
    if (n.length > 0 && n[0] !== o[0]) errs.push(invalid(f0, ips, 'may not change once set'));
    if (n.length === 1 && svc.spec?.ipFamilyPolicy !== 'SingleStack')
      errs.push(invalid(spec('ipFamilyPolicy'), svc.spec?.ipFamilyPolicy ?? null, "must be set to 'SingleStack' when releasing the secondary ipFamily"));
  } else if (o.length > 0 && n.length > 0 && n[0] !== o[0]) errs.push(invalid(f0, ips, 'may not change once set'));
  return errs;
}
