/**
 * NodeResourcesFit (filter + LeastAllocated score) and NodeResourcesBalancedAllocation
 * (pkg/scheduler/framework/plugins/noderesources), with the default resources cpu and memory at
 * weight 1.
 */
import type { NodeInfo } from '../node-info.js';
import { type Resource, podRequests } from '../resources.js';
import { MaxNodeScore, type Plugin, type PodLike, status } from '../types.js';

export interface InsufficientResource {
  resourceName: string;
  reason: string;
  requested: number;
  used: number;
  capacity: number;
}

/** fitsRequest: pods count first, then cpu, memory, ephemeral-storage and extended resources. */
export function fitsRequest(podRequest: Resource, ni: NodeInfo): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  const allowed = ni.allocatable.allowedPodNumber;
  if (ni.pods.length + 1 > allowed) out.push({ resourceName: 'pods', reason: 'Too many pods', requested: 1, used: ni.pods.length, capacity: allowed });
  const scalarNames = Object.keys(podRequest.scalar).filter((k) => podRequest.scalar[k]! > 0);
  if (podRequest.milliCPU === 0 && podRequest.memory === 0 && podRequest.ephemeralStorage === 0 && scalarNames.length === 0) return out;
  const check = (name: string, req: number, alloc: number, used: number) => {
    if (req > 0 && req > alloc - used) out.push({ resourceName: name, reason: `Insufficient ${name}`, requested: req, used, capacity: alloc });
  };
  check('cpu', podRequest.milliCPU, ni.allocatable.milliCPU, ni.requested.milliCPU);
  check('memory', podRequest.memory, ni.allocatable.memory, ni.requested.memory);
  check('ephemeral-storage', podRequest.ephemeralStorage, ni.allocatable.ephemeralStorage, ni.requested.ephemeralStorage);
  for (const name of scalarNames) {
    const req = podRequest.scalar[name]!;
    const alloc = ni.allocatable.scalar[name] ?? 0;
    const used = ni.requested.scalar[name] ?? 0;
    if (req > alloc - used) out.push({ resourceName: name, reason: `Insufficient ${name}`, requested: req, used, capacity: alloc });
  }
  return out;
}

const scoredResources = ['cpu', 'memory'] as const;

/** requested (node + pod) and allocatable for cpu and memory, as resourceAllocationScorer does. */
export function requestedAndAllocatable(pod: PodLike, ni: NodeInfo, useRequested: boolean): [number[], number[]] {
  const podReq = podRequests(pod, !useRequested);
  const node = useRequested ? ni.requested : ni.nonZeroRequested;
  const requested = scoredResources.map((r) => (r === 'cpu' ? node.milliCPU + podReq.milliCPU : node.memory + podReq.memory));
  const allocatable = scoredResources.map((r) => (r === 'cpu' ? ni.allocatable.milliCPU : ni.allocatable.memory));
  return [requested, allocatable];
}

export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MaxNodeScore) / capacity);
}

/** leastResourceScorer with weights 1: the mean of the per-resource scores. */
export function leastAllocatedScore(requested: number[], allocatable: number[]): number {
  let nodeScore = 0;
  let weightSum = 0;
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue;
    nodeScore += leastRequestedScore(requested[i]!, allocatable[i]!);
    weightSum += 1;
  }
  return weightSum === 0 ? 0 : Math.trunc(nodeScore / weightSum);
}

/** balancedResourceScorer: (1 - standard deviation of the requested fractions) * MaxNodeScore. */
export function balancedAllocationScore(requested: number[], allocatable: number[]): number {
  const fractions: number[] = [];
  let total = 0;
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue;
    const f = Math.min(1, requested[i]! / allocatable[i]!);
    total += f;
    fractions.push(f);
  }
  let std = 0;
  if (fractions.length === 2) std = Math.abs((fractions[0]! - fractions[1]!) / 2);
  else if (fractions.length > 2) {
    const mean = total / fractions.length;
    std = Math.sqrt(fractions.reduce((s, f) => s + (f - mean) * (f - mean), 0) / fractions.length);
  }
  return Math.trunc((1 - std) * MaxNodeScore);
}

export const nodeResourcesFit: Plugin = {
  name: 'NodeResourcesFit',
  preFilter(ctx) {
    ctx.state.set('NodeResourcesFit', podRequests(ctx.pod));
    return undefined;
  },
  filter(ctx, ni) {
    const req = (ctx.state.get('NodeResourcesFit') as Resource | undefined) ?? podRequests(ctx.pod);
    const insufficient = fitsRequest(req, ni);
    return insufficient.length ? status('Unschedulable', ...insufficient.map((i) => i.reason)) : undefined;
  },
  score(ctx, ni) {
    const [req, alloc] = requestedAndAllocatable(ctx.pod, ni, false);
    return leastAllocatedScore(req, alloc);
  },
};

export const nodeResourcesBalancedAllocation: Plugin = {
  name: 'NodeResourcesBalancedAllocation',
  score(ctx, ni) {
    const [req, alloc] = requestedAndAllocatable(ctx.pod, ni, true);
    return balancedAllocationScore(req, alloc);
  },
};
