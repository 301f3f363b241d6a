import { test } from 'node:test';
import assert from 'node:assert/strict';
import { repackSubsets, type Subset } from '../../src/controllers/endpoint/repack.js';
import { truncateEndpoints } from '../../src/controllers/endpoint/truncate.js';
import { findPort, shouldPodBeInEndpoints, type EPPod } from '../../src/controllers/endpoint/util.js';
import { TriggerTimeTracker } from '../../src/controllers/endpoint/trigger-time-tracker.js';

const a = (ip: string, uid?: string) => (uid ? { ip, targetRef: { kind: 'Pod', uid } } : { ip });
const p = (port: number, name?: string) => (name ? { name, port } : { port });

// Cases from upstream pkg/api/v1/endpoints/util_test.go TestPackSubsets.
const cases: Array<{ name: string; given: Subset[]; expect: Subset[] }> = [
  { name: 'empty everything', given: [{ addresses: [], ports: [] }], expect: [] },
  { name: 'empty addresses', given: [{ addresses: [], ports: [p(111)] }], expect: [] },
  { name: 'empty ports', given: [{ addresses: [a('1.2.3.4')], ports: [] }], expect: [{ addresses: [a('1.2.3.4')] }] },
  { name: 'empty ports, not ready', given: [{ notReadyAddresses: [a('1.2.3.4')], ports: [] }], expect: [{ notReadyAddresses: [a('1.2.3.4')] }] },
  { name: 'one set, one ip, one port', given: [{ addresses: [a('1.2.3.4')], ports: [p(111)] }], expect: [{ addresses: [a('1.2.3.4')], ports: [p(111)] }] },
  {
    name: 'one set, one ip, one UID, one port',
    given: [{ addresses: [a('1.2.3.4', 'uid-1')], ports: [p(111)] }],
    expect: [{ addresses: [a('1.2.3.4', 'uid-1')], ports: [p(111)] }],
  },
  { name: 'one set, two ips, one port', given: [{ addresses: [a('5.6.7.8'), a('1.2.3.4')], ports: [p(111)] }], expect: [{ addresses: [a('1.2.3.4'), a('5.6.7.8')], ports: [p(111)] }] },
  {
    name: 'one set, two ips (same IP, different UIDs), one port',
    given: [{ addresses: [a('1.2.3.4', 'uid-2'), a('1.2.3.4', 'uid-1')], ports: [p(111)] }],
    expect: [{ addresses: [a('1.2.3.4', 'uid-1'), a('1.2.3.4', 'uid-2')], ports: [p(111)] }],
  },
  { name: 'one set, one ip, two ports', given: [{ addresses: [a('1.2.3.4')], ports: [p(222, 'b'), p(111, 'a')] }], expect: [{ addresses: [a('1.2.3.4')], ports: [p(111, 'a'), p(222, 'b')] }] },
  {
    name: 'two sets, dup ip, dup port',
    given: [{ addresses: [a('1.2.3.4')], ports: [p(111)] }, { addresses: [a('1.2.3.4')], ports: [p(111)] }],
    expect: [{ addresses: [a('1.2.3.4')], ports: [p(111)] }],
  },
  {
    name: 'two sets, dup ip, two ports',
    given: [{ addresses: [a('1.2.3.4')], ports: [p(111, 'a')] }, { addresses: [a('1.2.3.4')], ports: [p(222, 'b')] }],
    expect: [{ addresses: [a('1.2.3.4')], ports: [p(111, 'a'), p(222, 'b')] }],
  },
  {
    name: 'two sets, two ips, dup port',
    given: [{ addresses: [a('1.2.3.4')], ports: [p(111)] }, { addresses: [a('5.6.7.8')], ports: [p(111)] }],
    expect: [{ addresses: [a('1.2.3.4'), a('5.6.7.8')], ports: [p(111)] }],
  },
  {
    name: 'two sets, two ips, two ports',
    given: [{ addresses: [a('1.2.3.4')], ports: [p(111)] }, { addresses: [a('5.6.7.8')], ports: [p(222)] }],
    expect: [{ addresses: [a('1.2.3.4')], ports: [p(111)] }, { addresses: [a('5.6.7.8')], ports: [p(222)] }],
  },
  {
    name: 'two sets, one ready ip and the same not ready, dup port: ready wins',
    given: [{ addresses: [a('1.2.3.4')], ports: [p(111)] }, { notReadyAddresses: [a('1.2.3.4')], ports: [p(111)] }],
    expect: [{ addresses: [a('1.2.3.4')], ports: [p(111)] }],
  },
  {
    name: 'two sets, ready and not ready ips, dup port',
    given: [{ addresses: [a('1.2.3.4')], ports: [p(111)] }, { notReadyAddresses: [a('5.6.7.8')], ports: [p(111)] }],
    expect: [{ addresses: [a('1.2.3.4')], notReadyAddresses: [a('5.6.7.8')], ports: [p(111)] }],
  },
  {
    name: 'four sets, three ips, three ports, jumbled',
    given: [
      { addresses: [a('1.2.3.4')], ports: [p(111, 'a')] },
      { addresses: [a('1.2.3.5')], ports: [p(222, 'b')] },
      { addresses: [a('1.2.3.6')], ports: [p(111, 'a')] },
      { addresses: [a('1.2.3.5')], ports: [p(333, 'c')] },
    ],
    expect: [
      { addresses: [a('1.2.3.4'), a('1.2.3.6')], ports: [p(111, 'a')] },
      { addresses: [a('1.2.3.5')], ports: [p(222, 'b'), p(333, 'c')] },
    ],
  },
];

for (const tc of cases) {
  test(`repackSubsets: ${tc.name}`, () => {
    assert.deepEqual(repackSubsets(structuredClone(tc.given)), tc.expect);
  });
}

test('truncateEndpoints keeps ready addresses first, proportionally per subset', () => {
  const addrs = (n: number, base: number) => Array.from({ length: n }, (_, i) => a(`10.0.${base}.${i}`));
  // 600 + 600 ready over capacity 1000: each subset keeps ceil(600/1200*1000) = 500, not-ready dropped.
  const s: Subset[] = [
    { addresses: addrs(600, 1), notReadyAddresses: addrs(10, 9), ports: [p(80)] },
    { addresses: addrs(600, 2), ports: [p(81)] },
  ];
  assert.equal(truncateEndpoints(s, 1000), true);
  assert.equal(s[0]!.addresses!.length, 500);
  assert.equal(s[0]!.notReadyAddresses, undefined);
  assert.equal(s[1]!.addresses!.length, 500);
  // 900 ready, 200 not ready: the not-ready ones are cut to 100.
  const t: Subset[] = [{ addresses: addrs(900, 1), notReadyAddresses: addrs(200, 2), ports: [p(80)] }];
  assert.equal(truncateEndpoints(t, 1000), true);
  assert.equal(t[0]!.addresses!.length, 900);
  assert.equal(t[0]!.notReadyAddresses!.length, 100);
  assert.equal(truncateEndpoints([{ addresses: addrs(3, 1) }], 1000), false);
});

const pod = (extra: Partial<EPPod> = {}): EPPod =>
  ({
    metadata: { name: 'p', namespace: 'ns', uid: 'u' },
    spec: {
      containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 8080 }, { name: 'dns', containerPort: 53, protocol: 'UDP' }] }],
      initContainers: [{ name: 'side', restartPolicy: 'Always', ports: [{ name: 'proxy', containerPort: 15001 }] }, { name: 'init', ports: [{ name: 'once', containerPort: 1 }] }],
    },
    status: { phase: 'Running', podIP: '10.244.0.5', podIPs: [{ ip: '10.244.0.5' }] },
    ...extra,
  }) as EPPod;

test('findPort resolves numbers as is and names by container port name and protocol', () => {
  assert.equal(findPort(pod(), { port: 80, targetPort: 9376 }), 9376);
  assert.equal(findPort(pod(), { port: 80 }), 80);
  assert.equal(findPort(pod(), { port: 80, targetPort: 'http', protocol: 'TCP' }), 8080);
  assert.equal(findPort(pod(), { port: 53, targetPort: 'dns', protocol: 'UDP' }), 53);
  assert.equal(findPort(pod(), { port: 53, targetPort: 'dns', protocol: 'TCP' }), undefined);
  assert.equal(findPort(pod(), { port: 80, targetPort: 'proxy', protocol: 'TCP' }), 15001);
  assert.equal(findPort(pod(), { port: 80, targetPort: 'once', protocol: 'TCP' }), undefined);
  assert.equal(findPort(pod(), { port: 80, targetPort: 'missing', protocol: 'TCP' }), undefined);
});

test('shouldPodBeInEndpoints: terminal and IP-less pods never; terminating only when asked', () => {
  assert.equal(shouldPodBeInEndpoints(pod(), false), true);
  assert.equal(shouldPodBeInEndpoints(pod({ status: { phase: 'Succeeded', podIP: '1.2.3.4' } }), true), false);
  assert.equal(shouldPodBeInEndpoints(pod({ status: { phase: 'Failed', podIP: '1.2.3.4' } }), true), false);
  assert.equal(shouldPodBeInEndpoints(pod({ status: { phase: 'Pending' } }), true), false);
  const terminating = pod();
  terminating.metadata.deletionTimestamp = '2024-01-01T00:00:00Z';
  assert.equal(shouldPodBeInEndpoints(terminating, false), false);
  assert.equal(shouldPodBeInEndpoints(terminating, true), true);
});

// Cases after upstream trigger_time_tracker_test.go.
test('TriggerTimeTracker: service creation first, then the earliest changed pod Ready transition', () => {
  const t0 = Date.parse('2024-01-01T00:00:00Z');
  const at = (s: number) => new Date(t0 + s * 1000).toISOString().replace('.000Z', 'Z');
  const svc = { metadata: { name: 's', namespace: 'ns', creationTimestamp: at(0) } };
  const rp = (name: string, s: number) => ({ metadata: { name }, status: { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: at(s) }] } }) as EPPod;
  const tr = new TriggerTimeTracker();
  assert.equal(tr.compute('ns', svc, [rp('a', 1)]), t0);
  assert.equal(tr.compute('ns', svc, [rp('a', 1)]), 0, 'nothing changed');
  assert.equal(tr.compute('ns', svc, [rp('a', 1), rp('b', 3), rp('c', 2)]), t0 + 2000, 'min of the new pods');
  assert.equal(tr.compute('ns', svc, [rp('a', 5), rp('b', 3), rp('c', 4)]), t0 + 4000, 'min of the changed pods');
  assert.equal(tr.compute('ns', svc, [rp('a', 5)]), 0, 'a pod gone is no trigger');
  tr.deleteService('ns', 's');
  assert.equal(tr.compute('ns', svc, [rp('a', 5)]), t0, 'forgotten: new service again');
});
