/**
 * VolumeBinding (pkg/scheduler/framework/plugins/volumebinding and the scheduler binder of
 * pkg/controller/volume/persistentvolume): a pod's claims must exist and not be going away; unbound
 * claims of Immediate classes keep the pod Pending (the PV controller binds them); bound volumes must
 * be reachable from the node; WaitForFirstConsumer claims need a matching volume on the node or a
 * class that can provision there. PreBind pre-binds chosen volumes and marks claims to provision with
 * volume.kubernetes.io/selected-node; the pod is bound once every claim is bound.
 */
import {
  AnnBindCompleted, AnnSelectedNode, NotSupportedProvisioner, type PVCLike, type PVLike, findMatchingVolume, getBindVolumeToClaim, getClaimClass,
  getVolumeClass, hasAnnotation,
} from '../../controllers/volume/pv-helpers.js';
import { compareQuantity } from '../../api/quantity.js';
import type { NodeInfo } from '../node-info.js';
import { nodeSelectorTermsMatch } from '../node-selector.js';
import { type CycleContext, type NodeLike, type NodeSelectorTermLike, type Plugin, type PodLike, type Status, status } from '../types.js';

export const ErrReasonBindConflict = "node(s) didn't find available persistent volumes to bind";
export const ErrReasonNodeConflict = 'node(s) had volume node affinity conflict';
export const ErrReasonPVNotExist = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';
export const ErrUnboundImmediate = 'pod has unbound immediate PersistentVolumeClaims';

export interface StorageClassLike {
  metadata: { name?: string };
  provisioner?: string;
  volumeBindingMode?: string;
  allowedTopologies?: Array<{ matchLabelExpressions?: Array<{ key: string; values: string[] }> }>;
}

/** What the plugin reads: the scheduler's caches of claims, volumes and classes. */
export interface VolumeLister {
  claim(namespace: string, name: string): PVCLike | undefined;
  volume(name: string): PVLike | undefined;
  volumes(): PVLike[];
  storageClass(name: string): StorageClassLike | undefined;
}

interface PodClaims {
  bound: PVCLike[];
  delayed: PVCLike[];
  immediate: PVCLike[];
}

const stateKey = 'VolumeBinding';

/** The claim names of a pod's volumes (PVC sources and generic ephemeral volumes). */
export function podClaimNames(pod: PodLike): string[] {
  const vols = ((pod.spec as { volumes?: Array<{ name: string; persistentVolumeClaim?: { claimName?: string }; ephemeral?: unknown }> } | undefined)?.volumes ?? []);
  return vols.flatMap((v) => (v.persistentVolumeClaim?.claimName ? [v.persistentVolumeClaim.claimName] : v.ephemeral ? [`${pod.metadata.name}-${v.name}`] : []));
}

/** isPVCFullyBound */
const fullyBound = (c: PVCLike) => !!c.spec?.volumeName && hasAnnotation(c, AnnBindCompleted);

const isDelayBinding = (c: PVCLike, vl: VolumeLister) => {
  const name = getClaimClass(c);
  return !!name && vl.storageClass(name)?.volumeBindingMode === 'WaitForFirstConsumer';
};

/** podHasPVCs + GetPodVolumeClaims: an error text when a claim is missing, lost or being deleted. */
export function getPodVolumeClaims(pod: PodLike, vl: VolumeLister): PodClaims | string | undefined {
  const names = podClaimNames(pod);
  if (names.length === 0) return undefined;
  const out: PodClaims = { bound: [], delayed: [], immediate: [] };
  for (const n of names) {
    const c = vl.claim(pod.metadata.namespace ?? '', n);
    if (!c) return `persistentvolumeclaim "${n}" not found`;
    if (c.status?.phase === 'Lost') return `persistentvolumeclaim "${n}" bound to non-existent persistentvolume "${c.spec?.volumeName ?? ''}"`;
    if (c.metadata.deletionTimestamp) return `persistentvolumeclaim "${n}" is being deleted`;
    if (fullyBound(c)) out.bound.push(c);
    else if (isDelayBinding(c, vl)) out.delayed.push(c);
    else out.immediate.push(c);
  }
  return out;
}

/** volumeutil.CheckNodeAffinity */
export function checkNodeAffinity(pv: PVLike, node: NodeLike): boolean {
  const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms as NodeSelectorTermLike[] | undefined;
  if (!pv.spec?.nodeAffinity?.required) return true;
  return nodeSelectorTermsMatch(terms ?? [], node);
}

/** MatchTopologySelectorTerms: no terms match everything. */
function matchTopology(cls: StorageClassLike, labels: Record<string, string>): boolean {
  const terms = cls.allowedTopologies ?? [];
  if (terms.length === 0) return true;
  return terms.some((t) => (t.matchLabelExpressions ?? []).every((r) => r.key in labels && r.values.includes(labels[r.key]!)));
}

export interface PodVolumes {
  staticBindings: Array<{ pv: PVLike; pvc: PVCLike }>;
  provisions: PVCLike[];
}

/** FindPodVolumes for one node: the reasons it does not fit, or the bindings and provisionings. */
export function findPodVolumes(claims: PodClaims, node: NodeLike, vl: VolumeLister): { reasons: string[]; volumes: PodVolumes; error?: string } {
  const volumes: PodVolumes = { staticBindings: [], provisions: [] };
  let boundSatisfied = true;
  let boundFound = true;
  let unboundSatisfied = true;
  for (const c of claims.bound) {
    const pv = vl.volume(c.spec!.volumeName!);
    if (!pv) {
      boundFound = false;
      break;
    }
    if (!checkNodeAffinity(pv, node)) {
      boundSatisfied = false;
      break;
    }
  }
  const toProvision: PVCLike[] = [];
  const toMatch: PVCLike[] = [];
  if (boundSatisfied && boundFound) {
    for (const c of claims.delayed) {
      const sel = c.metadata.annotations?.[AnnSelectedNode];
      if (sel !== undefined) {
        if (sel !== node.metadata.name) {
          unboundSatisfied = false;
          break;
        }
        toProvision.push(c);
      } else toMatch.push(c);
    }
  }
  if (unboundSatisfied && boundSatisfied && boundFound) {
    const chosen = new Set<string>();
    const size = (c: PVCLike) => c.spec?.resources?.requests?.storage ?? '0';
    const sorted = toMatch.slice().sort((a, b) => compareQuantity(size(a), size(b)));
    for (const c of sorted) {
      const pvs = vl.volumes().filter((v) => getVolumeClass(v) === getClaimClass(c));
      const pv = findMatchingVolume(c, pvs, { nodeMatches: (v) => checkNodeAffinity(v, node), excluded: chosen, delayBinding: true });
      if (!pv) {
        toProvision.push(c);
        continue;
      }
      chosen.add(pv.metadata.name!);
      volumes.staticBindings.push({ pv, pvc: c });
    }
    for (const c of toProvision) {
      const className = getClaimClass(c);
      if (!className) return { reasons: [], volumes, error: `no class for claim "${c.metadata.namespace}/${c.metadata.name}"` };
      const cls = vl.storageClass(className);
      if (!cls) return { reasons: [], volumes, error: `failed to find storage class "${className}"` };
      if (!cls.provisioner || cls.provisioner === NotSupportedProvisioner || !matchTopology(cls, node.metadata.labels ?? {})) {
        unboundSatisfied = false;
        break;
      }
      volumes.provisions.push(c);
    }
  }
  const reasons: string[] = [];
  if (!boundSatisfied) reasons.push(ErrReasonNodeConflict);
  if (!unboundSatisfied) reasons.push(ErrReasonBindConflict);
  if (!boundFound) reasons.push(ErrReasonPVNotExist);
  return { reasons, volumes };
}

export const volumeBinding: Plugin = {
  name: 'VolumeBinding',
  preFilter(ctx: CycleContext): Status | undefined {
    const vl = ctx.volumes;
    if (!vl) return undefined;
    const claims = getPodVolumeClaims(ctx.pod, vl);
    if (claims === undefined) return undefined;
    if (typeof claims === 'string') return status('UnschedulableAndUnresolvable', claims);
    if (claims.immediate.length > 0) return status('UnschedulableAndUnresolvable', ErrUnboundImmediate);
    ctx.state.set(stateKey, claims);
    return undefined;
  },
  filter(ctx: CycleContext, ni: NodeInfo): Status | undefined {
    const claims = ctx.state.get(stateKey) as PodClaims | undefined;
    if (!claims || !ctx.volumes) return undefined;
    const r = findPodVolumes(claims, ni.node, ctx.volumes);
    if (r.error) return status('Error', r.error);
    return r.reasons.length ? { code: 'UnschedulableAndUnresolvable', reasons: r.reasons } : undefined;
  },
};

/** What PreBind writes through. */
export interface VolumeWriter {
  updateVolume(pv: PVLike): void;
  updateClaim(pvc: PVCLike): void;
}

/**
 * PreBind (AssumePodVolumes + BindPodVolumes): pre-bind chosen volumes, select the node on claims to
 * provision. Returns true when every claim of the pod is bound (the pod may be bound now).
 */
export function preBindPodVolumes(pod: PodLike, node: NodeLike, vl: VolumeLister, w: VolumeWriter): boolean {
  const claims = getPodVolumeClaims(pod, vl);
  if (claims === undefined) return true;
  if (typeof claims === 'string') throw new Error(claims);
  if (claims.delayed.length === 0 && claims.immediate.length === 0) return true;
  const { volumes, reasons, error } = findPodVolumes(claims, node, vl);
  if (error) throw new Error(error);
  if (reasons.length) throw new Error(reasons.join(', '));
  for (const b of volumes.staticBindings) {
    const { volume, dirty } = getBindVolumeToClaim(b.pv, b.pvc);
    if (dirty) w.updateVolume(volume);
  }
  for (const c of volumes.provisions) {
    if (c.metadata.annotations?.[AnnSelectedNode] === node.metadata.name) continue;
    w.updateClaim({ ...c, metadata: { ...c.metadata, annotations: { ...(c.metadata.annotations ?? {}), [AnnSelectedNode]: node.metadata.name! } } });
  }
  return false;
}

/** checkBindings: every claim of the pod is bound. */
export function podVolumesBound(pod: PodLike, vl: VolumeLister): boolean {
  return podClaimNames(pod).every((n) => {
    const c = vl.claim(pod.metadata.namespace ?? '', n);
    return !!c && fullyBound(c);
  });
}
