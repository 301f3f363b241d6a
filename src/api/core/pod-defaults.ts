/**
 * Defaulting for Pod, PodSpec and PodTemplateSpec as pkg/apis/core/v1/defaults.go (and the generated
 * SetObjectDefaults_*), in place. Also fills what Go's JSON encoding always prints for non-pointer
 * fields (`resources: {}`, `divisor: "0"`, `creationTimestamp: null` in templates, `lastProbeTime: null`),
 * so objects read back look like a real cluster's.
 */
import { parseQuantity, quantityToString } from '../quantity.js';
import type {
  Container,
  ContainerStatus,
  EphemeralContainer,
  HTTPGetAction,
  LifecycleHandler,
  Pod,
  PodSpec,
  PodStatus,
  PodTemplateSpec,
  Probe,
  ResourceList,
  Volume,
} from './pod.js';
import { defaultPullPolicy } from './image-reference.js';

export { podAdmissionDefaults, type AdmissionServiceAccount, type PriorityClassInfo } from './pod-admission-defaults.js';

export const DefaultTerminationGracePeriodSeconds = 30;
export const DefaultSchedulerName = 'default-scheduler';
export const TerminationMessagePathDefault = '/dev/termination-log';
export const DefaultVolumeMode = 0o644;

/** A quantity in the text upstream serializes; invalid text is left for validation to report. */
function canonical(v: string | number, milli: boolean): string | number {
  try {
    const q = parseQuantity(typeof v === 'string' ? v.trim() : v);
    if (milli && q.exponent < -3) {
      // Quantity.RoundUp(-3): away from zero, and the cached text goes.
      const f = 10n ** BigInt(-3 - q.exponent);
      const a = q.mantissa < 0n ? -q.mantissa : q.mantissa;
      const r = (a + f - 1n) / f;
      return quantityToString({ mantissa: q.mantissa < 0n ? -r : r, exponent: -3, format: q.format });
    }
    return quantityToString(q);
  } catch {
    return v;
  }
}

/** SetDefaults_ResourceList: every quantity rounded up to milli units and written canonically. */
export function defaultResourceList(list: ResourceList | undefined): void {
  if (!list) return;
  for (const [k, v] of Object.entries(list)) if (typeof v === 'string' || typeof v === 'number') list[k] = canonical(v, true);
}

function defaultHTTPGet(h: HTTPGetAction | undefined): void {
  if (!h) return;
  h.path ||= '/';
  h.scheme ||= 'HTTP';
}

function defaultProbe(p: Probe | undefined): void {
  if (!p) return;
  p.timeoutSeconds ||= 1;
  p.periodSeconds ||= 10;
  p.successThreshold ||= 1;
  p.failureThreshold ||= 3;
  defaultHTTPGet(p.httpGet);
  if (p.grpc) p.grpc.service ??= '';
}

function defaultHandler(h: LifecycleHandler | undefined): void {
  if (h) defaultHTTPGet(h.httpGet);
}

function defaultFieldRef(ref: { apiVersion?: string } | undefined): void {
  if (ref && !ref.apiVersion) ref.apiVersion = 'v1';
}

function defaultDivisor(ref: { divisor?: string | number } | undefined): void {
  if (!ref) return;
  ref.divisor = ref.divisor === undefined || ref.divisor === null ? '0' : canonical(ref.divisor, false);
}

/** SetDefaults_Container plus the per-field defaults under it. */
export function defaultContainer(c: Container | EphemeralContainer): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = defaultPullPolicy(c.image);
  c.terminationMessagePath ||= TerminationMessagePathDefault;
  c.terminationMessagePolicy ||= 'File';
  for (const p of c.ports ?? []) p.protocol ||= 'TCP';
  for (const e of c.env ?? []) {
    defaultFieldRef(e.valueFrom?.fieldRef);
    defaultDivisor(e.valueFrom?.resourceFieldRef);
  }
  c.resources ??= {};
  defaultResourceList(c.resources.limits);
  defaultResourceList(c.resources.requests);
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  defaultHandler(c.lifecycle?.postStart);
  defaultHandler(c.lifecycle?.preStop);
}

/** SetDefaults_Volume and the defaults of each volume source. */
export function defaultVolume(v: Volume): void {
  const sources = Object.keys(v).filter((k) => k !== 'name' && (v as Record<string, unknown>)[k] != null);
  if (sources.length === 0) v.emptyDir = {};
  if (v.emptyDir?.sizeLimit !== undefined && v.emptyDir.sizeLimit !== null) v.emptyDir.sizeLimit = canonical(v.emptyDir.sizeLimit, false);
  if (v.hostPath) v.hostPath.type ??= '';
  if (v.secret) v.secret.defaultMode ??= DefaultVolumeMode;
  if (v.configMap) v.configMap.defaultMode ??= DefaultVolumeMode;
  if (v.downwardAPI) {
    v.downwardAPI.defaultMode ??= DefaultVolumeMode;
    for (const f of v.downwardAPI.items ?? []) {
      defaultFieldRef(f.fieldRef);
      defaultDivisor(f.resourceFieldRef);
    }
  }
  if (v.projected) {
    v.projected.defaultMode ??= DefaultVolumeMode;
    for (const s of v.projected.sources ?? []) {
      for (const f of s.downwardAPI?.items ?? []) {
        defaultFieldRef(f.fieldRef);
        defaultDivisor(f.resourceFieldRef);
      }
      if (s.serviceAccountToken) s.serviceAccountToken.expirationSeconds ??= 3600;
    }
  }
  if (v.iscsi) v.iscsi.iscsiInterface ||= 'default';
  if (v.rbd) {
    v.rbd.pool ||= 'rbd';
    v.rbd.user ||= 'admin';
    v.rbd.keyring ||= '/etc/ceph/keyring';
  }
  if (v.azureDisk) {
    v.azureDisk.cachingMode ??= 'ReadWrite';
    v.azureDisk.kind ??= 'Shared';
    v.azureDisk.fsType ??= 'ext4';
    v.azureDisk.readOnly ??= false;
  }
  if (v.scaleIO) {
    v.scaleIO.storageMode ||= 'ThinProvisioned';
    v.scaleIO.fsType ||= 'xfs';
  }
  const tpl = v.ephemeral?.volumeClaimTemplate;
  if (tpl) {
    tpl.metadata ??= {};
    if (tpl.metadata.creationTimestamp === undefined) tpl.metadata.creationTimestamp = null;
    if (tpl.spec) {
      tpl.spec.volumeMode ??= 'Filesystem';
      tpl.spec.resources ??= {};
      defaultResourceList(tpl.spec.resources.limits);
      defaultResourceList(tpl.spec.resources.requests);
    }
  }
}

/** SetDefaults_PodSpec plus everything under a PodSpec (what both pods and templates get). */
export function defaultPodSpec(spec: PodSpec): void {
  spec.dnsPolicy ||= 'ClusterFirst';
  spec.restartPolicy ||= 'Always';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= DefaultTerminationGracePeriodSeconds;
  spec.schedulerName ||= DefaultSchedulerName;
  // Conversion: serviceAccount is a deprecated alias of serviceAccountName and is written back from it.
  if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  else delete spec.serviceAccount;
  for (const v of spec.volumes ?? []) defaultVolume(v);
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  for (const c of spec.containers ?? []) defaultContainer(c);
  for (const c of spec.ephemeralContainers ?? []) defaultContainer(c);
  defaultResourceList(spec.overhead);
  if (spec.resources) {
    defaultResourceList(spec.resources.limits);
    defaultResourceList(spec.resources.requests);
  }
  if (spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution)
    for (const t of spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution) t.preference ??= {};
}

/** SetDefaults_PodTemplateSpec: the PodSpec defaults, none of the pod-only ones. */
export function defaultPodTemplateSpec(t: PodTemplateSpec): void {
  t.metadata ??= {};
  if (t.metadata.creationTimestamp === undefined) t.metadata.creationTimestamp = null;
  if (t.spec) defaultPodSpec(t.spec);
}

/** Requests default to limits for each resource that has a limit and no request (pods only). */
function defaultRequestsFromLimits(c: Container): void {
  const limits = c.resources?.limits;
  if (!limits) return;
  c.resources!.requests ??= {};
  for (const [k, v] of Object.entries(limits)) if (!(k in c.resources!.requests)) c.resources!.requests[k] = v;
}

function defaultHostNetworkPorts(cs: Container[] | undefined): void {
  for (const c of cs ?? []) for (const p of c.ports ?? []) if (!p.hostPort) p.hostPort = p.containerPort;
}

function defaultContainerStatus(s: ContainerStatus): void {
  s.ready ??= false;
  s.restartCount ??= 0;
  s.image ??= '';
  s.imageID ??= '';
  s.state ??= {};
  s.lastState ??= {};
  for (const st of [s.state, s.lastState]) {
    if (st.running && st.running.startedAt === undefined) st.running.startedAt = null;
    if (st.terminated) {
      st.terminated.exitCode ??= 0;
      if (st.terminated.startedAt === undefined) st.terminated.startedAt = null;
      if (st.terminated.finishedAt === undefined) st.terminated.finishedAt = null;
    }
  }
  defaultResourceList(s.allocatedResources);
  if (s.resources) {
    defaultResourceList(s.resources.limits);
    defaultResourceList(s.resources.requests);
  }
}

/** Status fields Go always prints, and canonical quantities. */
export function defaultPodStatus(status: PodStatus): void {
  for (const c of status.conditions ?? []) {
    if (c.lastProbeTime === undefined) c.lastProbeTime = null;
    if (c.lastTransitionTime === undefined) c.lastTransitionTime = null;
  }
  for (const s of status.initContainerStatuses ?? []) defaultContainerStatus(s);
  for (const s of status.containerStatuses ?? []) defaultContainerStatus(s);
  for (const s of status.ephemeralContainerStatuses ?? []) defaultContainerStatus(s);
}

/** SetObjectDefaults_Pod: SetDefaults_Pod, then the PodSpec defaults, then the status. */
export function defaultPod(pod: Pod): void {
  const spec = pod.spec;
  if (spec) {
    for (const c of spec.containers ?? []) defaultRequestsFromLimits(c);
    for (const c of spec.initContainers ?? []) defaultRequestsFromLimits(c);
    spec.enableServiceLinks ??= true;
    if (spec.hostNetwork) {
      defaultHostNetworkPorts(spec.containers);
      defaultHostNetworkPorts(spec.initContainers);
    }
    defaultPodSpec(spec);
  }
  if (pod.status) defaultPodStatus(pod.status);
}
