import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../src/api/errors.js';
import type { KObject } from '../../src/api/meta.js';
import { updateManagedFields } from '../../src/api/managed-fields.js';
import { applyPatch } from '../../src/api/server-side-apply.js';
import { Deployment, createdDeployment } from '../fixtures/ssa-schema.js';

const T0 = '2024-05-01T10:00:00Z';
const T1 = '2024-05-01T10:05:00Z';
const T2 = '2024-05-01T10:09:00Z';
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** The manifest of the kubectl docs' nginx example, as `kubectl apply --server-side` sends it. */
function manifest(replicas = 2, image = 'nginx:1.14.2'): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'nginx', labels: { app: 'nginx' } },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'nginx' } },
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: { containers: [{ name: 'nginx', image, ports: [{ containerPort: 80 }] }] },
      },
    },
  };
}

const applyFields = {
  'f:metadata': { 'f:labels': { 'f:app': {} } },
  'f:spec': {
    'f:replicas': {},
    'f:selector': {},
    'f:template': {
      'f:metadata': { 'f:labels': { 'f:app': {} } },
      'f:spec': {
        'f:containers': {
          'k:{"name":"nginx"}': {
            '.': {},
            'f:image': {},
            'f:name': {},
            'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
          },
        },
      },
    },
  },
};

function live(manager: string): KObject {
  const obj = createdDeployment() as unknown as KObject;
  (obj.spec as any).template.spec.containers[0].image = 'nginx:1.14.2';
  (obj.spec as any).template.spec.containers[0].ports = [{ containerPort: 80, protocol: 'TCP' }];
  (obj.spec as any).replicas = 2;
  updateManagedFields(obj, undefined, manager, 'Update', 'apps/v1', undefined, T0, Deployment);
  obj.metadata.uid = 'u1';
  return obj;
}

const err = (f: () => unknown): ApiError => {
  try {
    f();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('no error');
};

test('apply creates: the applied fields are the manager\'s (operation Apply)', () => {
  const out = applyPatch(undefined, manifest(), 'kubectl', false, Deployment, T0);
  assert.deepEqual(out.metadata.managedFields, [
    { manager: 'kubectl', operation: 'Apply', apiVersion: 'apps/v1', time: T0, fieldsType: 'FieldsV1', fieldsV1: applyFields },
  ]);
  assert.equal((out.spec as any).replicas, 2);
  assert.deepEqual((out.spec as any).template.spec.containers, [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] }]);
});

test('conflict with an Update manager: 409 with upstream message and causes', () => {
  const e = err(() => applyPatch(live('kubectl-client-side-apply'), manifest(3), 'kubectl', false, Deployment, T1));
  assert.equal(e.code, 409);
  assert.equal(e.reason, 'Conflict');
  assert.equal(e.message, 'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas');
  assert.deepEqual(e.details, {
    causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: '.spec.replicas' }],
  });
  const e2 = err(() => applyPatch(live('kubectl-client-side-apply'), manifest(3, 'nginx:1.27'), 'kubectl', false, Deployment, T1));
  assert.equal(
    e2.message,
    'Apply failed with 2 conflicts: conflicts with "kubectl-client-side-apply" using apps/v1:\n- .spec.replicas\n- .spec.template.spec.containers[name="nginx"].image',
  );
  assert.deepEqual(
    e2.details!.causes!.map((c) => c.field),
    ['.spec.replicas', '.spec.template.spec.containers[name="nginx"].image'],
  );
});

test('same values are shared without conflict; force moves the field to the applier', () => {
  const base = live('kubectl-client-side-apply');
  const shared = applyPatch(base, manifest(2), 'kubectl', false, Deployment, T1);
  const csa = shared.metadata.managedFields!.find((m) => m.manager === 'kubectl-client-side-apply')!;
  assert.deepEqual((csa.fieldsV1 as any)['f:spec']['f:replicas'], {});
  // nothing changed: the object is the same and the applier's entry has no time yet
  assert.deepEqual({ ...shared, metadata: { ...shared.metadata, managedFields: undefined } }, { ...base, metadata: { ...base.metadata, managedFields: undefined } });

  const forced = applyPatch(base, manifest(5), 'kubectl', true, Deployment, T1);
  assert.equal((forced.spec as any).replicas, 5);
  const [apply, update] = forced.metadata.managedFields!;
  assert.equal(apply!.manager, 'kubectl');
  assert.equal(apply!.operation, 'Apply');
  assert.equal(apply!.time, T1);
  assert.equal(update!.manager, 'kubectl-client-side-apply');
  assert.equal((update!.fieldsV1 as any)['f:spec']['f:replicas'], undefined);
  assert.deepEqual((update!.fieldsV1 as any)['f:spec']['f:revisionHistoryLimit'], {});
});

test('prune: fields the manager stops applying are removed unless someone else owns them', () => {
  const m1 = manifest();
  m1.metadata.labels = { app: 'nginx', tier: 'web', team: 'a' };
  (m1.spec as any).template.spec.containers.push({ name: 'sidecar', image: 'busybox' });
  const first = applyPatch(undefined, m1, 'kubectl', false, Deployment, T0);

  // someone else takes the "team" label through an update
  const edited = clone(first);
  edited.metadata.labels!.team = 'b';
  updateManagedFields(edited, first, 'kubectl-edit', 'Update', 'apps/v1', undefined, T1, Deployment);

  const second = applyPatch(edited, manifest(), 'kubectl', false, Deployment, T2);
  assert.deepEqual(second.metadata.labels, { app: 'nginx', team: 'b' });
  assert.deepEqual((second.spec as any).template.spec.containers.map((c: { name: string }) => c.name), ['nginx']);
  const mine = second.metadata.managedFields!.find((m) => m.manager === 'kubectl')!;
  assert.deepEqual(mine.fieldsV1, applyFields);
  assert.equal(mine.time, T2);
});

test('merge: map lists keep live-only items in place; sets union; atomic lists are replaced', () => {
  const base = applyPatch(undefined, manifest(), 'a', false, Deployment, T0);
  const other = manifest();
  (other.spec as any).template.spec.containers = [
    { name: 'nginx', image: 'nginx:1.14.2', args: ['x'] },
    { name: 'c', image: 'busybox' },
  ];
  (other.spec as any).template.spec.finalizers = ['f1'];
  const out = applyPatch(base, other, 'b', false, Deployment, T1);
  const cs = (out.spec as any).template.spec.containers;
  assert.deepEqual(cs, [
    { name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }], args: ['x'] },
    { name: 'c', image: 'busybox' },
  ]);
  const more = manifest();
  (more.spec as any).template.spec.finalizers = ['f0'];
  (more.spec as any).template.spec.containers[0].args = ['y', 'z'];
  const out2 = applyPatch(out, more, 'c', true, Deployment, T2);
  assert.deepEqual((out2.spec as any).template.spec.finalizers, ['f1', 'f0']);
  assert.deepEqual((out2.spec as any).template.spec.containers[0].args, ['y', 'z']);
  // b lost args to the forced apply, but still owns the finalizer it set
  const b = out2.metadata.managedFields!.find((m) => m.manager === 'b')!;
  const bc = (b.fieldsV1 as any)['f:spec']['f:template']['f:spec'];
  assert.equal(bc['f:containers']['k:{"name":"nginx"}']['f:args'], undefined);
  assert.deepEqual(bc['f:finalizers'], { 'v:"f1"': {} });
});

test('status in an applied config is not owned on the main resource; managedFields in the body is rejected', () => {
  const m = manifest();
  m.status = { replicas: 9 };
  const out = applyPatch(undefined, m, 'kubectl', false, Deployment, T0);
  assert.equal(out.status, undefined);
  assert.deepEqual(out.metadata.managedFields![0]!.fieldsV1, applyFields);
  const bad = manifest();
  bad.metadata.managedFields = [];
  const e = err(() => applyPatch(undefined, bad, 'kubectl', false, Deployment, T0));
  assert.equal(e.code, 400);
  assert.equal(e.message, 'metadata.managedFields must be nil');
});
