/**
 * pods/binding (the scheduler's write) and pods/eviction (kubectl drain's delete), as upstream's
 * pkg/registry/core/pod/storage.
 */
import { ApiError, badRequest, conflict } from '../api/errors.js';
import type { DeleteOptionsT } from '../api/meta.js';
import { rfc3339 } from '../util/clock.js';
import { deleteObject } from './delete.js';
import type { Registry } from './registry.js';
import type { ResourceDef } from './resource-def.js';

const success = (code: number) => ({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code });

interface Binding {
  metadata?: { name?: string; namespace?: string; annotations?: Record<string, string> };
  target?: { kind?: string; name?: string; namespace?: string };
}

/** POST pods/{name}/binding: assign the pod to a node once. */
export function bindPod(reg: Registry, pods: ResourceDef, namespace: string, name: string, body: unknown): Record<string, unknown> {
  const b = (body ?? {}) as Binding;
  if (b.metadata?.name && b.metadata.name !== name) throw badRequest(`name in URL does not match name in Binding object`);
  const node = b.target?.name;
  if (!node) throw new ApiError(422, 'Invalid', `Binding "${name}" is invalid: target.name: Required value`, { name, kind: 'Binding', causes: [{ reason: 'FieldValueRequired', message: 'Required value', field: 'target.name' }] });
  if (b.target?.kind && b.target.kind !== 'Node') throw badRequest(`Binding target kind must be Node, got ${b.target.kind}`);
  reg.rawUpdate(pods, namespace, name, (pod) => {
    const spec = (pod.spec ?? {}) as { nodeName?: string };
    if (pod.metadata.deletionTimestamp) throw conflict({ group: '', resource: 'pods' }, name, 'pod is being deleted, cannot be assigned to a host');
    if (spec.nodeName) throw conflict({ group: '', resource: 'pods' }, name, `pod ${name} is already assigned to node "${spec.nodeName}"`);
    spec.nodeName = node;
    pod.spec = spec;
    if (b.metadata?.annotations) pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), ...b.metadata.annotations };
    const status = (pod.status ?? {}) as { conditions?: Array<Record<string, unknown>> };
    const conds = (status.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    conds.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(reg.clock.now()) });
    status.conditions = conds;
    pod.status = status;
    return pod;
  });
  return success(201);
}

interface Eviction {
  metadata?: { name?: string };
  deleteOptions?: DeleteOptionsT;
}

/** POST pods/{name}/eviction: a delete that PodDisruptionBudgets may refuse (none exist here). */
export function evictPod(reg: Registry, pods: ResourceDef, namespace: string, name: string, body: unknown): Record<string, unknown> {
  const e = (body ?? {}) as Eviction;
  if (e.metadata?.name && e.metadata.name !== name) throw badRequest('name in URL does not match name in Eviction object');
  deleteObject(reg, pods, namespace, name, e.deleteOptions ?? {});
  return success(201);
}
