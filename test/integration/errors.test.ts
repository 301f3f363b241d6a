import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster, deployment, configMap, type TestCluster } from '../helpers/cluster.js';

let c: TestCluster;
before(async () => {
  c = await testCluster({ controllers: false });
  const r = await c.req('POST', '/apis/apps/v1/namespaces/default/deployments', deployment('keep'));
  assert.equal(r.status, 201, JSON.stringify(r.body));
});
after(async () => {
  await c.stop();
});

/** The stored object must be exactly as before every failed request. */
async function unchanged(fn: () => Promise<void>) {
  const before = await c.req('GET', '/apis/apps/v1/namespaces/default/deployments/keep');
  const rev = c.storage.revision;
  await fn();
  const after = await c.req('GET', '/apis/apps/v1/namespaces/default/deployments/keep');
  assert.deepEqual(after.body, before.body);
  assert.equal(c.storage.revision, rev, 'no write happened');
}

const isStatus = (b: any, code: number, reason: string) => {
  assert.equal(b.kind, 'Status');
  assert.equal(b.apiVersion, 'v1');
  assert.equal(b.status, 'Failure');
  assert.equal(b.code, code);
  assert.equal(b.reason, reason);
};

test('malformed JSON is 400 BadRequest', async () => {
  await unchanged(async () => {
    const r = await c.req('PUT', '/apis/apps/v1/namespaces/default/deployments/keep', '{"apiVersion": "apps/v1", ');
    assert.equal(r.status, 400);
    isStatus(r.body, 400, 'BadRequest');
  });
});

test('malformed YAML is 400 BadRequest', async () => {
  await unchanged(async () => {
    const r = await c.req('POST', '/apis/apps/v1/namespaces/default/deployments', 'a: [b\n  c: :', { 'content-type': 'application/yaml' });
    assert.equal(r.status, 400);
    isStatus(r.body, 400, 'BadRequest');
  });
});

test('a YAML body is accepted', async () => {
  const r = await c.req('POST', '/api/v1/namespaces/default/configmaps', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yaml\ndata:\n  k: v\n', {
    'content-type': 'application/yaml',
  });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.body.data, { k: 'v' });
});

test('malformed protobuf is 400 BadRequest', async () => {
  await unchanged(async () => {
    const r = await c.req('POST', '/apis/apps/v1/namespaces/default/deployments', Buffer.from([0x6b, 0x38, 0x73, 0x00, 0x0a, 0xff, 0xff]), {
      'content-type': 'application/vnd.kubernetes.protobuf',
    });
    assert.equal(r.status, 400, r.text);
    isStatus(r.body, 400, 'BadRequest');
  });
});

test('an invalid name is 422 Invalid with a cause per field', async () => {
  await unchanged(async () => {
    const r = await c.req('POST', '/apis/apps/v1/namespaces/default/deployments', deployment('Web_Bad'));
    assert.equal(r.status, 422);
    isStatus(r.body, 422, 'Invalid');
    assert.match(r.body.message, /^Deployment\.apps "Web_Bad" is invalid: metadata\.name: Invalid value: "Web_Bad": a lowercase RFC 1123 subdomain/);
    assert.equal(r.body.details.kind, 'Deployment');
    assert.equal(r.body.details.group, 'apps');
    assert.equal(r.body.details.causes[0].reason, 'FieldValueInvalid');
    assert.equal(r.body.details.causes[0].field, 'metadata.name');
  });
});

test('a missing namespace is 404 NotFound', async () => {
  const r = await c.req('POST', '/api/v1/namespaces/nope/configmaps', configMap('x'));
  assert.equal(r.status, 404);
  isStatus(r.body, 404, 'NotFound');
  assert.equal(r.body.message, 'namespaces "nope" not found');
});

test('changing an immutable field is 422 and changes nothing', async () => {
  await unchanged(async () => {
    const cur = (await c.req('GET', '/apis/apps/v1/namespaces/default/deployments/keep')).body;
    const changed = structuredClone(cur);
    changed.spec.selector = { matchLabels: { app: 'keep', x: 'y' } };
    changed.spec.template.metadata.labels.x = 'y';
    const r = await c.req('PUT', '/apis/apps/v1/namespaces/default/deployments/keep', changed);
    assert.equal(r.status, 422);
    isStatus(r.body, 422, 'Invalid');
    assert.ok(r.body.details.causes.some((x: any) => x.field === 'spec.selector' && /field is immutable/.test(x.message)), JSON.stringify(r.body));
  });
});

test('a stale resourceVersion is 409 Conflict', async () => {
  await unchanged(async () => {
    const cur = (await c.req('GET', '/apis/apps/v1/namespaces/default/deployments/keep')).body;
    cur.metadata.resourceVersion = '1';
    cur.spec.replicas = 9;
    const r = await c.req('PUT', '/apis/apps/v1/namespaces/default/deployments/keep', cur);
    assert.equal(r.status, 409);
    isStatus(r.body, 409, 'Conflict');
  });
});

test('an unknown content type is 415', async () => {
  await unchanged(async () => {
    const r = await c.req('POST', '/apis/apps/v1/namespaces/default/deployments', JSON.stringify(deployment('x')), { 'content-type': 'text/csv' });
    assert.equal(r.status, 415);
    isStatus(r.body, 415, 'UnsupportedMediaType');
    const p = await c.req('PATCH', '/apis/apps/v1/namespaces/default/deployments/keep', '{}', { 'content-type': 'application/json' });
    assert.equal(p.status, 415);
    isStatus(p.body, 415, 'UnsupportedMediaType');
  });
});

test('a body over 3 MiB is 413', async () => {
  await unchanged(async () => {
    const big = configMap('big', { k: 'x'.repeat(3 * 1024 * 1024) });
    const r = await c.req('POST', '/api/v1/namespaces/default/configmaps', big);
    assert.equal(r.status, 413);
    isStatus(r.body, 413, 'RequestEntityTooLarge');
    assert.equal(r.body.message, 'Request entity too large: limit is 3145728');
  });
});

test('unknown fields: Strict rejects, Warn warns, Ignore drops', async () => {
  const body = { ...configMap('uf'), spec: { nope: 1 } };
  const strict = await c.req('POST', '/api/v1/namespaces/default/configmaps?fieldValidation=Strict', body);
  assert.equal(strict.status, 400);
  assert.equal(strict.body.message, 'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "spec"');
  const warn = await c.req('POST', '/api/v1/namespaces/default/configmaps?fieldValidation=Warn', body);
  assert.equal(warn.status, 201);
  assert.equal(warn.headers.warning, '299 - "unknown field \\"spec\\""');
  assert.equal(warn.body.spec, undefined);
  const ignore = await c.req('POST', '/api/v1/namespaces/default/configmaps?fieldValidation=Ignore', { ...body, metadata: { name: 'uf2' } });
  assert.equal(ignore.status, 201);
  assert.equal(ignore.headers.warning, undefined);
});

test('a wrong type is 400 BadRequest', async () => {
  await unchanged(async () => {
    const d = deployment('typed') as any;
    d.spec.replicas = 'two';
    const r = await c.req('POST', '/apis/apps/v1/namespaces/default/deployments', d);
    assert.equal(r.status, 400);
    assert.match(r.body.message, /^Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field .*spec\.replicas/);
  });
});

test('unknown paths are 404 Status', async () => {
  const r = await c.req('GET', '/apis/nope.example.com/v1/things');
  assert.equal(r.status, 404);
  isStatus(r.body, 404, 'NotFound');
});

test('the server still serves after all of the above', async () => {
  const r = await c.req('GET', '/readyz');
  assert.equal(r.text, 'ok');
});
