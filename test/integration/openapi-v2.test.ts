/**
 * GET /openapi/v2 through the server: JSON or gnostic protobuf by Accept, one ETag for both (the
 * SHA-512 of the JSON), 304 for If-None-Match, 406 for media types it does not serve; v3 unchanged.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { testCluster, type TestCluster } from '../helpers/cluster.js';
import { encodeOpenApiV2 } from '../../src/http/openapi-v2-protobuf.js';

let c: TestCluster;
before(async () => {
  c = await testCluster({ controllers: false });
});
after(async () => {
  await c.stop();
});

const PB = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';

test('JSON by default, with the ETag and Vary upstream sends', async () => {
  const r = await c.server.inject({ method: 'GET', url: '/openapi/v2' });
  assert.equal(r.statusCode, 200);
  assert.equal(r.headers['content-type'], 'application/json');
  assert.equal(r.headers.vary, 'Accept');
  const hash = createHash('sha512').update(r.body).digest('hex').toUpperCase();
  assert.equal(r.headers.etag, `"${hash}"`);
  assert.match(String(r.headers['last-modified']), /GMT$/);
  const doc = JSON.parse(r.body);
  assert.equal(doc.swagger, '2.0');
  assert.deepEqual(doc.info, { title: 'Kubernetes', version: 'v1.32.0' });
  assert.ok(doc.definitions['io.k8s.api.apps.v1.Deployment']);
  assert.ok(doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments']);
});

test("protobuf for kubectl's Accept: the encoding of the JSON document, same ETag", async () => {
  const json = await c.server.inject({ method: 'GET', url: '/openapi/v2', headers: { accept: 'application/json' } });
  const r = await c.server.inject({ method: 'GET', url: '/openapi/v2', headers: { accept: PB } });
  assert.equal(r.statusCode, 200);
  assert.equal(r.headers['content-type'], 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf');
  assert.equal(r.headers.etag, json.headers.etag);
  assert.deepEqual(r.rawPayload, encodeOpenApiV2(JSON.parse(json.body)));
});

test('If-None-Match with the ETag is 304 without a body; other media types are 406', async () => {
  const first = await c.server.inject({ method: 'GET', url: '/openapi/v2', headers: { accept: PB } });
  const again = await c.server.inject({ method: 'GET', url: '/openapi/v2', headers: { accept: PB, 'if-none-match': String(first.headers.etag) } });
  assert.equal(again.statusCode, 304);
  assert.equal(again.body, '');
  const stale = await c.server.inject({ method: 'GET', url: '/openapi/v2', headers: { accept: PB, 'if-none-match': '"OTHER"' } });
  assert.equal(stale.statusCode, 200);
  const r = await c.server.inject({ method: 'GET', url: '/openapi/v2', headers: { accept: 'text/html' } });
  assert.equal(r.statusCode, 406);
});

test('OpenAPI v3 is still served', async () => {
  const idx = await c.req('GET', '/openapi/v3');
  assert.equal(idx.status, 200);
  assert.match(idx.body.paths['apis/apps/v1'].serverRelativeURL, /^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]{128}$/);
});
