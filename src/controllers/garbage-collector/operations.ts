/**
 * The collector's writes (upstream garbagecollector/operations.go): delete with preconditions, and
 * removing a finalizer from an owner, through the same client every controller uses.
 */
import { isApiError } from '../../api/errors.js';
import type { KObject } from '../../api/meta.js';
import type { ResourceClient } from '../../client/client.js';
import { removeFinalizerPatch, type DeletePropagation } from './references.js';

export function ignoreNotFound(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!isApiError(e, 'NotFound')) throw e;
  }
}

function getLive(rc: ResourceClient, namespace: string, name: string): KObject | undefined {
  try {
    return rc.get(namespace, name);
  } catch (e) {
    if (isApiError(e, 'NotFound')) return undefined;
    throw e;
  }
}

/**
 * deleteObject: uid and resourceVersion preconditions; on a conflict where only the version moved
 * (same uid, same ownerReferences) the delete is retried with the uid alone.
 */
export function deleteObject(rc: ResourceClient, item: KObject, policy: DeletePropagation): void {
  const ns = item.metadata.namespace ?? '';
  const name = item.metadata.name!;
  const uid = item.metadata.uid!;
  try {
    rc.delete(ns, name, { preconditions: { uid, resourceVersion: item.metadata.resourceVersion }, propagationPolicy: policy });
  } catch (e) {
    if (isApiError(e, 'NotFound')) return;
    if (!isApiError(e, 'Conflict')) throw e;
    const live = getLive(rc, ns, name);
    if (!live || live.metadata.uid !== uid) return;
    if (JSON.stringify(live.metadata.ownerReferences ?? []) !== JSON.stringify(item.metadata.ownerReferences ?? [])) throw e;
    ignoreNotFound(() => rc.delete(ns, name, { preconditions: { uid }, propagationPolicy: policy }));
  }
}

/** removeFinalizer: a JSON merge patch of the finalizers guarded by resourceVersion; retried on conflict. */
export function removeFinalizer(rc: ResourceClient, owner: KObject, finalizer: string, identity: string): void {
  const ns = owner.metadata.namespace ?? '';
  let current: KObject | undefined = owner;
  for (let attempt = 0; attempt < 5 && current; attempt++) {
    const patch = removeFinalizerPatch(current, finalizer);
    if (!patch) return;
    try {
      rc.patch(ns, current.metadata.name!, 'merge', patch);
      return;
    } catch (e) {
      if (isApiError(e, 'NotFound')) return;
      if (!isApiError(e, 'Conflict')) throw e;
      current = getLive(rc, ns, owner.metadata.name!);
      if (current && current.metadata.uid !== owner.metadata.uid) return;
    }
  }
  if (current) throw new Error(`updateMaxRetries(5) has reached. The garbage collector will retry later for owner ${identity}.`);
}
