/** The volume controllers kube-controller-manager runs, plus the in-process hostpath provisioner. */
import type { Controller } from '../runtime/controller.js';
import type { ControllerContext } from '../runtime/manager.js';
import { HostPathProvisioner } from './hostpath-provisioner.js';
import { PVCProtectionController, PVProtectionController } from './protection.js';
import { PersistentVolumeController } from './pv-controller.js';

export function createVolumeControllers(ctx: ControllerContext): Controller[] {
  return [new PersistentVolumeController(ctx), new HostPathProvisioner(ctx), new PVCProtectionController(ctx), new PVProtectionController(ctx)];
}
