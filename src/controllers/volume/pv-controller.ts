/**
 * The persistent volume binder (pkg/controller/volume/persistentvolume/pv_controller.go): binds
 * unbound claims to the smallest matching available volume (or the volume they name), keeps claims
 * and volumes in step (Bound, Lost, Released), hands claims of a class to its provisioner (the
 * ExternalProvisioning path: the provisioner annotations on the claim), waits for the scheduler on
 * WaitForFirstConsumer classes, and reclaims released volumes by their policy.
 */
import { ApiError } from '../../api/errors.js';
import type { KObject } from '../../api/meta.js';
import type { ResourceClient } from '../../client/client.js';
import { type Informer, keyOf } from '../../client/informer.js';
import { getDefaultClass } from '../../api/storage/storage-class.js';
import { Controller, type SyncResult } from '../runtime/controller.js';
import type { EventRecorder } from '../runtime/event-recorder.js';
import type { ControllerContext } from '../runtime/manager.js';
import { VolumeOperations } from './pv-operations.js';
import {
  AnnBetaStorageProvisioner, AnnBindCompleted, AnnBoundByController, AnnSelectedNode, AnnStorageProvisioner, NotSupportedProvisioner,
  type PVCLike, type PVLike, checkVolumeModeMismatches, checkVolumeSatisfyClaim, claimHasClass, findBestMatchForClaim, getClaimClass,
  hasAnnotation, isVolumeBoundToClaim, podClaimNames,
} from './pv-helpers.js';
import { reclaimVolume } from './reclaim.js';

export const ComponentName = 'persistentvolume-controller';
/** The controller's periodic resync of unbound claims (--pvclaimbinder-sync-period, 15s). */
export const ClaimResyncMs = 15_000;

const claimKey = (c: { namespace?: string; name?: string }) => `claim:${c.namespace}/${c.name}`;

export class PersistentVolumeController extends Controller {
  readonly volumes: Informer;
  readonly claims: Informer;
  readonly classes: Informer;
  readonly pods: Informer;
  readonly ops: VolumeOperations;
  readonly recorder: EventRecorder;
  readonly pvcClient: ResourceClient;
  readonly pvClient: ResourceClient;

  constructor(ctx: ControllerContext) {
    super(ComponentName, ctx.clock);
    this.volumes = ctx.informers.for('', 'persistentvolumes');
    this.claims = ctx.informers.for('', 'persistentvolumeclaims');
    this.classes = ctx.informers.for('storage.k8s.io', 'storageclasses');
    this.pods = ctx.informers.for('', 'pods');
    this.pvClient = ctx.client.resource('', 'persistentvolumes');
    this.pvcClient = ctx.client.resource('', 'persistentvolumeclaims');
    this.recorder = ctx.recorder(ComponentName);
    this.ops = new VolumeOperations(this.pvClient, this.pvcClient, this.recorder, ctx.clock);
    this.volumes.addEventHandler({
      onAdd: (v) => this.volumeChanged(v),
      onUpdate: (_a, v) => this.volumeChanged(v),
      onDelete: (v) => {
        const ref = (v as PVLike).spec?.claimRef;
        if (ref) this.enqueue(claimKey(ref));
      },
    });
    this.claims.addEventHandler({
      onAdd: (c) => this.enqueue(`claim:${keyOf(c)}`),
      onUpdate: (_a, c) => this.enqueue(`claim:${keyOf(c)}`),
      onDelete: (c) => {
        const vn = (c as PVCLike).spec?.volumeName;
        if (vn) this.enqueue(`volume:${vn}`);
      },
    });
    this.classes.addEventHandler({ onAdd: () => this.enqueueUnboundClaims(), onUpdate: () => this.enqueueUnboundClaims() });
  }

  private volumeChanged(v: KObject): void {
    this.enqueue(`volume:${v.metadata.name}`);
    // A volume becoming available may satisfy a waiting claim (upstream finds it on the next resync).
    if ((v as PVLike).status?.phase === 'Available') this.enqueueUnboundClaims();
  }

  private enqueueUnboundClaims(): void {
    for (const c of this.claims.list() as PVCLike[]) if (!c.spec?.volumeName) this.enqueue(`claim:${keyOf(c)}`);
  }

  sync(key: string): SyncResult | void {
    try {
      if (key.startsWith('claim:')) {
        const claim = this.claims.getByKey(key.slice(6)) as PVCLike | undefined;
        if (!claim) return;
        return this.syncClaim(claim);
      }
      const volume = this.volumes.getByKey(key.slice(7)) as PVLike | undefined;
      if (volume) this.syncVolume(volume);
    } catch (e) {
      // Gone or changed meanwhile: the informer brings the next version.
      if (e instanceof ApiError && (e.code === 404 || e.code === 409)) return;
      throw e;
    }
  }

  private syncClaim(claim: PVCLike): SyncResult | void {
    if (!hasAnnotation(claim, AnnBindCompleted)) {
      this.syncUnboundClaim(claim);
      const now = this.claims.getByKey(keyOf(claim)) as PVCLike | undefined;
      if (now && !hasAnnotation(now, AnnBindCompleted)) return { requeueAfter: ClaimResyncMs };
      return;
    }
    this.syncBoundClaim(claim);
  }

  /** IsDelayBindingMode: the claim's class exists and binds on first consumer. */
  private isDelayBindingMode(claim: PVCLike): boolean {
    const name = getClaimClass(claim);
    if (!name) return false;
    const cls = this.classes.get('', name) as { volumeBindingMode?: string } | undefined;
    return cls?.volumeBindingMode === 'WaitForFirstConsumer';
  }

  private syncUnboundClaim(claim: PVCLike): void {
    if (!claim.spec?.volumeName) {
      const delayBinding = this.isDelayBindingMode(claim);
      const volume = findBestMatchForClaim(claim, this.volumes.list() as PVLike[], delayBinding);
      if (volume) {
        this.ops.bind(volume, claim);
        return;
      }
      // Retroactive default StorageClass for claims created before a default existed.
      if (!claimHasClass(claim)) {
        const def = getDefaultClass(this.classes.list());
        if (def) {
          this.pvcClient.update(claim.metadata.namespace!, { ...claim, spec: { ...claim.spec, storageClassName: def.metadata.name } } as KObject);
          return;
        }
      }
      if (delayBinding && !hasAnnotation(claim, AnnSelectedNode)) this.emitEventForUnboundDelayBindingClaim(claim);
      else if (getClaimClass(claim) !== '') {
        this.provisionClaim(claim);
        return;
      } else this.recorder.event(claim, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
      this.ops.updateClaimStatus(claim, 'Pending', undefined);
      return;
    }
    const volume = this.volumes.get('', claim.spec.volumeName) as PVLike | undefined;
    if (!volume) {
      // The claim names a volume that does not exist (yet).
      this.ops.updateClaimStatus(claim, 'Pending', undefined);
      return;
    }
    if (!volume.spec?.claimRef) {
      const err = checkVolumeSatisfyClaim(volume, claim);
      if (err) {
        this.recorder.event(claim, 'Warning', 'VolumeMismatch', `Cannot bind to requested volume "${volume.metadata.name}": ${err}`);
        this.ops.updateClaimStatus(claim, 'Pending', undefined);
      } else this.ops.bind(volume, claim);
      return;
    }
    if (isVolumeBoundToClaim(volume, claim)) {
      this.ops.bind(volume, claim);
      return;
    }
    this.recorder.event(claim, 'Warning', 'FailedBinding', `volume "${volume.metadata.name}" already bound to a different claim.`);
    if (!hasAnnotation(claim, AnnBoundByController)) {
      this.ops.updateClaimStatus(claim, 'Pending', undefined);
      return;
    }
    const ref = volume.spec.claimRef;
    throw new Error(`invalid binding of claim "${claim.metadata.namespace}/${claim.metadata.name}" to volume "${claim.spec.volumeName}": volume already claimed by "${ref.namespace}/${ref.name}"`);
  }

  /** emitEventForUnboundDelayBindingClaim */
  private emitEventForUnboundDelayBindingClaim(claim: PVCLike): void {
    const users = this.pods
      .list(claim.metadata.namespace)
      .filter((p) => podClaimNames(p).includes(claim.metadata.name!))
      .filter((p) => !['Succeeded', 'Failed'].includes((p.status as { phase?: string } | undefined)?.phase ?? ''))
      .map((p) => p.metadata.name!);
    if (users.length > 0) this.recorder.event(claim, 'Normal', 'WaitForPodScheduled', `waiting for pod ${users.join(',')} to be scheduled`);
    else this.recorder.event(claim, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
  }

  /** provisionClaim: in-tree plugins do not exist here; every provisioner is external. */
  private provisionClaim(claim: PVCLike): void {
    const className = getClaimClass(claim);
    const cls = this.classes.get('', className) as { provisioner?: string } | undefined;
    if (!cls) {
      this.recorder.event(claim, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${className}" not found`);
      this.ops.updateClaimStatus(claim, 'Pending', undefined);
      return;
    }
    const provisioner = cls.provisioner ?? '';
    if (provisioner === NotSupportedProvisioner || provisioner.startsWith('kubernetes.io/')) {
      this.recorder.event(claim, 'Warning', 'ProvisioningFailed', `no volume plugin matched name: ${provisioner}`);
      this.ops.updateClaimStatus(claim, 'Pending', undefined);
      return;
    }
    let c = claim;
    const ann = c.metadata.annotations ?? {};
    if (ann[AnnStorageProvisioner] !== provisioner || ann[AnnBetaStorageProvisioner] !== provisioner) {
      c = this.pvcClient.update(c.metadata.namespace!, {
        ...c,
        metadata: { ...c.metadata, annotations: { ...ann, [AnnBetaStorageProvisioner]: provisioner, [AnnStorageProvisioner]: provisioner } },
      } as KObject) as PVCLike;
    }
    this.recorder.event(
      c,
      'Normal',
      'ExternalProvisioning',
      `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
    );
    this.ops.updateClaimStatus(c, 'Pending', undefined);
  }

  private syncBoundClaim(claim: PVCLike): void {
    if (!claim.spec?.volumeName) {
      this.ops.updateClaimStatusWithEvent(claim, 'Lost', undefined, 'Warning', 'ClaimLost', 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!');
      return;
    }
    const volume = this.volumes.get('', claim.spec.volumeName) as PVLike | undefined;
    if (!volume) {
      this.ops.updateClaimStatusWithEvent(claim, 'Lost', undefined, 'Warning', 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!');
      return;
    }
    if (!volume.spec?.claimRef || volume.spec.claimRef.uid === claim.metadata.uid) {
      this.ops.bind(volume, claim);
      return;
    }
    this.ops.updateClaimStatusWithEvent(claim, 'Lost', undefined, 'Warning', 'ClaimMisbound', 'Two claims are bound to the same volume, this one is bound incorrectly');
  }

  private syncVolume(volume: PVLike): void {
    const ref = volume.spec?.claimRef;
    if (!ref || !ref.uid) {
      // Unused, or pre-bound to a claim that has not bound to it yet.
      this.ops.updateVolumePhase(volume, 'Available', '');
      return;
    }
    let claim = this.claims.get(ref.namespace ?? '', ref.name ?? '') as PVCLike | undefined;
    if (!claim && volume.status?.phase !== 'Released' && volume.status?.phase !== 'Failed') {
      // Double-check with the API server before releasing (the cache may lag a provisioner).
      try {
        claim = this.pvcClient.get(ref.namespace ?? '', ref.name ?? '') as PVCLike;
      } catch (e) {
        if (!(e instanceof ApiError && e.code === 404)) throw e;
      }
    }
    if (claim && claim.metadata.uid !== ref.uid) claim = undefined;
    if (!claim) {
      let v = volume;
      if (v.status?.phase !== 'Released' && v.status?.phase !== 'Failed') v = this.ops.updateVolumePhase(v, 'Released', '');
      reclaimVolume(this, v);
      return;
    }
    if (!claim.spec?.volumeName) {
      if (checkVolumeModeMismatches(claim, volume)) {
        this.recorder.event(volume, 'Warning', 'VolumeMismatch', `Cannot bind PersistentVolume to requested PersistentVolumeClaim "${claim.metadata.name}" due to incompatible volumeMode.`);
        this.recorder.event(claim, 'Warning', 'VolumeMismatch', `Cannot bind PersistentVolume "${volume.metadata.name}" to requested PersistentVolumeClaim due to incompatible volumeMode.`);
        return;
      }
      // The claim's sync finishes the binding.
      this.enqueue(claimKey({ namespace: claim.metadata.namespace, name: claim.metadata.name }));
      return;
    }
    if (claim.spec.volumeName === volume.metadata.name) {
      this.ops.updateVolumePhase(volume, 'Bound', '');
      return;
    }
    if (hasAnnotation(volume, 'pv.kubernetes.io/provisioned-by') && volume.spec?.persistentVolumeReclaimPolicy === 'Delete') {
      let v = volume;
      if (v.status?.phase !== 'Released' && v.status?.phase !== 'Failed') v = this.ops.updateVolumePhase(v, 'Released', '');
      reclaimVolume(this, v);
      return;
    }
    this.ops.unbindVolume(volume);
  }
}
