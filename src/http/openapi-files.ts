/**
 * The checked-in OpenAPI v3 documents (openapi/v3/<api__v1 | apis__apps__v1>.json, written by
 * `npm run openapi`): file naming, the on-disk format, and the loader the server serves them from.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOpenApiV3Index, openApiHash, serializeOpenApi } from './openapi.js';

/** 'apis/apps/v1' -> 'apis__apps__v1.json' */
export const openApiFileName = (key: string): string => `${key.split('/').join('__')}.json`;

/** 'apis__apps__v1.json' -> 'apis/apps/v1' */
export const openApiKeyOfFile = (file: string): string => file.replace(/\.json$/, '').split('__').join('/');

/** How a document is written to disk: pretty, key-sorted, with a final newline. */
export function formatOpenApiFile(doc: unknown): string {
  return `${JSON.stringify(JSON.parse(serializeOpenApi(doc)), null, 2)}\n`;
}

export interface ServedOpenApiDoc {
  /** The compact JSON served for GET /openapi/v3/<key>. */
  body: string;
  /** Uppercase hex SHA-512 of body: the ETag and the index's ?hash=. */
  hash: string;
}

export interface ServedOpenApiV3 {
  /** The body of GET /openapi/v3. */
  index: { paths: Record<string, { serverRelativeURL: string }> };
  /** By key: 'api/v1', 'apis/apps/v1', ... */
  docs: Map<string, ServedOpenApiDoc>;
}

/** Read every document in `dir` (usually openapi/v3) and prepare the bytes and hashes to serve. */
export function loadOpenApiV3(dir: string): ServedOpenApiV3 {
  const parsed = new Map<string, unknown>();
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) {
    parsed.set(openApiKeyOfFile(f), JSON.parse(readFileSync(join(dir, f), 'utf8')));
  }
  const docs = new Map<string, ServedOpenApiDoc>();
  for (const [key, doc] of parsed) {
    const body = serializeOpenApi(doc);
    docs.set(key, { body, hash: openApiHash(body) });
  }
  return { index: buildOpenApiV3Index(parsed), docs };
}

const jsonFiles = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : []);

/** Write every document to `dir` and remove the files of group versions no longer served. */
export function writeOpenApiV3(dir: string, docs: Map<string, unknown>): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const [key, doc] of docs) {
    const file = openApiFileName(key);
    writeFileSync(join(dir, file), formatOpenApiFile(doc));
    written.push(file);
  }
  for (const f of jsonFiles(dir)) if (!written.includes(f)) rmSync(join(dir, f));
  return written.sort();
}

/** How the files in `dir` differ from the generated documents ("missing x", "extra x", "changed x"). */
export function openApiDrift(dir: string, docs: Map<string, unknown>): string[] {
  const out: string[] = [];
  const expected = new Map([...docs].map(([key, doc]) => [openApiFileName(key), doc]));
  const present = new Set(jsonFiles(dir));
  for (const [file, doc] of [...expected].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!present.has(file)) out.push(`missing ${file}`);
    else if (readFileSync(join(dir, file), 'utf8') !== formatOpenApiFile(doc)) out.push(`changed ${file}`);
  }
  for (const f of present) if (!expected.has(f)) out.push(`extra ${f}`);
  return out;
}
