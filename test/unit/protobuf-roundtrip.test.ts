import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeK8sProtobuf } from '../../src/http/protobuf/decode.js';
import { encodeK8sProtobuf } from '../../src/http/protobuf/encode.js';

type Obj = Record<string, unknown>;
const roundTrip = (o: Obj) => decodeK8sProtobuf(encodeK8sProtobuf(o)).object;

// Objects in the JSON form upstream would show for them: non-pointer structs present (possibly {}),
// zero scalars only where the json tag has no omitempty.
const meta = (name: string, extra: Obj = {}) => ({ name, namespace: 'default', ...extra });

const podSpec: Obj = {
  volumes: [
    { name: 'cfg', configMap: { name: 'app-config', items: [{ key: 'a', path: 'a.txt', mode: 0o644 }], defaultMode: 420 } },
    { name: 'scratch', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
    { name: 'tok', projected: { sources: [{ serviceAccountToken: { audience: 'api', expirationSeconds: 3600, path: 'token' } }, { downwardAPI: { items: [{ path: 'labels', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.labels' } }] } }] } },
    { name: 'data', persistentVolumeClaim: { claimName: 'data-pvc', readOnly: true } },
    { name: 'sec', secret: { secretName: 's1', optional: false } },
    { name: 'host', hostPath: { path: '/var/log', type: 'Directory' } },
  ],
  initContainers: [{ name: 'init', image: 'busybox', command: ['sh', '-c', 'true'], resources: {} }],
  containers: [
    {
      name: 'app',
      image: 'example/app:1.0',
      args: ['--port=8080'],
      ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }, { containerPort: 0 }],
      envFrom: [{ configMapRef: { name: 'env-cm' } }, { prefix: 'S_', secretRef: { name: 'env-sec', optional: true } }],
      env: [
        { name: 'PLAIN', value: 'x' },
        { name: 'EMPTY' },
        { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
        { name: 'PASS', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
        { name: 'MEM', valueFrom: { resourceFieldRef: { containerName: 'app', resource: 'limits.memory', divisor: '1Mi' } } },
      ],
      resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '250m', memory: '64Mi' } },
      volumeMounts: [{ name: 'cfg', mountPath: '/etc/app', readOnly: true }, { name: 'scratch', mountPath: '/tmp', subPath: 'x' }],
      livenessProbe: { httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP', httpHeaders: [{ name: 'X-A', value: '' }] }, initialDelaySeconds: 3, periodSeconds: 10 },
      readinessProbe: { tcpSocket: { port: 'http' }, failureThreshold: 1 },
      startupProbe: { exec: { command: ['cat', '/ready'] }, terminationGracePeriodSeconds: 0 },
      lifecycle: { preStop: { sleep: { seconds: 5 } }, postStart: { exec: { command: ['echo'] } } },
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      imagePullPolicy: 'IfNotPresent',
      securityContext: { runAsUser: 0, runAsNonRoot: false, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } },
      stdin: true,
      tty: true,
    },
  ],
  restartPolicy: 'Always',
  terminationGracePeriodSeconds: 30,
  activeDeadlineSeconds: 2 ** 40,
  dnsPolicy: 'ClusterFirst',
  nodeSelector: { 'kubernetes.io/os': 'linux' },
  serviceAccountName: 'default',
  automountServiceAccountToken: false,
  securityContext: { fsGroup: 2000, supplementalGroups: [1, 2, 3], sysctls: [{ name: 'net.core.somaxconn', value: '1024' }] },
  imagePullSecrets: [{ name: 'regcred' }],
  affinity: {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }] }] },
      preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'ssd', operator: 'Exists' }] } }],
    },
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        { weight: 100, podAffinityTerm: { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' } },
      ],
    },
  },
  schedulerName: 'default-scheduler',
  tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }, { operator: 'Exists' }],
  hostAliases: [{ ip: '10.0.0.1', hostnames: ['db.local'] }],
  priority: -5,
  dnsConfig: { nameservers: ['1.1.1.1'], options: [{ name: 'ndots', value: '2' }] },
  enableServiceLinks: true,
  topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] } }],
};

const OBJECTS: Obj[] = [
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta('web-0', {
      uid: '6f1c0a4e-0000-4000-8000-000000000001',
      resourceVersion: '42',
      generation: 3,
      creationTimestamp: '2024-05-01T10:00:00Z',
      labels: { app: 'web' },
      annotations: { note: '', 'example.com/x': 'y' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: 'u-1', controller: true, blockOwnerDeletion: true }],
      finalizers: ['example.com/f'],
      managedFields: [
        { manager: 'kubectl', operation: 'Update', apiVersion: 'v1', time: '2024-05-01T10:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } } } },
      ],
    }),
    spec: podSpec,
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2024-05-01T10:00:05Z' }],
      hostIP: '10.0.0.2',
      podIP: '10.1.0.5',
      podIPs: [{ ip: '10.1.0.5' }],
      startTime: '2024-05-01T10:00:00Z',
      containerStatuses: [
        { name: 'app', state: { running: { startedAt: '2024-05-01T10:00:02Z' } }, lastState: {}, ready: true, restartCount: 0, image: 'example/app:1.0', imageID: '', started: true },
      ],
      qosClass: 'Burstable',
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: meta('bin'),
    immutable: true,
    data: { 'key.bin': Buffer.from([0, 1, 2, 250, 255]).toString('base64'), empty: '' },
    type: 'Opaque',
  },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('cfg'), data: { 'app.conf': 'a=1\nb=2\n', blank: '' }, binaryData: { raw: 'AAEC' } },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a', labels: { 'kubernetes.io/metadata.name': 'team-a' } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta('web'),
    spec: {
      ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 8080 }, { name: 'named', protocol: 'TCP', appProtocol: 'http', port: 81, targetPort: 'http', nodePort: 30081 }, { port: 0 }],
      selector: { app: 'web' },
      clusterIP: '10.96.0.10',
      clusterIPs: ['10.96.0.10'],
      type: 'NodePort',
      sessionAffinity: 'ClientIP',
      sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } },
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
    },
    status: { loadBalancer: { ingress: [{ ip: '1.2.3.4', ports: [{ port: 80, protocol: 'TCP' }] }] } },
  },
  {
    apiVersion: 'autoscaling/v1',
    kind: 'HorizontalPodAutoscaler',
    metadata: meta('web'),
    spec: { scaleTargetRef: { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' }, minReplicas: 1, maxReplicas: 5, targetCPUUtilizationPercentage: 80 },
    status: { currentReplicas: 0, desiredReplicas: 0 },
  },
  {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: meta('web2'),
    spec: {
      scaleTargetRef: { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' },
      minReplicas: 2,
      maxReplicas: 10,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } },
        { type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '1k' } } },
      ],
      behavior: { scaleDown: { stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] } },
    },
    status: { desiredReplicas: 0 },
  },
  {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: meta('nightly'),
    spec: {
      schedule: '0 3 * * *',
      timeZone: 'Etc/UTC',
      concurrencyPolicy: 'Forbid',
      suspend: false,
      jobTemplate: { metadata: {}, spec: { backoffLimit: 0, template: { metadata: {}, spec: { containers: [{ name: 'c', image: 'busybox', resources: {} }], restartPolicy: 'OnFailure' } } } },
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
    },
    status: { lastScheduleTime: '2024-05-01T03:00:00Z' },
  },
  {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: meta('pi'),
    spec: {
      parallelism: 2,
      completions: 4,
      completionMode: 'Indexed',
      backoffLimitPerIndex: 1,
      podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }, { action: 'FailJob', onExitCodes: { operator: 'In', values: [42, 43] } }] },
      template: { metadata: { labels: { job: 'pi' } }, spec: { containers: [{ name: 'pi', image: 'perl', command: ['perl', '-e', 'print 1'], resources: {} }], restartPolicy: 'Never' } },
    },
    status: { active: 2, ready: 0, uncountedTerminatedPods: {} },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: meta('db'),
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'db' } },
      template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres', resources: {} }] } },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: '' }, status: {} }],
      serviceName: 'db',
      podManagementPolicy: 'Parallel',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0, maxUnavailable: '50%' } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Delete' },
    },
    status: { replicas: 0, availableReplicas: 0 },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: meta('agent'),
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'agent', resources: {} }], hostNetwork: true } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      revisionHistoryLimit: 10,
    },
    status: { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 },
  },
  {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: meta('web-0.17a'),
    involvedObject: { kind: 'Pod', namespace: 'default', name: 'web-0', uid: 'u-2', apiVersion: 'v1', fieldPath: 'spec.containers{app}' },
    reason: 'Pulled',
    message: 'Successfully pulled image',
    source: { component: 'kubelet', host: 'node-1' },
    firstTimestamp: '2024-05-01T10:00:01Z',
    lastTimestamp: '2024-05-01T10:00:09Z',
    count: 2,
    type: 'Normal',
    eventTime: '2024-05-01T10:00:01.123456Z',
    series: { count: 2, lastObservedTime: '2024-05-01T10:00:09.000001Z' },
    reportingComponent: '',
    reportingInstance: '',
  },
  {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'node-1', labels: { 'kubernetes.io/hostname': 'node-1' } },
    spec: { podCIDR: '10.1.0.0/24', podCIDRs: ['10.1.0.0/24'], taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] },
    status: {
      capacity: { cpu: '4', memory: '8Gi', pods: '110' },
      allocatable: { cpu: '3800m', memory: '7Gi', pods: '110' },
      conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: '2024-05-01T10:00:00Z', lastTransitionTime: '2024-05-01T09:00:00Z', reason: 'KubeletReady', message: 'ok' }],
      addresses: [{ type: 'InternalIP', address: '10.0.0.2' }],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: { machineID: 'm', systemUUID: 's', bootID: 'b', kernelVersion: '6.1', osImage: 'Linux', containerRuntimeVersion: 'containerd://1.7', kubeletVersion: 'v1.32.0', kubeProxyVersion: '', operatingSystem: 'linux', architecture: 'amd64' },
      images: [{ names: ['nginx:latest'], sizeBytes: 70000000 }],
    },
  },
  { apiVersion: 'policy/v1', kind: 'Eviction', metadata: meta('web-0'), deleteOptions: { gracePeriodSeconds: 0, preconditions: { uid: 'u-3' }, dryRun: ['All'] } },
  { apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy: 'Foreground', gracePeriodSeconds: 30 },
  { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: meta('web'), spec: { replicas: 3 }, status: { replicas: 2, selector: 'app=web' } },
  { apiVersion: 'v1', kind: 'Binding', metadata: meta('web-0'), target: { kind: 'Node', name: 'node-1', apiVersion: 'v1' } },
  { apiVersion: 'v1', kind: 'Endpoints', metadata: meta('web'), subsets: [{ addresses: [{ ip: '10.1.0.5', nodeName: 'node-1', targetRef: { kind: 'Pod', name: 'web-0' } }], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] }] },
  { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('builder'), secrets: [{ name: 'builder-token' }], automountServiceAccountToken: false },
];

test('encode -> decode round trips realistic objects unchanged', () => {
  for (const o of OBJECTS) assert.deepEqual(roundTrip(o), o, `${o.kind} ${(o.metadata as Obj | undefined)?.name ?? ''}`);
});

test('kubectl create deployment object round trips', () => {
  const d = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', resources: {} }] } },
      strategy: {},
    },
    status: {},
  };
  assert.deepEqual(roundTrip(d), d);
});

test('zero values: pointers kept, omitempty scalars dropped, non-pointer structs shown, zero Time omitted', () => {
  const got = roundTrip({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'z', creationTimestamp: null, generation: 0 },
    spec: { replicas: 0, minReadySeconds: 0, paused: false, revisionHistoryLimit: 0, template: { spec: { containers: [{ name: 'c', image: '', ports: [{ containerPort: 80, hostPort: 0 }] }] } } },
  });
  assert.deepEqual(got, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'z' },
    spec: {
      replicas: 0,
      revisionHistoryLimit: 0,
      template: { metadata: {}, spec: { containers: [{ name: 'c', ports: [{ containerPort: 80 }], resources: {} }] } },
      strategy: {},
    },
    status: {},
  });
});

test('IntOrString and Quantity JSON forms', () => {
  const svc = (targetPort: unknown) =>
    roundTrip({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80, targetPort }] }, status: { loadBalancer: {} } });
  const port = (o: Obj) => ((o.spec as Obj).ports as Obj[])[0]!;
  assert.equal(port(svc(8080)).targetPort, 8080);
  assert.equal(port(svc('http')).targetPort, 'http');
  assert.equal(port(svc(0)).targetPort, undefined, 'zero IntOrString with omitempty is omitted');
  const pdb = roundTrip({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p' }, spec: { maxUnavailable: 0 } });
  assert.equal((pdb.spec as Obj).maxUnavailable, 0, 'pointer IntOrString keeps 0');
  const pod = roundTrip({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', resources: { limits: { cpu: 1, memory: '1Gi' } } }] } });
  assert.deepEqual((((pod.spec as Obj).containers as Obj[])[0]!.resources as Obj).limits, { cpu: '1', memory: '1Gi' });
});
