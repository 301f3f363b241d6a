/**
 * The taint-eviction controller (pkg/controller/tainteviction): pods bound to a node with NoExecute
 * taints they do not tolerate are deleted at once; pods tolerating them for tolerationSeconds are
 * deleted when the shortest toleration runs out (timers on the clock); tolerating forever cancels.
 * Before deleting, the pod gets the DisruptionTarget condition (DeletionByTaintManager).
 */
import { ApiError } from '../../api/errors.js';
import { type TaintT, type TolerationT, TaintEffectNoExecute, getMatchingTolerations } from '../../api/core/taints.js';
import type { KObject } from '../../api/meta.js';
import type { ResourceClient } from '../../client/client.js';
import { type Informer, keyOf } from '../../client/informer.js';
import { rfc3339 } from '../../util/clock.js';
import { Controller, type SyncResult } from '../runtime/controller.js';
import type { EventRecorder } from '../runtime/event-recorder.js';
import type { ControllerContext } from '../runtime/manager.js';

export const ComponentName = 'taint-eviction-controller';

interface PodFields {
  spec?: { nodeName?: string; tolerations?: TolerationT[] };
  status?: { phase?: string };
}

const noExecuteTaints = (node: KObject | undefined): TaintT[] =>
  (((node?.spec as { taints?: TaintT[] } | undefined)?.taints ?? []) as TaintT[]).filter((t) => t.effect === TaintEffectNoExecute);

/**
 * getMinTolerationTime: 0 when any used toleration has tolerationSeconds <= 0 or there are none;
 * -1 (forever) when none sets tolerationSeconds; else the smallest, in ms.
 */
export function getMinTolerationTime(tolerations: TolerationT[]): number {
  if (tolerations.length === 0) return 0;
  let min = Infinity;
  for (const t of tolerations) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return min === Infinity ? -1 : min * 1000;
}

interface Work {
  createdAt: number;
  fireAt: number;
  /** Set once the deletion was issued (upstream keeps a nil worker: cancelling it is silent). */
  done?: boolean;
}

export class TaintEvictionController extends Controller {
  private readonly pods: Informer;
  private readonly nodes: Informer;
  private readonly podClient: ResourceClient;
  private readonly recorder: EventRecorder;
  /** Scheduled evictions by pod key. */
  private readonly work = new Map<string, Work>();

  constructor(ctx: ControllerContext) {
    super(ComponentName, ctx.clock);
    this.pods = ctx.informers.for('', 'pods');
    this.nodes = ctx.informers.for('', 'nodes');
    this.podClient = ctx.client.resource('', 'pods');
    this.recorder = ctx.recorder(ComponentName);
    this.pods.addIndexer('nodeName', (p) => [((p.spec as PodFields['spec'])?.nodeName ?? '')]);
    this.pods.addEventHandler({
      onAdd: (p) => this.podChanged(undefined, p),
      onUpdate: (a, b) => this.podChanged(a, b),
      onDelete: (p) => this.cancelWork(keyOf(p), p),
    });
    this.nodes.addEventHandler({
      onAdd: (n) => this.nodeChanged(undefined, n),
      onUpdate: (a, b) => this.nodeChanged(a, b),
    });
  }

  private podChanged(old: KObject | undefined, p: KObject): void {
    const s = p.spec as PodFields['spec'];
    if (!s?.nodeName) return;
    const o = old?.spec as PodFields['spec'];
    if (old && o?.nodeName === s.nodeName && JSON.stringify(o?.tolerations) === JSON.stringify(s.tolerations)) return;
    this.enqueue(keyOf(p));
  }

  private nodeChanged(old: KObject | undefined, n: KObject): void {
    if (old && JSON.stringify(noExecuteTaints(old)) === JSON.stringify(noExecuteTaints(n))) return;
    for (const p of this.pods.byIndex('nodeName', n.metadata.name!)) this.enqueue(keyOf(p));
  }

  /** cancelWorkWithEvent: drop a pending eviction, telling the pod when one was pending. */
  private cancelWork(key: string, pod: KObject | undefined): void {
    const w = this.work.get(key);
    if (!w) return;
    this.work.delete(key);
    if (w.done) return;
    const [namespace, name] = key.split('/') as [string, string];
    const ref = pod ?? ({ apiVersion: 'v1', kind: 'Pod', metadata: { namespace, name } } as KObject);
    this.recorder.event(ref, 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`);
  }

  /** processPodOnNode, then fire any eviction that is due. */
  sync(key: string): SyncResult | void {
    const pod = this.pods.getByKey(key);
    if (!pod) {
      this.work.delete(key);
      return;
    }
    const spec = pod.spec as PodFields['spec'];
    const node = spec?.nodeName ? this.nodes.get('', spec.nodeName) : undefined;
    const taints = noExecuteTaints(node);
    const now = this.clock.now();
    if (taints.length === 0) return this.cancelWork(key, pod);
    const [allTolerated, used] = getMatchingTolerations(taints, spec?.tolerations);
    let w = this.work.get(key);
    if (!allTolerated) {
      if (w && !w.done && w.fireAt > now) this.cancelWork(key, pod);
      w = this.work.get(key);
      if (!w) this.work.set(key, (w = { createdAt: now, fireAt: now }));
    } else {
      const min = getMinTolerationTime(used);
      if (min < 0) return this.cancelWork(key, pod);
      // An eviction already scheduled keeps its time (upstream keeps the earlier worker).
      if (!w) this.work.set(key, (w = { createdAt: now, fireAt: now + min }));
    }
    if (w.done) return;
    if (w.fireAt > now) return { requeueAfter: w.fireAt - now };
    this.evict(pod, key);
    w.done = true;
  }

  /** deletePodHandler: the event, the DisruptionTarget condition, then the delete. */
  private evict(pod: KObject, key: string): void {
    this.recorder.event(pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`);
    const ns = pod.metadata.namespace!;
    const name = pod.metadata.name!;
    try {
      if (!pod.metadata.deletionTimestamp) {
        this.podClient.patchStatus(ns, name, 'strategic', {
          status: {
            conditions: [
              { type: 'DisruptionTarget', status: 'True', lastTransitionTime: rfc3339(this.clock.now()), reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' },
            ],
          },
        });
      }
      this.podClient.delete(ns, name);
    } catch (e) {
      if (e instanceof ApiError && e.code === 404) return;
      throw e;
    }
  }
}
