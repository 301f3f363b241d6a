/**
 * Values walked with their schema, as structured-merge-diff's typed package does: the field set of
 * a value (ToFieldSet), the comparison of two values (Compare: added/modified/removed), and removal
 * of a set of paths (RemoveItems). Zod schemas are read through src/api/schema-walk.ts.
 */
import {
  type AnySchema,
  arrayElement,
  def,
  kindOf,
  metaOf,
  objectShape,
  recordValue,
  unionOptions,
} from '../schema-walk.js';
import { deepEqual } from '../validation.js';
import { type FieldPath, type PathElement, PathCursor, PathSet, peKey } from './path-set.js';

/** How a value is treated: structs and maps by field, lists by key or value, everything else whole. */
export type TypeInfo =
  | { t: 'struct'; fields: Record<string, AnySchema> }
  | { t: 'map'; elem: AnySchema | undefined }
  | { t: 'list'; rel: 'set' | 'map'; keys: string[]; elem: AnySchema | undefined }
  | { t: 'leaf' };

export const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * The type of `value` under `schema` (undefined: no schema, "deduced" as upstream: maps by field,
 * lists atomic). Lists follow x-kubernetes-list-type, else the patch strategy (merge with a merge key
 * is a map list, merge without one a set), else atomic, as kube-openapi's schemaconv does.
 */
export function resolve(schema: AnySchema | undefined, value: unknown): TypeInfo {
  if (!schema) return isObj(value) ? DEDUCED_MAP : LEAF;
  const kind = kindOf(schema);
  if (kind === 'any' || kind === 'union') return resolveUncached(schema, value);
  // Otherwise the schema alone decides.
  let ty = resolved.get(schema);
  if (!ty) resolved.set(schema, (ty = resolveUncached(schema, value)));
  return ty;
}

const DEDUCED_MAP: TypeInfo = { t: 'map', elem: undefined };
const LEAF: TypeInfo = { t: 'leaf' };
const resolved = new WeakMap<AnySchema, TypeInfo>();

function resolveUncached(schema: AnySchema, value: unknown): TypeInfo {
  const meta = metaOf(schema);
  switch (kindOf(schema)) {
    case 'object':
      if (meta['x-kubernetes-map-type'] === 'atomic') return { t: 'leaf' };
      return { t: 'struct', fields: objectShape(schema)! };
    case 'record':
      if (meta['x-kubernetes-map-type'] === 'atomic') return { t: 'leaf' };
      return { t: 'map', elem: recordValue(schema) };
    case 'array': {
      const elem = arrayElement(schema);
      const lt = meta['x-kubernetes-list-type'];
      const strategy = (meta['x-kubernetes-patch-strategy'] ?? '').split(',');
      const mergeKey = meta['x-kubernetes-patch-merge-key'];
      if (lt === 'map') return { t: 'list', rel: 'map', keys: meta['x-kubernetes-list-map-keys'] ?? (mergeKey ? [mergeKey] : []), elem };
      if (lt === 'set') return { t: 'list', rel: 'set', keys: [], elem };
      if (lt === undefined && strategy.includes('merge')) return mergeKey ? { t: 'list', rel: 'map', keys: [mergeKey], elem } : { t: 'list', rel: 'set', keys: [], elem };
      return { t: 'leaf' };
    }
    case 'any':
      return resolve(undefined, value);
    case 'union': {
      const opt = unionOptions(schema).find((o) => (Array.isArray(value) ? kindOf(o) === 'array' : isObj(value) && ['object', 'record'].includes(kindOf(o))));
      return opt ? resolve(opt, value) : { t: 'leaf' };
    }
    default:
      return { t: 'leaf' };
  }
}

/** The schema of a struct field or map value (undefined: deduced). */
export function childSchema(ty: TypeInfo, schema: AnySchema | undefined, key: string): AnySchema | undefined {
  void schema;
  if (ty.t === 'struct') return ty.fields[key]; // unknown fields are walked untyped ("deduced")
  return ty.t === 'map' ? ty.elem : undefined;
}

/** A schema default for a key field (`.default(x)`), used when an item leaves the key out. */
function keyDefault(elem: AnySchema | undefined, key: string): unknown {
  const f = elem ? objectShape(elem)?.[key] : undefined;
  let cur = f;
  for (let i = 0; cur && i < 10; i++) {
    const d = def(cur) as { type: string; defaultValue?: unknown; innerType?: AnySchema };
    if (d.type === 'default') return typeof d.defaultValue === 'function' ? (d.defaultValue as () => unknown)() : d.defaultValue;
    if (!d.innerType) break;
    cur = d.innerType;
  }
  return undefined;
}

/** The element naming a list item: k:{keys} for map lists, v:value for sets. */
export function itemPe(ty: Extract<TypeInfo, { t: 'list' }>, item: unknown): PathElement {
  if (ty.rel === 'set' || ty.keys.length === 0) return { kind: 'v', value: item };
  const key: Array<[string, unknown]> = [];
  for (const k of [...ty.keys].sort()) {
    const v = isObj(item) && item[k] !== undefined ? item[k] : keyDefault(ty.elem, k);
    if (v !== undefined) key.push([k, v]);
  }
  return { kind: 'k', key };
}

/** ToFieldSet: leaves, list items, map entries, empty or null fields. */
export function fieldSetOf(value: unknown, schema: AnySchema | undefined): PathSet {
  const out = new PathSet();
  walkSet(value, schema, [], out);
  return out;
}

function walkSet(v: unknown, schema: AnySchema | undefined, p: FieldPath, out: PathSet): void {
  const ty = resolve(schema, v);
  if (ty.t === 'leaf') return out.insert(p);
  if (ty.t === 'struct' || ty.t === 'map') {
    if (!isObj(v)) return out.insert(p);
    for (const [k, c] of Object.entries(v)) {
      if (c === undefined) continue;
      const p2: FieldPath = [...p, { kind: 'f', name: k }];
      walkSet(c, childSchema(ty, schema, k), p2, out);
      if (c === null || (isObj(c) && Object.keys(c).length === 0) || !(ty.t === 'struct' && ty.fields[k])) out.insert(p2);
    }
    return;
  }
  if (!Array.isArray(v)) return out.insert(p);
  for (const item of v) {
    const p2 = [...p, itemPe(ty, item)];
    walkSet(item, ty.elem, p2, out);
    out.insert(p2);
  }
}

export interface Comparison {
  added: PathSet;
  modified: PathSet;
  removed: PathSet;
}

/** TypedValue.Compare: what changed from `lhs` to `rhs` (either may be undefined: absent). */
export function compareValues(lhs: unknown, rhs: unknown, schema: AnySchema | undefined): Comparison {
  const c: Comparison = { added: new PathSet(), modified: new PathSet(), removed: new PathSet() };
  walkCompare(lhs, rhs, schema, PathCursor.over(c.added, c.modified, c.removed));
  return c;
}

const ADDED = 0;
const MODIFIED = 1;
const REMOVED = 2;

function walkCompare(l: unknown, r: unknown, schema: AnySchema | undefined, at: PathCursor): void {
  const ty = resolve(schema, r !== undefined ? r : l);
  if (ty.t === 'leaf') {
    if (l === undefined) at.insert(ADDED);
    else if (r === undefined) at.insert(REMOVED);
    else if (!deepEqual(l, r)) at.insert(MODIFIED);
    return;
  }
  if (ty.t === 'struct' || ty.t === 'map') {
    const lm = isObj(l) ? l : {};
    const rm = isObj(r) ? r : {};
    const field = (k: string) => {
      const lv = lm[k];
      const rv = rm[k];
      if (lv !== undefined || rv !== undefined) walkCompare(lv, rv, childSchema(ty, schema, k), at.child({ kind: 'f', name: k }, `f:${k}`));
    };
    for (const k in lm) field(k);
    for (const k in rm) if (!Object.hasOwn(lm, k)) field(k);
  } else {
    const li = indexItems(ty, l);
    const ri = indexItems(ty, r);
    for (const [k, { pe }] of new Map([...li, ...ri])) {
      walkCompare(li.get(k)?.item, ri.get(k)?.item, ty.elem, at.child(pe, k));
    }
  }
  if (l === undefined) at.insert(ADDED);
  else if (r === undefined) at.insert(REMOVED);
}

/** List items by their path element key (first occurrence wins). */
export function indexItems(ty: Extract<TypeInfo, { t: 'list' }>, v: unknown): Map<string, { pe: PathElement; item: unknown }> {
  const m = new Map<string, { pe: PathElement; item: unknown }>();
  if (!Array.isArray(v)) return m;
  for (const item of v) {
    const pe = itemPe(ty, item);
    const k = peKey(pe);
    if (!m.has(k)) m.set(k, { pe, item });
  }
  return m;
}

/** RemoveItems: a copy of `v` without the members of `set` (each with everything below it). */
export function removeItems(v: unknown, set: PathSet, schema: AnySchema | undefined): unknown {
  if (set.empty()) return v;
  const ty = resolve(schema, v);
  if ((ty.t === 'struct' || ty.t === 'map') && isObj(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, c] of Object.entries(v)) {
      const pe: PathElement = { kind: 'f', name: k };
      if (set.members.has(peKey(pe))) continue;
      const sub = set.child(pe);
      out[k] = sub ? removeItems(c, sub, childSchema(ty, schema, k)) : c;
    }
    return out;
  }
  if (ty.t === 'list' && Array.isArray(v)) {
    const out: unknown[] = [];
    for (const item of v) {
      const pe = itemPe(ty, item);
      if (set.members.has(peKey(pe))) continue;
      const sub = set.child(pe);
      out.push(sub ? removeItems(item, sub, ty.elem) : item);
    }
    return out;
  }
  return v;
}

/** EnsureNamedFieldsAreMembers: struct fields with children in the set become members too. */
export function ensureNamedFieldsAreMembers(set: PathSet, schema: AnySchema | undefined, value: unknown): PathSet {
  const out = set.clone();
  ensureWalk(out, schema, value);
  return out;
}

function ensureWalk(set: PathSet, schema: AnySchema | undefined, value: unknown): void {
  const ty = resolve(schema, value);
  for (const [k, c] of set.children) {
    if (c.set.empty()) continue;
    let cs: AnySchema | undefined;
    let cv: unknown;
    if ((ty.t === 'struct' || ty.t === 'map') && c.pe.kind === 'f') {
      cs = childSchema(ty, schema, c.pe.name);
      cv = isObj(value) ? value[c.pe.name] : undefined;
      if (ty.t === 'struct' && ty.fields[c.pe.name]) set.members.set(k, c.pe);
    } else if (ty.t === 'list') {
      cs = ty.elem;
      cv = indexItems(ty, value).get(k)?.item;
    }
    ensureWalk(c.set, cs, cv);
  }
}
