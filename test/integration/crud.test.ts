import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster, deployment, configMap, type TestCluster } from '../helpers/cluster.js';

let c: TestCluster;
before(async () => {
  c = await testCluster({ controllers: false, kubelets: false });
});
after(async () => {
  await c.stop();
});

test('a fresh cluster has the default namespaces, nodes and the kubernetes service', async () => {
  const ns = await c.req('GET', '/api/v1/namespaces');
  assert.deepEqual(ns.body.items.map((n: any) => n.metadata.name).sort(), ['default', 'kube-node-lease', 'kube-public', 'kube-system']);
  for (const n of ns.body.items) {
    assert.equal(n.status.phase, 'Active');
    assert.deepEqual(n.spec.finalizers, ['kubernetes']);
    assert.equal(n.metadata.labels['kubernetes.io/metadata.name'], n.metadata.name);
  }
  // Nodes are registered without conditions; their kubelets' first status post makes them Ready.
  await c.settle();
  const nodes = await c.req('GET', '/api/v1/nodes');
  assert.deepEqual(nodes.body.items.map((n: any) => n.metadata.name), ['kubemu-control-plane', 'node1', 'node2']);
  const cp = nodes.body.items[0];
  assert.deepEqual(cp.spec.taints, [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
  assert.equal(cp.status.conditions.find((x: any) => x.type === 'Ready').status, 'True');
  assert.equal(nodes.body.items[1].metadata.labels['kubernetes.io/hostname'], 'node1');
  const svc = await c.req('GET', '/api/v1/namespaces/default/services/kubernetes');
  assert.equal(svc.body.spec.clusterIP, '10.96.0.1');
});

test('create, get, update with optimistic concurrency, delete', async () => {
  const created = await c.req('POST', '/api/v1/namespaces/default/configmaps', configMap('cfg'));
  assert.equal(created.status, 201);
  const md = created.body.metadata;
  assert.match(md.uid, /^[0-9a-f-]{36}$/);
  assert.equal(md.creationTimestamp, '2024-01-01T00:00:00Z');
  assert.equal(md.namespace, 'default');
  assert.equal(md.managedFields[0].manager, 'lightMyRequest');
  const again = await c.req('POST', '/api/v1/namespaces/default/configmaps', configMap('cfg'));
  assert.equal(again.status, 409);
  assert.equal(again.body.reason, 'AlreadyExists');
  assert.equal(again.body.message, 'configmaps "cfg" already exists');
  const upd = await c.req('PUT', '/api/v1/namespaces/default/configmaps/cfg', { ...created.body, data: { a: '2' } });
  assert.equal(upd.status, 200);
  assert.notEqual(upd.body.metadata.resourceVersion, md.resourceVersion);
  const stale = await c.req('PUT', '/api/v1/namespaces/default/configmaps/cfg', { ...created.body, data: { a: '3' } });
  assert.equal(stale.status, 409);
  assert.equal(stale.body.reason, 'Conflict');
  assert.equal(
    stale.body.message,
    'Operation cannot be fulfilled on configmaps "cfg": the object has been modified; please apply your changes to the latest version and try again',
  );
  const got = await c.req('GET', '/api/v1/namespaces/default/configmaps/cfg');
  assert.deepEqual(got.body.data, { a: '2' });
  const del = await c.req('DELETE', '/api/v1/namespaces/default/configmaps/cfg', { propagationPolicy: 'Background' });
  assert.equal(del.status, 200);
  assert.equal(del.body.kind, 'Status');
  assert.equal(del.body.status, 'Success');
  assert.equal(del.body.details.uid, md.uid);
  const gone = await c.req('GET', '/api/v1/namespaces/default/configmaps/cfg');
  assert.equal(gone.status, 404);
  assert.equal(gone.body.message, 'configmaps "cfg" not found');
  assert.equal(gone.headers['cache-control'], 'no-cache, private');
});

test('generateName makes a name of the prefix and five characters', async () => {
  const r = await c.req('POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'gen-' } });
  assert.equal(r.status, 201);
  assert.match(r.body.metadata.name, /^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
});

test('deployments get defaults, generation, and status survives spec updates', async () => {
  const r = await c.req('POST', '/apis/apps/v1/namespaces/default/deployments', deployment('web'));
  assert.equal(r.status, 201);
  const d = r.body;
  assert.equal(d.metadata.generation, 1);
  assert.deepEqual(d.spec.strategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
  assert.equal(d.spec.revisionHistoryLimit, 10);
  assert.equal(d.spec.progressDeadlineSeconds, 600);
  const c0 = d.spec.template.spec.containers[0];
  assert.equal(c0.imagePullPolicy, 'IfNotPresent');
  assert.equal(c0.terminationMessagePath, '/dev/termination-log');
  assert.equal(d.spec.template.spec.restartPolicy, 'Always');
  const st = await c.req('PUT', '/apis/apps/v1/namespaces/default/deployments/web/status', { ...d, status: { replicas: 2, observedGeneration: 1 } });
  assert.equal(st.status, 200, JSON.stringify(st.body));
  assert.equal(st.body.metadata.generation, 1);
  const up = await c.req('PUT', '/apis/apps/v1/namespaces/default/deployments/web', { ...st.body, spec: { ...st.body.spec, replicas: 3 }, status: {} });
  assert.equal(up.body.metadata.generation, 2);
  assert.equal(up.body.status.replicas, 2, 'a spec update keeps status');
  const meta = await c.req('PATCH', '/apis/apps/v1/namespaces/default/deployments/web', { metadata: { labels: { x: 'y' } } }, { 'content-type': 'application/merge-patch+json' });
  assert.equal(meta.body.metadata.generation, 2, 'a metadata change does not bump generation');
});

test('the scale subresource reads and writes replicas', async () => {
  const s = await c.req('GET', '/apis/apps/v1/namespaces/default/deployments/web/scale');
  assert.equal(s.status, 200);
  assert.equal(s.body.kind, 'Scale');
  assert.equal(s.body.apiVersion, 'autoscaling/v1');
  assert.equal(s.body.spec.replicas, 3);
  assert.equal(s.body.status.selector, 'app=web');
  const p = await c.req('PATCH', '/apis/apps/v1/namespaces/default/deployments/web/scale', { spec: { replicas: 5 } }, { 'content-type': 'application/merge-patch+json' });
  assert.equal(p.status, 200);
  assert.equal(p.body.spec.replicas, 5);
  const put = await c.server.inject({ method: 'PUT', url: '/apis/apps/v1/namespaces/default/deployments/web/scale', payload: JSON.stringify({ ...p.body, spec: { replicas: 4 } }) });
  assert.equal(put.statusCode, 200, put.body);
  const d = await c.req('GET', '/apis/apps/v1/namespaces/default/deployments/web');
  assert.equal(d.body.spec.replicas, 4);
  const neg = await c.req('PATCH', '/apis/apps/v1/namespaces/default/deployments/web/scale', { spec: { replicas: -1 } }, { 'content-type': 'application/merge-patch+json' });
  assert.equal(neg.status, 422);
});

test('list with label and field selectors, and paging with limit/continue', async () => {
  for (const [n, tier] of [['a', 'fe'], ['b', 'be'], ['c', 'fe'], ['d', 'db']])
    await c.req('POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `sel-${n}`, labels: { tier } } });
  const fe = await c.req('GET', '/api/v1/namespaces/default/configmaps?labelSelector=tier%20in%20(fe,db)');
  assert.deepEqual(fe.body.items.map((i: any) => i.metadata.name), ['sel-a', 'sel-c', 'sel-d']);
  const notFe = await c.req('GET', '/api/v1/namespaces/default/configmaps?labelSelector=tier,tier!=fe');
  assert.deepEqual(notFe.body.items.map((i: any) => i.metadata.name), ['sel-b', 'sel-d']);
  const byName = await c.req('GET', '/api/v1/configmaps?fieldSelector=metadata.name%3Dsel-b');
  assert.deepEqual(byName.body.items.map((i: any) => i.metadata.name), ['sel-b']);
  const bad = await c.req('GET', '/api/v1/namespaces/default/configmaps?fieldSelector=spec.foo%3Dx');
  assert.equal(bad.status, 400);
  const p1 = await c.req('GET', '/api/v1/namespaces/default/configmaps?labelSelector=tier&limit=2');
  assert.equal(p1.body.items.length, 2);
  assert.ok(p1.body.metadata.continue);
  const p2 = await c.req('GET', `/api/v1/namespaces/default/configmaps?labelSelector=tier&limit=2&continue=${p1.body.metadata.continue}`);
  assert.deepEqual([...p1.body.items, ...p2.body.items].map((i: any) => i.metadata.name), ['sel-a', 'sel-b', 'sel-c', 'sel-d']);
  assert.equal(p2.body.metadata.continue, undefined);
});

test('kubectl-style Table responses', async () => {
  const accept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
  const t = await c.req('GET', '/apis/apps/v1/namespaces/default/deployments', undefined, { accept });
  assert.equal(t.body.kind, 'Table');
  assert.deepEqual(t.body.columnDefinitions.map((x: any) => x.name), ['Name', 'Ready', 'Up-to-date', 'Available', 'Age', 'Containers', 'Images', 'Selector']);
  assert.equal(t.body.rows[0].cells[0], 'web');
  assert.equal(t.body.rows[0].object.kind, 'PartialObjectMetadata');
  const one = await c.req('GET', '/api/v1/nodes/node1', undefined, { accept });
  assert.equal(one.body.rows.length, 1);
  assert.equal(one.body.rows[0].cells[1], 'Ready');
});

test('dryRun=All validates and answers but stores nothing', async () => {
  const r = await c.req('POST', '/api/v1/namespaces/default/configmaps?dryRun=All', configMap('dry'));
  assert.equal(r.status, 201);
  assert.equal((await c.req('GET', '/api/v1/namespaces/default/configmaps/dry')).status, 404);
});

test('pods: graceful deletion keeps a scheduled pod Terminating; an unscheduled pod goes at once', async () => {
  const pod = (name: string, nodeName?: string) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { ...(nodeName ? { nodeName } : {}), containers: [{ name: 'c', image: 'busybox' }] },
  });
  const p = await c.req('POST', '/api/v1/namespaces/default/pods', pod('p1', 'node1'));
  assert.equal(p.status, 201, JSON.stringify(p.body));
  assert.equal(p.body.status.phase, 'Pending');
  assert.equal(p.body.status.qosClass, 'BestEffort');
  assert.equal(p.body.spec.containers[0].imagePullPolicy, 'Always');
  const d = await c.req('DELETE', '/api/v1/namespaces/default/pods/p1');
  assert.equal(d.status, 200);
  assert.equal(d.body.kind, 'Pod');
  assert.equal(d.body.metadata.deletionGracePeriodSeconds, 30);
  assert.equal(d.body.metadata.deletionTimestamp, '2024-01-01T00:00:30Z');
  assert.equal((await c.req('GET', '/api/v1/namespaces/default/pods/p1')).status, 200);
  const now = await c.req('DELETE', '/api/v1/namespaces/default/pods/p1', { gracePeriodSeconds: 0 });
  assert.equal(now.status, 200);
  assert.equal((await c.req('GET', '/api/v1/namespaces/default/pods/p1')).status, 404);
  await c.req('POST', '/api/v1/namespaces/default/pods', pod('p2'));
  await c.req('DELETE', '/api/v1/namespaces/default/pods/p2');
  assert.equal((await c.req('GET', '/api/v1/namespaces/default/pods/p2')).status, 404);
});

test('finalizers hold a deleted object until they are removed; foreground propagation adds one', async () => {
  await c.req('POST', '/api/v1/namespaces/default/configmaps', { ...configMap('fin'), metadata: { name: 'fin', finalizers: ['example.com/hold'] } });
  const d = await c.req('DELETE', '/api/v1/namespaces/default/configmaps/fin', { propagationPolicy: 'Foreground' });
  assert.equal(d.status, 200);
  assert.ok(d.body.metadata.deletionTimestamp);
  assert.deepEqual(d.body.metadata.finalizers, ['example.com/hold', 'foregroundDeletion']);
  const cur = (await c.req('GET', '/api/v1/namespaces/default/configmaps/fin')).body;
  const r = await c.req('PUT', '/api/v1/namespaces/default/configmaps/fin', { ...cur, metadata: { ...cur.metadata, finalizers: [] } });
  assert.equal(r.status, 200);
  assert.equal((await c.req('GET', '/api/v1/namespaces/default/configmaps/fin')).status, 404);
});

test('services get a cluster IP from the service CIDR and node ports without collisions', async () => {
  const svc = (name: string, type: string, nodePort?: number) => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name },
    spec: { type, selector: { app: 'web' }, ports: [{ port: 80, ...(nodePort ? { nodePort } : {}) }] },
  });
  const a = await c.req('POST', '/api/v1/namespaces/default/services', svc('np-a', 'NodePort'));
  assert.equal(a.status, 201, JSON.stringify(a.body));
  assert.match(a.body.spec.clusterIP, /^10\.(9[6-9]|10[0-9]|11[01])\./);
  assert.deepEqual(a.body.spec.clusterIPs, [a.body.spec.clusterIP]);
  const port = a.body.spec.ports[0].nodePort;
  assert.ok(port >= 30000 && port <= 32767);
  assert.equal(a.body.spec.ports[0].targetPort, 80);
  const b = await c.req('POST', '/api/v1/namespaces/default/services', svc('np-b', 'NodePort', port));
  assert.equal(b.status, 422);
  assert.match(b.body.message, /provided port is already allocated/);
  const upd = await c.req('PATCH', '/api/v1/namespaces/default/services/np-a', { metadata: { labels: { x: 'y' } } }, { 'content-type': 'application/strategic-merge-patch+json' });
  assert.equal(upd.body.spec.ports[0].nodePort, port, 'allocations survive updates');
});
