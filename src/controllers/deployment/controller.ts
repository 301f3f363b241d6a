/**
 * The Deployment controller (deployment_controller.go): informer handlers for deployments,
 * ReplicaSets (owner resolution, orphans offered to every matching deployment) and pod deletions
 * (Recreate waits for the last old pod), and syncDeployment, which routes to sync (paused or scaling),
 * rollback, rolloutRecreate or rolloutRolling.
 */
import type { DeploymentT } from '../../api/apps/deployment.js';
import type { ReplicaSetT } from '../../api/apps/replicaset.js';
import type { KObject, OwnerReferenceT } from '../../api/meta.js';
import { labelSelectorAsSelector } from '../../api/selectors/label-selector.js';
import { isEmpty, matches } from '../../api/selectors/labels.js';
import { deepEqual } from '../../api/validation.js';
import type { ResourceClient } from '../../client/client.js';
import { keyOf, type Informer } from '../../client/informer.js';
import { Controller, type SyncResult } from '../runtime/controller.js';
import type { EventRecorder } from '../runtime/event-recorder.js';
import type { ControllerContext } from '../runtime/manager.js';
import { claimReplicaSets, controllerRefOf } from './claim.js';
import type { DeploymentContext } from './context.js';
import { rolloutRecreate, type PodMap } from './recreate.js';
import { getRollbackTo, rollback } from './rollback.js';
import { rolloutRolling } from './rolling.js';
import { checkPausedConditions, isScalingEvent, sync, syncStatusOnly } from './sync.js';
import { RecreateDeploymentStrategyType, RollingUpdateDeploymentStrategyType } from './util.js';

/** The first retry of a rate-limited requeue (client-go's 5 ms base delay). */
const rateLimitedDelayMs = 5;

export class DeploymentController extends Controller {
  private readonly dInf: Informer;
  private readonly rsInf: Informer;
  private readonly podInf: Informer;
  private readonly deployments: ResourceClient;
  private readonly replicaSets: ResourceClient;
  private readonly recorder: EventRecorder;
  private requeue: number | undefined;

  constructor(ctx: ControllerContext) {
    super('deployment-controller', ctx.clock);
    this.deployments = ctx.client.resource('apps', 'deployments');
    this.replicaSets = ctx.client.resource('apps', 'replicasets');
    this.recorder = ctx.recorder('deployment-controller');
    this.dInf = ctx.informers.for('apps', 'deployments');
    this.rsInf = ctx.informers.for('apps', 'replicasets');
    this.podInf = ctx.informers.for('', 'pods');
    this.dInf.addEventHandler({
      onAdd: (d) => this.enqueue(keyOf(d)),
      onUpdate: (_old, cur) => this.enqueue(keyOf(cur)),
      onDelete: (d) => this.enqueue(keyOf(d)),
    });
    this.rsInf.addEventHandler({
      onAdd: (rs) => this.addReplicaSet(rs as ReplicaSetT),
      onUpdate: (old, cur) => this.updateReplicaSet(old as ReplicaSetT, cur as ReplicaSetT),
      onDelete: (rs) => this.deleteReplicaSet(rs as ReplicaSetT),
    });
    this.podInf.addEventHandler({ onDelete: (pod) => this.deletePod(pod) });
  }

  private resolveControllerRef(namespace: string, ref: OwnerReferenceT): DeploymentT | undefined {
    if (ref.kind !== 'Deployment') return undefined;
    const d = this.dInf.get(namespace, ref.name) as DeploymentT | undefined;
    return d && d.metadata.uid === ref.uid ? d : undefined;
  }

  /** GetDeploymentsForReplicaSet: deployments whose (non-empty) selector matches the RS's labels. */
  private getDeploymentsForReplicaSet(rs: ReplicaSetT): DeploymentT[] {
    if (!rs.metadata.labels || Object.keys(rs.metadata.labels).length === 0) return [];
    const out: DeploymentT[] = [];
    for (const d of this.dInf.list(rs.metadata.namespace ?? '') as DeploymentT[]) {
      let sel;
      try {
        sel = labelSelectorAsSelector(d.spec?.selector);
      } catch {
        continue;
      }
      if (isEmpty(sel) || !matches(sel, rs.metadata.labels)) continue;
      out.push(d);
    }
    return out;
  }

  private addReplicaSet(rs: ReplicaSetT): void {
    if (rs.metadata.deletionTimestamp) return this.deleteReplicaSet(rs);
    const ref = controllerRefOf(rs);
    if (ref) {
      const d = this.resolveControllerRef(rs.metadata.namespace ?? '', ref);
      if (d) this.enqueue(keyOf(d));
      return;
    }
    for (const d of this.getDeploymentsForReplicaSet(rs)) this.enqueue(keyOf(d));
  }

  private updateReplicaSet(old: ReplicaSetT, cur: ReplicaSetT): void {
    if (cur.metadata.resourceVersion === old.metadata.resourceVersion) return;
    const curRef = controllerRefOf(cur);
    const oldRef = controllerRefOf(old);
    const refChanged = !deepEqual(curRef, oldRef);
    if (refChanged && oldRef) {
      const d = this.resolveControllerRef(old.metadata.namespace ?? '', oldRef);
      if (d) this.enqueue(keyOf(d));
    }
    if (curRef) {
      const d = this.resolveControllerRef(cur.metadata.namespace ?? '', curRef);
      if (d) this.enqueue(keyOf(d));
      return;
    }
    if (refChanged || !deepEqual(cur.metadata.labels, old.metadata.labels)) {
      for (const d of this.getDeploymentsForReplicaSet(cur)) this.enqueue(keyOf(d));
    }
  }

  private deleteReplicaSet(rs: ReplicaSetT): void {
    const ref = controllerRefOf(rs);
    if (!ref) return;
    const d = this.resolveControllerRef(rs.metadata.namespace ?? '', ref);
    if (d) this.enqueue(keyOf(d));
  }

  /** Recreate deployments are synced when their last pod goes away. */
  private deletePod(pod: KObject): void {
    const ref = controllerRefOf(pod);
    if (!ref || ref.kind !== 'ReplicaSet') return;
    const rs = this.rsInf.get(pod.metadata.namespace ?? '', ref.name) as ReplicaSetT | undefined;
    if (!rs || rs.metadata.uid !== ref.uid) return;
    const rsRef = controllerRefOf(rs);
    const d = rsRef && this.resolveControllerRef(rs.metadata.namespace ?? '', rsRef);
    if (!d || d.spec?.strategy?.type !== RecreateDeploymentStrategyType) return;
    const owned = (this.rsInf.list(d.metadata.namespace ?? '') as ReplicaSetT[]).filter((x) => controllerRefOf(x)?.uid === d.metadata.uid);
    let numPods = 0;
    for (const pods of this.getPodMapForDeployment(d, owned).values()) numPods += pods.length;
    if (numPods === 0) this.enqueue(keyOf(d));
  }

  /** getReplicaSetsForDeployment: claim (adopt/release) the RSes in the deployment's namespace. */
  private getReplicaSetsForDeployment(d: DeploymentT): ReplicaSetT[] {
    const all = this.rsInf.list(d.metadata.namespace ?? '') as ReplicaSetT[];
    let selector;
    try {
      selector = labelSelectorAsSelector(d.spec?.selector);
    } catch (e) {
      throw new Error(`deployment ${d.metadata.namespace}/${d.metadata.name} has invalid label selector: ${(e as Error).message}`);
    }
    return claimReplicaSets(
      {
        patchReplicaSet: (ns, name, patch) => this.replicaSets.patch(ns, name, 'strategic', patch) as ReplicaSetT,
        getDeploymentFresh: (ns, name) => this.deployments.get(ns, name) as DeploymentT,
      },
      d,
      selector,
      all,
    );
  }

  /** getPodMapForDeployment: the deployment's pods grouped by the uid of their (listed) ReplicaSet. */
  private getPodMapForDeployment(d: DeploymentT, rsList: ReplicaSetT[]): PodMap {
    const selector = labelSelectorAsSelector(d.spec?.selector);
    const map: PodMap = new Map(rsList.map((rs) => [rs.metadata.uid!, []]));
    for (const pod of this.podInf.list(d.metadata.namespace ?? '')) {
      if (!matches(selector, pod.metadata.labels)) continue;
      const ref = controllerRefOf(pod);
      if (ref && map.has(ref.uid)) map.get(ref.uid)!.push(pod);
    }
    return map;
  }

  private context(): DeploymentContext {
    return {
      now: () => this.clock.now(),
      createReplicaSet: (ns, rs) => this.replicaSets.create(ns, rs) as ReplicaSetT,
      updateReplicaSet: (rs) => this.replicaSets.update(rs.metadata.namespace!, rs) as ReplicaSetT,
      deleteReplicaSet: (ns, name) => void this.replicaSets.delete(ns, name),
      getReplicaSet: (ns, name) => this.rsInf.get(ns, name) as ReplicaSetT | undefined,
      updateDeployment: (d) => this.deployments.update(d.metadata.namespace!, d) as DeploymentT,
      updateDeploymentStatus: (d) => this.deployments.updateStatus(d.metadata.namespace!, d) as DeploymentT,
      event: (d, type, reason, message) => this.recorder.event(d, type, reason, message),
      requeueAfter: (ms) => {
        const v = Math.max(ms, rateLimitedDelayMs);
        this.requeue = this.requeue === undefined ? v : Math.min(this.requeue, v);
      },
    };
  }

  sync(key: string): SyncResult | void {
    this.requeue = undefined;
    const cached = this.dInf.getByKey(key) as DeploymentT | undefined;
    if (!cached) return; // deleted
    this.syncDeployment(this.context(), structuredClone(cached));
    return this.requeue === undefined ? undefined : { requeueAfter: this.requeue };
  }

  /** syncDeployment. */
  private syncDeployment(dc: DeploymentContext, d: DeploymentT): void {
    if (deepEqual(d.spec?.selector ?? null, {})) {
      dc.event(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
        d.status = { ...(d.status ?? {}), observedGeneration: d.metadata.generation };
        dc.updateDeploymentStatus(d);
      }
      return;
    }
    const rsList = this.getReplicaSetsForDeployment(d);
    const podMap = this.getPodMapForDeployment(d, rsList);
    if (d.metadata.deletionTimestamp) return syncStatusOnly(dc, d, rsList);
    checkPausedConditions(dc, d);
    if (d.spec?.paused) return sync(dc, d, rsList);
    const rollbackTo = getRollbackTo(d);
    if (rollbackTo) return rollback(dc, d, rsList, rollbackTo);
    if (isScalingEvent(dc, d, rsList)) return sync(dc, d, rsList);
    switch (d.spec?.strategy?.type) {
      case RecreateDeploymentStrategyType:
        return rolloutRecreate(dc, d, rsList, podMap);
      case RollingUpdateDeploymentStrategyType:
        return rolloutRolling(dc, d, rsList);
    }
    throw new Error(`unexpected deployment strategy type: ${d.spec?.strategy?.type ?? ''}`);
  }
}
