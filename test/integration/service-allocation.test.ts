import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster, type TestCluster } from '../helpers/cluster.js';

let c: TestCluster;
before(async () => {
  c = await testCluster({ kubelets: false, scheduler: false });
});
after(async () => {
  await c.stop();
});

const svc = (name: string, spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec });
async function post(body: unknown, status = 201) {
  const r = await c.req('POST', '/api/v1/namespaces/default/services', body);
  assert.equal(r.status, status, r.text);
  return r.body;
}
async function patch(name: string, body: unknown, status = 200) {
  const r = await c.req('PATCH', `/api/v1/namespaces/default/services/${name}`, body, { 'content-type': 'application/merge-patch+json' });
  assert.equal(r.status, status, r.text);
  return r.body;
}
const ipNum = (ip: string) => ip.split('.').reduce((n, x) => n * 256 + Number(x), 0);

test('ClusterIP: a dynamic IP from the upper band of 10.96.0.0/12 and the single-stack fields', async () => {
  const s = await post(svc('a', { selector: { app: 'a' }, ports: [{ port: 80, targetPort: 8080 }] }));
  const ip = s.spec.clusterIP;
  assert.ok(ipNum(ip) >= ipNum('10.96.1.1') && ipNum(ip) <= ipNum('10.111.255.254'), ip);
  assert.deepEqual(s.spec.clusterIPs, [ip]);
  assert.deepEqual(s.spec.ipFamilies, ['IPv4']);
  assert.equal(s.spec.ipFamilyPolicy, 'SingleStack');
  assert.equal(s.spec.internalTrafficPolicy, 'Cluster');
  assert.equal(s.spec.sessionAffinity, 'None');
  assert.equal(s.spec.type, 'ClusterIP');
  assert.deepEqual(s.spec.ports, [{ port: 80, protocol: 'TCP', targetPort: 8080 }]);
  // A requested IP in the lower band is fine; a taken one is not.
  const b = await post(svc('b', { clusterIP: '10.96.0.20', ports: [{ port: 80 }] }));
  assert.deepEqual(b.spec.clusterIPs, ['10.96.0.20']);
  const dup = await post(svc('b2', { clusterIP: '10.96.0.20', ports: [{ port: 80 }] }), 422);
  assert.match(dup.message, /failed to allocate IP 10\.96\.0\.20: provided IP is already allocated/);
  const out = await post(svc('b3', { clusterIP: '192.168.0.1', ports: [{ port: 80 }] }), 422);
  assert.match(out.message, /provided IP is not in the valid range\. The range of valid IPs is 10\.96\.0\.0\/12/);
  // Released with the service, then reusable.
  assert.equal((await c.req('DELETE', '/api/v1/namespaces/default/services/b')).status, 200);
  const again = await post(svc('b4', { clusterIP: '10.96.0.20', ports: [{ port: 80 }] }));
  assert.equal(again.spec.clusterIP, '10.96.0.20');
});

test('headless: no IP; with a selector SingleStack, without one RequireDualStack with both families', async () => {
  const h = await post(svc('h', { clusterIP: 'None', selector: { app: 'h' }, ports: [{ port: 80 }] }));
  assert.equal(h.spec.clusterIP, 'None');
  assert.deepEqual(h.spec.clusterIPs, ['None']);
  assert.deepEqual(h.spec.ipFamilies, ['IPv4']);
  assert.equal(h.spec.ipFamilyPolicy, 'SingleStack');
  const n = await post(svc('h2', { clusterIP: 'None', ports: [{ port: 80 }] }));
  assert.deepEqual(n.spec.ipFamilies, ['IPv4', 'IPv6']);
  assert.equal(n.spec.ipFamilyPolicy, 'RequireDualStack');
});

test('ExternalName gets no IP and no IP family fields', async () => {
  const e = await post(svc('ext', { type: 'ExternalName', externalName: 'db.example.com' }));
  assert.equal(e.spec.clusterIP, undefined);
  assert.equal(e.spec.ipFamilies, undefined);
  assert.equal(e.spec.ipFamilyPolicy, undefined);
});

test('NodePort: ports from the upper band, same port number shares one node port; type changes allocate and release', async () => {
  const s = await post(
    svc('np', {
      type: 'NodePort',
      selector: { app: 'np' },
      ports: [
        { name: 'dns-tcp', port: 53, protocol: 'TCP' },
        { name: 'dns-udp', port: 53, protocol: 'UDP' },
      ],
    }),
  );
  const [tcp, udp] = s.spec.ports.map((p: any) => p.nodePort);
  assert.equal(tcp, udp);
  assert.ok(tcp >= 30086 && tcp <= 32767, String(tcp));
  assert.equal(s.spec.externalTrafficPolicy, 'Cluster');
  // An update that leaves nodePort out keeps it.
  const kept = await patch('np', { metadata: { labels: { x: 'y' } } });
  assert.equal(kept.spec.ports[0].nodePort, tcp);
  // Back to ClusterIP: node ports and externalTrafficPolicy are dropped, the cluster IP stays.
  const cip = await patch('np', { spec: { type: 'ClusterIP' } });
  assert.equal(cip.spec.ports[0].nodePort, undefined);
  assert.equal(cip.spec.externalTrafficPolicy, undefined);
  assert.equal(cip.spec.clusterIP, s.spec.clusterIP);
  // The released port can be requested by someone else.
  const other = await post(svc('np2', { type: 'NodePort', ports: [{ port: 80, nodePort: tcp }] }));
  assert.equal(other.spec.ports[0].nodePort, tcp);
  const clash = await post(svc('np3', { type: 'NodePort', ports: [{ port: 80, nodePort: tcp }] }), 422);
  assert.match(clash.message, /spec\.ports\[0\]\.nodePort: Invalid value: \d+: provided port is already allocated/);
  const range = await post(svc('np4', { type: 'NodePort', ports: [{ port: 80, nodePort: 8080 }] }), 422);
  assert.match(range.message, /provided port is not in the valid range\. The range of valid ports is 30000-32767/);
  // A node port on a ClusterIP service is an error, not silently dropped.
  const bad = await post(svc('np5', { ports: [{ port: 80, nodePort: 30500 }] }), 422);
  assert.match(bad.message, /spec\.ports\[0\]\.nodePort: Forbidden: may not be used when `type` is 'ClusterIP'/);
  // ClusterIP -> NodePort allocates again.
  const back = await patch('np', { spec: { type: 'NodePort' } });
  assert.ok(back.spec.ports[0].nodePort >= 30000);
});

test('LoadBalancer: node ports (unless allocateLoadBalancerNodePorts is false), health check port for Local, pending status', async () => {
  const lb = await post(svc('lb', { type: 'LoadBalancer', selector: { app: 'lb' }, ports: [{ port: 80 }] }));
  assert.ok(lb.spec.ports[0].nodePort >= 30000);
  assert.equal(lb.spec.allocateLoadBalancerNodePorts, true);
  assert.deepEqual(lb.status, { loadBalancer: {} });
  const none = await post(svc('lb2', { type: 'LoadBalancer', allocateLoadBalancerNodePorts: false, ports: [{ port: 80 }] }));
  assert.equal(none.spec.ports[0].nodePort, undefined);
  const local = await post(svc('lb3', { type: 'LoadBalancer', externalTrafficPolicy: 'Local', ports: [{ port: 80 }] }));
  assert.ok(local.spec.healthCheckNodePort >= 30000);
  assert.notEqual(local.spec.healthCheckNodePort, local.spec.ports[0].nodePort);
  const r = await c.req('GET', '/api/v1/namespaces/default/services/lb', undefined, { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' });
  const row = r.body.rows[0].cells;
  assert.equal(row[1], 'LoadBalancer');
  assert.equal(row[3], '<pending>');
});
