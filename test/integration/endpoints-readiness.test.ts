import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster, deployment, type TestCluster } from '../helpers/cluster.js';
import { markPodsNotReady, markPodsReady } from '../helpers/pods.js';

let c: TestCluster;
before(async () => {
  c = await testCluster({ kubelets: false });
});
after(async () => {
  await c.stop();
});

const pods = () => c.client.resource('', 'pods');
const eps = (name: string) => c.client.resource('', 'endpoints').get('default', name) as any;
const slicesOf = (svc: string) =>
  c.client.resource('discovery.k8s.io', 'endpointslices').list('default', { labelSelector: `kubernetes.io/service-name=${svc}` }).items as any[];
const livePods = (app: string) => (pods().list('default', { labelSelector: `app=${app}` }).items as any[]).filter((p) => !p.metadata.deletionTimestamp);
const ipOf = (name: string) => (pods().get('default', name) as any).status.podIP as string;

const webDeployment = (name: string, replicas: number) =>
  deployment(name, {
    replicas,
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 8080 }] }] },
    },
  });

async function create(path: string, body: unknown) {
  const r = await c.req('POST', path, body);
  assert.equal(r.status, 201, r.text);
  await c.settle();
  return r.body;
}

test('a service selecting pods without IPs gets an empty Endpoints and a placeholder slice', async () => {
  await create('/apis/apps/v1/namespaces/default/deployments', webDeployment('web', 2));
  const svc = await create('/api/v1/namespaces/default/services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] },
  });
  const ep = eps('web');
  assert.equal(ep.subsets, undefined);
  assert.deepEqual(ep.metadata.labels, { app: 'web' });
  assert.equal(ep.metadata.annotations['endpoints.kubernetes.io/last-change-trigger-time'], svc.metadata.creationTimestamp);
  const slices = slicesOf('web');
  assert.equal(slices.length, 1);
  const s = slices[0];
  assert.match(s.metadata.name, /^web-[a-z0-9]{5}$/);
  assert.equal(s.metadata.generateName, 'web-');
  assert.deepEqual(s.metadata.labels, { app: 'web', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
  assert.deepEqual(s.metadata.ownerReferences, [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }]);
  assert.equal(s.addressType, 'IPv4');
  assert.deepEqual(s.endpoints ?? [], []);
});

test('ready pods become addresses on the named target port; the placeholder slice is reused', async () => {
  const placeholder = slicesOf('web')[0].metadata.name;
  markPodsReady(c, 'default', 'app=web');
  await c.settle();
  const names = livePods('web').map((p) => p.metadata.name).sort();
  const ips = names.map(ipOf).sort();
  const ep = eps('web');
  assert.equal(ep.subsets.length, 1);
  assert.deepEqual(ep.subsets[0].ports, [{ port: 8080, protocol: 'TCP' }]);
  assert.deepEqual(ep.subsets[0].addresses.map((a: any) => a.ip), ips);
  assert.equal(ep.subsets[0].notReadyAddresses, undefined);
  const a0 = ep.subsets[0].addresses[0];
  const p0 = pods().get('default', a0.targetRef.name) as any;
  assert.deepEqual(a0, { ip: p0.status.podIP, nodeName: p0.spec.nodeName, targetRef: { kind: 'Pod', namespace: 'default', name: p0.metadata.name, uid: p0.metadata.uid } });

  const slices = slicesOf('web');
  assert.equal(slices.length, 1);
  assert.equal(slices[0].metadata.name, placeholder);
  assert.deepEqual(slices[0].ports, [{ name: '', protocol: 'TCP', port: 8080 }]);
  const byName = Object.fromEntries(slices[0].endpoints.map((e: any) => [e.targetRef.name, e]));
  assert.deepEqual(Object.keys(byName).sort(), names);
  for (const n of names) {
    const p = pods().get('default', n) as any;
    assert.deepEqual(byName[n], {
      addresses: [p.status.podIP],
      conditions: { ready: true, serving: true, terminating: false },
      nodeName: p.spec.nodeName,
      targetRef: { kind: 'Pod', namespace: 'default', name: n, uid: p.metadata.uid },
    });
  }
  assert.ok(slices[0].metadata.annotations['endpoints.kubernetes.io/last-change-trigger-time']);
});

test('a pod turning not ready moves to notReadyAddresses and serving false; back again when ready', async () => {
  const [first, second] = livePods('web').map((p) => p.metadata.name).sort();
  c.clock.step(5000);
  markPodsNotReady(c, 'default', 'app=web', { names: [first] });
  await c.settle();
  let ep = eps('web');
  assert.equal(ep.subsets.length, 1);
  assert.deepEqual(ep.subsets[0].addresses.map((a: any) => a.targetRef.name), [second]);
  assert.deepEqual(ep.subsets[0].notReadyAddresses.map((a: any) => a.targetRef.name), [first]);
  // The trigger time is the Ready transition of the pod that changed.
  assert.equal(ep.metadata.annotations['endpoints.kubernetes.io/last-change-trigger-time'], '2024-01-01T00:00:05Z');
  const e1 = slicesOf('web')[0].endpoints.find((e: any) => e.targetRef.name === first);
  assert.deepEqual(e1.conditions, { ready: false, serving: false, terminating: false });

  const rv = eps('web').metadata.resourceVersion;
  const sliceRV = slicesOf('web')[0].metadata.resourceVersion;
  // An unrelated pod change (an annotation) writes nothing.
  pods().patch('default', second, 'merge', { metadata: { annotations: { note: 'x' } } });
  await c.settle();
  assert.equal(eps('web').metadata.resourceVersion, rv);
  assert.equal(slicesOf('web')[0].metadata.resourceVersion, sliceRV);

  markPodsReady(c, 'default', 'app=web', { names: [first] });
  await c.settle();
  ep = eps('web');
  assert.equal(ep.subsets[0].addresses.length, 2);
  assert.equal(ep.subsets[0].notReadyAddresses, undefined);
});

test('a terminating pod leaves Endpoints but stays in the slice as terminating; gone once deleted', async () => {
  const victim = livePods('web').map((p) => p.metadata.name).sort()[0];
  pods().delete('default', victim);
  await c.settle();
  const ep = eps('web');
  const all = ep.subsets.flatMap((s: any) => [...(s.addresses ?? []), ...(s.notReadyAddresses ?? [])]).map((a: any) => a.targetRef.name);
  assert.ok(!all.includes(victim));
  const e = slicesOf('web')[0].endpoints.find((x: any) => x.targetRef.name === victim);
  assert.deepEqual(e.conditions, { ready: false, serving: true, terminating: true });
  pods().delete('default', victim, { gracePeriodSeconds: 0 });
  await c.settle();
  assert.ok(!slicesOf('web')[0].endpoints.some((x: any) => x.targetRef.name === victim));
  // The replacement has no IP yet: not listed until the kubelet (here the test) gives it one.
  assert.equal(eps('web').subsets[0].addresses.length, 1);
  markPodsReady(c, 'default', 'app=web');
  await c.settle();
  assert.equal(eps('web').subsets[0].addresses.length, 2);
});

test('scaling up adds addresses and endpoints', async () => {
  c.client.resource('apps', 'deployments').patch('default', 'web', 'merge', { spec: { replicas: 4 } });
  await c.settle();
  markPodsReady(c, 'default', 'app=web');
  await c.settle();
  const names = livePods('web').map((p) => p.metadata.name).sort();
  assert.equal(names.length, 4);
  assert.deepEqual(eps('web').subsets[0].addresses.map((a: any) => a.targetRef.name).sort(), names);
  const slices = slicesOf('web');
  assert.equal(slices.length, 1);
  assert.deepEqual(slices[0].endpoints.map((e: any) => e.targetRef.name).sort(), names);
});

test('pods without the named port are left out; two ports group by what each pod serves', async () => {
  await create('/api/v1/namespaces/default/pods', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'odd', labels: { app: 'web' } },
    spec: { containers: [{ name: 'c', image: 'nginx:1.27', ports: [{ name: 'metrics', containerPort: 9090 }] }] },
  });
  markPodsReady(c, 'default', 'app=web', { names: ['odd'] });
  await c.settle();
  assert.ok(!eps('web').subsets.some((s: any) => s.addresses.some((a: any) => a.targetRef.name === 'odd')));
  c.client.resource('', 'services').patch('default', 'web', 'merge', {
    spec: { ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'metrics', port: 9090, targetPort: 'metrics' }] },
  });
  await c.settle();
  const ep = eps('web');
  assert.equal(ep.subsets.length, 2);
  const metricsOnly = ep.subsets.find((s: any) => s.ports.length === 1 && s.ports[0].name === 'metrics');
  assert.deepEqual(metricsOnly.addresses.map((a: any) => a.targetRef.name), ['odd']);
  const http = ep.subsets.find((s: any) => s.ports[0].name === 'http');
  assert.equal(http.addresses.length, 4);
  // One slice per distinct set of ports.
  const slices = slicesOf('web');
  assert.equal(slices.length, 2);
  const ports = slices.map((s) => s.ports.map((p: any) => `${p.name}:${p.port}`).join(',')).sort();
  assert.deepEqual(ports, ['http:8080', 'metrics:9090']);
  pods().delete('default', 'odd', { gracePeriodSeconds: 0 });
  await c.settle();
  assert.equal(slicesOf('web').length, 1);
});

test('publishNotReadyAddresses lists not-ready pods as ready; headless services are labelled', async () => {
  markPodsNotReady(c, 'default', 'app=web', { limit: 1 });
  await create('/api/v1/namespaces/default/services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web-headless' },
    spec: { clusterIP: 'None', publishNotReadyAddresses: true, selector: { app: 'web' }, ports: [{ port: 8080 }] },
  });
  const ep = eps('web-headless');
  assert.equal(ep.metadata.labels['service.kubernetes.io/headless'], '');
  assert.equal(ep.subsets[0].addresses.length, 4);
  assert.equal(ep.subsets[0].notReadyAddresses, undefined);
  const s = slicesOf('web-headless')[0];
  assert.equal(s.metadata.labels['service.kubernetes.io/headless'], '');
  assert.equal(s.endpoints.filter((e: any) => e.conditions.ready).length, 4);
  assert.equal(s.endpoints.filter((e: any) => e.conditions.serving).length, 3);
});

test('services without a selector are left alone; deleting a service removes its Endpoints and slices', async () => {
  await create('/api/v1/namespaces/default/services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'external' },
    spec: { ports: [{ port: 5432 }] },
  });
  await create('/api/v1/namespaces/default/endpoints', {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'external' },
    subsets: [{ addresses: [{ ip: '192.168.1.10' }], ports: [{ port: 5432 }] }],
  });
  assert.deepEqual(eps('external').subsets, [{ addresses: [{ ip: '192.168.1.10' }], ports: [{ port: 5432, protocol: 'TCP' }] }]);
  assert.equal(slicesOf('external').length, 0);

  const r = await c.req('DELETE', '/api/v1/namespaces/default/services/web-headless');
  assert.equal(r.status, 200, r.text);
  await c.settle();
  assert.throws(() => eps('web-headless'), /not found/);
  assert.equal(slicesOf('web-headless').length, 0);
});
