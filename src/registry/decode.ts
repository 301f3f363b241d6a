/**
 * Turning a request body (already parsed from JSON/YAML/protobuf) into a typed object of one kind, as
 * upstream's decoder does: apiVersion/kind checks, unknown fields (fieldValidation Strict|Warn|Ignore),
 * type errors, pruning of what the schema does not know.
 */
import { z } from 'zod';
import { badRequest } from '../api/errors.js';
import { pruneUnknownFields, unknownFields } from '../api/schema-walk.js';
import type { KObject } from '../api/meta.js';
import { gvString, type ResourceDef } from './resource-def.js';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export function parseFieldValidation(v: unknown): FieldValidation {
  if (v === undefined || v === '') return 'Warn';
  if (v === 'Strict' || v === 'Warn' || v === 'Ignore') return v;
  throw badRequest(`fieldValidation must be one of "Ignore", "Warn", or "Strict", but got: "${String(v)}"`);
}

/** The GroupVersionKind a body must carry to be decoded as `def` (kind/apiVersion may be the def's own). */
export interface DecodeTarget {
  apiVersion: string;
  kind: string;
  schema: z.ZodType;
}

export const targetOf = (def: ResourceDef): DecodeTarget => ({ apiVersion: gvString(def), kind: def.kind, schema: def.schema });

const cannotBeHandled = (t: DecodeTarget, why: string) => {
  const version = t.apiVersion.split('/').pop();
  return badRequest(`${t.kind} in version "${version}" cannot be handled as a ${t.kind}: ${why}`);
};

/** Upstream's Go-ish type names for zod's expectations, for "cannot unmarshal" messages. */
function goType(expected: string | undefined): string {
  switch (expected) {
    case 'string':
      return 'string';
    case 'number':
    case 'int':
      return 'int32';
    case 'boolean':
      return 'bool';
    case 'array':
      return '[]interface {}';
    case 'object':
    case 'record':
      return 'map[string]interface {}';
    default:
      return expected ?? 'value';
  }
}

/** For a union (IntOrString, Quantity) whose options all failed: name what was expected instead. */
function guessType(got: unknown): string {
  return typeof got === 'string' ? 'int32' : 'string';
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'object' ? 'object' : typeof v;
}

function valueAt(obj: unknown, path: PropertyKey[]): unknown {
  let cur = obj;
  for (const p of path) cur = cur && typeof cur === 'object' ? (cur as Record<PropertyKey, unknown>)[p] : undefined;
  return cur;
}

const dotted = (path: PropertyKey[]) =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');

/**
 * Decode `body` as an object of `target`. Returns the pruned object; unknown-field warnings are pushed to
 * `warnings` (Warn) or raised (Strict).
 */
export function decodeBody(target: DecodeTarget, body: unknown, fieldValidation: FieldValidation, warnings: string[]): KObject {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw badRequest(`the body of the request was not a JSON object: ${jsonType(body)}`);
  const b = body as Record<string, unknown>;
  if (b.kind === undefined || b.kind === '') throw badRequest(`Object 'Kind' is missing in '${truncate(JSON.stringify(body))}'`);
  if (b.apiVersion !== undefined && b.apiVersion !== '' && b.apiVersion !== target.apiVersion)
    throw badRequest(`the API version in the data (${String(b.apiVersion)}) does not match the expected API version (${target.apiVersion})`);
  if (b.kind !== target.kind) throw badRequest(`the kind in the data (${String(b.kind)}) does not match the expected kind (${target.kind})`);
  if (fieldValidation !== 'Ignore') {
    const unknown = unknownFields(target.schema, body);
    if (unknown.length) {
      if (fieldValidation === 'Strict')
        throw cannotBeHandled(target, `strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`);
      for (const f of unknown) warnings.push(`unknown field "${f}"`);
    }
  }
  // Missing required fields are validation's business (422 "Required value"), not the decoder's:
  // only a value of the wrong type is a decoding error, as with Go's JSON decoder.
  const pruned = pruneUnknownFields(target.schema, body) as Record<string, unknown>;
  const r = target.schema.safeParse(pruned);
  if (!r.success) {
    const issue = r.error.issues.find((i) => valueAt(pruned, i.path) !== undefined);
    if (issue) {
      const path = issue.path;
      const got = valueAt(pruned, path);
      const expected = (issue as { expected?: string }).expected;
      const why =
        issue.code === 'invalid_type' || issue.code === 'invalid_union'
          ? `json: cannot unmarshal ${jsonType(got)} into Go struct field ${dotted(path)} of type ${goType(expected ?? guessType(got))}`
          : `${dotted(path)}: ${issue.message}`;
      throw cannotBeHandled(target, why);
    }
  }
  const out = pruned as KObject;
  out.apiVersion = target.apiVersion;
  out.kind = target.kind;
  if (!out.metadata || typeof out.metadata !== 'object') out.metadata = {};
  return out;
}

function truncate(s: string): string {
  return s.length > 200 ? s.slice(0, 200) + '...' : s;
}
