/**
 * The Fastify adapter: health, version, discovery, OpenAPI, and one generic handler for every
 * resource path. Every error becomes a Status; every response carries Cache-Control: no-cache, private.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import websocket from '@fastify/websocket';
import { ApiError, internalError, requestEntityTooLarge, unsupportedMediaType } from '../api/errors.js';
import type { Registry } from '../registry/registry.js';
import { aggregatedDiscovery, apiGroup, apiGroupList, apiResourceList, apiVersions } from './discovery.js';
import { bodyMediaTypes } from './negotiation.js';
import { commonHeaders, handleResource, notFound404, send, type HandlerContext } from './resource-handler.js';
import { parseRequestInfo } from './request-info.js';
import { OPENAPI_V2_PROTOBUF, OpenApiServer, negotiateOpenApiV2 } from './openapi-server.js';
import { handleWebSocket } from './websocket.js';
import type { PodLogSource } from './pod-log.js';
import type { PodStreamSource } from './pod-streams.js';
import { connectPrecheck, connectWithoutUpgrade, escapeSubprotocols, isConnect, unescapeSubprotocolHeader } from './connect.js';
import type { Query } from './query.js';

/** Upstream's limit for request bodies: 3 MiB. */
export const maxRequestBodyBytes = 3 * 1024 * 1024;

export const versionInfo = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0-kubemu',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2024-12-11T00:00:00Z',
  goVersion: 'go1.23.3',
  compiler: 'gc',
  platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}`,
};

export interface ServerOptions {
  registry: Registry;
  /** Random in [0,1), for watch timeout spreading. */
  random?: () => number;
  logger?: boolean;
  /** Container logs for pods/log (the kubelets). */
  podLogs?: PodLogSource;
  /** Resource use for metrics.k8s.io (the kubelets' usage model). */
  metrics?: import('../api/metrics/metrics.js').MetricsSource;
  /** Containers to exec in and ports to forward to, for pods/exec and pods/portforward (the kubelets). */
  podStreams?: PodStreamSource;
}

const AGGREGATED = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
const AGGREGATED_BETA = 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList';

/** Does the Accept header ask for aggregated discovery (v2 or v2beta1)? Returns the content type to answer with. */
function wantsAggregated(accept: string | undefined): string | undefined {
  for (const part of (accept ?? '').split(',')) {
    const p = part.replace(/\s+/g, '');
    if (p.includes('g=apidiscovery.k8s.io') && p.includes('as=APIGroupDiscoveryList')) {
      if (p.includes('v=v2beta1')) return AGGREGATED_BETA;
      if (p.includes('v=v2')) return AGGREGATED;
    }
    if (p.startsWith('application/json') && !p.includes('as=')) return undefined;
  }
  return undefined;
}

/** The path of a request target, as `new URL` normalizes it (a plain path needs no URL parse). */
function pathnameOf(target: string): string {
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  return /\/\.|\\|%2e|#/i.test(path) || !path.startsWith('/') ? new URL(target, 'http://x').pathname : path;
}

export async function buildServer(opts: ServerOptions): Promise<FastifyInstance> {
  const registry = opts.registry;
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: maxRequestBodyBytes, routerOptions: { maxParamLength: 1000 } });
  await app.register(websocket);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxRequestBodyBytes }, (_req, body, done) => done(null, body));
  app.addHook('onSend', (_req, reply, payload, done) => {
    reply.header('Cache-Control', commonHeaders['Cache-Control']);
    // Group commit: no reply leaves before the writes it may have seen (or made) are committed.
    const committed = registry.storage.committed();
    if (committed) committed.then(() => done(null, payload), done);
    else done(null, payload);
  });
  app.setErrorHandler((err: unknown, _req, reply) => {
    const e = toApiError(err);
    return send(reply, e.code, e.toStatus());
  });
  app.setNotFoundHandler((_req, reply) => send(reply, 404, notFound404().toStatus()));

  const ctx: HandlerContext = { registry, now: () => registry.clock.now(), random: opts.random ?? Math.random, watches: new Set(), podLogs: opts.podLogs, podStreams: opts.podStreams, metrics: opts.metrics };
  // Watches are long-lived responses: end them so close() does not wait for their clients.
  app.addHook('preClose', async () => {
    for (const end of [...ctx.watches]) end();
  });
  const openapi = new OpenApiServer(registry.defs, ctx.now);

  const ok = async (_req: FastifyRequest, reply: FastifyReply) => reply.type('text/plain; charset=utf-8').send('ok');
  for (const p of ['/healthz', '/livez', '/readyz']) {
    app.get(p, ok);
    app.get(`${p}/*`, ok);
  }
  app.get('/version', async (_req, reply) => send(reply, 200, versionInfo));
  // kube-openapi's handler: JSON or gnostic protobuf by Accept (406 otherwise), one ETag for both, 304 on a match.
  app.get('/openapi/v2', async (req, reply) => {
    reply.header('Vary', 'Accept');
    const form = negotiateOpenApiV2(req.headers.accept);
    if (!form) return reply.code(406).send();
    const v2 = openapi.v2();
    const etag = `"${v2.etag}"`;
    reply.header('ETag', etag).header('Last-Modified', new Date(v2.builtAt).toUTCString());
    // Exactly upstream's Content-Type (a string body would get "; charset=utf-8" appended).
    reply.header('Content-Type', form === 'json' ? 'application/json' : OPENAPI_V2_PROTOBUF);
    const inm = req.headers['if-none-match'];
    if (inm && inm.split(',').some((t) => t.trim() === etag || t.trim() === '*')) return reply.code(304).send();
    return reply.code(200).send(form === 'json' ? v2.jsonBytes : v2.protobuf);
  });
  app.get('/openapi/v3', async (_req, reply) => send(reply, 200, openapi.index()));
  app.get('/openapi/v3/*', async (req, reply) => {
    const path = (req.params as { '*': string })['*'];
    const doc = openapi.document(path);
    if (!doc) return send(reply, 404, notFound404().toStatus());
    reply.header('ETag', `"${doc.hash}"`);
    return reply.code(200).type('application/json').send(doc.body);
  });

  const dispatch = async (req: FastifyRequest, reply: FastifyReply) => {
    const pathname = pathnameOf(req.url);
    const info = parseRequestInfo(req.method, pathname, req.query as Record<string, unknown>);
    if (!info.isResourceRequest) return discovery(req, reply, pathname);
    return handleResource(ctx, info, req, reply);
  };

  const discovery = async (req: FastifyRequest, reply: FastifyReply, path: string) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw notFound404();
    const parts = path.split('/').filter(Boolean);
    if (parts.length === 1) {
      const agg = wantsAggregated(req.headers.accept);
      const which = parts[0] === 'api' ? 'core' : 'apis';
      if (agg) return reply.code(200).type(agg).send(JSON.stringify(aggregatedDiscovery(registry.defs, which)));
      return send(reply, 200, which === 'core' ? apiVersions() : apiGroupList(registry.defs));
    }
    if (parts[0] === 'apis' && parts.length === 2) {
      const g = apiGroup(registry.defs, parts[1]!);
      if (!g) throw notFound404();
      return send(reply, 200, g);
    }
    const [group, version] = parts[0] === 'api' ? ['', parts[1]!] : [parts[1]!, parts[2]!];
    const list = apiResourceList(registry.defs, group, version);
    if (!list) throw notFound404();
    return send(reply, 200, list);
  };

  // exec/portforward: refuse before the upgrade (a Status response kubectl prints) when upstream
  // would; a POST upgrade (SPDY, kubectl's fallback) is answered with the same checks, then 400.
  // A callback-style hook: every request passes here, and most are not upgrades.
  const connectCheck = (req: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void) => {
    if (!req.ws) return done();
    try {
      const info = parseRequestInfo(req.method, pathnameOf(req.url), req.query as Record<string, unknown>);
      if (isConnect(info)) {
        if (req.method !== 'GET') connectWithoutUpgrade(ctx, info, req.query as Query);
        connectPrecheck(ctx, info, req.query as Query);
        escapeSubprotocols(req.raw.headers);
      }
      done();
    } catch (e) {
      done(e as Error);
    }
  };
  app.websocketServer.on('headers', (lines: string[]) => unescapeSubprotocolHeader(lines));

  for (const prefix of ['/api', '/apis']) {
    for (const url of [prefix, `${prefix}/*`]) {
      // @fastify/websocket accepts a wsHandler only on GET/HEAD routes: the other verbs get their own route.
      app.route({ method: ['GET', 'HEAD'], url, handler: dispatch, preHandler: connectCheck, wsHandler: (socket, req) => handleWebSocket(ctx, socket, req) });
      app.route({ method: ['POST', 'PUT', 'PATCH', 'DELETE'], url, handler: dispatch, preHandler: connectCheck });
    }
  }
  return app;
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const code = (err as { code?: string }).code;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return requestEntityTooLarge(maxRequestBodyBytes);
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return unsupportedMediaType(bodyMediaTypes);
  if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH')
    return new ApiError(400, 'BadRequest', (err as Error).message);
  return internalError((err as Error)?.message ?? String(err));
}
