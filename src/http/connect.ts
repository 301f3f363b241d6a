/**
 * Connect subresources (pods/exec, pods/portforward): the checks upstream makes before upgrading
 * (errors come back as a plain Status response, which kubectl prints), then the WebSocket session.
 * A request that does not upgrade gets upstream's 400 "Upgrade request required".
 */
import type { FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { badRequest } from '../api/errors.js';
import { serveExec } from './exec-socket.js';
import { connectTarget, execRequest } from './pod-streams.js';
import { servePortForward } from './port-forward-socket.js';
import type { Query } from './query.js';
import type { RequestInfo } from './request-info.js';
import { notFound404, type HandlerContext } from './resource-handler.js';

export const isConnect = (info: RequestInfo) => !!info.name && (info.subresource === 'exec' || info.subresource === 'portforward');

function target(ctx: HandlerContext, info: RequestInfo, q: Query) {
  const def = ctx.registry.find(info.group, info.resource);
  const sub = info.subresource as 'exec' | 'portforward';
  if (!def || def.version !== info.version || !def.subresources?.[sub] || !info.namespace) throw notFound404();
  return connectTarget(ctx.registry, def, info.namespace, info.name, q, sub === 'exec');
}

/** Before the upgrade: throws the ApiError to answer with. */
export function connectPrecheck(ctx: HandlerContext, info: RequestInfo, q: Query): void {
  target(ctx, info, q);
}

/** A connect request without an upgrade (or with one we do not speak, such as SPDY). */
export function connectWithoutUpgrade(ctx: HandlerContext, info: RequestInfo, q: Query): never {
  target(ctx, info, q);
  throw badRequest('Upgrade request required');
}

/*
 * The ws package only accepts RFC 7230 tokens as subprotocols, and "SPDY/3.1+portforward.k8s.io" has
 * a '/'. Offered protocols are escaped before the upgrade and the chosen one unescaped in the 101.
 */
const SLASH = '!2F!';

/** Escape the offered subprotocols of an upgrade request in place. */
export function escapeSubprotocols(headers: Record<string, string | string[] | undefined>): void {
  const h = headers['sec-websocket-protocol'];
  if (typeof h === 'string' && h.includes('/')) headers['sec-websocket-protocol'] = h.replaceAll('/', SLASH);
}

/** Unescape the Sec-WebSocket-Protocol line of a 101 response (ws's 'headers' event). */
export function unescapeSubprotocolHeader(lines: string[]): void {
  for (let i = 0; i < lines.length; i++) if (/^sec-websocket-protocol:/i.test(lines[i]!)) lines[i] = lines[i]!.replaceAll(SLASH, '/');
}

/** The subprotocol a socket agreed on, unescaped. */
export const socketProtocol = (socket: WebSocket): string => (socket.protocol ?? '').replaceAll(SLASH, '/');

/** After the upgrade. */
export function serveConnectSocket(ctx: HandlerContext, socket: WebSocket, req: FastifyRequest, info: RequestInfo): void {
  const q = req.query as Query;
  if (info.subresource === 'exec') {
    void serveExec(socket, ctx.podStreams, () => {
      const { pod, container } = target(ctx, info, q);
      return { pod, req: execRequest(q, container) };
    });
    return;
  }
  try {
    const { pod } = target(ctx, info, q);
    servePortForward(socket, ctx.podStreams, pod);
  } catch {
    socket.close(1011);
  }
}
