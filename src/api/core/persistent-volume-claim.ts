/**
 * core/v1 PersistentVolumeClaim: schema (complete v1.32 fields; the spec is shared with pod
 * ephemeral volumes) and defaults (SetDefaults_PersistentVolumeClaim: phase Pending, volumeMode
 * Filesystem).
 */
import { z } from 'zod';
import { ObjectMeta, Quantity, Time } from '../meta.js';
import { canonicalResourceList } from './persistent-volume.js';
import { PersistentVolumeClaimSpec } from './pod-volume.js';
import { atomicList, mapList, named, opt, str } from './pod-schema-helpers.js';
import { enumStr, PERSISTENT_VOLUME_CLAIM_PHASE, PVC_MODIFY_VOLUME_STATUS } from './enums.js';

export const PersistentVolumeClaimCondition = named(
  'PersistentVolumeClaimCondition',
  z.object({
    type: str().describe('Type of the condition, such as Resizing or FileSystemResizePending.'),
    status: str().describe('True, False or Unknown.'),
    lastProbeTime: opt(Time, 'When the condition was last probed.'),
    lastTransitionTime: opt(Time, 'When the condition last changed status.'),
    reason: opt(str(), 'A brief CamelCase reason for the last transition.'),
    message: opt(str(), 'Human-readable details about the last transition.'),
  }),
  'A condition of a claim.',
);

export const ModifyVolumeStatus = named(
  'ModifyVolumeStatus',
  z.object({
    targetVolumeAttributesClassName: opt(str(), 'The VolumeAttributesClass being reconciled to.'),
    status: enumStr(PVC_MODIFY_VOLUME_STATUS).describe('Pending, InProgress or Infeasible.'),
  }),
  'The state of a volume modification.',
);

export const PersistentVolumeClaimStatus = named(
  'PersistentVolumeClaimStatus',
  z.object({
    phase: opt(enumStr(PERSISTENT_VOLUME_CLAIM_PHASE), 'Pending, Bound or Lost.'),
    accessModes: atomicList(str(), 'The access modes of the bound volume.'),
    capacity: opt(z.record(z.string(), Quantity), 'The actual resources of the bound volume.'),
    conditions: mapList(PersistentVolumeClaimCondition, 'Current conditions of the claim, such as Resizing.', ['type'], {
      mergeKey: 'type',
      strategy: 'merge',
    }),
    allocatedResources: opt(z.record(z.string(), Quantity), 'Resources allocated to the claim by resizing.'),
    allocatedResourceStatuses: z
      .record(z.string(), z.string())
      .optional()
      .meta({ description: 'State of resize operations per resource.', 'x-kubernetes-map-type': 'granular' }),
    currentVolumeAttributesClassName: opt(str(), 'The VolumeAttributesClass currently applied.'),
    modifyVolumeStatus: opt(ModifyVolumeStatus, 'State of a pending volume modification.'),
  }),
  'The observed state of a claim.',
);

export const PersistentVolumeClaim = z
  .object({
    apiVersion: opt(str(), 'v1'),
    kind: opt(str(), 'PersistentVolumeClaim'),
    metadata: opt(ObjectMeta, 'Standard object metadata.'),
    spec: opt(PersistentVolumeClaimSpec, 'What the claim asks for.'),
    status: opt(PersistentVolumeClaimStatus, 'Current state of the claim; set by the system.'),
  })
  .meta({ id: 'io.k8s.api.core.v1.PersistentVolumeClaim', description: "A user's request for persistent storage." });

export type PersistentVolumeClaimT = z.infer<typeof PersistentVolumeClaim>;

/** SetDefaults_PersistentVolumeClaim and SetDefaults_PersistentVolumeClaimSpec. */
export function defaultPersistentVolumeClaim(pvc: PersistentVolumeClaimT): void {
  pvc.spec ??= {};
  pvc.status ??= {};
  if (!pvc.status.phase) pvc.status.phase = 'Pending';
  pvc.spec.volumeMode ??= 'Filesystem';
  pvc.spec.resources ??= {};
  canonicalResourceList(pvc.spec.resources.requests);
  canonicalResourceList(pvc.spec.resources.limits);
  canonicalResourceList(pvc.status.capacity);
}
