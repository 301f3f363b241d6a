/**
 * Server-side apply (structured-merge-diff Updater.Apply behind the apiserver's fieldmanager): the
 * applied configuration's fields become the manager's, fields it applied before and no longer does
 * are pruned unless someone else owns them, values merge by schema, and changing a field another
 * manager owns is a conflict (409) unless forced.
 */
import { ApiError, badRequest, type StatusCause } from './errors.js';
import type { KObject, ManagedFieldsEntryT } from './meta.js';
import type { AnySchema } from './schema-walk.js';
import { type Managed, decodeManagedFields, managerId, resetFieldsFor, setManagedFields, stripSet, capUpdateManagers } from './ssa/managers.js';
import { mergeValues } from './ssa/merge.js';
import { type FieldPath, PathSet, pathString } from './ssa/path-set.js';
import { compareValues, ensureNamedFieldsAreMembers, fieldSetOf, removeItems } from './ssa/typed.js';
import { deepEqual } from './validation.js';

interface Conflict {
  managerId: string;
  path: FieldPath;
}

/** printManager: "kubectl" or "kubectl-client-side-apply" using apps/v1 (Update), with its subresource. */
function printManager(id: string): string {
  let e: { manager?: string; operation?: string; apiVersion?: string; subresource?: string; time?: string };
  try {
    e = JSON.parse(id) as typeof e;
  } catch {
    return JSON.stringify(id);
  }
  let s = JSON.stringify(e.manager ?? '');
  if (e.subresource) s = `${s} with subresource ${JSON.stringify(e.subresource)}`;
  if (e.operation === 'Update') return e.time ? `${s} using ${e.apiVersion ?? ''} at ${e.time}` : `${s} using ${e.apiVersion ?? ''}`;
  return s;
}

/** NewConflictError: 409 Conflict with one FieldManagerConflict cause per path. */
export function conflictError(conflicts: Conflict[]): ApiError {
  const causes: StatusCause[] = conflicts.map((c) => ({
    reason: 'FieldManagerConflict',
    message: `conflict with ${printManager(c.managerId)}`,
    field: pathString(c.path),
  }));
  let message: string;
  if (conflicts.length === 1) {
    const c = conflicts[0]!;
    message = `Apply failed with 1 conflict: conflict with ${printManager(c.managerId)}: ${pathString(c.path)}`;
  } else {
    const byManager = new Map<string, FieldPath[]>();
    for (const c of conflicts) byManager.set(c.managerId, [...(byManager.get(c.managerId) ?? []), c.path]);
    const lines: string[] = [];
    for (const id of [...byManager.keys()].sort()) {
      lines.push(`conflicts with ${printManager(id)}:`);
      for (const p of byManager.get(id)!) lines.push(`- ${pathString(p)}`);
    }
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  return new ApiError(409, 'Conflict', message, { causes });
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

function stripManaged(o: KObject | undefined): Record<string, unknown> {
  if (!o) return {};
  const c = clone(o) as Record<string, unknown> & { metadata?: Record<string, unknown> };
  if (c.metadata) delete c.metadata.managedFields;
  return c;
}

/**
 * Apply `applied` as `manager` to `live` (undefined: the object does not exist yet). Returns the new
 * object with its managedFields; throws ApiError 409 on conflicts unless `force`.
 */
export function applyPatch(
  live: KObject | undefined,
  applied: KObject,
  manager: string,
  force: boolean,
  schema: AnySchema,
  nowIso: string,
  apiVersion = String(applied.apiVersion ?? live?.apiVersion ?? ''),
  subresource?: string,
  resetFields: PathSet = resetFieldsFor(schema, subresource),
): KObject {
  if (applied.metadata?.managedFields !== undefined && applied.metadata.managedFields !== null)
    throw badRequest('metadata.managedFields must be nil');
  const managed: Managed = decodeManagedFields(live?.metadata?.managedFields);
  const liveValue = stripManaged(live);
  const config = removeItems(stripManaged(applied), resetFields, schema) as Record<string, unknown>;

  let merged = mergeValues(liveValue, config, schema) as Record<string, unknown>;
  const id = managerId({ manager, operation: 'Apply', subresource });
  const last = managed.get(id);
  const set = fieldSetOf(config, schema).recursiveDifference(resetFields);
  managed.set(id, { manager, operation: 'Apply', apiVersion, subresource: subresource || undefined, time: last?.time, set });

  // prune: what the manager applied last time, no longer applies, and nobody else owns.
  if (last && !last.set.empty()) {
    let owned = new PathSet();
    for (const m of managed.values()) owned = owned.union(m.set);
    const lastE = ensureNamedFieldsAreMembers(last.set, schema, merged);
    const ownedE = ensureNamedFieldsAreMembers(owned, schema, merged);
    merged = removeItems(merged, lastE.difference(ownedE).difference(stripSet), schema) as Record<string, unknown>;
  }

  // update: conflicts with other managers over fields whose values change.
  const c = compareValues(liveValue, merged, schema);
  const changed = c.added.union(c.modified).recursiveDifference(resetFields);
  const removed = c.removed.recursiveDifference(resetFields);
  const conflicts: Conflict[] = [];
  const conflictSets = new Map<string, PathSet>();
  for (const [mid, m] of managed) {
    if (mid === id) continue;
    const cs = m.set.intersection(changed);
    if (!cs.empty()) {
      conflictSets.set(mid, cs);
      for (const path of cs.paths()) conflicts.push({ managerId: mid, path });
    }
  }
  if (!force && conflicts.length) {
    conflicts.sort((a, b) => (a.managerId < b.managerId ? -1 : a.managerId > b.managerId ? 1 : 0));
    throw conflictError(conflicts);
  }
  for (const [mid, m] of managed) {
    if (mid === id) continue;
    const s = m.set.difference(conflictSets.get(mid) ?? new PathSet()).difference(removed);
    if (s.empty()) managed.delete(mid);
    else managed.set(mid, { ...m, set: s });
  }

  const changedObject = !deepEqual(liveValue, merged);
  const me = managed.get(id)!;
  if (changedObject || !live) me.time = nowIso;
  for (const [mid, m] of managed) {
    const s = m.set.difference(stripSet);
    if (s.empty()) managed.delete(mid);
    else managed.set(mid, { ...m, set: s });
  }
  capUpdateManagers(managed);
  const out = (changedObject ? merged : liveValue) as KObject;
  setManagedFields(out, managed);
  return out;
}

export type { ManagedFieldsEntryT };
