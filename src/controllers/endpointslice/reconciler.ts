/**
 * The EndpointSlice reconciler (upstream staging/src/k8s.io/endpointslice/reconciler.go): per address
 * type and per distinct set of ports, compare the desired endpoints with the existing slices; keep
 * slices whose endpoints did not change, update changed ones in place, fill the fullest slices with
 * new endpoints (at most maxEndpointsPerSlice each), create slices for the rest, delete emptied
 * ones, keep one placeholder slice when nothing else would exist, and turn a create plus a delete into
 * an update of the slice that would have been deleted.
 */
import type { KObject } from '../../api/meta.js';
import { deepEqual } from '../../api/validation.js';
import { shouldPodBeInEndpoints, type EPPod, type Svc } from '../endpoint/util.js';
import {
  EndpointSet,
  addressTypesForService,
  endpointsEqualBeyondHash,
  getEndpointPorts,
  getSliceToFill,
  newEndpointSlice,
  ownedBy,
  podToEndpoint,
  portMapKey,
  setEndpointSliceLabels,
  type Endpoint,
  type Slice,
  type SlicePort,
} from './utils.js';

export interface Plan {
  create: Slice[];
  update: Slice[];
  delete: Slice[];
  /** Pods skipped because their node is unknown (the service is retried). */
  errors: string[];
}

const clone = <T>(x: T): T => structuredClone(x);

/** reconcileByPortMapping: the slices to create, update and delete for one set of ports. */
export function reconcileByPortMapping(
  service: Svc,
  existingSlices: Slice[],
  desired: EndpointSet,
  meta: { ports: SlicePort[]; addressType: string },
  maxEndpoints: number,
): { create: Slice[]; update: Slice[]; delete: Slice[] } {
  const byName = new Map<string, Slice>();
  const unchanged = new Set<string>();
  const toUpdate = new Set<string>();
  const toDelete = new Set<string>();
  // 1. Drop endpoints no longer desired, refresh changed ones.
  for (const existing of existingSlices) {
    const name = existing.metadata.name!;
    byName.set(name, existing);
    const kept: Endpoint[] = [];
    let endpointUpdated = false;
    for (const ep of existing.endpoints ?? []) {
      const got = desired.get(ep);
      if (got) {
        kept.push(got);
        if (!endpointsEqualBeyondHash(got, ep)) endpointUpdated = true;
        desired.delete(ep);
      }
    }
    const { labels, updated: labelsChanged } = setEndpointSliceLabels(existing, service);
    if (endpointUpdated || (existing.endpoints ?? []).length !== kept.length) {
      if (kept.length === 0) toDelete.add(name);
      else {
        const s = clone(existing);
        s.endpoints = kept;
        s.metadata.labels = labels;
        byName.set(name, s);
        toUpdate.add(name);
      }
    } else if (labelsChanged) {
      const s = clone(existing);
      s.metadata.labels = labels;
      byName.set(name, s);
      toUpdate.add(name);
    } else unchanged.add(name);
  }
  // 2. Fill the slices being updated anyway, fullest first.
  if (desired.size > 0 && toUpdate.size > 0) {
    const slices = [...toUpdate].map((n) => byName.get(n)!).sort((a, b) => b.endpoints.length - a.endpoints.length);
    for (const s of slices) while (desired.size > 0 && s.endpoints.length < maxEndpoints) s.endpoints.push(desired.popAny()!);
  }
  // 3. The rest goes into one unchanged slice with room for all of it, or new slices.
  const create: Slice[] = [];
  while (desired.size > 0) {
    let fill: Slice | undefined;
    if (desired.size < maxEndpoints && unchanged.size > 0)
      fill = getSliceToFill([...unchanged].map((n) => byName.get(n)!), desired.size, maxEndpoints);
    if (!fill) fill = newEndpointSlice(service, meta.ports, meta.addressType);
    else {
      fill = clone(fill);
      byName.set(fill.metadata.name!, fill);
    }
    while (desired.size > 0 && fill.endpoints.length < maxEndpoints) fill.endpoints.push(desired.popAny()!);
    if (fill.metadata.name) {
      toUpdate.add(fill.metadata.name);
      unchanged.delete(fill.metadata.name);
    } else create.push(fill);
  }
  return { create, update: [...toUpdate].map((n) => byName.get(n)!), delete: [...toDelete].map((n) => byName.get(n)!) };
}

function isPlaceholderOf(existing: Slice, placeholder: Slice): boolean {
  return (
    existing.metadata.namespace === placeholder.metadata.namespace &&
    deepEqual(existing.metadata.labels ?? {}, placeholder.metadata.labels ?? {}) &&
    existing.addressType === placeholder.addressType &&
    (existing.endpoints ?? []).length === 0 &&
    (existing.ports ?? []).length === 0
  );
}

/** reconcileByAddressType, without the writes. */
export function reconcileByAddressType(
  service: Svc,
  pods: EPPod[],
  existingSlices: Slice[],
  nodes: (name: string) => KObject | undefined,
  addressType: string,
  maxEndpoints: number,
): Plan {
  const plan: Plan = { create: [], update: [], delete: [], errors: [] };
  const existingByPorts = new Map<string, Slice[]>();
  for (const s of existingSlices) {
    if (ownedBy(s, service)) {
      const k = portMapKey(s.ports);
      existingByPorts.set(k, [...(existingByPorts.get(k) ?? []), s]);
    } else plan.delete.push(s);
  }
  const desiredByPorts = new Map<string, { set: EndpointSet; ports: SlicePort[] }>();
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ports = getEndpointPorts(service, pod);
    const k = portMapKey(ports);
    let d = desiredByPorts.get(k);
    if (!d) desiredByPorts.set(k, (d = { set: new EndpointSet(), ports }));
    const nodeName = pod.spec?.nodeName ?? '';
    const node = nodes(nodeName);
    if (!node && service.spec?.publishNotReadyAddresses !== true) {
      plan.errors.push(`skipping Pod ${pod.metadata.name} for Service ${service.metadata.namespace}/${service.metadata.name}: Node ${nodeName} Not Found`);
      continue;
    }
    const ep = podToEndpoint(pod, node, service, addressType);
    if (ep.addresses.length > 0) d.set.insert(ep);
  }
  for (const [k, d] of desiredByPorts) {
    const r = reconcileByPortMapping(service, existingByPorts.get(k) ?? [], d.set, { ports: d.ports, addressType }, maxEndpoints);
    plan.create.push(...r.create);
    plan.update.push(...r.update);
    plan.delete.push(...r.delete);
  }
  for (const [k, slices] of existingByPorts) if (!desiredByPorts.has(k)) plan.delete.push(...slices);
  if (existingSlices.length === plan.delete.length && plan.create.length < 1) {
    const placeholder = newEndpointSlice(service, [], addressType);
    if (plan.delete.length === 1 && isPlaceholderOf(plan.delete[0]!, placeholder)) plan.delete = [];
    else plan.create.push(placeholder);
  }
  return plan;
}

/** Reconcile: every address type the service supports; slices of other types are deleted. */
export function reconcile(service: Svc, pods: EPPod[], existingSlices: Slice[], nodes: (name: string) => KObject | undefined, maxEndpoints: number): Plan[] {
  const types = addressTypesForService(service);
  const byType = new Map<string, Slice[]>();
  const stray: Slice[] = [];
  for (const s of existingSlices) {
    if (!types.includes(s.addressType)) stray.push(s);
    else byType.set(s.addressType, [...(byType.get(s.addressType) ?? []), s]);
  }
  const plans = types.map((t) => reconcileByAddressType(service, pods, byType.get(t) ?? [], nodes, t, maxEndpoints));
  if (stray.length) plans.push({ create: [], update: [], delete: stray, errors: [] });
  return plans;
}

/** finalize's first step: creates become updates of slices that would be deleted (same type, owned). */
export function convertCreatesToUpdates(service: Svc, plan: Plan): Plan {
  const create = [...plan.create];
  const update = [...plan.update];
  const del = [...plan.delete];
  for (let i = 0; i < del.length; ) {
    if (create.length === 0) break;
    const d = del[i]!;
    const s = create[create.length - 1]!;
    if (d.addressType === s.addressType && ownedBy(d, service)) {
      s.metadata.name = d.metadata.name;
      s.metadata.resourceVersion = d.metadata.resourceVersion;
      create.pop();
      update.push(s);
      del.splice(i, 1);
    } else i++;
  }
  return { create, update, delete: del, errors: plan.errors };
}
