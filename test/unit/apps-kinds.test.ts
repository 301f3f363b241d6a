import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type FieldError, fieldErrorString } from '../../src/api/field-errors.js';
import type { DeploymentT } from '../../src/api/apps/deployment.js';
import type { ReplicaSetT } from '../../src/api/apps/replicaset.js';
import { defaultDeployment } from '../../src/api/apps/deployment-defaults.js';
import { defaultReplicaSet } from '../../src/api/apps/replicaset-defaults.js';
import {
  validateDeployment,
  validateDeploymentStatusUpdate,
  validateDeploymentUpdate,
} from '../../src/api/apps/deployment-validation.js';
import { validateReplicaSet, validateReplicaSetStatusUpdate, validateReplicaSetUpdate } from '../../src/api/apps/replicaset-validation.js';

const strs = (errs: FieldError[]) => errs.map(fieldErrorString);
const template = (labels: Record<string, string> = { app: 'web' }) => ({
  metadata: { labels },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
});

function deploy(spec: Record<string, unknown>): DeploymentT {
  const d = { metadata: { name: 'web', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } }, template: template(), ...spec } } as DeploymentT;
  defaultDeployment(d);
  return d;
}

test('defaultDeployment: upstream defaults', () => {
  const d = deploy({});
  assert.equal(d.spec?.replicas, 1);
  assert.deepEqual(d.spec?.strategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
  assert.equal(d.spec?.revisionHistoryLimit, 10);
  assert.equal(d.spec?.progressDeadlineSeconds, 600);
  assert.equal(d.spec?.template.spec?.restartPolicy, 'Always');
  const r = deploy({ replicas: 0, strategy: { type: 'Recreate' }, revisionHistoryLimit: 0 });
  assert.deepEqual([r.spec?.replicas, r.spec?.strategy, r.spec?.revisionHistoryLimit], [0, { type: 'Recreate' }, 0]);
  const partial = deploy({ strategy: { rollingUpdate: { maxSurge: 0 } } });
  assert.deepEqual(partial.spec?.strategy, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '25%' } });
});

test('defaultReplicaSet: replicas 1 and template defaults', () => {
  const rs = { metadata: { name: 'rs' }, spec: { selector: { matchLabels: { app: 'web' } }, template: template() } } as ReplicaSetT;
  defaultReplicaSet(rs);
  assert.equal(rs.spec?.replicas, 1);
  assert.equal(rs.spec?.template?.spec?.restartPolicy, 'Always');
});

const cases: Array<[string, DeploymentT, string[]]> = [
  ['valid', deploy({}), []],
  ['negative replicas', deploy({ replicas: -1 }), ['spec.replicas: Invalid value: -1: must be greater than or equal to 0']],
  ['selector missing', deploy({ selector: undefined }), [
    'spec.selector: Required value',
    'spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`',
  ]],
  ['empty selector', deploy({ selector: {} }), ['spec.selector: Invalid value: {}: empty selector is invalid for deployment']],
  ['selector does not match', deploy({ selector: { matchLabels: { app: 'db' } } }), [
    'spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`',
  ]],
  ['invalid selector operator', deploy({ selector: { matchExpressions: [{ key: 'app', operator: 'Is', values: ['web'] }] } }), [
    'spec.selector.matchExpressions[0].operator: Invalid value: "Is": not a valid selector operator',
    'spec.selector: Invalid value: {"matchExpressions":[{"key":"app","operator":"Is","values":["web"]}]}: invalid label selector',
  ]],
  ['restartPolicy Never', deploy({ template: { ...template(), spec: { ...template().spec, restartPolicy: 'Never' } } }), [
    'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
  ]],
  ['activeDeadlineSeconds', deploy({ template: { ...template(), spec: { ...template().spec, activeDeadlineSeconds: 5 } } }), [
    'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in Deployment is not Supported',
  ]],
  ['both zero', deploy({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '0%' } } }), [
    'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "0%": may not be 0 when `maxSurge` is 0',
  ]],
  ['bad percent', deploy({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '20', maxUnavailable: '1%' } } }), [
    "spec.strategy.rollingUpdate.maxSurge: Invalid value: \"20\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
  ]],
  ['over 100%', deploy({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: '110%' } } }), [
    'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "110%": must not be greater than 100%',
  ]],
  ['negative maxSurge', deploy({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: -1, maxUnavailable: 1 } } }), [
    'spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater than or equal to 0',
  ]],
  ['Recreate with rollingUpdate', deploy({ strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } }), [
    "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
  ]],
  ['bad strategy type', deploy({ strategy: { type: 'BlueGreen' } }), [
    'spec.strategy: Unsupported value: {"type":"BlueGreen"}: supported values: "Recreate", "RollingUpdate"',
  ]],
  ['progress deadline not above minReady', deploy({ minReadySeconds: 600 }), [
    'spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds',
  ]],
  ['negative revisionHistoryLimit', deploy({ revisionHistoryLimit: -1 }), [
    'spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0',
  ]],
];
for (const [label, d, want] of cases) test(`validateDeployment: ${label}`, () => assert.deepEqual(strs(validateDeployment(d)), want));

test('validateDeploymentUpdate: selector is immutable in apps/v1', () => {
  const old = deploy({});
  const changed = deploy({ selector: { matchLabels: { app: 'web', tier: 'x' } }, template: template({ app: 'web', tier: 'x' }) });
  assert.deepEqual(strs(validateDeploymentUpdate(changed, old)), [
    'spec.selector: Invalid value: {"matchLabels":{"app":"web","tier":"x"}}: field is immutable',
  ]);
  assert.deepEqual(strs(validateDeploymentUpdate(deploy({ replicas: 5 }), old)), []);
});

test('validateDeploymentStatusUpdate', () => {
  const old = deploy({});
  old.status = { replicas: 3, collisionCount: 2 };
  const d = deploy({});
  d.status = { replicas: 2, readyReplicas: 3, availableReplicas: 3, updatedReplicas: -1, collisionCount: 1 };
  assert.deepEqual(strs(validateDeploymentStatusUpdate(d, old)), [
    'status.updatedReplicas: Invalid value: -1: must be greater than or equal to 0',
    'status.readyReplicas: Invalid value: 3: cannot be greater than status.replicas',
    'status.availableReplicas: Invalid value: 3: cannot be greater than status.replicas',
    'status.collisionCount: Invalid value: 1: cannot be decremented',
  ]);
});

function rs(spec: Record<string, unknown>): ReplicaSetT {
  const r = { metadata: { name: 'rs', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } }, template: template(), ...spec } } as ReplicaSetT;
  defaultReplicaSet(r);
  return r;
}

const rsCases: Array<[string, ReplicaSetT, string[]]> = [
  ['valid', rs({}), []],
  ['negative minReadySeconds', rs({ minReadySeconds: -1 }), ['spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0']],
  ['empty selector (upstream says deployment)', rs({ selector: {} }), ['spec.selector: Invalid value: {}: empty selector is invalid for deployment']],
  ['template activeDeadlineSeconds', rs({ template: { ...template(), spec: { ...template().spec, activeDeadlineSeconds: 5 } } }), [
    'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported',
  ]],
];
for (const [label, r, want] of rsCases) test(`validateReplicaSet: ${label}`, () => assert.deepEqual(strs(validateReplicaSet(r)), want));

test('validateReplicaSetUpdate / StatusUpdate', () => {
  const old = rs({});
  const moved = rs({ selector: { matchLabels: { app: 'web', v: '2' } }, template: template({ app: 'web', v: '2' }) });
  assert.deepEqual(strs(validateReplicaSetUpdate(moved, old)), ['spec.selector: Invalid value: {"matchLabels":{"app":"web","v":"2"}}: field is immutable']);
  const st = rs({});
  st.status = { replicas: 1, fullyLabeledReplicas: 2, readyReplicas: 1, availableReplicas: 2 };
  assert.deepEqual(strs(validateReplicaSetStatusUpdate(st, old)), [
    'status.fullyLabeledReplicas: Invalid value: 2: cannot be greater than status.replicas',
    'status.availableReplicas: Invalid value: 2: cannot be greater than status.replicas',
    'status.availableReplicas: Invalid value: 2: cannot be greater than readyReplicas',
  ]);
});
