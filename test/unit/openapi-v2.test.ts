/**
 * The Swagger 2.0 document: the v3 -> v2 conversions (upstream's swagger.json shapes), the whole
 * document as kube-openapi's proto model builder (kubectl's validation) needs it, and the
 * /openapi/v2 content negotiation of kube-openapi's handler.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildOpenApiV2, toV2Operation, toV2PathItem, toV2Schema } from '../../src/http/openapi-v2.js';
import { buildOpenApiV3 } from '../../src/http/openapi.js';
import { negotiateOpenApiV2, parseAccept } from '../../src/http/openapi-server.js';
import { resources } from '../../src/registry/resources.js';
import { fakeResources } from './discovery-fixtures.js';

type J = any;
const REF = '#/components/schemas/';

test('schemas: allOf-wrapped references become $ref with siblings, defaults go, primitive unions are strings', () => {
  const cases: Array<[string, J, J]> = [
    [
      'a described field of a named type (upstream: "$ref" and "description" side by side)',
      { allOf: [{ $ref: `${REF}io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta` }], default: {}, description: 'Standard object metadata.' },
      { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', description: 'Standard object metadata.' },
    ],
    ['a bare reference', { $ref: `${REF}io.k8s.api.core.v1.Container` }, { $ref: '#/definitions/io.k8s.api.core.v1.Container' }],
    ['zero-value defaults are v3 only', { default: 0, description: 'n', format: 'int32', type: 'integer' }, { description: 'n', format: 'int32', type: 'integer' }],
    [
      'IntOrString (upstream v2: type string, format int-or-string)',
      { description: 'i', format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }] },
      { description: 'i', format: 'int-or-string', type: 'string' },
    ],
    ['Quantity (upstream v2: type string)', { description: 'q', oneOf: [{ type: 'string' }, { type: 'number' }] }, { description: 'q', type: 'string' }],
    [
      'list items, map values and extensions',
      {
        items: { allOf: [{ $ref: `${REF}io.k8s.api.core.v1.ContainerPort` }], default: {} },
        type: 'array',
        'x-kubernetes-list-map-keys': ['containerPort', 'protocol'],
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-patch-merge-key': 'containerPort',
        'x-kubernetes-patch-strategy': 'merge',
      },
      {
        items: { $ref: '#/definitions/io.k8s.api.core.v1.ContainerPort' },
        type: 'array',
        'x-kubernetes-list-map-keys': ['containerPort', 'protocol'],
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-patch-merge-key': 'containerPort',
        'x-kubernetes-patch-strategy': 'merge',
      },
    ],
    [
      'properties of an object, map of strings',
      { properties: { data: { additionalProperties: { default: '', type: 'string' }, type: 'object' } }, required: ['data'], type: 'object' },
      { properties: { data: { additionalProperties: { type: 'string' }, type: 'object' } }, required: ['data'], type: 'object' },
    ],
  ];
  for (const [name, v3, v2] of cases) assert.deepEqual(toV2Schema(v3), v2, name);
});

const v3Paths = (group: string, version: string): J => {
  const doc: J = buildOpenApiV3(fakeResources).get(group ? `apis/${group}/${version}` : `api/${version}`);
  return doc.paths;
};

test('a patch operation: patch media types first to last as upstream lists them, the body as an in: body parameter', () => {
  const item = toV2PathItem(v3Paths('apps', 'v1')['/apis/apps/v1/namespaces/{namespace}/deployments/{name}']);
  const op = item.patch;
  // upstream swagger.json, patchCoreV1NamespacedPod / patchAppsV1NamespacedDeployment
  assert.deepEqual(op.consumes, ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml']);
  assert.deepEqual(op.produces, ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf']);
  assert.deepEqual(op.schemes, ['https']);
  assert.deepEqual(op.parameters.map((p: J) => `${p.in}:${p.name}`), ['body:body', 'query:dryRun', 'query:fieldManager', 'query:fieldValidation', 'query:force']);
  assert.deepEqual(op.parameters[0], { in: 'body', name: 'body', required: true, schema: { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Patch' } });
  assert.deepEqual(op.parameters[4], { description: op.parameters[4].description, in: 'query', name: 'force', type: 'boolean', uniqueItems: true });
  assert.deepEqual(op.responses, {
    '200': { description: 'OK', schema: { $ref: '#/definitions/io.k8s.api.apps.v1.Deployment' } },
    '201': { description: 'Created', schema: { $ref: '#/definitions/io.k8s.api.apps.v1.Deployment' } },
    '401': { description: 'Unauthorized' },
  });
  assert.equal(op['x-kubernetes-action'], 'patch');
  assert.deepEqual(op['x-kubernetes-group-version-kind'], { group: 'apps', kind: 'Deployment', version: 'v1' });
  // Shared path parameters carry their type inline.
  const name = item.parameters.find((p: J) => p.name === 'name');
  assert.deepEqual(name, { description: 'name of the Deployment', in: 'path', name: 'name', required: true, type: 'string', uniqueItems: true });
  // put: a */* body; delete: an optional DeleteOptions body.
  assert.deepEqual(item.put.consumes, ['*/*']);
  assert.deepEqual(item.put.parameters[0], { in: 'body', name: 'body', required: true, schema: { $ref: '#/definitions/io.k8s.api.apps.v1.Deployment' } });
  assert.deepEqual(item.delete.parameters[0], { in: 'body', name: 'body', schema: { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions' } });
  assert.deepEqual(item.get.consumes, ['*/*']);
});

test('list, watch, log and discovery operations produce what upstream lists', () => {
  const apps = v3Paths('apps', 'v1');
  const list = toV2Operation(apps['/apis/apps/v1/namespaces/{namespace}/deployments'].get);
  assert.deepEqual(list.produces, [
    'application/json',
    'application/yaml',
    'application/vnd.kubernetes.protobuf',
    'application/json;stream=watch',
    'application/vnd.kubernetes.protobuf;stream=watch',
  ]);
  assert.deepEqual(list.responses['200'].schema, { $ref: '#/definitions/io.k8s.api.apps.v1.DeploymentList' });
  const resourcesOp = toV2Operation(apps['/apis/apps/v1/'].get);
  const serializers = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];
  assert.deepEqual([resourcesOp.consumes, resourcesOp.produces], [serializers, serializers]);
  assert.equal(resourcesOp.parameters, undefined);
  const core = v3Paths('', 'v1');
  const log = core['/api/v1/namespaces/{namespace}/pods/{name}/log'];
  assert.ok(log, 'the fixture serves pods/log');
  const op = toV2Operation(log.get);
  assert.deepEqual(op.produces, ['text/plain', ...serializers]);
  assert.deepEqual(op.responses['200'].schema, { type: 'string' });
});

test("the whole document: Swagger 2.0 that kube-openapi's proto model accepts", () => {
  const doc: J = buildOpenApiV2(resources);
  assert.equal(doc.swagger, '2.0');
  assert.deepEqual(doc.info, { title: 'Kubernetes', version: 'v1.32.0' });
  assert.deepEqual(doc.security, [{ BearerToken: [] }]);
  assert.deepEqual(Object.keys(doc), ['definitions', 'info', 'paths', 'security', 'securityDefinitions', 'swagger']);
  const defs = doc.definitions;
  const problems: string[] = [];
  // The checks of k8s.io/kube-openapi/pkg/util/proto (NewOpenAPIData / ParseSchema), which fail kubectl's whole model.
  const check = (s: J, path: string): void => {
    for (const k of ['oneOf', 'anyOf', 'nullable', 'default']) if (k in s) problems.push(`${path}: ${k}`);
    if (s.$ref !== undefined) {
      if (!s.$ref.startsWith('#/definitions/')) problems.push(`${path}: reference outside definitions ${s.$ref}`);
      else if (!defs[s.$ref.slice('#/definitions/'.length)]) problems.push(`${path}: unknown model in reference ${s.$ref}`);
      if (s.type !== undefined) problems.push(`${path}: definition reference can't have a type`);
      if (s.properties) problems.push(`${path}: unallowed embedded type definition`);
      return;
    }
    const t = s.type;
    if (Array.isArray(t)) problems.push(`${path}: multiple types`);
    else if (t === 'array') {
      if (!s.items || Array.isArray(s.items)) problems.push(`${path}: array should have exactly one sub-item`);
      else check(s.items, `${path}[]`);
    } else if (t === 'object' || (t === undefined && s.properties)) {
      for (const [k, v] of Object.entries(s.properties ?? {})) check(v, `${path}.${k}`);
      if (s.additionalProperties && typeof s.additionalProperties === 'object') check(s.additionalProperties, `${path}{}`);
      for (const r of s.required ?? []) if (s.properties && !(r in s.properties)) problems.push(`${path}: required ${r} is not a property`);
    } else if (t !== undefined && !['string', 'number', 'integer', 'boolean'].includes(t)) problems.push(`${path}: Unknown primitive type ${t}`);
  };
  for (const [id, s] of Object.entries(defs)) check(s, id);
  assert.deepEqual(problems, []);

  // Every served kind is found by GVK, as kubectl's LookupResource does, and so is its list.
  const byGvk = new Map<string, string>();
  for (const [id, s] of Object.entries<J>(defs)) for (const g of s['x-kubernetes-group-version-kind'] ?? []) byGvk.set(`${g.group}/${g.version}/${g.kind}`, id);
  for (const r of resources) {
    assert.equal(byGvk.get(`${r.group}/${r.version}/${r.kind}`), r.schemaId, `${r.kind}`);
    assert.ok(byGvk.has(`${r.group}/${r.version}/${r.listKind ?? `${r.kind}List`}`), `${r.kind} list`);
  }
  assert.equal(byGvk.get('apps/v1/DeleteOptions'), 'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions');

  // Paths: every operation is upstream-shaped, and the same paths as the v3 documents.
  const v3Keys = [...buildOpenApiV3(resources).values()].flatMap((d: J) => Object.keys(d.paths)).sort();
  assert.deepEqual(Object.keys(doc.paths).sort(), v3Keys);
  for (const [p, item] of Object.entries<J>(doc.paths)) {
    for (const [m, op] of Object.entries<J>(item)) {
      if (m === 'parameters') continue;
      assert.deepEqual(op.schemes, ['https'], `${m} ${p}`);
      assert.ok(op.consumes?.length && op.produces?.length, `${m} ${p} consumes and produces`);
      for (const par of op.parameters ?? []) assert.ok(par.in === 'body' ? par.schema : par.type, `${m} ${p} ${par.name}`);
    }
  }
});

test('negotiation: what kube-openapi serves for an Accept header', () => {
  const cases: Array<[string | undefined, string | undefined]> = [
    // kubectl / client-go discovery's OpenAPISchema()
    ['application/com.github.proto-openapi.spec.v2@v1.0+protobuf', 'protobuf'],
    ['application/com.github.proto-openapi.spec.v2.v1.0+protobuf', 'protobuf'],
    [undefined, 'json'],
    ['', 'json'],
    ['*/*', 'json'],
    ['application/*', 'json'],
    ['application/json', 'json'],
    ['application/json, */*', 'json'],
    ['text/html', undefined],
    ['application/yaml', undefined],
    ['application/json;q=0.5, application/com.github.proto-openapi.spec.v2@v1.0+protobuf', 'protobuf'],
    ['*/*, application/com.github.proto-openapi.spec.v2.v1.0+protobuf', 'protobuf'],
    ['text/html, application/json;q=0.9', 'json'],
  ];
  for (const [accept, want] of cases) assert.equal(negotiateOpenApiV2(accept), want, String(accept));
  assert.deepEqual(
    parseAccept('*/*;q=0.8, text/*, text/html;level=1, bogus').map((c) => `${c.type}/${c.subType};${c.q}`),
    ['text/html;1', 'text/*;1', '*/*;0.8'],
  );
});
