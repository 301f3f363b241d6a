/** Node validation as pkg/apis/core/validation: ValidateNode, ValidateNodeUpdate, validateNodeTaints. */
import { type FieldError, Path, duplicate, forbidden, invalid, notSupported, required } from '../field-errors.js';
import { canonicalQuantity, quantityMilliValue, quantitySign } from '../quantity.js';
import { deepEqual, isQualifiedName, isValidLabelValue, nameIsDNSLabel, nameIsDNSSubdomain } from '../validation.js';
import { isConfigMapKey } from './configmap.js';
import { isValidCIDR, parseCIDR } from './net-validation.js';
import type { NodeT, TaintT } from './node.js';

type ConfigSource = NonNullable<NonNullable<NodeT['spec']>['configSource']>;
type ConfigMapSource = NonNullable<ConfigSource['configMap']>;

const integerResources = new Set([
  'pods',
  'services',
  'replicationcontrollers',
  'resourcequotas',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'services.nodeports',
  'services.loadbalancers',
]);

/** helper.IsExtendedResourceName. */
export function isExtendedResourceName(name: string): boolean {
  const native = !name.includes('/') || name.includes('kubernetes.io/');
  if (native || name.startsWith('requests.')) return false;
  return isQualifiedName(`requests.${name}`).length === 0;
}

const isIntegerResourceName = (name: string) => integerResources.has(name) || isExtendedResourceName(name);

/** ValidateResourceQuantityValue: non-negative, and whole for integer resources. */
export function validateResourceQuantityValue(resource: string, value: string | number, p: Path): FieldError[] {
  let sign: number;
  let milli: number;
  try {
    sign = quantitySign(value);
    milli = quantityMilliValue(value);
  } catch {
    return [invalid(p, value, 'must be a valid resource quantity')];
  }
  const errs: FieldError[] = [];
  const shown = canonicalQuantity(value);
  if (sign < 0) errs.push(invalid(p, shown, 'must be greater than or equal to 0'));
  if (isIntegerResourceName(resource) && milli % 1000 !== 0) errs.push(invalid(p, shown, 'must be an integer'));
  return errs;
}

const taintEffects = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** validateNodeTaints: key, value and effect valid; unique by (key, effect). */
export function validateNodeTaints(taints: TaintT[], p: Path): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Map<string, Set<string>>();
  taints.forEach((t, i) => {
    const ip = p.index(i);
    for (const m of isQualifiedName(t.key ?? '')) errs.push(invalid(ip.child('key'), t.key ?? '', m));
    const ve = isValidLabelValue(t.value ?? '');
    if (ve.length) errs.push(invalid(ip.child('value'), t.value ?? '', ve.join(';')));
    const effect = t.effect ?? '';
    if (effect === '') errs.push(required(ip.child('effect')));
    else if (!taintEffects.includes(effect)) errs.push(notSupported(ip.child('effect'), effect, taintEffects));
    const keys = seen.get(effect) ?? new Set<string>();
    if (keys.has(t.key ?? '')) {
      errs.push({ ...duplicate(ip, t), detail: 'taints must be unique by key and effect pair' });
      return;
    }
    keys.add(t.key ?? '');
    seen.set(effect, keys);
  });
  return errs;
}

function validateNodeResources(node: NodeT): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(node.status?.capacity ?? {}))
    errs.push(...validateResourceQuantityValue(k, v, new Path().child('status', 'capacity', k)));
  for (const [k, v] of Object.entries(node.status?.allocatable ?? {}))
    errs.push(...validateResourceQuantityValue(k, v, new Path().child('status', 'allocatable', k)));
  return errs;
}

/** ValidateNode (spec, taints, resources, pod CIDRs; metadata is the store's). */
export function validateNode(node: NodeT): FieldError[] {
  const errs: FieldError[] = [];
  const taints = node.spec?.taints ?? [];
  // Upstream names the taints path under metadata (fldPath is "metadata" there).
  if (taints.length) errs.push(...validateNodeTaints(taints, new Path().child('metadata', 'taints')));
  errs.push(...validateNodeResources(node));
  const cidrs = node.spec?.podCIDRs ?? [];
  if (cidrs.length > 0) {
    const fp = new Path().child('spec', 'podCIDRs');
    cidrs.forEach((c, i) => errs.push(...isValidCIDR(fp.index(i), c)));
    if (cidrs.length > 1) {
      const fam = cidrs.map((c) => parseCIDR(c)?.ip.v6);
      const dualStack = fam.every((f) => f !== undefined) && fam.includes(true) && fam.includes(false);
      if (!dualStack || cidrs.length > 2) errs.push(invalid(fp, cidrs, 'may specify no more than one CIDR for each IP family'));
      const seen = new Set<string>();
      cidrs.forEach((c, i) => {
        if (seen.has(c)) errs.push(duplicate(fp.index(i), c));
        seen.add(c);
      });
    }
  }
  return errs;
}

function validateConfigMapNodeConfigSource(src: ConfigMapSource, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (!src.namespace) errs.push(required(p.child('namespace'), 'namespace must be set'));
  else for (const m of nameIsDNSLabel(src.namespace, false)) errs.push(invalid(p.child('namespace'), src.namespace, m));
  if (!src.name) errs.push(required(p.child('name'), 'name must be set'));
  else for (const m of nameIsDNSSubdomain(src.name, false)) errs.push(invalid(p.child('name'), src.name, m));
  if (!src.kubeletConfigKey) errs.push(required(p.child('kubeletConfigKey'), 'kubeletConfigKey must be set'));
  else for (const m of isConfigMapKey(src.kubeletConfigKey)) errs.push(invalid(p.child('kubeletConfigKey'), src.kubeletConfigKey, m));
  return errs;
}

function validateNodeConfigSource(src: ConfigSource, p: Path, inStatus: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (src.configMap) {
    const cp = p.child('configMap');
    const cm = src.configMap;
    if (inStatus) {
      if (!cm.uid) errs.push(required(cp.child('uid'), 'uid must be set in status'));
      if (!cm.resourceVersion) errs.push(required(cp.child('resourceVersion'), 'resourceVersion must be set in status'));
    } else {
      if (cm.uid) errs.push(forbidden(cp.child('uid'), 'uid must not be set in spec'));
      if (cm.resourceVersion) errs.push(forbidden(cp.child('resourceVersion'), 'resourceVersion must not be set in spec'));
    }
    errs.push(...validateConfigMapNodeConfigSource(cm, cp));
  } else errs.push(invalid(p, src, 'exactly one reference subfield must be non-nil'));
  return errs;
}

/** ValidateNodeUpdate; the /status update uses the same rules upstream. */
export function validateNodeUpdate(node: NodeT, old: NodeT): FieldError[] {
  const errs = validateNodeResources(node);
  const seen: unknown[] = [];
  (node.status?.addresses ?? []).forEach((a, i) => {
    if (seen.some((s) => deepEqual(s, a))) errs.push(duplicate(new Path().child('status', 'addresses').index(i), a));
    seen.push(a);
  });
  const oldCIDRs = old.spec?.podCIDRs ?? [];
  const newCIDRs = node.spec?.podCIDRs ?? [];
  const cidrMsg = 'node updates may not change podCIDR except from "" to valid';
  if (oldCIDRs.length > 0) {
    if (oldCIDRs.length !== newCIDRs.length) errs.push(forbidden(new Path().child('spec', 'podCIDRs'), cidrMsg));
    else oldCIDRs.forEach((c, i) => c !== newCIDRs[i] && errs.push(forbidden(new Path().child('spec', 'podCIDRs'), cidrMsg)));
  }
  const oldPID = old.spec?.providerID ?? '';
  if (oldPID && oldPID !== (node.spec?.providerID ?? ''))
    errs.push(forbidden(new Path().child('spec', 'providerID'), 'node updates may not change providerID except from "" to valid'));
  if (node.spec?.configSource) errs.push(...validateNodeConfigSource(node.spec.configSource, new Path().child('spec', 'configSource'), false));
  const cfg = node.status?.config;
  if (cfg) {
    const cp = new Path().child('status', 'config');
    if (cfg.assigned) errs.push(...validateNodeConfigSource(cfg.assigned, cp.child('assigned'), true));
    if (cfg.active) errs.push(...validateNodeConfigSource(cfg.active, cp.child('active'), true));
    if (cfg.lastKnownGood) errs.push(...validateNodeConfigSource(cfg.lastKnownGood, cp.child('lastKnownGood'), true));
  }
  const taints = node.spec?.taints ?? [];
  if (taints.length) errs.push(...validateNodeTaints(taints, new Path().child('metadata', 'taints')));
  if ((node.spec?.externalID ?? '') !== (old.spec?.externalID ?? '')) errs.push(forbidden(new Path().child('spec', 'externalID'), 'may not be updated'));
  return errs;
}

export const validateNodeStatusUpdate = validateNodeUpdate;
