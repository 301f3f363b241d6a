import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { ApiError } from '../../src/api/errors.js';
import { decodeK8sProtobuf } from '../../src/http/protobuf/decode.js';
import { encodeK8sProtobuf } from '../../src/http/protobuf/encode.js';
import { MESSAGES, messageForKind } from '../../src/http/protobuf/messages.js';
import { SCALARS } from '../../src/http/protobuf/message-def.js';

// Hand-assembled protobuf, straight from the wire spec: tag byte = field << 3 | wire type.
const len = (n: number) => (n < 128 ? [n] : [(n & 0x7f) | 0x80, n >> 7]);
const ld = (field: number, ...parts: number[][]) => {
  const body = parts.flat();
  return [(field << 3) | 2, ...len(body.length), ...body];
};
const str = (field: number, v: string) => ld(field, [...Buffer.from(v, 'utf8')]);
const vint = (field: number, ...bytes: number[]) => [field << 3, ...bytes]; // fields < 16 only (one-byte tags)
const envelope = (apiVersion: string, kind: string, raw: number[]) =>
  Buffer.from([0x6b, 0x38, 0x73, 0x00, ...ld(1, str(1, apiVersion), str(2, kind)), ...ld(2, raw), ...str(3, ''), ...str(4, '')]);

const appWeb = ld(1, str(1, 'app'), str(2, 'web')); // map entry {app: web}

test('golden: hand-built Deployment bytes decode to the REST JSON shape', () => {
  const metadata = ld(
    1,
    str(1, 'web'),
    str(3, 'default'),
    ld(8), // creationTimestamp: zero Time is an empty message
    ld(9, vint(1, 0x80, 0xe2, 0xcf, 0xaa, 0x06), vint(2, 0)), // deletionTimestamp 1700000000s
    [(11 << 3) | 2, ...appWeb.slice(1)], // labels entry
  );
  const container = ld(
    2,
    str(1, 'nginx'),
    str(2, 'nginx:1.25'),
    ld(6, vint(3, 80), str(4, '')), // ports: containerPort 80, protocol ""
    ld(8, ld(1, str(1, 'cpu'), ld(2, str(1, '500m')))), // resources.limits.cpu Quantity
  );
  const template = ld(3, ld(1, [(11 << 3) | 2, ...appWeb.slice(1)]), ld(2, container, str(3, '')));
  const strategy = ld(
    4,
    str(1, 'RollingUpdate'),
    ld(2, ld(1, vint(1, 0), vint(2, 1), str(3, '')), ld(2, vint(1, 1), vint(2, 0), str(3, '25%'))),
  );
  const spec = ld(2, vint(1, 0), ld(2, [(1 << 3) | 2, ...appWeb.slice(1)]), template, strategy, vint(5, 0), vint(7, 0));
  const body = envelope('apps/v1', 'Deployment', [...metadata, ...spec, ...ld(3)]);

  const got = decodeK8sProtobuf(body, { expectKind: 'Deployment' });
  assert.equal(got.apiVersion, 'apps/v1');
  assert.equal(got.kind, 'Deployment');
  assert.deepEqual(got.object, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', deletionTimestamp: '2023-11-14T22:13:20Z', labels: { app: 'web' } },
    spec: {
      replicas: 0, // pointer: explicit zero survives
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }], resources: { limits: { cpu: '500m' } } }] },
      },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: '25%' } },
    },
    status: {},
  });
  // Our encoder writes the zero fields client-go always writes, so compare by meaning, not bytes.
  assert.deepEqual(decodeK8sProtobuf(encodeK8sProtobuf(got.object)).object, got.object);
});

const FIXTURES: Array<[string, Record<string, unknown>]> = [
  ['namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'foo' }, spec: {}, status: {} }],
  ['configmap', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm1', namespace: 'foo' }, data: { a: '1', b: 'two' } }],
  ['secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's1', namespace: 'foo' }, data: { blob: 'AAH//g==', user: 'YWRtaW4=' } }],
  [
    'deployment',
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'foo', labels: { app: 'web' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', resources: {} }] } },
        strategy: {},
      },
      status: {},
    },
  ],
  [
    'job',
    {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'j1', namespace: 'foo' },
      spec: {
        template: {
          metadata: {},
          spec: { containers: [{ name: 'j1', image: 'busybox', command: ['echo', 'hi'], resources: {} }], restartPolicy: 'Never' },
        },
      },
      status: {},
    },
  ],
  [
    'cronjob',
    {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'cj1', namespace: 'foo' },
      spec: {
        schedule: '*/5 * * * *',
        jobTemplate: {
          metadata: { name: 'cj1' },
          spec: {
            template: {
              metadata: {},
              spec: { containers: [{ name: 'cj1', image: 'busybox', command: ['date'], resources: {} }], restartPolicy: 'OnFailure' },
            },
          },
        },
      },
      status: {},
    },
  ],
  [
    'service',
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'svc1', namespace: 'foo', labels: { app: 'svc1' } },
      spec: { ports: [{ name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080 }], selector: { app: 'svc1' }, type: 'ClusterIP' },
      status: { loadBalancer: {} },
    },
  ],
  ['serviceaccount', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa1', namespace: 'foo' } }],
  [
    'tokenrequest',
    { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', metadata: {}, spec: {}, status: { token: '' } },
  ],
  [
    'selfsubjectaccessreview',
    {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      metadata: {},
      spec: { resourceAttributes: { namespace: 'foo', verb: 'get', resource: 'pods' } },
      status: { allowed: false },
    },
  ],
  [
    'poddisruptionbudget',
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'pdb1', namespace: 'foo' },
      spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } },
      status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
    },
  ],
];

test('real kubectl v1.32 request bodies decode as expected and re-encode byte for byte', () => {
  for (const [name, want] of FIXTURES) {
    const body = readFileSync(new URL(`../fixtures/protobuf/kubectl-create-${name}.bin`, import.meta.url));
    const got = decodeK8sProtobuf(body);
    assert.deepEqual(got.object, want, name);
    assert.equal(got.contentType, '');
    assert.equal(encodeK8sProtobuf(got.object).toString('hex'), body.toString('hex'), `${name} re-encoding`);
  }
});

test('more kubectl bodies (rbac, ingress, priorityclass, quota, secrets, services) match their JSON fixtures', () => {
  const dir = new URL('../fixtures/protobuf/', import.meta.url);
  const names = readdirSync(dir).filter((f) => f.endsWith('.json'));
  assert.ok(names.length >= 10);
  for (const json of names) {
    const body = readFileSync(new URL(json.replace(/\.json$/, '.bin'), dir));
    const got = decodeK8sProtobuf(body).object;
    assert.deepEqual(got, JSON.parse(readFileSync(new URL(json, dir), 'utf8')), json);
    assert.equal(encodeK8sProtobuf(got).toString('hex'), body.toString('hex'), `${json} re-encoding`);
  }
});

function badRequest(fn: () => unknown, message: string | RegExp) {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof ApiError);
    assert.equal(e.code, 400);
    assert.equal(e.reason, 'BadRequest');
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  });
}

test('decode errors are BadRequest with upstream messages', () => {
  badRequest(
    () => decodeK8sProtobuf(Buffer.from('{"kind":"Deployment"}'), { expectKind: 'Deployment' }),
    'the object provided is unrecognized (must be of type Deployment): provided data does not appear to be a protobuf message, expected prefix [107 56 115 0] ({"kind":"Deployment"})',
  );
  badRequest(() => decodeK8sProtobuf(Buffer.from([0x6b, 0x38, 0x73, 0x00])), /: empty body \(/);
  badRequest(
    () => decodeK8sProtobuf(envelope('apps/v1', 'Frobnicator', [])),
    'Frobnicator in version "v1" cannot be handled as a Frobnicator: no kind "Frobnicator" is registered for version "apps/v1" in scheme "k8s.io/kubernetes/pkg/api/legacyscheme/scheme.go:30"',
  );
  badRequest(
    () => decodeK8sProtobuf(envelope('apps/v1', 'Deployment', [0x0a, 0x05, 0x0a]), { expectKind: 'Deployment' }),
    'Deployment in version "v1" cannot be handled as a Deployment: unexpected EOF',
  );
  badRequest(
    () => decodeK8sProtobuf(envelope('apps/v1', 'Deployment', vint(2, 1))),
    'Deployment in version "v1" cannot be handled as a Deployment: proto: wrong wireType = 0 for field Spec',
  );
  badRequest(
    () => decodeK8sProtobuf(Buffer.from([0x6b, 0x38, 0x73, 0x00, ...ld(1, str(1, 'v1'))])),
    /Object 'Kind' is missing in 'runtime.TypeMeta\{APIVersion:"v1", Kind:""\}'/,
  );
});

test('unknown fields are skipped, repeated message fields merge', () => {
  const raw = [...ld(1, str(1, 'a')), ...vint(14, 5), ...ld(1, str(3, 'ns')), ...str(15, 'ignored')];
  assert.deepEqual(decodeK8sProtobuf(envelope('v1', 'ConfigMap', raw)).object, {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'a', namespace: 'ns' },
  });
});

test('message tables: brief format, every referenced message defined', () => {
  assert.deepEqual(MESSAGES['k8s.io.api.apps.v1.Deployment']![1], {
    name: 'metadata',
    type: 'k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta',
  });
  assert.deepEqual(MESSAGES['k8s.io.api.apps.v1.DeploymentSpec']![1], { name: 'replicas', type: 'int32', pointer: true });
  assert.deepEqual(MESSAGES['k8s.io.api.core.v1.Secret']![2], { name: 'data', type: 'bytes', map: { key: 'string', value: 'bytes' } });
  assert.deepEqual(MESSAGES['k8s.io.api.core.v1.Volume']![2], { name: 'volumeSource', type: 'k8s.io.api.core.v1.VolumeSource', inline: true });
  assert.deepEqual(MESSAGES['k8s.io.api.core.v1.PodSpec']![2], { name: 'containers', type: 'k8s.io.api.core.v1.Container', repeated: true });
  const missing: string[] = [];
  for (const [name, def] of Object.entries(MESSAGES)) {
    for (const fd of Object.values(def)) {
      if (!SCALARS.has(fd.type) && !MESSAGES[fd.type]) missing.push(`${name}.${fd.name}: ${fd.type}`);
    }
  }
  assert.deepEqual(missing, []);
});

test('messageForKind maps group versions and meta kinds', () => {
  const cases: Array<[string, string, string | undefined]> = [
    ['apps/v1', 'Deployment', 'k8s.io.api.apps.v1.Deployment'],
    ['v1', 'Pod', 'k8s.io.api.core.v1.Pod'],
    ['autoscaling/v1', 'Scale', 'k8s.io.api.autoscaling.v1.Scale'],
    ['autoscaling/v2', 'HorizontalPodAutoscaler', 'k8s.io.api.autoscaling.v2.HorizontalPodAutoscaler'],
    ['policy/v1', 'Eviction', 'k8s.io.api.policy.v1.Eviction'],
    ['apps/v1', 'DeleteOptions', 'k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions'],
    ['v1', 'Status', 'k8s.io.apimachinery.pkg.apis.meta.v1.Status'],
    ['apps/v1', 'Pod', undefined],
    ['v2', 'Pod', undefined],
    ['rbac.authorization.k8s.io/v1', 'Role', 'k8s.io.api.rbac.v1.Role'],
    ['storage.k8s.io/v1', 'StorageClass', undefined],
  ];
  for (const [gv, kind, want] of cases) assert.equal(messageForKind(gv, kind), want, `${gv} ${kind}`);
});
