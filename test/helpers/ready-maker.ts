/**
 * A stand-in for the kubelets in end-to-end tests, run beside the controllers (so `cluster.settle()`
 * covers it): pods bound to a node are made Running/Ready through the status subresource (markPodsReady),
 * and pods being deleted are removed with gracePeriodSeconds 0 and their uid as a precondition, as a
 * kubelet does once their containers have stopped. Readiness can be held back and released a few
 * pods at a time, to watch a rollout step by step.
 */
import type { KObject } from '../../src/api/meta.js';
import type { Cluster } from '../../src/app.js';
import { keyOf, type Informer } from '../../src/client/informer.js';
import { Controller } from '../../src/controllers/runtime/controller.js';
import type { FakeClock } from '../../src/util/clock.js';
import type { TestCluster } from './cluster.js';
import { markPodsReady } from './pods.js';

type PodLike = KObject & { spec?: { nodeName?: string }; status?: { phase?: string; conditions?: Array<{ type: string; status: string }> } };

const isReady = (p: PodLike) => p.status?.phase === 'Running' && (p.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

export class ReadyMaker extends Controller {
  private readonly pods: Informer;
  /** How many more pods may be made ready (Infinity: every pod, as it is bound). */
  private budget = Infinity;
  /** Bound, not-ready pods held back while the budget is spent, in the order they were seen. */
  private readonly waiting = new Set<string>();
  /** Pods made ready so far, by name (for assertions). */
  readonly readied: string[] = [];
  /** Pods whose termination was finished, by name. */
  readonly removed: string[] = [];
  private finishing = true;

  constructor(
    private readonly cluster: Cluster,
    clock: FakeClock,
  ) {
    super('test-ready-maker', clock);
    this.pods = cluster.controllers.informers.for('', 'pods');
    this.pods.addEventHandler({ onAdd: (p) => this.enqueue(keyOf(p)), onUpdate: (_o, p) => this.enqueue(keyOf(p)) });
  }

  /** Start it beside the cluster's controllers. */
  static start(cluster: Cluster, clock: FakeClock): ReadyMaker {
    const rm = new ReadyMaker(cluster, clock);
    cluster.controllers.add(rm);
    rm.start();
    return rm;
  }

  /** Stop making pods ready (pods bound from now on wait for allow()/auto()). */
  hold(): void {
    this.budget = 0;
  }

  /** Make up to n of the waiting (and later) pods ready, then hold again. */
  allow(n: number): void {
    this.budget = n;
    this.release();
  }

  /** Make every pod ready as it is bound (the default). */
  auto(): void {
    this.budget = Infinity;
    this.release();
  }

  /** Whether deleted pods are removed (default true); turning it back on finishes those left terminating. */
  get finishTermination(): boolean {
    return this.finishing;
  }
  set finishTermination(on: boolean) {
    this.finishing = on;
    if (on) for (const p of this.pods.list()) if (p.metadata.deletionTimestamp) this.enqueue(keyOf(p));
  }

  /** Pods held back, waiting to be made ready. */
  get held(): string[] {
    return [...this.waiting];
  }

  private release(): void {
    for (const k of this.waiting) this.enqueue(k);
  }

  sync(key: string): void {
    const pod = this.pods.getByKey(key) as PodLike | undefined;
    if (!pod) {
      this.waiting.delete(key);
      return;
    }
    const ns = pod.metadata.namespace!;
    const name = pod.metadata.name!;
    if (pod.metadata.deletionTimestamp) {
      this.waiting.delete(key);
      if (!this.finishing || (pod.metadata.finalizers ?? []).length) return;
      try {
        this.cluster.client.resource('', 'pods').delete(ns, name, { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } });
        this.removed.push(name);
      } catch (e) {
        if ((e as { code?: number }).code !== 404 && (e as { code?: number }).code !== 409) throw e;
      }
      return;
    }
    if (!pod.spec?.nodeName || isReady(pod)) {
      this.waiting.delete(key);
      return;
    }
    if (this.budget <= 0) {
      this.waiting.add(key);
      return;
    }
    this.waiting.delete(key);
    // markPodsReady reads the cluster's clock and client only; the clock is the fake one.
    const changed = markPodsReady(this.cluster as unknown as TestCluster, ns, undefined, { names: [name] });
    if (changed.length) {
      this.budget--;
      this.readied.push(name);
    }
  }
}
