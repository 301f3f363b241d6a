/**
 * What the default admission chain of a real cluster changes in a pod on create:
 * ServiceAccount (serviceAccountName "default", the kube-api-access-<suffix> projected token volume
 * mounted in every container, imagePullSecrets from the ServiceAccount), Priority (priority and
 * preemptionPolicy) and DefaultTolerationSeconds (not-ready/unreachable NoExecute for 300 s).
 */
import type { Pod, Toleration, Volume, VolumeMount } from './pod.js';

export const DefaultServiceAccountName = 'default';
export const ServiceAccountVolumeName = 'kube-api-access';
export const DefaultAPITokenMountPath = '/var/run/secrets/kubernetes.io/serviceaccount';
/** serviceaccount.WarnOnlyBoundTokenExpirationSeconds */
export const WarnOnlyBoundTokenExpirationSeconds = 3607;
export const MirrorPodAnnotationKey = 'kubernetes.io/config.mirror';
export const DefaultTolerationSeconds = 300;

export interface AdmissionServiceAccount {
  automountServiceAccountToken?: boolean;
  imagePullSecrets?: Array<{ name?: string }>;
}

export interface PriorityClassInfo {
  value: number;
  preemptionPolicy?: string;
  globalDefault?: boolean;
}

/** The built-in system priority classes every cluster has. */
export const SystemPriorityClasses: Record<string, PriorityClassInfo> = {
  'system-node-critical': { value: 2000001000, preemptionPolicy: 'PreemptLowerPriority' },
  'system-cluster-critical': { value: 2000000000, preemptionPolicy: 'PreemptLowerPriority' },
};

/** TokenVolumeSource(): the projected volume the ServiceAccount admission adds. */
export function tokenVolume(name: string): Volume {
  return {
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: WarnOnlyBoundTokenExpirationSeconds, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    },
  };
}

function mountServiceAccountToken(pod: Pod, suffix: string): void {
  const spec = pod.spec!;
  let volumeName = '';
  let hasTokenVolume = false;
  for (const v of spec.volumes ?? []) {
    if (v.name?.startsWith(`${ServiceAccountVolumeName}-`)) {
      volumeName = v.name;
      hasTokenVolume = true;
      break;
    }
  }
  if (!volumeName) volumeName = `${ServiceAccountVolumeName}-${suffix}`;
  let needsTokenVolume = false;
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    if ((c.volumeMounts ?? []).some((m) => m.mountPath === DefaultAPITokenMountPath)) continue;
    const mount: VolumeMount = { name: volumeName, readOnly: true, mountPath: DefaultAPITokenMountPath };
    (c.volumeMounts ??= []).push(mount);
    needsTokenVolume = true;
  }
  if (!hasTokenVolume && needsTokenVolume) (spec.volumes ??= []).push(tokenVolume(volumeName));
}

function defaultTolerations(pod: Pod): void {
  const spec = pod.spec!;
  let notReady = false;
  let unreachable = false;
  for (const t of spec.tolerations ?? []) {
    const anyEffect = !t.effect || t.effect === 'NoExecute';
    if ((t.key === 'node.kubernetes.io/not-ready' || !t.key) && anyEffect) notReady = true;
    if ((t.key === 'node.kubernetes.io/unreachable' || !t.key) && anyEffect) unreachable = true;
  }
  const add = (key: string): Toleration => ({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DefaultTolerationSeconds });
  if (!notReady) (spec.tolerations ??= []).push(add('node.kubernetes.io/not-ready'));
  if (!unreachable) (spec.tolerations ??= []).push(add('node.kubernetes.io/unreachable'));
}

/** Priority admission. Returns the upstream Forbidden reason when the class does not exist. */
function admitPriority(pod: Pod, classes: Record<string, PriorityClassInfo>): string | undefined {
  const spec = pod.spec!;
  const all = { ...SystemPriorityClasses, ...classes };
  let info: PriorityClassInfo | undefined;
  if (!spec.priorityClassName) {
    const def = Object.entries(all).find(([, c]) => c.globalDefault);
    if (def) {
      spec.priorityClassName = def[0];
      info = def[1];
    }
  } else {
    info = all[spec.priorityClassName];
    if (!info) return `no PriorityClass with name ${spec.priorityClassName} was found`;
  }
  const value = info?.value ?? 0;
  if (spec.priority !== undefined && spec.priority !== null && spec.priority !== value)
    return 'the integer value of priority (' + spec.priority + ') must not be provided in pod spec; priority admission controller computed ' + value + ' from the given PriorityClass name';
  spec.priority = value;
  spec.preemptionPolicy ??= info?.preemptionPolicy ?? 'PreemptLowerPriority';
  return undefined;
}

export interface PodAdmissionOptions {
  /** The five random characters of the kube-api-access volume name (names.SimpleNameGenerator). */
  suffix: string;
  /** The pod's ServiceAccount; the caller reports a missing one as upstream does. */
  serviceAccount?: AdmissionServiceAccount;
  /** PriorityClasses by name, besides the system ones. */
  priorityClasses?: Record<string, PriorityClassInfo>;
}

/**
 * Mutating admission on pod create, in place. Returns a Forbidden reason or undefined.
 * Mirror pods keep their spec.
 */
export function podAdmissionDefaults(pod: Pod, opts: PodAdmissionOptions): string | undefined {
  const spec = (pod.spec ??= { containers: [] });
  if (pod.metadata?.annotations?.[MirrorPodAnnotationKey] === undefined) {
    if (!spec.serviceAccountName) spec.serviceAccountName = DefaultServiceAccountName;
    spec.serviceAccount = spec.serviceAccountName;
    const sa = opts.serviceAccount ?? {};
    const automount = spec.automountServiceAccountToken ?? sa.automountServiceAccountToken ?? true;
    if (automount) mountServiceAccountToken(pod, opts.suffix);
    if (!spec.imagePullSecrets?.length && sa.imagePullSecrets?.length)
      spec.imagePullSecrets = sa.imagePullSecrets.map((s) => ({ name: s.name }));
  }
  const err = admitPriority(pod, opts.priorityClasses ?? {});
  if (err) return err;
  defaultTolerations(pod);
  return undefined;
}
