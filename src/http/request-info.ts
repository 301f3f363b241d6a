/**
 * Parse a request path the way upstream's RequestInfoFactory does:
 * /api/v1/namespaces/{ns}/{resource}/{name}/{subresource}, /apis/{group}/{version}/..., the legacy
 * /watch/ prefix, and the namespace object's own paths (/api/v1/namespaces/{name}[/status|/finalize]).
 */
export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection' | 'connect';

export interface RequestInfo {
  isResourceRequest: boolean;
  /** 'api' or 'apis' */
  prefix: string;
  group: string;
  version: string;
  namespace: string;
  resource: string;
  name: string;
  subresource: string;
  verb: Verb | '';
  parts: string[];
}

const namespaceSubresources = new Set(['status', 'finalize']);

export function parseRequestInfo(method: string, path: string, query: Record<string, unknown>): RequestInfo {
  const info: RequestInfo = { isResourceRequest: false, prefix: '', group: '', version: '', namespace: '', resource: '', name: '', subresource: '', verb: '', parts: [] };
  let parts = path.split('/').filter((p) => p !== '').map((p) => (p.includes('%') ? decodeURIComponent(p) : p));
  if (parts.length === 0) return info;
  info.prefix = parts[0]!;
  if (info.prefix !== 'api' && info.prefix !== 'apis') return info;
  parts = parts.slice(1);
  if (info.prefix === 'apis') {
    if (parts.length < 1) return info;
    info.group = parts[0]!;
    parts = parts.slice(1);
  }
  if (parts.length < 1) return info;
  info.version = parts[0]!;
  parts = parts.slice(1);
  if (parts.length < 1) return info;
  info.isResourceRequest = true;
  let verb: Verb | '' = '';
  switch (method) {
    case 'POST':
      verb = 'create';
      break;
    case 'GET':
    case 'HEAD':
      verb = 'get';
      break;
    case 'PUT':
      verb = 'update';
      break;
    case 'PATCH':
      verb = 'patch';
      break;
    case 'DELETE':
      verb = 'delete';
      break;
  }
  let legacyWatch = false;
  if (parts[0] === 'watch') {
    legacyWatch = true;
    verb = 'watch';
    parts = parts.slice(1);
  }
  if (parts[0] === 'namespaces') {
    if (parts.length > 1) {
      info.namespace = parts[1]!;
      if (parts.length > 2 && !namespaceSubresources.has(parts[2]!)) parts = parts.slice(2);
    }
  }
  info.parts = parts;
  if (parts.length >= 3) info.subresource = parts[2]!;
  if (parts.length >= 2) info.name = parts[1]!;
  if (parts.length >= 1) info.resource = parts[0]!;
  if (!legacyWatch && verb === 'get' && !info.name) {
    const w = query.watch;
    verb = w === 'true' || w === '1' || w === true ? 'watch' : 'list';
  }
  if (legacyWatch && info.name) {
    // a watch on one named object is a filtered watch
  }
  if (verb === 'delete' && !info.name) verb = 'deletecollection';
  info.verb = verb;
  return info;
}
