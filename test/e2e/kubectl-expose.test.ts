/**
 * Real kubectl: expose a Deployment (ClusterIP and NodePort), the Endpoints and EndpointSlices the
 * controllers keep, `get endpoints` and `describe svc` as a real cluster prints them.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { skipReason, startKubectlEnv, tableRows, type KubectlEnv } from '../helpers/kubectl.js';
import { markPodsReady } from '../helpers/pods.js';
import type { TestCluster } from '../helpers/cluster.js';

describe('kubectl expose and endpoints', { skip: skipReason }, () => {
  let k: KubectlEnv;
  let c: TestCluster;
  before(async () => {
    k = await startKubectlEnv({ cluster: { kubelets: false } });
    c = Object.assign(k.cluster, { clock: k.clock }) as unknown as TestCluster;
  });
  after(async () => {
    await k?.stop();
  });

  const settle = () => k.cluster.settle();
  const ips = () =>
    (k.cluster.client.resource('', 'pods').list('default', { labelSelector: 'app=web' }).items as any[])
      .map((p) => p.status?.podIP as string)
      .filter(Boolean)
      .sort();

  test('expose deployment web --port=80 --target-port=8080: the server fills the service', async () => {
    await k.ok(['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2', '--port=8080']);
    await settle();
    const out = await k.ok(['expose', 'deployment', 'web', '--port=80', '--target-port=8080']);
    assert.equal(out.trim(), 'service/web exposed');
    await settle();
    const svc = JSON.parse(await k.ok(['get', 'svc', 'web', '-o', 'json']));
    assert.deepEqual(svc.spec.selector, { app: 'web' });
    assert.deepEqual(svc.spec.ports, [{ port: 80, protocol: 'TCP', targetPort: 8080 }]);
    assert.match(svc.spec.clusterIP, /^10\.(9[6-9]|10\d|11[01])\.\d+\.\d+$/);
    assert.deepEqual(svc.spec.clusterIPs, [svc.spec.clusterIP]);
    assert.deepEqual(svc.spec.ipFamilies, ['IPv4']);
    assert.equal(svc.spec.ipFamilyPolicy, 'SingleStack');
    assert.equal(svc.spec.internalTrafficPolicy, 'Cluster');
    assert.equal(svc.spec.sessionAffinity, 'None');
    assert.equal(svc.spec.type, 'ClusterIP');
    assert.deepEqual(svc.status, { loadBalancer: {} });
    const row = tableRows(await k.ok(['get', 'svc', 'web']))[1]!;
    assert.deepEqual(row.slice(0, 5), ['web', 'ClusterIP', svc.spec.clusterIP, '<none>', '80/TCP']);
  });

  test('get endpoints and describe svc follow the pods becoming ready', async () => {
    let ep = tableRows(await k.ok(['get', 'endpoints', 'web']));
    assert.deepEqual(ep[0], ['NAME', 'ENDPOINTS', 'AGE']);
    assert.equal(ep[1]![1], '<none>');
    markPodsReady(c, 'default', 'app=web');
    await settle();
    const want = ips()
      .map((ip) => `${ip}:8080`)
      .join(',');
    ep = tableRows(await k.ok(['get', 'endpoints', 'web']));
    assert.equal(ep[1]![1], want);
    const slices = tableRows(await k.ok(['get', 'endpointslices', '-l', 'kubernetes.io/service-name=web']));
    assert.deepEqual(slices[0], ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE']);
    assert.equal(slices.length, 2);
    assert.deepEqual(slices[1]!.slice(1, 4), ['IPv4', '8080', ips().join(',')]);
    const d = await k.ok(['describe', 'svc', 'web']);
    const line = (label: string) => d.split('\n').find((l) => l.startsWith(`${label}:`))?.slice(label.length + 1).trim();
    assert.equal(line('Name'), 'web');
    assert.equal(line('Selector'), 'app=web');
    assert.equal(line('Type'), 'ClusterIP');
    assert.equal(line('IP Family Policy'), 'SingleStack');
    assert.equal(line('IP Families'), 'IPv4');
    assert.equal(line('Port'), '<unset>  80/TCP');
    assert.equal(line('TargetPort'), '8080/TCP');
    assert.equal(line('Endpoints'), want);
    assert.equal(line('Session Affinity'), 'None');
    assert.equal(line('Internal Traffic Policy'), 'Cluster');
  });

  test('expose --type=NodePort allocates a node port; describe shows it', async () => {
    await k.ok(['expose', 'deployment', 'web', '--name=web-np', '--type=NodePort', '--port=80', '--target-port=8080']);
    await settle();
    const svc = JSON.parse(await k.ok(['get', 'svc', 'web-np', '-o', 'json']));
    const np = svc.spec.ports[0].nodePort;
    assert.ok(np >= 30000 && np <= 32767, String(np));
    assert.equal(svc.spec.externalTrafficPolicy, 'Cluster');
    const row = tableRows(await k.ok(['get', 'svc', 'web-np']))[1]!;
    assert.deepEqual(row.slice(1, 5), ['NodePort', svc.spec.clusterIP, '<none>', `80:${np}/TCP`]);
    const d = await k.ok(['describe', 'svc', 'web-np']);
    assert.match(d, new RegExp(`^NodePort:\\s+<unset>  ${np}/TCP$`, 'm'));
    assert.match(d, /^External Traffic Policy:\s+Cluster$/m);
    assert.match(d, new RegExp(`^Endpoints:\\s+${ips().map((ip) => `${ip.replace(/\./g, '\\.')}:8080`).join(',')}$`, 'm'));
  });

  test('expose --type=LoadBalancer stays <pending>; deleting the service removes its endpoints', async () => {
    await k.ok(['expose', 'deployment', 'web', '--name=web-lb', '--type=LoadBalancer', '--port=80', '--target-port=8080']);
    await settle();
    const row = tableRows(await k.ok(['get', 'svc', 'web-lb']))[1]!;
    assert.equal(row[1], 'LoadBalancer');
    assert.equal(row[3], '<pending>');
    await k.ok(['delete', 'svc', 'web-lb']);
    await settle();
    const r = await k.run(['get', 'endpoints', 'web-lb']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /endpoints "web-lb" not found/);
    const slices = await k.ok(['get', 'endpointslices', '-l', 'kubernetes.io/service-name=web-lb', '-o', 'name']);
    assert.equal(slices.trim(), '');
  });
});
