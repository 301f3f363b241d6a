/**
 * Content negotiation: request bodies in JSON, YAML or Kubernetes protobuf; responses in JSON, YAML or
 * as a meta.k8s.io Table (kubectl's server-side printing).
 */
import yaml from 'js-yaml';
import { badRequest, notAcceptable, unsupportedMediaType } from '../api/errors.js';
import { decodeK8sProtobuf } from './protobuf/decode.js';

export const JSON_TYPE = 'application/json';
export const YAML_TYPE = 'application/yaml';
export const PROTOBUF_TYPE = 'application/vnd.kubernetes.protobuf';

export const PATCH_TYPES = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
  applyCbor: 'application/apply-patch+cbor',
} as const;
export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export const bodyMediaTypes = [JSON_TYPE, YAML_TYPE, PROTOBUF_TYPE];
export const patchMediaTypes = [PATCH_TYPES.json, PATCH_TYPES.merge, PATCH_TYPES.apply, PATCH_TYPES.strategic];

/** The media type without parameters, lower-cased; '' when absent. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

function parseJson(buf: Buffer): unknown {
  try {
    return JSON.parse(buf.toString('utf8'));
  } catch (e) {
    throw badRequest(`json: ${jsonError((e as Error).message)}`);
  }
}

/** Go's encoding/json phrasing for the common errors. */
function jsonError(msg: string): string {
  if (/Unexpected end of JSON input/.test(msg)) return 'unexpected end of JSON input';
  const m = /Unexpected token '?(.)'?,? .*/.exec(msg) ?? /Unexpected token (.) in JSON/.exec(msg);
  if (m) return `invalid character '${m[1]}' looking for beginning of value`;
  return msg;
}

function parseYaml(buf: Buffer): unknown {
  try {
    return yaml.load(buf.toString('utf8'), { schema: yaml.CORE_SCHEMA });
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0];
    throw badRequest(`error converting YAML to JSON: yaml: ${msg}`);
  }
}

/** Decode a create/update body. An absent Content-Type is JSON (kubectl's PUT .../scale sends none). */
export function decodeRequestBody(contentType: string | undefined, body: Buffer | undefined): unknown {
  const buf = body ?? Buffer.alloc(0);
  const mt = mediaType(contentType);
  if (mt === '' || mt === JSON_TYPE || mt === '*/*') return parseJson(buf);
  if (mt === YAML_TYPE || mt === 'application/x-yaml' || mt === 'text/yaml') return parseYaml(buf);
  if (mt === PROTOBUF_TYPE) return decodeK8sProtobuf(buf).object;
  throw unsupportedMediaType(bodyMediaTypes);
}

/** Decode a PATCH body by its patch type. */
export function decodePatchBody(contentType: string | undefined, body: Buffer | undefined): { type: PatchType; patch: unknown } {
  const buf = body ?? Buffer.alloc(0);
  const mt = mediaType(contentType);
  switch (mt) {
    case PATCH_TYPES.json:
      return { type: 'json', patch: parseJson(buf) };
    case PATCH_TYPES.merge:
      return { type: 'merge', patch: parseJson(buf) };
    case PATCH_TYPES.strategic:
      return { type: 'strategic', patch: parseJson(buf) };
    case PATCH_TYPES.apply:
      return { type: 'apply', patch: parseYaml(buf) };
    default:
      throw unsupportedMediaType(patchMediaTypes);
  }
}

export type ResponseFormat = { kind: 'json' } | { kind: 'yaml' } | { kind: 'table'; version: 'v1' | 'v1beta1' };

interface AcceptEntry {
  type: string;
  params: Record<string, string>;
}

function parseAccept(accept: string | undefined): AcceptEntry[] {
  if (!accept) return [];
  return accept.split(',').map((part) => {
    const [type, ...ps] = part.split(';').map((s) => s.trim());
    const params: Record<string, string> = {};
    for (const p of ps) {
      const i = p.indexOf('=');
      if (i > 0) params[p.slice(0, i).trim()] = p.slice(i + 1).trim();
    }
    return { type: (type ?? '').toLowerCase(), params };
  });
}

/**
 * Pick the response format from Accept. Tables only where allowed (get/list/watch); protobuf is not
 * served, so a client that accepts nothing else gets 406.
 */
export function negotiate(accept: string | undefined, allowTable: boolean): ResponseFormat {
  const entries = parseAccept(accept);
  if (entries.length === 0) return { kind: 'json' };
  for (const e of entries) {
    if (e.params.as === 'Table') {
      if (!allowTable || e.params.g !== 'meta.k8s.io') continue;
      if (e.params.v === 'v1' || e.params.v === 'v1beta1') return { kind: 'table', version: e.params.v };
      continue;
    }
    if (e.params.as) continue; // PartialObjectMetadata and friends: fall through to the next choice
    if (e.type === JSON_TYPE || e.type === '*/*' || e.type === 'application/*') return { kind: 'json' };
    if (e.type === YAML_TYPE) return { kind: 'yaml' };
  }
  throw notAcceptable(`only the following media types are accepted: application/json, application/yaml`);
}
