/** parseRequestInfo against upstream's TestGetAPIRequestInfo cases (k8s.io/apiserver/pkg/endpoints/request). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRequestInfo } from '../../src/http/request-info.js';

type Row = [method: string, path: string, query: Record<string, string>, verb: string, prefix: string, group: string, version: string, namespace: string, resource: string, subresource: string, name: string, parts: string[]];

const rows: Row[] = [
  ['GET', '/api/v1/namespaces', {}, 'list', 'api', '', 'v1', '', 'namespaces', '', '', ['namespaces']],
  ['GET', '/api/v1/namespaces/other', {}, 'get', 'api', '', 'v1', 'other', 'namespaces', '', 'other', ['namespaces', 'other']],
  ['GET', '/api/v1/namespaces/other/pods', {}, 'list', 'api', '', 'v1', 'other', 'pods', '', '', ['pods']],
  ['GET', '/api/v1/namespaces/other/pods/foo', {}, 'get', 'api', '', 'v1', 'other', 'pods', '', 'foo', ['pods', 'foo']],
  ['HEAD', '/api/v1/namespaces/other/pods/foo', {}, 'get', 'api', '', 'v1', 'other', 'pods', '', 'foo', ['pods', 'foo']],
  ['GET', '/api/v1/pods', {}, 'list', 'api', '', 'v1', '', 'pods', '', '', ['pods']],
  ['HEAD', '/api/v1/pods', {}, 'list', 'api', '', 'v1', '', 'pods', '', '', ['pods']],
  ['GET', '/api/v1/watch/pods', {}, 'watch', 'api', '', 'v1', '', 'pods', '', '', ['pods']],
  ['GET', '/api/v1/pods', { watch: 'true' }, 'watch', 'api', '', 'v1', '', 'pods', '', '', ['pods']],
  ['GET', '/api/v1/pods', { watch: 'false' }, 'list', 'api', '', 'v1', '', 'pods', '', '', ['pods']],
  ['GET', '/api/v1/watch/namespaces/other/pods', {}, 'watch', 'api', '', 'v1', 'other', 'pods', '', '', ['pods']],
  ['GET', '/api/v1/namespaces/other/pods', { watch: '1' }, 'watch', 'api', '', 'v1', 'other', 'pods', '', '', ['pods']],
  ['GET', '/api/v1/namespaces/other/pods', { watch: '0' }, 'list', 'api', '', 'v1', 'other', 'pods', '', '', ['pods']],
  ['GET', '/api/v1/namespaces/other/pods/foo/status', {}, 'get', 'api', '', 'v1', 'other', 'pods', 'status', 'foo', ['pods', 'foo', 'status']],
  ['GET', '/api/v1/namespaces/other/pods/foo/proxy/subpath', {}, 'get', 'api', '', 'v1', 'other', 'pods', 'proxy', 'foo', ['pods', 'foo', 'proxy', 'subpath']],
  ['PUT', '/api/v1/namespaces/other/finalize', {}, 'update', 'api', '', 'v1', 'other', 'namespaces', 'finalize', 'other', ['namespaces', 'other', 'finalize']],
  ['PUT', '/api/v1/namespaces/other/status', {}, 'update', 'api', '', 'v1', 'other', 'namespaces', 'status', 'other', ['namespaces', 'other', 'status']],
  ['PATCH', '/api/v1/namespaces/other/pods/foo', {}, 'patch', 'api', '', 'v1', 'other', 'pods', '', 'foo', ['pods', 'foo']],
  ['DELETE', '/api/v1/namespaces/other/pods/foo', {}, 'delete', 'api', '', 'v1', 'other', 'pods', '', 'foo', ['pods', 'foo']],
  ['POST', '/api/v1/namespaces/other/pods', {}, 'create', 'api', '', 'v1', 'other', 'pods', '', '', ['pods']],
  ['DELETE', '/api/v1/nodes', {}, 'deletecollection', 'api', '', 'v1', '', 'nodes', '', '', ['nodes']],
  ['DELETE', '/api/v1/namespaces', {}, 'deletecollection', 'api', '', 'v1', '', 'namespaces', '', '', ['namespaces']],
  ['DELETE', '/api/v1/namespaces/other/pods', {}, 'deletecollection', 'api', '', 'v1', 'other', 'pods', '', '', ['pods']],
  ['DELETE', '/apis/extensions/v1/namespaces/other/pods', {}, 'deletecollection', 'apis', 'extensions', 'v1', 'other', 'pods', '', '', ['pods']],
  ['POST', '/apis/extensions/v1/namespaces/other/pods', {}, 'create', 'apis', 'extensions', 'v1', 'other', 'pods', '', '', ['pods']],
  ['POST', '/apis/extensions/v1beta3/namespaces/other/pods', {}, 'create', 'apis', 'extensions', 'v1beta3', 'other', 'pods', '', '', ['pods']],
  // Not in upstream's table: empty segments are skipped, escaped segments are decoded.
  ['GET', '//apis/apps/v1//namespaces/other/deployments/web/', {}, 'get', 'apis', 'apps', 'v1', 'other', 'deployments', '', 'web', ['deployments', 'web']],
  ['GET', '/api/v1/namespaces/other/configmaps/a%3Ab', {}, 'get', 'api', '', 'v1', 'other', 'configmaps', '', 'a:b', ['configmaps', 'a:b']],
];

test('parseRequestInfo: upstream TestGetAPIRequestInfo', () => {
  for (const [method, path, query, verb, prefix, group, version, namespace, resource, subresource, name, parts] of rows) {
    const info = parseRequestInfo(method, path, query);
    assert.deepEqual(
      { isResourceRequest: info.isResourceRequest, verb: info.verb, prefix: info.prefix, group: info.group, version: info.version, namespace: info.namespace, resource: info.resource, subresource: info.subresource, name: info.name, parts: info.parts },
      { isResourceRequest: true, verb, prefix, group, version, namespace, resource, subresource, name, parts },
      `${method} ${path}`,
    );
  }
});

test('parseRequestInfo: non-resource paths', () => {
  for (const path of ['/', '/api', '/apis', '/apis/apps', '/api/v1', '/apis/apps/v1', '/healthz', '/version', '/openapi/v3']) {
    assert.equal(parseRequestInfo('GET', path, {}).isResourceRequest, false, path);
  }
});
