/**
 * Pod-specific registry behaviour (upstream pkg/registry/core/pod/strategy.go): a new pod starts
 * Pending with its QoS class; admission defaults a real cluster applies on create.
 */
import { forbidden } from '../api/errors.js';
import type { KObject } from '../api/meta.js';
import type { Pod } from '../api/core/pod.js';
import { podAdmissionDefaults, type AdmissionServiceAccount } from '../api/core/pod-admission-defaults.js';
import { randomString } from '../util/random.js';
import type { AdmitContext } from './resource-def.js';
import { quantityMilliValue } from '../api/quantity.js';

interface Resources {
  requests?: Record<string, string | number>;
  limits?: Record<string, string | number>;
}
interface Container {
  resources?: Resources;
}
interface PodSpec {
  containers?: Container[];
  initContainers?: Container[];
}

const computeResources = new Set(['cpu', 'memory']);

/** Upstream GetPodQOS: Guaranteed, Burstable or BestEffort. */
export function podQOSClass(pod: KObject): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const spec = (pod.spec ?? {}) as PodSpec;
  const requests = new Map<string, number>();
  const limits = new Map<string, number>();
  let isGuaranteed = true;
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    const r = c.resources ?? {};
    for (const [name, q] of Object.entries(r.requests ?? {})) {
      if (!computeResources.has(name)) continue;
      const v = quantityMilliValue(q);
      if (v > 0) requests.set(name, (requests.get(name) ?? 0) + v);
    }
    const seen = new Set<string>();
    for (const [name, q] of Object.entries(r.limits ?? {})) {
      if (!computeResources.has(name)) continue;
      const v = quantityMilliValue(q);
      if (v > 0) {
        seen.add(name);
        limits.set(name, (limits.get(name) ?? 0) + v);
      }
    }
    if (seen.size !== computeResources.size) isGuaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (isGuaranteed) for (const [name, v] of requests) if (limits.get(name) !== v) isGuaranteed = false;
  return isGuaranteed && limits.size === computeResources.size ? 'Guaranteed' : 'Burstable';
}

export function podPrepareForCreate(pod: KObject): void {
  pod.status = { phase: 'Pending', qosClass: podQOSClass(pod) };
}

export function podPrepareForUpdate(_pod: KObject, _old: KObject): void {}

/** Status writes keep the spec (the store does) and never clear the QoS class. */
export function podStatusPrepareForUpdate(pod: KObject, old: KObject): void {
  const st = (pod.status ?? {}) as { qosClass?: string };
  const oldSt = (old.status ?? {}) as { qosClass?: string };
  if (!st.qosClass && oldSt.qosClass) st.qosClass = oldSt.qosClass;
  pod.status = st;
}

/**
 * Mutating admission on pod create, as a real cluster's default plugins do: ServiceAccount (the
 * service account name and its kube-api-access projected token volume), Priority, and
 * DefaultTolerationSeconds (not-ready/unreachable NoExecute for 300 s).
 */
export function admitPodCreate(ctx: AdmitContext, pod: KObject, old: KObject | undefined): void {
  if (old) return;
  const ns = pod.metadata.namespace ?? '';
  const saName = ((pod.spec ?? {}) as { serviceAccountName?: string }).serviceAccountName || 'default';
  const sa = ctx.list('', 'serviceaccounts', ns).find((s) => s.metadata.name === saName) as AdmissionServiceAccount | undefined;
  const err = podAdmissionDefaults(pod as unknown as Pod, { suffix: randomString(ctx.random, 5), serviceAccount: sa });
  if (err) throw forbidden({ group: '', resource: 'pods' }, pod.metadata.name ?? '', err);
}
