/**
 * Watch over WebSocket (upstream serves watches on an upgraded connection too): each event is one
 * text message of JSON, or base64 of it for the base64.binary.k8s.io subprotocol.
 */
import type { FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { ApiError } from '../api/errors.js';
import { watchObjects } from '../registry/list-watch.js';
import { notFound404, type HandlerContext } from './resource-handler.js';
import { one, bool, int, type Query } from './query.js';
import { parseRequestInfo } from './request-info.js';
import { eventEncoder } from './watch-stream.js';
import { isConnect, serveConnectSocket } from './connect.js';

export function handleWebSocket(ctx: HandlerContext, socket: WebSocket, req: FastifyRequest): void {
  const url = new URL(req.url, 'http://x');
  const q = req.query as Query;
  const info = parseRequestInfo('GET', url.pathname, q as Record<string, unknown>);
  if (isConnect(info)) return serveConnectSocket(ctx, socket, req, info);
  const fail = (e: unknown) => {
    const status = e instanceof ApiError ? e.toStatus() : notFound404().toStatus();
    socket.send(JSON.stringify({ type: 'ERROR', object: status }));
    socket.close(1000);
  };
  try {
    const def = ctx.registry.find(info.group, info.resource);
    if (!def || info.verb !== 'watch') throw notFound404();
    const base64 = (socket.protocol ?? '').startsWith('base64.');
    const encode = eventEncoder(def, undefined, ctx.now);
    let fieldSelector = one(q, 'fieldSelector');
    if (info.name) fieldSelector = [fieldSelector, `metadata.name=${info.name}`].filter(Boolean).join(',');
    const handle = watchObjects(
      ctx.registry,
      def,
      info.namespace || undefined,
      {
        labelSelector: one(q, 'labelSelector'),
        fieldSelector,
        resourceVersion: one(q, 'resourceVersion'),
        allowWatchBookmarks: bool(q, 'allowWatchBookmarks'),
        timeoutSeconds: int(q, 'timeoutSeconds'),
      },
      (e) => {
        const s = encode(e);
        // On the wire only once the write is committed (see Storage.afterCommit).
        ctx.registry.storage.afterCommit(() => socket.send(base64 ? Buffer.from(s).toString('base64') : s));
      },
      () => ctx.registry.storage.afterCommit(() => socket.close(1000)),
    );
    const end = () => {
      handle.stop();
      socket.close(1001);
    };
    ctx.watches.add(end);
    socket.on('close', () => {
      handle.stop();
      ctx.watches.delete(end);
    });
  } catch (e) {
    fail(e);
  }
}
