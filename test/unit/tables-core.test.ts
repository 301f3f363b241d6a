// Cases from upstream printers_test.go: TestPrintNodeStatus, TestPrintNodeRole, TestPrintNodeOSImage,
// TestPrintNodeExternalIP/InternalIP, TestPrintNamespace, TestPrintSecret, TestPrintServiceAccount,
// TestPrintService(LoadBalancer), TestPrintEndpoint, TestPrintEndpointSlice, TestPrintConfigMap,
// TestPrintEvent, TestPrintLease, TestPrintPersistentVolume(Claim), TestPrintStorageClass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TableConvertor } from '../../src/registry/resource-def.js';
import { nodeTable } from '../../src/registry/tables/node.js';
import { namespaceTable } from '../../src/registry/tables/namespace.js';
import { secretTable } from '../../src/registry/tables/secret.js';
import { serviceAccountTable } from '../../src/registry/tables/service-account.js';
import { serviceTable } from '../../src/registry/tables/service.js';
import { endpointsTable } from '../../src/registry/tables/endpoints.js';
import { endpointSliceTable } from '../../src/registry/tables/endpoint-slice.js';
import { configMapTable } from '../../src/registry/tables/configmap.js';
import { eventTable } from '../../src/registry/tables/event.js';
import { leaseTable } from '../../src/registry/tables/lease.js';
import { persistentVolumeTable } from '../../src/registry/tables/persistent-volume.js';
import { persistentVolumeClaimTable } from '../../src/registry/tables/persistent-volume-claim.js';
import { storageClassTable } from '../../src/registry/tables/storage-class.js';
import { D, M, ago, agoMicro, narrow, obj, wide } from './tables-helpers.js';

const names = (t: TableConvertor) => t.columns.map((c) => (c.priority ? `${c.name}*` : c.name));

test('core column names match upstream', () => {
  assert.deepEqual(names(nodeTable), ['Name', 'Status', 'Roles', 'Age', 'Version', 'Internal-IP*', 'External-IP*', 'OS-Image*', 'Kernel-Version*', 'Container-Runtime*']);
  assert.deepEqual(names(namespaceTable), ['Name', 'Status', 'Age']);
  assert.deepEqual(names(serviceTable), ['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age', 'Selector*']);
  assert.deepEqual(names(endpointsTable), ['Name', 'Endpoints', 'Age']);
  assert.deepEqual(names(endpointSliceTable), ['Name', 'AddressType', 'Ports', 'Endpoints', 'Age']);
  assert.deepEqual(names(configMapTable), ['Name', 'Data', 'Age']);
  assert.deepEqual(names(secretTable), ['Name', 'Type', 'Data', 'Age']);
  assert.deepEqual(names(serviceAccountTable), ['Name', 'Secrets', 'Age']);
  assert.deepEqual(names(leaseTable), ['Name', 'Holder', 'Age']);
  assert.deepEqual(names(eventTable), ['Last Seen', 'Type', 'Reason', 'Object', 'Subobject*', 'Source*', 'Message', 'First Seen*', 'Count*', 'Name*']);
  assert.deepEqual(names(persistentVolumeTable), [
    'Name',
    'Capacity',
    'Access Modes',
    'Reclaim Policy',
    'Status',
    'Claim',
    'StorageClass',
    'VolumeAttributesClass',
    'Reason',
    'Age',
    'VolumeMode*',
  ]);
  assert.deepEqual(names(persistentVolumeClaimTable), ['Name', 'Status', 'Volume', 'Capacity', 'Access Modes', 'StorageClass', 'VolumeAttributesClass', 'Age', 'VolumeMode*']);
  assert.deepEqual(names(storageClassTable), ['Name', 'Provisioner', 'ReclaimPolicy', 'VolumeBindingMode', 'AllowVolumeExpansion', 'Age']);
  assert.equal(eventTable.columns[9].format, 'name');
});

test('TestPrintNodeStatus / TestPrintNodeRole / TestPrintNodeName', () => {
  const node = (name: string, conditions?: object[], unschedulable?: boolean, labels?: object) =>
    obj({ metadata: { name, labels }, spec: { unschedulable }, status: { conditions } });
  const ready = { type: 'Ready', status: 'True' };
  const cases: [ReturnType<typeof obj>, unknown[]][] = [
    [node('foo1', [ready]), ['foo1', 'Ready', '<none>', '<unknown>', '']],
    [node('foo2', [ready], true), ['foo2', 'Ready,SchedulingDisabled', '<none>', '<unknown>', '']],
    [node('foo3', [ready, ready]), ['foo3', 'Ready', '<none>', '<unknown>', '']],
    [node('foo4', [{ type: 'Ready', status: 'False' }]), ['foo4', 'NotReady', '<none>', '<unknown>', '']],
    [node('foo5', [{ type: 'Ready', status: 'False' }], true), ['foo5', 'NotReady,SchedulingDisabled', '<none>', '<unknown>', '']],
    [node('foo6', [{ type: 'InvalidValue', status: 'True' }]), ['foo6', 'Unknown', '<none>', '<unknown>', '']],
    [node('foo7', [{}]), ['foo7', 'Unknown', '<none>', '<unknown>', '']],
    [node('foo8', [{ type: 'InvalidValue', status: 'True' }], true), ['foo8', 'Unknown,SchedulingDisabled', '<none>', '<unknown>', '']],
    [node('foo9', [{}], true), ['foo9', 'Unknown,SchedulingDisabled', '<none>', '<unknown>', '']],
    [node('u', [{ type: 'Ready', status: 'Unknown' }]), ['u', 'NotReady', '<none>', '<unknown>', '']],
    [
      node('foo10', undefined, undefined, {
        'node-role.kubernetes.io/master': '',
        'node-role.kubernetes.io/control-plane': '',
        'node-role.kubernetes.io/proxy': '',
        'kubernetes.io/role': 'node',
      }),
      ['foo10', 'Unknown', 'control-plane,master,node,proxy', '<unknown>', ''],
    ],
    [node('foo11', undefined, undefined, { 'kubernetes.io/role': 'node' }), ['foo11', 'Unknown', 'node', '<unknown>', '']],
    [node('127.0.0.1'), ['127.0.0.1', 'Unknown', '<none>', '<unknown>', '']],
    [node(''), ['', 'Unknown', '<none>', '<unknown>', '']],
  ];
  for (const [n, want] of cases) assert.deepEqual(narrow(nodeTable, n), want, JSON.stringify(n));
});

test('TestPrintNodeOSImage / KernelVersion / ContainerRuntime / ExternalIP / InternalIP (wide)', () => {
  const node = (name: string, nodeInfo: object, addresses: object[]) => obj({ metadata: { name }, status: { nodeInfo, addresses } });
  const ext = (a: string) => ({ type: 'ExternalIP', address: a });
  const int = (a: string) => ({ type: 'InternalIP', address: a });
  const cases: [ReturnType<typeof obj>, unknown[]][] = [
    [node('foo1', { osImage: 'fake-os-image' }, [ext('1.1.1.1')]), ['foo1', 'Unknown', '<none>', '<unknown>', '', '<none>', '1.1.1.1', 'fake-os-image', '<unknown>', '<unknown>']],
    [node('foo2', { kernelVersion: 'fake-kernel-version' }, [ext('1.1.1.1')]), ['foo2', 'Unknown', '<none>', '<unknown>', '', '<none>', '1.1.1.1', '<unknown>', 'fake-kernel-version', '<unknown>']],
    [node('foo1', { containerRuntimeVersion: 'foo://1.2.3' }, [ext('1.1.1.1')]), ['foo1', 'Unknown', '<none>', '<unknown>', '', '<none>', '1.1.1.1', '<unknown>', '<unknown>', 'foo://1.2.3']],
    [node('foo2', {}, [int('1.1.1.1')]), ['foo2', 'Unknown', '<none>', '<unknown>', '', '1.1.1.1', '<none>', '<unknown>', '<unknown>', '<unknown>']],
    [node('foo3', {}, [ext('2.2.2.2'), int('3.3.3.3'), ext('4.4.4.4')]), ['foo3', 'Unknown', '<none>', '<unknown>', '', '3.3.3.3', '2.2.2.2', '<unknown>', '<unknown>', '<unknown>']],
    [node('foo3', {}, [int('2.2.2.2'), ext('3.3.3.3'), int('4.4.4.4')]), ['foo3', 'Unknown', '<none>', '<unknown>', '', '2.2.2.2', '3.3.3.3', '<unknown>', '<unknown>', '<unknown>']],
    [
      obj({
        metadata: { name: 'cp', creationTimestamp: ago(3 * D), labels: { 'node-role.kubernetes.io/control-plane': '' } },
        status: { conditions: [{ type: 'Ready', status: 'True' }], nodeInfo: { kubeletVersion: 'v1.32.0' }, addresses: [int('172.18.0.2')] },
      }),
      ['cp', 'Ready', 'control-plane', '3d', 'v1.32.0', '172.18.0.2', '<none>', '<unknown>', '<unknown>', '<unknown>'],
    ],
  ];
  for (const [n, want] of cases) assert.deepEqual(wide(nodeTable, n), want, JSON.stringify(n));
});

test('TestPrintNamespace / TestPrintSecret / TestPrintServiceAccount / TestPrintConfigMap / TestPrintLease', () => {
  assert.deepEqual(wide(namespaceTable, obj({ metadata: { name: 'namespace1', creationTimestamp: ago(0) }, status: { phase: 'FooStatus' } })), ['namespace1', 'FooStatus', '0s']);
  assert.deepEqual(wide(namespaceTable, obj({ metadata: { name: 'namespace2' } })), ['namespace2', '', '<unknown>']);
  const sat = 'kubernetes.io/service-account-token';
  assert.deepEqual(wide(secretTable, obj({ metadata: { name: 'secret1', creationTimestamp: ago(0) }, type: sat, data: { token: 'c2VjcmV0' } })), ['secret1', sat, 1, '0s']);
  assert.deepEqual(wide(secretTable, obj({ metadata: { name: 'secret1', creationTimestamp: ago(0) }, type: sat })), ['secret1', sat, 0, '0s']);
  assert.deepEqual(wide(secretTable, obj({ metadata: { name: 's' }, type: 'Opaque', data: { a: 'eA==' }, stringData: { a: 'x', b: 'y' } }))[2], 2);
  assert.deepEqual(wide(serviceAccountTable, obj({ metadata: { name: 'sa1', creationTimestamp: ago(0) }, secrets: [] })), ['sa1', 0, '0s']);
  assert.deepEqual(wide(serviceAccountTable, obj({ metadata: { name: 'sa1', creationTimestamp: ago(0) }, secrets: [{ name: 'Secret1' }, { name: 'Secret2' }] })), ['sa1', 2, '0s']);
  assert.deepEqual(wide(configMapTable, obj({ metadata: { name: 'configmap1', creationTimestamp: ago(0) } })), ['configmap1', 0, '0s']);
  assert.deepEqual(wide(configMapTable, obj({ metadata: { name: 'configmap2', creationTimestamp: ago(0) }, data: { foo: 'bar' } })), ['configmap2', 1, '0s']);
  assert.deepEqual(wide(configMapTable, obj({ metadata: { name: 'configmap3', creationTimestamp: ago(0) }, data: { foo: 'bar' }, binaryData: { bin: 'YmluYXJ5' } })), [
    'configmap3',
    2,
    '0s',
  ]);
  assert.deepEqual(wide(leaseTable, obj({ metadata: { name: 'lease1', creationTimestamp: ago(0) }, spec: { holderIdentity: 'holder1' } })), ['lease1', 'holder1', '0s']);
  assert.deepEqual(wide(leaseTable, obj({ metadata: { name: 'lease2', creationTimestamp: ago(5 * M) }, spec: { holderIdentity: 'holder2' } })), ['lease2', 'holder2', '5m']);
  assert.deepEqual(wide(leaseTable, obj({ metadata: { name: 'lease3' }, spec: {} })), ['lease3', '', '<unknown>']);
});

test('TestPrintService / TestPrintServiceLoadBalancer (server renders wide)', () => {
  const svc = (name: string, spec: object, status: object = {}) => obj({ metadata: { name }, spec, status });
  const cases: [ReturnType<typeof obj>, unknown[]][] = [
    [
      svc('test1', { type: 'ClusterIP', ports: [{ protocol: 'tcp', port: 2233 }], clusterIPs: ['10.9.8.7'], selector: { foo: 'bar' } }),
      ['test1', 'ClusterIP', '10.9.8.7', '<none>', '2233/tcp', '<unknown>', 'foo=bar'],
    ],
    [svc('test2', { type: 'NodePort', ports: [{ protocol: 'tcp', port: 8888, nodePort: 9999 }], clusterIPs: ['10.9.8.7'] }), ['test2', 'NodePort', '10.9.8.7', '<none>', '8888:9999/tcp', '<unknown>', '<none>']],
    [svc('test3', { type: 'LoadBalancer', ports: [{ protocol: 'tcp', port: 8888 }], clusterIPs: ['10.9.8.7'] }), ['test3', 'LoadBalancer', '10.9.8.7', '<pending>', '8888/tcp', '<unknown>', '<none>']],
    [
      svc('test4', { type: 'LoadBalancer', ports: [{ protocol: 'tcp', port: 8888 }], clusterIPs: ['10.9.8.7'], externalIPs: ['80.11.12.10'] }),
      ['test4', 'LoadBalancer', '10.9.8.7', '80.11.12.10', '8888/tcp', '<unknown>', '<none>'],
    ],
    [
      svc('test5', { type: 'LoadBalancer', ports: [{ protocol: 'tcp', port: 8888 }], clusterIPs: ['10.9.8.7'], externalIPs: ['80.11.12.10'] }, { loadBalancer: { ingress: [{ ip: '3.4.5.6', hostname: 'test.cluster.com' }] } }),
      ['test5', 'LoadBalancer', '10.9.8.7', '3.4.5.6,80.11.12.10', '8888/tcp', '<unknown>', '<none>'],
    ],
    [
      svc(
        'test6',
        { type: 'LoadBalancer', ports: [{ protocol: 'tcp', port: 8888 }], clusterIPs: ['10.9.8.7'], externalIPs: ['80.11.12.10', '80.11.12.11'] },
        { loadBalancer: { ingress: [{ ip: '2.3.4.5', hostname: 'test.cluster.local' }, { ip: '3.4.5.6', hostname: 'test.cluster.com' }] } },
      ),
      ['test6', 'LoadBalancer', '10.9.8.7', '2.3.4.5,3.4.5.6,80.11.12.10,80.11.12.11', '8888/tcp', '<unknown>', '<none>'],
    ],
    [svc('test7', { type: 'ExternalName', externalName: 'my.database.example.com' }), ['test7', 'ExternalName', '<none>', 'my.database.example.com', '<none>', '<unknown>', '<none>']],
    [
      svc('service1', { clusterIPs: ['1.2.3.4'], type: 'LoadBalancer', ports: [{ port: 80, protocol: 'TCP' }] }, { loadBalancer: { ingress: [{ ip: '2.3.4.5' }, { ip: '3.4.5.6' }] } }),
      ['service1', 'LoadBalancer', '1.2.3.4', '2.3.4.5,3.4.5.6', '80/TCP', '<unknown>', '<none>'],
    ],
    [
      svc('service2', { clusterIPs: ['1.3.4.5'], type: 'LoadBalancer', ports: [{ port: 80, protocol: 'TCP' }, { port: 8090, protocol: 'UDP' }, { port: 8000, protocol: 'TCP' }, { port: 7777, protocol: 'SCTP' }] }),
      ['service2', 'LoadBalancer', '1.3.4.5', '<pending>', '80/TCP,8090/UDP,8000/TCP,7777/SCTP', '<unknown>', '<none>'],
    ],
    [
      svc(
        'service4',
        { clusterIPs: ['1.5.6.7'], type: 'LoadBalancer', ports: [{ port: 80, protocol: 'TCP' }], selector: { foo: 'bar' } },
        { loadBalancer: { ingress: [{ ip: '2.3.4.5' }, { ip: '3.4.5.6' }, { ip: '5.6.7.8', hostname: 'host5678' }] } },
      ),
      ['service4', 'LoadBalancer', '1.5.6.7', '2.3.4.5,3.4.5.6,5.6.7.8', '80/TCP', '<unknown>', 'foo=bar'],
    ],
    // headless, and a v1 object with only clusterIP
    [svc('h', { type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], ports: [{ port: 80, protocol: 'TCP' }] }), ['h', 'ClusterIP', 'None', '<none>', '80/TCP', '<unknown>', '<none>']],
    [svc('o', { type: 'ClusterIP', clusterIP: '10.96.0.1' }), ['o', 'ClusterIP', '10.96.0.1', '<none>', '<none>', '<unknown>', '<none>']],
  ];
  for (const [s, want] of cases) assert.deepEqual(wide(serviceTable, s), want, JSON.stringify(s));
});

test('TestPrintEndpoint / TestPrintEndpointSlice', () => {
  const ep = (name: string, subsets?: object[], created = ago(0)) => obj({ metadata: { name, creationTimestamp: created }, subsets });
  const a = (...ips: string[]) => ips.map((ip) => ({ ip }));
  assert.deepEqual(wide(endpointsTable, ep('endpoint1')), ['endpoint1', '<none>', '0s']);
  assert.deepEqual(wide(endpointsTable, ep('endpoint3', [{ addresses: a('1.2.3.4', '5.6.7.8') }], ago(5 * M))), ['endpoint3', '1.2.3.4,5.6.7.8', '5m']);
  assert.deepEqual(wide(endpointsTable, ep('endpoint2', [{ addresses: a('1.2.3.4', '5.6.7.8'), ports: [{ port: 8001, protocol: 'tcp' }] }])), [
    'endpoint2',
    '1.2.3.4:8001,5.6.7.8:8001',
    '0s',
  ]);
  assert.deepEqual(wide(endpointsTable, ep('endpoint2', [{ addresses: a('1.2.3.4', '5.6.7.8', '9.8.7.6', '6.6.6.6'), ports: [{ port: 8001, protocol: 'tcp' }] }])), [
    'endpoint2',
    '1.2.3.4:8001,5.6.7.8:8001,9.8.7.6:8001 + 1 more...',
    '0s',
  ]);
  assert.deepEqual(wide(endpointsTable, ep('v6', [{ addresses: a('fd00::1'), ports: [{ port: 80 }] }]))[1], '[fd00::1]:80');

  const slice = (name: string, addressType: string, ports: object[], endpoints: object[], created = ago(0)) =>
    obj({ metadata: { name, creationTimestamp: created }, addressType, ports, endpoints });
  const p = (name: string, port: number) => ({ name, port, protocol: 'TCP' });
  const eps = [{ addresses: ['10.1.2.3', '2001:db8::1234:5678'] }, { addresses: ['10.2.3.4', '2001:db8::2345:6789'] }];
  assert.deepEqual(wide(endpointSliceTable, slice('abcslice.123', 'IPv4', [p('http', 80)], [eps[0]])), ['abcslice.123', 'IPv4', '80', '10.1.2.3,2001:db8::1234:5678', '0s']);
  assert.deepEqual(wide(endpointSliceTable, slice('longerslicename.123', 'IPv6', [p('http', 80), p('https', 443)], eps, ago(5 * M))), [
    'longerslicename.123',
    'IPv6',
    '80,443',
    '10.1.2.3,2001:db8::1234:5678,10.2.3.4 + 1 more...',
    '5m',
  ]);
  assert.deepEqual(wide(endpointSliceTable, slice('multiportslice.123', 'IPv4', [p('http', 80), p('https', 443), p('extra1', 3000), p('extra2', 3001)], eps, ago(5 * M))), [
    'multiportslice.123',
    'IPv4',
    '80,443,3000 + 1 more...',
    '10.1.2.3,2001:db8::1234:5678,10.2.3.4 + 1 more...',
    '5m',
  ]);
  assert.deepEqual(wide(endpointSliceTable, slice('empty', 'IPv4', [{ name: 'named' }, {}], [])).slice(2, 4), ['named,*', '<unset>']);
});

test('TestPrintEvent (core/v1 and events.k8s.io/v1 shapes)', () => {
  const base = { involvedObject: { kind: 'Deployment', name: 'Deployment Name', fieldPath: 'spec.containers{foo}' }, reason: 'Event Reason', message: 'Message Data' };
  const ev = (name: string, o: object) => obj({ metadata: { name }, ...base, ...o });
  assert.deepEqual(
    narrow(
      eventTable,
      obj({
        metadata: { name: 'event1' },
        source: { component: 'kubelet' },
        involvedObject: { kind: 'Pod', name: 'Pod Name', fieldPath: 'spec.containers{foo}' },
        reason: 'Event Reason',
        message: 'Message Data',
        firstTimestamp: ago(3 * D),
        lastTimestamp: ago(2 * D),
        count: 6,
        type: 'Normal',
      }),
    ),
    ['2d', 'Normal', 'Event Reason', 'pod/Pod Name', 'Message Data'],
  );
  const src = { source: { component: 'kubelet', host: 'Node1' }, type: 'Warning' };
  const row = (last: string, first: string, count: number, name: string, source = 'kubelet, Node1') =>
    [last, 'Warning', 'Event Reason', 'deployment/Deployment Name', 'spec.containers{foo}', source, 'Message Data', first, count, name];
  const cases: [ReturnType<typeof obj>, unknown[]][] = [
    [ev('event2', { ...src, firstTimestamp: ago(3 * D), lastTimestamp: ago(2 * D), count: 6 }), row('2d', '3d', 6, 'event2')],
    [ev('event3', { ...src, eventTime: agoMicro(3 * D), lastTimestamp: ago(3 * D), count: 1 }), row('3d', '3d', 1, 'event3')],
    [ev('event4', { ...src, eventTime: agoMicro(3 * D), firstTimestamp: ago(3 * D), count: 1 }), row('3d', '3d', 1, 'event4')],
    [ev('event5', { ...src, eventTime: agoMicro(3 * D), count: 1 }), row('3d', '3d', 1, 'event5')],
    [ev('event6', { ...src, eventTime: agoMicro(3 * D), series: { count: 2, lastObservedTime: agoMicro(2 * D) } }), row('2d', '3d', 2, 'event6')],
    [ev('event7', { ...src, eventTime: agoMicro(3 * D) }), row('3d', '3d', 1, 'event7')],
    [
      ev('event2', { reportingComponent: 'kubelet', reportingInstance: 'test', type: 'Warning', firstTimestamp: ago(3 * D), lastTimestamp: ago(2 * D), count: 6 }),
      row('2d', '3d', 6, 'event2', 'kubelet, test'),
    ],
    // events.k8s.io/v1 field names
    [
      obj({
        metadata: { name: 'event8' },
        regarding: base.involvedObject,
        reason: 'Event Reason',
        note: '  Message Data\n',
        type: 'Warning',
        eventTime: agoMicro(3 * D),
        reportingController: 'kubelet',
        reportingInstance: 'Node1',
        deprecatedCount: 4,
        deprecatedLastTimestamp: ago(2 * D),
      }),
      row('2d', '3d', 4, 'event8'),
    ],
    [obj({ metadata: { name: 'e9' }, involvedObject: { kind: 'Node' }, type: 'Normal' }), ['<unknown>', 'Normal', '', 'node', '', '', '', '<unknown>', 1, 'e9']],
  ];
  for (const [e, want] of cases) assert.deepEqual(wide(eventTable, e), want, JSON.stringify(e));
});

test('TestPrintPersistentVolume / TestPrintPersistentVolumeClaim / TestPrintStorageClass', () => {
  const claimRef = { name: 'test', namespace: 'default' };
  const pv = (name: string, spec: object, phase: string) => obj({ metadata: { name }, spec: { claimRef, ...spec }, status: { phase } });
  const cases: [ReturnType<typeof obj>, unknown[]][] = [
    [pv('test1', { accessModes: ['ReadOnlyMany'], capacity: { storage: '4Gi' } }, 'Bound'), ['test1', '4Gi', 'ROX', '', 'Bound', 'default/test', '', '<unset>', '', '<unknown>', '<unset>']],
    [pv('test2', { accessModes: ['ReadOnlyMany'], capacity: { storage: '4Gi' } }, 'Failed'), ['test2', '4Gi', 'ROX', '', 'Failed', 'default/test', '', '<unset>', '', '<unknown>', '<unset>']],
    [pv('test3', { accessModes: ['ReadWriteMany'], capacity: { storage: '10Gi' } }, 'Pending'), ['test3', '10Gi', 'RWX', '', 'Pending', 'default/test', '', '<unset>', '', '<unknown>', '<unset>']],
    [
      pv('test4', { storageClassName: 'my-scn', accessModes: ['ReadWriteOnce'], capacity: { storage: '10Gi' } }, 'Pending'),
      ['test4', '10Gi', 'RWO', '', 'Pending', 'default/test', 'my-scn', '<unset>', '', '<unknown>', '<unset>'],
    ],
    [
      pv('test4', { storageClassName: 'my-scn', volumeAttributesClassName: 'my-vacn', accessModes: ['ReadWriteOnce'], capacity: { storage: '10Gi' } }, 'Pending'),
      ['test4', '10Gi', 'RWO', '', 'Pending', 'default/test', 'my-scn', 'my-vacn', '', '<unknown>', '<unset>'],
    ],
    [
      pv('test6', { storageClassName: 'my-scn', accessModes: ['ReadWriteOnce'], capacity: { storage: '10Gi' } }, 'Released'),
      ['test6', '10Gi', 'RWO', '', 'Released', 'default/test', 'my-scn', '<unset>', '', '<unknown>', '<unset>'],
    ],
    [
      obj({
        metadata: { name: 'x', deletionTimestamp: ago(0), annotations: { 'volume.beta.kubernetes.io/storage-class': 'beta' } },
        spec: { storageClassName: 'ga', persistentVolumeReclaimPolicy: 'Retain', accessModes: ['ReadWriteOncePod', 'ReadWriteOnce', 'ReadWriteOnce'], volumeMode: 'Block' },
        status: { phase: 'Bound', reason: 'Why' },
      }),
      ['x', '0', 'RWO,RWOP', 'Retain', 'Terminating', '', 'beta', '<unset>', 'Why', '<unknown>', 'Block'],
    ],
  ];
  for (const [v, want] of cases) assert.deepEqual(wide(persistentVolumeTable, v), want, JSON.stringify(v));

  const pvc = (name: string, spec: object, status: object) => obj({ metadata: { name }, spec, status });
  const pvcCases: [ReturnType<typeof obj>, unknown[]][] = [
    [
      pvc('test1', { volumeName: 'my-volume', volumeMode: 'Filesystem' }, { phase: 'Bound', accessModes: ['ReadOnlyMany'], capacity: { storage: '4Gi' } }),
      ['test1', 'Bound', 'my-volume', '4Gi', 'ROX', '', '<unset>', '<unknown>', 'Filesystem'],
    ],
    [pvc('test2', { volumeMode: 'Filesystem' }, { phase: 'Lost', accessModes: ['ReadOnlyMany'], capacity: { storage: '4Gi' } }), ['test2', 'Lost', '', '', '', '', '<unset>', '<unknown>', 'Filesystem']],
    [
      pvc('test3', { volumeName: 'my-volume', volumeMode: 'Filesystem' }, { phase: 'Pending', accessModes: ['ReadWriteMany'], capacity: { storage: '10Gi' } }),
      ['test3', 'Pending', 'my-volume', '10Gi', 'RWX', '', '<unset>', '<unknown>', 'Filesystem'],
    ],
    [
      pvc('test4', { volumeName: 'my-volume', storageClassName: 'my-scn', volumeMode: 'Filesystem' }, { phase: 'Pending', accessModes: ['ReadWriteOnce'], capacity: { storage: '10Gi' } }),
      ['test4', 'Pending', 'my-volume', '10Gi', 'RWO', 'my-scn', '<unset>', '<unknown>', 'Filesystem'],
    ],
    [
      pvc('test5', { volumeName: 'my-volume', storageClassName: 'my-scn' }, { phase: 'Pending', accessModes: ['ReadWriteOnce'], capacity: { storage: '10Gi' } }),
      ['test5', 'Pending', 'my-volume', '10Gi', 'RWO', 'my-scn', '<unset>', '<unknown>', '<unset>'],
    ],
    [
      pvc('test5', { volumeName: 'my-volume', storageClassName: 'my-scn', volumeAttributesClassName: 'my-vacn' }, { phase: 'Pending', accessModes: ['ReadWriteOnce'], capacity: { storage: '10Gi' } }),
      ['test5', 'Pending', 'my-volume', '10Gi', 'RWO', 'my-scn', 'my-vacn', '<unknown>', '<unset>'],
    ],
  ];
  for (const [c, want] of pvcCases) assert.deepEqual(wide(persistentVolumeClaimTable, c), want, JSON.stringify(c));

  const sc = (name: string, o: object, created = ago(5 * M), annotations?: object) => obj({ metadata: { name, creationTimestamp: created, annotations }, ...o });
  const scCases: [ReturnType<typeof obj>, unknown[]][] = [
    [sc('sc1', { provisioner: 'kubernetes.io/glusterfs' }, ago(0)), ['sc1', 'kubernetes.io/glusterfs', 'Delete', 'Immediate', false, '0s']],
    [sc('sc2', { provisioner: 'kubernetes.io/nfs' }), ['sc2', 'kubernetes.io/nfs', 'Delete', 'Immediate', false, '5m']],
    [sc('sc3', { provisioner: 'kubernetes.io/nfs', reclaimPolicy: 'Delete' }), ['sc3', 'kubernetes.io/nfs', 'Delete', 'Immediate', false, '5m']],
    [sc('sc4', { provisioner: 'kubernetes.io/nfs', reclaimPolicy: 'Retain', volumeBindingMode: 'Immediate' }), ['sc4', 'kubernetes.io/nfs', 'Retain', 'Immediate', false, '5m']],
    [sc('sc5', { provisioner: 'kubernetes.io/nfs', reclaimPolicy: 'Retain', volumeBindingMode: 'WaitForFirstConsumer' }), ['sc5', 'kubernetes.io/nfs', 'Retain', 'WaitForFirstConsumer', false, '5m']],
    [
      sc('sc6', { provisioner: 'kubernetes.io/nfs', reclaimPolicy: 'Retain', allowVolumeExpansion: true, volumeBindingMode: 'WaitForFirstConsumer' }),
      ['sc6', 'kubernetes.io/nfs', 'Retain', 'WaitForFirstConsumer', true, '5m'],
    ],
    [
      sc('standard', { provisioner: 'rancher.io/local-path' }, ago(5 * M), { 'storageclass.kubernetes.io/is-default-class': 'true' }),
      ['standard (default)', 'rancher.io/local-path', 'Delete', 'Immediate', false, '5m'],
    ],
  ];
  for (const [s, want] of scCases) assert.deepEqual(wide(storageClassTable, s), want, JSON.stringify(s));
});
