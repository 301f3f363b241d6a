/**
 * The checked-in OpenAPI documents (openapi/v3/*.json) must equal what the resource table generates.
 * When this fails, run `npm run openapi` and commit the result.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resources } from '../../src/registry/resources.js';
import { buildOpenApiV3 } from '../../src/http/openapi.js';
import { loadOpenApiV3, openApiDrift } from '../../src/http/openapi-files.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'openapi', 'v3');

test('checked-in OpenAPI v3 documents match the resource table', () => {
  const drift = openApiDrift(dir, buildOpenApiV3(resources));
  assert.deepEqual(drift, [], `openapi/v3 is stale (${drift.join('; ')}): run \`npm run openapi\` and commit the result`);
});

test('the loader serves every checked-in document with its index hash', () => {
  const served = loadOpenApiV3(dir);
  assert.ok(served.docs.has('api/v1'), 'core v1 document is served');
  assert.ok(served.docs.has('apis/apps/v1'), 'apps/v1 document is served');
  for (const [key, doc] of served.docs) {
    assert.equal(served.index.paths[key]?.serverRelativeURL, `/openapi/v3/${key}?hash=${doc.hash}`);
  }
});
