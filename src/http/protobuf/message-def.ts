/**
 * Protobuf message tables for Kubernetes types, and the compact field-spec syntax the
 * messages-*.ts files are written in.
 *
 * A table maps a fully qualified proto message name to its fields by number:
 *   'k8s.io.api.apps.v1.Deployment': { 1: { name: 'metadata', type: 'k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta' }, ... }
 * `name` is the JSON name, `type` a scalar ('string' | 'int32' | 'int64' | 'bool' | 'double' | 'bytes') or a message
 * name; map fields carry `map: { key: 'string', value }` (and `type` equals the value type).
 *
 * Field spec syntax (one string per message, fields separated by ';'):
 *   `<number> <jsonName> <type><modifiers>`
 * type: a scalar, `map<valueType>`, a message of the same package by its bare name, or `alias.Name` with
 * alias one of the keys of PACKAGE_ALIASES. Modifiers (any order, after the type):
 *   `[]` repeated; `*` the Go field is a pointer (zero values are kept, absence is meaningful);
 *   `!` the Go json tag has no omitempty (a zero scalar still appears in JSON);
 *   `^` the Go field is embedded with json:",inline" (its fields appear in the parent's JSON object).
 */

export type ScalarType = 'string' | 'int32' | 'int64' | 'bool' | 'double' | 'bytes';
export type FieldType = ScalarType | (string & {});

export interface FieldDef {
  name: string;
  type: FieldType;
  repeated?: true;
  map?: { key: 'string'; value: FieldType };
  pointer?: true;
  /** The Go json tag has no omitempty: zero scalars are part of the JSON form. */
  keepEmpty?: true;
  /** Embedded struct with json:",inline". */
  inline?: true;
}

export type MessageDef = Record<number, FieldDef>;
export type MessageTable = Record<string, MessageDef>;

/** Field numbers in the order they were declared (the Go struct order, which is also upstream's JSON order). */
export const FIELD_ORDER = new WeakMap<MessageDef, number[]>();

export const SCALARS: ReadonlySet<string> = new Set(['string', 'int32', 'int64', 'bool', 'double', 'bytes']);

export const PACKAGE_ALIASES: Readonly<Record<string, string>> = {
  meta: 'k8s.io.apimachinery.pkg.apis.meta.v1',
  res: 'k8s.io.apimachinery.pkg.api.resource',
  intstr: 'k8s.io.apimachinery.pkg.util.intstr',
  rt: 'k8s.io.apimachinery.pkg.runtime',
  core: 'k8s.io.api.core.v1',
  apps: 'k8s.io.api.apps.v1',
  batch: 'k8s.io.api.batch.v1',
  authn: 'k8s.io.api.authentication.v1',
  authz: 'k8s.io.api.authorization.v1',
};

const FIELD_RE = /^(\d+)\s+([A-Za-z_][A-Za-z0-9_]*)\s+(map<([A-Za-z0-9_.]+)>|[A-Za-z0-9_.]+)((?:\[\])?)([*!^]*)$/;

function resolveType(pkg: string, t: string): FieldType {
  if (SCALARS.has(t)) return t;
  const dot = t.indexOf('.');
  if (dot < 0) return `${pkg}.${t}`;
  const alias = PACKAGE_ALIASES[t.slice(0, dot)];
  if (!alias) throw new Error(`protobuf tables: unknown package alias in ${JSON.stringify(t)}`);
  return `${alias}.${t.slice(dot + 1)}`;
}

/** Parses one message's field spec (see the module comment). */
export function parseFields(pkg: string, spec: string): MessageDef {
  const out: MessageDef = {};
  const order: number[] = [];
  for (const raw of spec.split(';')) {
    const part = raw.trim();
    if (!part) continue;
    const m = FIELD_RE.exec(part);
    if (!m) throw new Error(`protobuf tables: bad field spec ${JSON.stringify(part)} in ${pkg}`);
    const num = Number(m[1]);
    if (out[num]) throw new Error(`protobuf tables: duplicate field number ${num} in ${JSON.stringify(spec)}`);
    const mods = m[6] ?? '';
    const def: FieldDef = { name: m[2]!, type: '' };
    if (m[4] !== undefined) {
      def.type = resolveType(pkg, m[4]);
      def.map = { key: 'string', value: def.type };
    } else {
      def.type = resolveType(pkg, m[3]!);
    }
    if (m[5]) def.repeated = true;
    if (mods.includes('*')) def.pointer = true;
    if (mods.includes('!')) def.keepEmpty = true;
    if (mods.includes('^')) def.inline = true;
    out[num] = def;
    order.push(num);
  }
  FIELD_ORDER.set(out, order);
  return out;
}

/** Builds a table for one proto package from `{ MessageName: fieldSpec }`. */
export function defineMessages(pkg: string, specs: Record<string, string>): MessageTable {
  const table: MessageTable = {};
  for (const [name, spec] of Object.entries(specs)) table[`${pkg}.${name}`] = parseFields(pkg, spec);
  return table;
}
