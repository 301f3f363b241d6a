/**
 * managedFields for Update operations (create, update, patch other than apply), as the apiserver's
 * fieldmanager chain does it: the fields a write added or changed become the manager's, and leave
 * every other manager's set; removed fields leave everyone's sets.
 */
import type { KObject, ManagedFieldsEntryT } from './meta.js';
import type { AnySchema } from './schema-walk.js';
import {
  type Managed,
  capUpdateManagers,
  decodeManagedFields,
  managerId,
  resetFieldsFor,
  setManagedFields,
  stripSet,
  withGoZeroStructs,
} from './ssa/managers.js';
import { PathSet } from './ssa/path-set.js';
import { compareValues, fieldSetOf } from './ssa/typed.js';

export { managerFromUserAgent, managerOrUserAgent, decodeManagedFields, encodeManagedFields } from './ssa/managers.js';
export { PathSet } from './ssa/path-set.js';

/** The FieldsV1 JSON of every field of `obj` (ToFieldSet), e.g. what an applied config sets. */
export function fieldSet(obj: unknown, schema: AnySchema): Record<string, unknown> {
  return fieldSetOf(obj, schema).toFieldsV1();
}

function withoutManagedFields(o: KObject): unknown {
  const meta: Record<string, unknown> = {};
  const md = (o.metadata ?? {}) as Record<string, unknown>;
  for (const k in md) if (k !== 'managedFields') meta[k] = md[k];
  return { ...o, metadata: meta };
}

/** What a create compares against: nothing but Go's zero structs, the same for every object of a schema. */
const emptyBefore = new WeakMap<AnySchema, unknown>();
function zeroObject(schema: AnySchema): unknown {
  let v = emptyBefore.get(schema);
  if (v === undefined) emptyBefore.set(schema, (v = withGoZeroStructs({}, schema)));
  return v;
}

/** isResetManagedFields: [] or [{}] asks to clear managedFields. */
function isReset(mf: ManagedFieldsEntryT[] | undefined): boolean {
  if (!mf) return false;
  if (mf.length === 0) return true;
  return mf.length === 1 && Object.values(mf[0]!).every((v) => v === undefined);
}

/** decodeLiveOrNew: managedFields sent with the object win, unless empty; subresources use live's. */
function decodeLiveOrNew(newObj: KObject, oldObj: KObject | undefined, subresource: string | undefined): Managed {
  const live = oldObj?.metadata?.managedFields;
  if (subresource) return decodeManagedFields(live);
  const sent = newObj.metadata?.managedFields;
  if (isReset(sent)) return new Map();
  const m = decodeManagedFields(sent);
  return m.size ? m : decodeManagedFields(live);
}

/**
 * Record an Update by `manager` on `newObj` (mutating newObj.metadata.managedFields) and return the
 * entries. `oldObj` is undefined on create. `resetFields` defaults to the usual strategy's (status on
 * the main resource, all but status on /status).
 */
export function updateManagedFields(
  newObj: KObject,
  oldObj: KObject | undefined,
  manager: string,
  operation: 'Update',
  apiVersion: string,
  subresource: string | undefined,
  nowIso: string,
  schema: AnySchema,
  resetFields: PathSet = resetFieldsFor(schema, subresource),
): ManagedFieldsEntryT[] {
  const managed = decodeLiveOrNew(newObj, oldObj, subresource);
  // skipNonAppliedManager: an existing object nobody tracks stays untracked until an apply.
  if (managed.size === 0 && oldObj && oldObj.metadata?.uid) return setManagedFields(newObj, managed);

  // compareValues only reads its inputs, so a create may share the schema's zero object.
  const before = oldObj ? withGoZeroStructs(withoutManagedFields(oldObj), schema) : zeroObject(schema);
  const after = withGoZeroStructs(withoutManagedFields(newObj), schema);
  const c = compareValues(before, after, schema);
  const added = c.added.recursiveDifference(resetFields);
  const modified = c.modified.recursiveDifference(resetFields);
  const removed = c.removed.recursiveDifference(resetFields);
  const changed = added.union(modified);

  for (const [id, m] of managed) {
    const set = m.set.difference(changed).difference(removed);
    if (set.empty()) managed.delete(id);
    else managed.set(id, { ...m, set });
  }

  const current = changed.difference(stripSet); // changed holds no reset field already
  if (!current.empty()) {
    const id = managerId({ manager, operation, apiVersion, subresource });
    const prev = managed.get(id);
    managed.set(id, {
      manager,
      operation,
      apiVersion,
      subresource: subresource || undefined,
      time: nowIso,
      set: prev ? current.union(prev.set) : current,
    });
  }
  for (const [id, m] of managed) {
    const set = m.set.difference(stripSet);
    if (set.empty()) managed.delete(id);
    else managed.set(id, { ...m, set });
  }
  capUpdateManagers(managed);
  return setManagedFields(newObj, managed);
}
