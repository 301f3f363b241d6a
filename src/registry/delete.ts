/**
 * Deletion as upstream's generic store does it: preconditions, graceful deletion (pods), finalizers,
 * garbage-collection finalizers from the propagation policy (orphan, foregroundDeletion), and the
 * reply: the object while deletion is pending, else a Success Status (or the object for kinds that
 * return it).
 */
import { ApiError, badRequest, conflict, notFound } from '../api/errors.js';
import type { DeleteOptionsT, KObject } from '../api/meta.js';
import { StorageError, type Obj } from '../storage/storage.js';
import { rfc3339 } from '../util/clock.js';
import { groupResource, storageKey, type Registry } from './registry.js';
import type { ResourceDef } from './resource-def.js';
import { admitNamespaceDelete } from './namespace-strategy.js';

export const FinalizerOrphan = 'orphan';
export const FinalizerDeleteDependents = 'foregroundDeletion';

export interface DeleteResult {
  /** The object (pending deletion, or deleted for kinds that return it) or a Success Status. */
  body: Record<string, unknown>;
  /** True when the object is gone from storage. */
  deleted: boolean;
  object: KObject;
}


function validatePolicy(options: DeleteOptionsT): void {
  const p = options.propagationPolicy;
  if (p !== undefined && p !== 'Orphan' && p !== 'Background' && p !== 'Foreground')
    throw new ApiError(422, 'Invalid', `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${p}": supported values: "Foreground", "Background", "Orphan"`, {
      kind: 'DeleteOptions',
      group: 'meta.k8s.io',
      causes: [{ reason: 'FieldValueNotSupported', message: `Unsupported value: "${p}": supported values: "Foreground", "Background", "Orphan"`, field: 'propagationPolicy' }],
    });
  if (options.orphanDependents !== undefined && p !== undefined)
    throw new ApiError(422, 'Invalid', 'DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Invalid value: "' + p + '": orphanDependents and deletionPropagation cannot be both set', {
      kind: 'DeleteOptions',
      group: 'meta.k8s.io',
    });
  if (options.gracePeriodSeconds !== undefined && options.gracePeriodSeconds < 0) options.gracePeriodSeconds = 1;
  for (const d of options.dryRun ?? []) if (d !== 'All') throw badRequest(`dryRun: Unsupported value: "${d}": supported values: "All"`);
}

/** Which GC finalizers the object should carry after this delete (upstream deletionFinalizersForGarbageCollection). */
function gcFinalizers(def: ResourceDef, obj: KObject, options: DeleteOptionsT): string[] {
  const current = obj.metadata.finalizers ?? [];
  let orphan: boolean;
  let foreground: boolean;
  if (options.propagationPolicy !== undefined) {
    orphan = options.propagationPolicy === 'Orphan';
    foreground = options.propagationPolicy === 'Foreground';
  } else if (options.orphanDependents !== undefined) {
    orphan = options.orphanDependents;
    foreground = false;
  } else {
    // No explicit choice: keep what is there, else the kind's default.
    if (current.includes(FinalizerOrphan) || current.includes(FinalizerDeleteDependents)) return current;
    orphan = !!def.orphanDependentsByDefault;
    foreground = false;
  }
  let out = current.filter((f) => f !== FinalizerOrphan && f !== FinalizerDeleteDependents);
  if (orphan) out = [...out, FinalizerOrphan];
  if (foreground) out = [...out, FinalizerDeleteDependents];
  return out;
}

/** Grace period for kinds with graceful deletion (pods): from options, else the spec; 0 when not bound or done. */
function gracePeriod(def: ResourceDef, obj: KObject, options: DeleteOptionsT): number {
  if (!def.gracefulDelete) return 0;
  const spec = (obj.spec ?? {}) as { terminationGracePeriodSeconds?: number; nodeName?: string };
  const status = (obj.status ?? {}) as { phase?: string };
  let grace = options.gracePeriodSeconds ?? spec.terminationGracePeriodSeconds ?? 30;
  if (!spec.nodeName) grace = 0;
  if (status.phase === 'Failed' || status.phase === 'Succeeded') grace = 0;
  return Math.max(0, grace);
}

export function deleteObject(reg: Registry, def: ResourceDef, namespace: string, name: string, options: DeleteOptionsT = {}, dryRun = false): DeleteResult {
  validatePolicy(options);
  dryRun = dryRun || (options.dryRun ?? []).includes('All');
  const gr = groupResource(def);
  const key = storageKey(def);
  if (key === 'core/namespaces') admitNamespaceDelete(name);
  const ns = def.namespaced ? namespace : '';
  let outcome: { deleted: boolean; object: KObject } | undefined;
  const decide = (cur: Obj | undefined): Obj | null => {
    if (!cur) throw notFound(gr, name);
    const obj = structuredClone(cur) as KObject;
    const pre = options.preconditions;
    if (pre?.uid && pre.uid !== obj.metadata.uid)
      throw conflict(gr, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${obj.metadata.uid}`);
    if (pre?.resourceVersion && pre.resourceVersion !== obj.metadata.resourceVersion)
      throw conflict(gr, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${obj.metadata.resourceVersion}`);
    const md = obj.metadata;
    const now = reg.clock.now();
    const grace = gracePeriod(def, obj, options);
    md.finalizers = gcFinalizers(def, obj, options);
    if (!md.finalizers.length) delete md.finalizers;
    const pendingFinalizers = (md.finalizers ?? []).length > 0 || !!def.strategy.holdDeletion?.(obj);
    if (md.deletionTimestamp) {
      // Already terminating: a shorter grace period may bring the deadline forward.
      const currentGrace = md.deletionGracePeriodSeconds ?? 0;
      if (grace < currentGrace) {
        md.deletionGracePeriodSeconds = grace;
        md.deletionTimestamp = rfc3339(now + grace * 1000);
      }
      if (!pendingFinalizers && (md.deletionGracePeriodSeconds ?? 0) === 0) {
        outcome = { deleted: true, object: obj };
        return null;
      }
      outcome = { deleted: false, object: obj };
      return obj as Obj;
    }
    if (!pendingFinalizers && grace === 0) {
      outcome = { deleted: true, object: obj };
      return null;
    }
    md.deletionTimestamp = rfc3339(now + grace * 1000);
    md.deletionGracePeriodSeconds = grace;
    if ((md.generation ?? 0) > 0) md.generation = md.generation! + 1;
    outcome = { deleted: false, object: obj };
    return obj as Obj;
  };
  let stored: KObject | undefined;
  if (dryRun) {
    decide(reg.storage.get(key, ns, name));
  } else {
    try {
      stored = reg.storage.guaranteedUpdate(key, ns, name, decide).object as KObject | undefined;
    } catch (e) {
      if (e instanceof StorageError && e.code === 'KeyNotFound') throw notFound(gr, name);
      throw e;
    }
  }
  const object = (stored ?? outcome!.object) as KObject;
  if (!outcome!.deleted || def.returnDeletedObject) return { body: object, deleted: outcome!.deleted, object };
  return {
    body: {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      details: { name, group: def.group || undefined, kind: def.resource, uid: object.metadata.uid },
    },
    deleted: true,
    object,
  };
}
