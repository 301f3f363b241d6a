import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultPod, defaultPodTemplateSpec, podAdmissionDefaults } from '../../src/api/core/pod-defaults.js';
import { defaultPullPolicy, parseImageName } from '../../src/api/core/image-reference.js';
import type { Pod, Pod as PodT, PodTemplateSpec, PodTemplateSpec as PodTemplateSpecT } from '../../src/api/core/pod.js';

const pod = (spec: Record<string, unknown>): PodT => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec } as PodT);

test('pod spec defaults (kubectl run nginx --image=nginx as stored by a real cluster)', () => {
  const p = pod({ containers: [{ name: 'nginx', image: 'nginx' }] });
  defaultPod(p);
  assert.deepEqual(p.spec, {
    containers: [
      { name: 'nginx', image: 'nginx', imagePullPolicy: 'Always', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' },
    ],
    dnsPolicy: 'ClusterFirst',
    enableServiceLinks: true,
    restartPolicy: 'Always',
    schedulerName: 'default-scheduler',
    securityContext: {},
    terminationGracePeriodSeconds: 30,
  });
});

test('imagePullPolicy follows the tag (SetDefaults_Container, TestSetDefaultContainer cases)', () => {
  const cases: Array<[string, string]> = [
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.27', 'IfNotPresent'],
    ['docker.io/library/nginx@sha256:0a399eb16751829e1af26fea27b20c3ec28d7ab1fb72182879dcae1cca21206a', 'IfNotPresent'],
    ['localhost:5000/app', 'Always'],
    ['registry.k8s.io/pause:3.9', 'IfNotPresent'],
    ['Invalid_Name', 'IfNotPresent'],
    ['', 'IfNotPresent'],
  ];
  for (const [image, want] of cases) assert.equal(defaultPullPolicy(image), want, image);
  assert.deepEqual(parseImageName('nginx'), { repository: 'docker.io/library/nginx', tag: 'latest', digest: '' });
  assert.deepEqual(parseImageName('quay.io/org/app:v1'), { repository: 'quay.io/org/app', tag: 'v1', digest: '' });
});

test('ports, probes, env fieldRef, resources', () => {
  const p = pod({
    containers: [
      {
        name: 'c',
        image: 'nginx:1.27',
        ports: [{ containerPort: 80 }],
        env: [
          { name: 'N', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          { name: 'M', valueFrom: { resourceFieldRef: { resource: 'limits.memory' } } },
        ],
        livenessProbe: { httpGet: { port: 80 } },
        readinessProbe: { grpc: { port: 9000 } },
        resources: { limits: { cpu: '0.5', memory: '1024Mi' }, requests: { memory: '512Mi' } },
      },
    ],
  });
  defaultPod(p);
  const c = p.spec!.containers[0]!;
  assert.deepEqual(c.ports, [{ containerPort: 80, protocol: 'TCP' }]);
  assert.deepEqual(c.env![0]!.valueFrom!.fieldRef, { fieldPath: 'metadata.name', apiVersion: 'v1' });
  assert.deepEqual(c.env![1]!.valueFrom!.resourceFieldRef, { resource: 'limits.memory', divisor: '0' });
  assert.deepEqual(c.livenessProbe, {
    httpGet: { port: 80, path: '/', scheme: 'HTTP' },
    timeoutSeconds: 1,
    periodSeconds: 10,
    successThreshold: 1,
    failureThreshold: 3,
  });
  assert.deepEqual(c.readinessProbe!.grpc, { port: 9000, service: '' });
  // Requests default to limits for resources without a request; every quantity canonical.
  assert.deepEqual(c.resources, { limits: { cpu: '500m', memory: '1Gi' }, requests: { memory: '512Mi', cpu: '500m' } });
});

test('resource lists are rounded up to milli units (SetDefaults_ResourceList)', () => {
  const p = pod({ containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '1n', memory: '1.5Gi', 'example.com/foo': '2' } } }] });
  defaultPod(p);
  assert.deepEqual(p.spec!.containers[0]!.resources!.requests, { cpu: '1m', memory: '1536Mi', 'example.com/foo': '2' });
});

test('volumes', () => {
  const p = pod({
    containers: [{ name: 'c', image: 'x' }],
    volumes: [
      { name: 'a' },
      { name: 'b', configMap: { name: 'cm' } },
      { name: 'c', secret: { secretName: 's' } },
      { name: 'd', hostPath: { path: '/tmp' } },
      { name: 'e', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
      { name: 'f', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } },
      { name: 'g', emptyDir: { sizeLimit: '1024Mi' } },
      { name: 'h', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1024Mi' } } } } } },
    ],
  });
  defaultPod(p);
  assert.deepEqual(p.spec!.volumes, [
    { name: 'a', emptyDir: {} },
    { name: 'b', configMap: { name: 'cm', defaultMode: 420 } },
    { name: 'c', secret: { secretName: 's', defaultMode: 420 } },
    { name: 'd', hostPath: { path: '/tmp', type: '' } },
    { name: 'e', downwardAPI: { defaultMode: 420, items: [{ path: 'labels', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.labels' } }] } },
    { name: 'f', projected: { defaultMode: 420, sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3600 } }] } },
    { name: 'g', emptyDir: { sizeLimit: '1Gi' } },
    {
      name: 'h',
      ephemeral: {
        volumeClaimTemplate: {
          metadata: { creationTimestamp: null },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
        },
      },
    },
  ]);
});

test('hostNetwork pods get hostPort = containerPort; templates do not', () => {
  const p = pod({ hostNetwork: true, containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 8080 }] }] });
  defaultPod(p);
  assert.equal(p.spec!.containers[0]!.ports![0]!.hostPort, 8080);
  const t: PodTemplateSpecT = { spec: { hostNetwork: true, containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 8080 }] }] } };
  defaultPodTemplateSpec(t);
  assert.equal(t.spec!.containers[0]!.ports![0]!.hostPort, undefined);
});

test('templates get the PodSpec defaults only, and creationTimestamp: null', () => {
  const t: PodTemplateSpec = {
    metadata: { labels: { app: 'web' } },
    spec: { containers: [{ name: 'c', image: 'nginx:1.27', resources: { limits: { cpu: '1' } } }] },
  };
  defaultPodTemplateSpec(t);
  assert.deepEqual(t.metadata, { labels: { app: 'web' }, creationTimestamp: null });
  assert.equal(t.spec!.enableServiceLinks, undefined);
  assert.deepEqual(t.spec!.containers[0]!.resources, { limits: { cpu: '1' } });
  assert.equal(t.spec!.restartPolicy, 'Always');
});

test('serviceAccount is an alias of serviceAccountName', () => {
  const a = pod({ serviceAccount: 'robot', containers: [{ name: 'c', image: 'x' }] });
  defaultPod(a);
  assert.equal(a.spec!.serviceAccountName, 'robot');
  assert.equal(a.spec!.serviceAccount, 'robot');
  const b = pod({ serviceAccountName: 'bot', serviceAccount: 'other', containers: [{ name: 'c', image: 'x' }] });
  defaultPod(b);
  assert.equal(b.spec!.serviceAccount, 'bot');
});

test('status: conditions and container statuses print like Go', () => {
  const p = pod({ containers: [{ name: 'c', image: 'x' }] });
  p.status = { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'True' }], containerStatuses: [{ name: 'c', state: { waiting: { reason: 'ContainerCreating' } } } as never] };
  defaultPod(p);
  assert.deepEqual(p.status.conditions, [{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: null }]);
  assert.deepEqual(p.status.containerStatuses, [
    { name: 'c', state: { waiting: { reason: 'ContainerCreating' } }, ready: false, restartCount: 0, image: '', imageID: '', lastState: {} },
  ]);
});

test('admission: service account token volume, priority, default tolerations', () => {
  const p: Pod = pod({ containers: [{ name: 'c', image: 'x' }], initContainers: [{ name: 'i', image: 'y' }] });
  defaultPod(p);
  assert.equal(podAdmissionDefaults(p, { suffix: 'x8x2n' }), undefined);
  const mount = { name: 'kube-api-access-x8x2n', readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' };
  assert.deepEqual(p.spec!.containers[0]!.volumeMounts, [mount]);
  assert.deepEqual(p.spec!.initContainers![0]!.volumeMounts, [mount]);
  assert.equal(p.spec!.serviceAccountName, 'default');
  assert.equal(p.spec!.serviceAccount, 'default');
  assert.deepEqual(p.spec!.volumes, [
    {
      name: 'kube-api-access-x8x2n',
      projected: {
        defaultMode: 420,
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
          { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
        ],
      },
    },
  ]);
  assert.equal(p.spec!.priority, 0);
  assert.equal(p.spec!.preemptionPolicy, 'PreemptLowerPriority');
  assert.deepEqual(p.spec!.tolerations, [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  ]);
});

test('admission: opt-outs and existing tolerations (DefaultTolerationSeconds cases)', () => {
  const a = pod({ automountServiceAccountToken: false, containers: [{ name: 'c', image: 'x' }], tolerations: [{ operator: 'Exists' }] });
  podAdmissionDefaults(a, { suffix: 'abcde' });
  assert.equal(a.spec!.volumes, undefined);
  assert.deepEqual(a.spec!.tolerations, [{ operator: 'Exists' }]);
  const b = pod({ containers: [{ name: 'c', image: 'x' }], tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }] });
  podAdmissionDefaults(b, { suffix: 'abcde', serviceAccount: { automountServiceAccountToken: false, imagePullSecrets: [{ name: 'reg' }] } });
  assert.equal(b.spec!.volumes, undefined);
  assert.deepEqual(b.spec!.imagePullSecrets, [{ name: 'reg' }]);
  assert.deepEqual(b.spec!.tolerations!.map((t) => [t.key, t.tolerationSeconds]), [['node.kubernetes.io/not-ready', 60], ['node.kubernetes.io/unreachable', 300]]);
  const c = pod({ priorityClassName: 'nope', containers: [{ name: 'c', image: 'x' }] });
  assert.equal(podAdmissionDefaults(c, { suffix: 'abcde' }), 'no PriorityClass with name nope was found');
  const d = pod({ priorityClassName: 'system-node-critical', containers: [{ name: 'c', image: 'x' }] });
  podAdmissionDefaults(d, { suffix: 'abcde' });
  assert.equal(d.spec!.priority, 2000001000);
});
