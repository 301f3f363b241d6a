// Error strings as upstream's pkg/apis/core/validation prints them (field.Error.Error()).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldErrorString, path } from '../../src/api/field-errors.js';
import type { Pod, PodTemplateSpec } from '../../src/api/core/pod.js';
import { defaultPod, defaultPodTemplateSpec } from '../../src/api/core/pod-defaults.js';
import { validatePod, validatePodStatusUpdate, validatePodTemplateSpec, validatePodUpdate } from '../../src/api/core/pod-validation.js';

function base(): Pod {
  const p: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default' },
    spec: {
      containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 80 }], volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
      volumes: [{ name: 'data', emptyDir: {} }],
    },
  };
  defaultPod(p);
  return p;
}

const strings = (errs: ReturnType<typeof validatePod>) => errs.map(fieldErrorString);

test('a valid defaulted pod has no errors', () => {
  assert.deepEqual(strings(validatePod(base())), []);
});

type Case = [string, (p: Pod) => void, string[]];
const s = (p: Pod) => p.spec!;
const c0 = (p: Pod) => p.spec!.containers[0]!;
const dns1123 =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

const cases: Case[] = [
  ['no containers', (p) => (s(p).containers = []), ['spec.containers: Required value']],
  ['container name', (p) => (c0(p).name = 'Web_1'), [`spec.containers[0].name: Invalid value: "Web_1": ${dns1123}`]],
  ['empty container name', (p) => (c0(p).name = ''), ['spec.containers[0].name: Required value']],
  [
    'duplicate container names',
    (p) => s(p).containers.push({ ...c0(p), ports: [] }),
    ['spec.containers[1].name: Duplicate value: "web"'],
  ],
  ['image required', (p) => (c0(p).image = ''), ['spec.containers[0].image: Required value']],
  ['port out of range', (p) => (c0(p).ports![0]!.containerPort = 70000), ['spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive']],
  ['port required', (p) => (c0(p).ports![0]!.containerPort = 0), ['spec.containers[0].ports[0].containerPort: Required value']],
  [
    'port protocol',
    (p) => (c0(p).ports![0]!.protocol = 'HTTP'),
    ['spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"'],
  ],
  [
    'port name',
    (p) => (c0(p).ports![0]!.name = 'Http_Port-Name-Too-Long'),
    [
      'spec.containers[0].ports[0].name: Invalid value: "Http_Port-Name-Too-Long": must be no more than 15 characters',
      'spec.containers[0].ports[0].name: Invalid value: "Http_Port-Name-Too-Long": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
    ],
  ],
  [
    'duplicate port names',
    (p) => c0(p).ports!.push({ name: 'http', containerPort: 81, protocol: 'TCP' }),
    ['spec.containers[0].ports[1].name: Duplicate value: "http"'],
  ],
  ['mount of an unknown volume', (p) => (c0(p).volumeMounts![0]!.name = 'x'), ['spec.containers[0].volumeMounts[0].name: Not found: "x"']],
  [
    'duplicate mount path',
    (p) => c0(p).volumeMounts!.push({ name: 'data', mountPath: '/data' }),
    ['spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/data": must be unique'],
  ],
  ['duplicate volume', (p) => s(p).volumes!.push({ name: 'data', emptyDir: {} }), ['spec.volumes[1].name: Duplicate value: "data"']],
  [
    'volume name',
    (p) => {
      s(p).volumes![0]!.name = 'Data';
      c0(p).volumeMounts![0]!.name = 'Data';
    },
    [`spec.volumes[0].name: Invalid value: "Data": ${dns1123.replace('label', 'label')}`, 'spec.containers[0].volumeMounts[0].name: Not found: "Data"'],
  ],
  [
    'two volume sources',
    (p) => (s(p).volumes![0]!.hostPath = { path: '/tmp', type: '' }),
    ['spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type', 'spec.containers[0].volumeMounts[0].name: Not found: "data"'],
  ],
  [
    'restartPolicy',
    (p) => (s(p).restartPolicy = 'Sometimes'),
    ['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'],
  ],
  [
    'dnsPolicy',
    (p) => (s(p).dnsPolicy = 'Cluster'),
    ['spec.dnsPolicy: Unsupported value: "Cluster": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"'],
  ],
  [
    'imagePullPolicy',
    (p) => (c0(p).imagePullPolicy = 'Sometimes'),
    ['spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"'],
  ],
  ['activeDeadlineSeconds', (p) => (s(p).activeDeadlineSeconds = 0), ['spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive']],
  [
    'env name',
    (p) => (c0(p).env = [{ name: 'A=B' }]),
    ["spec.containers[0].env[0].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='"],
  ],
  [
    'env valueFrom and value',
    (p) => (c0(p).env = [{ name: 'A', value: 'x', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } }]),
    ['spec.containers[0].env[0].valueFrom: Invalid value: "": may not be specified when `value` is not empty'],
  ],
  [
    'env fieldRef not supported',
    (p) => (c0(p).env = [{ name: 'A', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.labels' } } }]),
    [
      'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Unsupported value: "metadata.labels": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"',
    ],
  ],
  [
    'env fieldRef unknown',
    (p) => (c0(p).env = [{ name: 'A', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.foo' } } }]),
    ['spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Invalid value: "spec.foo": error converting fieldPath: field label not supported: spec.foo'],
  ],
  [
    'requests above limits',
    (p) => (c0(p).resources = { limits: { cpu: '500m' }, requests: { cpu: '1' } }),
    ['spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m'],
  ],
  [
    'negative request',
    (p) => (c0(p).resources = { requests: { memory: '-1Mi' } }),
    ['spec.containers[0].resources.requests[memory]: Invalid value: "-1Mi": must be greater than or equal to 0'],
  ],
  [
    'bad quantity',
    (p) => (c0(p).resources = { requests: { memory: '1GB' } }),
    ["spec.containers[0].resources.requests[memory]: Invalid value: \"1GB\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
  ],
  [
    'non-standard resource',
    (p) => (c0(p).resources = { limits: { gpu: '1' } }),
    ['spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource for containers'],
  ],
  [
    'extended resource needs equal limit',
    (p) => (c0(p).resources = { requests: { 'example.com/foo': '1' } }),
    ['spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources'],
  ],
  [
    'probe without handler',
    (p) => (c0(p).livenessProbe = { periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 }),
    ['spec.containers[0].livenessProbe: Required value: must specify a handler type'],
  ],
  [
    'probe with two handlers',
    (p) => (c0(p).readinessProbe = { exec: { command: ['true'] }, tcpSocket: { port: 80 }, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 }),
    ['spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type'],
  ],
  [
    'liveness successThreshold',
    (p) => (c0(p).livenessProbe = { tcpSocket: { port: 'http' }, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 2, failureThreshold: 3 }),
    ['spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1'],
  ],
  [
    'negative probe field',
    (p) => (c0(p).readinessProbe = { tcpSocket: { port: 80 }, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: -1 }),
    ['spec.containers[0].readinessProbe.failureThreshold: Invalid value: -1: must be greater than or equal to 0'],
  ],
  [
    'toleration operator',
    (p) => (s(p).tolerations = [{ key: 'k', operator: 'In', value: 'v' }]),
    ['spec.tolerations[0].operator: Unsupported value: "In": supported values: "Equal", "Exists"'],
  ],
  [
    'toleration without key',
    (p) => (s(p).tolerations = [{ operator: 'Equal', value: 'v' }]),
    ['spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"'],
  ],
  [
    'tolerationSeconds without NoExecute',
    (p) => (s(p).tolerations = [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 5 }]),
    ["spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set"],
  ],
  [
    'node affinity operator',
    (p) =>
      (s(p).affinity = {
        nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'Equals', values: ['a'] }] }] } },
      }),
    ['spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator'],
  ],
  [
    'node affinity In without values',
    (p) =>
      (s(p).affinity = {
        nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In' }] }] } },
      }),
    ["spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"],
  ],
  [
    'empty node selector terms',
    (p) => (s(p).affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } }),
    ['spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Required value: must have at least one node selector term'],
  ],
  [
    'pod anti-affinity weight',
    (p) =>
      (s(p).affinity = {
        podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname' } }] },
      }),
    ['spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100'],
  ],
  [
    'nodeSelector label value',
    (p) => (s(p).nodeSelector = { disk: 'ssd!' }),
    [
      "spec.nodeSelector[disk]: Invalid value: \"ssd!\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ],
  ],
  [
    'topology spread',
    (p) => (s(p).topologySpreadConstraints = [{ maxSkew: 0, topologyKey: 'zone', whenUnsatisfiable: 'Maybe' }]),
    [
      'spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero',
      'spec.topologySpreadConstraints[0].whenUnsatisfiable: Unsupported value: "Maybe": supported values: "DoNotSchedule", "ScheduleAnyway"',
    ],
  ],
  ['dnsPolicy None', (p) => (s(p).dnsPolicy = 'None'), ['spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None']],
  [
    'configMap volume name',
    (p) => (s(p).volumes![0] = { name: 'data', configMap: { defaultMode: 420 } }),
    ['spec.volumes[0].configMap.name: Required value', 'spec.containers[0].volumeMounts[0].name: Not found: "data"'],
  ],
  [
    'secret volume mode',
    (p) => (s(p).volumes![0] = { name: 'data', secret: { secretName: 's', defaultMode: 0o1777 } }),
    ['spec.volumes[0].secret.defaultMode: Invalid value: 1023: must be a number between 0 and 0777 (octal), both inclusive', 'spec.containers[0].volumeMounts[0].name: Not found: "data"'],
  ],
  [
    'init container with readiness probe',
    (p) =>
      (s(p).initContainers = [
        { name: 'init', image: 'busybox', imagePullPolicy: 'IfNotPresent', terminationMessagePolicy: 'File', readinessProbe: { exec: { command: ['true'] } } },
      ]),
    ['spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers'],
  ],
  [
    'init container name clash',
    (p) => (s(p).initContainers = [{ name: 'web', image: 'busybox', imagePullPolicy: 'IfNotPresent', terminationMessagePolicy: 'File' }]),
    ['spec.initContainers[0].name: Duplicate value: "web"'],
  ],
  ['ephemeral containers on create', (p) => (s(p).ephemeralContainers = [{ name: 'dbg', image: 'busybox' }]), ['spec.ephemeralContainers: Forbidden: cannot be set on create']],
];

for (const [name, mutate, want] of cases) {
  test(`validatePod: ${name}`, () => {
    const p = base();
    mutate(p);
    assert.deepEqual(strings(validatePod(p)), want);
  });
}

test('validatePodTemplateSpec checks labels at <path>.labels, and the spec', () => {
  const t: PodTemplateSpec = { metadata: { labels: { 'app!': 'web' } }, spec: { containers: [{ name: 'c', image: '' }] } };
  defaultPodTemplateSpec(t);
  const errs = strings(validatePodTemplateSpec(t, path('spec', 'template')));
  assert.equal(errs.length, 2);
  assert.match(errs[0]!, /^spec\.template\.labels: Invalid value: "app!": name part must consist of alphanumeric characters/);
  assert.equal(errs[1], 'spec.template.spec.containers[0].image: Required value');
});

const forbiddenUpdate =
  'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n';

test('validatePodUpdate: what may change', () => {
  const old = base();
  const ok = structuredClone(old);
  ok.spec!.containers[0]!.image = 'nginx:1.28';
  ok.spec!.activeDeadlineSeconds = 100;
  ok.spec!.tolerations = [{ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 }];
  assert.deepEqual(strings(validatePodUpdate(ok, old)), []);

  const env = structuredClone(old);
  env.spec!.containers[0]!.env = [{ name: 'A', value: 'b' }];
  const errs = strings(validatePodUpdate(env, old));
  assert.equal(errs.length, 1);
  assert.ok(errs[0]!.startsWith(forbiddenUpdate), errs[0]);
  assert.match(errs[0]!, /Containers/);

  const more = structuredClone(old);
  more.spec!.containers.push({ ...more.spec!.containers[0]!, name: 'two' });
  assert.deepEqual(strings(validatePodUpdate(more, old)), ['spec.containers: Forbidden: pod updates may not add or remove containers']);

  const noImage = structuredClone(old);
  noImage.spec!.containers[0]!.image = '';
  // Upstream reports it twice (ValidatePodSpec and ValidateContainerUpdates); the Status message dedups.
  assert.deepEqual(strings(validatePodUpdate(noImage, old)), ['spec.containers[0].image: Required value', 'spec.containers[0].image: Required value']);
});

test('validatePodUpdate: activeDeadlineSeconds, tolerations, scheduling gates, grace period', () => {
  const old = base();
  old.spec!.activeDeadlineSeconds = 10;
  old.spec!.tolerations = [{ key: 'k', operator: 'Equal', value: 'v', effect: 'NoExecute', tolerationSeconds: 5 }];
  old.spec!.schedulingGates = [{ name: 'example.com/gate' }];
  old.spec!.terminationGracePeriodSeconds = -1;

  const up = structuredClone(old);
  up.spec!.activeDeadlineSeconds = 20;
  assert.deepEqual(strings(validatePodUpdate(up, old)), ['spec.activeDeadlineSeconds: Invalid value: 20: must be less than or equal to previous value']);

  const nil = structuredClone(old);
  delete nil.spec!.activeDeadlineSeconds;
  assert.deepEqual(strings(validatePodUpdate(nil, old)), ['spec.activeDeadlineSeconds: Invalid value: null: must not update from a positive integer to nil value']);

  const tol = structuredClone(old);
  tol.spec!.tolerations = [{ key: 'k', operator: 'Equal', value: 'other', effect: 'NoExecute' }];
  assert.deepEqual(strings(validatePodUpdate(tol, old)), ['spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds']);

  const tolSeconds = structuredClone(old);
  tolSeconds.spec!.tolerations![0]!.tolerationSeconds = 1;
  assert.deepEqual(strings(validatePodUpdate(tolSeconds, old)), []);

  const gate = structuredClone(old);
  gate.spec!.schedulingGates = [{ name: 'example.com/gate' }, { name: 'example.com/new' }];
  assert.deepEqual(strings(validatePodUpdate(gate, old)), ["spec.schedulingGates[1].name: Forbidden: only deletion is allowed, but found new scheduling gate 'example.com/new'"]);

  const ungate = structuredClone(old);
  ungate.spec!.schedulingGates = [];
  ungate.spec!.terminationGracePeriodSeconds = 1;
  assert.deepEqual(strings(validatePodUpdate(ungate, old)), []);
});

test('validatePodStatusUpdate', () => {
  const old = base();
  old.spec!.restartPolicy = 'Never';
  old.status = { phase: 'Succeeded', containerStatuses: [{ name: 'web', ready: false, restartCount: 0, image: 'nginx', imageID: '', state: { terminated: { exitCode: 0 } } }] };
  const n = structuredClone(old);
  n.status!.containerStatuses![0]!.state = { running: { startedAt: null } };
  n.status!.podIPs = [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }];
  n.spec!.nodeName = 'node-1';
  assert.deepEqual(strings(validatePodStatusUpdate(n, old)), [
    'status.nodeName: Forbidden: may not be changed directly',
    'status.containerStatuses[0].state: Forbidden: may not be transitioned to non-terminated state',
    'status.podIPs: Invalid value: []interface {}{{"ip":"10.0.0.1"}, {"ip":"10.0.0.2"}}: may specify no more than one IP for each IP family',
  ]);
  const bad = structuredClone(old);
  bad.status!.podIPs = [{ ip: 'nope' }];
  assert.deepEqual(strings(validatePodStatusUpdate(bad, old)), ['status.podIPs[0]: Invalid value: "nope": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)']);
});
