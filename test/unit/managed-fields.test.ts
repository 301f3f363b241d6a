import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import type { KObject } from '../../src/api/meta.js';
import { fieldSet, managerFromUserAgent, updateManagedFields } from '../../src/api/managed-fields.js';
import { PathSet } from '../../src/api/ssa/path-set.js';
import { Deployment, createdDeployment } from '../fixtures/ssa-schema.js';

const T0 = '2024-05-01T10:00:00Z';
const T1 = '2024-05-01T10:05:00Z';
const T2 = '2024-05-01T10:09:00Z';
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

// What a v1.32 cluster records for `kubectl create deployment nginx --image=nginx`.
const createFields = {
  'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
  'f:spec': {
    'f:progressDeadlineSeconds': {},
    'f:replicas': {},
    'f:revisionHistoryLimit': {},
    'f:selector': {},
    'f:strategy': { 'f:rollingUpdate': { '.': {}, 'f:maxSurge': {}, 'f:maxUnavailable': {} }, 'f:type': {} },
    'f:template': {
      'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
      'f:spec': {
        'f:containers': {
          'k:{"name":"nginx"}': {
            '.': {},
            'f:image': {},
            'f:imagePullPolicy': {},
            'f:name': {},
            'f:resources': {},
            'f:terminationMessagePath': {},
            'f:terminationMessagePolicy': {},
          },
        },
        'f:dnsPolicy': {},
        'f:restartPolicy': {},
        'f:schedulerName': {},
        'f:securityContext': {},
        'f:terminationGracePeriodSeconds': {},
      },
    },
  },
};

function created(): KObject {
  const obj = createdDeployment() as unknown as KObject;
  updateManagedFields(obj, undefined, 'kubectl-create', 'Update', 'apps/v1', undefined, T0, Deployment);
  obj.metadata.uid = 'u1';
  obj.metadata.resourceVersion = '1';
  obj.metadata.creationTimestamp = T0;
  return obj;
}

test('create: every field goes to the manager, as kubectl create deployment records it', () => {
  const obj = created();
  assert.deepEqual(obj.metadata.managedFields, [
    { manager: 'kubectl-create', operation: 'Update', apiVersion: 'apps/v1', time: T0, fieldsType: 'FieldsV1', fieldsV1: createFields },
  ]);
  // entry keys in upstream's order
  assert.deepEqual(Object.keys(obj.metadata.managedFields![0]!), ['manager', 'operation', 'apiVersion', 'time', 'fieldsType', 'fieldsV1']);
});

test('kubectl scale: spec.replicas moves to the scale writer, kept under subresource "scale"', () => {
  const old = created();
  const next = clone(old);
  (next.spec as { replicas: number }).replicas = 3;
  updateManagedFields(next, old, 'kubectl', 'Update', 'apps/v1', 'scale', T1, Deployment);
  const mf = next.metadata.managedFields!;
  assert.equal(mf.length, 2);
  const spec = (createFields['f:spec'] as Record<string, unknown>);
  const { 'f:replicas': _r, ...specWithoutReplicas } = spec;
  assert.deepEqual(mf[0], {
    manager: 'kubectl-create',
    operation: 'Update',
    apiVersion: 'apps/v1',
    time: T0,
    fieldsType: 'FieldsV1',
    fieldsV1: { ...createFields, 'f:spec': specWithoutReplicas },
  });
  assert.deepEqual(mf[1], {
    manager: 'kubectl',
    operation: 'Update',
    apiVersion: 'apps/v1',
    time: T1,
    fieldsType: 'FieldsV1',
    fieldsV1: { 'f:spec': { 'f:replicas': {} } },
    subresource: 'scale',
  });
});

test('update: changed and added fields go to the writer; removed fields leave every set; no-op keeps time', () => {
  const old = created();
  const next = clone(old);
  const c = (next.spec as any).template.spec.containers[0];
  c.image = 'nginx:1.27';
  c.env = [{ name: 'A', value: '1' }];
  delete (next.metadata.labels as Record<string, string>).app;
  next.metadata.labels = { tier: 'web' };
  updateManagedFields(next, old, 'kubectl-edit', 'Update', 'apps/v1', undefined, T1, Deployment);
  const [create, edit] = next.metadata.managedFields!;
  assert.equal(create!.manager, 'kubectl-create');
  // the labels map still exists: kubectl-create keeps its "." but loses f:app
  assert.deepEqual((create!.fieldsV1 as any)['f:metadata'], { 'f:labels': {} });
  assert.deepEqual((create!.fieldsV1 as any)['f:spec']['f:template']['f:spec']['f:containers']['k:{"name":"nginx"}']['f:image'], undefined);
  assert.deepEqual(edit, {
    manager: 'kubectl-edit',
    operation: 'Update',
    apiVersion: 'apps/v1',
    time: T1,
    fieldsType: 'FieldsV1',
    fieldsV1: {
      'f:metadata': { 'f:labels': { 'f:tier': {} } },
      'f:spec': {
        'f:template': {
          'f:spec': { 'f:containers': { 'k:{"name":"nginx"}': { 'f:env': { '.': {}, 'k:{"name":"A"}': { '.': {}, 'f:name': {}, 'f:value': {} } }, 'f:image': {} } } },
        },
      },
    },
  });
  // a write that changes nothing keeps the entries and their times
  const again = clone(next);
  updateManagedFields(again, next, 'kubectl-edit', 'Update', 'apps/v1', undefined, T2, Deployment);
  assert.deepEqual(again.metadata.managedFields, next.metadata.managedFields);
});

test('status is not owned through the main resource, and /status writers own only status', () => {
  const old = created();
  const next = clone(old);
  next.status = { replicas: 1 };
  updateManagedFields(next, old, 'kube-controller-manager', 'Update', 'apps/v1', undefined, T1, Deployment);
  assert.equal(next.metadata.managedFields!.length, 1);
  const st = clone(old);
  st.status = { replicas: 1, observedGeneration: 1 };
  updateManagedFields(st, old, 'kube-controller-manager', 'Update', 'apps/v1', 'status', T1, Deployment);
  assert.deepEqual(st.metadata.managedFields![1], {
    manager: 'kube-controller-manager',
    operation: 'Update',
    apiVersion: 'apps/v1',
    time: T1,
    fieldsType: 'FieldsV1',
    fieldsV1: { 'f:status': { 'f:observedGeneration': {}, 'f:replicas': {} } },
    subresource: 'status',
  });
});

test('managedFields sent with an update: [] resets; an untracked object stays untracked', () => {
  const old = created();
  const reset = clone(old);
  reset.metadata.managedFields = [];
  (reset.spec as { replicas: number }).replicas = 5;
  updateManagedFields(reset, old, 'kubectl', 'Update', 'apps/v1', undefined, T1, Deployment);
  assert.equal(reset.metadata.managedFields, undefined);
  const next = clone(reset);
  (next.spec as { replicas: number }).replicas = 6;
  updateManagedFields(next, reset, 'kubectl', 'Update', 'apps/v1', undefined, T2, Deployment);
  assert.equal(next.metadata.managedFields, undefined);
});

test('entries sort by operation, time, manager; more than 10 updaters merge into ancient-changes', () => {
  let obj = created();
  for (let i = 0; i < 11; i++) {
    const next = clone(obj);
    next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [`a${i}`]: 'x' };
    updateManagedFields(next, obj, `m${String(i).padStart(2, '0')}`, 'Update', 'apps/v1', undefined, `2024-05-01T11:00:${String(i).padStart(2, '0')}Z`, Deployment);
    obj = next;
  }
  const names = obj.metadata.managedFields!.map((e) => e.manager);
  assert.equal(names.length, 10);
  assert.equal(names[0], 'ancient-changes');
  assert.deepEqual(names.slice(1), ['m02', 'm03', 'm04', 'm05', 'm06', 'm07', 'm08', 'm09', 'm10']);
  // the bucket holds the create's fields and m00's and m01's annotations
  const bucket = obj.metadata.managedFields![0]!.fieldsV1 as any;
  assert.deepEqual(bucket['f:metadata']['f:annotations'], { '.': {}, 'f:a0': {}, 'f:a1': {} });
  assert.equal(obj.metadata.managedFields![0]!.time, '2024-05-01T11:00:01Z');
});

test('fieldSet: map lists by key, sets by value, atomic as leaves, empty and null fields', () => {
  const S = z.object({
    m: z.record(z.string(), z.object({ a: z.string().optional() })).optional(),
    s: z.array(z.string()).optional().meta({ 'x-kubernetes-list-type': 'set' }),
    at: z.array(z.number()).optional().meta({ 'x-kubernetes-list-type': 'atomic' }),
    am: z.object({ x: z.string().optional() }).optional().meta({ 'x-kubernetes-map-type': 'atomic' }),
    ports: z
      .array(z.object({ containerPort: z.number(), protocol: z.string().default('TCP').optional(), name: z.string().optional() }))
      .optional()
      .meta({ 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['containerPort', 'protocol'] }),
    e: z.object({}).optional(),
    n: z.string().nullable().optional(),
    free: z.unknown().optional(),
  });
  const v = { m: { k1: { a: 'x' } }, s: ['b', 'a'], at: [1, 2], am: { x: 'y' }, ports: [{ containerPort: 80, name: 'http' }], e: {}, n: null, free: { q: [1], r: { s: 1 } } };
  assert.deepEqual(fieldSet(v, S), {
    'f:am': {},
    'f:at': {},
    'f:e': {},
    'f:free': { 'f:q': {}, 'f:r': { '.': {}, 'f:s': {} } }, // declared field: no "."; undeclared keys are members
    'f:m': { 'f:k1': { '.': {}, 'f:a': {} } },
    'f:n': {},
    'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {}, 'f:name': {} } },
    'f:s': { 'v:"a"': {}, 'v:"b"': {} },
  });
});

test('FieldsV1 round trip and set algebra', () => {
  const s = PathSet.fromFieldsV1(createFields);
  assert.deepEqual(s.toFieldsV1(), createFields);
  const spec = PathSet.fromFieldsV1({ 'f:spec': {} });
  assert.deepEqual(s.recursiveDifference(spec).toFieldsV1(), { 'f:metadata': createFields['f:metadata'] });
  assert.deepEqual(s.difference(spec).toFieldsV1(), createFields);
});

test('set operations share subtrees with their inputs; a clone is independent', () => {
  const a = PathSet.fromFieldsV1({ 'f:metadata': { 'f:labels': { 'f:app': {} } } });
  const b = PathSet.fromFieldsV1({ 'f:spec': { 'f:replicas': {} } });
  const u = a.union(b);
  assert.deepEqual(u.toFieldsV1(), { 'f:metadata': { 'f:labels': { 'f:app': {} } }, 'f:spec': { 'f:replicas': {} } });
  const c = u.clone();
  c.insert([{ kind: 'f', name: 'metadata' }, { kind: 'f', name: 'labels' }, { kind: 'f', name: 'tier' }]);
  c.insert([{ kind: 'f', name: 'spec' }, { kind: 'f', name: 'paused' }]);
  assert.deepEqual(a.toFieldsV1(), { 'f:metadata': { 'f:labels': { 'f:app': {} } } }, 'inputs unchanged');
  assert.deepEqual(b.toFieldsV1(), { 'f:spec': { 'f:replicas': {} } });
  assert.deepEqual(u.toFieldsV1(), { 'f:metadata': { 'f:labels': { 'f:app': {} } }, 'f:spec': { 'f:replicas': {} } });
  assert.deepEqual(c.toFieldsV1(), { 'f:metadata': { 'f:labels': { 'f:app': {}, 'f:tier': {} } }, 'f:spec': { 'f:paused': {}, 'f:replicas': {} } });
  // Empty subtrees are dropped from differences, as before.
  const empty = new PathSet();
  empty.child({ kind: 'f', name: 'status' }, true);
  assert.deepEqual(empty.difference(new PathSet()).toFieldsV1(), {});
  assert.equal(empty.recursiveDifference(new PathSet()).children.size, 0);
});

test('manager from User-Agent: the part before the first "/"', () => {
  assert.equal(managerFromUserAgent('kubectl/v1.32.0 (linux/amd64) kubernetes/abcdef'), 'kubectl');
  assert.equal(managerFromUserAgent('kube-controller-manager/v1.32.0 (linux/amd64) kubernetes/x/system:serviceaccount'), 'kube-controller-manager');
  assert.equal(managerFromUserAgent('Go-http-client/1.1'), 'Go-http-client');
  assert.equal(managerFromUserAgent('a\u0000b'), 'ab');
  assert.equal(managerFromUserAgent('x'.repeat(200)).length, 128);
});
