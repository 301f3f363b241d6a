/**
 * reclaimVolume (pv_controller.go): what happens to a Released volume. Retain keeps it; Recycle
 * scrubs hostPath and NFS volumes and makes them Available again; Delete leaves volumes of an
 * external provisioner to that provisioner, deletes hostPath volumes under /tmp (the in-tree
 * hostPath deleter), and marks other volumes Failed.
 */
import { AnnDynamicallyProvisioned, type PVLike } from './pv-helpers.js';
import type { PersistentVolumeController } from './pv-controller.js';

/** isVolumeReleased: the claim the volume points to is gone (or is another claim now). */
function isVolumeReleased(ctrl: PersistentVolumeController, volume: PVLike): boolean {
  const ref = volume.spec?.claimRef;
  if (!ref) return false;
  if (!ref.uid) return false;
  const claim = ctrl.claims.get(ref.namespace ?? '', ref.name ?? '');
  if (claim && claim.metadata.uid === ref.uid) return !!(claim.spec as { volumeName?: string } | undefined)?.volumeName && (claim.spec as { volumeName?: string }).volumeName !== volume.metadata.name;
  return true;
}

/** doDeleteVolume's plugin search: undefined when an external deleter owns the volume; else an error text or 'delete'. */
function deleter(volume: PVLike): { external: true } | { error: string } | { ok: true } {
  const by = volume.metadata.annotations?.[AnnDynamicallyProvisioned];
  if (by && !by.startsWith('kubernetes.io/')) return { external: true };
  const hostPath = volume.spec?.hostPath as { path?: string } | undefined;
  if (hostPath) {
    if (!/^\/tmp\/.+/.test(hostPath.path ?? '')) return { error: `host_path deleter only supports /tmp/.+ but received provided ${hostPath.path}` };
    return { ok: true };
  }
  return { error: `error getting deleter volume plugin for volume "${volume.metadata.name}": no deletable volume plugin matched` };
}

export function reclaimVolume(ctrl: PersistentVolumeController, volume: PVLike): void {
  switch (volume.spec?.persistentVolumeReclaimPolicy) {
    case 'Retain':
      return;
    case 'Recycle': {
      if (!isVolumeReleased(ctrl, volume)) return;
      if (!volume.spec.hostPath && !volume.spec.nfs) {
        ctrl.ops.updateVolumePhaseWithEvent(volume, 'Failed', 'Warning', 'VolumeFailedRecycle', 'No recycler plugin found for the volume!');
        return;
      }
      ctrl.recorder.event(volume, 'Normal', 'VolumeRecycled', 'Volume recycled');
      ctrl.ops.unbindVolume(volume);
      return;
    }
    case 'Delete': {
      if (!isVolumeReleased(ctrl, volume)) return;
      const d = deleter(volume);
      if ('external' in d) return;
      if ('error' in d) {
        ctrl.ops.updateVolumePhaseWithEvent(volume, 'Failed', 'Warning', 'VolumeFailedDelete', d.error);
        return;
      }
      ctrl.pvClient.delete('', volume.metadata.name!);
      return;
    }
    default:
      ctrl.ops.updateVolumePhaseWithEvent(volume, 'Failed', 'Warning', 'VolumeUnknownReclaimPolicy', 'Volume has unrecognized PersistentVolumeReclaimPolicy');
  }
}
