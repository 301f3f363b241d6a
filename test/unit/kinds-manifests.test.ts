import { test } from 'node:test';
import assert from 'node:assert/strict';
import yaml from 'js-yaml';
import type { z } from 'zod';
import { unknownFields, metaOf, schemaAt, listPatchMeta } from '../../src/api/schema-walk.js';
import { Namespace } from '../../src/api/core/namespace.js';
import { Node } from '../../src/api/core/node.js';
import { Event } from '../../src/api/core/event.js';
import { ConfigMap } from '../../src/api/core/configmap.js';
import { Secret } from '../../src/api/core/secret.js';
import { Service } from '../../src/api/core/service.js';
import { Endpoints } from '../../src/api/core/endpoints.js';
import { ServiceAccount } from '../../src/api/core/service-account.js';
import { Binding } from '../../src/api/core/binding.js';
import { Eviction } from '../../src/api/policy/eviction.js';
import { Deployment } from '../../src/api/apps/deployment.js';
import { ReplicaSet } from '../../src/api/apps/replicaset.js';
import { Scale } from '../../src/api/autoscaling/scale.js';
import { Lease } from '../../src/api/coordination/lease.js';
import { EndpointSlice } from '../../src/api/discovery/endpoint-slice.js';
import { EventsV1Event } from '../../src/api/events/event.js';

const managed = `
  managedFields:
  - apiVersion: v1
    fieldsType: FieldsV1
    fieldsV1: {"f:metadata": {"f:labels": {}}}
    manager: kubectl-client-side-apply
    operation: Update
    time: "2024-05-01T10:00:00Z"`;

const manifests: Array<[string, z.ZodType, string]> = [
  ['Namespace', Namespace, `
apiVersion: v1
kind: Namespace
metadata:
  creationTimestamp: "2024-05-01T10:00:00Z"
  labels: {kubernetes.io/metadata.name: demo}
  name: demo
  resourceVersion: "123"
  uid: 7d1c1f4e-1111-2222-3333-444455556666${managed}
spec:
  finalizers: [kubernetes]
status:
  phase: Terminating
  conditions:
  - lastTransitionTime: "2024-05-01T10:05:00Z"
    message: All resources successfully discovered
    reason: ResourcesDiscovered
    status: "False"
    type: NamespaceDeletionDiscoveryFailure
`],
  ['Node', Node, `
apiVersion: v1
kind: Node
metadata:
  annotations: {node.alpha.kubernetes.io/ttl: "0", volumes.kubernetes.io/controller-managed-attach-detach: "true"}
  creationTimestamp: "2024-05-01T10:00:00Z"
  labels: {kubernetes.io/hostname: kind-control-plane, kubernetes.io/os: linux, node-role.kubernetes.io/control-plane: ""}
  name: kind-control-plane
  resourceVersion: "600"
  uid: 0b7c2e3a-aaaa-bbbb-cccc-ddddeeeeffff
spec:
  podCIDR: 10.244.0.0/24
  podCIDRs: [10.244.0.0/24]
  providerID: kind://docker/kind/kind-control-plane
  unschedulable: true
  taints:
  - effect: NoSchedule
    key: node-role.kubernetes.io/control-plane
  - effect: NoExecute
    key: node.kubernetes.io/unreachable
    timeAdded: "2024-05-01T10:03:00Z"
status:
  addresses:
  - {address: 172.18.0.2, type: InternalIP}
  - {address: kind-control-plane, type: Hostname}
  allocatable: {cpu: "8", ephemeral-storage: 263174212Ki, hugepages-1Gi: "0", memory: 32827228Ki, pods: "110"}
  capacity: {cpu: "8", ephemeral-storage: 263174212Ki, hugepages-1Gi: "0", memory: 32827228Ki, pods: "110"}
  conditions:
  - lastHeartbeatTime: "2024-05-01T10:10:00Z"
    lastTransitionTime: "2024-05-01T10:00:30Z"
    message: kubelet is posting ready status
    reason: KubeletReady
    status: "True"
    type: Ready
  daemonEndpoints:
    kubeletEndpoint: {Port: 10250}
  features: {supplementalGroupsPolicy: true}
  images:
  - names: [registry.k8s.io/etcd:3.5.15-0]
    sizeBytes: 56909194
  nodeInfo:
    architecture: amd64
    bootID: 6d2b6a1e-0000-0000-0000-000000000000
    containerRuntimeVersion: containerd://1.7.18
    kernelVersion: 6.8.0-40-generic
    kubeProxyVersion: v1.32.0
    kubeletVersion: v1.32.0
    machineID: 3f1e
    operatingSystem: linux
    osImage: Debian GNU/Linux 12 (bookworm)
    systemUUID: 3f1e-uuid
  runtimeHandlers:
  - features: {recursiveReadOnlyMounts: true, userNamespaces: true}
    name: runc
  - features: {recursiveReadOnlyMounts: true, userNamespaces: true}
    name: ""
  volumesAttached: [{name: kubernetes.io/csi/x, devicePath: ""}]
  volumesInUse: [kubernetes.io/csi/x]
`],
  ['Event', Event, `
apiVersion: v1
kind: Event
count: 1
eventTime: null
firstTimestamp: "2024-05-01T10:00:00Z"
involvedObject:
  apiVersion: v1
  fieldPath: spec.containers{nginx}
  kind: Pod
  name: web-7c5ddbdf54-x2k4q
  namespace: default
  resourceVersion: "41"
  uid: 1e1e1e1e-0000-0000-0000-000000000000
lastTimestamp: "2024-05-01T10:00:00Z"
message: Pulling image "nginx:1.27"
metadata:
  creationTimestamp: "2024-05-01T10:00:00Z"
  name: web-7c5ddbdf54-x2k4q.17cae1d4a0f2b3c4
  namespace: default
  resourceVersion: "44"
  uid: 2f2f2f2f-0000-0000-0000-000000000000
reason: Pulling
reportingComponent: kubelet
reportingInstance: kind-worker
source: {component: kubelet, host: kind-worker}
type: Normal
series: {count: 3, lastObservedTime: "2024-05-01T10:01:00.123456Z"}
action: Pull
related: {kind: Node, name: kind-worker}
`],
  ['ConfigMap', ConfigMap, `
apiVersion: v1
kind: ConfigMap
metadata: {name: kube-root-ca.crt, namespace: default, resourceVersion: "10", uid: a-b, creationTimestamp: "2024-05-01T10:00:00Z"}
data: {ca.crt: "-----BEGIN CERTIFICATE-----"}
binaryData: {blob: AAEC}
immutable: false
`],
  ['Secret', Secret, `
apiVersion: v1
kind: Secret
metadata: {name: db, namespace: default, resourceVersion: "11", uid: c-d, creationTimestamp: "2024-05-01T10:00:00Z"}
data: {password: cGFzcw==}
stringData: {user: admin}
immutable: true
type: Opaque
`],
  ['Service', Service, `
apiVersion: v1
kind: Service
metadata:
  annotations: {kubectl.kubernetes.io/last-applied-configuration: "{}"}
  creationTimestamp: "2024-05-01T10:00:00Z"
  name: web
  namespace: default
  resourceVersion: "77"
  uid: 3a3a3a3a-0000-0000-0000-000000000000
spec:
  allocateLoadBalancerNodePorts: true
  clusterIP: 10.96.12.34
  clusterIPs: [10.96.12.34]
  externalTrafficPolicy: Cluster
  internalTrafficPolicy: Cluster
  ipFamilies: [IPv4]
  ipFamilyPolicy: SingleStack
  loadBalancerClass: example.com/lb
  loadBalancerSourceRanges: [0.0.0.0/0]
  ports:
  - {name: http, nodePort: 31380, port: 80, protocol: TCP, targetPort: 8080, appProtocol: http}
  - {name: https, nodePort: 31390, port: 443, protocol: TCP, targetPort: https}
  publishNotReadyAddresses: false
  selector: {app: web}
  sessionAffinity: ClientIP
  sessionAffinityConfig: {clientIP: {timeoutSeconds: 10800}}
  trafficDistribution: PreferClose
  type: LoadBalancer
  externalIPs: [192.0.2.10]
status:
  loadBalancer:
    ingress:
    - ip: 192.0.2.1
      ipMode: VIP
      ports: [{port: 80, protocol: TCP, error: ""}]
  conditions:
  - {type: LoadBalancerReady, status: "True", lastTransitionTime: "2024-05-01T10:00:00Z", reason: Provisioned, message: ok, observedGeneration: 1}
`],
  ['Endpoints', Endpoints, `
apiVersion: v1
kind: Endpoints
metadata:
  annotations: {endpoints.kubernetes.io/last-change-trigger-time: "2024-05-01T10:00:00Z"}
  labels: {app: web}
  name: web
  namespace: default
subsets:
- addresses:
  - ip: 10.244.1.5
    nodeName: kind-worker
    hostname: web-0
    targetRef: {kind: Pod, name: web-0, namespace: default, uid: 4b4b}
  notReadyAddresses:
  - ip: 10.244.2.7
    nodeName: kind-worker2
    targetRef: {kind: Pod, name: web-1, namespace: default, uid: 5c5c}
  ports:
  - {name: http, port: 8080, protocol: TCP, appProtocol: http}
`],
  ['ServiceAccount', ServiceAccount, `
apiVersion: v1
kind: ServiceAccount
metadata: {name: default, namespace: default, uid: x, resourceVersion: "3", creationTimestamp: "2024-05-01T10:00:00Z"}
secrets: [{name: default-token-abcde}]
imagePullSecrets: [{name: regcred}]
automountServiceAccountToken: false
`],
  ['Binding', Binding, `
apiVersion: v1
kind: Binding
metadata: {name: web-0, namespace: default}
target: {apiVersion: v1, kind: Node, name: kind-worker}
`],
  ['Eviction', Eviction, `
apiVersion: policy/v1
kind: Eviction
metadata: {name: web-0, namespace: default}
deleteOptions: {gracePeriodSeconds: 30, propagationPolicy: Background, dryRun: [All], preconditions: {uid: x}}
`],
  ['Deployment', Deployment, `
apiVersion: apps/v1
kind: Deployment
metadata:
  annotations: {deployment.kubernetes.io/revision: "2"}
  creationTimestamp: "2024-05-01T10:00:00Z"
  generation: 2
  labels: {app: web}
  name: web
  namespace: default
  resourceVersion: "900"
  uid: 6d6d6d6d-0000-0000-0000-000000000000
spec:
  minReadySeconds: 5
  paused: false
  progressDeadlineSeconds: 600
  replicas: 3
  revisionHistoryLimit: 10
  selector:
    matchLabels: {app: web}
    matchExpressions: [{key: tier, operator: In, values: [frontend]}]
  strategy:
    rollingUpdate: {maxSurge: 25%, maxUnavailable: 1}
    type: RollingUpdate
  template:
    metadata:
      creationTimestamp: null
      labels: {app: web, tier: frontend}
    spec:
      containers:
      - image: nginx:1.27
        imagePullPolicy: IfNotPresent
        name: nginx
        ports: [{containerPort: 80, protocol: TCP}]
        resources: {}
        terminationMessagePath: /dev/termination-log
        terminationMessagePolicy: File
      dnsPolicy: ClusterFirst
      restartPolicy: Always
      schedulerName: default-scheduler
      securityContext: {}
      terminationGracePeriodSeconds: 30
status:
  availableReplicas: 3
  collisionCount: 1
  conditions:
  - lastTransitionTime: "2024-05-01T10:00:10Z"
    lastUpdateTime: "2024-05-01T10:00:10Z"
    message: Deployment has minimum availability.
    reason: MinimumReplicasAvailable
    status: "True"
    type: Available
  observedGeneration: 2
  readyReplicas: 3
  replicas: 3
  unavailableReplicas: 0
  updatedReplicas: 3
`],
  ['ReplicaSet', ReplicaSet, `
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  annotations: {deployment.kubernetes.io/desired-replicas: "3", deployment.kubernetes.io/max-replicas: "4", deployment.kubernetes.io/revision: "2"}
  labels: {app: web, pod-template-hash: 7c5ddbdf54}
  name: web-7c5ddbdf54
  namespace: default
  ownerReferences:
  - {apiVersion: apps/v1, blockOwnerDeletion: true, controller: true, kind: Deployment, name: web, uid: 6d6d}
spec:
  minReadySeconds: 0
  replicas: 3
  selector:
    matchLabels: {app: web, pod-template-hash: 7c5ddbdf54}
  template:
    metadata:
      labels: {app: web, pod-template-hash: 7c5ddbdf54}
    spec:
      containers:
      - {image: nginx:1.27, name: nginx}
status:
  availableReplicas: 3
  fullyLabeledReplicas: 3
  observedGeneration: 1
  readyReplicas: 3
  replicas: 3
  conditions: [{type: ReplicaFailure, status: "False", lastTransitionTime: "2024-05-01T10:00:00Z", reason: r, message: m}]
`],
  ['Scale', Scale, `
apiVersion: autoscaling/v1
kind: Scale
metadata: {name: web, namespace: default, resourceVersion: "900", uid: 6d6d, creationTimestamp: "2024-05-01T10:00:00Z"}
spec: {replicas: 3}
status: {replicas: 3, selector: app=web}
`],
  ['Lease', Lease, `
apiVersion: coordination.k8s.io/v1
kind: Lease
metadata:
  name: kind-worker
  namespace: kube-node-lease
  ownerReferences: [{apiVersion: v1, kind: Node, name: kind-worker, uid: 8e8e}]
spec:
  holderIdentity: kind-worker
  leaseDurationSeconds: 40
  renewTime: "2024-05-01T10:10:00.123456Z"
  acquireTime: "2024-05-01T10:00:00.000000Z"
  leaseTransitions: 0
  strategy: OldestEmulationVersion
  preferredHolder: kind-worker2
`],
  ['EndpointSlice', EndpointSlice, `
addressType: IPv4
apiVersion: discovery.k8s.io/v1
endpoints:
- addresses: [10.244.1.5]
  conditions: {ready: true, serving: true, terminating: false}
  hostname: web-0
  nodeName: kind-worker
  targetRef: {kind: Pod, name: web-0, namespace: default, uid: 4b4b}
  zone: zone-a
  hints: {forZones: [{name: zone-a}]}
  deprecatedTopology: {topology.kubernetes.io/zone: zone-a}
kind: EndpointSlice
metadata:
  generateName: web-
  generation: 1
  labels: {endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io, kubernetes.io/service-name: web}
  name: web-abcde
  namespace: default
  ownerReferences: [{apiVersion: v1, blockOwnerDeletion: true, controller: true, kind: Service, name: web, uid: 3a3a}]
ports:
- {name: http, port: 8080, protocol: TCP, appProtocol: http}
`],
  ['events.k8s.io Event', EventsV1Event, `
apiVersion: events.k8s.io/v1
kind: Event
action: Binding
deprecatedCount: 0
deprecatedFirstTimestamp: null
deprecatedLastTimestamp: null
deprecatedSource: {}
eventTime: "2024-05-01T10:00:00.123456Z"
metadata: {name: web-0.17cae1, namespace: default}
note: Successfully assigned default/web-0 to kind-worker
reason: Scheduled
regarding: {apiVersion: v1, kind: Pod, name: web-0, namespace: default, uid: 4b4b}
related: {kind: Node, name: kind-worker}
reportingController: default-scheduler
reportingInstance: default-scheduler-kind-control-plane
series: {count: 2, lastObservedTime: "2024-05-01T10:00:01.000000Z"}
type: Normal
`],
];

for (const [name, schema, text] of manifests) {
  test(`${name}: a full real-cluster manifest has no unknown fields`, () => {
    assert.deepEqual(unknownFields(schema, yaml.load(text)), []);
  });
}

test('unknown fields are reported with their paths', () => {
  const svc = { metadata: { name: 'a' }, spec: { ports: [{ port: 80, bogus: 1 }], nope: true } };
  assert.deepEqual(unknownFields(Service, svc), ['spec.ports[0].bogus', 'spec.nope']);
  assert.deepEqual(unknownFields(Deployment, { metadata: {}, spec: { rollbackTo: { revision: 1 } } }), ['spec.rollbackTo']);
  assert.deepEqual(unknownFields(Node, { metadata: {}, status: { nodeInfo: { swap: { capacity: 1 } } } }), ['status.nodeInfo.swap']);
});

test('schema ids and list extensions follow upstream OpenAPI', () => {
  assert.equal(metaOf(Deployment).id, 'io.k8s.api.apps.v1.Deployment');
  assert.equal(metaOf(schemaAt(Deployment, ['spec', 'strategy'])!).id, 'io.k8s.api.apps.v1.DeploymentStrategy');
  assert.equal(metaOf(schemaAt(Deployment, ['spec', 'template'])!).id, 'io.k8s.api.core.v1.PodTemplateSpec');
  assert.equal(metaOf(schemaAt(Service, ['spec', 'ports', '*'])!).id, 'io.k8s.api.core.v1.ServicePort');
  const ports = metaOf(schemaAt(Service, ['spec', 'ports'])!);
  assert.deepEqual([ports['x-kubernetes-list-map-keys'], listPatchMeta(schemaAt(Service, ['spec', 'ports'])!)], [
    ['port', 'protocol'],
    { mergeKey: 'port', strategy: ['merge'] },
  ]);
  assert.deepEqual(listPatchMeta(schemaAt(Deployment, ['status', 'conditions'])!), { mergeKey: 'type', strategy: ['merge'] });
  assert.deepEqual(listPatchMeta(schemaAt(Node, ['status', 'addresses'])!), { mergeKey: 'type', strategy: ['merge'] });
  assert.equal(metaOf(schemaAt(Node, ['status', 'addresses'])!)['x-kubernetes-list-type'], 'atomic');
  assert.equal(metaOf(schemaAt(Node, ['spec', 'taints'])!)['x-kubernetes-list-type'], 'atomic');
  assert.equal(metaOf(schemaAt(Event, ['involvedObject'])!).id, 'io.k8s.api.core.v1.ObjectReference');
  assert.equal(metaOf(schemaAt(EndpointSlice, ['ports', '*'])!).id, 'io.k8s.api.discovery.v1.EndpointPort');
  assert.equal(metaOf(schemaAt(Endpoints, ['subsets', '*', 'ports', '*'])!).id, 'io.k8s.api.core.v1.EndpointPort');
  assert.equal(metaOf(schemaAt(Service, ['spec', 'selector'])!)['x-kubernetes-map-type'], 'atomic');
});
