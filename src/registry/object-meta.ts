/**
 * Generic metadata handling every kind shares (upstream rest.BeforeCreate / BeforeUpdate and the
 * generic store): names, uids, timestamps, generation, and the status/spec split of subresources.
 */
import type { KObject } from '../api/meta.js';
import { deepEqual } from '../api/validation.js';
import { rfc3339, type Clock } from '../util/clock.js';
import { type Random, randomString } from '../util/random.js';
import type { ResourceDef } from './resource-def.js';

/** Upstream: generated names keep at most 58 characters of the prefix, then 5 random characters. */
const maxGeneratedNameLength = 63 - 5;

export function generateName(base: string, random: Random): string {
  const prefix = base.length > maxGeneratedNameLength ? base.slice(0, maxGeneratedNameLength) : base;
  return prefix + randomString(random, 5);
}

/** Everything but metadata/status/apiVersion/kind: what "the spec" means for generation. */
export function specOf(obj: KObject): Record<string, unknown> {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = obj;
  return rest;
}

/** BeforeCreate: system fields on a new object. */
export function prepareObjectForCreate(def: ResourceDef, obj: KObject, clock: Clock, random: Random): void {
  const md = obj.metadata;
  dropEmptyMeta(md);
  if (!md.name && md.generateName) md.name = generateName(md.generateName, random);
  md.uid = random.uuid();
  md.creationTimestamp = rfc3339(clock.now());
  delete md.deletionTimestamp;
  delete md.deletionGracePeriodSeconds;
  delete md.selfLink;
  if (!def.namespaced) delete md.namespace;
  if (def.tracksGeneration) md.generation = 1;
  else delete md.generation;
  if (def.subresources?.status) delete obj.status;
}

/** BeforeUpdate on the main resource: keep system fields and (with a status subresource) the status. */
export function prepareObjectForUpdate(def: ResourceDef, obj: KObject, old: KObject): void {
  keepSystemMeta(obj, old);
  if (def.subresources?.status) {
    if (old.status === undefined) delete obj.status;
    else obj.status = old.status;
  }
  if (def.tracksGeneration) {
    obj.metadata.generation = old.metadata.generation ?? 1;
    if (!deepEqual(specOf(obj), specOf(old))) obj.metadata.generation = (obj.metadata.generation ?? 0) + 1;
  } else if (old.metadata.generation !== undefined) obj.metadata.generation = old.metadata.generation;
  else delete obj.metadata.generation;
}

/** BeforeUpdate on namespaces/finalize: only spec.finalizers changes. */
export function prepareObjectForFinalizeUpdate(obj: KObject, old: KObject): void {
  const finalizers = ((obj.spec ?? {}) as { finalizers?: string[] }).finalizers;
  for (const k of Object.keys(obj)) if (k !== 'apiVersion' && k !== 'kind') delete obj[k];
  Object.assign(obj, structuredClone(old));
  const spec = { ...((old.spec ?? {}) as Record<string, unknown>) };
  if (finalizers?.length) spec.finalizers = finalizers;
  else delete spec.finalizers;
  obj.spec = spec;
}

/** BeforeUpdate on /status: only status (and metadata other than labels/owners) may change. */
export function prepareObjectForStatusUpdate(obj: KObject, old: KObject): void {
  keepSystemMeta(obj, old);
  for (const k of Object.keys(obj)) if (k !== 'metadata' && k !== 'status' && k !== 'apiVersion' && k !== 'kind') delete obj[k];
  for (const [k, v] of Object.entries(old)) if (k !== 'metadata' && k !== 'status' && k !== 'apiVersion' && k !== 'kind') obj[k] = v;
  const md = obj.metadata;
  if (old.metadata.labels) md.labels = old.metadata.labels;
  else delete md.labels;
  if (old.metadata.ownerReferences) md.ownerReferences = old.metadata.ownerReferences;
  else delete md.ownerReferences;
  if (old.metadata.generation !== undefined) md.generation = old.metadata.generation;
}

/** ObjectMeta's lists and maps are omitempty: an empty one is not stored, as upstream (managedFields: [] means reset and is handled by the field manager). */
function dropEmptyMeta(md: KObject['metadata']): void {
  for (const k of ['ownerReferences', 'finalizers', 'labels', 'annotations'] as const) {
    const v = md[k] as unknown;
    if (v !== undefined && (Array.isArray(v) ? v.length === 0 : v !== null && typeof v === 'object' && Object.keys(v).length === 0)) delete md[k];
  }
}

function keepSystemMeta(obj: KObject, old: KObject): void {
  const md = obj.metadata;
  dropEmptyMeta(md);
  const om = old.metadata;
  if (!md.uid) md.uid = om.uid;
  md.creationTimestamp = om.creationTimestamp;
  if (om.deletionTimestamp) md.deletionTimestamp = om.deletionTimestamp;
  else delete md.deletionTimestamp;
  if (om.deletionGracePeriodSeconds !== undefined && md.deletionGracePeriodSeconds === undefined)
    md.deletionGracePeriodSeconds = om.deletionGracePeriodSeconds;
  if (!om.deletionTimestamp) delete md.deletionGracePeriodSeconds;
  delete md.selfLink;
  if (om.namespace !== undefined && md.namespace === undefined) md.namespace = om.namespace;
}
