/**
 * Resource arithmetic of the scheduler: a pod's requests as component-helpers' resource.PodRequests
 * (containers summed, restartable init containers added, the max rule for init containers, overhead),
 * the "non-zero" defaults used for scoring (100m CPU, 200Mi memory per container that sets none), and
 * a node's allocatable (framework.Resource).
 */
import { quantityMilliValue, quantityValue } from '../api/quantity.js';
import type { ContainerLike, NodeLike, PodLike } from './types.js';

export interface Resource {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  allowedPodNumber: number;
  /** Extended and hugepage resources, by name, as Value(). */
  scalar: Record<string, number>;
}

export const DefaultMilliCPURequest = 100;
export const DefaultMemoryRequest = 200 * 1024 * 1024;

export const emptyResource = (): Resource => ({ milliCPU: 0, memory: 0, ephemeralStorage: 0, allowedPodNumber: 0, scalar: {} });

type ResourceList = Record<string, string | number> | undefined;

function safeValue(v: string | number, milli: boolean): number {
  try {
    return milli ? quantityMilliValue(v) : quantityValue(v);
  } catch {
    return 0;
  }
}

/** framework.Resource.Add(ResourceList) for the resources the scheduler tracks. */
export function addResourceList(r: Resource, rl: ResourceList): void {
  for (const [name, q] of Object.entries(rl ?? {})) {
    if (name === 'cpu') r.milliCPU += safeValue(q, true);
    else if (name === 'memory') r.memory += safeValue(q, false);
    else if (name === 'ephemeral-storage') r.ephemeralStorage += safeValue(q, false);
    else if (name === 'pods') r.allowedPodNumber += safeValue(q, false);
    else r.scalar[name] = (r.scalar[name] ?? 0) + safeValue(q, false);
  }
}

export function resourceFromList(rl: ResourceList): Resource {
  const r = emptyResource();
  addResourceList(r, rl);
  return r;
}

function add(a: Resource, b: Resource): Resource {
  const scalar = { ...a.scalar };
  for (const [k, v] of Object.entries(b.scalar)) scalar[k] = (scalar[k] ?? 0) + v;
  return {
    milliCPU: a.milliCPU + b.milliCPU,
    memory: a.memory + b.memory,
    ephemeralStorage: a.ephemeralStorage + b.ephemeralStorage,
    allowedPodNumber: a.allowedPodNumber + b.allowedPodNumber,
    scalar,
  };
}

function max(a: Resource, b: Resource): Resource {
  const scalar = { ...a.scalar };
  for (const [k, v] of Object.entries(b.scalar)) scalar[k] = Math.max(scalar[k] ?? 0, v);
  return {
    milliCPU: Math.max(a.milliCPU, b.milliCPU),
    memory: Math.max(a.memory, b.memory),
    ephemeralStorage: Math.max(a.ephemeralStorage, b.ephemeralStorage),
    allowedPodNumber: Math.max(a.allowedPodNumber, b.allowedPodNumber),
    scalar,
  };
}

function containerRequests(c: ContainerLike, nonZero: boolean): Resource {
  const r = resourceFromList(c.resources?.requests);
  if (nonZero) {
    const req = c.resources?.requests ?? {};
    if (!('cpu' in req)) r.milliCPU = DefaultMilliCPURequest;
    if (!('memory' in req)) r.memory = DefaultMemoryRequest;
  }
  return r;
}

/**
 * resource.PodRequests: the sum of the containers' requests, plus restartable (sidecar) init
 * containers, or the largest init container (with the sidecars started before it) if that is more;
 * plus the pod overhead. `nonZero` applies the scoring defaults to containers without cpu/memory.
 */
export function podRequests(pod: PodLike, nonZero = false): Resource {
  let reqs = emptyResource();
  for (const c of pod.spec?.containers ?? []) reqs = add(reqs, containerRequests(c, nonZero));
  let restartable = emptyResource();
  let initMax = emptyResource();
  for (const c of pod.spec?.initContainers ?? []) {
    let cr = containerRequests(c, nonZero);
    if (c.restartPolicy === 'Always') {
      reqs = add(reqs, cr);
      restartable = add(restartable, cr);
      cr = restartable;
    } else cr = add(cr, restartable);
    initMax = max(initMax, cr);
  }
  reqs = max(reqs, initMax);
  if (pod.spec?.overhead) reqs = add(reqs, resourceFromList(pod.spec.overhead));
  return reqs;
}

/** A node's allocatable (status.allocatable, else status.capacity). */
export function nodeAllocatable(node: NodeLike): Resource {
  return resourceFromList(node.status?.allocatable ?? node.status?.capacity);
}

export function addResource(into: Resource, r: Resource, sign = 1): void {
  into.milliCPU += sign * r.milliCPU;
  into.memory += sign * r.memory;
  into.ephemeralStorage += sign * r.ephemeralStorage;
  for (const [k, v] of Object.entries(r.scalar)) into.scalar[k] = (into.scalar[k] ?? 0) + sign * v;
}
