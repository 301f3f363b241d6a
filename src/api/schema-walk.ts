/**
 * Reading zod schemas as data. Patch strategies, server-side apply, unknown-field detection and the
 * OpenAPI generator all walk the same schemas through these helpers.
 *
 * Conventions for schemas in src/api (see README "Schema conventions"):
 * - a named type carries `.meta({ id: 'io.k8s.api.core.v1.Container', description })`;
 * - a field carries `.describe(text)`, and list fields carry the OpenAPI extensions as meta keys:
 *   'x-kubernetes-patch-merge-key', 'x-kubernetes-patch-strategy', 'x-kubernetes-list-type',
 *   'x-kubernetes-list-map-keys', 'x-kubernetes-map-type';
 * - free-form values (`z.unknown()`, `z.any()`, or meta 'x-kubernetes-preserve-unknown-fields': true)
 *   are never descended into.
 */
import { z } from 'zod';

export type AnySchema = z.ZodType;

export type SchemaKind =
  | 'object'
  | 'array'
  | 'record'
  | 'string'
  | 'number'
  | 'boolean'
  | 'union'
  | 'enum'
  | 'literal'
  | 'any'
  | 'other';

export interface SchemaMeta {
  id?: string;
  description?: string;
  'x-kubernetes-patch-merge-key'?: string;
  'x-kubernetes-patch-strategy'?: string;
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: 'atomic' | 'granular';
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  format?: string;
  [k: string]: unknown;
}

interface Def {
  type: string;
  innerType?: AnySchema;
  element?: AnySchema;
  valueType?: AnySchema;
  keyType?: AnySchema;
  options?: AnySchema[];
  getter?: () => AnySchema;
  in?: AnySchema;
  out?: AnySchema;
  entries?: Record<string, string | number>;
  values?: unknown[];
  shape?: Record<string, AnySchema>;
  checks?: Array<{ _zod?: { def?: { format?: string; check?: string } } }>;
}

export function def(s: AnySchema): Def {
  return (s as unknown as { _zod: { def: Def } })._zod.def;
}

export interface Unwrapped {
  schema: AnySchema;
  optional: boolean;
  nullable: boolean;
  /** Meta from every wrapper layer merged, inner layers first, outer layers win. */
  meta: SchemaMeta;
}

const unwrapCache = new WeakMap<AnySchema, Unwrapped>();
const kindCache = new WeakMap<AnySchema, SchemaKind>();

/** Strip optional/nullable/default/lazy/pipe wrappers, collecting their meta. Schemas never change, so results are cached. */
export function unwrap(s: AnySchema): Unwrapped {
  let u = unwrapCache.get(s);
  if (!u) {
    u = unwrapUncached(s);
    unwrapCache.set(s, u);
  }
  return u;
}

function unwrapUncached(s: AnySchema): Unwrapped {
  const layers: SchemaMeta[] = [];
  let optional = false;
  let nullable = false;
  let cur = s;
  for (let i = 0; i < 50; i++) {
    const m = z.globalRegistry.get(cur) as SchemaMeta | undefined;
    if (m) layers.push(m);
    const d = def(cur);
    if (d.type === 'optional' || d.type === 'default' || d.type === 'prefault') {
      optional = true;
      cur = d.innerType!;
    } else if (d.type === 'nullable') {
      nullable = true;
      cur = d.innerType!;
    } else if (d.type === 'lazy') {
      cur = d.getter!();
    } else if (d.type === 'pipe') {
      cur = d.in!;
    } else if (d.type === 'readonly' || d.type === 'catch' || d.type === 'nonoptional') {
      cur = d.innerType!;
    } else break;
  }
  const meta: SchemaMeta = {};
  for (const l of layers.reverse()) Object.assign(meta, l);
  return { schema: cur, optional, nullable, meta };
}

export function kindOf(s: AnySchema): SchemaKind {
  let k = kindCache.get(s);
  if (k === undefined) {
    k = kindOfUncached(s);
    kindCache.set(s, k);
  }
  return k;
}

function kindOfUncached(s: AnySchema): SchemaKind {
  const u = unwrap(s);
  if (u.meta['x-kubernetes-preserve-unknown-fields'] && def(u.schema).type !== 'object') return 'any';
  switch (def(u.schema).type) {
    case 'object':
      return 'object';
    case 'array':
      return 'array';
    case 'record':
      return 'record';
    case 'string':
      return 'string';
    case 'number':
    case 'int':
    case 'bigint':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'union':
      return 'union';
    case 'enum':
      return 'enum';
    case 'literal':
      return 'literal';
    case 'any':
    case 'unknown':
      return 'any';
    default:
      return 'other';
  }
}

/** The fields of an object schema (after unwrapping), or undefined. */
export function objectShape(s: AnySchema): Record<string, AnySchema> | undefined {
  const u = unwrap(s).schema;
  if (def(u).type !== 'object') return undefined;
  return (u as unknown as { shape: Record<string, AnySchema> }).shape;
}

/** Does this object schema keep unknown keys (passthrough/loose or preserve-unknown-fields)? */
export function keepsUnknownFields(s: AnySchema): boolean {
  const u = unwrap(s);
  if (u.meta['x-kubernetes-preserve-unknown-fields']) return true;
  const d = def(u.schema) as Def & { catchall?: AnySchema };
  if (d.type !== 'object') return false;
  return !!d.catchall && def(d.catchall).type !== 'never';
}

export function arrayElement(s: AnySchema): AnySchema | undefined {
  const u = unwrap(s).schema;
  return def(u).type === 'array' ? def(u).element : undefined;
}

export function recordValue(s: AnySchema): AnySchema | undefined {
  const u = unwrap(s).schema;
  return def(u).type === 'record' ? def(u).valueType : undefined;
}

export function unionOptions(s: AnySchema): AnySchema[] {
  const u = unwrap(s).schema;
  return def(u).type === 'union' ? (def(u).options ?? []) : [];
}

export function enumValues(s: AnySchema): string[] {
  const d = def(unwrap(s).schema);
  if (d.type === 'enum') return Object.values(d.entries ?? {}).map(String);
  if (d.type === 'literal') return (d.values ?? []).map(String);
  return [];
}

export function metaOf(s: AnySchema): SchemaMeta {
  return unwrap(s).meta;
}

/** Is this a number schema restricted to integers? */
export function isInteger(s: AnySchema): boolean {
  const d = def(unwrap(s).schema);
  if (d.type === 'int') return true;
  return (d.checks ?? []).some((c) => {
    const f = c._zod?.def?.format;
    return f === 'safeint' || f === 'int32' || f === 'int64' || f === 'uint32';
  });
}

/**
 * The schema of the value at a path below `s` (path segments are field names; array elements and
 * record values are entered by the segment '*'). Undefined when the path leaves the schema.
 */
export function schemaAt(s: AnySchema, segments: string[]): AnySchema | undefined {
  let cur: AnySchema | undefined = s;
  for (const seg of segments) {
    if (!cur) return undefined;
    const k = kindOf(cur);
    if (k === 'object') cur = objectShape(cur)![seg];
    else if (k === 'array' && seg === '*') cur = arrayElement(cur);
    else if (k === 'record') cur = recordValue(cur);
    else if (k === 'any') return cur;
    else return undefined;
  }
  return cur;
}

/** Patch metadata of a list field, as strategic merge patch needs it. */
export interface ListPatchMeta {
  mergeKey?: string;
  strategy: string[]; // e.g. ['merge'], ['merge','retainKeys'], ['replace'], []
}

export function listPatchMeta(s: AnySchema): ListPatchMeta {
  const m = metaOf(s);
  return {
    mergeKey: m['x-kubernetes-patch-merge-key'],
    strategy: (m['x-kubernetes-patch-strategy'] ?? '').split(',').filter(Boolean),
  };
}

/**
 * Fields present in `value` that the schema does not know, as dotted paths
 * ("spec.template.spec.containers[0].foo"), the way upstream's strict decoder names them.
 */
export function unknownFields(s: AnySchema, value: unknown, prefix = ''): string[] {
  const out: string[] = [];
  walkUnknown(s, value, prefix, out);
  return out;
}

function walkUnknown(s: AnySchema, value: unknown, p: string, out: string[]): void {
  if (value === null || value === undefined) return;
  const k = kindOf(s);
  if (k === 'object') {
    if (typeof value !== 'object' || Array.isArray(value)) return;
    const shape = objectShape(s)!;
    const open = keepsUnknownFields(s);
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const child = shape[key];
      const cp = p ? `${p}.${key}` : key;
      if (!child) {
        if (!open) out.push(cp);
        continue;
      }
      walkUnknown(child, v, cp, out);
    }
  } else if (k === 'array') {
    if (!Array.isArray(value)) return;
    const el = arrayElement(s)!;
    value.forEach((v, i) => walkUnknown(el, v, `${p}[${i}]`, out));
  } else if (k === 'record') {
    if (typeof value !== 'object' || Array.isArray(value)) return;
    const vs = recordValue(s)!;
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) walkUnknown(vs, v, `${p}.${key}`, out);
  } else if (k === 'union') {
    // Descend into the first object-like option that fits the value's shape.
    const opts = unionOptions(s);
    const objOpt = opts.find((o) => (Array.isArray(value) ? kindOf(o) === 'array' : typeof value === 'object' && kindOf(o) === 'object'));
    if (objOpt) walkUnknown(objOpt, value, p, out);
  }
}

const isEmptyPlainObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0;

/**
 * A copy of `value` without the fields the schema does not know, without nulls where the schema
 * does not allow them (a JSON null decodes to Go's zero value, which is then omitted), and without
 * empty maps (omitempty).
 */
export function pruneUnknownFields(s: AnySchema, value: unknown): unknown {
  if (value === null || value === undefined || typeof value !== 'object') return value;
  const k = kindOf(s);
  if (k === 'object') {
    if (Array.isArray(value)) return value;
    const shape = objectShape(s)!;
    const open = keepsUnknownFields(s);
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const child = shape[key];
      if (!child) {
        if (open) out[key] = v;
        continue;
      }
      if (v === null && !unwrap(child).nullable) continue;
      // Go maps are `omitempty` in the API types: an empty map is not stored (e.g. annotations after `key-`).
      if (isEmptyPlainObject(v) && kindOf(child) === 'record') continue;
      out[key] = pruneUnknownFields(child, v);
    }
    return out;
  }
  if (k === 'array') {
    if (!Array.isArray(value)) return value;
    const el = arrayElement(s)!;
    return value.map((v) => pruneUnknownFields(el, v));
  }
  if (k === 'record') {
    if (Array.isArray(value)) return value;
    const vs = recordValue(s)!;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) out[key] = pruneUnknownFields(vs, v);
    return out;
  }
  if (k === 'union') {
    const opts = unionOptions(s);
    const objOpt = opts.find((o) => (Array.isArray(value) ? kindOf(o) === 'array' : kindOf(o) === 'object'));
    return objOpt ? pruneUnknownFields(objOpt, value) : value;
  }
  return value;
}
