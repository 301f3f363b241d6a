/**
 * The garbage collector (upstream pkg/controller/garbagecollector), level-based: instead of
 * upstream's dependency graph, shared informers on every deletable kind are indexed by uid and by
 * owner uid, and `sync(key)` runs attemptToDeleteItem / processDeletingDependentsItem /
 * attemptToOrphanWorker for one object against live reads. The outcomes are upstream's:
 * - an object whose owners are all absent (not found, or a same-named object with another uid) or
 *   waiting for their dependents' deletion is deleted (Background, or as its finalizers ask);
 * - an object with a live owner loses its references to absent and foreground-deleting owners;
 * - an owner being deleted with `foregroundDeletion` has its dependents deleted and keeps the
 *   finalizer until no dependent with blockOwnerDeletion=true remains (terminating ones still block);
 * - an owner being deleted with `orphan` has its reference removed from every dependent, then the
 *   finalizer removed.
 * Informer events enqueue what upstream's GraphBuilder would put on attemptToDelete/attemptToOrphan.
 */
import { isApiError } from '../../api/errors.js';
import type { KObject } from '../../api/meta.js';
import type { ResourceClient } from '../../client/client.js';
import type { Informer } from '../../client/informer.js';
import { Controller, type SyncResult } from '../runtime/controller.js';
import { deleteObject, ignoreNotFound, removeFinalizer } from './operations.js';
import type { EventRecorder } from '../runtime/event-recorder.js';
import type { ControllerContext } from '../runtime/manager.js';
import {
  FinalizerDeleteDependents,
  FinalizerOrphanDependents,
  RestMappingError,
  beingDeleted,
  blockingDependents,
  decide,
  deleteOwnerRefStrategicMergePatch,
  deletionStartsWithFinalizer,
  hasFinalizer,
  isDeletingDependents,
  objectReferenceString,
  referencesDiffs,
  unblockOwnerReferencesStrategicMergePatch,
  unblockedOwnerUIDs,
  type Classified,
} from './references.js';

const ownerIndex = 'garbagecollector/owner-uid';
const uidIndex = 'garbagecollector/uid';

/** Upstream DefaultIgnoredResources: events are never collected. */
const ignoredResources = new Set(['/events', 'events.k8s.io/events']);

interface Kind {
  group: string;
  version: string;
  apiVersion: string;
  kind: string;
  resource: string;
  namespaced: boolean;
}

interface Monitor extends Kind {
  informer: Informer;
}

/** A cluster-scoped item refers to a namespaced owner: not retried (namespacedOwnerOfClusterScopedObjectErr). */
class NamespacedOwnerOfClusterScopedObject extends Error {
  constructor() {
    super('cluster-scoped objects cannot refer to namespaced owners');
  }
}

export class GarbageCollector extends Controller {
  private readonly monitors = new Map<string, Monitor>();
  private readonly kinds = new Map<string, Kind>();
  private readonly clients = new Map<string, ResourceClient>();
  private readonly recorder: EventRecorder;

  constructor(private readonly ctx: ControllerContext) {
    super('garbage-collector-controller', ctx.clock);
    this.recorder = ctx.recorder('garbage-collector-controller');
    for (const r of ctx.client.resources()) {
      const apiVersion = r.group ? `${r.group}/${r.version}` : r.version;
      const kind: Kind = { group: r.group, version: r.version, apiVersion, kind: r.kind, resource: r.resource, namespaced: r.namespaced };
      this.kinds.set(`${apiVersion}|${r.kind}`, kind);
      if (ignoredResources.has(`${r.group}/${r.resource}`)) continue;
      if (!['delete', 'list', 'watch'].every((v) => r.verbs.includes(v))) continue;
      const informer = ctx.informers.for(r.group, r.resource);
      informer.addIndexer(ownerIndex, (o) => (o.metadata.ownerReferences ?? []).map((ref) => ref.uid));
      informer.addIndexer(uidIndex, (o) => (o.metadata.uid ? [o.metadata.uid] : []));
      const m: Monitor = { ...kind, informer };
      this.monitors.set(grKey(r.group, r.resource), m);
      informer.addEventHandler({
        onAdd: (o) => this.onAdd(m, o),
        onUpdate: (a, b) => this.onUpdate(m, a, b),
        onDelete: (o) => this.onDelete(o),
      });
    }
  }

  // ---- what the GraphBuilder would enqueue ----

  private onAdd(m: Monitor, obj: KObject): void {
    if ((obj.metadata.ownerReferences ?? []).length) this.enqueue(itemKey(m, obj));
    if (beingDeleted(obj) && (hasFinalizer(obj, FinalizerOrphanDependents) || hasFinalizer(obj, FinalizerDeleteDependents))) this.enqueue(itemKey(m, obj));
  }

  private onUpdate(m: Monitor, oldObj: KObject, newObj: KObject): void {
    const { added, removed, changed } = referencesDiffs(oldObj.metadata.ownerReferences ?? [], newObj.metadata.ownerReferences ?? []);
    if (added.length || removed.length || changed.length) {
      for (const uid of unblockedOwnerUIDs(removed, changed)) this.enqueueUID(uid);
      if ((newObj.metadata.ownerReferences ?? []).length) this.enqueue(itemKey(m, newObj));
    }
    if (deletionStartsWithFinalizer(oldObj, newObj, FinalizerOrphanDependents) || deletionStartsWithFinalizer(oldObj, newObj, FinalizerDeleteDependents))
      this.enqueue(itemKey(m, newObj));
  }

  /** A deleted object: its dependents may now be orphans; owners deleting dependents may be unblocked. */
  private onDelete(obj: KObject): void {
    const uid = obj.metadata.uid;
    if (uid) for (const [k] of this.dependentsOf(uid)) this.enqueue(k);
    for (const ref of obj.metadata.ownerReferences ?? []) {
      for (const [k, owner] of this.byUID(ref.uid)) if (isDeletingDependents(owner)) this.enqueue(k);
    }
  }

  private enqueueUID(uid: string): void {
    for (const [k] of this.byUID(uid)) this.enqueue(k);
  }

  /** Cached objects whose ownerReferences name `uid`, with their keys. */
  private dependentsOf(uid: string): Array<[string, KObject, Monitor]> {
    const out: Array<[string, KObject, Monitor]> = [];
    for (const m of this.monitors.values()) for (const o of m.informer.byIndex(ownerIndex, uid)) out.push([itemKey(m, o), o, m]);
    return out;
  }

  private byUID(uid: string): Array<[string, KObject, Monitor]> {
    const out: Array<[string, KObject, Monitor]> = [];
    for (const m of this.monitors.values()) for (const o of m.informer.byIndex(uidIndex, uid)) out.push([itemKey(m, o), o, m]);
    return out;
  }

  private client(group: string, resource: string): ResourceClient {
    const k = grKey(group, resource);
    let c = this.clients.get(k);
    if (!c) this.clients.set(k, (c = this.ctx.client.resource(group, resource)));
    return c;
  }

  // ---- the workers ----

  sync(key: string): SyncResult | void {
    const { group, resource, namespace, name } = parseItemKey(key);
    const m = this.monitors.get(grKey(group, resource));
    if (!m) return;
    let obj = this.getLive(m, namespace, name);
    if (!obj) return;
    if (beingDeleted(obj) && hasFinalizer(obj, FinalizerOrphanDependents)) {
      this.attemptToOrphan(m, obj);
      obj = this.getLive(m, namespace, name);
      if (!obj) return;
    }
    if (beingDeleted(obj)) {
      // "being deleted" is a one-way trip; only an owner deleting its dependents has work left.
      if (isDeletingDependents(obj)) this.processDeletingDependentsItem(m, obj);
      return;
    }
    this.attemptToDeleteItem(m, obj);
  }

  private getLive(m: Monitor, namespace: string, name: string): KObject | undefined {
    try {
      return this.client(m.group, m.resource).get(namespace, name);
    } catch (e) {
      if (isApiError(e, 'NotFound')) return undefined;
      throw e;
    }
  }

  /** attemptToDeleteItem for an item that is not being deleted. */
  private attemptToDeleteItem(m: Monitor, item: KObject): void {
    const refs = item.metadata.ownerReferences ?? [];
    if (!refs.length) return;
    let classified: Classified;
    try {
      classified = this.classifyReferences(item);
    } catch (e) {
      if (e instanceof NamespacedOwnerOfClusterScopedObject) return;
      throw e;
    }
    const uid = item.metadata.uid!;
    const dependents = this.dependentsOf(uid).map(([, o]) => o);
    const d = decide(item, classified, dependents);
    const rc = this.client(m.group, m.resource);
    const ns = item.metadata.namespace ?? '';
    switch (d.action) {
      case 'none':
        return;
      case 'removeReferences':
        ignoreNotFound(() => rc.patch(ns, item.metadata.name!, 'strategic', deleteOwnerRefStrategicMergePatch(uid, d.uids)));
        return;
      case 'deleteForeground':
        if (d.unblockFirst) rc.patch(ns, item.metadata.name!, 'strategic', unblockOwnerReferencesStrategicMergePatch(item));
        deleteObject(rc, item, 'Foreground');
        return;
      case 'delete':
        deleteObject(rc, item, d.policy);
        return;
    }
  }

  /** classifyReferences: solid, dangling, waitingForDependentsDeletion, from live reads of each owner. */
  private classifyReferences(item: KObject): Classified {
    const out: Classified = { solid: [], dangling: [], waitingForDependentsDeletion: [] };
    for (const ref of item.metadata.ownerReferences ?? []) {
      const owner = this.isDangling(item, ref);
      if (!owner) out.dangling.push(ref);
      else if (isDeletingDependents(owner)) out.waitingForDependentsDeletion.push(ref);
      else out.solid.push(ref);
    }
    return out;
  }

  /** isDangling: the live owner, or undefined when it does not exist (or has another uid). */
  private isDangling(item: KObject, ref: { apiVersion: string; kind: string; name: string; uid: string }): KObject | undefined {
    const kind = this.kinds.get(`${ref.apiVersion}|${ref.kind}`);
    if (!kind) throw new RestMappingError(ref.kind, ref.apiVersion);
    const itemNS = item.metadata.namespace ?? '';
    if (!itemNS && kind.namespaced) {
      this.reportInvalidNamespaceOwnerRef(item, ref, itemNS);
      throw new NamespacedOwnerOfClusterScopedObject();
    }
    let owner: KObject | undefined;
    try {
      owner = this.client(kind.group, kind.resource).get(kind.namespaced ? itemNS : '', ref.name);
    } catch (e) {
      if (!isApiError(e, 'NotFound')) throw e;
    }
    if (owner && owner.metadata.uid === ref.uid) return owner;
    if (kind.namespaced) this.reportInvalidNamespaceOwnerRef(item, ref, itemNS);
    return undefined;
  }

  /**
   * reportInvalidNamespaceOwnerRef: the referenced uid belongs to an object observed in another
   * namespace, so the reference can never resolve.
   */
  private reportInvalidNamespaceOwnerRef(item: KObject, ref: { apiVersion: string; kind: string; name: string; uid: string }, itemNS: string): void {
    const elsewhere = this.byUID(ref.uid).some(([, o]) => (o.metadata.namespace ?? '') !== '' && (o.metadata.namespace ?? '') !== itemNS);
    if (!elsewhere) return;
    const identity = objectReferenceString({ apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name, uid: ref.uid, namespace: itemNS });
    this.recorder.event(item, 'Warning', 'OwnerRefInvalidNamespace', `ownerRef ${identity} does not exist in namespace "${itemNS}"`);
  }

  /** processDeletingDependentsItem: finish the owner when nothing blocks it, else delete its dependents. */
  private processDeletingDependentsItem(m: Monitor, owner: KObject): void {
    const deps = this.dependentsOf(owner.metadata.uid!);
    if (!blockingDependents(owner.metadata.uid!, deps.map(([, o]) => o)).length) {
      removeFinalizer(this.client(m.group, m.resource), owner, FinalizerDeleteDependents, identityOf(m, owner));
      return;
    }
    for (const [k, d] of deps) if (!beingDeleted(d)) this.enqueue(k);
  }

  /** attemptToOrphanWorker: remove the owner's reference from every dependent, then the orphan finalizer. */
  private attemptToOrphan(m: Monitor, owner: KObject): void {
    const uid = owner.metadata.uid!;
    const errors: string[] = [];
    for (const [, dep, dm] of this.dependentsOf(uid)) {
      try {
        this.client(dm.group, dm.resource).patch(dep.metadata.namespace ?? '', dep.metadata.name!, 'strategic', deleteOwnerRefStrategicMergePatch(dep.metadata.uid!, [uid]));
      } catch (e) {
        if (!isApiError(e, 'NotFound')) errors.push(`orphaning ${identityOf(dm, dep)} failed, ${(e as Error).message}`);
      }
    }
    if (errors.length)
      throw new Error(`failed to orphan dependents of owner ${identityOf(m, owner)}, got errors: ${errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`}`);
    removeFinalizer(this.client(m.group, m.resource), owner, FinalizerOrphanDependents, identityOf(m, owner));
  }
}

const grKey = (group: string, resource: string) => `${group}/${resource}`;

function itemKey(m: Kind, obj: KObject): string {
  return [m.group, m.resource, obj.metadata.namespace ?? '', obj.metadata.name].join('|');
}

function parseItemKey(key: string): { group: string; resource: string; namespace: string; name: string } {
  const [group = '', resource = '', namespace = '', name = ''] = key.split('|');
  return { group, resource, namespace, name };
}

function identityOf(m: Kind, obj: KObject): string {
  return objectReferenceString({ apiVersion: m.apiVersion, kind: m.kind, name: obj.metadata.name ?? '', uid: obj.metadata.uid ?? '', namespace: obj.metadata.namespace ?? '' });
}
