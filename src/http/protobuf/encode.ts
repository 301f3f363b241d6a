/**
 * Encodes JSON-form Kubernetes objects as application/vnd.kubernetes.protobuf the way client-go's
 * gogo-generated marshalers do: fields in ascending number order, non-pointer scalars and structs always
 * written, pointers only when set, map entries sorted by key, envelope "k8s\0" + runtime.Unknown.
 */
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
import { parseDuration, parseTime } from './json-forms.js';
import { K8S_PROTOBUF_MAGIC } from './decode.js';
import { ProtoWriter, WIRE_BYTES, WIRE_FIXED64, WIRE_VARINT } from './wire.js';

type Obj = Record<string, unknown>;

function asObject(v: unknown): Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {};
}

function toInt(v: unknown, what: string): number | bigint {
  if (typeof v === 'bigint') return v;
  const n = typeof v === 'boolean' ? Number(v) : Number(v);
  if (!Number.isFinite(n) || !Number.isInteger(n)) throw new TypeError(`protobuf encode: ${what}: not an integer: ${JSON.stringify(v)}`);
  return n;
}

function writeScalar(w: ProtoWriter, num: number, type: string, v: unknown, name: string): void {
  switch (type) {
    case 'string':
      w.tag(num, WIRE_BYTES).string(v === undefined || v === null ? '' : String(v));
      return;
    case 'bytes':
      w.tag(num, WIRE_BYTES).bytes(Buffer.from(typeof v === 'string' ? v : '', 'base64'));
      return;
    case 'int32':
    case 'int64':
      w.tag(num, WIRE_VARINT).varint(toInt(v ?? 0, name));
      return;
    case 'bool':
      w.tag(num, WIRE_VARINT).bool(Boolean(v));
      return;
    case 'double':
      w.tag(num, WIRE_FIXED64).double(Number(v ?? 0));
      return;
    default:
      throw new TypeError(`protobuf encode: unknown scalar type ${type}`);
  }
}

/** Bytes of a message-typed value, honoring the custom JSON forms. */
function messageBytes(type: string, v: unknown): Uint8Array {
  const w = new ProtoWriter();
  switch (type) {
    case TIME:
    case MICRO_TIME: {
      if (v === undefined || v === null || v === '') return new Uint8Array();
      const { seconds, nanos } = parseTime(String(v));
      w.tag(1, WIRE_VARINT).varint(seconds);
      w.tag(2, WIRE_VARINT).varint(type === TIME ? 0 : Math.floor(nanos / 1000) * 1000);
      return w.finish();
    }
    case DURATION:
      w.tag(1, WIRE_VARINT).varint(v === undefined || v === null ? 0n : parseDuration(String(v)));
      return w.finish();
    case QUANTITY:
      w.tag(1, WIRE_BYTES).string(v === undefined || v === null || v === '' ? '0' : String(v));
      return w.finish();
    case INT_OR_STRING: {
      const isStr = typeof v === 'string';
      w.tag(1, WIRE_VARINT).varint(isStr ? 1 : 0);
      w.tag(2, WIRE_VARINT).varint(isStr ? 0 : toInt(v ?? 0, 'IntOrString'));
      w.tag(3, WIRE_BYTES).string(isStr ? v : '');
      return w.finish();
    }
    case RAW_EXTENSION:
    case FIELDS_V1:
      if (v === undefined || v === null) return new Uint8Array();
      w.tag(1, WIRE_BYTES).bytes(Buffer.from(JSON.stringify(v), 'utf8'));
      return w.finish();
    default:
      if (STRING_LIST_WRAPPERS.has(type)) {
        for (const item of Array.isArray(v) ? v : []) w.tag(1, WIRE_BYTES).string(String(item));
        return w.finish();
      }
      return encodeMessage(type, asObject(v));
  }
}

function writeMap(w: ProtoWriter, num: number, fd: FieldDef, v: unknown): void {
  const obj = asObject(v);
  const valueType = fd.map!.value;
  for (const key of Object.keys(obj).sort()) {
    const e = new ProtoWriter();
    e.tag(1, WIRE_BYTES).string(key);
    if (SCALARS.has(valueType)) writeScalar(e, 2, valueType, obj[key], fd.name);
    else e.tag(2, WIRE_BYTES).bytes(messageBytes(valueType, obj[key]));
    w.tag(num, WIRE_BYTES).bytes(e.finish());
  }
}

/** Encodes one JSON object as the given proto message (fully qualified name). */
export function encodeMessage(type: string, obj: Obj): Buffer {
  const def: MessageDef | undefined = MESSAGES[type];
  if (!def) throw new TypeError(`protobuf encode: no message table for ${type}`);
  const w = new ProtoWriter();
  const nums = [...(FIELD_ORDER.get(def) ?? Object.keys(def).map(Number))].sort((a, b) => a - b);
  for (const num of nums) {
    const fd = def[num]!;
    const v = fd.inline ? obj : obj[fd.name];
    if (fd.map) {
      writeMap(w, num, fd, v);
      continue;
    }
    const scalar = SCALARS.has(fd.type);
    if (fd.repeated) {
      if (!Array.isArray(v)) continue;
      for (const item of v) {
        if (scalar) writeScalar(w, num, fd.type, item, fd.name);
        else w.tag(num, WIRE_BYTES).bytes(messageBytes(fd.type, item));
      }
      continue;
    }
    const absent = v === undefined || v === null;
    if (absent && (fd.pointer || fd.type === 'bytes')) continue;
    if (scalar) writeScalar(w, num, fd.type, v, fd.name);
    else w.tag(num, WIRE_BYTES).bytes(messageBytes(fd.type, v));
  }
  return w.finish();
}

/** True if encodeK8sProtobuf knows a message for this apiVersion/kind. */
export function canEncodeK8sProtobuf(apiVersion: string, kind: string): boolean {
  return messageForKind(apiVersion, kind) !== undefined;
}

/** Encodes an object (with apiVersion and kind) as "k8s\0" + runtime.Unknown, like client-go's protobuf serializer. */
export function encodeK8sProtobuf(obj: Obj): Buffer {
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  const kind = typeof obj.kind === 'string' ? obj.kind : '';
  const msg = messageForKind(apiVersion, kind);
  if (!msg) throw new TypeError(`protobuf encode: no message for apiVersion ${JSON.stringify(apiVersion)} kind ${JSON.stringify(kind)}`);
  const raw = encodeMessage(msg, obj);
  const typeMeta = new ProtoWriter().tag(1, WIRE_BYTES).string(apiVersion).tag(2, WIRE_BYTES).string(kind).finish();
  const unknown = new ProtoWriter()
    .tag(1, WIRE_BYTES)
    .bytes(typeMeta)
    .tag(2, WIRE_BYTES)
    .bytes(raw)
    .tag(3, WIRE_BYTES)
    .string('')
    .tag(4, WIRE_BYTES)
    .string('')
    .finish();
  return Buffer.concat([K8S_PROTOBUF_MAGIC, unknown]);
}
