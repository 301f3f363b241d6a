import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOpenApiV3, buildOpenApiV3Index, openApiKey, serializeOpenApi } from '../../src/http/openapi.js';
import { gvPart, gvTag } from '../../src/http/openapi-paths.js';
import { loadOpenApiV3, openApiDrift, writeOpenApiV3 } from '../../src/http/openapi-files.js';
import { refsIn } from '../../src/http/openapi-schemas.js';
import { fakeResources } from './discovery-fixtures.js';

type J = any;
const docs = buildOpenApiV3(fakeResources);
const apps: J = docs.get('apis/apps/v1');
const core: J = docs.get('api/v1');

// ---- a walk of the document the way `kubectl explain` (v2 plaintext template) does it ----

function resolveRef(doc: J, s: J): J {
  const r = s?.$ref as string | undefined;
  return r ? doc.components.schemas[r.replace('#/components/schemas/', '')] : s;
}

/** typeGuess from kubectl's plaintext.tmpl */
function typeGuess(doc: J, s: J): string {
  if (s.items) return `[]${typeGuess(doc, s.items)}`;
  if (s.additionalProperties && typeof s.additionalProperties === 'object') return `map[string]${typeGuess(doc, s.additionalProperties)}`;
  if (s.allOf && !s.properties && s.allOf.length === 1) return typeGuess(doc, s.allOf[0]);
  if (s.$ref) {
    const target = resolveRef(doc, s);
    if (!target || !target.type || target.type === 'object') return (s.$ref as string).split('/').pop()!.split('.').pop()!;
    return target.type;
  }
  return s.type === 'object' ? 'Object' : (s.type ?? 'Object');
}

/** Find the GVK on the resource's paths, then the component with that GVK, then follow the field path. */
function explain(doc: J, prefix: string, resource: string, fieldPath: string[]) {
  let gvk: J;
  for (const p of [`${prefix}/${resource}`, `${prefix}/${resource}/{name}`, `${prefix}/namespaces/{namespace}/${resource}`, `${prefix}/namespaces/{namespace}/${resource}/{name}`]) {
    for (const m of ['get', 'post', 'put', 'patch', 'delete']) gvk ??= doc.paths[p]?.[m]?.['x-kubernetes-group-version-kind'];
  }
  assert.ok(gvk, `no GVK on the paths of ${resource}`);
  const kindSchema = Object.values(doc.components.schemas).find((s: J) =>
    (s['x-kubernetes-group-version-kind'] ?? []).some((g: J) => JSON.stringify(g) === JSON.stringify(gvk)),
  );
  assert.ok(kindSchema, `no component with GVK ${JSON.stringify(gvk)}`);
  // Like the template's "output": follow $ref, array items and single allOf until properties.
  const fieldsOf = (x: J): J => {
    let r = resolveRef(doc, x);
    while (!r.properties && (r.items || r.allOf)) r = resolveRef(doc, r.items ?? r.allOf[0]);
    return r;
  };
  let schema: J = kindSchema;
  let field: J = { name: gvk.kind, type: undefined, schema };
  for (const name of fieldPath) {
    const resolved = fieldsOf(schema);
    const sub = resolved.properties?.[name];
    assert.ok(sub, `field ${name} does not exist`);
    field = { name, type: typeGuess(doc, sub), description: sub.description, schema: sub };
    schema = sub;
  }
  const resolved = fieldsOf(schema);
  const fields = Object.entries(resolved.properties ?? {}).map(([k, v]: [string, J]) => ({
    name: k,
    type: typeGuess(doc, v),
    required: (resolved.required ?? []).includes(k),
    enum: v.enum,
  }));
  return { gvk, field, description: resolved.description, fields };
}

test('explain deployment.spec.strategy resolves refs and allOf like kubectl explain', () => {
  const out = explain(apps, '/apis/apps/v1', 'deployments', ['spec', 'strategy']);
  assert.deepEqual(out.gvk, { group: 'apps', kind: 'Deployment', version: 'v1' });
  assert.equal(out.field.type, 'DeploymentStrategy');
  assert.equal(out.field.description, 'The deployment strategy.');
  assert.equal(out.field.schema['x-kubernetes-patch-strategy'], 'retainKeys');
  assert.equal(out.description, 'How to replace pods.');
  assert.deepEqual(out.fields, [
    { name: 'rollingUpdate', type: 'RollingUpdateDeployment', required: false, enum: undefined },
    { name: 'type', type: 'string', required: false, enum: ['Recreate', 'RollingUpdate'] },
  ]);
  const spec = explain(apps, '/apis/apps/v1', 'deployments', ['spec']);
  assert.deepEqual(spec.fields.filter((f) => f.required).map((f) => f.name), ['selector', 'template']);
  assert.deepEqual(
    explain(apps, '/apis/apps/v1', 'deployments', ['spec', 'strategy', 'rollingUpdate']).fields.map((f) => [f.name, f.type]),
    [['maxSurge', 'IntOrString'], ['maxUnavailable', 'IntOrString']],
  );
  const containers = explain(apps, '/apis/apps/v1', 'deployments', ['spec', 'template', 'spec', 'containers']);
  assert.equal(containers.field.type, '[]Container');
  assert.deepEqual(containers.fields.find((f) => f.name === 'name'), { name: 'name', type: 'string', required: true, enum: undefined });
  assert.equal(explain(core, '/api/v1', 'namespaces', []).gvk.group, '');
});

test('the patch operation carries the GVK, fieldValidation and the four patch content types', () => {
  const path = apps.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'];
  const patch = path.patch;
  assert.equal(patch.operationId, 'patchAppsV1NamespacedDeployment');
  assert.equal(patch['x-kubernetes-action'], 'patch');
  assert.deepEqual(patch['x-kubernetes-group-version-kind'], { group: 'apps', kind: 'Deployment', version: 'v1' });
  assert.deepEqual(patch.parameters.map((p: J) => p.name), ['dryRun', 'fieldManager', 'fieldValidation', 'force']);
  assert.deepEqual(path.parameters.map((p: J) => [p.name, p.in, p.required ?? false]), [
    ['name', 'path', true],
    ['namespace', 'path', true],
    ['pretty', 'query', false],
  ]);
  assert.deepEqual(Object.keys(patch.requestBody.content), [
    'application/apply-patch+yaml',
    'application/json-patch+json',
    'application/merge-patch+json',
    'application/strategic-merge-patch+json',
  ]);
  assert.equal(patch.requestBody.content['application/strategic-merge-patch+json'].schema.$ref, '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Patch');
  assert.deepEqual(Object.keys(patch.responses), ['200', '201', '401']);
  assert.deepEqual(Object.keys(path).sort(), ['delete', 'get', 'parameters', 'patch', 'put']);
});

test('operationIds, actions and GVKs follow upstream naming', () => {
  const op = (doc: J, path: string, m: string) => {
    const o = doc.paths[path]?.[m];
    assert.ok(o, `${m} ${path}`);
    return [o.operationId, o['x-kubernetes-action'], `${o['x-kubernetes-group-version-kind'].group}/${o['x-kubernetes-group-version-kind'].kind}`];
  };
  const ns = '/apis/apps/v1/namespaces/{namespace}/deployments';
  const cases: Array<[J, string, string, string[]]> = [
    [apps, ns, 'get', ['listAppsV1NamespacedDeployment', 'list', 'apps/Deployment']],
    [apps, ns, 'post', ['createAppsV1NamespacedDeployment', 'post', 'apps/Deployment']],
    [apps, ns, 'delete', ['deleteAppsV1CollectionNamespacedDeployment', 'deletecollection', 'apps/Deployment']],
    [apps, `${ns}/{name}`, 'get', ['readAppsV1NamespacedDeployment', 'get', 'apps/Deployment']],
    [apps, `${ns}/{name}`, 'put', ['replaceAppsV1NamespacedDeployment', 'put', 'apps/Deployment']],
    [apps, `${ns}/{name}`, 'delete', ['deleteAppsV1NamespacedDeployment', 'delete', 'apps/Deployment']],
    [apps, `${ns}/{name}/status`, 'patch', ['patchAppsV1NamespacedDeploymentStatus', 'patch', 'apps/Deployment']],
    [apps, `${ns}/{name}/scale`, 'patch', ['patchAppsV1NamespacedDeploymentScale', 'patch', 'autoscaling/Scale']],
    [apps, `${ns}/{name}/scale`, 'put', ['replaceAppsV1NamespacedDeploymentScale', 'put', 'autoscaling/Scale']],
    [apps, '/apis/apps/v1/deployments', 'get', ['listAppsV1DeploymentForAllNamespaces', 'list', 'apps/Deployment']],
    [apps, '/apis/apps/v1/watch/namespaces/{namespace}/deployments', 'get', ['watchAppsV1NamespacedDeploymentList', 'watchlist', 'apps/Deployment']],
    [apps, '/apis/apps/v1/watch/namespaces/{namespace}/deployments/{name}', 'get', ['watchAppsV1NamespacedDeployment', 'watch', 'apps/Deployment']],
    [apps, '/apis/apps/v1/watch/deployments', 'get', ['watchAppsV1DeploymentListForAllNamespaces', 'watchlist', 'apps/Deployment']],
    [core, '/api/v1/namespaces', 'get', ['listCoreV1Namespace', 'list', '/Namespace']],
    [core, '/api/v1/namespaces/{name}', 'get', ['readCoreV1Namespace', 'get', '/Namespace']],
    [core, '/api/v1/namespaces/{name}/status', 'put', ['replaceCoreV1NamespaceStatus', 'put', '/Namespace']],
    [core, '/api/v1/watch/namespaces/{name}', 'get', ['watchCoreV1Namespace', 'watch', '/Namespace']],
    [core, '/api/v1/namespaces/{namespace}/pods/{name}/binding', 'post', ['createCoreV1NamespacedPodBinding', 'post', '/Binding']],
    [core, '/api/v1/namespaces/{namespace}/pods/{name}/eviction', 'post', ['createCoreV1NamespacedPodEviction', 'post', 'policy/Eviction']],
    [core, '/api/v1/namespaces/{namespace}/pods/{name}/log', 'get', ['readCoreV1NamespacedPodLog', 'get', '/Pod']],
    [core, '/api/v1/namespaces/{namespace}/pods/{name}/exec', 'post', ['connectCoreV1PostNamespacedPodExec', 'connect', '/PodExecOptions']],
    [core, '/api/v1/namespaces/{namespace}/pods/{name}/portforward', 'get', ['connectCoreV1GetNamespacedPodPortforward', 'connect', '/PodPortForwardOptions']],
    [core, '/api/v1/namespaces/{namespace}/pods/{name}/proxy/{path}', 'head', ['connectCoreV1HeadNamespacedPodProxyWithPath', 'connect', '/PodProxyOptions']],
  ];
  for (const [doc, path, m, want] of cases) assert.deepEqual(op(doc, path, m), want, `${m} ${path}`);
  assert.equal(apps.paths['/apis/apps/v1/'].get.operationId, 'getAppsV1APIResources');
  assert.equal(core.paths['/api/v1/namespaces/{name}'].parameters.some((p: J) => p.name === 'namespace'), false);
  assert.deepEqual(core.paths['/api/v1/namespaces/{namespace}/pods/{name}/exec'].parameters.map((p: J) => p.name), [
    'command', 'container', 'name', 'namespace', 'stderr', 'stdin', 'stdout', 'tty',
  ]);
  // Deleting a pod answers with the pod, other kinds with a Status.
  const schemaOf = (o: J) => o.responses['200'].content['application/json'].schema.$ref.split('.').pop();
  assert.equal(schemaOf(core.paths['/api/v1/namespaces/{namespace}/pods/{name}'].delete), 'Pod');
  assert.equal(schemaOf(apps.paths[`${ns}/{name}`].delete), 'Status');
  // A resource with only get and list has no write or watch paths.
  const metrics: J = docs.get('apis/metrics.k8s.io/v1beta1');
  assert.deepEqual(Object.keys(metrics.paths['/apis/metrics.k8s.io/v1beta1/namespaces/{namespace}/pods']), ['get', 'parameters']);
  assert.ok(!Object.keys(metrics.paths).some((p) => p.includes('/watch/')));
});

test('collection parameters: shared ones on the path, the rest on each operation', () => {
  const path = apps.paths['/apis/apps/v1/namespaces/{namespace}/deployments'];
  assert.deepEqual(path.parameters.map((p: J) => p.name), ['namespace', 'pretty']);
  assert.deepEqual(path.get.parameters.map((p: J) => p.name), [
    'allowWatchBookmarks', 'continue', 'fieldSelector', 'labelSelector', 'limit', 'resourceVersion', 'resourceVersionMatch', 'sendInitialEvents', 'timeoutSeconds', 'watch',
  ]);
  assert.deepEqual(path.post.parameters.map((p: J) => p.name), ['dryRun', 'fieldManager', 'fieldValidation']);
  assert.deepEqual(Object.keys(path.get.responses['200'].content), [
    'application/json', 'application/json;stream=watch', 'application/vnd.kubernetes.protobuf', 'application/vnd.kubernetes.protobuf;stream=watch', 'application/yaml',
  ]);
  for (const p of path.parameters) assert.deepEqual(p.schema.uniqueItems, true);
  const all = apps.paths['/apis/apps/v1/deployments'];
  assert.equal(all.get.parameters, undefined);
  assert.ok(all.parameters.some((p: J) => p.name === 'watch'));
});

test('component schemas: refs, allOf with description, defaults, formats and extensions as upstream', () => {
  const s = apps.components.schemas;
  for (const id of refsIn(apps)) assert.ok(s[id], `dangling $ref ${id}`);
  for (const id of refsIn(core)) assert.ok(core.components.schemas[id], `dangling $ref ${id}`);
  assert.deepEqual(s['io.k8s.apimachinery.pkg.util.intstr.IntOrString'].oneOf, [{ type: 'integer' }, { type: 'string' }]);
  assert.equal(s['io.k8s.apimachinery.pkg.util.intstr.IntOrString'].format, 'int-or-string');
  assert.equal(s['io.k8s.apimachinery.pkg.util.intstr.IntOrString'].type, undefined);
  assert.deepEqual(s['io.k8s.apimachinery.pkg.api.resource.Quantity'].oneOf, [{ type: 'string' }, { type: 'number' }]);
  const time = s['io.k8s.apimachinery.pkg.apis.meta.v1.Time'];
  assert.deepEqual([time.type, time.format], ['string', 'date-time']);
  const dep = s['io.k8s.api.apps.v1.Deployment'];
  assert.deepEqual(dep['x-kubernetes-group-version-kind'], [{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
  assert.deepEqual(dep.properties.metadata, {
    allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }],
    default: {},
    description: 'Standard object metadata.',
  });
  const spec = s['io.k8s.api.apps.v1.DeploymentSpec'].properties;
  assert.equal(spec.selector.default, undefined, 'a required LabelSelector is a pointer upstream: no default');
  assert.deepEqual(spec.template.default, {});
  assert.deepEqual(spec.replicas, { description: 'Desired pods.', format: 'int32', type: 'integer' });
  const status = s['io.k8s.api.apps.v1.DeploymentStatus'].properties;
  assert.equal(status.observedGeneration.format, 'int64');
  assert.deepEqual(status.conditions, {
    description: 'Conditions.',
    items: { allOf: [{ $ref: '#/components/schemas/io.k8s.api.apps.v1.DeploymentCondition' }], default: {} },
    type: 'array',
    'x-kubernetes-list-map-keys': ['type'],
    'x-kubernetes-list-type': 'map',
    'x-kubernetes-patch-merge-key': 'type',
    'x-kubernetes-patch-strategy': 'merge',
  });
  const cond = s['io.k8s.api.apps.v1.DeploymentCondition'];
  assert.deepEqual(cond.required, ['type', 'status']);
  assert.equal(cond.properties.type.default, '');
  const container = s['io.k8s.api.core.v1.Container'].properties;
  assert.deepEqual(container.args.items, { default: '', type: 'string' });
  assert.deepEqual(s['io.k8s.api.core.v1.ResourceRequirements'].properties.limits.additionalProperties, {
    $ref: '#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity',
  });
  assert.deepEqual(s['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'].properties.labels.additionalProperties, { default: '', type: 'string' });
  assert.equal(s['io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector']['x-kubernetes-map-type'], 'atomic');
});

test('list kinds and shared meta types', () => {
  const list = apps.components.schemas['io.k8s.api.apps.v1.DeploymentList'];
  assert.deepEqual(list.required, ['items']);
  assert.deepEqual(list.properties.items.items, { allOf: [{ $ref: '#/components/schemas/io.k8s.api.apps.v1.Deployment' }], default: {} });
  assert.deepEqual(list.properties.metadata.allOf, [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta' }]);
  assert.deepEqual(list['x-kubernetes-group-version-kind'], [{ group: 'apps', kind: 'DeploymentList', version: 'v1' }]);
  assert.equal(
    apps.paths['/apis/apps/v1/namespaces/{namespace}/deployments'].get.responses['200'].content['application/json'].schema.$ref,
    '#/components/schemas/io.k8s.api.apps.v1.DeploymentList',
  );
  const status = apps.components.schemas['io.k8s.apimachinery.pkg.apis.meta.v1.Status'];
  assert.deepEqual(status['x-kubernetes-group-version-kind'], [{ group: '', kind: 'Status', version: 'v1' }]);
  const del = apps.components.schemas['io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions']['x-kubernetes-group-version-kind'];
  assert.deepEqual(del.map((g: J) => `${g.group}/${g.version}`), ['/v1', 'apps/v1', 'metrics.k8s.io/v1beta1']);
  const scale = apps.components.schemas['io.k8s.api.autoscaling.v1.Scale'];
  assert.deepEqual(scale['x-kubernetes-group-version-kind'], [{ group: 'autoscaling', kind: 'Scale', version: 'v1' }]);
  assert.deepEqual(apps.components.schemas['io.k8s.api.autoscaling.v1.ScaleStatus'].required, ['replicas']);
  // Each document holds only what its paths reach.
  assert.equal(apps.components.schemas['io.k8s.api.core.v1.Pod'], undefined);
  assert.equal(core.components.schemas['io.k8s.api.apps.v1.Deployment'], undefined);
  assert.deepEqual([apps.openapi, apps.info], ['3.0.0', { title: 'Kubernetes', version: 'unversioned' }]);
});

test('index: one path per group version, hash = uppercase SHA-512 of the served bytes', () => {
  assert.deepEqual([...docs.keys()].sort(), ['api/v1', 'apis/apps/v1', 'apis/metrics.k8s.io/v1beta1']);
  const index = buildOpenApiV3Index(docs);
  const body = serializeOpenApi(apps);
  const hex = createHash('sha512').update(body).digest('hex').toUpperCase();
  assert.equal(index.paths['apis/apps/v1']!.serverRelativeURL, `/openapi/v3/apis/apps/v1?hash=${hex}`);
  assert.match(hex, /^[0-9A-F]{128}$/);
  // Generation is deterministic: the same table gives the same bytes (and hash).
  assert.equal(serializeOpenApi(buildOpenApiV3([...fakeResources].reverse()).get('apis/apps/v1')), body);
  assert.equal(openApiKey('', 'v1'), 'api/v1');
});

test('group version names in operationIds and tags', () => {
  const cases: Array<[string, string, string, string]> = [
    ['', 'v1', 'CoreV1', 'core_v1'],
    ['apps', 'v1', 'AppsV1', 'apps_v1'],
    ['rbac.authorization.k8s.io', 'v1', 'RbacAuthorizationV1', 'rbacAuthorization_v1'],
    ['flowcontrol.apiserver.k8s.io', 'v1beta3', 'FlowcontrolApiserverV1beta3', 'flowcontrolApiserver_v1beta3'],
    ['events.k8s.io', 'v1', 'EventsV1', 'events_v1'],
    ['metrics.k8s.io', 'v1beta1', 'MetricsV1beta1', 'metrics_v1beta1'],
  ];
  for (const [g, v, part, tag] of cases) assert.deepEqual([gvPart(g, v), gvTag(g, v)], [part, tag]);
});

test('files: written pretty and key-sorted, drift detected, loader serves the same bytes and hashes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubemu-openapi-'));
  try {
    writeFileSync(join(dir, 'apis__gone__v1.json'), '{}\n');
    assert.deepEqual(writeOpenApiV3(dir, docs), ['api__v1.json', 'apis__apps__v1.json', 'apis__metrics.k8s.io__v1beta1.json']);
    assert.deepEqual(readdirSync(dir).sort(), ['api__v1.json', 'apis__apps__v1.json', 'apis__metrics.k8s.io__v1beta1.json']);
    assert.deepEqual(openApiDrift(dir, docs), []);
    const text = readFileSync(join(dir, 'apis__apps__v1.json'), 'utf8');
    assert.ok(text.startsWith('{\n  "components": {\n    "schemas": {\n      "io.k8s.api.apps.v1.Deployment": {'), text.slice(0, 120));
    assert.ok(text.endsWith('}\n'));
    const served = loadOpenApiV3(dir);
    assert.deepEqual(served.index, buildOpenApiV3Index(docs));
    assert.equal(served.docs.get('apis/apps/v1')!.body, serializeOpenApi(apps));
    // A change to the table shows up as drift; so do missing and extra files.
    const changed = buildOpenApiV3(fakeResources.map((r) => (r.resource === 'deployments' ? { ...r, shortNames: ['d'], verbs: ['get'] } : r)));
    assert.deepEqual(openApiDrift(dir, changed), ['changed apis__apps__v1.json']);
    writeFileSync(join(dir, 'apis__extra__v1.json'), '{}\n');
    rmSync(join(dir, 'api__v1.json'));
    assert.deepEqual(openApiDrift(dir, docs), ['missing api__v1.json', 'extra apis__extra__v1.json']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// ---- enum values: a string's meta `enum` (an upstream `+enum` Go type) ----

test('a string with meta enum gets a sorted enum; decoding stays lenient', async () => {
  const { z } = await import('zod');
  const { schemaConverter } = await import('../../src/http/openapi-schemas.js');
  const { enumStr } = await import('../../src/api/core/enums.js');
  const conv = schemaConverter(() => undefined);
  assert.deepEqual(conv.field(z.string().meta({ enum: ['b', 'a'] }).optional().describe('d')), { type: 'string', enum: ['a', 'b'], description: 'd' });
  assert.deepEqual(conv.field(enumStr(['Never', 'Always']).describe('r'), { required: true }), { type: 'string', enum: ['Always', 'Never'], description: 'r', default: '' });
  assert.deepEqual(conv.field(z.string().optional()), { type: 'string' });
  assert.equal(enumStr(['Always']).parse('Sometimes'), 'Sometimes');
});

test('fields of upstream enum types carry upstream v1.32 enum values (v3 and v2)', async () => {
  const { resources } = await import('../../src/registry/resources.js');
  const { buildOpenApiV2 } = await import('../../src/http/openapi-v2.js');
  const real = buildOpenApiV3(resources);
  const v2: J = buildOpenApiV2(resources);
  // [document, component id, field, values as upstream's OpenAPI lists them]
  const cases: [string, string, string, string[] | undefined][] = [
    ['apis/apps/v1', 'io.k8s.api.apps.v1.DeploymentStrategy', 'type', ['Recreate', 'RollingUpdate']],
    ['api/v1', 'io.k8s.api.core.v1.PodSpec', 'restartPolicy', ['Always', 'Never', 'OnFailure']],
    ['api/v1', 'io.k8s.api.core.v1.PodSpec', 'dnsPolicy', ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None']],
    ['api/v1', 'io.k8s.api.core.v1.Container', 'imagePullPolicy', ['Always', 'IfNotPresent', 'Never']],
    ['api/v1', 'io.k8s.api.core.v1.ContainerPort', 'protocol', ['SCTP', 'TCP', 'UDP']],
    ['api/v1', 'io.k8s.api.core.v1.ServiceSpec', 'type', ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']],
    ['api/v1', 'io.k8s.api.core.v1.Toleration', 'operator', ['Equal', 'Exists']],
    ['api/v1', 'io.k8s.api.core.v1.PodStatus', 'phase', ['Failed', 'Pending', 'Running', 'Succeeded', 'Unknown']],
    ['api/v1', 'io.k8s.api.core.v1.HostPathVolumeSource', 'type', ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket']],
    ['apis/batch/v1', 'io.k8s.api.batch.v1.PodFailurePolicyRule', 'action', ['Count', 'FailIndex', 'FailJob', 'Ignore']],
    ['apis/batch/v1', 'io.k8s.api.batch.v1.CronJobSpec', 'concurrencyPolicy', ['Allow', 'Forbid', 'Replace']],
    ['apis/storage.k8s.io/v1', 'io.k8s.api.storage.v1.StorageClass', 'volumeBindingMode', ['Immediate', 'WaitForFirstConsumer']],
    ['apis/discovery.k8s.io/v1', 'io.k8s.api.discovery.v1.EndpointSlice', 'addressType', ['FQDN', 'IPv4', 'IPv6']],
    // Not upstream enum types: no enum.
    ['api/v1', 'io.k8s.api.core.v1.PodCondition', 'status', undefined],
    ['api/v1', 'io.k8s.api.core.v1.Secret', 'type', undefined],
  ];
  for (const [doc, id, field, want] of cases) {
    const schema = (real.get(doc) as J).components.schemas[id];
    assert.ok(schema, `${doc} has ${id}`);
    assert.deepEqual(schema.properties[field].enum, want, `${id}.${field} (v3)`);
    assert.deepEqual(v2.definitions[id].properties[field].enum, want, `${id}.${field} (v2)`);
  }
});
