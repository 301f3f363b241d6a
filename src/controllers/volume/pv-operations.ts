/**
 * The PV controller's writes (pv_controller.go): claim status, volume phase, binding a volume and a
 * claim to each other (volume first), and rolling a binding back. Each returns the saved object.
 */
import type { ResourceClient } from '../../client/client.js';
import { type Clock, rfc3339 } from '../../util/clock.js';
import { deepEqual } from '../../api/validation.js';
import type { EventRecorder, EventType } from '../runtime/event-recorder.js';
import { AnnBindCompleted, AnnBoundByController, type PVCLike, type PVLike, getBindVolumeToClaim, hasAnnotation } from './pv-helpers.js';

export class VolumeOperations {
  constructor(
    readonly pvs: ResourceClient,
    readonly pvcs: ResourceClient,
    readonly recorder: EventRecorder,
    readonly clock: Clock,
  ) {}

  /** updateClaimStatus: phase, and access modes/capacity from the volume (cleared without one). */
  updateClaimStatus(claim: PVCLike, phase: string, volume: PVLike | undefined): PVCLike {
    let dirty = false;
    const clone = structuredClone(claim);
    clone.status ??= {};
    if (claim.status?.phase !== phase) {
      clone.status.phase = phase;
      dirty = true;
    }
    if (!volume) {
      if (claim.status?.accessModes !== undefined) {
        delete clone.status.accessModes;
        dirty = true;
      }
      if (claim.status?.capacity !== undefined) {
        delete clone.status.capacity;
        dirty = true;
      }
    } else {
      if (!deepEqual(claim.status?.accessModes, volume.spec?.accessModes)) {
        clone.status.accessModes = volume.spec?.accessModes;
        dirty = true;
      }
      // Capacity only when the claim becomes Bound, so a deliberate difference is kept.
      if (claim.status?.phase !== phase) {
        const volumeCap = volume.spec?.capacity?.storage;
        if (volumeCap === undefined) throw new Error(`PersistentVolume "${volume.metadata.name}" is without a storage capacity`);
        if (claim.status?.capacity?.storage === undefined || String(claim.status.capacity.storage) !== String(volumeCap)) {
          clone.status.capacity = volume.spec!.capacity;
          dirty = true;
        }
      }
    }
    if (!dirty) return claim;
    return this.pvcs.updateStatus(claim.metadata.namespace!, clone) as PVCLike;
  }

  /** updateClaimStatusWithEvent: the event only when the phase changes. */
  updateClaimStatusWithEvent(claim: PVCLike, phase: string, volume: PVLike | undefined, type: EventType, reason: string, message: string): PVCLike {
    if (claim.status?.phase === phase) return claim;
    const saved = this.updateClaimStatus(claim, phase, volume);
    this.recorder.event(saved, type, reason, message);
    return saved;
  }

  /** updateVolumePhase (with the phase transition time). */
  updateVolumePhase(volume: PVLike, phase: string, message: string): PVLike {
    if (volume.status?.phase === phase) return volume;
    const clone = structuredClone(volume);
    clone.status = { ...(clone.status ?? {}), phase, lastPhaseTransitionTime: rfc3339(this.clock.now()) };
    if (message) clone.status.message = message;
    else delete clone.status.message;
    return this.pvs.updateStatus('', clone) as PVLike;
  }

  updateVolumePhaseWithEvent(volume: PVLike, phase: string, type: EventType, reason: string, message: string): PVLike {
    if (volume.status?.phase === phase) return volume;
    const saved = this.updateVolumePhase(volume, phase, message);
    this.recorder.event(saved, type, reason, message);
    return saved;
  }

  /** bindVolumeToClaim: claimRef and bound-by-controller on the volume, saved only when changed. */
  bindVolumeToClaim(volume: PVLike, claim: PVCLike): PVLike {
    const { volume: clone, dirty } = getBindVolumeToClaim(volume, claim);
    return dirty ? (this.pvs.update('', clone) as PVLike) : volume;
  }

  /** bindClaimToVolume: volumeName, bound-by-controller and bind-completed on the claim. */
  bindClaimToVolume(claim: PVCLike, volume: PVLike): PVCLike {
    let dirty = false;
    const clone = structuredClone(claim);
    clone.spec ??= {};
    const ann = { ...(clone.metadata.annotations ?? {}) };
    if (claim.spec?.volumeName !== volume.metadata.name) {
      dirty = true;
      clone.spec.volumeName = volume.metadata.name;
      if (!hasAnnotation(clone, AnnBoundByController)) ann[AnnBoundByController] = 'yes';
    }
    if (!hasAnnotation(clone, AnnBindCompleted)) {
      ann[AnnBindCompleted] = 'yes';
      dirty = true;
    }
    if (!dirty) return claim;
    clone.metadata.annotations = ann;
    return this.pvcs.update(claim.metadata.namespace!, clone) as PVCLike;
  }

  /** bind: the volume first (spec, then phase), then the claim (spec, then status). */
  bind(volume: PVLike, claim: PVCLike): void {
    let v = this.bindVolumeToClaim(volume, claim);
    v = this.updateVolumePhase(v, 'Bound', '');
    const c = this.bindClaimToVolume(claim, v);
    this.updateClaimStatus(c, 'Bound', v);
  }

  /** unbindVolume: a controller binding is removed; a user's pre-binding keeps all but the UID. */
  unbindVolume(volume: PVLike): void {
    const clone = structuredClone(volume);
    clone.spec ??= {};
    if (hasAnnotation(volume, AnnBoundByController)) {
      delete clone.spec.claimRef;
      const ann = { ...(clone.metadata.annotations ?? {}) };
      delete ann[AnnBoundByController];
      clone.metadata.annotations = ann;
      if (Object.keys(ann).length === 0) delete clone.metadata.annotations;
    } else if (clone.spec.claimRef) {
      delete clone.spec.claimRef.uid;
    }
    const saved = this.pvs.update('', clone) as PVLike;
    this.updateVolumePhase(saved, 'Available', '');
  }
}
