/**
 * Pure helpers of the garbage collector (upstream pkg/controller/garbagecollector: graph.go,
 * graph_builder.go, patch.go, garbagecollector.go): owner reference coordinates, finalizer checks,
 * reference diffs, the patches the collector sends, and the decision attemptToDeleteItem makes from
 * the classified references.
 */
import type { DeleteOptionsT, KObject, OwnerReferenceT } from '../../api/meta.js';

export const FinalizerOrphanDependents = 'orphan';
export const FinalizerDeleteDependents = 'foregroundDeletion';

/** An object's coordinates as upstream's objectReference (owner reference + namespace). */
export interface ObjectReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  namespace: string;
}

/** objectReference.String(): "[apps/v1/ReplicaSet, namespace: ns, name: x, uid: y]". */
export function objectReferenceString(r: ObjectReference): string {
  return `[${r.apiVersion}/${r.kind}, namespace: ${r.namespace}, name: ${r.name}, uid: ${r.uid}]`;
}

export const beingDeleted = (obj: KObject): boolean => !!obj.metadata.deletionTimestamp;

export const hasFinalizer = (obj: KObject, finalizer: string): boolean => (obj.metadata.finalizers ?? []).includes(finalizer);

/** The node is "deletingDependents": being deleted with the foregroundDeletion finalizer. */
export const isDeletingDependents = (obj: KObject): boolean => beingDeleted(obj) && hasFinalizer(obj, FinalizerDeleteDependents);

/** deletionStartsWithFinalizer: the new object is being deleted with the finalizer and the old one was not. */
export function deletionStartsWithFinalizer(oldObj: KObject | undefined, newObj: KObject, finalizer: string): boolean {
  if (!beingDeleted(newObj) || !hasFinalizer(newObj, finalizer)) return false;
  if (!oldObj) return true;
  return !beingDeleted(oldObj) || !hasFinalizer(oldObj, finalizer);
}

const isBlocking = (r: OwnerReferenceT): boolean => r.blockOwnerDeletion === true;

export interface OwnerRefPair {
  oldRef: OwnerReferenceT;
  newRef: OwnerReferenceT;
}

/** referencesDiffs: owner references added, removed and changed (same uid, other content), by uid. */
export function referencesDiffs(
  oldRefs: OwnerReferenceT[],
  newRefs: OwnerReferenceT[],
): { added: OwnerReferenceT[]; removed: OwnerReferenceT[]; changed: OwnerRefPair[] } {
  const oldByUID = new Map(oldRefs.map((r) => [r.uid, r]));
  const added: OwnerReferenceT[] = [];
  const changed: OwnerRefPair[] = [];
  for (const r of newRefs) {
    const o = oldByUID.get(r.uid);
    if (o) {
      if (!sameRef(o, r)) changed.push({ oldRef: o, newRef: r });
      oldByUID.delete(r.uid);
    } else added.push(r);
  }
  return { added, removed: [...oldByUID.values()], changed };
}

function sameRef(a: OwnerReferenceT, b: OwnerReferenceT): boolean {
  return (
    a.apiVersion === b.apiVersion &&
    a.kind === b.kind &&
    a.name === b.name &&
    a.uid === b.uid &&
    a.controller === b.controller &&
    a.blockOwnerDeletion === b.blockOwnerDeletion
  );
}

/**
 * addUnblockedOwnersToDeleteQueue: uids of owners whose blocking reference was removed or set to
 * non-blocking; they may now finish a foreground deletion.
 */
export function unblockedOwnerUIDs(removed: OwnerReferenceT[], changed: OwnerRefPair[]): string[] {
  const out = removed.filter(isBlocking).map((r) => r.uid);
  for (const c of changed) if (isBlocking(c.oldRef) && !isBlocking(c.newRef)) out.push(c.newRef.uid);
  return out;
}

/** The dependents whose reference to `ownerUID` blocks the owner's deletion (node.blockingDependents). */
export function blockingDependents(ownerUID: string, dependents: KObject[]): KObject[] {
  return dependents.filter((d) => (d.metadata.ownerReferences ?? []).some((r) => r.uid === ownerUID && isBlocking(r)));
}

/** deleteOwnerRefStrategicMergePatch: remove the references to `ownerUIDs`, with the dependent's uid as a precondition. */
export function deleteOwnerRefStrategicMergePatch(dependentUID: string, ownerUIDs: string[]): Record<string, unknown> {
  return { metadata: { ownerReferences: ownerUIDs.map((uid) => ({ $patch: 'delete', uid })), uid: dependentUID } };
}

/** unblockOwnerReferencesStrategicMergePatch: set blockOwnerDeletion=false on every blocking reference. */
export function unblockOwnerReferencesStrategicMergePatch(obj: KObject): Record<string, unknown> {
  const refs = (obj.metadata.ownerReferences ?? []).filter(isBlocking).map((r) => ({ ...r, blockOwnerDeletion: false }));
  return { metadata: { ownerReferences: refs, uid: obj.metadata.uid } };
}

/** The JSON merge patch removeFinalizer sends (objectForFinalizersPatch): resourceVersion guards the write. */
export function removeFinalizerPatch(obj: KObject, finalizer: string): Record<string, unknown> | undefined {
  const current = obj.metadata.finalizers ?? [];
  if (!current.includes(finalizer)) return undefined;
  const rest = current.filter((f) => f !== finalizer);
  return { metadata: { resourceVersion: obj.metadata.resourceVersion, finalizers: rest.length ? rest : null } };
}

export interface Classified {
  /** The owner exists and is not waiting for its dependents' deletion. */
  solid: OwnerReferenceT[];
  /** The owner does not exist (or another object with the same name has another uid). */
  dangling: OwnerReferenceT[];
  /** The owner exists, is being deleted and has the foregroundDeletion finalizer. */
  waitingForDependentsDeletion: OwnerReferenceT[];
}

export type DeletePropagation = NonNullable<DeleteOptionsT['propagationPolicy']>;

/** What attemptToDeleteItem does with a live item, given its classified references. */
export type Decision =
  | { action: 'none' }
  | { action: 'removeReferences'; uids: string[] }
  | { action: 'deleteForeground'; unblockFirst: boolean }
  | { action: 'delete'; policy: DeletePropagation };

/**
 * The switch of attemptToDeleteItem: keep an item with a solid owner (dropping references to absent
 * or foreground-deleting owners); delete an item whose owners are all gone or waiting, in the
 * foreground when an owner waits and the item has dependents of its own (unblocking its references
 * first when one of those dependents is itself deleting dependents, to break cycles), else with the
 * policy its finalizers ask for (orphan, foreground) or in the background.
 */
export function decide(item: KObject, c: Classified, dependents: KObject[]): Decision {
  if (c.solid.length) {
    if (!c.dangling.length && !c.waitingForDependentsDeletion.length) return { action: 'none' };
    return { action: 'removeReferences', uids: [...c.dangling, ...c.waitingForDependentsDeletion].map((r) => r.uid) };
  }
  if (c.waitingForDependentsDeletion.length && dependents.length) {
    return { action: 'deleteForeground', unblockFirst: dependents.some(isDeletingDependents) };
  }
  if (hasFinalizer(item, FinalizerOrphanDependents)) return { action: 'delete', policy: 'Orphan' };
  if (hasFinalizer(item, FinalizerDeleteDependents)) return { action: 'delete', policy: 'Foreground' };
  return { action: 'delete', policy: 'Background' };
}

/** The restMappingError upstream returns for an owner reference to a kind the server does not serve. */
export class RestMappingError extends Error {
  constructor(
    readonly kind: string,
    readonly version: string,
  ) {
    super(`unable to get REST mapping for ${version}/${kind}.`);
  }
}
