/**
 * zod schemas -> OpenAPI v3 component schemas, shaped like upstream's /openapi/v3 documents:
 * a named type (`.meta({ id })`) becomes `components.schemas[id]`; a field referring to it is
 * `{ $ref }`, or `{ allOf: [{ $ref }], description, default }` when the field has its own keys.
 * Required scalars carry their zero value as `default`, array items of object types `default: {}`,
 * unions of primitives become `oneOf` (IntOrString, Quantity), list/map extensions are copied, and a
 * string's meta `enum` (an upstream `+enum` type) becomes its sorted `enum`.
 */
import { z } from 'zod';
import { def, enumValues, isInteger, type AnySchema, type SchemaMeta } from '../api/schema-walk.js';

export type Json = Record<string, unknown>;

const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'lazy', 'pipe', 'readonly', 'catch', 'nonoptional']);
/** Meta keys that are not copied into OpenAPI (ours, or upstream leaves them out of built-in types). */
const SKIP_META = new Set(['id', 'description', 'default', 'format', 'x-kubernetes-int-or-string']);

/** Named types upstream fields hold by pointer even when required (so no `default: {}`). */
const REQUIRED_POINTER_TYPES = new Set(['io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector']);

/** A schema's own registered meta (without what zod inherits from the parent of a clone). */
function ownMeta(s: AnySchema): SchemaMeta | undefined {
  return (z.globalRegistry as unknown as { _map: WeakMap<AnySchema, SchemaMeta> })._map.get(s);
}

function parentOf(s: AnySchema): AnySchema | undefined {
  return (s as unknown as { _zod: { parent?: AnySchema } })._zod.parent;
}

export interface Analysis {
  /** The id of the named type this schema refers to, if any. */
  ref?: string;
  /** The named schema itself (with ref). */
  named?: AnySchema;
  /** The innermost non-wrapper node (most derived clone): what to render when there is no ref. */
  base: AnySchema;
  optional: boolean;
  /** Meta of the layers outside the named type (or of every layer when inline), outer layers win. */
  meta: SchemaMeta;
  /** A zod `.default(v)` on the way in. */
  zodDefault?: unknown;
}

/**
 * Strip wrappers and clones down to a named type or the base schema. With `skipId` the first id met
 * is not treated as a reference (used to render the named type's own component).
 */
export function analyze(s: AnySchema, skipId?: AnySchema): Analysis {
  const layers: SchemaMeta[] = [];
  let optional = false;
  let zodDefault: unknown;
  let base: AnySchema | undefined;
  let cur: AnySchema | undefined = s;
  for (let i = 0; cur && i < 100; i++) {
    const own = ownMeta(cur);
    if (own?.id && cur !== skipId) {
      return { ref: own.id, named: cur, base: base ?? cur, optional, meta: merge(layers), zodDefault };
    }
    if (own) layers.push(own);
    const d = def(cur) as ReturnType<typeof def> & { defaultValue?: unknown };
    if (WRAPPERS.has(d.type)) {
      if (d.type === 'optional' || d.type === 'default' || d.type === 'prefault') optional = true;
      if (d.type === 'default' && zodDefault === undefined) zodDefault = d.defaultValue;
      cur = d.type === 'lazy' ? d.getter!() : d.type === 'pipe' ? d.in : d.innerType;
      continue;
    }
    base ??= cur;
    cur = parentOf(cur);
  }
  return { base: base ?? s, optional, meta: merge(layers), zodDefault };
}

function merge(layersOuterFirst: SchemaMeta[]): SchemaMeta {
  const out: SchemaMeta = {};
  for (const l of [...layersOuterFirst].reverse()) Object.assign(out, l);
  return out;
}

function extensions(meta: SchemaMeta): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(meta)) if (k.startsWith('x-kubernetes-') && !SKIP_META.has(k)) out[k] = v;
  return out;
}

/** The JSON type of a primitive schema, for oneOf lists. */
function primitiveType(s: AnySchema): string | undefined {
  const a = analyze(s);
  if (a.ref) return undefined;
  const t = def(a.base).type;
  if (t === 'string') return 'string';
  if (t === 'boolean') return 'boolean';
  if (t === 'number' || t === 'int' || t === 'bigint') return isInteger(a.base) ? 'integer' : 'number';
  return undefined;
}

function zeroOf(schema: Json): unknown {
  switch (schema.type) {
    case 'string':
      return schema.format === 'byte' ? undefined : '';
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return false;
    default:
      return undefined;
  }
}

export interface SchemaConverter {
  /** The OpenAPI schema of a property / item. */
  field(s: AnySchema, opts?: { required?: boolean; rootKind?: boolean; item?: boolean }): Json;
  /**
   * The component body for a named schema (its own id is not a reference). `rootKind`: a top-level
   * kind, whose object-typed fields (metadata, spec, status) default to {} as upstream's do.
   */
  component(s: AnySchema, opts?: { rootKind?: boolean }): Json;
  /** Is the named type with this id rendered as an object? */
  isObjectRef(id: string): boolean;
}

/**
 * `lookup(id)` returns the schema registered for an id (the first one seen wins), so references
 * resolve to one definition even when two zod objects carry the same id.
 */
export function schemaConverter(lookup: (id: string) => AnySchema | undefined): SchemaConverter {
  const isObjectRef = (id: string): boolean => {
    const s = lookup(id);
    if (!s) return false;
    return def(analyze(s, s).base).type === 'object';
  };

  /** Render a node that is not a reference (after analyze). */
  function inline(a: Analysis, rootKind = false): Json {
    const b = a.base;
    const d = def(b);
    const meta = a.meta;
    if (meta['x-kubernetes-preserve-unknown-fields'] && d.type !== 'object') {
      return { 'x-kubernetes-preserve-unknown-fields': true };
    }
    let out: Json;
    switch (d.type) {
      case 'object': {
        const shape = (b as unknown as { shape: Record<string, AnySchema> }).shape;
        const properties: Json = {};
        const required: string[] = [];
        for (const [k, v] of Object.entries(shape)) {
          const req = !analyze(v).optional;
          if (req) required.push(k);
          properties[k] = field(v, { required: req, rootKind });
        }
        out = { type: 'object' };
        if (Object.keys(properties).length) out.properties = properties;
        if (required.length) out.required = required;
        break;
      }
      case 'record': {
        const va = analyze(d.valueType!);
        const unknownValues = !va.ref && (def(va.base).type === 'unknown' || def(va.base).type === 'any');
        out = unknownValues ? { type: 'object' } : { type: 'object', additionalProperties: field(d.valueType!, { item: true }) };
        break;
      }
      case 'array':
        out = { type: 'array', items: field(d.element!, { item: true }) };
        break;
      case 'string':
        out = { type: 'string' };
        // A string of an upstream enum type (decoding stays lenient; the values are documentation).
        if (Array.isArray(meta.enum) && meta.enum.length) out.enum = [...meta.enum].sort();
        break;
      case 'enum':
        out = { type: 'string', enum: enumValues(b).sort() };
        break;
      case 'literal': {
        const vals = d.values ?? [];
        out = { type: typeof vals[0] === 'number' ? 'number' : typeof vals[0] === 'boolean' ? 'boolean' : 'string' };
        if (vals.length > 1) out.enum = [...vals].sort();
        break;
      }
      case 'number':
      case 'int':
      case 'bigint':
        out = isInteger(b) ? { type: 'integer', format: 'int32' } : { type: 'number', format: 'double' };
        break;
      case 'boolean':
        out = { type: 'boolean' };
        break;
      case 'union': {
        const opts = d.options ?? [];
        const lits = opts.map((o) => analyze(o)).filter((o) => !o.ref && def(o.base).type === 'literal');
        if (lits.length === opts.length && opts.length > 0) {
          out = { type: 'string', enum: lits.flatMap((l) => def(l.base).values ?? []).map(String).sort() };
          break;
        }
        const prims = opts.map(primitiveType);
        out = prims.every(Boolean) ? { oneOf: prims.map((type) => ({ type })) } : { oneOf: opts.map((o) => field(o)) };
        break;
      }
      default:
        out = {};
    }
    if (typeof meta.format === 'string' && meta.format) out.format = meta.format;
    return out;
  }

  function field(s: AnySchema, opts: { required?: boolean; rootKind?: boolean; item?: boolean } = {}): Json {
    const a = analyze(s);
    const meta = a.meta;
    let out: Json;
    let dflt: unknown = 'default' in meta ? meta.default : a.zodDefault;
    if (a.ref) {
      const ref = { $ref: `#/components/schemas/${a.ref}` };
      // Upstream gives non-pointer struct fields `default: {}`. Pointer-ness is not in zod, so: list
      // items, a kind's top-level fields and required fields get it, except types upstream holds by
      // pointer even where required (LabelSelector). A field's own meta `default` wins.
      const obj = isObjectRef(a.ref);
      const structField = opts.item || opts.rootKind || (opts.required && !REQUIRED_POINTER_TYPES.has(a.ref));
      if (dflt === undefined && obj && structField) dflt = {};
      const extra: Json = { ...extensions(meta) };
      if (meta.description) extra.description = meta.description;
      if (dflt !== undefined) extra.default = dflt;
      out = Object.keys(extra).length ? { allOf: [ref], ...extra } : ref;
      return out;
    }
    out = inline(a);
    Object.assign(out, extensions(meta));
    if (meta.description) out.description = meta.description;
    if (dflt === undefined && (opts.required || opts.item)) dflt = zeroOf(out);
    if (dflt !== undefined) out.default = dflt;
    return out;
  }

  function component(s: AnySchema, opts: { rootKind?: boolean } = {}): Json {
    const a = analyze(s, s);
    const out = inline(a, !!opts.rootKind);
    Object.assign(out, extensions(a.meta));
    if (a.meta.description) out.description = a.meta.description;
    return out;
  }

  return { field, component, isObjectRef };
}

/** Every named schema reachable from `roots`, by id (the first schema seen for an id wins). */
export function collectNamed(roots: AnySchema[], into: Map<string, AnySchema> = new Map()): Map<string, AnySchema> {
  const seen = new Set<AnySchema>();
  const visit = (s: AnySchema | undefined): void => {
    if (!s || seen.has(s)) return;
    seen.add(s);
    const a = analyze(s);
    if (a.ref && a.named) {
      if (!into.has(a.ref)) into.set(a.ref, a.named);
      visitChildren(analyze(a.named, a.named).base);
      return;
    }
    visitChildren(a.base);
  };
  const visitChildren = (b: AnySchema): void => {
    const d = def(b);
    if (d.type === 'object') for (const v of Object.values((b as unknown as { shape: Record<string, AnySchema> }).shape)) visit(v);
    else if (d.type === 'array') visit(d.element);
    else if (d.type === 'record') visit(d.valueType);
    else if (d.type === 'union') for (const o of d.options ?? []) visit(o);
  };
  for (const r of roots) visit(r);
  return into;
}

/** Every `$ref` target id inside a JSON value. */
export function refsIn(v: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(v)) for (const x of v) refsIn(x, out);
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k === '$ref' && typeof x === 'string') out.add(x.replace('#/components/schemas/', ''));
      else refsIn(x, out);
    }
  }
  return out;
}

/** A copy of a JSON value with object keys sorted (upstream documents are key-sorted). */
export function sortKeys<T>(v: T): T {
  if (Array.isArray(v)) return v.map(sortKeys) as T;
  if (v && typeof v === 'object') {
    const out: Json = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Json)[k]);
    return out as T;
  }
  return v;
}
