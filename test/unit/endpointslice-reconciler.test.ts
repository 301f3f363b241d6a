import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convertCreatesToUpdates, reconcile, reconcileByPortMapping } from '../../src/controllers/endpointslice/reconciler.js';
import { EndpointSet, getSliceToFill, newEndpointSlice, podToEndpoint, setEndpointSliceLabels, type Endpoint, type Slice } from '../../src/controllers/endpointslice/utils.js';
import type { EPPod, Svc } from '../../src/controllers/endpoint/util.js';
import type { KObject } from '../../src/api/meta.js';

const svc: Svc = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'foo', namespace: 'ns', uid: 'svc-uid', labels: { app: 'foo' } },
  spec: { selector: { app: 'foo' }, clusterIP: '10.96.1.1', clusterIPs: ['10.96.1.1'], ipFamilies: ['IPv4'], ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }] },
};
const node1: KObject = { metadata: { name: 'node-1', labels: { 'topology.kubernetes.io/zone': 'us-central1-a' } } };
const nodes = (n: string) => (n === 'node-1' ? node1 : undefined);

const readyPod = (i: number, extra: { ready?: boolean; deleting?: boolean; node?: string } = {}): EPPod => ({
  metadata: { name: `pod${i}`, namespace: 'ns', uid: `uid-${i}`, labels: { app: 'foo' }, ...(extra.deleting ? { deletionTimestamp: '2024-01-01T00:00:00Z' } : {}) },
  spec: { nodeName: extra.node ?? 'node-1', containers: [{ name: 'c' }] },
  status: {
    phase: 'Running',
    podIP: `10.0.${Math.floor(i / 250)}.${(i % 250) + 1}`,
    podIPs: [{ ip: `10.0.${Math.floor(i / 250)}.${(i % 250) + 1}` }],
    conditions: [{ type: 'Ready', status: extra.ready === false ? 'False' : 'True' }],
  },
});

test('podToEndpoint: conditions, node, zone, target', () => {
  assert.deepEqual(podToEndpoint(readyPod(1), node1, svc, 'IPv4'), {
    addresses: ['10.0.0.2'],
    conditions: { ready: true, serving: true, terminating: false },
    targetRef: { kind: 'Pod', namespace: 'ns', name: 'pod1', uid: 'uid-1' },
    nodeName: 'node-1',
    zone: 'us-central1-a',
  });
  assert.deepEqual(podToEndpoint(readyPod(1, { ready: false }), node1, svc, 'IPv4').conditions, { ready: false, serving: false, terminating: false });
  assert.deepEqual(podToEndpoint(readyPod(1, { deleting: true }), node1, svc, 'IPv4').conditions, { ready: false, serving: true, terminating: true });
  const pub = { ...svc, spec: { ...svc.spec, publishNotReadyAddresses: true } };
  assert.deepEqual(podToEndpoint(readyPod(1, { ready: false, deleting: true }), node1, pub, 'IPv4').conditions, { ready: true, serving: false, terminating: true });
  assert.deepEqual(podToEndpoint(readyPod(1), node1, svc, 'IPv6').addresses, []);
});

test('setEndpointSliceLabels: reserved keys are the controller’s; headless label follows the service', () => {
  const slice = { metadata: { labels: { app: 'foo', 'kubernetes.io/service-name': 'x' } } };
  assert.deepEqual(setEndpointSliceLabels(slice, svc), {
    labels: { app: 'foo', 'kubernetes.io/service-name': 'foo', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' },
    updated: false,
  });
  const headless = { ...svc, metadata: { ...svc.metadata, labels: { app: 'bar' } }, spec: { ...svc.spec, clusterIP: 'None' } };
  const r = setEndpointSliceLabels(slice, headless);
  assert.equal(r.updated, true);
  assert.equal(r.labels['service.kubernetes.io/headless'], '');
});

test('getSliceToFill picks the fullest slice with room for everything', () => {
  const s = (n: number) => ({ endpoints: Array.from({ length: n }, () => 0) });
  const cases: Array<[number[], number, number, number | undefined]> = [
    [[], 0, 100, undefined],
    [[5], 1, 100, 0],
    [[5, 80, 99], 15, 100, 1],
    [[5, 80, 99], 96, 100, undefined],
    [[95, 90, 80], 5, 100, 0],
    [[100, 90, 80], 5, 100, 1],
  ];
  for (const [sizes, num, max, want] of cases) {
    const slices = sizes.map(s);
    const got = getSliceToFill(slices, num, max);
    assert.equal(got === undefined ? undefined : slices.indexOf(got), want, JSON.stringify([sizes, num]));
  }
});

const pods = (n: number, from = 0) => Array.from({ length: n }, (_, i) => readyPod(from + i));
let nameSeq = 0;
/** Pretend the server created the planned slices (names and resource versions). */
const created = (slices: Slice[]) => slices.map((s) => ({ ...structuredClone(s), metadata: { ...s.metadata, name: s.metadata.name ?? `foo-${++nameSeq}`, resourceVersion: '1' } }));

test('no pods: one placeholder slice, kept as is on the next pass', () => {
  const [plan] = reconcile(svc, [], [], nodes, 100);
  assert.equal(plan!.create.length, 1);
  const ph = plan!.create[0]!;
  assert.deepEqual(ph.endpoints, []);
  assert.deepEqual(ph.ports, []);
  assert.equal(ph.metadata.generateName, 'foo-');
  const [again] = reconcile(svc, [], created(plan!.create), nodes, 100);
  assert.deepEqual([again!.create.length, again!.update.length, again!.delete.length], [0, 0, 0]);
});

test('250 pods make slices of 100, 100 and 50; the placeholder is turned into one of them', () => {
  const [first] = reconcile(svc, [], [], nodes, 100);
  const existing = created(first!.create);
  const plan = convertCreatesToUpdates(svc, reconcile(svc, pods(250), existing, nodes, 100)[0]!);
  assert.equal(plan.delete.length, 0);
  assert.equal(plan.update.length, 1);
  assert.equal(plan.update[0]!.metadata.name, existing[0]!.metadata.name);
  assert.deepEqual([...plan.create, ...plan.update].map((s) => s.endpoints.length).sort(), [100, 100, 50]);
  for (const s of [...plan.create, ...plan.update]) assert.deepEqual(s.ports, [{ name: 'http', protocol: 'TCP', port: 8080 }]);
});

test('an unchanged pass writes nothing; one changed endpoint updates only its slice', () => {
  const all = pods(150);
  const slices = created(reconcile(svc, all, [], nodes, 100)[0]!.create);
  let [plan] = reconcile(svc, all, slices, nodes, 100);
  assert.deepEqual([plan!.create.length, plan!.update.length, plan!.delete.length], [0, 0, 0]);
  const changed = all.map((p, i) => (i === 120 ? readyPod(120, { ready: false }) : p));
  [plan] = reconcile(svc, changed, slices, nodes, 100);
  assert.equal(plan!.update.length, 1);
  assert.equal(plan!.create.length + plan!.delete.length, 0);
  const ep = plan!.update[0]!.endpoints.find((e) => e.targetRef?.name === 'pod120')!;
  assert.equal(ep.conditions!.ready, false);
});

test('new endpoints go into the fullest unchanged slice that fits them all', () => {
  const mk = (name: string, ids: number[]): Slice => {
    const s = newEndpointSlice(svc, [{ name: 'http', protocol: 'TCP', port: 8080 }], 'IPv4');
    s.metadata.name = name;
    s.endpoints = ids.map((i) => podToEndpoint(readyPod(i), node1, svc, 'IPv4'));
    return s;
  };
  const a = mk('foo-a', [0, 1]);
  const b = mk('foo-b', [2]);
  const desired = new EndpointSet();
  for (const i of [0, 1, 2, 3]) desired.insert(podToEndpoint(readyPod(i), node1, svc, 'IPv4'));
  const r = reconcileByPortMapping(svc, [a, b], desired, { ports: [], addressType: 'IPv4' }, 3);
  assert.equal(r.create.length, 0);
  assert.deepEqual(r.update.map((s) => [s.metadata.name, s.endpoints.length]), [['foo-a', 3]]);
  // Removing every endpoint of a slice deletes it.
  const onlyA = new EndpointSet();
  for (const i of [0, 1]) onlyA.insert(podToEndpoint(readyPod(i), node1, svc, 'IPv4'));
  const r2 = reconcileByPortMapping(svc, [a, b], onlyA, { ports: [], addressType: 'IPv4' }, 3);
  assert.deepEqual(r2.delete.map((s) => s.metadata.name), ['foo-b']);
  assert.equal(r2.update.length, 0);
});

test('pods on unknown nodes are skipped with an error; slices of other owners or address types go', () => {
  const [plan] = reconcile(svc, [readyPod(1), readyPod(2, { node: 'gone' })], [], nodes, 100);
  assert.equal(plan!.create[0]!.endpoints.length, 1);
  assert.deepEqual(plan!.errors, ['skipping Pod pod2 for Service ns/foo: Node gone Not Found']);
  const stranger = { ...newEndpointSlice(svc, [], 'IPv4'), metadata: { name: 'foo-old', namespace: 'ns', labels: {}, ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'foo', uid: 'other' }] } } as Slice;
  const v6 = { ...newEndpointSlice(svc, [], 'IPv6'), metadata: { ...newEndpointSlice(svc, [], 'IPv6').metadata, name: 'foo-v6' } } as Slice;
  const plans = reconcile(svc, [readyPod(1)], [stranger, v6], nodes, 100);
  const deleted = plans.flatMap((p) => p.delete.map((s) => s.metadata.name)).sort();
  assert.deepEqual(deleted, ['foo-old', 'foo-v6']);
  // The stranger is not reused for the new slice (not owned by this service).
  const conv = convertCreatesToUpdates(svc, plans[0]!);
  assert.equal(conv.create.length, 1);
});

test('EndpointSet identity is addresses, hostname and target name, not conditions', () => {
  const set = new EndpointSet();
  const e: Endpoint = podToEndpoint(readyPod(1), node1, svc, 'IPv4');
  set.insert(e);
  assert.ok(set.get({ ...e, conditions: { ready: false } }));
  assert.equal(set.get({ ...e, addresses: ['9.9.9.9'] }), undefined);
});
