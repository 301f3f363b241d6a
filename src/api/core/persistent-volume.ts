/**
 * core/v1 PersistentVolume: schema (complete v1.32 fields) and defaults (SetDefaults_PersistentVolume:
 * phase Pending, reclaim policy Retain, volumeMode Filesystem; the volume source defaults).
 */
import { z } from 'zod';
import { ObjectMeta, Quantity, Time } from '../meta.js';
import { canonicalQuantity } from '../quantity.js';
import { ObjectReference } from './object-reference.js';
import { persistentVolumeSourceFields } from './persistent-volume-sources.js';
import { NodeSelector } from './pod-scheduling.js';
import { atomicList, named, opt, str } from './pod-schema-helpers.js';
import { enumStr, PERSISTENT_VOLUME_MODE, PERSISTENT_VOLUME_PHASE, PERSISTENT_VOLUME_RECLAIM_POLICY } from './enums.js';

export const VolumeNodeAffinity = named(
  'VolumeNodeAffinity',
  z.object({ required: opt(NodeSelector, 'Nodes the volume can be reached from.') }),
  'The nodes a volume can be used from.',
);

export const PersistentVolumeSpec = named(
  'PersistentVolumeSpec',
  z.object({
    capacity: opt(z.record(z.string(), Quantity), 'Capacity of the volume; only storage is supported.'),
    ...persistentVolumeSourceFields,
    accessModes: atomicList(str(), 'ReadWriteOnce, ReadOnlyMany, ReadWriteMany or ReadWriteOncePod.'),
    // upstream marks this reference +structType=granular (ObjectReference itself is atomic)
    claimRef: ObjectReference.optional().meta({
      description: 'The claim this volume is bound to (set by the binder, or by a user to pre-bind).',
      'x-kubernetes-map-type': 'granular',
    }),
    persistentVolumeReclaimPolicy: opt(enumStr(PERSISTENT_VOLUME_RECLAIM_POLICY), 'What happens when the claim is released: Retain (default for manual volumes), Delete or Recycle.'),
    storageClassName: opt(str(), 'StorageClass this volume belongs to; empty means no class.'),
    mountOptions: atomicList(str(), 'Mount options, not validated.'),
    volumeMode: opt(enumStr(PERSISTENT_VOLUME_MODE), 'Filesystem (default) or Block.'),
    nodeAffinity: opt(VolumeNodeAffinity, 'Nodes the volume can be used from.'),
    volumeAttributesClassName: opt(str(), 'VolumeAttributesClass of the volume.'),
  }),
  'The attributes of a persistent volume.',
);

export const PersistentVolumeStatus = named(
  'PersistentVolumeStatus',
  z.object({
    phase: opt(enumStr(PERSISTENT_VOLUME_PHASE), 'Pending, Available, Bound, Released or Failed.'),
    message: opt(str(), 'Why the volume is in this state.'),
    reason: opt(str(), 'A brief CamelCase reason for a failure.'),
    lastPhaseTransitionTime: opt(Time, 'When the phase last changed.'),
  }),
  'The observed state of a persistent volume.',
);

export const PersistentVolume = z
  .object({
    apiVersion: opt(str(), 'v1'),
    kind: opt(str(), 'PersistentVolume'),
    metadata: opt(ObjectMeta, 'Standard object metadata.'),
    spec: opt(PersistentVolumeSpec, 'The volume, as provisioned by an administrator or a provisioner.'),
    status: opt(PersistentVolumeStatus, 'Current state of the volume; set by the system.'),
  })
  .meta({ id: 'io.k8s.api.core.v1.PersistentVolume', description: 'A piece of storage in the cluster, provisioned by an administrator or dynamically.' });

export type PersistentVolumeT = z.infer<typeof PersistentVolume>;
export type PersistentVolumeSpecT = z.infer<typeof PersistentVolumeSpec>;

/** Access modes and phases (core/v1 constants). */
export const ReadWriteOnce = 'ReadWriteOnce';
export const ReadOnlyMany = 'ReadOnlyMany';
export const ReadWriteMany = 'ReadWriteMany';
export const ReadWriteOncePod = 'ReadWriteOncePod';
export const supportedAccessModes = [ReadOnlyMany, ReadWriteMany, ReadWriteOnce, ReadWriteOncePod];
export const supportedReclaimPolicies: string[] = [...PERSISTENT_VOLUME_RECLAIM_POLICY];
export const supportedVolumeModes: string[] = [...PERSISTENT_VOLUME_MODE];

const canon = (v: unknown): unknown => {
  try {
    return canonicalQuantity(v as string | number);
  } catch {
    return v;
  }
};

/** Quantities in a resource list, in their canonical form (as a round trip through Go would print them). */
export function canonicalResourceList(rl: Record<string, unknown> | undefined | null): void {
  if (!rl) return;
  for (const k of Object.keys(rl)) rl[k] = canon(rl[k]);
}

/** SetDefaults_PersistentVolume and the defaults of the sources it shares with pod volumes. */
export function defaultPersistentVolume(pv: PersistentVolumeT): void {
  pv.spec ??= {};
  pv.status ??= {};
  if (!pv.status.phase) pv.status.phase = 'Pending';
  if (!pv.spec.persistentVolumeReclaimPolicy) pv.spec.persistentVolumeReclaimPolicy = 'Retain';
  pv.spec.volumeMode ??= 'Filesystem';
  canonicalResourceList(pv.spec.capacity);
  const s = pv.spec;
  if (s.hostPath) s.hostPath.type ??= '';
  if (s.iscsi) s.iscsi.iscsiInterface ||= 'default';
  if (s.rbd) {
    s.rbd.pool ||= 'rbd';
    s.rbd.user ||= 'admin';
    s.rbd.keyring ||= '/etc/ceph/keyring';
  }
  if (s.azureDisk) {
    s.azureDisk.cachingMode ??= 'ReadWrite';
    s.azureDisk.kind ??= 'Shared';
    s.azureDisk.fsType ??= 'ext4';
    s.azureDisk.readOnly ??= false;
  }
  if (s.scaleIO) {
    s.scaleIO.storageMode ||= 'ThinProvisioned';
    s.scaleIO.fsType ||= 'xfs';
  }
}
