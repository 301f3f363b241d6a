/**
 * OpenAPI v3 documents generated from the resource table, one per group version, shaped like
 * upstream's /openapi/v3/apis/<group>/<version> (paths with operationIds and GVK extensions, and the
 * component schemas those paths reach, generated from the zod schemas), plus the /openapi/v3 index.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { ResourceDef } from '../registry/resource-def.js';
import type { AnySchema } from '../api/schema-walk.js';
import { groupVersions, type GroupVersionKind } from './discovery.js';
import { extraSchemas, subresourceKindGvks } from './openapi-extra-schemas.js';
import { DELETE_OPTIONS_ID, WATCH_EVENT_ID, buildPaths } from './openapi-paths.js';
import { collectNamed, refsIn, schemaConverter, sortKeys, type Json } from './openapi-schemas.js';

export interface OpenApiOptions {
  /** Schemas for ids the paths reference besides the resources' (default: Status, Scale, Eviction...). */
  extraSchemas?: z.ZodType[];
}

/** 'api/v1' for the core group, 'apis/<group>/<version>' otherwise: the /openapi/v3 path keys. */
export function openApiKey(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

/** Types registered in every group version upstream, whose components list each of them as a GVK. */
const EVERY_GROUP_KINDS: Record<string, string> = { [DELETE_OPTIONS_ID]: 'DeleteOptions', [WATCH_EVENT_ID]: 'WatchEvent' };

const listIdOf = (r: ResourceDef) => r.schemaId.replace(/[^.]+$/, r.listKind ?? `${r.kind}List`);

const byGvk = (a: GroupVersionKind, b: GroupVersionKind) =>
  a.group !== b.group ? (a.group < b.group ? -1 : 1) : a.version !== b.version ? (a.version < b.version ? -1 : 1) : a.kind < b.kind ? -1 : 1;

function listComponent(r: ResourceDef): Json {
  const listKind = r.listKind ?? `${r.kind}List`;
  return {
    description: `${listKind} is a list of ${r.kind} objects.`,
    properties: {
      apiVersion: { description: 'The versioned schema of this object: "group/version", or "v1" for the core group.', type: 'string' },
      items: {
        description: `The ${r.resource}.`,
        items: { allOf: [{ $ref: `#/components/schemas/${r.schemaId}` }], default: {} },
        type: 'array',
      },
      kind: { description: 'The kind of this object, in CamelCase.', type: 'string' },
      metadata: {
        allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta' }],
        default: {},
        description: 'Standard list metadata.',
      },
    },
    required: ['items'],
    type: 'object',
  };
}

/** The component schemas of a resource table, each built on first use and then cached. */
export interface OpenApiComponents {
  /** The schema for an id, with its x-kubernetes-group-version-kind (throws for unknown ids). */
  component(id: string): Json;
  /** The components `roots` refer to ($ref anywhere inside) and everything those reach, by id. */
  reachable(roots: unknown): Json;
}

/**
 * The components every OpenAPI document (v3 per group version, v2 for everything) draws from: the
 * resources' kinds and lists, what they reference, and the extra schemas, with their GVKs.
 */
export function openApiComponents(resources: ResourceDef[], opts: OpenApiOptions = {}): OpenApiComponents {
  // id -> schema: the resources' own kinds first, then what they reference, then the extras.
  const named = new Map<string, AnySchema>();
  for (const r of resources) if (!named.has(r.schemaId)) named.set(r.schemaId, r.schema);
  collectNamed(resources.map((r) => r.schema), named);
  collectNamed(opts.extraSchemas ?? extraSchemas, named);
  const conv = schemaConverter((id) => named.get(id));

  const kinds = new Map<string, ResourceDef>();
  const lists = new Map<string, ResourceDef>();
  const gvks = new Map<string, GroupVersionKind[]>();
  const addGvk = (id: string, g: GroupVersionKind) => {
    const l = gvks.get(id) ?? [];
    if (!l.some((x) => x.group === g.group && x.version === g.version && x.kind === g.kind)) l.push(g);
    gvks.set(id, l);
  };
  for (const r of resources) {
    if (!kinds.has(r.schemaId)) kinds.set(r.schemaId, r);
    if (!lists.has(listIdOf(r))) lists.set(listIdOf(r), r);
    addGvk(r.schemaId, { group: r.group, version: r.version, kind: r.kind });
    addGvk(listIdOf(r), { group: r.group, version: r.version, kind: r.listKind ?? `${r.kind}List` });
  }
  for (const [id, g] of Object.entries(subresourceKindGvks)) addGvk(id, g);
  const served = groupVersions(resources).flatMap((g) => g.versions.map((v) => ({ group: g.group, version: v.version })));
  for (const [id, kind] of Object.entries(EVERY_GROUP_KINDS)) {
    addGvk(id, { group: '', version: 'v1', kind });
    for (const gv of served) addGvk(id, { ...gv, kind });
  }

  const cache = new Map<string, Json>();
  const component = (id: string): Json => {
    let c = cache.get(id);
    if (c) return c;
    if (kinds.has(id)) c = conv.component(kinds.get(id)!.schema, { rootKind: true });
    else if (named.has(id)) c = conv.component(named.get(id)!);
    else if (lists.has(id)) c = listComponent(lists.get(id)!);
    else throw new Error(`openapi: no schema for component ${id}`);
    const fromMeta = (c['x-kubernetes-group-version-kind'] as GroupVersionKind[] | undefined) ?? [];
    for (const g of fromMeta) addGvk(id, g);
    if (gvks.has(id)) c['x-kubernetes-group-version-kind'] = [...gvks.get(id)!].sort(byGvk);
    cache.set(id, c);
    return c;
  };

  const reachable = (roots: unknown): Json => {
    const schemas: Json = {};
    const todo = [...refsIn(roots)];
    while (todo.length) {
      const id = todo.pop()!;
      if (id in schemas) continue;
      schemas[id] = component(id);
      for (const next of refsIn(schemas[id])) if (!(next in schemas)) todo.push(next);
    }
    return schemas;
  };
  return { component, reachable };
}

/** One OpenAPI v3 document per served group version, keyed 'api/v1', 'apis/apps/v1', ... */
export function buildOpenApiV3(resources: ResourceDef[], opts: OpenApiOptions = {}): Map<string, Json> {
  const components = openApiComponents(resources, opts);
  const docs = new Map<string, Json>();
  for (const g of groupVersions(resources)) {
    for (const v of g.versions) {
      const paths = buildPaths(v.resources, g.group, v.version);
      const doc = {
        components: {
          schemas: components.reachable(paths),
          securitySchemes: { BearerToken: { description: 'Bearer Token authentication', in: 'header', name: 'authorization', type: 'apiKey' } },
        },
        info: { title: 'Kubernetes', version: 'unversioned' },
        openapi: '3.0.0',
        paths,
      };
      docs.set(openApiKey(g.group, v.version), sortKeys(doc));
    }
  }
  return docs;
}

/** The bytes a document is served as (compact JSON of the key-sorted document). */
export function serializeOpenApi(doc: unknown): string {
  return JSON.stringify(sortKeys(doc));
}

/** upstream's ETag and index hash: the uppercase hex SHA-512 of the served bytes. */
export function openApiHash(body: string): string {
  return createHash('sha512').update(body).digest('hex').toUpperCase();
}

/** GET /openapi/v3: each document's path and the URL (with its hash) to fetch it from. */
export function buildOpenApiV3Index(docs: Map<string, unknown>): { paths: Record<string, { serverRelativeURL: string }> } {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const key of [...docs.keys()].sort()) {
    paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${openApiHash(serializeOpenApi(docs.get(key)))}` };
  }
  return { paths };
}
