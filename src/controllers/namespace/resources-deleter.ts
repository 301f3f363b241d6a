/**
 * Deleting everything in a terminating namespace (upstream
 * pkg/controller/namespace/deletion/namespaced_resources_deleter.go): mark it Terminating, delete
 * every namespaced kind (deletecollection where served, else list + delete), report what remains in
 * the status conditions, estimate how long graceful pods need, and when nothing is left remove the
 * `kubernetes` finalizer through namespaces/finalize (the server then removes the namespace).
 */
import { isApiError } from '../../api/errors.js';
import type { KObject } from '../../api/meta.js';
import type { Client } from '../../client/client.js';
import { parseTime, type Clock } from '../../util/clock.js';
import { NamespaceConditionUpdater, type ContentTotals, type NamespaceCondition } from './status-conditions.js';

/** Assumed seconds for finalizers to complete on items pending deletion (finalizerEstimateSeconds). */
export const finalizerEstimateSeconds = 15;

/** Content remains; the caller should try again after about `estimate` seconds. */
export class ResourcesRemainingError extends Error {
  constructor(readonly estimate: number) {
    super(`some content remains in the namespace, estimate ${estimate} seconds before it is removed`);
  }
}

interface NamespaceObject extends KObject {
  spec?: { finalizers?: string[] };
  status?: { phase?: string; conditions?: NamespaceCondition[] };
}

interface GVR {
  group: string;
  version: string;
  resource: string;
  verbs: string[];
}

interface GVRDeletionMetadata {
  finalizerEstimateSeconds: number;
  numRemaining: number;
  finalizersToNumRemaining?: Map<string, number>;
}

/** Go's %v of a GroupVersionResource: "{apps v1 deployments}", "{ v1 pods}". */
const gvrString = (g: GVR) => `{${g.group} ${g.version} ${g.resource}}`;

/** utilerrors.NewAggregate(...).Error(). */
export function aggregateMessage(msgs: string[]): string {
  return msgs.length === 1 ? msgs[0]! : `[${msgs.join(', ')}]`;
}

export class NamespacedResourcesDeleter {
  constructor(
    private readonly client: Client,
    private readonly clock: Clock,
    readonly finalizerToken = 'kubernetes',
  ) {}

  /**
   * Delete all content of the namespace and finalize it. Throws ResourcesRemainingError when content
   * is still going away, or the aggregated errors of the pass.
   */
  delete(nsName: string): void {
    const namespaces = this.client.resource('', 'namespaces');
    let ns = this.getNamespace(nsName);
    if (!ns || !ns.metadata.deletionTimestamp) return;
    ns = this.retryOnConflict(ns, (n) => this.updateNamespaceStatus(n));
    if (!ns || !ns.metadata.deletionTimestamp) return;
    if (finalized(ns)) return;
    const estimate = this.deleteAllContent(ns);
    if (estimate > 0) throw new ResourcesRemainingError(estimate);
    this.retryOnConflict(ns, (n) => {
      const finalizers = [...new Set((n.spec?.finalizers ?? []).filter((f) => f !== this.finalizerToken))].sort();
      try {
        return namespaces.finalize(n.metadata.name!, { ...n, spec: { ...(n.spec ?? {}), finalizers } }) as NamespaceObject;
      } catch (e) {
        if (isApiError(e, 'NotFound')) return n;
        throw e;
      }
    });
  }

  private getNamespace(name: string): NamespaceObject | undefined {
    try {
      return this.client.resource('', 'namespaces').get('', name) as NamespaceObject;
    } catch (e) {
      if (isApiError(e, 'NotFound')) return undefined;
      throw e;
    }
  }

  /** retryOnConflictError: re-read and retry on conflict; NotFound means the namespace is gone. */
  private retryOnConflict(ns: NamespaceObject, fn: (n: NamespaceObject) => NamespaceObject): NamespaceObject | undefined {
    let latest = ns;
    for (;;) {
      try {
        return fn(latest);
      } catch (e) {
        if (isApiError(e, 'NotFound')) return undefined;
        if (!isApiError(e, 'Conflict')) throw e;
        const prev = latest;
        const next = this.getNamespace(prev.metadata.name!);
        if (!next) return undefined;
        if (next.metadata.uid !== prev.metadata.uid) throw new Error('namespace uid has changed across retries');
        latest = next;
      }
    }
  }

  /** updateNamespaceStatusFunc: phase Terminating once deletion has started. */
  private updateNamespaceStatus(ns: NamespaceObject): NamespaceObject {
    if (!ns.metadata.deletionTimestamp || ns.status?.phase === 'Terminating') return ns;
    const next = structuredClone(ns);
    next.status = { ...(next.status ?? {}), phase: 'Terminating' };
    return this.client.resource('', 'namespaces').updateStatus('', next) as NamespaceObject;
  }

  /** deleteAllContent: every namespaced, deletable kind; returns the largest estimate (seconds). */
  deleteAllContent(ns: NamespaceObject): number {
    const namespace = ns.metadata.name!;
    const deletedAt = parseTime(ns.metadata.deletionTimestamp) ?? this.clock.now();
    const errs: string[] = [];
    const conditions = new NamespaceConditionUpdater(this.clock.now());
    let estimate = 0;
    const gvrs: GVR[] = this.client.resources().filter((r) => r.namespaced && r.verbs.includes('delete'));
    const totals: ContentTotals = { gvrToNumRemaining: new Map(), finalizersToNumRemaining: new Map() };
    for (const gvr of gvrs) {
      let meta: GVRDeletionMetadata;
      try {
        meta = this.deleteAllContentForGroupVersionResource(gvr, namespace, deletedAt);
      } catch (e) {
        const m = e instanceof ContentError ? e.meta : { finalizerEstimateSeconds: 0, numRemaining: 0 };
        const msg = (e as Error).message;
        errs.push(msg);
        conditions.processDeleteContentErr(msg);
        meta = m;
      }
      if (meta.finalizerEstimateSeconds > estimate) estimate = meta.finalizerEstimateSeconds;
      if (meta.numRemaining > 0) {
        totals.gvrToNumRemaining.set(`${gvr.resource}.${gvr.group}`, meta.numRemaining);
        for (const [f, n] of meta.finalizersToNumRemaining ?? []) {
          if (n === 0) continue;
          totals.finalizersToNumRemaining.set(f, (totals.finalizersToNumRemaining.get(f) ?? 0) + n);
        }
      }
    }
    conditions.processContentTotals(totals);
    const updated = structuredClone(ns);
    updated.status = { ...(updated.status ?? {}) };
    if (conditions.update(updated.status)) {
      try {
        this.client.resource('', 'namespaces').updateStatus('', updated);
      } catch {
        // upstream only logs: "couldn't update status condition for namespace"
      }
    }
    if (errs.length) throw new Error(aggregateMessage(errs));
    return estimate;
  }

  private deleteAllContentForGroupVersionResource(gvr: GVR, namespace: string, deletedAt: number): GVRDeletionMetadata {
    const estimate = this.estimateGracefulTermination(gvr, namespace, deletedAt);
    const fail = (e: unknown): never => {
      throw new ContentError((e as Error).message, { finalizerEstimateSeconds: estimate, numRemaining: 0 });
    };
    let supported = false;
    try {
      supported = this.deleteCollection(gvr, namespace);
    } catch (e) {
      fail(e);
    }
    if (!supported) {
      try {
        this.deleteEachItem(gvr, namespace);
      } catch (e) {
        fail(e);
      }
    }
    let items: KObject[] | undefined;
    try {
      items = this.listCollection(gvr, namespace);
    } catch (e) {
      fail(e);
    }
    if (!items) return { finalizerEstimateSeconds: estimate, numRemaining: 0 };
    if (!items.length) return { finalizerEstimateSeconds: 0, numRemaining: 0 };
    const finalizersToNumRemaining = new Map<string, number>();
    for (const it of items) for (const f of it.metadata.finalizers ?? []) finalizersToNumRemaining.set(f, (finalizersToNumRemaining.get(f) ?? 0) + 1);
    if (estimate !== 0) return { finalizerEstimateSeconds: estimate, numRemaining: items.length, finalizersToNumRemaining };
    if (finalizersToNumRemaining.size)
      return { finalizerEstimateSeconds: finalizerEstimateSeconds, numRemaining: items.length, finalizersToNumRemaining };
    throw new ContentError(`unexpected items still remain in namespace: ${namespace} for gvr: ${gvrString(gvr)}`, {
      finalizerEstimateSeconds: estimate,
      numRemaining: items.length,
    });
  }

  /** deleteCollection with Background propagation; false when the kind does not serve it. */
  private deleteCollection(gvr: GVR, namespace: string): boolean {
    if (!gvr.verbs.includes('deletecollection')) return false;
    try {
      this.client.resource(gvr.group, gvr.resource).deleteCollection(namespace, {}, { propagationPolicy: 'Background' });
      return true;
    } catch (e) {
      if (isApiError(e, 'MethodNotAllowed') || isApiError(e, 'NotFound')) return false;
      throw e;
    }
  }

  /** listCollection: the items left, or undefined when the kind cannot be listed. */
  private listCollection(gvr: GVR, namespace: string): KObject[] | undefined {
    if (!gvr.verbs.includes('list')) return undefined;
    try {
      return this.client.resource(gvr.group, gvr.resource).list(namespace).items;
    } catch (e) {
      if (isApiError(e, 'MethodNotAllowed') || isApiError(e, 'NotFound')) return undefined;
      throw e;
    }
  }

  private deleteEachItem(gvr: GVR, namespace: string): void {
    const items = this.listCollection(gvr, namespace);
    if (!items) return;
    const rc = this.client.resource(gvr.group, gvr.resource);
    for (const it of items) {
      try {
        rc.delete(namespace, it.metadata.name!, { propagationPolicy: 'Background' });
      } catch (e) {
        if (!isApiError(e, 'NotFound') && !isApiError(e, 'MethodNotAllowed')) throw e;
      }
    }
  }

  /** estimateGracefulTermination: pods' grace periods, until that much time has passed since the namespace's deletion. */
  private estimateGracefulTermination(gvr: GVR, namespace: string, deletedAt: number): number {
    let estimate = 0;
    if (gvr.group === '' && gvr.resource === 'pods') {
      for (const pod of this.client.resource('', 'pods').list(namespace).items) {
        const phase = (pod.status as { phase?: string } | undefined)?.phase;
        if (phase === 'Succeeded' || phase === 'Failed') continue;
        const grace = (pod.spec as { terminationGracePeriodSeconds?: number } | undefined)?.terminationGracePeriodSeconds;
        if (grace !== undefined && grace > estimate) estimate = grace;
      }
    }
    if (this.clock.now() - deletedAt >= estimate * 1000) estimate = 0;
    return estimate;
  }
}

/** An error of one resource's pass, carrying what was learned before it failed. */
class ContentError extends Error {
  constructor(
    message: string,
    readonly meta: GVRDeletionMetadata,
  ) {
    super(message);
  }
}

/** finalized: spec.finalizers is empty. */
export function finalized(ns: { spec?: { finalizers?: string[] } }): boolean {
  return !(ns.spec?.finalizers ?? []).length;
}
