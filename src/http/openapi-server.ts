/**
 * Serves OpenAPI v3 for the resource table, built on first use (so start-up stays fast) from the same
 * generator that writes the checked-in openapi/v3 files (a test keeps the two equal), and OpenAPI v2
 * (Swagger 2.0, as JSON or gnostic protobuf), also built on first use.
 */
import type { ResourceDef } from '../registry/resource-def.js';
import { buildOpenApiV3, buildOpenApiV3Index, openApiHash, serializeOpenApi } from './openapi.js';
import { buildOpenApiV2 } from './openapi-v2.js';
import { encodeOpenApiV2 } from './openapi-v2-protobuf.js';

interface Built {
  index: unknown;
  docs: Map<string, { body: string; hash: string }>;
}

/** The two ways /openapi/v2 is served; both carry the ETag of the JSON bytes, as upstream's handler does. */
export interface ServedOpenApiV2 {
  json: string;
  /** `json` as UTF-8 bytes (what is sent). */
  jsonBytes: Buffer;
  protobuf: Buffer;
  /** Uppercase hex SHA-512 of `json`. */
  etag: string;
  /** When the document was built (ms), for Last-Modified. */
  builtAt: number;
}

export const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';
const PROTOBUF_SUBTYPE_DEPRECATED = 'com.github.proto-openapi.spec.v2@v1.0+protobuf';
const PROTOBUF_SUBTYPE = 'com.github.proto-openapi.spec.v2.v1.0+protobuf';

interface AcceptClause {
  type: string;
  subType: string;
  q: number;
}

/** goautoneg.ParseAccept: clauses by q, then specific types before wildcards (kube-openapi's negotiation). */
export function parseAccept(header: string): AcceptClause[] {
  const out: AcceptClause[] = [];
  for (const raw of header.split(',')) {
    const [range, ...params] = raw.trim().split(';');
    const sp = range!.split('/');
    const type = sp[0]!.trim();
    let subType: string;
    if (sp.length === 1 && type === '*') subType = '*';
    else if (sp.length === 2) subType = sp[1]!.trim();
    else continue;
    let q = 1;
    for (const p of params) {
      const kv = p.split('=');
      if (kv.length >= 2 && kv[0]!.trim() === 'q') q = Number.parseFloat(kv.slice(1).join('=')) || 0;
    }
    out.push({ type, subType, q });
  }
  const less = (a: AcceptClause, b: AcceptClause) =>
    a.q > b.q || (a.type !== '*' && b.type === '*') || (a.subType !== '*' && b.subType === '*');
  return out.sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
}

/** Which form of /openapi/v2 an Accept header gets (kube-openapi's handler), or undefined for 406. */
export function negotiateOpenApiV2(accept: string | undefined): 'json' | 'protobuf' | undefined {
  const offered: Array<[string, 'json' | 'protobuf']> = [
    ['json', 'json'],
    [PROTOBUF_SUBTYPE_DEPRECATED, 'protobuf'],
    [PROTOBUF_SUBTYPE, 'protobuf'],
  ];
  for (const c of parseAccept(accept || '*/*')) {
    for (const [sub, form] of offered) {
      if (c.type !== 'application' && c.type !== '*') continue;
      if (c.subType !== sub && c.subType !== '*') continue;
      return form;
    }
  }
  return undefined;
}

export class OpenApiServer {
  private built?: Built;
  private v2Built?: ServedOpenApiV2;
  constructor(
    private readonly defs: ResourceDef[],
    private readonly now: () => number = () => 0,
  ) {}

  private get(): Built {
    if (!this.built) {
      const docs = buildOpenApiV3(this.defs);
      const served = new Map<string, { body: string; hash: string }>();
      for (const [k, d] of docs) {
        const body = serializeOpenApi(d);
        served.set(k, { body, hash: openApiHash(body) });
      }
      this.built = { index: buildOpenApiV3Index(docs), docs: served };
    }
    return this.built;
  }

  index(): unknown {
    return this.get().index;
  }

  /** The document for 'api/v1' or 'apis/apps/v1', or undefined. */
  document(path: string): { body: string; hash: string } | undefined {
    return this.get().docs.get(path.replace(/^\/+|\/+$/g, ''));
  }

  /** The Swagger 2.0 document in both forms, built on the first call. */
  v2(): ServedOpenApiV2 {
    if (!this.v2Built) {
      const doc = buildOpenApiV2(this.defs);
      const json = serializeOpenApi(doc);
      this.v2Built = { json, jsonBytes: Buffer.from(json, 'utf8'), protobuf: encodeOpenApiV2(doc), etag: openApiHash(json), builtAt: this.now() };
    }
    return this.v2Built;
  }
}
