/**
 * upstream pkg/controller/podautoscaler/replica_calculator.go (and metrics/utilization.go): the desired
 * replica count from per-pod metrics, with the tolerance, the grouping of pending/unready/missing pods
 * and the rebalancing that keeps them from flipping the scale direction. Pure: pods, metrics and the
 * time are passed in.
 */
import { quantityMilliValue } from '../../api/quantity.js';

export const defaultTolerance = 0.1;
export const defaultCPUInitializationPeriodMs = 5 * 60_000;
export const defaultDelayOfInitialReadinessStatusMs = 30_000;

export interface PodMetric {
  /** milli-units (millicores for cpu, milli-bytes for memory) */
  value: number;
  timestamp: number;
  windowMs: number;
}
export type PodMetricsInfo = Map<string, PodMetric>;

type Cond = { type: string; status: string; lastTransitionTime?: string };
type Ctr = { name: string; resources?: { requests?: Record<string, string | number> }; restartPolicy?: string };
export interface CalcPod {
  metadata: { name?: string; deletionTimestamp?: string };
  spec?: { containers?: Ctr[]; initContainers?: Ctr[] };
  status?: { phase?: string; startTime?: string; conditions?: Cond[] };
}

export interface CalcOptions {
  tolerance?: number;
  cpuInitializationPeriodMs?: number;
  delayOfInitialReadinessStatusMs?: number;
  now: number;
}

const t = (s: string | undefined) => (s ? Date.parse(s) : NaN);

/** Upstream's error when no sample is left after grouping (since v1.27). */
export const noMetricsMessage = 'did not receive metrics for targeted pods (pods might be unready)';

/**
 * groupPods (upstream v1.32): deleted or failed pods are ignored; pending pods are unready; pods
 * without a sample are missing; for cpu, a pod counts as unready when it has no Ready condition or
 * start time, or, while still inside the cpu initialization period (from its start time), when it is
 * not ready or the sample does not cover a full window since the Ready condition last changed, or,
 * after that period, when it is not ready and has never been ready (the Ready condition last changed
 * within the initial readiness delay after the start).
 */
export function groupPods(
  pods: CalcPod[],
  metrics: PodMetricsInfo,
  resource: string,
  opts: CalcOptions,
): { readyPodCount: number; unready: Set<string>; missing: Set<string>; ignored: Set<string> } {
  const unready = new Set<string>();
  const missing = new Set<string>();
  const ignored = new Set<string>();
  let readyPodCount = 0;
  const initPeriod = opts.cpuInitializationPeriodMs ?? defaultCPUInitializationPeriodMs;
  const delay = opts.delayOfInitialReadinessStatusMs ?? defaultDelayOfInitialReadinessStatusMs;
  for (const pod of pods) {
    const name = pod.metadata.name!;
    if (pod.metadata.deletionTimestamp || pod.status?.phase === 'Failed') {
      ignored.add(name);
      continue;
    }
    if (pod.status?.phase === 'Pending') {
      unready.add(name);
      continue;
    }
    const metric = metrics.get(name);
    if (!metric) {
      missing.add(name);
      continue;
    }
    if (resource === 'cpu') {
      let isUnready: boolean;
      const cond = pod.status?.conditions?.find((c) => c.type === 'Ready');
      const start = t(pod.status?.startTime);
      if (!cond || Number.isNaN(start)) isUnready = true;
      else {
        // a missing lastTransitionTime is Go's zero time: long before any sample
        const ltt = cond.lastTransitionTime ? t(cond.lastTransitionTime) : -Infinity;
        if (start + initPeriod > opts.now) {
          // still initializing: ignore the sample if unready, or if one window was not collected since the last transition
          isUnready = cond.status === 'False' || metric.timestamp < ltt + metric.windowMs;
        } else {
          // ignore the sample if the pod is unready and has never been ready
          isUnready = cond.status === 'False' && start + delay > ltt;
        }
      }
      if (isUnready) {
        unready.add(name);
        continue;
      }
    }
    readyPodCount++;
  }
  return { readyPodCount, unready, missing, ignored };
}

/** calculatePodRequests: summed requests (milli) of the regular and restartable init containers (or the one named). */
export function calculatePodRequests(pods: CalcPod[], container: string, resource: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const pod of pods) {
    let sum = 0;
    const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always')];
    for (const c of containers) {
      if (container && container !== c.name) continue;
      const req = c.resources?.requests?.[resource];
      if (req === undefined) throw new Error(`missing request for ${resource} in container ${c.name} of Pod ${pod.metadata.name}`);
      sum += quantityMilliValue(req);
    }
    out.set(pod.metadata.name!, sum);
  }
  return out;
}

/** metrics.GetResourceUtilizationRatio */
export function resourceUtilizationRatio(metrics: PodMetricsInfo, requests: Map<string, number>, targetUtilization: number): { ratio: number; utilization: number; rawAverage: number } {
  let metricsTotal = 0;
  let requestsTotal = 0;
  let n = 0;
  for (const [pod, m] of metrics) {
    const r = requests.get(pod);
    if (r === undefined) continue;
    metricsTotal += m.value;
    requestsTotal += r;
    n++;
  }
  if (requestsTotal === 0) throw new Error('no metrics returned matched known pods');
  const utilization = Math.trunc((metricsTotal * 100) / requestsTotal);
  return { ratio: utilization / targetUtilization, utilization, rawAverage: Math.trunc(metricsTotal / n) };
}

/** metrics.GetMetricUsageRatio */
export function metricUsageRatio(metrics: PodMetricsInfo, targetUsage: number): { ratio: number; usage: number } {
  let total = 0;
  for (const m of metrics.values()) total += m.value;
  const usage = Math.trunc(total / metrics.size);
  return { ratio: usage / targetUsage, usage };
}

export interface ResourceReplicas {
  replicas: number;
  utilization: number;
  rawUtilization: number;
  timestamp: number;
}

const selectPods = (pods: CalcPod[]) => {
  if (pods.length === 0) throw new Error('no pods returned by selector while calculating replica count');
};

/** GetResourceReplicas (after the metrics are fetched): target utilization as a percentage of requests. */
export function resourceReplicas(currentReplicas: number, targetUtilization: number, resource: string, container: string, pods: CalcPod[], metricsIn: PodMetricsInfo, timestamp: number, opts: CalcOptions): ResourceReplicas {
  const tol = opts.tolerance ?? defaultTolerance;
  const metrics = new Map(metricsIn);
  selectPods(pods);
  const { readyPodCount, unready, missing, ignored } = groupPods(pods, metrics, resource, opts);
  for (const p of ignored) metrics.delete(p);
  for (const p of unready) metrics.delete(p);
  if (metrics.size === 0) throw new Error(noMetricsMessage);
  const requests = calculatePodRequests(pods, container, resource);
  const { ratio: usageRatio, utilization, rawAverage } = resourceUtilizationRatio(metrics, requests, targetUtilization);
  const same = { utilization, rawUtilization: rawAverage, timestamp };
  const scaleUpWithUnready = unready.size > 0 && usageRatio > 1.0;
  if (!scaleUpWithUnready && missing.size === 0) {
    if (Math.abs(1.0 - usageRatio) <= tol) return { replicas: currentReplicas, ...same };
    return { replicas: Math.ceil(usageRatio * readyPodCount), ...same };
  }
  if (missing.size > 0) {
    // on a scale-down, missing pods use 100% of their request (or the target, when above 100%)
    const fallbackUtilization = Math.max(100, targetUtilization);
    if (usageRatio < 1.0) for (const p of missing) metrics.set(p, { value: Math.trunc(((requests.get(p) ?? 0) * fallbackUtilization) / 100), timestamp: 0, windowMs: 0 });
    else if (usageRatio > 1.0) for (const p of missing) metrics.set(p, { value: 0, timestamp: 0, windowMs: 0 });
  }
  if (scaleUpWithUnready) for (const p of unready) metrics.set(p, { value: 0, timestamp: 0, windowMs: 0 });
  const newRatio = resourceUtilizationRatio(metrics, requests, targetUtilization).ratio;
  if (Math.abs(1.0 - newRatio) <= tol || (usageRatio < 1.0 && newRatio > 1.0) || (usageRatio > 1.0 && newRatio < 1.0)) return { replicas: currentReplicas, ...same };
  const newReplicas = Math.ceil(newRatio * metrics.size);
  if ((newRatio < 1.0 && newReplicas > currentReplicas) || (newRatio > 1.0 && newReplicas < currentReplicas)) return { replicas: currentReplicas, ...same };
  return { replicas: newReplicas, ...same };
}

/** calcPlainMetricReplicas (GetRawResourceReplicas): a target average value per pod, in milli-units. */
export function plainMetricReplicas(currentReplicas: number, targetUsage: number, resource: string, pods: CalcPod[], metricsIn: PodMetricsInfo, opts: CalcOptions): { replicas: number; usage: number } {
  const tol = opts.tolerance ?? defaultTolerance;
  const metrics = new Map(metricsIn);
  selectPods(pods);
  const { readyPodCount, unready, missing, ignored } = groupPods(pods, metrics, resource, opts);
  for (const p of ignored) metrics.delete(p);
  for (const p of unready) metrics.delete(p);
  if (metrics.size === 0) throw new Error(noMetricsMessage);
  const { ratio: usageRatio, usage } = metricUsageRatio(metrics, targetUsage);
  const scaleUpWithUnready = unready.size > 0 && usageRatio > 1.0;
  if (!scaleUpWithUnready && missing.size === 0) {
    if (Math.abs(1.0 - usageRatio) <= tol) return { replicas: currentReplicas, usage };
    return { replicas: Math.ceil(usageRatio * readyPodCount), usage };
  }
  if (missing.size > 0) {
    if (usageRatio < 1.0) for (const p of missing) metrics.set(p, { value: targetUsage, timestamp: 0, windowMs: 0 });
    else if (usageRatio > 1.0) for (const p of missing) metrics.set(p, { value: 0, timestamp: 0, windowMs: 0 });
  }
  if (scaleUpWithUnready) for (const p of unready) metrics.set(p, { value: 0, timestamp: 0, windowMs: 0 });
  const newRatio = metricUsageRatio(metrics, targetUsage).ratio;
  if (Math.abs(1.0 - newRatio) <= tol || (usageRatio < 1.0 && newRatio > 1.0) || (usageRatio > 1.0 && newRatio < 1.0)) return { replicas: currentReplicas, usage };
  const newReplicas = Math.ceil(newRatio * metrics.size);
  if ((newRatio < 1.0 && newReplicas > currentReplicas) || (newRatio > 1.0 && newReplicas < currentReplicas)) return { replicas: currentReplicas, usage };
  return { replicas: newReplicas, usage };
}
