/**
 * The OpenAPI v2 (Swagger 2.0) document served at /openapi/v2, shaped like upstream's
 * api/openapi-spec/swagger.json: one document for every group version, `definitions` keyed by
 * upstream ids with x-kubernetes-group-version-kind, `$ref: '#/definitions/<id>'`, paths with
 * consumes/produces, body parameters, schemes and the Kubernetes extensions.
 *
 * It is derived from the same generators as v3 (openapi-paths.ts builds the paths, openApiComponents
 * the schemas), converted the way upstream's builders differ: a field's `allOf: [$ref]` wrapper
 * becomes `$ref` with sibling keys, `default`s are left out, int-or-string and quantity types are
 * `type: string`, request bodies are `in: body` parameters and parameters carry their type inline.
 */
import type { ResourceDef } from '../registry/resource-def.js';
import { groupVersions } from './discovery.js';
import { openApiComponents, type OpenApiOptions } from './openapi.js';
import { buildPaths } from './openapi-paths.js';
import { sortKeys, type Json } from './openapi-schemas.js';

const V3_REF = '#/components/schemas/';
const V2_REF = '#/definitions/';

/** The version upstream puts in info.version of a v1.32.0 server's /openapi/v2. */
export const OPENAPI_V2_INFO = { title: 'Kubernetes', version: 'v1.32.0' };

/** Keys of an OpenAPI v3 schema that Swagger 2.0 has no place for. */
const V3_ONLY = new Set(['default', 'nullable', 'oneOf', 'anyOf', 'not']);

/** A v3 component or field schema as upstream writes it in v2. */
export function toV2Schema(s: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(s)) {
    if (V3_ONLY.has(k)) continue;
    if (k === '$ref') out.$ref = (v as string).replace(V3_REF, V2_REF);
    else if (k === 'allOf') {
      const all = v as Json[];
      // A field of a named type: v3 wraps the reference so it can carry a description; v2 does not.
      if (all.length === 1 && typeof all[0]!.$ref === 'string' && Object.keys(all[0]!).length === 1) out.$ref = (all[0]!.$ref as string).replace(V3_REF, V2_REF);
      else out.allOf = all.map(toV2Schema);
    } else if (k === 'properties') {
      out.properties = Object.fromEntries(Object.entries(v as Json).map(([name, p]) => [name, toV2Schema(p as Json)]));
    } else if (k === 'items' || (k === 'additionalProperties' && typeof v === 'object' && v)) out[k] = toV2Schema(v as Json);
    else out[k] = v;
  }
  // A union of primitives (IntOrString, Quantity) is declared as a string in v2 (its format says more).
  if (Array.isArray(s.oneOf) && s.type === undefined && (s.oneOf as Json[]).every((o) => typeof o.type === 'string' && !o.properties)) {
    out.type = 'string';
  }
  return out;
}

/**
 * Media types in the order upstream's v2 operations list them: log's text/plain first, the patch
 * types, then the serializers (JSON, YAML, protobuf), then the watch streams.
 */
const MEDIA_ORDER = [
  'text/plain',
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
  'application/json',
  'application/yaml',
  'application/vnd.kubernetes.protobuf',
  'application/json;stream=watch',
  'application/vnd.kubernetes.protobuf;stream=watch',
  '*/*',
];
const mediaRank = (t: string) => (MEDIA_ORDER.includes(t) ? MEDIA_ORDER.indexOf(t) : MEDIA_ORDER.length);
const orderMedia = (types: Iterable<string>) => [...new Set(types)].sort((a, b) => mediaRank(a) - mediaRank(b) || (a < b ? -1 : a > b ? 1 : 0));

interface V3Param {
  name: string;
  in: string;
  description?: string;
  required?: boolean;
  schema: { type: string; uniqueItems?: boolean };
}

/** A v3 query/path parameter as a v2 non-body parameter (type inline). */
export function toV2Parameter(p: V3Param): Json {
  const out: Json = { description: p.description, in: p.in, name: p.name };
  if (p.required) out.required = true;
  out.type = p.schema.type;
  if (p.schema.uniqueItems) out.uniqueItems = true;
  return out;
}

const byName = (a: Json, b: Json) => {
  const [an, bn] = [String(a.name), String(b.name)];
  if (an !== bn) return an < bn ? -1 : 1;
  return String(a.in) < String(b.in) ? -1 : String(a.in) > String(b.in) ? 1 : 0;
};

type ContentMap = Record<string, { schema: Json }>;

/** A v3 operation as v2: consumes/produces, the request body as an `in: body` parameter, response schemas. */
export function toV2Operation(op: Json): Json {
  const out: Json = {};
  const body = op.requestBody as { content: ContentMap; required?: boolean } | undefined;
  const responses = op.responses as Record<string, { description: string; content?: ContentMap }>;
  const produced = Object.values(responses).flatMap((r) => Object.keys(r.content ?? {}));
  const produces = orderMedia(produced);
  // Operations without a body accept anything, except discovery's resource list, whose route declares its serializers.
  if (body) out.consumes = orderMedia(Object.keys(body.content));
  else out.consumes = op['x-kubernetes-action'] === undefined ? produces : ['*/*'];
  out.description = op.description;
  out.operationId = op.operationId;
  const params: Json[] = ((op.parameters as V3Param[] | undefined) ?? []).map(toV2Parameter);
  if (body) {
    const schema = Object.values(body.content)[0]!.schema;
    const b: Json = { in: 'body', name: 'body' };
    if (body.required) b.required = true;
    b.schema = toV2Schema(schema);
    params.push(b);
  }
  if (params.length) out.parameters = params.sort(byName);
  if (produces.length) out.produces = produces;
  const res: Json = {};
  for (const [code, r] of Object.entries(responses)) {
    const v: Json = { description: r.description };
    const first = Object.values(r.content ?? {})[0];
    if (first) v.schema = toV2Schema(first.schema);
    res[code] = v;
  }
  out.responses = res;
  out.schemes = ['https'];
  for (const k of Object.keys(op)) if (k === 'tags' || k.startsWith('x-')) out[k] = op[k];
  return out;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];

/** A v3 path item as v2 (its shared parameters converted too). */
export function toV2PathItem(item: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(item)) {
    if (METHODS.includes(k)) out[k] = toV2Operation(v as Json);
    else if (k === 'parameters') out.parameters = (v as V3Param[]).map(toV2Parameter).sort(byName);
    else out[k] = v;
  }
  return out;
}

/** The Swagger 2.0 document for every served group version of `resources` (key-sorted). */
export function buildOpenApiV2(resources: ResourceDef[], opts: OpenApiOptions = {}): Json {
  const components = openApiComponents(resources, opts);
  const v3Paths: Json = {};
  for (const g of groupVersions(resources)) {
    for (const v of g.versions) Object.assign(v3Paths, buildPaths(v.resources, g.group, v.version));
  }
  const definitions: Json = {};
  for (const [id, schema] of Object.entries(components.reachable(v3Paths))) definitions[id] = toV2Schema(schema as Json);
  const paths: Json = {};
  for (const [p, item] of Object.entries(v3Paths)) paths[p] = toV2PathItem(item as Json);
  return sortKeys({
    definitions,
    info: { ...OPENAPI_V2_INFO },
    paths,
    security: [{ BearerToken: [] }],
    securityDefinitions: {
      BearerToken: { description: 'Bearer Token authentication', in: 'header', name: 'authorization', type: 'apiKey' },
    },
    swagger: '2.0',
  });
}
