/**
 * Strategy and admission hooks of PersistentVolumes and PersistentVolumeClaims: status on create
 * (pkg/registry/core/persistentvolume(claim)/strategy.go), the DefaultStorageClass admission plugin
 * (a new claim without a class gets the default StorageClass) and StorageObjectInUseProtection (new
 * volumes and claims get the kubernetes.io/pv-protection and kubernetes.io/pvc-protection finalizers).
 */
import type { KObject } from '../api/meta.js';
import { BetaStorageClassAnnotation } from '../api/core/persistent-volume-validation.js';
import { getDefaultClass } from '../api/storage/storage-class.js';
import type { AdmitContext } from './resource-def.js';

export const PVProtectionFinalizer = 'kubernetes.io/pv-protection';
export const PVCProtectionFinalizer = 'kubernetes.io/pvc-protection';

interface PVStatus {
  phase?: string;
  lastPhaseTransitionTime?: string | null;
}

/** PrepareForCreate: status reset to Pending, with the transition time of creation. */
export function pvPrepareForCreate(obj: KObject): void {
  obj.status = { phase: 'Pending', lastPhaseTransitionTime: obj.metadata.creationTimestamp };
}

/** The status strategy keeps the transition time while the phase does not change. */
export function pvStatusPrepareForUpdate(obj: KObject, old: KObject): void {
  const n = (obj.status ?? {}) as PVStatus;
  const o = (old.status ?? {}) as PVStatus;
  if (n.phase === o.phase && n.lastPhaseTransitionTime == null && o.lastPhaseTransitionTime != null) {
    obj.status = { ...n, lastPhaseTransitionTime: o.lastPhaseTransitionTime };
  }
}

/** PVC PrepareForCreate: status reset; defaulting on read makes the phase Pending. */
export function pvcPrepareForCreate(obj: KObject): void {
  obj.status = { phase: 'Pending' };
}

function addFinalizer(obj: KObject, f: string): void {
  const fs = obj.metadata.finalizers ?? [];
  if (!fs.includes(f)) obj.metadata.finalizers = [...fs, f];
}

/** Admission on PV create: the pv-protection finalizer. */
export function admitPersistentVolume(_ctx: AdmitContext, obj: KObject, old: KObject | undefined): void {
  if (!old) addFinalizer(obj, PVProtectionFinalizer);
}

/** Admission on PVC create: DefaultStorageClass, then the pvc-protection finalizer. */
export function admitPersistentVolumeClaim(ctx: AdmitContext, obj: KObject, old: KObject | undefined): void {
  if (old) return;
  const spec = (obj.spec ?? {}) as { storageClassName?: string | null };
  const hasClass = (spec.storageClassName !== undefined && spec.storageClassName !== null) || Object.prototype.hasOwnProperty.call(obj.metadata.annotations ?? {}, BetaStorageClassAnnotation);
  if (!hasClass) {
    const def = getDefaultClass(ctx.list('storage.k8s.io', 'storageclasses'));
    if (def) obj.spec = { ...spec, storageClassName: def.metadata.name };
  }
  addFinalizer(obj, PVCProtectionFinalizer);
}
