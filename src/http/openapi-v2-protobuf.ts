/**
 * A Swagger 2.0 document (JSON) encoded as gnostic's openapi_v2.Document protobuf
 * (github.com/google/gnostic-models openapiv2/OpenAPIv2.proto), what /openapi/v2 serves to
 * `Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf` (kubectl's validation model).
 *
 * It maps JSON to messages the way gnostic's ParseDocument compiles them: objects keyed by name become
 * repeated Named* pairs in document order, `x-` keys become vendor_extension NamedAny whose Any carries
 * the value as YAML, `type` a TypeItem, `items` an ItemsItem, parameters pick the oneof branch by
 * `in`, and fields are written in field-number order with proto3 zero values left out. Keys gnostic
 * would reject (not in the message, not `x-`) throw.
 */
import yaml from 'js-yaml';
import { ProtoWriter, WIRE_BYTES, WIRE_FIXED64, WIRE_VARINT } from './protobuf/wire.js';

type Json = Record<string, unknown>;
type Enc = (v: unknown) => Buffer;
/** How a field is written: scalar kinds, Any (YAML), or one / repeated sub-message. */
type Kind = 'string' | 'bool' | 'double' | 'int64' | 'strings' | 'any' | 'anys' | { one: Enc } | { many: Enc };

interface MessageSpec {
  /** JSON key -> [field number, kind]. */
  fields: Record<string, [number, Kind]>;
  /** Field number of `repeated NamedAny vendor_extension`, if the message has one. */
  ext?: number;
}

const one = (enc: Enc): Kind => ({ one: enc });
const many = (enc: Enc): Kind => ({ many: enc });

/** Any.yaml for a JSON value: gnostic stores extension, default, enum and example values as YAML text. */
export function anyYaml(v: unknown): string {
  return yaml.dump(v, { lineWidth: -1, noRefs: true });
}

function writeField(w: ProtoWriter, num: number, kind: Kind, v: unknown): void {
  if (v === undefined || v === null) return;
  switch (kind) {
    case 'string':
      if (v !== '') w.tag(num, WIRE_BYTES).string(String(v));
      return;
    case 'bool':
      if (v) w.tag(num, WIRE_VARINT).bool(true);
      return;
    case 'double':
      if (v !== 0) w.tag(num, WIRE_FIXED64).double(Number(v));
      return;
    case 'int64':
      if (v !== 0) w.tag(num, WIRE_VARINT).varint(Number(v));
      return;
    case 'strings':
      for (const s of v as unknown[]) w.tag(num, WIRE_BYTES).string(String(s));
      return;
    case 'any':
      w.tag(num, WIRE_BYTES).bytes(encAny(v));
      return;
    case 'anys':
      for (const x of v as unknown[]) w.tag(num, WIRE_BYTES).bytes(encAny(x));
      return;
    default:
      if ('one' in kind) w.tag(num, WIRE_BYTES).bytes(kind.one(v));
      else for (const x of v as unknown[]) w.tag(num, WIRE_BYTES).bytes(kind.many(x));
  }
}

/** Write `json` as the message `spec` describes (fields in number order), throwing on unknown keys. */
function encodeMessage(name: string, spec: MessageSpec, json: unknown): Buffer {
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new Error(`openapi v2 protobuf: ${name} must be an object`);
  const out: Array<[number, Kind, unknown]> = [];
  const ext: Array<[string, unknown]> = [];
  for (const [k, v] of Object.entries(json as Json)) {
    if (spec.ext && k.startsWith('x-')) ext.push([k, v]);
    else if (spec.fields[k]) out.push([spec.fields[k]![0], spec.fields[k]![1], v]);
    else throw new Error(`openapi v2 protobuf: ${name} has no field ${JSON.stringify(k)}`);
  }
  if (ext.length) out.push([spec.ext!, many(encNamedAny), ext]);
  out.sort((a, b) => a[0] - b[0]);
  const w = new ProtoWriter();
  for (const [num, kind, v] of out) writeField(w, num, kind, v);
  return w.finish();
}

const msg = (name: string) => (v: unknown) => encodeMessage(name, MESSAGES[name]!, v);

/** Field numbers of the messages built from name/value pairs and oneofs (checked against the .proto in tests). */
export const WRAPPER_FIELDS = {
  Any: { value: 1, yaml: 2 },
  NamedAny: { name: 1, value: 2 },
  Paths: { vendor_extension: 1, path: 2 },
  NamedPathItem: { name: 1, value: 2 },
  ParametersItem: { parameter: 1, json_reference: 2 },
  Parameter: { body_parameter: 1, non_body_parameter: 2 },
  NonBodyParameter: { header_parameter_sub_schema: 1, form_data_parameter_sub_schema: 2, query_parameter_sub_schema: 3, path_parameter_sub_schema: 4 },
  Responses: { response_code: 1, vendor_extension: 2 },
  NamedResponseValue: { name: 1, value: 2 },
  ResponseValue: { response: 1, json_reference: 2 },
  SchemaItem: { schema: 1, file_schema: 2 },
  Definitions: { additional_properties: 1 },
  NamedSchema: { name: 1, value: 2 },
  Properties: { additional_properties: 1 },
  AdditionalPropertiesItem: { schema: 1, boolean: 2 },
  TypeItem: { value: 1 },
  ItemsItem: { schema: 1 },
  SecurityRequirement: { additional_properties: 1 },
  NamedStringArray: { name: 1, value: 2 },
  StringArray: { value: 1 },
  SecurityDefinitions: { additional_properties: 1 },
  NamedSecurityDefinitionsItem: { name: 1, value: 2 },
  SecurityDefinitionsItem: { basic_authentication_security: 1, api_key_security: 2 },
} as const;
const WF = WRAPPER_FIELDS;

function pair(nameField: number, valueField: number, name: string, value: Buffer): Buffer {
  return new ProtoWriter().tag(nameField, WIRE_BYTES).string(name).tag(valueField, WIRE_BYTES).bytes(value).finish();
}

function encAny(v: unknown): Buffer {
  return new ProtoWriter().tag(WF.Any.yaml, WIRE_BYTES).string(anyYaml(v)).finish();
}

function encNamedAny(e: unknown): Buffer {
  const [name, value] = e as [string, unknown];
  return pair(WF.NamedAny.name, WF.NamedAny.value, name, encAny(value));
}

/** An object of name -> value as `repeated Named* field` of a wrapper message, x- keys to `extField`. */
function namedMap(field: number, encValue: Enc, extField?: number, keyOk: (k: string) => boolean = () => true): Enc {
  return (v) => {
    const w = new ProtoWriter();
    const entries = Object.entries(v as Json);
    if (extField !== undefined && extField < field) for (const [k, x] of entries) if (k.startsWith('x-')) w.tag(extField, WIRE_BYTES).bytes(encNamedAny([k, x]));
    for (const [k, x] of entries) {
      if (extField !== undefined && k.startsWith('x-')) continue;
      if (!keyOk(k)) throw new Error(`openapi v2 protobuf: unexpected key ${JSON.stringify(k)}`);
      w.tag(field, WIRE_BYTES).bytes(pair(1, 2, k, encValue(x)));
    }
    if (extField !== undefined && extField > field) for (const [k, x] of entries) if (k.startsWith('x-')) w.tag(extField, WIRE_BYTES).bytes(encNamedAny([k, x]));
    return w.finish();
  };
}

const encSchema: Enc = (v) => msg('Schema')(v);

function encTypeItem(v: unknown): Buffer {
  const w = new ProtoWriter();
  for (const t of Array.isArray(v) ? v : [v]) w.tag(WF.TypeItem.value, WIRE_BYTES).string(String(t));
  return w.finish();
}

function encItemsItem(v: unknown): Buffer {
  const w = new ProtoWriter();
  for (const s of Array.isArray(v) ? v : [v]) w.tag(WF.ItemsItem.schema, WIRE_BYTES).bytes(encSchema(s));
  return w.finish();
}

function encAdditionalProperties(v: unknown): Buffer {
  const w = new ProtoWriter();
  if (typeof v === 'boolean') w.tag(WF.AdditionalPropertiesItem.boolean, WIRE_VARINT).bool(v);
  else w.tag(WF.AdditionalPropertiesItem.schema, WIRE_BYTES).bytes(encSchema(v));
  return w.finish();
}

const encProperties = namedMap(WF.Properties.additional_properties, encSchema);

function encParametersItem(v: unknown): Buffer {
  const p = v as Json;
  const w = new ProtoWriter();
  if (typeof p.$ref === 'string') return w.tag(WF.ParametersItem.json_reference, WIRE_BYTES).bytes(msg('JsonReference')(p)).finish();
  const param = new ProtoWriter();
  if (p.in === 'body') param.tag(WF.Parameter.body_parameter, WIRE_BYTES).bytes(msg('BodyParameter')(p));
  else {
    const branch: Record<string, [number, string]> = {
      header: [WF.NonBodyParameter.header_parameter_sub_schema, 'HeaderParameterSubSchema'],
      formData: [WF.NonBodyParameter.form_data_parameter_sub_schema, 'FormDataParameterSubSchema'],
      query: [WF.NonBodyParameter.query_parameter_sub_schema, 'QueryParameterSubSchema'],
      path: [WF.NonBodyParameter.path_parameter_sub_schema, 'PathParameterSubSchema'],
    };
    const b = branch[String(p.in)];
    if (!b) throw new Error(`openapi v2 protobuf: parameter ${JSON.stringify(p.name)} has an unknown location ${JSON.stringify(p.in)}`);
    const nonBody = new ProtoWriter().tag(b[0], WIRE_BYTES).bytes(msg(b[1])(p)).finish();
    param.tag(WF.Parameter.non_body_parameter, WIRE_BYTES).bytes(nonBody);
  }
  return w.tag(WF.ParametersItem.parameter, WIRE_BYTES).bytes(param.finish()).finish();
}

function encResponseValue(v: unknown): Buffer {
  const r = v as Json;
  const w = new ProtoWriter();
  if (typeof r.$ref === 'string') return w.tag(WF.ResponseValue.json_reference, WIRE_BYTES).bytes(msg('JsonReference')(r)).finish();
  return w.tag(WF.ResponseValue.response, WIRE_BYTES).bytes(msg('Response')(r)).finish();
}

const encSchemaItem: Enc = (v) => new ProtoWriter().tag(WF.SchemaItem.schema, WIRE_BYTES).bytes(encSchema(v)).finish();

function encSecurityRequirement(v: unknown): Buffer {
  const strings: Enc = (x) => {
    const w = new ProtoWriter();
    for (const s of x as unknown[]) w.tag(WF.StringArray.value, WIRE_BYTES).string(String(s));
    return w.finish();
  };
  return namedMap(WF.SecurityRequirement.additional_properties, strings)(v);
}

function encSecurityDefinitionsItem(v: unknown): Buffer {
  const d = v as Json;
  const w = new ProtoWriter();
  if (d.type === 'basic') return w.tag(WF.SecurityDefinitionsItem.basic_authentication_security, WIRE_BYTES).bytes(msg('BasicAuthenticationSecurity')(d)).finish();
  if (d.type === 'apiKey') return w.tag(WF.SecurityDefinitionsItem.api_key_security, WIRE_BYTES).bytes(msg('ApiKeySecurity')(d)).finish();
  throw new Error(`openapi v2 protobuf: unsupported security definition type ${JSON.stringify(d.type)}`);
}

/** The primitive-typed fields the four non-body parameter sub-schemas and PrimitivesItems share, from `first`. */
function primitiveFields(first: number): Record<string, [number, Kind]> {
  const names: Array<[string, Kind]> = [
    ['type', 'string'], ['format', 'string'], ['items', one(msg('PrimitivesItems'))], ['collectionFormat', 'string'], ['default', 'any'],
    ['maximum', 'double'], ['exclusiveMaximum', 'bool'], ['minimum', 'double'], ['exclusiveMinimum', 'bool'], ['maxLength', 'int64'],
    ['minLength', 'int64'], ['pattern', 'string'], ['maxItems', 'int64'], ['minItems', 'int64'], ['uniqueItems', 'bool'], ['enum', 'anys'],
    ['multipleOf', 'double'],
  ];
  return Object.fromEntries(names.map(([k, kind], i) => [k, [first + i, kind]]));
}

const PARAM_HEAD: Record<string, [number, Kind]> = { required: [1, 'bool'], in: [2, 'string'], description: [3, 'string'], name: [4, 'string'] };

/** Messages written field by field from a JSON object (JSON key -> field number, kind). */
export const MESSAGES: Record<string, MessageSpec> = {
  Document: {
    fields: {
      swagger: [1, 'string'], info: [2, one(msg('Info'))], host: [3, 'string'], basePath: [4, 'string'], schemes: [5, 'strings'],
      consumes: [6, 'strings'], produces: [7, 'strings'], paths: [8, one(namedMap(WF.Paths.path, msg('PathItem'), WF.Paths.vendor_extension, (k) => k.startsWith('/')))],
      definitions: [9, one(namedMap(WF.Definitions.additional_properties, encSchema))], security: [12, many(encSecurityRequirement)],
      securityDefinitions: [13, one(namedMap(WF.SecurityDefinitions.additional_properties, encSecurityDefinitionsItem))],
      tags: [14, many(msg('Tag'))], externalDocs: [15, one(msg('ExternalDocs'))],
    },
    ext: 16,
  },
  Info: {
    fields: { title: [1, 'string'], version: [2, 'string'], description: [3, 'string'], termsOfService: [4, 'string'], contact: [5, one(msg('Contact'))], license: [6, one(msg('License'))] },
    ext: 7,
  },
  Contact: { fields: { name: [1, 'string'], url: [2, 'string'], email: [3, 'string'] }, ext: 4 },
  License: { fields: { name: [1, 'string'], url: [2, 'string'] }, ext: 3 },
  ExternalDocs: { fields: { description: [1, 'string'], url: [2, 'string'] }, ext: 3 },
  Tag: { fields: { name: [1, 'string'], description: [2, 'string'], externalDocs: [3, one(msg('ExternalDocs'))] }, ext: 4 },
  PathItem: {
    fields: {
      $ref: [1, 'string'], get: [2, one(msg('Operation'))], put: [3, one(msg('Operation'))], post: [4, one(msg('Operation'))],
      delete: [5, one(msg('Operation'))], options: [6, one(msg('Operation'))], head: [7, one(msg('Operation'))],
      patch: [8, one(msg('Operation'))], parameters: [9, many(encParametersItem)],
    },
    ext: 10,
  },
  Operation: {
    fields: {
      tags: [1, 'strings'], summary: [2, 'string'], description: [3, 'string'], externalDocs: [4, one(msg('ExternalDocs'))],
      operationId: [5, 'string'], produces: [6, 'strings'], consumes: [7, 'strings'], parameters: [8, many(encParametersItem)],
      responses: [9, one(namedMap(WF.Responses.response_code, encResponseValue, WF.Responses.vendor_extension, (k) => /^([0-9]{3})$|^(default)$/.test(k)))],
      schemes: [10, 'strings'], deprecated: [11, 'bool'], security: [12, many(encSecurityRequirement)],
    },
    ext: 13,
  },
  JsonReference: { fields: { $ref: [1, 'string'], description: [2, 'string'] } },
  BodyParameter: { fields: { description: [1, 'string'], name: [2, 'string'], in: [3, 'string'], required: [4, 'bool'], schema: [5, one(encSchema)] }, ext: 6 },
  QueryParameterSubSchema: { fields: { ...PARAM_HEAD, allowEmptyValue: [5, 'bool'], ...primitiveFields(6) }, ext: 23 },
  FormDataParameterSubSchema: { fields: { ...PARAM_HEAD, allowEmptyValue: [5, 'bool'], ...primitiveFields(6) }, ext: 23 },
  PathParameterSubSchema: { fields: { ...PARAM_HEAD, ...primitiveFields(5) }, ext: 22 },
  HeaderParameterSubSchema: { fields: { ...PARAM_HEAD, ...primitiveFields(5) }, ext: 22 },
  PrimitivesItems: { fields: primitiveFields(1), ext: 18 },
  Response: { fields: { description: [1, 'string'], schema: [2, one(encSchemaItem)] }, ext: 5 },
  Schema: {
    fields: {
      $ref: [1, 'string'], format: [2, 'string'], title: [3, 'string'], description: [4, 'string'], default: [5, 'any'],
      multipleOf: [6, 'double'], maximum: [7, 'double'], exclusiveMaximum: [8, 'bool'], minimum: [9, 'double'], exclusiveMinimum: [10, 'bool'],
      maxLength: [11, 'int64'], minLength: [12, 'int64'], pattern: [13, 'string'], maxItems: [14, 'int64'], minItems: [15, 'int64'],
      uniqueItems: [16, 'bool'], maxProperties: [17, 'int64'], minProperties: [18, 'int64'], required: [19, 'strings'], enum: [20, 'anys'],
      additionalProperties: [21, one(encAdditionalProperties)], type: [22, one(encTypeItem)], items: [23, one(encItemsItem)],
      allOf: [24, many(encSchema)], properties: [25, one(encProperties)], discriminator: [26, 'string'], readOnly: [27, 'bool'],
      xml: [28, one(msg('Xml'))], externalDocs: [29, one(msg('ExternalDocs'))], example: [30, 'any'],
    },
    ext: 31,
  },
  Xml: { fields: { name: [1, 'string'], namespace: [2, 'string'], prefix: [3, 'string'], attribute: [4, 'bool'], wrapped: [5, 'bool'] }, ext: 6 },
  ApiKeySecurity: { fields: { type: [1, 'string'], name: [2, 'string'], in: [3, 'string'], description: [4, 'string'] }, ext: 5 },
  BasicAuthenticationSecurity: { fields: { type: [1, 'string'], description: [2, 'string'] }, ext: 3 },
};

/** The openapi_v2.Document protobuf of a Swagger 2.0 document. */
export function encodeOpenApiV2(doc: Json): Buffer {
  return msg('Document')(doc);
}
