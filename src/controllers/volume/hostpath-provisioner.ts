/**
 * The cluster's dynamic provisioner, `kubemu.dev/hostpath`, behaving as an external provisioner
 * built on sig-storage-lib-external-provisioner (like kind's local-path provisioner): a claim the PV
 * controller handed to it (volume.kubernetes.io/storage-provisioner) gets a volume pvc-<uid> of the
 * requested size, pre-bound to the claim, on the node the scheduler selected for WaitForFirstConsumer
 * classes; a Released volume it provisioned with reclaim policy Delete is deleted.
 */
import { ApiError } from '../../api/errors.js';
import type { KObject } from '../../api/meta.js';
import type { ResourceClient } from '../../client/client.js';
import { type Informer, keyOf } from '../../client/informer.js';
import { Controller, type SyncResult } from '../runtime/controller.js';
import type { EventRecorder } from '../runtime/event-recorder.js';
import type { ControllerContext } from '../runtime/manager.js';
import {
  AnnBetaStorageProvisioner, AnnDynamicallyProvisioned, AnnSelectedNode, AnnStorageProvisioner, type PVCLike, type PVLike, claimReference, getClaimClass,
} from './pv-helpers.js';

export const HostPathProvisionerName = 'kubemu.dev/hostpath';
export const HostPathBaseDir = '/var/lib/kubemu/pv';

interface ClassLike extends KObject {
  provisioner?: string;
  reclaimPolicy?: string;
  volumeBindingMode?: string;
  mountOptions?: string[];
}

export class HostPathProvisioner extends Controller {
  private readonly claims: Informer;
  private readonly volumes: Informer;
  private readonly classes: Informer;
  private readonly pvClient: ResourceClient;
  private readonly recorder: EventRecorder;

  constructor(
    ctx: ControllerContext,
    readonly provisionerName = HostPathProvisionerName,
  ) {
    super('hostpath-provisioner', ctx.clock);
    this.claims = ctx.informers.for('', 'persistentvolumeclaims');
    this.volumes = ctx.informers.for('', 'persistentvolumes');
    this.classes = ctx.informers.for('storage.k8s.io', 'storageclasses');
    this.pvClient = ctx.client.resource('', 'persistentvolumes');
    this.recorder = ctx.recorder(provisionerName);
    this.claims.addEventHandler({ onAdd: (c) => this.enqueue(`claim:${keyOf(c)}`), onUpdate: (_a, c) => this.enqueue(`claim:${keyOf(c)}`) });
    this.volumes.addEventHandler({ onAdd: (v) => this.enqueue(`volume:${v.metadata.name}`), onUpdate: (_a, v) => this.enqueue(`volume:${v.metadata.name}`) });
  }

  sync(key: string): SyncResult | void {
    try {
      if (key.startsWith('claim:')) {
        const claim = this.claims.getByKey(key.slice(6)) as PVCLike | undefined;
        if (claim) this.syncClaim(claim);
        return;
      }
      const volume = this.volumes.getByKey(key.slice(7)) as PVLike | undefined;
      if (volume) this.syncVolume(volume);
    } catch (e) {
      if (e instanceof ApiError && (e.code === 404 || e.code === 409)) return;
      throw e;
    }
  }

  /** shouldProvision: handed to us, unbound, not being deleted, and for WaitForFirstConsumer a node chosen. */
  private shouldProvision(claim: PVCLike, cls: ClassLike | undefined): boolean {
    if (claim.spec?.volumeName || claim.metadata.deletionTimestamp) return false;
    const ann = claim.metadata.annotations ?? {};
    const requested = ann[AnnStorageProvisioner] ?? ann[AnnBetaStorageProvisioner];
    if (requested !== this.provisionerName) return false;
    if (!cls || cls.provisioner !== this.provisionerName) return false;
    if (cls.volumeBindingMode === 'WaitForFirstConsumer' && !ann[AnnSelectedNode]) return false;
    return true;
  }

  private syncClaim(claim: PVCLike): void {
    const cls = this.classes.get('', getClaimClass(claim)) as ClassLike | undefined;
    if (!this.shouldProvision(claim, cls)) return;
    const name = `pvc-${claim.metadata.uid}`;
    // Already provisioned (the PV controller binds it).
    if (this.volumes.get('', name)) return;
    const ns = claim.metadata.namespace!;
    this.recorder.event(claim, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${ns}/${claim.metadata.name}"`);
    const node = claim.metadata.annotations?.[AnnSelectedNode];
    const pv: Record<string, unknown> = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name, annotations: { [AnnDynamicallyProvisioned]: this.provisionerName } },
      spec: {
        capacity: { storage: claim.spec?.resources?.requests?.storage ?? '0' },
        accessModes: claim.spec?.accessModes ?? [],
        claimRef: claimReference(claim),
        persistentVolumeReclaimPolicy: cls!.reclaimPolicy ?? 'Delete',
        storageClassName: cls!.metadata.name,
        volumeMode: claim.spec?.volumeMode ?? 'Filesystem',
        ...(cls!.mountOptions?.length ? { mountOptions: cls!.mountOptions } : {}),
        hostPath: { path: `${HostPathBaseDir}/${name}_${ns}_${claim.metadata.name}`, type: 'DirectoryOrCreate' },
        ...(node
          ? { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } } }
          : {}),
      },
    };
    try {
      this.pvClient.create('', pv);
    } catch (e) {
      if (e instanceof ApiError && e.code === 409) return;
      this.recorder.event(claim, 'Warning', 'ProvisioningFailed', `failed to provision volume with StorageClass "${cls!.metadata.name}": ${(e as Error).message}`);
      throw e;
    }
    this.recorder.event(claim, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${name}`);
  }

  /** shouldDelete: Released, policy Delete, provisioned by us. */
  private syncVolume(volume: PVLike): void {
    if (volume.metadata.annotations?.[AnnDynamicallyProvisioned] !== this.provisionerName) return;
    if (volume.status?.phase !== 'Released' || volume.spec?.persistentVolumeReclaimPolicy !== 'Delete') return;
    if (volume.metadata.deletionTimestamp) return;
    this.pvClient.delete('', volume.metadata.name!);
  }
}
