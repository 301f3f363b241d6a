/**
 * The namespace controller (upstream pkg/controller/namespace/namespace_controller.go): namespaces
 * with a deletionTimestamp are queued after a 5 s grace period (so every writer has seen the
 * deletion), then the deleter empties and finalizes them. Content still going away is retried after
 * estimate/2+1 seconds; other failures back off from 5 ms up to 60 s.
 */
import type { KObject } from '../../api/meta.js';
import { keyOf } from '../../client/informer.js';
import { Controller, type SyncResult } from '../runtime/controller.js';
import type { ControllerContext } from '../runtime/manager.js';
import { NamespacedResourcesDeleter, ResourcesRemainingError } from './resources-deleter.js';

/** namespaceDeletionGracePeriod: wait before processing a namespace event. */
export const namespaceDeletionGracePeriodMs = 5_000;

const baseDelayMs = 5;
const maxDelayMs = 60_000;

export class NamespaceController extends Controller {
  private readonly deleter: NamespacedResourcesDeleter;
  private readonly failures = new Map<string, number>();

  constructor(private readonly ctx: ControllerContext) {
    super('namespace-controller', ctx.clock);
    this.deleter = new NamespacedResourcesDeleter(ctx.client, ctx.clock, 'kubernetes');
    const informer = ctx.informers.for('', 'namespaces');
    informer.addEventHandler({
      onAdd: (ns) => this.enqueueNamespace(ns),
      onUpdate: (_old, ns) => this.enqueueNamespace(ns),
    });
  }

  /** enqueueNamespace: only namespaces being deleted, after the grace period. */
  private enqueueNamespace(ns: KObject): void {
    if (!ns.metadata.deletionTimestamp) return;
    this.queue.addAfter(keyOf(ns), namespaceDeletionGracePeriodMs);
  }

  sync(key: string): SyncResult | void {
    const ns = this.ctx.informers.for('', 'namespaces').getByKey(key);
    if (!ns) {
      this.failures.delete(key);
      return;
    }
    try {
      this.deleter.delete(ns.metadata.name!);
      this.failures.delete(key);
    } catch (e) {
      if (e instanceof ResourcesRemainingError) {
        this.failures.delete(key);
        return { requeueAfter: (Math.floor(e.estimate / 2) + 1) * 1000 };
      }
      // AddRateLimited with upstream's nsControllerRateLimiter (5 ms doubling, at most 60 s).
      const n = this.failures.get(key) ?? 0;
      this.failures.set(key, n + 1);
      this.errors.push({ key, error: e });
      if (this.errors.length > 100) this.errors.shift();
      return { requeueAfter: Math.min(maxDelayMs, baseDelayMs * 2 ** n) };
    }
  }
}
