/**
 * The resource metrics the simulated kubelets would report (what metrics-server aggregates): the
 * usage model applied to every running pod read through the client (with the cpu/memory use that
 * Behavior objects and pod annotations set), summed per node. Works whether or not the kubelets run
 * (tests may drive pod status themselves).
 */
import type { Client } from '../client/client.js';
import type { KObject } from '../api/meta.js';
import type { MetricsSource, NodeUsage, PodUsage } from '../api/metrics/metrics.js';
import type { Clock } from '../util/clock.js';
import { resolveBehaviour } from './behaviour.js';
import { containerUsage, nodeSystemUsage, type UsagePod } from './usage.js';

/** metrics-server's default resolution. */
export const metricsWindowMs = 15_000;

export class UsageMetricsSource implements MetricsSource {
  constructor(
    private readonly client: Client,
    private readonly clock: Clock,
  ) {}

  /** The Behavior objects (none when the kind is not served). */
  private behaviors(): KObject[] {
    try {
      return this.client.resource('kubemu.dev', 'behaviors').list().items as KObject[];
    } catch {
      return [];
    }
  }

  private podUsage(pod: KObject, now: number, behaviors: KObject[]): PodUsage | undefined {
    const p = pod as unknown as UsagePod & { status?: { phase?: string } };
    if (p.status?.phase !== 'Running') return undefined;
    const containers = [];
    for (const c of p.spec?.containers ?? []) {
      const u = containerUsage(p, c.name, now, resolveBehaviour(pod, c, behaviors).usage ?? {});
      if (u) containers.push({ name: c.name, ...u });
    }
    if (containers.length === 0) return undefined;
    return { namespace: pod.metadata.namespace!, name: pod.metadata.name!, labels: { ...(pod.metadata.labels ?? {}) }, timestamp: now, windowMs: metricsWindowMs, containers };
  }

  podMetrics(namespace: string | undefined): PodUsage[] {
    const now = this.clock.now();
    const pods = this.client.resource('', 'pods').list(namespace).items as KObject[];
    const behaviors = this.behaviors();
    const out: PodUsage[] = [];
    for (const pod of pods) {
      const u = this.podUsage(pod, now, behaviors);
      if (u) out.push(u);
    }
    return out;
  }

  nodeMetrics(): NodeUsage[] {
    const now = this.clock.now();
    const nodes = this.client.resource('', 'nodes').list().items as KObject[];
    const pods = this.client.resource('', 'pods').list().items as KObject[];
    const behaviors = this.behaviors();
    return nodes.map((n) => {
      const name = n.metadata.name!;
      const sys = nodeSystemUsage(name);
      let cpu = sys.cpuNanoCores;
      let mem = sys.memoryBytes;
      for (const pod of pods) {
        if ((pod.spec as { nodeName?: string } | undefined)?.nodeName !== name) continue;
        const u = this.podUsage(pod, now, behaviors);
        for (const c of u?.containers ?? []) {
          cpu += c.cpuNanoCores;
          mem += c.memoryBytes;
        }
      }
      return { name, labels: { ...(n.metadata.labels ?? {}) }, timestamp: now, windowMs: metricsWindowMs, cpuNanoCores: cpu, memoryBytes: mem };
    });
  }
}
