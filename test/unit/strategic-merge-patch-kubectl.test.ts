import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { applyStrategicMergePatch } from '../../src/api/patch/strategic-merge-patch.js';

// A Deployment-like schema with upstream's patch metadata for these fields.
const byKey = (key: string, strategy = 'merge') => ({
  'x-kubernetes-patch-strategy': strategy,
  'x-kubernetes-patch-merge-key': key,
});
const EnvVar = z.object({ name: z.string(), value: z.string().optional() }).meta({ id: 'io.k8s.api.core.v1.EnvVar' });
const ContainerPort = z.object({ containerPort: z.number(), protocol: z.string().optional(), name: z.string().optional() });
const VolumeMount = z.object({ name: z.string(), mountPath: z.string() });
const Container = z
  .object({
    name: z.string(),
    image: z.string().optional(),
    args: z.array(z.string()).optional(),
    env: z.array(EnvVar).optional().meta(byKey('name')),
    ports: z.array(ContainerPort).optional().meta(byKey('containerPort')),
    volumeMounts: z.array(VolumeMount).optional().meta(byKey('mountPath')),
  })
  .meta({ id: 'io.k8s.api.core.v1.Container' });
const Volume = z.object({
  name: z.string(),
  emptyDir: z.object({ medium: z.string().optional() }).optional(),
  configMap: z.object({ name: z.string().optional() }).optional(),
  secret: z.object({ secretName: z.string().optional() }).optional(),
});
const PodSpec = z.object({
  containers: z.array(Container).meta(byKey('name')),
  initContainers: z.array(Container).optional().meta(byKey('name')),
  volumes: z.array(Volume).optional().meta(byKey('name', 'merge,retainKeys')),
  nodeSelector: z.record(z.string(), z.string()).optional(),
});
const Meta = z.object({
  name: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
  finalizers: z.array(z.string()).optional().meta({ 'x-kubernetes-patch-strategy': 'merge' }),
});
const Deployment = z.object({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: Meta,
  spec: z.object({
    replicas: z.number().optional(),
    paused: z.boolean().optional(),
    strategy: z
      .object({ type: z.string().optional(), rollingUpdate: z.object({ maxSurge: z.unknown().optional() }).optional() })
      .optional()
      .meta({ 'x-kubernetes-patch-strategy': 'retainKeys' }),
    template: z.object({ metadata: Meta.optional(), spec: PodSpec }),
    extra: z.unknown().optional(),
  }),
});

function deployment() {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web', tier: 'frontend' }, finalizers: ['a', 'b'] },
    spec: {
      replicas: 2,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            {
              name: 'web',
              image: 'nginx:1.25',
              env: [
                { name: 'A', value: '1' },
                { name: 'B', value: '2' },
              ],
              ports: [{ containerPort: 80, protocol: 'TCP' }],
            },
            { name: 'sidecar', image: 'busybox' },
          ],
          volumes: [{ name: 'data', emptyDir: {} }],
        },
      },
      extra: { x: { y: 1, z: 2 }, list: [1, 2] },
    },
  };
}

type Dep = ReturnType<typeof deployment> & { spec: { paused?: boolean } };
const apply = (patch: unknown, doc: unknown = deployment()) => applyStrategicMergePatch(doc, patch, Deployment) as Dep;

test('kubectl set image: $setElementOrder/containers keeps order and sidecar', () => {
  const out = apply({
    spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'web' }, { name: 'sidecar' }], containers: [{ image: 'nginx:1.27', name: 'web' }] } } },
  });
  assert.deepEqual(
    out.spec.template.spec.containers.map((c) => [c.name, c.image]),
    [
      ['web', 'nginx:1.27'],
      ['sidecar', 'busybox'],
    ],
  );
  assert.deepEqual(out.spec.template.spec.containers[0]!.env, deployment().spec.template.spec.containers[0]!.env);
});

test('kubectl set image as sent for one container: other containers keep their place', () => {
  const out = apply({ spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'web' }], containers: [{ image: 'x', name: 'web' }] } } } });
  assert.deepEqual(
    out.spec.template.spec.containers.map((c) => c.name),
    ['web', 'sidecar'],
  );
});

test('kubectl rollout pause / resume', () => {
  const paused = apply({ spec: { paused: true } });
  assert.equal(paused.spec.paused, true);
  const resumed = apply({ spec: { paused: null } }, paused);
  assert.equal('paused' in resumed.spec, false);
});

test('kubectl rollout restart: restartedAt annotation on the template', () => {
  const out = apply({ spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2024-01-01T00:00:00Z' } } } } });
  assert.deepEqual(out.spec.template.metadata, {
    labels: { app: 'web' },
    annotations: { 'kubectl.kubernetes.io/restartedAt': '2024-01-01T00:00:00Z' },
  });
});

test('label removal with null, addition merges', () => {
  const out = apply({ metadata: { labels: { tier: null, env: 'prod' } } });
  assert.deepEqual(out.metadata.labels, { app: 'web', env: 'prod' });
});

test('env merged by name, ports by containerPort', () => {
  const out = apply({
    spec: {
      template: {
        spec: {
          containers: [
            {
              name: 'web',
              env: [{ name: 'B', value: 'two' }, { name: 'C', value: '3' }, { name: 'A', $patch: 'delete' }],
              ports: [{ containerPort: 80, name: 'http' }],
            },
          ],
        },
      },
    },
  });
  const web = out.spec.template.spec.containers.find((c) => c.name === 'web')!;
  // A's slot is freed in place and reused for C, so C lands after B (upstream's Go slice semantics).
  assert.deepEqual(web.env, [
    { name: 'B', value: 'two' },
    { name: 'C', value: '3' },
  ]);
  assert.deepEqual(web.ports, [{ containerPort: 80, protocol: 'TCP', name: 'http' }]);
});

test('edit-style patch with $setElementOrder/env orders env as given', () => {
  const out = apply({
    spec: {
      template: {
        spec: {
          containers: [
            {
              name: 'web',
              '$setElementOrder/env': [{ name: 'B' }, { name: 'C' }, { name: 'A' }],
              env: [{ name: 'C', value: '3' }],
            },
          ],
        },
      },
    },
  });
  const web = out.spec.template.spec.containers.find((c) => c.name === 'web')!;
  assert.deepEqual(
    web.env!.map((e) => e.name),
    ['B', 'C', 'A'],
  );
});

test('volumes merge,retainKeys: switching the volume source drops the old one', () => {
  const out = apply({
    spec: {
      template: {
        spec: {
          '$setElementOrder/volumes': [{ name: 'data' }],
          volumes: [{ $retainKeys: ['configMap', 'name'], configMap: { name: 'cm' }, name: 'data' }],
        },
      },
    },
  });
  assert.deepEqual(out.spec.template.spec.volumes, [{ name: 'data', configMap: { name: 'cm' } }]);
});

test('deployment strategy retainKeys: switching to Recreate drops rollingUpdate', () => {
  const out = apply({ spec: { strategy: { $retainKeys: ['type'], type: 'Recreate', rollingUpdate: null } } });
  assert.deepEqual(out.spec.strategy, { type: 'Recreate' });
});

test('finalizers: merge strategy unions, $deleteFromPrimitiveList removes', () => {
  assert.deepEqual(apply({ metadata: { finalizers: ['c'] } }).metadata.finalizers, ['c', 'a', 'b']);
  assert.deepEqual(apply({ metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } }).metadata.finalizers, ['b']);
  assert.deepEqual(
    apply({ metadata: { '$setElementOrder/finalizers': ['b', 'c'], finalizers: ['c'], '$deleteFromPrimitiveList/finalizers': ['a'] } }).metadata
      .finalizers,
    ['b', 'c'],
  );
});

test('args (no strategy) are replaced', () => {
  const doc = deployment();
  doc.spec.template.spec.containers[1] = { name: 'sidecar', image: 'busybox', args: ['a', 'b'] } as never;
  const out = apply({ spec: { template: { spec: { containers: [{ name: 'sidecar', args: ['c'] }] } } } }, doc);
  assert.deepEqual((out.spec.template.spec.containers.find((c) => c.name === 'sidecar') as unknown as { args: string[] }).args, ['c']);
});

test('z.unknown() fields merge as JSON merge patch: $patch is literal, nulls pruned, lists replaced', () => {
  const out = apply({ spec: { extra: { x: { y: null, w: { q: null, r: 1 } }, list: [3], $patch: 'delete' } } });
  assert.deepEqual(out.spec.extra, { x: { z: 2, w: { r: 1 } }, list: [3], $patch: 'delete' });
});

test('unknown fields: maps merge, lists replace, nulls delete', () => {
  const doc = { ...deployment(), status: { conditions: [{ type: 'A' }, { type: 'B' }], observed: { a: 1, b: 2 } } };
  const out = applyStrategicMergePatch(doc, { status: { conditions: [{ type: 'C' }], observed: { a: null, c: 3 } } }, Deployment) as typeof doc;
  assert.deepEqual(out.status, { conditions: [{ type: 'C' }], observed: { b: 2, c: 3 } });
});

test('inputs are never mutated', () => {
  const doc = deployment();
  const patch = {
    metadata: { labels: { tier: null }, '$deleteFromPrimitiveList/finalizers': ['a'] },
    spec: {
      template: { spec: { '$setElementOrder/containers': [{ name: 'web' }], containers: [{ name: 'web', env: [{ name: 'A', $patch: 'delete' }] }] } },
    },
  };
  const docCopy = structuredClone(doc);
  const patchCopy = structuredClone(patch);
  const out = apply(patch, doc);
  assert.deepEqual(doc, docCopy);
  assert.deepEqual(patch, patchCopy);
  assert.notEqual(out.spec.template.spec.containers[0], doc.spec.template.spec.containers[0]);
});

test('missing merge key in a container: upstream text', () => {
  assert.throws(() => apply({ spec: { template: { spec: { containers: [{ image: 'foo' }] } } } }), {
    message: 'map: map[image:foo] does not contain declared merge key: name',
  });
});
