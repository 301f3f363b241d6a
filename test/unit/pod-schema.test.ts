import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { Pod, PodTemplate, PodSpec, Container, Volume } from '../../src/api/core/pod.js';
import { metaOf, schemaAt, unknownFields } from '../../src/api/schema-walk.js';

const fixture = () => yaml.load(readFileSync(new URL('../fixtures/pod-full-v1.32.yaml', import.meta.url), 'utf8'));

test('a real v1.32 pod manifest with status has no unknown fields and parses', () => {
  const obj = fixture();
  assert.deepEqual(unknownFields(Pod, obj), []);
  const r = Pod.safeParse(obj);
  assert.ok(r.success, r.success ? '' : JSON.stringify(r.error.issues));
  assert.deepEqual(r.data, obj, 'parsing keeps every field');
});

test('unknown fields are reported with their paths', () => {
  const obj = fixture() as { spec: { containers: Array<Record<string, unknown>>; foo?: number } };
  obj.spec.containers[0]!.imagePolicy = 'Always';
  obj.spec.foo = 1;
  assert.deepEqual(unknownFields(Pod, obj).sort(), ['spec.containers[0].imagePolicy', 'spec.foo']);
});

test('every volume source of v1.32 is known', () => {
  const names = Object.keys((Volume as unknown as { shape: object }).shape).filter((n) => n !== 'name');
  assert.deepEqual(names.sort(), [
    'awsElasticBlockStore', 'azureDisk', 'azureFile', 'cephfs', 'cinder', 'configMap', 'csi', 'downwardAPI', 'emptyDir',
    'ephemeral', 'fc', 'flexVolume', 'flocker', 'gcePersistentDisk', 'gitRepo', 'glusterfs', 'hostPath', 'image', 'iscsi',
    'nfs', 'persistentVolumeClaim', 'photonPersistentDisk', 'portworxVolume', 'projected', 'quobyte', 'rbd', 'scaleIO',
    'secret', 'storageos', 'vsphereVolume',
  ]);
});

test('named types carry their upstream OpenAPI ids, also behind a field description', () => {
  assert.equal(metaOf(Pod).id, 'io.k8s.api.core.v1.Pod');
  assert.equal(metaOf(schemaAt(Pod, ['spec'])!).id, 'io.k8s.api.core.v1.PodSpec');
  assert.equal(metaOf(schemaAt(Pod, ['spec'])!).description, 'Desired state of the pod.');
  assert.equal(metaOf(schemaAt(PodSpec, ['containers', '*'])!).id, 'io.k8s.api.core.v1.Container');
  assert.equal(metaOf(schemaAt(Container, ['livenessProbe', 'httpGet', 'port'])!).id, 'io.k8s.apimachinery.pkg.util.intstr.IntOrString');
  assert.equal(metaOf(schemaAt(PodSpec, ['affinity', 'nodeAffinity', 'preferredDuringSchedulingIgnoredDuringExecution', '*', 'preference'])!).id,
    'io.k8s.api.core.v1.NodeSelectorTerm');
  assert.equal(metaOf(schemaAt(PodTemplate, ['template', 'spec', 'volumes', '*', 'ephemeral', 'volumeClaimTemplate', 'spec'])!).id,
    'io.k8s.api.core.v1.PersistentVolumeClaimSpec');
});

// Expected values from the v1.32 OpenAPI document (api/openapi-spec/swagger.json).
const listCases: Array<[string, string[], Record<string, unknown>]> = [
  ['PodSpec.containers', ['containers'], { 'x-kubernetes-patch-merge-key': 'name', 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] }],
  ['PodSpec.initContainers', ['initContainers'], { 'x-kubernetes-patch-merge-key': 'name', 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] }],
  ['PodSpec.volumes', ['volumes'], { 'x-kubernetes-patch-merge-key': 'name', 'x-kubernetes-patch-strategy': 'merge,retainKeys', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] }],
  ['PodSpec.imagePullSecrets', ['imagePullSecrets'], { 'x-kubernetes-patch-merge-key': 'name', 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] }],
  ['PodSpec.tolerations', ['tolerations'], { 'x-kubernetes-list-type': 'atomic' }],
  ['PodSpec.hostAliases', ['hostAliases'], { 'x-kubernetes-patch-merge-key': 'ip', 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['ip'] }],
  ['PodSpec.topologySpreadConstraints', ['topologySpreadConstraints'], { 'x-kubernetes-patch-merge-key': 'topologyKey', 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['topologyKey', 'whenUnsatisfiable'] }],
  ['PodSpec.resourceClaims', ['resourceClaims'], { 'x-kubernetes-patch-merge-key': 'name', 'x-kubernetes-patch-strategy': 'merge,retainKeys', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] }],
  ['Container.ports', ['containers', '*', 'ports'], { 'x-kubernetes-patch-merge-key': 'containerPort', 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['containerPort', 'protocol'] }],
  ['Container.env', ['containers', '*', 'env'], { 'x-kubernetes-patch-merge-key': 'name', 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] }],
  ['Container.volumeMounts', ['containers', '*', 'volumeMounts'], { 'x-kubernetes-patch-merge-key': 'mountPath', 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['mountPath'] }],
  ['Container.command', ['containers', '*', 'command'], { 'x-kubernetes-list-type': 'atomic' }],
];

for (const [name, p, want] of listCases) {
  test(`list extensions of ${name}`, () => {
    const m = metaOf(schemaAt(PodSpec, p)!);
    for (const [k, v] of Object.entries(want)) assert.deepEqual(m[k], v, k);
  });
}

test('PodStatus.conditions merge by type', () => {
  const m = metaOf(schemaAt(Pod, ['status', 'conditions'])!);
  assert.equal(m['x-kubernetes-patch-merge-key'], 'type');
  assert.deepEqual(m['x-kubernetes-list-map-keys'], ['type']);
});
