/**
 * metrics.k8s.io/v1beta1 pods and nodes, as metrics-server serves them: read-only get and list
 * (label selectors), answered from the MetricsSource registered at wiring time (the HTTP layer does
 * not know who simulates container use). Resource defs with `virtual: 'metrics'` route here.
 */
import { notFound } from '../api/errors.js';
import type { KObject } from '../api/meta.js';
import { formatCPU, formatMemory, formatWindow, type MetricsSource, type NodeUsage, type PodUsage } from '../api/metrics/metrics.js';
import { parseLabelSelector } from '../api/selectors/labels-parser.js';
import { matches } from '../api/selectors/labels.js';
import type { ResourceDef } from '../registry/resource-def.js';
import { rfc3339 } from '../util/clock.js';

const API_VERSION = 'metrics.k8s.io/v1beta1';

export function podMetricsObject(u: PodUsage, now: number): KObject {
  return {
    kind: 'PodMetrics',
    apiVersion: API_VERSION,
    metadata: { name: u.name, namespace: u.namespace, creationTimestamp: rfc3339(now), labels: u.labels },
    timestamp: rfc3339(u.timestamp),
    window: formatWindow(u.windowMs),
    containers: u.containers.map((c) => ({ name: c.name, usage: { cpu: formatCPU(c.cpuNanoCores), memory: formatMemory(c.memoryBytes) } })),
  } as unknown as KObject;
}

export function nodeMetricsObject(u: NodeUsage, now: number): KObject {
  return {
    kind: 'NodeMetrics',
    apiVersion: API_VERSION,
    metadata: { name: u.name, creationTimestamp: rfc3339(now), labels: u.labels },
    timestamp: rfc3339(u.timestamp),
    window: formatWindow(u.windowMs),
    usage: { cpu: formatCPU(u.cpuNanoCores), memory: formatMemory(u.memoryBytes) },
  } as unknown as KObject;
}

function all(source: MetricsSource | undefined, def: ResourceDef, namespace: string | undefined, now: number): KObject[] {
  if (!source) return [];
  if (def.resource === 'pods') return source.podMetrics(namespace || undefined).map((u) => podMetricsObject(u, now));
  return source.nodeMetrics().map((u) => nodeMetricsObject(u, now));
}

export function getMetrics(source: MetricsSource | undefined, def: ResourceDef, namespace: string, name: string, now: number): KObject {
  const found = all(source, def, namespace, now).find((o) => o.metadata.name === name);
  if (!found) throw notFound({ group: def.group, resource: def.resource }, name);
  return found;
}

export function listMetrics(source: MetricsSource | undefined, def: ResourceDef, namespace: string | undefined, labelSelector: string | undefined, now: number): Record<string, unknown> {
  const sel = parseLabelSelector(labelSelector ?? '');
  const items = all(source, def, namespace, now)
    .filter((o) => matches(sel, o.metadata.labels))
    .sort((a, b) => `${a.metadata.namespace ?? ''}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace ?? ''}/${b.metadata.name}`));
  return { kind: `${def.kind}List`, apiVersion: API_VERSION, metadata: {}, items };
}
