/**
 * Pod validation as pkg/apis/core/validation: ValidatePodSpec, ValidatePodTemplateSpec, ValidatePodCreate
 * (without ObjectMeta, which the store validates), ValidatePodUpdate and ValidatePodStatusUpdate.
 * Messages are upstream's, word for word.
 */
import { type FieldError, Path, duplicate, forbidden, invalid, notSupported, required } from '../field-errors.js';
import { nameIsDNSSubdomain, validateAnnotations, validateLabels } from '../validation.js';
import type { Container, Pod, PodSpec, PodTemplateSpec } from './pod.js';
import {
  checkHostPortConflicts,
  validateContainerCommon,
  validateLifecycle,
  validateProbe,
  validateSeccompProfile,
} from './pod-validation-container.js';
import { validateResourceQuantityValue } from './pod-validation-resources.js';
import { validateAffinity, validatePodDNSConfig, validateTolerations, validateTopologySpreadConstraints } from './pod-validation-scheduling.js';
import { each, inclusiveRangeError, isValidUserID, validateDNS1123Label, validateIP, validateQualifiedName } from './pod-validation-util.js';
import { validateVolumes } from './pod-validation-volume.js';

export { validatePodUpdate, validatePodStatusUpdate, validatePodIPs } from './pod-validation-update.js';

const MaxInt32 = 2147483647;

function enumField(v: string | undefined, p: Path, valid: string[]): FieldError[] {
  if (!v) return [required(p)];
  return valid.includes(v) ? [] : [notSupported(p, v, valid)];
}

function validateContainers(spec: PodSpec, volumes: Set<string>, claims: Set<string>, p: Path): FieldError[] {
  const containers = spec.containers ?? [];
  if (containers.length === 0) return [required(p)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  const gp = spec.terminationGracePeriodSeconds ?? undefined;
  containers.forEach((c, i) => {
    const ip = p.index(i);
    errs.push(...validateContainerCommon(c, volumes, claims, ip));
    if (names.has(c.name)) errs.push(duplicate(ip.child('name'), c.name));
    else names.add(c.name);
    if (c.lifecycle) errs.push(...validateLifecycle(c.lifecycle, gp, ip.child('lifecycle')));
    errs.push(...validateProbe(c.livenessProbe, gp, ip.child('livenessProbe'), 'liveness'));
    errs.push(...validateProbe(c.readinessProbe, gp, ip.child('readinessProbe'), 'readiness'));
    errs.push(...validateProbe(c.startupProbe, gp, ip.child('startupProbe'), 'startup'));
    if (c.restartPolicy !== undefined) errs.push(forbidden(ip.child('restartPolicy'), 'may not be set for non-init containers'));
  });
  errs.push(...checkHostPortConflicts(containers, p));
  return errs;
}

function validateInitContainers(spec: PodSpec, volumes: Set<string>, claims: Set<string>, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set((spec.containers ?? []).map((c) => c.name));
  const gp = spec.terminationGracePeriodSeconds ?? undefined;
  (spec.initContainers ?? []).forEach((c: Container, i) => {
    const ip = p.index(i);
    errs.push(...validateContainerCommon(c, volumes, claims, ip));
    let restartAlways = false;
    if (c.restartPolicy !== undefined) {
      if (c.restartPolicy !== 'Always') errs.push(notSupported(ip.child('restartPolicy'), c.restartPolicy, ['Always']));
      restartAlways = c.restartPolicy === 'Always';
    }
    if (names.has(c.name)) errs.push(duplicate(ip.child('name'), c.name));
    else if (c.name) names.add(c.name);
    errs.push(...checkHostPortConflicts([c], p));
    if (restartAlways) {
      if (c.lifecycle) errs.push(...validateLifecycle(c.lifecycle, gp, ip.child('lifecycle')));
      errs.push(...validateProbe(c.livenessProbe, gp, ip.child('livenessProbe'), 'liveness'));
      errs.push(...validateProbe(c.readinessProbe, gp, ip.child('readinessProbe'), 'readiness'));
      errs.push(...validateProbe(c.startupProbe, gp, ip.child('startupProbe'), 'startup'));
    } else {
      const without = 'may not be set for init containers without restartPolicy=Always';
      if (c.lifecycle) errs.push(forbidden(ip.child('lifecycle'), without));
      if (c.livenessProbe) errs.push(forbidden(ip.child('livenessProbe'), without));
      if (c.readinessProbe) errs.push(forbidden(ip.child('readinessProbe'), 'may not be set for init containers'));
      if (c.startupProbe) errs.push(forbidden(ip.child('startupProbe'), without));
    }
    if (c.resizePolicy?.length) errs.push(invalid(ip.child('resizePolicy'), c.resizePolicy, 'must not be set for init containers'));
  });
  return errs;
}

function validatePodSecurityContext(spec: PodSpec, p: Path): FieldError[] {
  const sc = spec.securityContext;
  if (!sc) return [];
  const errs: FieldError[] = [];
  for (const f of ['fsGroup', 'runAsUser', 'runAsGroup'] as const) {
    const v = sc[f];
    if (v !== undefined && v !== null) errs.push(...each(p.child(f), v, isValidUserID(v)));
  }
  (sc.supplementalGroups ?? []).forEach((g, i) => errs.push(...each(p.child('supplementalGroups').index(i), g, isValidUserID(g))));
  if (spec.shareProcessNamespace && spec.hostPID)
    errs.push(invalid(p.child('shareProcessNamespace'), true, 'ShareProcessNamespace and HostPID cannot both be enabled'));
  if (sc.fsGroupChangePolicy !== undefined && !['OnRootMismatch', 'Always'].includes(sc.fsGroupChangePolicy))
    errs.push(notSupported(p.child('fsGroupChangePolicy'), sc.fsGroupChangePolicy, ['OnRootMismatch', 'Always']));
  errs.push(...validateSeccompProfile(sc.seccompProfile, p.child('seccompProfile')));
  return errs;
}

function validateResourceClaims(spec: PodSpec, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (spec.resourceClaims ?? []).forEach((c, i) => {
    const ip = p.index(i);
    if (!c.name) errs.push(required(ip.child('name')));
    else errs.push(...validateDNS1123Label(c.name, ip.child('name')));
    if (seen.has(c.name)) errs.push(duplicate(ip, c.name));
    seen.add(c.name);
    if (c.resourceClaimName && c.resourceClaimTemplateName)
      errs.push(invalid(ip, c, 'at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified'));
    else if (!c.resourceClaimName && !c.resourceClaimTemplateName)
      errs.push(required(ip, 'must specify one of: `resourceClaimName`, `resourceClaimTemplateName`'));
  });
  return errs;
}

/** ValidatePodSpec */
export function validatePodSpec(spec: PodSpec, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  const vols = validateVolumes(spec.volumes, p.child('volumes'));
  errs.push(...vols.errors);
  const claims = new Set((spec.resourceClaims ?? []).map((c) => c.name));
  errs.push(...validateResourceClaims(spec, p.child('resourceClaims')));
  errs.push(...validateContainers(spec, vols.names, claims, p.child('containers')));
  errs.push(...validateInitContainers(spec, vols.names, claims, p.child('initContainers')));
  if (spec.hostNetwork)
    (spec.containers ?? []).forEach((c, i) =>
      (c.ports ?? []).forEach((port, j) => {
        if (port.hostPort && port.hostPort !== port.containerPort)
          errs.push(invalid(p.child('containers').index(i).child('ports').index(j).child('hostPort'), port.hostPort, 'must match `containerPort` when `hostNetwork` is true'));
      }),
    );
  errs.push(...enumField(spec.restartPolicy, p.child('restartPolicy'), ['Always', 'OnFailure', 'Never']));
  errs.push(...enumField(spec.dnsPolicy, p.child('dnsPolicy'), ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None']));
  errs.push(...validateLabels(spec.nodeSelector, p.child('nodeSelector')));
  errs.push(...validatePodSecurityContext(spec, p.child('securityContext')));
  errs.push(...validateAffinity(spec.affinity, p.child('affinity')));
  errs.push(...validatePodDNSConfig(spec.dnsConfig, spec.dnsPolicy, p.child('dnsConfig')));
  (spec.readinessGates ?? []).forEach((g, i) => errs.push(...validateQualifiedName(g.conditionType ?? '', p.child('readinessGates').index(i).child('conditionType'))));
  const gates = new Set<string>();
  (spec.schedulingGates ?? []).forEach((g, i) => {
    const gp = p.child('schedulingGates').index(i);
    errs.push(...validateQualifiedName(g.name ?? '', gp));
    if (gates.has(g.name)) errs.push(duplicate(gp, g.name));
    gates.add(g.name);
  });
  errs.push(...validateTopologySpreadConstraints(spec.topologySpreadConstraints, p.child('topologySpreadConstraints')));
  for (const f of ['serviceAccountName', 'nodeName', 'priorityClassName', 'runtimeClassName'] as const) {
    const v = spec[f];
    if (v) errs.push(...each(p.child(f), v, nameIsDNSSubdomain(v, false)));
  }
  const ads = spec.activeDeadlineSeconds;
  if (ads !== undefined && ads !== null && (ads < 1 || ads > MaxInt32))
    errs.push(invalid(p.child('activeDeadlineSeconds'), ads, inclusiveRangeError(1, MaxInt32)));
  if (spec.hostname) errs.push(...validateDNS1123Label(spec.hostname, p.child('hostname')));
  if (spec.subdomain) errs.push(...validateDNS1123Label(spec.subdomain, p.child('subdomain')));
  errs.push(...validateTolerations(spec.tolerations, p.child('tolerations')));
  (spec.hostAliases ?? []).forEach((h, i) => {
    const hp = p.child('hostAliases').index(i);
    errs.push(...validateIP(h.ip, hp.child('ip')));
    (h.hostnames ?? []).forEach((n, j) => errs.push(...each(hp.child('hostnames').index(j), n, nameIsDNSSubdomain(n, false))));
  });
  if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== null)
    errs.push(...enumField(spec.preemptionPolicy, p.child('preemptionPolicy'), ['PreemptLowerPriority', 'Never']));
  for (const [k, v] of Object.entries(spec.overhead ?? {})) errs.push(...validateResourceQuantityValue(k, v, p.child('overhead').key(k)));
  if (spec.os) {
    if (!spec.os.name) errs.push(required(p.child('os', 'name')));
    else if (!['linux', 'windows'].includes(spec.os.name)) errs.push(notSupported(p.child('os', 'name'), spec.os.name, ['linux', 'windows']));
  }
  return errs;
}

/** ValidatePodTemplateSpec: labels and annotations (upstream reports them at <path>.labels), then the spec. */
export function validatePodTemplateSpec(t: PodTemplateSpec, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...validateLabels(t.metadata?.labels, p.child('labels')));
  errs.push(...validateAnnotations(t.metadata?.annotations, p.child('annotations')));
  errs.push(...validatePodSpec(t.spec ?? ({} as PodSpec), p.child('spec')));
  if (t.spec?.ephemeralContainers?.length) errs.push(forbidden(p.child('spec', 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  return errs;
}

/** What pods get beyond ValidatePodSpec (validatePodMetadataAndSpec without ObjectMeta). */
export function validatePodSpecForPod(pod: Pod): FieldError[] {
  const sp = new Path().child('spec');
  const spec = pod.spec ?? ({} as PodSpec);
  const errs = validatePodSpec(spec, sp);
  if (!spec.serviceAccountName)
    (spec.volumes ?? []).forEach((v, vi) =>
      (v.projected?.sources ?? []).forEach((s, si) => {
        if (s.serviceAccountToken)
          errs.push(forbidden(sp.child('volumes').index(vi).child('projected', 'sources').index(si).child('serviceAccountToken'), 'must not be specified when serviceAccountName is not set'));
      }),
    );
  return errs;
}

/** ValidatePodCreate without ObjectMeta. */
export function validatePod(pod: Pod): FieldError[] {
  const sp = new Path().child('spec');
  const errs = validatePodSpecForPod(pod);
  const spec = pod.spec;
  if (spec?.ephemeralContainers?.length) errs.push(forbidden(sp.child('ephemeralContainers'), 'cannot be set on create'));
  if (spec?.nodeName && spec.schedulingGates?.length) errs.push(forbidden(sp.child('nodeName'), 'cannot be set until all schedulingGates have been cleared'));
  return errs;
}

