/**
 * Requests for a served version that is not the storage version (a ResourceDef with `conversion`):
 * bodies are decoded and defaulted as that version, converted to the stored form and written through
 * the storage version's row; replies are converted back. Patches (JSON, merge, strategic) apply to the
 * object as this version shows it; watches convert each event's object. Server-side apply is served
 * only in the storage version.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { badRequest, methodNotSupported, notFound } from '../api/errors.js';
import type { KObject } from '../api/meta.js';
import { deleteCollection } from '../registry/delete-collection.js';
import { deleteObject } from '../registry/delete.js';
import { decodeBody, parseFieldValidation } from '../registry/decode.js';
import { managerName } from '../registry/managed-fields-tracker.js';
import { applyPatchDocument } from '../registry/patch.js';
import { listObjects } from '../registry/list-watch.js';
import { groupResource } from '../registry/registry.js';
import type { ResourceDef } from '../registry/resource-def.js';
import { decodePatchBody, decodeRequestBody, type ResponseFormat } from './negotiation.js';
import { bool, dryRun, fieldManager, int, one, type Query } from './query.js';
import type { RequestInfo } from './request-info.js';
import { parseIncludeObject, toTable } from './table.js';
import type { HandlerContext } from './resource-handler.js';

type Send = (reply: FastifyReply, code: number, body: unknown, format?: ResponseFormat, warnings?: string[]) => FastifyReply;
/** Start a watch on the storage version's objects, converting each event's object. */
type Watch = (storage: ResourceDef, transform: (o: KObject) => KObject) => void;

export function handleConverted(
  ctx: HandlerContext,
  def: ResourceDef,
  info: RequestInfo,
  req: FastifyRequest,
  reply: FastifyReply,
  format: ResponseFormat,
  send: Send,
  deleteOpts: () => Record<string, unknown>,
  watch: Watch,
): unknown {
  const conv = def.conversion!;
  const reg = ctx.registry;
  const storage = reg.find(def.group, def.resource, conv.storageVersion);
  if (!storage) throw notFound({ group: def.group, resource: def.resource }, info.name);
  const q = req.query as Query;
  const ns = def.namespaced ? info.namespace : '';
  const sub = info.subresource;
  if (sub && sub !== 'status') throw notFound({ group: def.group, resource: def.resource }, info.name);
  const warnings: string[] = [];
  const opts = () => ({ dryRun: dryRun(q), fieldManager: fieldManager(q), fieldValidation: one(q, 'fieldValidation'), userAgent: req.headers['user-agent'], warnings, subresource: sub || undefined });
  const table = (items: KObject[], metadata: Record<string, unknown>) =>
    toTable(def, items, metadata, { include: parseIncludeObject(one(q, 'includeObject')), now: ctx.now(), version: (format as { version: 'v1' | 'v1beta1' }).version, withColumns: true });
  const toStored = (): KObject => {
    const decoded = reg.decode(def, decodeRequestBody(req.headers['content-type'], req.body as Buffer | undefined), opts());
    const stored = conv.toStorage(decoded);
    storage.strategy.defaults?.(stored);
    return stored;
  };
  switch (info.verb) {
    case 'get': {
      const obj = conv.fromStorage(reg.get(storage, ns, info.name));
      if (format.kind === 'table') return send(reply, 200, table([obj], { resourceVersion: obj.metadata.resourceVersion }), format);
      return send(reply, 200, obj, format);
    }
    case 'list': {
      const list = listObjects(reg, storage, info.namespace || undefined, { labelSelector: one(q, 'labelSelector'), fieldSelector: one(q, 'fieldSelector'), limit: int(q, 'limit'), continue: one(q, 'continue'), resourceVersion: one(q, 'resourceVersion'), resourceVersionMatch: one(q, 'resourceVersionMatch') });
      const items = list.items.map((o) => conv.fromStorage(o as KObject));
      if (format.kind === 'table') return send(reply, 200, table(items, list.metadata as Record<string, unknown>), format);
      return send(reply, 200, { ...list, apiVersion: `${def.group}/${def.version}`, kind: def.listKind ?? `${def.kind}List`, items }, format);
    }
    case 'create': {
      if (info.name || sub) throw methodNotSupported(groupResource(def), 'create');
      const created = reg.createDecoded(storage, ns, toStored(), opts());
      return send(reply, 201, conv.fromStorage(created), format, warnings);
    }
    case 'update': {
      if (!info.name) throw methodNotSupported(groupResource(def), 'update');
      const r = reg.update(storage, ns, info.name, toStored(), opts());
      return send(reply, r.created ? 201 : 200, conv.fromStorage(r.object), format, warnings);
    }
    case 'watch':
      return watch(storage, (o) => conv.fromStorage(o));
    case 'patch': {
      if (!info.name) throw methodNotSupported(groupResource(def), 'patch');
      const { type, patch } = decodePatchBody(req.headers['content-type'], req.body as Buffer | undefined);
      if (type === 'apply') throw methodNotSupported(groupResource(def), 'apply');
      if (bool(q, 'force') !== undefined) throw badRequest('force must be unset for non-apply patch requests');
      const o = opts();
      const target = { apiVersion: `${def.group}/${def.version}`, kind: def.kind, schema: def.schema };
      const r = reg.updateWith(
        storage,
        ns,
        info.name,
        (current) => {
          if (!current) throw notFound({ group: def.group, resource: def.resource }, info.name);
          const patched = applyPatchDocument(type, conv.fromStorage(current), patch, def.schema);
          const decoded = decodeBody(target, patched, parseFieldValidation(o.fieldValidation), warnings);
          def.strategy.defaults?.(decoded);
          const stored = conv.toStorage(decoded);
          storage.strategy.defaults?.(stored);
          return stored;
        },
        { ...o, fieldManager: managerName(o) },
      );
      return send(reply, 200, conv.fromStorage(r.object), format, warnings);
    }
    case 'deletecollection': {
      if (sub) throw methodNotSupported(groupResource(def), 'deletecollection');
      const list = deleteCollection(reg, storage, info.namespace || undefined, { labelSelector: one(q, 'labelSelector'), fieldSelector: one(q, 'fieldSelector') }, deleteOpts(), dryRun(q));
      const items = ((list as { items?: KObject[] }).items ?? []).map((x) => conv.fromStorage(x));
      return send(reply, 200, { ...(list as object), apiVersion: `${def.group}/${def.version}`, kind: def.listKind ?? `${def.kind}List`, items }, format);
    }
    case 'delete': {
      if (sub) throw methodNotSupported(groupResource(def), 'delete');
      const r = deleteObject(reg, storage, ns, info.name, deleteOpts(), dryRun(q));
      const body = (r.body as { kind?: string }).kind === storage.kind ? conv.fromStorage(r.body as unknown as KObject) : r.body;
      return send(reply, 200, body, format);
    }
    default:
      throw methodNotSupported(groupResource(def), info.verb);
  }
}
