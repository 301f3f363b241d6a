import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ResourceDef } from '../../src/registry/resource-def.js';
import {
  AGGREGATED_DISCOVERY_CONTENT_TYPE,
  aggregatedDiscovery,
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
  storageVersionHash,
} from '../../src/http/discovery.js';
import { compareGroups, compareVersions } from '../../src/http/group-order.js';
import { deployments, fakeResources, namespaces, pods, podMetrics, replicasets } from './discovery-fixtures.js';

const ALL = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const at = (r: ResourceDef, over: Partial<ResourceDef>): ResourceDef => ({ ...r, ...over });

test('aggregated discovery of an apps group with scale and status subresources', () => {
  const sub = (kind: string) => [
    { subresource: 'scale', responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: ['get', 'patch', 'update'] },
    { subresource: 'status', responseKind: { group: '', version: '', kind }, verbs: ['get', 'patch', 'update'] },
  ];
  assert.deepEqual(aggregatedDiscovery([replicasets, deployments], 'apis'), {
    kind: 'APIGroupDiscoveryList',
    apiVersion: 'apidiscovery.k8s.io/v2',
    metadata: {},
    items: [
      {
        metadata: { name: 'apps', creationTimestamp: null },
        versions: [
          {
            version: 'v1',
            resources: [
              {
                resource: 'deployments',
                responseKind: { group: '', version: '', kind: 'Deployment' },
                scope: 'Namespaced',
                singularResource: 'deployment',
                verbs: ALL,
                shortNames: ['deploy'],
                categories: ['all'],
                subresources: sub('Deployment'),
              },
              {
                resource: 'replicasets',
                responseKind: { group: '', version: '', kind: 'ReplicaSet' },
                scope: 'Namespaced',
                singularResource: 'replicaset',
                verbs: ALL,
                shortNames: ['rs'],
                categories: ['all'],
                subresources: sub('ReplicaSet'),
              },
            ],
            freshness: 'Current',
          },
        ],
      },
    ],
  });
  assert.equal(AGGREGATED_DISCOVERY_CONTENT_TYPE, 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
});

test('aggregated discovery of the core group: pod subresources as upstream registers them', () => {
  const doc = aggregatedDiscovery(fakeResources, 'core') as { items: Array<{ metadata: unknown; versions: Array<{ resources: any[] }> }> };
  assert.equal(doc.items.length, 1);
  assert.deepEqual(doc.items[0]!.metadata, { creationTimestamp: null });
  const [ns, po] = doc.items[0]!.versions[0]!.resources;
  assert.deepEqual([ns.resource, ns.scope, ns.shortNames, ns.categories], ['namespaces', 'Cluster', ['ns'], undefined]);
  assert.equal(po.resource, 'pods');
  const subs = Object.fromEntries(po.subresources.map((s: any) => [s.subresource, [s.responseKind, s.verbs]]));
  const core = (kind: string) => ({ group: '', version: '', kind });
  assert.deepEqual(subs, {
    attach: [core('PodAttachOptions'), ['create', 'get']],
    binding: [core('Binding'), ['create']],
    eviction: [{ group: 'policy', version: 'v1', kind: 'Eviction' }, ['create']],
    exec: [core('PodExecOptions'), ['create', 'get']],
    log: [core('Pod'), ['get']],
    portforward: [core('PodPortForwardOptions'), ['create', 'get']],
    proxy: [core('PodProxyOptions'), ['create', 'delete', 'get', 'patch', 'update']],
    status: [core('Pod'), ['get', 'patch', 'update']],
  });
  assert.deepEqual(po.subresources.map((s: any) => s.subresource), ['attach', 'binding', 'eviction', 'exec', 'log', 'portforward', 'proxy', 'status']);
});

test('aggregated /apis lists no core group and no empty group versions; verbs subset sorted', () => {
  const doc = aggregatedDiscovery(fakeResources, 'apis') as { items: Array<{ metadata: { name: string }; versions: any[] }> };
  assert.deepEqual(doc.items.map((i) => i.metadata.name), ['apps', 'metrics.k8s.io']);
  const m = doc.items[1]!.versions[0]!.resources[0];
  assert.deepEqual(m.verbs, ['get', 'list']);
  assert.equal(m.subresources, undefined);
  assert.deepEqual(aggregatedDiscovery([pods], 'apis'), { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items: [] });
});

test('legacy APIResourceList: subresources as resource/subresource entries, kinds and verbs as upstream', () => {
  assert.deepEqual(apiResourceList(fakeResources, 'apps', 'v1'), {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: 'apps/v1',
    resources: [
      { name: 'deployments', singularName: 'deployment', namespaced: true, kind: 'Deployment', verbs: ALL, shortNames: ['deploy'], categories: ['all'], storageVersionHash: '8aSe+NMegvE=' },
      { name: 'deployments/scale', singularName: '', namespaced: true, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] },
      { name: 'deployments/status', singularName: '', namespaced: true, kind: 'Deployment', verbs: ['get', 'patch', 'update'] },
      { name: 'replicasets', singularName: 'replicaset', namespaced: true, kind: 'ReplicaSet', verbs: ALL, shortNames: ['rs'], categories: ['all'], storageVersionHash: 'P1RzHs8/mWQ=' },
      { name: 'replicasets/scale', singularName: '', namespaced: true, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] },
      { name: 'replicasets/status', singularName: '', namespaced: true, kind: 'ReplicaSet', verbs: ['get', 'patch', 'update'] },
    ],
  });
  const core = apiResourceList(fakeResources, '', 'v1') as { kind: string; apiVersion?: string; groupVersion: string; resources: Array<{ name: string }> };
  assert.equal(core.apiVersion, undefined);
  assert.equal(core.groupVersion, 'v1');
  // "pods/attach" sorts before "podtemplates" and after "pods", as upstream's sorted storage paths.
  assert.deepEqual(
    core.resources.map((r) => r.name),
    ['namespaces', 'namespaces/status', 'pods', 'pods/attach', 'pods/binding', 'pods/eviction', 'pods/exec', 'pods/log', 'pods/portforward', 'pods/proxy', 'pods/status'],
  );
  assert.equal(apiResourceList(fakeResources, 'apps', 'v2'), undefined);
  assert.equal(apiResourceList(fakeResources, 'batch', 'v1'), undefined);
});

test('storageVersionHash matches upstream values', () => {
  const cases: Array<[string, string, string, string]> = [
    ['', 'v1', 'Pod', 'xPOwRZ+Yhw8='],
    ['', 'v1', 'Namespace', 'Q3oi5N2YM8M='],
    ['', 'v1', 'Service', '0/CO1lhkEBI='],
    ['', 'v1', 'ConfigMap', 'qFsyl6wFWjQ='],
    ['apps', 'v1', 'Deployment', '8aSe+NMegvE='],
  ];
  for (const [g, v, k, want] of cases) assert.equal(storageVersionHash(g, v, k), want, `${g}/${v}/${k}`);
});

test('legacy APIVersions, APIGroupList and APIGroup', () => {
  assert.deepEqual(apiVersions('10.0.0.1:6443'), {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '10.0.0.1:6443' }],
  });
  const hpaV1 = at(deployments, { group: 'autoscaling', version: 'v1', kind: 'HorizontalPodAutoscaler', resource: 'horizontalpodautoscalers' });
  const hpaV2 = at(hpaV1, { version: 'v2' });
  const custom = at(deployments, { group: 'example.com', version: 'v1alpha1', kind: 'Widget', resource: 'widgets' });
  const rs = [custom, podMetrics, hpaV1, pods, hpaV2, deployments];
  const apps = { name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }], preferredVersion: { groupVersion: 'apps/v1', version: 'v1' } };
  assert.deepEqual(apiGroupList(rs), {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [
      apps,
      {
        name: 'autoscaling',
        versions: [
          { groupVersion: 'autoscaling/v2', version: 'v2' },
          { groupVersion: 'autoscaling/v1', version: 'v1' },
        ],
        preferredVersion: { groupVersion: 'autoscaling/v2', version: 'v2' },
      },
      { name: 'metrics.k8s.io', versions: [{ groupVersion: 'metrics.k8s.io/v1beta1', version: 'v1beta1' }], preferredVersion: { groupVersion: 'metrics.k8s.io/v1beta1', version: 'v1beta1' } },
      { name: 'example.com', versions: [{ groupVersion: 'example.com/v1alpha1', version: 'v1alpha1' }], preferredVersion: { groupVersion: 'example.com/v1alpha1', version: 'v1alpha1' } },
    ],
  });
  assert.deepEqual(apiGroup(rs, 'apps'), { kind: 'APIGroup', apiVersion: 'v1', ...apps });
  assert.equal(apiGroup(rs, 'batch'), undefined);
  assert.equal(apiGroup(rs, ''), undefined);
});

test('version order: upstream CompareKubeAwareVersionStrings cases', () => {
  const input = ['foo10', 'v1', 'v11alpha2', 'v2', 'v10beta3', 'foo1', 'v12alpha1', 'v3beta1', 'v10', 'v11beta2'];
  assert.deepEqual([...input].sort(compareVersions), ['v10', 'v2', 'v1', 'v11beta2', 'v10beta3', 'v3beta1', 'v12alpha1', 'v11alpha2', 'foo1', 'foo10']);
});

test('group order: upstream priorities first, unknown groups after by name', () => {
  const input = ['zeta.example.com', 'batch', 'metrics.k8s.io', 'events.k8s.io', 'apps', 'alpha.example.com', 'discovery.k8s.io', 'policy'];
  assert.deepEqual([...input].sort(compareGroups), [
    'apps',
    'events.k8s.io',
    'batch',
    'policy',
    'discovery.k8s.io',
    'metrics.k8s.io',
    'alpha.example.com',
    'zeta.example.com',
  ]);
});

test('namespaces fixture is cluster-scoped in legacy discovery', () => {
  const l = apiResourceList([namespaces], '', 'v1') as { resources: Array<{ namespaced: boolean }> };
  assert.deepEqual(l.resources.map((r) => r.namespaced), [false, false]);
});
