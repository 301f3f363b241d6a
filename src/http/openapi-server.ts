/**
 * Serves OpenAPI v3 for the resource table, built on first use (so start-up stays fast) from the same
 * generator that writes the checked-in openapi/v3 files (a test keeps the two equal).
 */
import type { ResourceDef } from '../registry/resource-def.js';
import { buildOpenApiV3, buildOpenApiV3Index, openApiHash, serializeOpenApi } from './openapi.js';

interface Built {
  index: unknown;
  docs: Map<string, { body: string; hash: string }>;
}

export class OpenApiServer {
  private built?: Built;
  constructor(private readonly defs: ResourceDef[]) {}

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
}
