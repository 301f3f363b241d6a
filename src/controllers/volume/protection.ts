/**
 * The storage object in-use protection controllers (pkg/controller/volume/pvcprotection and
 * pvprotection): they add the kubernetes.io/pvc-protection and kubernetes.io/pv-protection
 * finalizers, and remove them from objects being deleted once nothing uses them: a claim while no
 * scheduled, running pod uses it; a volume while it is not Bound.
 */
import { ApiError } from '../../api/errors.js';
import type { KObject } from '../../api/meta.js';
import type { ResourceClient } from '../../client/client.js';
import { type Informer, keyOf } from '../../client/informer.js';
import { Controller, type SyncResult } from '../runtime/controller.js';
import type { ControllerContext } from '../runtime/manager.js';
import { podClaimNames } from './pv-helpers.js';

export const PVCProtectionFinalizer = 'kubernetes.io/pvc-protection';
export const PVProtectionFinalizer = 'kubernetes.io/pv-protection';

const hasFinalizer = (o: KObject, f: string) => (o.metadata.finalizers ?? []).includes(f);

function setFinalizer(client: ResourceClient, o: KObject, f: string, add: boolean): void {
  const fs = (o.metadata.finalizers ?? []).filter((x) => x !== f);
  if (add) fs.push(f);
  try {
    client.update(o.metadata.namespace ?? '', { ...o, metadata: { ...o.metadata, finalizers: fs } });
  } catch (e) {
    if (e instanceof ApiError && (e.code === 404 || e.code === 409)) return;
    throw e;
  }
}

/** podIsShutDown / terminal pods do not hold their claims. */
const podTerminated = (p: KObject) => ['Succeeded', 'Failed'].includes((p.status as { phase?: string } | undefined)?.phase ?? '');

export class PVCProtectionController extends Controller {
  private readonly claims: Informer;
  private readonly pods: Informer;
  private readonly client: ResourceClient;

  constructor(ctx: ControllerContext) {
    super('pvc-protection-controller', ctx.clock);
    this.claims = ctx.informers.for('', 'persistentvolumeclaims');
    this.pods = ctx.informers.for('', 'pods');
    this.client = ctx.client.resource('', 'persistentvolumeclaims');
    this.claims.addEventHandler({ onAdd: (c) => this.claimChanged(c), onUpdate: (_a, c) => this.claimChanged(c) });
    const podChanged = (p: KObject) => {
      for (const n of podClaimNames(p)) this.enqueue(`${p.metadata.namespace}/${n}`);
    };
    this.pods.addEventHandler({ onAdd: podChanged, onUpdate: (_a, p) => podChanged(p), onDelete: podChanged });
  }

  private claimChanged(c: KObject): void {
    const deleting = !!c.metadata.deletionTimestamp;
    if ((deleting && hasFinalizer(c, PVCProtectionFinalizer)) || (!deleting && !hasFinalizer(c, PVCProtectionFinalizer))) this.enqueue(keyOf(c));
  }

  /** isPodUsingPVC: a scheduled pod that is not terminated lists the claim. */
  isInUse(claim: KObject): boolean {
    return this.pods
      .list(claim.metadata.namespace)
      .some((p) => !!(p.spec as { nodeName?: string } | undefined)?.nodeName && !podTerminated(p) && podClaimNames(p).includes(claim.metadata.name!));
  }

  sync(key: string): SyncResult | void {
    const claim = this.claims.getByKey(key);
    if (!claim) return;
    if (!claim.metadata.deletionTimestamp) {
      if (!hasFinalizer(claim, PVCProtectionFinalizer)) setFinalizer(this.client, claim, PVCProtectionFinalizer, true);
      return;
    }
    if (hasFinalizer(claim, PVCProtectionFinalizer) && !this.isInUse(claim)) setFinalizer(this.client, claim, PVCProtectionFinalizer, false);
  }
}

export class PVProtectionController extends Controller {
  private readonly volumes: Informer;
  private readonly client: ResourceClient;

  constructor(ctx: ControllerContext) {
    super('pv-protection-controller', ctx.clock);
    this.volumes = ctx.informers.for('', 'persistentvolumes');
    this.client = ctx.client.resource('', 'persistentvolumes');
    this.volumes.addEventHandler({ onAdd: (v) => this.enqueue(keyOf(v)), onUpdate: (_a, v) => this.enqueue(keyOf(v)) });
  }

  sync(key: string): SyncResult | void {
    const pv = this.volumes.getByKey(key);
    if (!pv) return;
    if (!pv.metadata.deletionTimestamp) {
      if (!hasFinalizer(pv, PVProtectionFinalizer)) setFinalizer(this.client, pv, PVProtectionFinalizer, true);
      return;
    }
    const bound = (pv.status as { phase?: string } | undefined)?.phase === 'Bound';
    if (hasFinalizer(pv, PVProtectionFinalizer) && !bound) setFinalizer(this.client, pv, PVProtectionFinalizer, false);
  }
}
