import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allocateNextIndex, allocateService, calculateRangeOffset, dropTypeDependentFields, takenBy } from '../../src/registry/service-allocation.js';
import { seededRandom } from '../../src/util/random.js';
import type { KObject } from '../../src/api/meta.js';

test('calculateRangeOffset: min(max(min, size/step), max), nothing reserved for tiny ranges', () => {
  // Service CIDRs (min 16, max 256, step 16).
  assert.equal(calculateRangeOffset(2 ** 20, 16, 256, 16), 256); // /12
  assert.equal(calculateRangeOffset(2 ** 12, 16, 256, 16), 256); // /20
  assert.equal(calculateRangeOffset(2 ** 11, 16, 256, 16), 128); // /21
  assert.equal(calculateRangeOffset(256, 16, 256, 16), 16); // /24
  assert.equal(calculateRangeOffset(16, 16, 256, 16), 16); // /28
  assert.equal(calculateRangeOffset(8, 16, 256, 16), 0); // /29
  // Node ports (min 16, max 128, step 32): 30000-32767 reserves 86.
  assert.equal(calculateRangeOffset(2768, 16, 128, 32), 86);
  assert.equal(calculateRangeOffset(10, 16, 128, 32), 0);
});

test('allocateNextIndex: the upper band first, then the lower band, undefined when full', () => {
  const r = seededRandom(1);
  const taken = new Set<number>();
  const got: number[] = [];
  for (let i = 0; i < 10; i++) {
    const n = allocateNextIndex(10, 4, (k) => taken.has(k), r)!;
    taken.add(n);
    got.push(n);
  }
  assert.deepEqual(got.slice(0, 6).sort(), [4, 5, 6, 7, 8, 9]);
  assert.deepEqual(got.slice(6).sort(), [0, 1, 2, 3]);
  assert.equal(allocateNextIndex(10, 4, (k) => taken.has(k), r), undefined);
});

const svc = (spec: Record<string, unknown>, uid = 'u1'): KObject => ({ metadata: { name: 's', namespace: 'ns', uid }, spec: structuredClone(spec) });

test('dropTypeDependentFields wipes only what the user left as it was', () => {
  const old = svc({ type: 'NodePort', clusterIP: '10.96.1.5', clusterIPs: ['10.96.1.5'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', externalTrafficPolicy: 'Cluster', ports: [{ port: 80, nodePort: 30100 }] });
  const toCIP = svc({ ...old.spec, type: 'ClusterIP' } as Record<string, unknown>);
  dropTypeDependentFields(toCIP, old);
  assert.deepEqual(toCIP.spec, { type: 'ClusterIP', clusterIP: '10.96.1.5', clusterIPs: ['10.96.1.5'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', ports: [{ port: 80 }] });
  // A node port the user changed is kept (and validation then rejects it).
  const changed = svc({ ...old.spec, type: 'ClusterIP', ports: [{ port: 80, nodePort: 30200 }] } as Record<string, unknown>);
  dropTypeDependentFields(changed, old);
  assert.equal((changed.spec as any).ports[0].nodePort, 30200);
  // To ExternalName: the cluster IPs and IP family fields go.
  const toExt = svc({ ...old.spec, type: 'ExternalName', externalName: 'x.example.com' } as Record<string, unknown>);
  dropTypeDependentFields(toExt, old);
  assert.deepEqual(toExt.spec, { type: 'ExternalName', externalName: 'x.example.com', ports: [{ port: 80 }] });
  assert.deepEqual(toExt.status, { loadBalancer: {} });
});

test('allocateService: node ports keep their values on update and follow the port number across protocols', () => {
  const r = seededRandom(3);
  const s = svc({ type: 'NodePort', ports: [{ port: 53, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }, { port: 80, protocol: 'TCP' }] });
  allocateService(s, undefined, takenBy([]), r);
  const ports = (s.spec as any).ports.map((p: any) => p.nodePort);
  assert.equal(ports[0], ports[1]);
  assert.notEqual(ports[0], ports[2]);
  const upd = svc({ ...(s.spec as object), ports: [{ port: 53, protocol: 'TCP', nodePort: ports[0] }, { port: 53, protocol: 'UDP', nodePort: ports[1] }, { port: 80, protocol: 'TCP', nodePort: ports[2] }] });
  allocateService(upd, s, takenBy([s], s), r);
  assert.deepEqual((upd.spec as any).ports.map((p: any) => p.nodePort), ports);
  // A different service may not take them.
  const other = svc({ type: 'NodePort', ports: [{ port: 1, nodePort: ports[2] }] }, 'u2');
  assert.throws(() => allocateService(other, undefined, takenBy([s]), r), /provided port is already allocated/);
});
