/** ValidatePodUpdate and ValidatePodStatusUpdate (without ObjectMeta), with upstream's messages. */
import { isIP } from 'node:net';
import { type FieldError, Path, duplicate, forbidden, invalid, required } from '../field-errors.js';
import { deepEqual, isQualifiedName, nameIsDNSSubdomain } from '../validation.js';
import type { ContainerStatus, Pod, PodSpec, Toleration } from './pod.js';
import { validatePodSpecForPod } from './pod-validation.js';
import { validateTolerations } from './pod-validation-scheduling.js';
import { each, inclusiveRangeError, validateIP } from './pod-validation-util.js';

const MaxInt32 = 2147483647;

export const updatablePodSpecFields = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

function validateContainerUpdates(n: PodSpec['containers'] | undefined, o: PodSpec['containers'] | undefined, p: Path): { errs: FieldError[]; stop: boolean } {
  const nc = n ?? [];
  if (nc.length !== (o ?? []).length) return { errs: [forbidden(p, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  nc.forEach((c, i) => {
    if (!c.image) errs.push(required(p.index(i).child('image')));
    if ((c.image ?? '').trim() !== (c.image ?? '')) errs.push(invalid(p.index(i).child('image'), c.image, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

function validateOnlyAddedTolerations(n: Toleration[] | undefined, o: Toleration[] | undefined, p: Path): FieldError[] {
  for (const old of o ?? []) {
    const found = (n ?? []).some((t) => deepEqual({ ...old, tolerationSeconds: t.tolerationSeconds }, t));
    if (!found) return [forbidden(p, 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(n, p);
}

/** A short rendering of what changed, in place of upstream's cmp.Diff of the internal PodSpec. */
export function specDiff(oldSpec: PodSpec, newSpec: PodSpec): string {
  const keys = [...new Set([...Object.keys(oldSpec), ...Object.keys(newSpec)])];
  const goName = (k: string) => k.charAt(0).toUpperCase() + k.slice(1);
  const lines = ['  core.PodSpec{'];
  for (const k of keys) {
    const a = (oldSpec as Record<string, unknown>)[k];
    const b = (newSpec as Record<string, unknown>)[k];
    if (deepEqual(a, b)) continue;
    if (a !== undefined) lines.push(`- \t${goName(k)}: ${JSON.stringify(a)},`);
    if (b !== undefined) lines.push(`+ \t${goName(k)}: ${JSON.stringify(b)},`);
  }
  lines.push('  }');
  return lines.join('\n');
}

/** ValidatePodUpdate without ObjectMeta. */
export function validatePodUpdate(pod: Pod, old: Pod): FieldError[] {
  const sp = new Path().child('spec');
  const errs = validatePodSpecForPod(pod);
  const ns = pod.spec ?? ({} as PodSpec);
  const os = old.spec ?? ({} as PodSpec);
  for (const f of ['containers', 'initContainers'] as const) {
    const r = validateContainerUpdates(ns[f], os[f], sp.child(f));
    errs.push(...r.errs);
    if (r.stop) return errs;
  }
  const nads = ns.activeDeadlineSeconds;
  if (nads !== undefined && nads !== null) {
    if (nads < 0 || nads > MaxInt32) return [...errs, invalid(sp.child('activeDeadlineSeconds'), nads, inclusiveRangeError(0, MaxInt32))];
    if (os.activeDeadlineSeconds !== undefined && os.activeDeadlineSeconds !== null && os.activeDeadlineSeconds < nads)
      return [...errs, invalid(sp.child('activeDeadlineSeconds'), nads, 'must be less than or equal to previous value')];
  } else if (os.activeDeadlineSeconds !== undefined && os.activeDeadlineSeconds !== null) {
    errs.push(invalid(sp.child('activeDeadlineSeconds'), null, 'must not update from a positive integer to nil value'));
  }
  errs.push(...validateOnlyAddedTolerations(ns.tolerations, os.tolerations, sp.child('tolerations')));
  if (ns.schedulingGates?.length) {
    const oldGates = new Set((os.schedulingGates ?? []).map((g) => g.name));
    ns.schedulingGates.forEach((g, i) => {
      if (!oldGates.has(g.name))
        errs.push(forbidden(sp.child('schedulingGates').index(i).child('name'), `only deletion is allowed, but found new scheduling gate '${g.name}'`));
    });
  }
  if (deepEqual(ns, os)) return errs;
  // Munge the fields that may change, then anything else that differs is forbidden.
  const munged: PodSpec = structuredClone(ns);
  munged.containers = (munged.containers ?? []).map((c, i) => ({ ...c, image: os.containers?.[i]?.image }));
  if (munged.initContainers) munged.initContainers = munged.initContainers.map((c, i) => ({ ...c, image: os.initContainers?.[i]?.image }));
  munged.activeDeadlineSeconds = os.activeDeadlineSeconds;
  munged.schedulingGates = os.schedulingGates;
  munged.tolerations = os.tolerations;
  if ((os.terminationGracePeriodSeconds ?? 0) < 0 && munged.terminationGracePeriodSeconds === 1)
    munged.terminationGracePeriodSeconds = os.terminationGracePeriodSeconds;
  if ((os.schedulingGates ?? []).length > 0) {
    // Gated pods may gain nodeSelector entries (no deletions or changes) and node affinity.
    const on = os.nodeSelector ?? {};
    const nn = munged.nodeSelector ?? {};
    if (Object.entries(on).every(([k, v]) => nn[k] === v)) munged.nodeSelector = os.nodeSelector;
    munged.affinity = os.affinity;
  }
  if (!deepEqual(munged, os)) errs.push(forbidden(sp, `pod updates may not change fields other than ${updatablePodSpecFields.join(',')}\n${specDiff(os, munged)}`));
  return errs;
}

/** validatePodIPs (and validateHostIPs with field "hostIPs"). */
export function validatePodIPs(pod: Pod, field: 'podIPs' | 'hostIPs' = 'podIPs'): FieldError[] {
  const p = new Path().child('status', field);
  const ips = (pod.status?.[field] ?? []) as Array<{ ip: string }>;
  const errs: FieldError[] = [];
  ips.forEach((x, i) => errs.push(...validateIP(x.ip, p.index(i))));
  if (ips.length > 1) {
    const fam = ips.map((x) => isIP(x.ip));
    if (ips.length > 2 || fam[0] === fam[1]) errs.push(invalid(p, ips, 'may specify no more than one IP for each IP family'));
    const seen = new Set<string>();
    ips.forEach((x, i) => {
      if (seen.has(x.ip)) errs.push(duplicate(p.index(i), x));
      seen.add(x.ip);
    });
  }
  return errs;
}

function validateContainerStateTransition(n: ContainerStatus[] | undefined, o: ContainerStatus[] | undefined, p: Path, restartPolicy: string | undefined): FieldError[] {
  if (restartPolicy === 'Always') return [];
  const errs: FieldError[] = [];
  (o ?? []).forEach((os, i) => {
    const t = os.state?.terminated;
    if (!t) return;
    if (t.exitCode !== 0 && restartPolicy === 'OnFailure') return;
    for (const ns of n ?? []) if (os.name === ns.name && !ns.state?.terminated) errs.push(forbidden(p.index(i).child('state'), 'may not be transitioned to non-terminated state'));
  });
  return errs;
}

/** ValidatePodStatusUpdate without ObjectMeta. */
export function validatePodStatusUpdate(pod: Pod, old: Pod): FieldError[] {
  const sp = new Path().child('status');
  const errs: FieldError[] = [];
  const system = new Set(['PodScheduled', 'Ready', 'Initialized']);
  (pod.status?.conditions ?? []).forEach((c, i) => {
    if (!system.has(c.type)) errs.push(...each(sp.child('conditions').index(i).child('Type'), c.type, isQualifiedName(c.type ?? '')));
  });
  if ((pod.spec?.nodeName ?? '') !== (old.spec?.nodeName ?? '')) errs.push(forbidden(sp.child('nodeName'), 'may not be changed directly'));
  const nnn = pod.status?.nominatedNodeName ?? '';
  if (nnn && nnn !== (old.status?.nominatedNodeName ?? '')) errs.push(...each(sp.child('nominatedNodeName'), nnn, nameIsDNSSubdomain(nnn, false)));
  const rp = old.spec?.restartPolicy;
  errs.push(...validateContainerStateTransition(pod.status?.containerStatuses, old.status?.containerStatuses, sp.child('containerStatuses'), rp));
  errs.push(...validateContainerStateTransition(pod.status?.initContainerStatuses, old.status?.initContainerStatuses, sp.child('initContainerStatuses'), rp));
  errs.push(...validateContainerStateTransition(pod.status?.ephemeralContainerStatuses, old.status?.ephemeralContainerStatuses, sp.child('ephemeralContainerStatuses'), 'Never'));
  errs.push(...validatePodIPs(pod, 'podIPs'));
  errs.push(...validatePodIPs(pod, 'hostIPs'));
  return errs;
}
