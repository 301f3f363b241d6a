/**
 * Decodes Kubernetes protobuf request bodies ("k8s\0" + runtime.Unknown) into the JSON shape the REST
 * API uses. Zero-value rules follow what upstream's JSON encoding of the decoded Go struct shows:
 * non-pointer scalars appear only if non-zero or their json tag lacks omitempty, pointers appear when set,
 * non-pointer structs sent on the wire appear (possibly as {}), a zero metav1.Time is omitted, nil lists
 * and maps are omitted.
 */
import { ApiError, badRequest } from '../../api/errors.js';
import { FIELD_ORDER, type FieldDef, type MessageDef, SCALARS } from './message-def.js';
import {
  DURATION,
  FIELDS_V1,
  INT_OR_STRING,
  MESSAGES,
  MICRO_TIME,
  QUANTITY,
  RAW_EXTENSION,
  STRING_LIST_WRAPPERS,
  TIME,
  messageForKind,
} from './messages.js';
import { formatDuration, formatMicroTime, formatTime } from './json-forms.js';
import { ProtoError, ProtoReader, WIRE_BYTES, WIRE_FIXED64, WIRE_VARINT } from './wire.js';

export const K8S_PROTOBUF_MAGIC: Readonly<Uint8Array> = Uint8Array.from([0x6b, 0x38, 0x73, 0x00]);
export const PROTOBUF_CONTENT_TYPE = 'application/vnd.kubernetes.protobuf';
/** Scheme name upstream's "no kind is registered" errors mention for the apiserver's scheme. */
const SCHEME_NAME = 'k8s.io/kubernetes/pkg/api/legacyscheme/scheme.go:30';

export interface DecodedK8sProtobuf {
  apiVersion: string;
  kind: string;
  /** The object in its JSON form, with apiVersion and kind set. */
  object: Record<string, unknown>;
  contentEncoding: string;
  contentType: string;
}

export interface DecodeOptions {
  /** Kind the endpoint expects (for error messages: "... cannot be handled as a <expectKind>"). */
  expectKind?: string;
}

export function hasK8sProtobufMagic(buf: Uint8Array): boolean {
  return buf.length >= 4 && K8S_PROTOBUF_MAGIC.every((b, i) => buf[i] === b);
}

type Raw = bigint | number | Uint8Array;

function goFieldName(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function isVarintType(t: string): boolean {
  return t === 'int32' || t === 'int64' || t === 'bool';
}

/** Reads one message's fields into raw wire values per field number (unknown fields skipped). */
function collect(def: MessageDef, bytes: Uint8Array): Map<number, Raw[]> {
  const out = new Map<number, Raw[]>();
  const r = new ProtoReader(bytes);
  while (!r.eof()) {
    const { field, wireType } = r.tag();
    if (field <= 0) throw new ProtoError(`proto: illegal tag ${field} (wire type ${wireType})`);
    const fd = def[field];
    if (!fd) {
      r.skip(wireType);
      continue;
    }
    const vals = out.get(field) ?? [];
    out.set(field, vals);
    const scalar = !fd.map && SCALARS.has(fd.type);
    if (scalar && isVarintType(fd.type)) {
      if (wireType === WIRE_VARINT) vals.push(r.varint());
      else if (wireType === WIRE_BYTES && fd.repeated) {
        const packed = new ProtoReader(r.bytes());
        while (!packed.eof()) vals.push(packed.varint());
      } else throw new ProtoError(`proto: wrong wireType = ${wireType} for field ${goFieldName(fd.name)}`);
    } else if (scalar && fd.type === 'double') {
      if (wireType === WIRE_FIXED64) vals.push(r.double());
      else if (wireType === WIRE_BYTES && fd.repeated) {
        const packed = new ProtoReader(r.bytes());
        while (!packed.eof()) vals.push(packed.double());
      } else throw new ProtoError(`proto: wrong wireType = ${wireType} for field ${goFieldName(fd.name)}`);
    } else {
      if (wireType !== WIRE_BYTES) throw new ProtoError(`proto: wrong wireType = ${wireType} for field ${goFieldName(fd.name)}`);
      vals.push(r.bytes());
    }
  }
  return out;
}

function scalarValue(type: string, raw: Raw): unknown {
  switch (type) {
    case 'string':
      return Buffer.from(raw as Uint8Array).toString('utf8');
    case 'bytes':
      return Buffer.from(raw as Uint8Array).toString('base64');
    case 'int32':
      return Number(BigInt.asIntN(32, raw as bigint));
    case 'int64':
      return Number(BigInt.asIntN(64, raw as bigint));
    case 'bool':
      return (raw as bigint) !== 0n;
    case 'double':
      return raw as number;
    default:
      throw new ProtoError(`unknown scalar type ${type}`);
  }
}

function isZeroScalar(v: unknown): boolean {
  return v === '' || v === 0 || v === false;
}

const SCALAR_ZERO: Record<string, unknown> = { string: '', bytes: '', int32: 0, int64: 0, bool: false, double: 0 };

/** Merges repeated occurrences of a message field the way proto does (concatenation = merge). */
function joined(vals: Raw[]): Uint8Array {
  return vals.length === 1 ? (vals[0] as Uint8Array) : Buffer.concat(vals as Uint8Array[]);
}

interface Special {
  value: unknown;
  /** The Go zero value of the type (omitted unless the field is a pointer or lacks omitempty). */
  zero: boolean;
}

function parseEmbeddedJson(raw: Uint8Array): unknown {
  if (raw.length === 0) return undefined;
  if (hasK8sProtobufMagic(raw)) return decodeK8sProtobuf(raw).object;
  const text = Buffer.from(raw).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ProtoError(`invalid embedded JSON: ${(e as Error).message}`);
  }
}

/** JSON form of the message types with custom marshaling; undefined for ordinary messages. */
function specialValue(type: string, bytes: Uint8Array): Special | undefined {
  switch (type) {
    case TIME:
    case MICRO_TIME: {
      if (bytes.length === 0) return { value: undefined, zero: true };
      const f = collect(MESSAGES[type]!, bytes);
      const seconds = Number(BigInt.asIntN(64, (f.get(1)?.at(-1) as bigint | undefined) ?? 0n));
      const nanos = Number(BigInt.asIntN(32, (f.get(2)?.at(-1) as bigint | undefined) ?? 0n));
      return { value: type === TIME ? formatTime(seconds) : formatMicroTime(seconds, nanos), zero: false };
    }
    case DURATION: {
      const f = collect(MESSAGES[type]!, bytes);
      const ns = BigInt.asIntN(64, (f.get(1)?.at(-1) as bigint | undefined) ?? 0n);
      return { value: formatDuration(ns), zero: ns === 0n };
    }
    case QUANTITY: {
      const f = collect(MESSAGES[type]!, bytes);
      const s = f.get(1)?.at(-1);
      const str = s ? Buffer.from(s as Uint8Array).toString('utf8') : '';
      return { value: str || '0', zero: str === '' || str === '0' };
    }
    case INT_OR_STRING: {
      const f = collect(MESSAGES[type]!, bytes);
      const t = Number((f.get(1)?.at(-1) as bigint | undefined) ?? 0n);
      if (t === 1) {
        const s = f.get(3)?.at(-1);
        const str = s ? Buffer.from(s as Uint8Array).toString('utf8') : '';
        return { value: str, zero: false };
      }
      const n = Number(BigInt.asIntN(32, (f.get(2)?.at(-1) as bigint | undefined) ?? 0n));
      return { value: n, zero: n === 0 };
    }
    case RAW_EXTENSION:
    case FIELDS_V1: {
      const f = collect(MESSAGES[type]!, bytes);
      const raw = f.get(1);
      const value = raw ? parseEmbeddedJson(joined(raw)) : undefined;
      return { value, zero: value === undefined };
    }
    default:
      if (STRING_LIST_WRAPPERS.has(type)) {
        const f = collect(MESSAGES[type]!, bytes);
        return { value: (f.get(1) ?? []).map((b) => scalarValue('string', b)), zero: false };
      }
      return undefined;
  }
}

/** JSON value of one message-typed element (list item, map value or singular field). */
function messageValue(type: string, bytes: Uint8Array): Special {
  return specialValue(type, bytes) ?? { value: decodeMessage(type, bytes), zero: false };
}

function mapValue(fd: FieldDef, entries: Raw[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const valueType = fd.map!.value;
  const scalar = SCALARS.has(valueType);
  const entryDef: MessageDef = { 1: { name: 'key', type: 'string' }, 2: { name: 'value', type: valueType } };
  for (const e of entries) {
    const f = collect(entryDef, e as Uint8Array);
    const keyRaw = f.get(1)?.at(-1);
    const key = keyRaw ? (scalarValue('string', keyRaw) as string) : '';
    const v = f.get(2);
    if (scalar) out[key] = v ? scalarValue(valueType, v.at(-1)!) : SCALAR_ZERO[valueType];
    else {
      const val = messageValue(valueType, v ? joined(v) : new Uint8Array()).value;
      out[key] = val === undefined ? null : val;
    }
  }
  return out;
}

/** Decodes one message (by fully qualified proto name) into its JSON object form. */
export function decodeMessage(type: string, bytes: Uint8Array): Record<string, unknown> {
  const def = MESSAGES[type];
  if (!def) throw new ProtoError(`no protobuf message table for ${type}`);
  const fields = collect(def, bytes);
  const out: Record<string, unknown> = {};
  for (const num of FIELD_ORDER.get(def) ?? Object.keys(def).map(Number)) {
    const fd = def[num]!;
    const vals = fields.get(num);
    if (fd.map) {
      if (vals?.length) out[fd.name] = mapValue(fd, vals);
      continue;
    }
    const scalar = SCALARS.has(fd.type);
    if (fd.repeated) {
      if (!vals?.length) continue;
      out[fd.name] = scalar
        ? vals.map((v) => scalarValue(fd.type, v))
        : vals.map((v) => messageValue(fd.type, v as Uint8Array).value ?? null);
      continue;
    }
    if (scalar) {
      if (!vals?.length) {
        if (!fd.pointer && fd.keepEmpty && fd.type !== 'bytes') out[fd.name] = SCALAR_ZERO[fd.type];
        continue;
      }
      const v = scalarValue(fd.type, vals.at(-1)!);
      if (fd.pointer || fd.keepEmpty || !isZeroScalar(v)) out[fd.name] = v;
      continue;
    }
    if (!vals?.length) continue;
    if (fd.inline) {
      Object.assign(out, decodeMessage(fd.type, joined(vals)));
      continue;
    }
    const { value, zero } = messageValue(fd.type, joined(vals));
    if (value === undefined) continue;
    if (zero && !fd.pointer && !fd.keepEmpty) continue;
    out[fd.name] = value;
  }
  return out;
}

function summarize(buf: Uint8Array): string {
  const s = Buffer.from(buf.subarray(0, 30)).toString('latin1');
  return buf.length > 30 ? `${s} ...` : s;
}

/**
 * Decodes a request body sent as application/vnd.kubernetes.protobuf. Throws ApiError BadRequest with
 * upstream's messages (handlers/rest.go transformDecodeError over the protobuf serializer's errors).
 */
export function decodeK8sProtobuf(buf: Uint8Array, opts: DecodeOptions = {}): DecodedK8sProtobuf {
  const into = opts.expectKind;
  const unrecognized = (why: string) =>
    badRequest(`the object provided is unrecognized (must be of type ${into ?? 'Unknown'}): ${why} (${summarize(buf)})`);
  if (buf.length === 0) throw unrecognized('empty data');
  if (!hasK8sProtobufMagic(buf)) {
    throw unrecognized(`provided data does not appear to be a protobuf message, expected prefix [${[...K8S_PROTOBUF_MAGIC].join(' ')}]`);
  }
  if (buf.length === 4) throw unrecognized('empty body');
  let env: Record<string, unknown>;
  try {
    env = decodeMessage('k8s.io.apimachinery.pkg.runtime.Unknown', buf.subarray(4));
  } catch (e) {
    throw unrecognized((e as Error).message);
  }
  const tm = (env.typeMeta ?? {}) as { apiVersion?: string; kind?: string };
  const apiVersion = tm.apiVersion ?? '';
  const kind = tm.kind ?? '';
  const typeMetaStr = `runtime.TypeMeta{APIVersion:${JSON.stringify(apiVersion)}, Kind:${JSON.stringify(kind)}}`;
  if (!kind) throw unrecognized(`Object 'Kind' is missing in '${typeMetaStr}'`);
  const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
  if (!version) throw unrecognized(`Object 'apiVersion' is missing in '${typeMetaStr}'`);
  const cannot = (why: string) =>
    badRequest(`${kind} in version ${JSON.stringify(version)} cannot be handled as a ${into ?? kind}: ${why}`);
  const msg = messageForKind(apiVersion, kind);
  if (!msg) throw cannot(`no kind ${JSON.stringify(kind)} is registered for version ${JSON.stringify(apiVersion)} in scheme ${JSON.stringify(SCHEME_NAME)}`);
  const raw = env.raw === undefined ? new Uint8Array() : Buffer.from(env.raw as string, 'base64');
  let body: Record<string, unknown>;
  try {
    body = decodeMessage(msg, raw);
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw cannot((e as Error).message);
  }
  return {
    apiVersion,
    kind,
    object: { apiVersion, kind, ...body },
    contentEncoding: (env.contentEncoding as string | undefined) ?? '',
    contentType: (env.contentType as string | undefined) ?? '',
  };
}
