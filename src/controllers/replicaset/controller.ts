/**
 * The ReplicaSet controller, as upstream's pkg/controller/replicaset/replica_set.go: keeps
 * spec.replicas active pods per ReplicaSet. Informer handlers map pod events to the owning (or, for
 * orphans, every selecting) ReplicaSet and lower expectations; sync claims pods (adopt/release),
 * creates in slow-start batches or deletes the lowest-ranked pods (at most burstReplicas per sync)
 * when expectations are met and the ReplicaSet is not being deleted, then writes status.
 */
import type { KObject } from '../../api/meta.js';
import { labelSelectorAsSelector } from '../../api/selectors/label-selector.js';
import { isEmpty, matches, type LabelSelectorExpr } from '../../api/selectors/labels.js';
import { deepEqual } from '../../api/validation.js';
import { isApiError } from '../../api/errors.js';
import type { Informer } from '../../client/informer.js';
import { Controller, type SyncResult } from '../runtime/controller.js';
import type { ControllerContext } from '../runtime/manager.js';
import { PodControllerRefManager, recheckDeletionTimestamp } from './claim.js';
import { ControllerExpectations, UIDTrackingControllerExpectations } from './expectations.js';
import { hasStatusCause, NamespaceTerminatingCause, newControllerRef, RealPodControl, type PodControl, type PodTemplate } from './pod-control.js';
import { filterActivePods, getControllerOf, isPodReady, podKey, type PodLike } from './pod-util.js';
import { getPodsToDelete } from './ranking.js';
import { slowStartBatch } from './slow-start.js';
import { calculateStatus, nextAvailableCheck, updateReplicaSetStatus, type ReplicaSetLike } from './status.js';

export { slowStartBatch };

/** The most pods created or deleted in one sync (upstream's BurstReplicas). */
export const BurstReplicas = 500;
/** The first slow-start batch size (controller.SlowStartInitialBatchSize). */
export const SlowStartInitialBatchSize = 1;

const controllerUIDIndex = 'replicaset/controllerUID';
const rsKind = { apiVersion: 'apps/v1', kind: 'ReplicaSet' };

export interface ReplicaSetControllerOptions {
  burstReplicas?: number;
  /** For tests: a PodControl other than the client-backed one. */
  podControl?: PodControl;
}

const keyOf = (o: KObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

export class ReplicaSetController extends Controller {
  readonly expectations: UIDTrackingControllerExpectations;
  readonly burstReplicas: number;
  private readonly rsInformer: Informer;
  private readonly podInformer: Informer;
  private readonly podControl: PodControl;

  constructor(
    private readonly ctx: ControllerContext,
    opts: ReplicaSetControllerOptions = {},
  ) {
    super('replicaset-controller', ctx.clock);
    this.burstReplicas = opts.burstReplicas ?? BurstReplicas;
    this.expectations = new UIDTrackingControllerExpectations(new ControllerExpectations(ctx.clock));
    this.podControl = opts.podControl ?? new RealPodControl(ctx.client, ctx.recorder('replicaset-controller'));
    this.rsInformer = ctx.informers.for('apps', 'replicasets');
    this.podInformer = ctx.informers.for('', 'pods');
    this.rsInformer.addIndexer(controllerUIDIndex, (rs) => {
      const ref = getControllerOf(rs);
      return ref ? [ref.uid] : [];
    });
    this.rsInformer.addEventHandler({
      onAdd: (rs) => this.enqueue(keyOf(rs)),
      onUpdate: (old, cur) => this.updateRS(old, cur),
      onDelete: (rs) => this.deleteRS(rs),
    });
    this.podInformer.addEventHandler({
      onAdd: (pod) => this.addPod(pod as PodLike),
      onUpdate: (old, cur) => this.updatePod(old as PodLike, cur as PodLike),
      onDelete: (pod) => this.deletePod(pod as PodLike),
    });
  }

  // ---- event handlers ----

  private updateRS(old: KObject, cur: KObject): void {
    if (old.metadata.uid !== cur.metadata.uid) this.deleteRS(old);
    this.enqueue(keyOf(cur));
  }

  private deleteRS(rs: KObject): void {
    const key = keyOf(rs);
    // A new ReplicaSet with the same name starts clean.
    this.expectations.deleteExpectations(key);
    this.enqueue(key);
  }

  /** resolveControllerRef: the ReplicaSet a controller reference points to, if it still exists. */
  private resolveControllerRef(namespace: string, ref: { kind: string; name: string; uid: string }): ReplicaSetLike | undefined {
    if (ref.kind !== rsKind.kind) return undefined;
    const rs = this.rsInformer.get(namespace, ref.name);
    if (!rs || rs.metadata.uid !== ref.uid) return undefined;
    return rs as ReplicaSetLike;
  }

  /** getPodReplicaSets: the ReplicaSets in the pod's namespace whose (non-empty) selector matches it. */
  getPodReplicaSets(pod: PodLike): ReplicaSetLike[] {
    if (Object.keys(pod.metadata.labels ?? {}).length === 0) return [];
    const out: ReplicaSetLike[] = [];
    for (const rs of this.rsInformer.list(pod.metadata.namespace ?? '') as ReplicaSetLike[]) {
      let sel: LabelSelectorExpr;
      try {
        sel = labelSelectorAsSelector(rs.spec?.selector as never);
      } catch {
        continue;
      }
      if (isEmpty(sel) || !matches(sel, pod.metadata.labels)) continue;
      out.push(rs);
    }
    return out;
  }

  private addPod(pod: PodLike): void {
    if (pod.metadata.deletionTimestamp) {
      // A pod already being deleted (e.g. seen after a restart) is not a creation.
      this.deletePod(pod);
      return;
    }
    const ref = getControllerOf(pod);
    if (ref) {
      const rs = this.resolveControllerRef(pod.metadata.namespace ?? '', ref);
      if (!rs) return;
      const key = keyOf(rs);
      this.expectations.creationObserved(key);
      this.enqueue(key);
      return;
    }
    // An orphan: wake every ReplicaSet that selects it, to see if one wants to adopt it.
    for (const rs of this.getPodReplicaSets(pod)) this.enqueue(keyOf(rs));
  }

  private updatePod(old: PodLike, cur: PodLike): void {
    if (old.metadata.resourceVersion === cur.metadata.resourceVersion) return;
    const labelChanged = !deepEqual(cur.metadata.labels ?? {}, old.metadata.labels ?? {});
    if (cur.metadata.deletionTimestamp) {
      // A graceful delete: count it as the deletion now instead of waiting for the pod to go.
      this.deletePod(cur);
      if (labelChanged) this.deletePod(old);
      return;
    }
    const curRef = getControllerOf(cur);
    const oldRef = getControllerOf(old);
    const refChanged = !deepEqual(curRef, oldRef);
    if (refChanged && oldRef) {
      const rs = this.resolveControllerRef(old.metadata.namespace ?? '', oldRef);
      if (rs) this.enqueue(keyOf(rs));
    }
    if (curRef) {
      const rs = this.resolveControllerRef(cur.metadata.namespace ?? '', curRef);
      if (!rs) return;
      this.enqueue(keyOf(rs));
      const minReadySeconds = rs.spec?.minReadySeconds ?? 0;
      // Resync once the pod has been ready for minReadySeconds (plus a second against skew).
      if (!isPodReady(old) && isPodReady(cur) && minReadySeconds > 0) this.queue.addAfter(keyOf(rs), minReadySeconds * 1000 + 1000);
      return;
    }
    if (labelChanged || refChanged) for (const rs of this.getPodReplicaSets(cur)) this.enqueue(keyOf(rs));
  }

  private deletePod(pod: PodLike): void {
    const ref = getControllerOf(pod);
    if (!ref) return; // nobody waits for orphans to go
    const rs = this.resolveControllerRef(pod.metadata.namespace ?? '', ref);
    if (!rs) return;
    const key = keyOf(rs);
    this.expectations.deletionObserved(key, podKey(pod));
    this.enqueue(key);
  }

  // ---- sync ----

  /** getIndirectlyRelatedPods: pods of every ReplicaSet with the same controller as rs. */
  private getIndirectlyRelatedPods(rs: ReplicaSetLike): PodLike[] {
    const ref = getControllerOf(rs);
    if (!ref) return [];
    const seen = new Set<string>();
    const related: PodLike[] = [];
    for (const other of this.rsInformer.byIndex(controllerUIDIndex, ref.uid) as ReplicaSetLike[]) {
      let sel: LabelSelectorExpr;
      try {
        sel = labelSelectorAsSelector(other.spec?.selector as never);
      } catch {
        continue;
      }
      for (const pod of this.podInformer.list(other.metadata.namespace ?? '') as PodLike[]) {
        if (!matches(sel, pod.metadata.labels)) continue;
        const uid = pod.metadata.uid ?? podKey(pod);
        if (seen.has(uid)) continue;
        seen.add(uid);
        related.push(pod);
      }
    }
    return related;
  }

  /** manageReplicas: create or delete pods to move towards spec.replicas; returns the first error. */
  private manageReplicas(filteredPods: PodLike[], rs: ReplicaSetLike): Error | undefined {
    const rsKey = keyOf(rs);
    let diff = filteredPods.length - (rs.spec?.replicas ?? 1);
    if (diff < 0) {
      diff = Math.min(-diff, this.burstReplicas);
      // Expect the creations before making them: the informer may report them at once.
      this.expectations.expectCreations(rsKey, diff);
      const ref = newControllerRef(rs, rsKind.apiVersion, rsKind.kind);
      const template = (rs.spec?.template ?? {}) as PodTemplate;
      const { successes, error } = slowStartBatch(diff, SlowStartInitialBatchSize, () => {
        try {
          this.podControl.createPods(rs.metadata.namespace ?? '', template, rs, ref);
        } catch (e) {
          // Every create fails in a terminating namespace: nothing to do about it.
          if (hasStatusCause(e, NamespaceTerminatingCause)) return;
          throw e;
        }
      });
      // Pods never attempted (or failed) will not be observed: stop expecting them.
      for (let i = 0; i < diff - successes; i++) this.expectations.creationObserved(rsKey);
      return error;
    }
    if (diff > 0) {
      diff = Math.min(diff, this.burstReplicas);
      const related = this.getIndirectlyRelatedPods(rs);
      const podsToDelete = getPodsToDelete(filteredPods, related, diff, this.clock.now());
      // Expect these exact pods to go, so a graceful delete and the final delete count once.
      this.expectations.expectDeletions(rsKey, podsToDelete.map(podKey));
      let first: Error | undefined;
      for (const pod of podsToDelete) {
        try {
          this.podControl.deletePod(rs.metadata.namespace ?? '', pod.metadata.name!, rs);
        } catch (e) {
          this.expectations.deletionObserved(rsKey, podKey(pod));
          if (!isApiError(e, 'NotFound')) first ??= e instanceof Error ? e : new Error(String(e));
        }
      }
      return first;
    }
    return undefined;
  }

  sync(key: string): SyncResult | void {
    const slash = key.indexOf('/');
    const namespace = key.slice(0, slash);
    const name = key.slice(slash + 1);
    const cached = this.rsInformer.get(namespace, name) as ReplicaSetLike | undefined;
    if (!cached) {
      this.expectations.deleteExpectations(key);
      return;
    }
    const rsNeedsSync = this.expectations.satisfiedExpectations(key);
    let selector: LabelSelectorExpr;
    try {
      selector = labelSelectorAsSelector(cached.spec?.selector as never);
    } catch {
      return; // an invalid selector: nothing to do until the spec changes
    }
    // All pods, to include those that no longer match but still carry our controller reference.
    const allPods = this.podInformer.list(namespace) as PodLike[];
    const active = filterActivePods(allPods);
    const rsClient = this.ctx.client.resource('apps', 'replicasets');
    const canAdopt = recheckDeletionTimestamp(() => {
      const fresh = rsClient.get(namespace, name);
      if (fresh.metadata.uid !== cached.metadata.uid)
        throw new Error(`original ReplicaSet ${namespace}/${name} is gone: got uid ${fresh.metadata.uid}, wanted ${cached.metadata.uid}`);
      return fresh;
    });
    const cm = new PodControllerRefManager(this.podControl, cached, selector, rsKind, canAdopt);
    const { claimed, error: claimErr } = cm.claimPods(active);
    if (claimErr) throw claimErr;

    let manageErr: Error | undefined;
    if (rsNeedsSync && !cached.metadata.deletionTimestamp) manageErr = this.manageReplicas(claimed, cached);
    const rs = structuredClone(cached);
    const now = this.clock.now();
    const newStatus = calculateStatus(rs, claimed, manageErr, now);
    const updated = updateReplicaSetStatus(rsClient, rs, newStatus);
    if (manageErr) throw manageErr;
    const minReadySeconds = updated.spec?.minReadySeconds ?? 0;
    const replicas = updated.spec?.replicas ?? 1;
    let requeueAfter: number | undefined;
    // Upstream's last line of defence: all ready but not all available yet.
    if (minReadySeconds > 0 && (updated.status?.readyReplicas ?? 0) === replicas && (updated.status?.availableReplicas ?? 0) !== replicas)
      requeueAfter = minReadySeconds * 1000;
    const next = nextAvailableCheck(claimed, minReadySeconds, now);
    if (next !== undefined) requeueAfter = requeueAfter === undefined ? next : Math.min(requeueAfter, next);
    return requeueAfter === undefined ? undefined : { requeueAfter };
  }
}
