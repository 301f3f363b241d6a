/** Affinity, tolerations, topology spread constraints and DNS config validation, with upstream's messages. */
import { type FieldError, Path, duplicate, forbidden, invalid, notSupported, required } from '../field-errors.js';
import { isValidLabelValue, nameIsDNSSubdomain, isDNS1123Label } from '../validation.js';
import type { Affinity, NodeSelector, NodeSelectorTerm, PodAffinityTerm, PodDNSConfig, Toleration, TopologySpreadConstraint } from './pod.js';
import { each, isNotPositiveErrorMsg, validateDNS1123Subdomain, validateIP, validateLabelName, validateLabelSelector } from './pod-validation-util.js';

function validateNodeSelectorRequirement(r: NodeSelectorTerm['matchExpressions'] extends (infer T)[] | undefined ? T : never, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(required(p.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) errs.push(forbidden(p.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1) errs.push(required(p.child('values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
    default:
      errs.push(invalid(p.child('operator'), r.operator, 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(r.key ?? '', p.child('key')));
  return errs;
}

function validateNodeFieldSelectorRequirement(r: { key: string; operator: string; values?: string[] }, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (r.operator === 'In' || r.operator === 'NotIn') {
    if ((r.values ?? []).length !== 1) errs.push(required(p.child('values'), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
  } else errs.push(invalid(p.child('operator'), r.operator, 'not a valid selector operator'));
  if (r.key !== 'metadata.name') errs.push(invalid(p.child('key'), r.key, 'not a valid field selector key'));
  else (r.values ?? []).forEach((v, i) => errs.push(...each(p.child('values').index(i), v, nameIsDNSSubdomain(v, false))));
  return errs;
}

export function validateNodeSelectorTerm(t: NodeSelectorTerm | undefined, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  (t?.matchExpressions ?? []).forEach((r, j) => errs.push(...validateNodeSelectorRequirement(r, p.child('matchExpressions').index(j))));
  (t?.matchFields ?? []).forEach((r, j) => errs.push(...validateNodeFieldSelectorRequirement(r, p.child('matchFields').index(j))));
  return errs;
}

export function validateNodeSelector(ns: NodeSelector, p: Path): FieldError[] {
  const tp = p.child('nodeSelectorTerms');
  if (!ns.nodeSelectorTerms?.length) return [required(tp, 'must have at least one node selector term')];
  return ns.nodeSelectorTerms.flatMap((t, i) => validateNodeSelectorTerm(t, tp.index(i)));
}

function validatePodAffinityTerm(t: PodAffinityTerm, p: Path): FieldError[] {
  const errs = validateLabelSelector(t.labelSelector, p.child('labelSelector'));
  errs.push(...validateLabelSelector(t.namespaceSelector, p.child('namespaceSelector')));
  for (const ns of t.namespaces ?? []) errs.push(...each(p.child('namespace'), ns, isDNS1123Label(ns)));
  if (!t.topologyKey) errs.push(required(p.child('topologyKey'), 'can not be empty'));
  errs.push(...validateLabelName(t.topologyKey ?? '', p.child('topologyKey')));
  return errs;
}

function validatePodAffinityRules(a: NonNullable<Affinity['podAffinity']>, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  const rp = p.child('requiredDuringSchedulingIgnoredDuringExecution');
  (a.requiredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, i) => errs.push(...validatePodAffinityTerm(t, rp.index(i))));
  const pp = p.child('preferredDuringSchedulingIgnoredDuringExecution');
  (a.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((w, j) => {
    if (!(w.weight > 0 && w.weight <= 100)) errs.push(invalid(pp.index(j).child('weight'), w.weight, 'must be in the range 1-100'));
    errs.push(...validatePodAffinityTerm(w.podAffinityTerm ?? ({} as PodAffinityTerm), pp.index(j).child('podAffinityTerm')));
  });
  return errs;
}

export function validateAffinity(a: Affinity | undefined, p: Path): FieldError[] {
  if (!a) return [];
  const errs: FieldError[] = [];
  const na = a.nodeAffinity;
  if (na) {
    const np = p.child('nodeAffinity');
    if (na.requiredDuringSchedulingIgnoredDuringExecution)
      errs.push(...validateNodeSelector(na.requiredDuringSchedulingIgnoredDuringExecution, np.child('requiredDuringSchedulingIgnoredDuringExecution')));
    const pp = np.child('preferredDuringSchedulingIgnoredDuringExecution');
    (na.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, i) => {
      if (!(t.weight > 0 && t.weight <= 100)) errs.push(invalid(pp.index(i).child('weight'), t.weight, 'must be in the range 1-100'));
      errs.push(...validateNodeSelectorTerm(t.preference, pp.index(i).child('preference')));
    });
  }
  if (a.podAffinity) errs.push(...validatePodAffinityRules(a.podAffinity, p.child('podAffinity')));
  if (a.podAntiAffinity) errs.push(...validatePodAffinityRules(a.podAntiAffinity, p.child('podAntiAffinity')));
  return errs;
}

export function validateTolerations(ts: Toleration[] | undefined, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  (ts ?? []).forEach((t, i) => {
    const ip = p.index(i);
    if (t.key) errs.push(...validateLabelName(t.key, ip.child('key')));
    if (!t.key && t.operator !== 'Exists')
      errs.push(invalid(ip.child('operator'), t.operator ?? '', 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && t.effect !== 'NoExecute')
      errs.push(invalid(ip.child('effect'), t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    switch (t.operator ?? '') {
      case 'Equal':
      case '': {
        const msgs = isValidLabelValue(t.value ?? '');
        if (msgs.length) errs.push(invalid(ip.child('operator'), t.value ?? '', msgs.join(';')));
        break;
      }
      case 'Exists':
        if (t.value) errs.push(invalid(ip.child('operator'), t, "value must be empty when `operator` is 'Exists'"));
        break;
      default:
        errs.push(notSupported(ip.child('operator'), t.operator, ['Equal', 'Exists']));
    }
    if (t.effect && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(t.effect))
      errs.push(notSupported(ip.child('effect'), t.effect, ['NoSchedule', 'PreferNoSchedule', 'NoExecute']));
  });
  return errs;
}

export function validateTopologySpreadConstraints(cs: TopologySpreadConstraint[] | undefined, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  const list = cs ?? [];
  list.forEach((c, i) => {
    const ip = p.index(i);
    if (!(c.maxSkew > 0)) errs.push(invalid(ip.child('maxSkew'), c.maxSkew ?? 0, isNotPositiveErrorMsg));
    if (!c.topologyKey) errs.push(required(ip.child('topologyKey'), 'can not be empty'));
    if (!['DoNotSchedule', 'ScheduleAnyway'].includes(c.whenUnsatisfiable))
      errs.push(notSupported(ip.child('whenUnsatisfiable'), c.whenUnsatisfiable ?? '', ['DoNotSchedule', 'ScheduleAnyway']));
    if (list.slice(i + 1).some((o) => o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable))
      errs.push(duplicate(ip.child('{topologyKey, whenUnsatisfiable}'), `{${c.topologyKey}, ${c.whenUnsatisfiable}}`));
    if (c.minDomains !== undefined && c.minDomains !== null) {
      if (c.minDomains <= 0) errs.push(invalid(ip.child('minDomains'), c.minDomains, isNotPositiveErrorMsg));
      if (c.whenUnsatisfiable !== 'DoNotSchedule')
        errs.push(invalid(ip.child('minDomains'), c.minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${c.whenUnsatisfiable}`));
    }
    for (const f of ['nodeAffinityPolicy', 'nodeTaintsPolicy'] as const) {
      const v = c[f];
      if (v !== undefined && v !== null && !['Honor', 'Ignore'].includes(v)) errs.push(notSupported(ip.child(f), v, ['Honor', 'Ignore']));
    }
    errs.push(...validateLabelSelector(c.labelSelector, ip.child('labelSelector')));
  });
  return errs;
}

export function validatePodDNSConfig(dc: PodDNSConfig | undefined, dnsPolicy: string | undefined, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (dnsPolicy === 'None') {
    if (!dc) return [required(p, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if (!dc.nameservers?.length) return [required(p.child('nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
  }
  if (!dc) return errs;
  const ns = dc.nameservers ?? [];
  if (ns.length > 3) errs.push(invalid(p.child('nameservers'), ns, 'must not have more than 3 nameservers'));
  ns.forEach((n, i) => errs.push(...validateIP(n, p.child('nameservers').index(i))));
  const searches = dc.searches ?? [];
  if (searches.length > 32) errs.push(invalid(p.child('searches'), searches, 'must not have more than 32 search paths'));
  if (searches.join(' ').length > 2048)
    errs.push(invalid(p.child('searches'), searches, 'must not have more than 2048 characters (including spaces) in the search list'));
  searches.forEach((s, i) => errs.push(...validateDNS1123Subdomain(s.replace(/\.$/, ''), p.child('searches').index(i))));
  (dc.options ?? []).forEach((o, i) => {
    if (!o.name) errs.push(required(p.child('options').index(i), 'Option.Name must not be empty'));
  });
  return errs;
}
