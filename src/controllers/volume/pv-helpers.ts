/**
 * Pure helpers of the PV binder, shared by the PV controller and the scheduler's VolumeBinding
 * plugin (component-helpers/storage/volume/pv_helpers.go, pkg/controller/volume/persistentvolume/
 * index.go, pkg/apis/core/v1/helper): matching a claim to the smallest fitting volume, access modes,
 * classes, and the binding annotations.
 */
import { labelSelectorMatches } from '../../api/selectors/label-selector.js';
import type { KObject, LabelSelectorT } from '../../api/meta.js';
import { compareQuantity } from '../../api/quantity.js';

export const AnnBindCompleted = 'pv.kubernetes.io/bind-completed';
export const AnnBoundByController = 'pv.kubernetes.io/bound-by-controller';
export const AnnSelectedNode = 'volume.kubernetes.io/selected-node';
export const AnnDynamicallyProvisioned = 'pv.kubernetes.io/provisioned-by';
export const AnnStorageProvisioner = 'volume.kubernetes.io/storage-provisioner';
export const AnnBetaStorageProvisioner = 'volume.beta.kubernetes.io/storage-provisioner';
export const BetaStorageClassAnnotation = 'volume.beta.kubernetes.io/storage-class';
export const NotSupportedProvisioner = 'kubernetes.io/no-provisioner';

export interface ClaimRef {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
}

export interface PVLike extends KObject {
  spec?: {
    capacity?: Record<string, string | number>;
    accessModes?: string[];
    claimRef?: ClaimRef | null;
    persistentVolumeReclaimPolicy?: string;
    storageClassName?: string;
    volumeMode?: string;
    nodeAffinity?: { required?: { nodeSelectorTerms?: unknown[] } | null } | null;
    [k: string]: unknown;
  };
  status?: { phase?: string; message?: string; reason?: string; lastPhaseTransitionTime?: string | null };
}

export interface PVCLike extends KObject {
  spec?: {
    accessModes?: string[];
    selector?: LabelSelectorT | null;
    resources?: { requests?: Record<string, string | number>; limits?: Record<string, string | number> };
    volumeName?: string;
    storageClassName?: string | null;
    volumeMode?: string;
    [k: string]: unknown;
  };
  status?: { phase?: string; accessModes?: string[]; capacity?: Record<string, string | number>; [k: string]: unknown };
}

const has = (o: Record<string, unknown> | undefined | null, k: string) => !!o && Object.prototype.hasOwnProperty.call(o, k);
export const hasAnnotation = (o: KObject, k: string) => has(o.metadata.annotations, k);

/** GetPersistentVolumeClaimClass: the beta annotation first, then spec.storageClassName, else "". */
export function getClaimClass(c: PVCLike): string {
  const ann = c.metadata.annotations ?? {};
  if (has(ann, BetaStorageClassAnnotation)) return ann[BetaStorageClassAnnotation]!;
  return c.spec?.storageClassName ?? '';
}

/** GetPersistentVolumeClass */
export function getVolumeClass(v: PVLike): string {
  const ann = v.metadata.annotations ?? {};
  if (has(ann, BetaStorageClassAnnotation)) return ann[BetaStorageClassAnnotation]!;
  return v.spec?.storageClassName ?? '';
}

/** PersistentVolumeClaimHasClass: a class is set (even "") or the beta annotation is present. */
export function claimHasClass(c: PVCLike): boolean {
  return has(c.metadata.annotations, BetaStorageClassAnnotation) || (c.spec?.storageClassName !== undefined && c.spec.storageClassName !== null);
}

/** GetAccessModesAsString: "RWO,ROX,RWX,RWOP" in that order, duplicates dropped. */
export function accessModesAsString(modes: string[] | undefined): string {
  const set = new Set(modes ?? []);
  const out: string[] = [];
  if (set.has('ReadWriteOnce')) out.push('RWO');
  if (set.has('ReadOnlyMany')) out.push('ROX');
  if (set.has('ReadWriteMany')) out.push('RWX');
  if (set.has('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

/** GetAccessModesFromString */
export function accessModesFromString(s: string): string[] {
  const map: Record<string, string> = { RWO: 'ReadWriteOnce', ROX: 'ReadOnlyMany', RWX: 'ReadWriteMany', RWOP: 'ReadWriteOncePod' };
  return s.split(',').flatMap((m) => (map[m] ? [map[m]] : []));
}

/** AccessModesContainedInAll: every requested mode is in the indexed set. */
export const accessModesContainedInAll = (indexed: string[], requested: string[]) => requested.every((m) => indexed.includes(m));

/** CheckAccessModes: the volume offers every mode the claim asks for. */
export const checkAccessModes = (claim: PVCLike, volume: PVLike) => (claim.spec?.accessModes ?? []).every((m) => (volume.spec?.accessModes ?? []).includes(m));

/** CheckVolumeModeMismatches (BlockVolume is GA): unset means Filesystem. */
export function checkVolumeModeMismatches(claim: PVCLike, volume: PVLike): boolean {
  return (claim.spec?.volumeMode ?? 'Filesystem') !== (volume.spec?.volumeMode ?? 'Filesystem');
}

/** IsVolumeBoundToClaim: the claimRef names the claim (and its UID, when the ref has one). */
export function isVolumeBoundToClaim(volume: PVLike, claim: PVCLike): boolean {
  const ref = volume.spec?.claimRef;
  if (!ref) return false;
  if (claim.metadata.name !== ref.name || claim.metadata.namespace !== ref.namespace) return false;
  if (ref.uid && claim.metadata.uid !== ref.uid) return false;
  return true;
}

const storageOf = (rl: Record<string, string | number> | undefined): string | number => rl?.storage ?? '0';

export interface MatchOptions {
  /** Scheduler path: the PV's node affinity must match this node. */
  nodeMatches?: (volume: PVLike) => boolean;
  /** Scheduler path: volumes already chosen for the pod's other claims. */
  excluded?: Set<string>;
  /** PV controller path for WaitForFirstConsumer claims: only pre-bound volumes match. */
  delayBinding?: boolean;
}

/** FindMatchingVolume: a volume pre-bound to the claim, else the smallest available one that fits. */
export function findMatchingVolume(claim: PVCLike, volumes: PVLike[], opts: MatchOptions = {}): PVLike | undefined {
  const requested = storageOf(claim.spec?.resources?.requests);
  const requestedClass = getClaimClass(claim);
  const selector = claim.spec?.selector ?? undefined;
  let smallest: PVLike | undefined;
  for (const volume of volumes) {
    if (opts.excluded?.has(volume.metadata.name!)) continue;
    const qty = storageOf(volume.spec?.capacity);
    if (checkVolumeModeMismatches(claim, volume)) continue;
    if (volume.metadata.deletionTimestamp) continue;
    const nodeAffinityValid = opts.nodeMatches ? opts.nodeMatches(volume) : true;
    if (isVolumeBoundToClaim(volume, claim)) {
      if (compareQuantity(qty, requested) < 0) continue;
      if (!nodeAffinityValid) return undefined;
      return volume;
    }
    if (!opts.nodeMatches && opts.delayBinding) continue;
    if (volume.status?.phase !== 'Available') continue;
    if (volume.spec?.claimRef) continue;
    if (selector && !labelSelectorMatches(selector, volume.metadata.labels ?? {})) continue;
    if (getVolumeClass(volume) !== requestedClass) continue;
    if (!nodeAffinityValid) continue;
    if (opts.nodeMatches && !checkAccessModes(claim, volume)) continue;
    if (compareQuantity(qty, requested) >= 0) {
      if (!smallest || compareQuantity(storageOf(smallest.spec?.capacity), qty) > 0) smallest = volume;
    }
  }
  return smallest;
}

/**
 * persistentVolumeOrderedIndex.findByClaim: volumes are grouped by their access-mode set; the sets
 * that contain every requested mode are searched fewest modes first.
 */
export function findBestMatchForClaim(claim: PVCLike, volumes: PVLike[], delayBinding: boolean): PVLike | undefined {
  const groups = new Map<string, PVLike[]>();
  for (const v of volumes) {
    const key = accessModesAsString(v.spec?.accessModes);
    const g = groups.get(key);
    if (g) g.push(v);
    else groups.set(key, [v]);
  }
  const requested = claim.spec?.accessModes ?? [];
  const candidates = [...groups.keys()].map(accessModesFromString).filter((m) => accessModesContainedInAll(m, requested));
  // sort.Sort is not stable; fewest modes first, ties in a fixed order here.
  candidates.sort((a, b) => a.length - b.length || (accessModesAsString(a) < accessModesAsString(b) ? -1 : 1));
  for (const modes of candidates) {
    const best = findMatchingVolume(claim, groups.get(accessModesAsString(modes)) ?? [], { delayBinding });
    if (best) return best;
  }
  return undefined;
}

/** checkVolumeSatisfyClaim: the error text upstream puts in the VolumeMismatch event, or undefined. */
export function checkVolumeSatisfyClaim(volume: PVLike, claim: PVCLike): string | undefined {
  const requested = storageOf(claim.spec?.resources?.requests);
  if (volume.metadata.deletionTimestamp) return `the volume is marked for deletion "${volume.metadata.name}"`;
  if (compareQuantity(storageOf(volume.spec?.capacity), requested) < 0) return 'requested PV is too small';
  if (getVolumeClass(volume) !== getClaimClass(claim)) return 'storageClassName does not match';
  if (checkVolumeModeMismatches(claim, volume)) return 'incompatible volumeMode';
  if (!checkAccessModes(claim, volume)) return 'incompatible accessMode';
  return undefined;
}

/** The ObjectReference to a claim (reference.GetReference). */
export function claimReference(claim: PVCLike): ClaimRef {
  return {
    kind: 'PersistentVolumeClaim',
    namespace: claim.metadata.namespace,
    name: claim.metadata.name,
    uid: claim.metadata.uid,
    apiVersion: 'v1',
    resourceVersion: claim.metadata.resourceVersion,
  };
}

/** GetBindVolumeToClaim: the volume bound to the claim, and whether anything changed. */
export function getBindVolumeToClaim(volume: PVLike, claim: PVCLike): { volume: PVLike; dirty: boolean } {
  let dirty = false;
  const shouldSetBoundByController = !isVolumeBoundToClaim(volume, claim);
  const clone = structuredClone(volume);
  clone.spec ??= {};
  const ref = volume.spec?.claimRef;
  if (!ref || ref.name !== claim.metadata.name || ref.namespace !== claim.metadata.namespace || (ref.uid ?? '') !== (claim.metadata.uid ?? '')) {
    clone.spec.claimRef = claimReference(claim);
    dirty = true;
  }
  if (shouldSetBoundByController && !hasAnnotation(clone, AnnBoundByController)) {
    clone.metadata.annotations = { ...(clone.metadata.annotations ?? {}), [AnnBoundByController]: 'yes' };
    dirty = true;
  }
  return { volume: clone, dirty };
}

/** Claims a pod uses directly, and the generated claims of its ephemeral volumes (<pod>-<volume>). */
export function podClaimNames(pod: KObject): string[] {
  const vols = ((pod.spec as { volumes?: Array<{ name: string; persistentVolumeClaim?: { claimName?: string }; ephemeral?: unknown }> } | undefined)?.volumes ?? []);
  const out: string[] = [];
  for (const v of vols) {
    if (v.persistentVolumeClaim?.claimName) out.push(v.persistentVolumeClaim.claimName);
    else if (v.ephemeral) out.push(`${pod.metadata.name}-${v.name}`);
  }
  return out;
}
