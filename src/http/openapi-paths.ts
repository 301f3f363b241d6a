/**
 * The `paths` of one group-version OpenAPI v3 document, laid out as upstream's installer registers
 * routes: collection and item paths (namespaced and cluster-wide), subresources, the deprecated
 * /watch/ paths, with upstream's operationIds, x-kubernetes-action and x-kubernetes-group-version-kind.
 */
import type { ResourceDef } from '../registry/resource-def.js';
import { subresourcesOf, verbsOf, type GroupVersionKind } from './discovery.js';
import {
  ATTACH_PARAMS,
  CREATE_PARAMS,
  DELETECOLLECTION_PARAMS,
  DELETE_PARAMS,
  EXEC_PARAMS,
  LIST_PARAMS,
  LOG_PARAMS,
  P,
  PATCH_PARAMS,
  nameParam,
  namespaceParam,
  pathParam,
  type Param,
} from './openapi-params.js';

type Json = Record<string, unknown>;
type Method = 'get' | 'put' | 'post' | 'delete' | 'patch' | 'head' | 'options';

const MV1 = 'io.k8s.apimachinery.pkg.apis.meta.v1';
export const STATUS_ID = `${MV1}.Status`;
export const DELETE_OPTIONS_ID = `${MV1}.DeleteOptions`;
export const PATCH_ID = `${MV1}.Patch`;
export const WATCH_EVENT_ID = `${MV1}.WatchEvent`;
export const API_RESOURCE_LIST_ID = `${MV1}.APIResourceList`;
export const SCALE_ID = 'io.k8s.api.autoscaling.v1.Scale';
export const EVICTION_ID = 'io.k8s.api.policy.v1.Eviction';
export const BINDING_ID = 'io.k8s.api.core.v1.Binding';

const OBJECT_TYPES = ['application/json', 'application/vnd.kubernetes.protobuf', 'application/yaml'];
const LIST_TYPES = [
  'application/json',
  'application/json;stream=watch',
  'application/vnd.kubernetes.protobuf',
  'application/vnd.kubernetes.protobuf;stream=watch',
  'application/yaml',
];
const PATCH_TYPES = ['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'];
const CONNECT_METHODS: Record<string, Method[]> = {
  exec: ['get', 'post'],
  attach: ['get', 'post'],
  portforward: ['get', 'post'],
  proxy: ['delete', 'get', 'head', 'options', 'patch', 'post', 'put'],
};

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const content = (types: string[], schema: Json) => Object.fromEntries(types.map((t) => [t, { schema }]));
const CODE_TEXT: Record<string, string> = { '200': 'OK', '201': 'Created', '202': 'Accepted' };

function responses(codes: string[], types: string[], schema: Json): Json {
  const out: Json = {};
  for (const c of codes) out[c] = { content: content(types, schema), description: CODE_TEXT[c] };
  out['401'] = { description: 'Unauthorized' };
  return out;
}

interface Op {
  method: Method;
  operationId: string;
  description: string;
  params: Param[];
  requestBody?: Json;
  responses: Json;
  action: string;
  gvk: GroupVersionKind;
}

/** upstream ToValidOperationID: drop non-letters (digits allowed after the first rune), capitalizing what follows. */
export function toValidOperationId(s: string, capitalizeFirst: boolean): string {
  let out = '';
  let cap = capitalizeFirst;
  [...s].forEach((ch, i) => {
    if (/\p{L}/u.test(ch) || ch === '_' || (i !== 0 && /\d/.test(ch))) {
      out += cap ? ch.toUpperCase() : ch;
      cap = false;
    } else cap = true;
  });
  return out;
}

const title = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const article = (noun: string) => (!noun.endsWith('ss') && noun.endsWith('s') ? ' ' : /^[aeiou]/i.test(noun) ? ' an ' : ' a ');

/** 'AppsV1', 'CoreV1', 'RbacAuthorizationV1' */
export function gvPart(group: string, version: string): string {
  return toValidOperationId((group || 'core').replace(/\.k8s\.io$/, ''), true) + toValidOperationId(version, true);
}

/** 'apps_v1', 'core_v1', 'rbacAuthorization_v1' */
export function gvTag(group: string, version: string): string {
  return `${toValidOperationId((group || 'core').replace(/\.k8s\.io$/, ''), false)}_${version}`;
}

const paramKey = (p: Param) => JSON.stringify([p.name, p.in, p.description, p.schema.type]);
const byParam = (a: Param, b: Param) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.in < b.in ? -1 : a.in > b.in ? 1 : 0);

/** Put a path's operations in place; parameters every operation shares move to the path. */
function addPath(paths: Json, path: string, tag: string, ops: Op[]): void {
  if (!ops.length) return;
  const counts = new Map<string, number>();
  for (const op of ops) for (const p of new Set(op.params.map(paramKey))) counts.set(p, (counts.get(p) ?? 0) + 1);
  const shared = new Set([...counts].filter(([, n]) => n === ops.length).map(([k]) => k));
  const entry: Json = {};
  const sharedParams = new Map<string, Param>();
  for (const op of ops) {
    for (const p of op.params) if (shared.has(paramKey(p))) sharedParams.set(paramKey(p), p);
    const own = op.params.filter((p) => !shared.has(paramKey(p))).sort(byParam);
    const o: Json = { description: op.description, operationId: op.operationId };
    if (own.length) o.parameters = own;
    if (op.requestBody) o.requestBody = op.requestBody;
    o.responses = op.responses;
    o.tags = [tag];
    o['x-kubernetes-action'] = op.action;
    o['x-kubernetes-group-version-kind'] = { group: op.gvk.group, kind: op.gvk.kind, version: op.gvk.version };
    entry[op.method] = o;
  }
  if (sharedParams.size) entry.parameters = [...sharedParams.values()].sort(byParam);
  paths[path] = entry;
}

/** The paths of every resource of one group version, plus the group version's resource list. */
export function buildPaths(resources: ResourceDef[], group: string, version: string): Json {
  const prefix = group ? `/apis/${group}/${version}` : `/api/${version}`;
  const gv = gvPart(group, version);
  const tag = gvTag(group, version);
  const paths: Json = {};
  paths[`${prefix}/`] = {
    get: {
      description: 'get available resources',
      operationId: `get${gv}APIResources`,
      responses: responses(['200'], OBJECT_TYPES, ref(API_RESOURCE_LIST_ID)),
      tags: [tag],
    },
  };
  for (const r of resources) addResource(paths, r, prefix, gv, tag);
  return paths;
}

function addResource(paths: Json, r: ResourceDef, prefix: string, gv: string, tag: string): void {
  const kind = r.kind;
  const ns = r.namespaced ? 'Namespaced' : '';
  const gvk: GroupVersionKind = { group: r.group, version: r.version, kind };
  const verbs = new Set(verbsOf(r));
  const listId = r.schemaId.replace(/[^.]+$/, r.listKind ?? `${kind}List`);
  const scope = r.namespaced ? [namespaceParam] : [];
  const coll = r.namespaced ? `namespaces/{namespace}/${r.resource}` : r.resource;
  const item = `${coll}/{name}`;
  const base = [...scope, P.pretty];
  const itemBase = [...base, nameParam(kind)];
  const objResp = (codes: string[], id = r.schemaId) => responses(codes, OBJECT_TYPES, ref(id));
  const body = (id: string) => ({ content: { '*/*': { schema: ref(id) } }, required: true });
  const patchBody = { content: content(PATCH_TYPES, ref(PATCH_ID)), required: true };
  const deleteBody = { content: { '*/*': { schema: ref(DELETE_OPTIONS_ID) } } };
  const deleteResp = r.gracefulDelete ? objResp(['200', '202']) : responses(['200', '202'], OBJECT_TYPES, ref(STATUS_ID));
  const a = article(kind);

  const collOps: Op[] = [];
  if (verbs.has('list'))
    collOps.push({ method: 'get', operationId: `list${gv}${ns}${kind}`, description: `list or watch objects of kind ${kind}`,
      params: [...base, ...LIST_PARAMS], responses: responses(['200'], LIST_TYPES, ref(listId)), action: 'list', gvk });
  if (verbs.has('create'))
    collOps.push({ method: 'post', operationId: `create${gv}${ns}${kind}`, description: `create${a}${kind}`,
      params: [...base, ...CREATE_PARAMS], requestBody: body(r.schemaId), responses: objResp(['200', '201', '202']), action: 'post', gvk });
  if (verbs.has('deletecollection'))
    collOps.push({ method: 'delete', operationId: `delete${gv}Collection${ns}${kind}`, description: `delete collection of ${kind}`,
      params: [...base, ...DELETECOLLECTION_PARAMS], requestBody: deleteBody, responses: responses(['200'], OBJECT_TYPES, ref(STATUS_ID)),
      action: 'deletecollection', gvk });
  addPath(paths, `${prefix}/${coll}`, tag, collOps);

  const itemOps: Op[] = [];
  if (verbs.has('delete'))
    itemOps.push({ method: 'delete', operationId: `delete${gv}${ns}${kind}`, description: `delete${a}${kind}`,
      params: [...itemBase, ...DELETE_PARAMS], requestBody: deleteBody, responses: deleteResp, action: 'delete', gvk });
  if (verbs.has('get'))
    itemOps.push({ method: 'get', operationId: `read${gv}${ns}${kind}`, description: `read the specified ${kind}`,
      params: itemBase, responses: objResp(['200']), action: 'get', gvk });
  if (verbs.has('patch'))
    itemOps.push({ method: 'patch', operationId: `patch${gv}${ns}${kind}`, description: `partially update the specified ${kind}`,
      params: [...itemBase, ...PATCH_PARAMS], requestBody: patchBody, responses: objResp(['200', '201']), action: 'patch', gvk });
  if (verbs.has('update'))
    itemOps.push({ method: 'put', operationId: `replace${gv}${ns}${kind}`, description: `replace the specified ${kind}`,
      params: [...itemBase, ...CREATE_PARAMS], requestBody: body(r.schemaId), responses: objResp(['200', '201']), action: 'put', gvk });
  addPath(paths, `${prefix}/${item}`, tag, itemOps);

  for (const s of subresourcesOf(r)) {
    const sub = title(s.name);
    const sgvk: GroupVersionKind = { group: s.group ?? r.group, version: s.version ?? r.version, kind: s.kind };
    const path = `${prefix}/${item}/${s.name}`;
    // Upstream names the path parameter after the kind the subresource serves ("name of the Scale").
    const subBase = [...base, nameParam(s.kind)];
    const ops: Op[] = [];
    if (s.name === 'status' || s.name === 'scale') {
      const id = s.name === 'scale' ? SCALE_ID : r.schemaId;
      ops.push({ method: 'get', operationId: `read${gv}${ns}${kind}${sub}`, description: `read ${s.name} of the specified ${kind}`,
        params: subBase, responses: objResp(['200'], id), action: 'get', gvk: sgvk });
      ops.push({ method: 'patch', operationId: `patch${gv}${ns}${kind}${sub}`, description: `partially update ${s.name} of the specified ${kind}`,
        params: [...subBase, ...PATCH_PARAMS], requestBody: patchBody, responses: objResp(['200', '201'], id), action: 'patch', gvk: sgvk });
      ops.push({ method: 'put', operationId: `replace${gv}${ns}${kind}${sub}`, description: `replace ${s.name} of the specified ${kind}`,
        params: [...subBase, ...CREATE_PARAMS], requestBody: body(id), responses: objResp(['200', '201'], id), action: 'put', gvk: sgvk });
    } else if (s.name === 'finalize') {
      ops.push({ method: 'put', operationId: `replace${gv}${ns}${kind}${sub}`, description: `replace ${s.name} of the specified ${kind}`,
        params: [...subBase, ...CREATE_PARAMS], requestBody: body(r.schemaId), responses: objResp(['200', '201'], r.schemaId), action: 'put', gvk: sgvk });
    } else if (s.name === 'binding' || s.name === 'eviction') {
      const id = s.name === 'binding' ? BINDING_ID : EVICTION_ID;
      ops.push({ method: 'post', operationId: `create${gv}${ns}${kind}${sub}`, description: `create ${s.name} of${a}${kind}`,
        params: [...subBase, ...CREATE_PARAMS], requestBody: body(id), responses: objResp(['200', '201', '202'], id), action: 'post', gvk: sgvk });
    } else if (s.name === 'log') {
      ops.push({ method: 'get', operationId: `read${gv}${ns}${kind}${sub}`, description: `read ${s.name} of the specified ${kind}`,
        params: [...subBase, ...LOG_PARAMS], responses: responses(['200'], [...OBJECT_TYPES, 'text/plain'], { type: 'string' }),
        action: 'get', gvk: sgvk });
    } else {
      const connectParams = s.name === 'exec' ? EXEC_PARAMS : s.name === 'attach' ? ATTACH_PARAMS : s.name === 'portforward' ? [P.ports] : [P.proxyPath];
      const connectOps = (suffix: string, extra: Param[]): Op[] =>
        CONNECT_METHODS[s.name]!.map((m) => ({
          method: m,
          operationId: `connect${gv}${title(m)}${ns}${kind}${sub}${suffix}`,
          description: `connect ${m.toUpperCase()} requests to ${s.name} of ${kind}`,
          params: [...scope, nameParam(s.kind), ...extra, ...connectParams],
          responses: responses(['200'], ['*/*'], { type: 'string' }),
          action: 'connect',
          gvk: sgvk,
        }));
      ops.push(...connectOps('', []));
      if (s.name === 'proxy') addPath(paths, `${path}/{path}`, tag, connectOps('WithPath', [pathParam]));
    }
    addPath(paths, path, tag, ops);
  }

  if (r.namespaced && verbs.has('list'))
    addPath(paths, `${prefix}/${r.resource}`, tag, [
      { method: 'get', operationId: `list${gv}${kind}ForAllNamespaces`, description: `list or watch objects of kind ${kind}`,
        params: [P.pretty, ...LIST_PARAMS], responses: responses(['200'], LIST_TYPES, ref(listId)), action: 'list', gvk },
    ]);
  if (verbs.has('watch')) {
    const watchResp = responses(['200'], LIST_TYPES, ref(WATCH_EVENT_ID));
    const deprecated = ". deprecated: use the 'watch' parameter with a list operation instead";
    if (verbs.has('list')) {
      addPath(paths, `${prefix}/watch/${coll}`, tag, [
        { method: 'get', operationId: `watch${gv}${ns}${kind}List`, description: `watch individual changes to a list of ${kind}${deprecated}.`,
          params: [...base, ...LIST_PARAMS], responses: watchResp, action: 'watchlist', gvk },
      ]);
      if (r.namespaced)
        addPath(paths, `${prefix}/watch/${r.resource}`, tag, [
          { method: 'get', operationId: `watch${gv}${kind}ListForAllNamespaces`,
            description: `watch individual changes to a list of ${kind}${deprecated}.`,
            params: [P.pretty, ...LIST_PARAMS], responses: watchResp, action: 'watchlist', gvk },
        ]);
    }
    addPath(paths, `${prefix}/watch/${item}`, tag, [
      { method: 'get', operationId: `watch${gv}${ns}${kind}`,
        description: `watch changes to an object of kind ${kind}${deprecated}, filtered to a single item with the 'fieldSelector' parameter.`,
        params: [...itemBase, ...LIST_PARAMS], responses: watchResp, action: 'watch', gvk },
    ]);
  }
}
