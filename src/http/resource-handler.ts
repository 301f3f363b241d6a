/**
 * One handler for every resource request: the verb and subresource pick a registry call, the request
 * body is decoded by content type, the reply is encoded as negotiated. No per-kind code.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import yaml from 'js-yaml';
import { ApiError, badRequest, methodNotSupported } from '../api/errors.js';
import type { DeleteOptionsT, KObject } from '../api/meta.js';
import { deleteObject } from '../registry/delete.js';
import { listObjects, watchObjects, type WatchEvent, type WatchOptions } from '../registry/list-watch.js';
import { patchObject } from '../registry/patch.js';
import { bindPod, evictPod } from '../registry/pod-subresources.js';
import { groupResource, type Registry } from '../registry/registry.js';
import type { ResourceDef } from '../registry/resource-def.js';
import { getScale, patchScale, updateScale } from '../registry/scale.js';
import { deleteCollection } from '../registry/delete-collection.js';
import { decodePatchBody, decodeRequestBody, negotiate, type ResponseFormat } from './negotiation.js';
import { bool, deleteOptionsFromQuery, dryRun, fieldManager, int, one, type Query } from './query.js';
import type { RequestInfo } from './request-info.js';
import { parseIncludeObject, toTable } from './table.js';
import { eventEncoder, startHttpWatch } from './watch-stream.js';
import { servePodLog, type PodLogSource } from './pod-log.js';
import type { MetricsSource } from '../api/metrics/metrics.js';
import { getMetrics, listMetrics } from './metrics-api.js';
import { handleConverted } from './converted-resource.js';
import type { PodStreamSource } from './pod-streams.js';
import { connectWithoutUpgrade, isConnect } from './connect.js';

export const commonHeaders = { 'Cache-Control': 'no-cache, private' };

export interface HandlerContext {
  registry: Registry;
  now: () => number;
  random: () => number;
  /** Open watches, ended when the server closes (each entry ends its stream). */
  watches: Set<() => void>;
  /** Where pods/log reads container logs (the kubelets), if anything runs containers. */
  podLogs?: PodLogSource;
  /** Where pods/exec and pods/portforward run (the kubelets). */
  podStreams?: PodStreamSource;
  /** Where metrics.k8s.io reads resource use (the kubelets' usage model), if anything simulates it. */
  metrics?: MetricsSource;
}

export function send(reply: FastifyReply, code: number, body: unknown, format: ResponseFormat = { kind: 'json' }, warnings: string[] = []): FastifyReply {
  if (warnings.length) reply.header('Warning', warnings.map((w) => `299 - ${JSON.stringify(w)}`).join(', '));
  if (format.kind === 'yaml') return reply.code(code).type('application/yaml').send(yaml.dump(body, { noRefs: true, lineWidth: -1 }));
  return reply.code(code).type('application/json').send(JSON.stringify(body));
}

/** Which subresources a ResourceDef serves, and with which verbs. */
function subresourceAllowed(def: ResourceDef, sub: string): boolean {
  const s = def.subresources ?? {};
  return (sub === 'status' && !!s.status) || (sub === 'finalize' && !!s.finalize) || (sub === 'scale' && !!s.scale) || (sub === 'binding' && !!s.binding) || (sub === 'eviction' && !!s.eviction) || (sub === 'log' && !!s.log) || (sub === 'exec' && !!s.exec) || (sub === 'portforward' && !!s.portforward);
}

export async function handleResource(ctx: HandlerContext, info: RequestInfo, req: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  const reg = ctx.registry;
  const def = reg.find(info.group, info.resource, info.version);
  if (!def) throw notFound404();
  const q = req.query as Query;
  const ns = def.namespaced ? info.namespace : '';
  if (def.namespaced && !info.namespace && info.name && info.verb !== 'list' && info.verb !== 'watch') throw notFound404();
  const name = info.name;
  const sub = info.subresource;
  if (sub && !subresourceAllowed(def, sub)) throw notFound404();
  const warnings: string[] = [];
  const isRead = info.verb === 'get' || info.verb === 'list' || info.verb === 'watch';
  const format = negotiate(req.headers.accept, isRead && !sub);
  const writeOpts = () => ({
    dryRun: dryRun(q),
    fieldManager: fieldManager(q),
    fieldValidation: one(q, 'fieldValidation'),
    userAgent: req.headers['user-agent'],
    warnings,
    subresource: sub || undefined,
  });
  const body = () => req.body as Buffer | undefined;
  if (def.virtual === 'metrics') {
    if (sub) throw notFound404();
    if (info.verb === 'get') return send(reply, 200, getMetrics(ctx.metrics, def, ns, name, ctx.now()), format.kind === 'table' ? { kind: 'json' } : format);
    if (info.verb === 'list') return send(reply, 200, listMetrics(ctx.metrics, def, info.namespace || undefined, one(q, 'labelSelector'), ctx.now()), format.kind === 'table' ? { kind: 'json' } : format);
    throw methodNotSupported(groupResource(def), info.verb);
  }
  if (def.conversion)
    return handleConverted(ctx, def, info, req, reply, format, send, () => deleteOptions(req, q), (storage, transform) => startWatch(ctx, def, info, q, req, reply, format, storage, transform));
  if (isConnect(info)) {
    if (req.method === 'GET' || req.method === 'POST') return connectWithoutUpgrade(ctx, info, q);
    throw methodNotSupported(groupResource(def), info.verb);
  }

  switch (info.verb) {
    case 'get': {
      if (sub === 'log') return servePodLog(reg, ctx.podLogs, def, ns, name, q, req, reply, commonHeaders);
      if (sub === 'scale') return send(reply, 200, getScale(reg, def, ns, name), format);
      const obj = reg.get(def, ns, name);
      if (format.kind === 'table')
        return send(reply, 200, toTable(def, [obj], { resourceVersion: obj.metadata.resourceVersion }, { include: parseIncludeObject(one(q, 'includeObject')), now: ctx.now(), version: format.version, withColumns: true }));
      return send(reply, 200, obj, format);
    }
    case 'list': {
      const list = listObjects(reg, def, info.namespace || undefined, {
        labelSelector: one(q, 'labelSelector'),
        fieldSelector: one(q, 'fieldSelector'),
        limit: int(q, 'limit'),
        continue: one(q, 'continue'),
        resourceVersion: one(q, 'resourceVersion'),
        resourceVersionMatch: one(q, 'resourceVersionMatch'),
      });
      if (format.kind === 'table')
        return send(reply, 200, toTable(def, list.items, list.metadata, { include: parseIncludeObject(one(q, 'includeObject')), now: ctx.now(), version: format.version, withColumns: true }));
      return send(reply, 200, list, format);
    }
    case 'watch':
      return startWatch(ctx, def, info, q, req, reply, format);
    case 'create': {
      if (sub === 'binding') return send(reply, 201, bindPod(reg, def, ns, name, decodeRequestBody(req.headers['content-type'], body())));
      if (sub === 'eviction') return send(reply, 201, evictPod(reg, def, ns, name, decodeRequestBody(req.headers['content-type'], body())));
      if (name || sub) throw methodNotSupported(groupResource(def), 'create');
      const obj = reg.create(def, ns, decodeRequestBody(req.headers['content-type'], body()), writeOpts());
      return send(reply, 201, obj, format, warnings);
    }
    case 'update': {
      if (!name) throw methodNotSupported(groupResource(def), 'update');
      const input = decodeRequestBody(req.headers['content-type'], body());
      if (sub === 'scale') return send(reply, 200, updateScale(reg, def, ns, name, input, writeOpts()), format, warnings);
      const r = reg.update(def, ns, name, input, writeOpts());
      return send(reply, r.created ? 201 : 200, r.object, format, warnings);
    }
    case 'patch': {
      if (!name) throw methodNotSupported(groupResource(def), 'patch');
      const { type, patch } = decodePatchBody(req.headers['content-type'], body());
      const force = bool(q, 'force');
      if (force !== undefined && type !== 'apply') throw badRequest('force must be unset for non-apply patch requests');
      const opts = { ...writeOpts(), force };
      if (sub === 'scale') return send(reply, 200, patchScale(reg, def, ns, name, type, patch, opts), format, warnings);
      const r = patchObject(reg, def, ns, name, type, patch, opts);
      return send(reply, r.created ? 201 : 200, r.object, format, warnings);
    }
    case 'delete': {
      if (sub) throw methodNotSupported(groupResource(def), 'delete');
      const options = deleteOptions(req, q);
      const r = deleteObject(reg, def, ns, name, options, dryRun(q));
      return send(reply, 200, r.body, format);
    }
    case 'deletecollection': {
      const options = deleteOptions(req, q);
      const list = deleteCollection(reg, def, info.namespace || undefined, { labelSelector: one(q, 'labelSelector'), fieldSelector: one(q, 'fieldSelector') }, options, dryRun(q));
      return send(reply, 200, list, format);
    }
    default:
      throw methodNotSupported(groupResource(def), req.method.toLowerCase());
  }
}

export const notFound404 = () => new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});

function deleteOptions(req: FastifyRequest, q: Query): DeleteOptionsT {
  const fromQuery = deleteOptionsFromQuery(q);
  const raw = req.body as Buffer | undefined;
  if (!raw || raw.length === 0) return fromQuery;
  const b = decodeRequestBody(req.headers['content-type'], raw);
  if (b === null || typeof b !== 'object' || Array.isArray(b)) throw badRequest('the body of the request was not a DeleteOptions object');
  const opts = { ...(b as DeleteOptionsT) };
  delete opts.kind;
  delete opts.apiVersion;
  return { ...fromQuery, ...opts };
}

function watchOptions(q: Query, name: string): WatchOptions {
  let fieldSelector = one(q, 'fieldSelector');
  if (name) fieldSelector = [fieldSelector, `metadata.name=${name}`].filter(Boolean).join(',');
  return {
    labelSelector: one(q, 'labelSelector'),
    fieldSelector,
    resourceVersion: one(q, 'resourceVersion'),
    allowWatchBookmarks: bool(q, 'allowWatchBookmarks'),
    timeoutSeconds: int(q, 'timeoutSeconds'),
    sendInitialEvents: bool(q, 'sendInitialEvents'),
  };
}

/** Upstream min-request-timeout is 1800 s, randomized to [1x, 2x) so watches do not all end together. */
const defaultWatchTimeoutSeconds = 1800;

/** A watch; `watchDef` and `transform` serve a converted version from the storage version's objects. */
function startWatch(ctx: HandlerContext, def: ResourceDef, info: RequestInfo, q: Query, req: FastifyRequest, reply: FastifyReply, format: ResponseFormat, watchDef = def, transform?: (o: KObject) => KObject): void {
  const opts = watchOptions(q, info.name);
  if (!opts.timeoutSeconds) opts.timeoutSeconds = Math.floor(defaultWatchTimeoutSeconds * (1 + ctx.random()));
  const table = format.kind === 'table' ? { version: format.version, include: parseIncludeObject(one(q, 'includeObject')) } : undefined;
  const encode = eventEncoder(def, table, ctx.now);
  // Validate before taking over the response, so bad selectors still get a normal Status reply.
  const events: string[] = [];
  let stream: ReturnType<typeof startHttpWatch> | undefined;
  let ended = false;
  const conv = (e: WatchEvent): WatchEvent => (transform && e.type !== 'ERROR' && e.type !== 'BOOKMARK' ? { ...e, object: transform(e.object as KObject) } : e);
  // Events go on the wire only once their writes are committed (in order: see Storage.afterCommit).
  const afterCommit = (fn: () => void) => ctx.registry.storage.afterCommit(fn);
  const handle = watchObjects(
    ctx.registry,
    watchDef,
    info.namespace || undefined,
    opts,
    (e) => {
      const line = encode(conv(e));
      afterCommit(() => (stream ? stream.write(line) : events.push(line)));
    },
    () =>
      afterCommit(() => {
        ended = true;
        stream?.end();
      }),
  );
  reply.hijack();
  afterCommit(() => {
    stream = startHttpWatch(reply.raw, commonHeaders);
    for (const line of events) stream.write(line);
    if (ended) stream.end();
  });
  const endStream = () => {
    handle.stop();
    afterCommit(() => stream?.end());
  };
  ctx.watches.add(endStream);
  const close = () => {
    handle.stop();
    ctx.watches.delete(endStream);
  };
  reply.raw.on('close', close);
  req.raw.on('close', close);
}

export type { KObject };
