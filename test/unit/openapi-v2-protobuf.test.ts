/**
 * The gnostic openapi_v2.Document encoder, checked against the .proto text (test/fixtures/openapiv2):
 * field numbers of every message the encoder writes, and a round trip through an independent reader
 * driven only by the .proto (wire types, field numbers, nested message types) that turns the decoded
 * messages back into Swagger JSON the way gnostic's ToRawInfo does.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { MESSAGES, WRAPPER_FIELDS, anyYaml, encodeOpenApiV2 } from '../../src/http/openapi-v2-protobuf.js';
import { buildOpenApiV2 } from '../../src/http/openapi-v2.js';
import { resources } from '../../src/registry/resources.js';

type J = any;

// ---- the .proto, parsed ----

interface ProtoField {
  name: string;
  type: string;
  num: number;
  repeated: boolean;
}
const protoText = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'openapiv2', 'OpenAPIv2.proto'), 'utf8');

function parseProto(text: string): Map<string, ProtoField[]> {
  const src = text.replace(/\/\/.*$/gm, '');
  const out = new Map<string, ProtoField[]>();
  const re = /message\s+(\w+)\s*\{/g;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    let depth = 1;
    let i = re.lastIndex;
    while (depth > 0) depth += src[i] === '{' ? 1 : src[i] === '}' ? -1 : 0, i++;
    const body = src.slice(re.lastIndex, i - 1);
    const fields: ProtoField[] = [];
    for (const f of body.matchAll(/(repeated\s+)?([\w.]+)\s+(\w+)\s*=\s*(\d+)\s*;/g)) {
      fields.push({ repeated: !!f[1], type: f[2]!, name: f[3]!, num: Number(f[4]) });
    }
    out.set(m[1]!, fields);
  }
  return out;
}
const proto = parseProto(protoText);

// ---- an independent minimal reader: protobuf bytes -> { proto_field_name: value } ----

const SCALAR_WIRE: Record<string, number> = { string: 2, bool: 0, int64: 0, double: 1 };

function varint(b: Uint8Array, pos: { i: number }): bigint {
  let v = 0n;
  for (let shift = 0n; ; shift += 7n) {
    const byte = b[pos.i++];
    if (byte === undefined) throw new Error('truncated varint');
    v |= BigInt(byte & 0x7f) << shift;
    if (byte < 0x80) return v;
  }
}

function decode(b: Uint8Array, message: string): J {
  const fields = proto.get(message);
  if (!fields) throw new Error(`no message ${message} in the .proto`);
  const out: J = {};
  const pos = { i: 0 };
  let lastNum = 0;
  while (pos.i < b.length) {
    const tag = Number(varint(b, pos));
    const [num, wire] = [tag >> 3, tag & 7];
    const f = fields.find((x) => x.num === num);
    if (!f) throw new Error(`${message}: no field number ${num}`);
    // Go's proto.Marshal writes fields in number order (repeated fields contiguous).
    assert.ok(num >= lastNum, `${message}.${f.name} written out of field order`);
    lastNum = num;
    const expectedWire = SCALAR_WIRE[f.type] ?? 2;
    assert.equal(wire, expectedWire, `${message}.${f.name}: wire type ${wire}, the .proto says ${f.type}`);
    let v: unknown;
    if (wire === 0) {
      const raw = varint(b, pos);
      v = f.type === 'bool' ? raw !== 0n : Number(BigInt.asIntN(64, raw));
    } else if (wire === 1) {
      v = new DataView(b.buffer, b.byteOffset + pos.i, 8).getFloat64(0, true);
      pos.i += 8;
    } else {
      const len = Number(varint(b, pos));
      const bytes = b.subarray(pos.i, pos.i + len);
      assert.equal(bytes.length, len, `${message}.${f.name}: truncated`);
      pos.i += len;
      v = f.type === 'string' ? Buffer.from(bytes).toString('utf8') : f.type === 'google.protobuf.Any' ? bytes : decode(bytes, f.type);
    }
    if (f.repeated) (out[f.name] ??= []).push(v);
    else {
      assert.ok(!(f.name in out), `${message}.${f.name} written twice`);
      out[f.name] = v;
    }
  }
  return out;
}

// ---- decoded messages -> Swagger JSON (gnostic's ToRawInfo, written from the .proto's names) ----

const camel = (s: string) => (s === '_ref' ? '$ref' : s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()));
const typeOf = (message: string, field: string) => proto.get(message)!.find((f) => f.name === field)!.type;
const ONEOFS = new Set(['ParametersItem', 'Parameter', 'NonBodyParameter', 'ResponseValue', 'SchemaItem', 'SecurityDefinitionsItem', 'AdditionalPropertiesItem']);
const NAMED_MAPS: Record<string, string> = {
  Definitions: 'additional_properties',
  Properties: 'additional_properties',
  SecurityDefinitions: 'additional_properties',
  SecurityRequirement: 'additional_properties',
  Responses: 'response_code',
  Paths: 'path',
};

function toJson(message: string, m: J): J {
  if (message === 'Any') return yaml.load(m.yaml);
  if (message === 'TypeItem') return m.value.length === 1 ? m.value[0] : m.value;
  if (message === 'ItemsItem') return m.schema.length === 1 ? toJson('Schema', m.schema[0]) : m.schema.map((s: J) => toJson('Schema', s));
  if (message === 'StringArray') return m.value ?? [];
  if (ONEOFS.has(message)) {
    const keys = Object.keys(m);
    assert.equal(keys.length, 1, `${message} sets exactly one branch`);
    const t = typeOf(message, keys[0]!);
    return SCALAR_WIRE[t] !== undefined ? m[keys[0]!] : toJson(t, m[keys[0]!]);
  }
  const out: J = {};
  const listField = NAMED_MAPS[message];
  for (const [k, v] of Object.entries(m)) {
    const t = typeOf(message, k);
    if (k === 'vendor_extension') for (const e of v as J[]) out[e.name] = toJson('Any', e.value);
    else if (k === listField) {
      const pairType = t;
      for (const e of v as J[]) out[e.name] = toJson(typeOf(pairType, 'value'), e.value);
    } else if (Array.isArray(v)) out[camel(k)] = SCALAR_WIRE[t] !== undefined ? v : v.map((x) => toJson(t, x));
    else out[camel(k)] = SCALAR_WIRE[t] !== undefined ? v : toJson(t, v);
  }
  return out;
}

const roundTrip = (doc: J) => toJson('Document', decode(encodeOpenApiV2(doc), 'Document'));

// ---- tests ----

const snake = (k: string) => (k === '$ref' ? '_ref' : k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));

test('every field the encoder writes has the number and type the .proto gives it', () => {
  for (const [name, spec] of Object.entries(MESSAGES)) {
    const fields = proto.get(name);
    assert.ok(fields, `${name} is a message of OpenAPIv2.proto`);
    for (const [json, [num, kind]] of Object.entries(spec.fields)) {
      const f = fields.find((x) => x.name === snake(json));
      assert.ok(f, `${name}.${snake(json)} exists`);
      assert.equal(num, f.num, `${name}.${f.name}`);
      const [type, repeated] =
        typeof kind === 'string'
          ? ({ string: ['string', false], bool: ['bool', false], double: ['double', false], int64: ['int64', false], strings: ['string', true], any: ['Any', false], anys: ['Any', true] } as const)[kind]
          : ['message', 'many' in kind];
      assert.equal(repeated, f.repeated, `${name}.${f.name} repeated`);
      if (type === 'message') assert.ok(SCALAR_WIRE[f.type] === undefined && f.type !== 'Any', `${name}.${f.name} is a message field`);
      else assert.equal(type, f.type, `${name}.${f.name} type`);
    }
    if (spec.ext !== undefined) assert.equal(spec.ext, fields.find((x) => x.name === 'vendor_extension')?.num, `${name}.vendor_extension`);
  }
  for (const [name, nums] of Object.entries(WRAPPER_FIELDS)) {
    const fields = proto.get(name);
    assert.ok(fields, `${name} is a message of OpenAPIv2.proto`);
    for (const [field, num] of Object.entries(nums)) assert.equal(num, fields.find((x) => x.name === field)?.num, `${name}.${field}`);
  }
});

test('bytes of a minimal document: swagger (1) and info (2) as Go proto.Marshal writes them', () => {
  const hex = encodeOpenApiV2({ swagger: '2.0', info: { title: 'Kubernetes', version: 'v1.32.0' } }).toString('hex');
  // 0a 03 "2.0" | 12 15 { 0a 0a "Kubernetes" 12 07 "v1.32.0" }
  assert.equal(hex, `0a03${Buffer.from('2.0').toString('hex')}1215` + `0a0a${Buffer.from('Kubernetes').toString('hex')}1207${Buffer.from('v1.32.0').toString('hex')}`);
});

test('the served document survives the round trip unchanged', () => {
  const doc = buildOpenApiV2(resources);
  assert.deepEqual(roundTrip(doc), doc);
});

test("what kubectl's validation model reads: definitions, properties, $ref, required and the GVK extension", () => {
  const doc = buildOpenApiV2(resources);
  const decoded = decode(encodeOpenApiV2(doc), 'Document');
  const defs = decoded.definitions.additional_properties as J[];
  assert.deepEqual(defs.map((d) => d.name), Object.keys(doc.definitions));
  const dep = defs.find((d) => d.name === 'io.k8s.api.apps.v1.Deployment')!.value;
  assert.deepEqual(dep.type, { value: ['object'] });
  const spec = dep.properties.additional_properties.find((p: J) => p.name === 'spec').value;
  assert.equal(spec._ref, '#/definitions/io.k8s.api.apps.v1.DeploymentSpec');
  assert.equal(spec.type, undefined, 'a reference has no type (kube-openapi rejects one)');
  const gvk = dep.vendor_extension.find((e: J) => e.name === 'x-kubernetes-group-version-kind');
  assert.deepEqual(yaml.load(gvk.value.yaml), [{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
  const depSpec = defs.find((d) => d.name === 'io.k8s.api.apps.v1.DeploymentSpec')!.value;
  assert.deepEqual(depSpec.required, ['selector', 'template']);
  const cm = defs.find((d) => d.name === 'io.k8s.api.core.v1.ConfigMap')!.value;
  const data = cm.properties.additional_properties.find((p: J) => p.name === 'data').value;
  assert.deepEqual(data.type, { value: ['object'] });
  assert.deepEqual(data.additional_properties.schema.type, { value: ['string'] });
  const pod = defs.find((d) => d.name === 'io.k8s.api.core.v1.PodSpec')!.value;
  const containers = pod.properties.additional_properties.find((p: J) => p.name === 'containers').value;
  assert.equal(containers.items.schema.length, 1);
  assert.equal(containers.items.schema[0]._ref, '#/definitions/io.k8s.api.core.v1.Container');
  // The core group's "" survives YAML.
  const cmGvk = cm.vendor_extension.find((e: J) => e.name === 'x-kubernetes-group-version-kind');
  assert.deepEqual(yaml.load(cmGvk.value.yaml), [{ group: '', kind: 'ConfigMap', version: 'v1' }]);
});

test('every oneof branch and container the encoder knows, round-tripped', () => {
  const doc = {
    swagger: '2.0',
    info: { title: 't', version: '1', description: 'd', contact: { name: 'n', email: 'e' }, license: { name: 'Apache-2.0', url: 'u' }, 'x-info': 1 },
    host: 'h',
    basePath: '/b',
    schemes: ['https', 'http'],
    consumes: ['application/json'],
    produces: ['application/json'],
    paths: {
      'x-paths': { a: [1, 2] },
      '/p/{id}': {
        parameters: [{ $ref: '#/parameters/shared' }, { in: 'path', name: 'id', required: true, type: 'string', uniqueItems: true }],
        get: {
          tags: ['t'],
          summary: 's',
          operationId: 'op',
          deprecated: true,
          parameters: [
            { in: 'query', name: 'q', type: 'integer', format: 'int32', minimum: -1.5, maximum: 10, exclusiveMaximum: true, maxLength: 3, default: 2, enum: [1, 2] },
            { in: 'header', name: 'h', type: 'array', items: { type: 'string', items: { type: 'string' } }, collectionFormat: 'csv' },
            { in: 'formData', name: 'f', type: 'boolean', allowEmptyValue: true },
            { in: 'body', name: 'body', description: 'b', required: true, schema: { $ref: '#/definitions/D' } },
          ],
          responses: { '200': { description: 'OK', schema: { type: 'string' } }, default: { $ref: '#/responses/r' }, 'x-r': 'y' },
          security: [{ BearerToken: [] }, { other: ['a', 'b'] }],
          externalDocs: { url: 'https://x' },
          'x-kubernetes-action': 'get',
          'x-kubernetes-group-version-kind': { group: 'apps', kind: 'D', version: 'v1' },
        },
      },
    },
    definitions: {
      D: {
        type: 'object',
        description: 'D',
        required: ['a'],
        properties: {
          a: { type: ['string', 'null'], enum: ['x', 'y'], default: 'x', readOnly: true, pattern: '^x', minLength: 1 },
          b: { type: 'array', items: [{ type: 'string' }, { type: 'integer' }], uniqueItems: true, maxItems: 2 },
          c: { type: 'object', additionalProperties: false, maxProperties: 3 },
          d: { type: 'object', additionalProperties: { $ref: '#/definitions/E' } },
          e: { allOf: [{ $ref: '#/definitions/E' }, { type: 'object' }], discriminator: 'k', xml: { name: 'x', attribute: true } },
          f: { type: 'number', multipleOf: 0.5, example: { any: ['thing'] } },
        },
        'x-kubernetes-preserve-unknown-fields': true,
        'x-kubernetes-list-map-keys': ['a', 'b'],
      },
      E: {},
    },
    security: [{ BearerToken: [] }],
    securityDefinitions: {
      BearerToken: { description: 'Bearer Token authentication', in: 'header', name: 'authorization', type: 'apiKey' },
      basic: { type: 'basic', description: 'b' },
    },
    tags: [{ name: 't', description: 'd', externalDocs: { description: 'e', url: 'u' } }],
    externalDocs: { url: 'https://k8s.io' },
    'x-top': true,
  };
  assert.deepEqual(roundTrip(doc), doc);
});

test('keys gnostic would reject are errors, not silently dropped', () => {
  assert.throws(() => encodeOpenApiV2({ swagger: '2.0', definitions: { A: { type: 'string', oneOf: [] } } }), /Schema has no field "oneOf"/);
  assert.throws(() => encodeOpenApiV2({ swagger: '2.0', bogus: 1 }), /Document has no field "bogus"/);
  assert.throws(() => encodeOpenApiV2({ swagger: '2.0', paths: { nope: {} } }), /unexpected key "nope"/);
  assert.throws(
    () => encodeOpenApiV2({ swagger: '2.0', paths: { '/a': { get: { responses: { '2xx': { description: 'x' } } } } } }),
    /unexpected key "2xx"/,
  );
  assert.throws(() => encodeOpenApiV2({ swagger: '2.0', paths: { '/a': { parameters: [{ in: 'cookie', name: 'c' }] } } }), /unknown location "cookie"/);
});

test('Any values are YAML that yaml.v2 reads back to the same value', () => {
  const cases: unknown[] = [
    [{ group: '', kind: 'ConfigMap', version: 'v1' }],
    { group: 'apps', kind: 'Deployment', version: 'v1' },
    'atomic',
    ['name', 'protocol'],
    true,
    0,
    'a "quoted" value: with colon',
    'yes',
    '1',
  ];
  for (const v of cases) assert.deepEqual(yaml.load(anyYaml(v)), v, JSON.stringify(v));
  assert.equal(anyYaml('atomic'), 'atomic\n');
  // yaml.v2 is YAML 1.1: yes/no/on/off are booleans there unless quoted.
  for (const s of ['yes', 'no', 'on', 'off', 'y']) assert.match(anyYaml(s), new RegExp(`^(['"])${s}\\1\n$`), s);
  assert.equal(anyYaml({ group: 'apps', kind: 'Deployment', version: 'v1' }), 'group: apps\nkind: Deployment\nversion: v1\n');
});
