import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultNamespace, type NamespaceT } from '../../src/api/core/namespace.js';
import { defaultSecret, type SecretT } from '../../src/api/core/secret.js';
import { defaultService, normalizeClusterIPs } from '../../src/api/core/service-defaults.js';
import type { ServiceT } from '../../src/api/core/service.js';
import { defaultEndpoints, type EndpointsT } from '../../src/api/core/endpoints.js';
import { defaultNode, type NodeT } from '../../src/api/core/node.js';
import { defaultEndpointSlice, type EndpointSliceT } from '../../src/api/discovery/endpoint-slice.js';

function table<T>(name: string, fn: (obj: T) => void, cases: Array<[string, T, T]>) {
  for (const [label, input, want] of cases)
    test(`${name}: ${label}`, () => {
      const obj = structuredClone(input);
      fn(obj);
      assert.deepEqual(obj, want);
    });
}

table<NamespaceT>('defaultNamespace', defaultNamespace, [
  [
    'phase and name label',
    { metadata: { name: 'team-a', labels: { x: 'y' } } },
    { metadata: { name: 'team-a', labels: { x: 'y', 'kubernetes.io/metadata.name': 'team-a' } }, status: { phase: 'Active' } },
  ],
  ['no name (generateName) gets no label', { metadata: { generateName: 'ns-' } }, { metadata: { generateName: 'ns-' }, status: { phase: 'Active' } }],
  [
    'label overrides a wrong value, phase kept',
    { metadata: { name: 'a', labels: { 'kubernetes.io/metadata.name': 'b' } }, status: { phase: 'Terminating' } },
    { metadata: { name: 'a', labels: { 'kubernetes.io/metadata.name': 'a' } }, status: { phase: 'Terminating' } },
  ],
]);

table<SecretT>('defaultSecret', defaultSecret, [
  ['type Opaque', { metadata: { name: 's' } }, { metadata: { name: 's' }, type: 'Opaque' }],
  [
    'stringData merged over data, then dropped',
    { metadata: { name: 's' }, data: { a: 'YQ==', b: 'Yg==' }, stringData: { b: 'B', c: 'héllo' }, type: 'kubernetes.io/basic-auth' },
    { metadata: { name: 's' }, data: { a: 'YQ==', b: 'Qg==', c: 'aMOpbGxv' }, type: 'kubernetes.io/basic-auth' },
  ],
]);

table<ServiceT>('defaultService', defaultService, [
  [
    'ClusterIP defaults',
    { metadata: { name: 's' }, spec: { ports: [{ port: 80 }, { port: 53, protocol: 'UDP', targetPort: 'dns' }] } },
    {
      metadata: { name: 's' },
      spec: {
        ports: [
          { port: 80, protocol: 'TCP', targetPort: 80 },
          { port: 53, protocol: 'UDP', targetPort: 'dns' },
        ],
        sessionAffinity: 'None',
        type: 'ClusterIP',
        internalTrafficPolicy: 'Cluster',
      },
    },
  ],
  [
    'NodePort gets externalTrafficPolicy',
    { metadata: { name: 's' }, spec: { type: 'NodePort', ports: [{ port: 80, targetPort: 0 }] } },
    {
      metadata: { name: 's' },
      spec: {
        type: 'NodePort',
        ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
        sessionAffinity: 'None',
        externalTrafficPolicy: 'Cluster',
        internalTrafficPolicy: 'Cluster',
      },
    },
  ],
  [
    'LoadBalancer: allocateLoadBalancerNodePorts and ipMode',
    { metadata: { name: 's' }, spec: { type: 'LoadBalancer' }, status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }, { hostname: 'lb.example.com' }] } } },
    {
      metadata: { name: 's' },
      spec: {
        type: 'LoadBalancer',
        sessionAffinity: 'None',
        externalTrafficPolicy: 'Cluster',
        internalTrafficPolicy: 'Cluster',
        allocateLoadBalancerNodePorts: true,
      },
      status: { loadBalancer: { ingress: [{ ip: '1.2.3.4', ipMode: 'VIP' }, { hostname: 'lb.example.com' }] } },
    },
  ],
  [
    'ClientIP affinity gets a timeout',
    { metadata: { name: 's' }, spec: { sessionAffinity: 'ClientIP' } },
    {
      metadata: { name: 's' },
      spec: { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } }, type: 'ClusterIP', internalTrafficPolicy: 'Cluster' },
    },
  ],
  [
    'None affinity drops config; ExternalName gets no traffic policies',
    { metadata: { name: 's' }, spec: { type: 'ExternalName', externalName: 'a.b', sessionAffinityConfig: { clientIP: { timeoutSeconds: 5 } } } },
    { metadata: { name: 's' }, spec: { type: 'ExternalName', externalName: 'a.b', sessionAffinity: 'None' } },
  ],
]);

test('normalizeClusterIPs', () => {
  const create: ServiceT = { metadata: { name: 's' }, spec: { clusterIP: '10.0.0.5' } };
  normalizeClusterIPs(create);
  assert.deepEqual(create.spec?.clusterIPs, ['10.0.0.5']);
  const old: ServiceT = { metadata: { name: 's' }, spec: { clusterIP: '10.0.0.5', clusterIPs: ['10.0.0.5', 'fd00::5'] } };
  const cleared: ServiceT = { metadata: { name: 's' }, spec: { clusterIP: '10.0.0.5' } };
  normalizeClusterIPs(cleared, old);
  assert.equal(cleared.spec?.clusterIP, '');
  const changed: ServiceT = { metadata: { name: 's' }, spec: { clusterIP: '10.0.0.5', clusterIPs: ['10.0.0.6'] } };
  normalizeClusterIPs(changed, old);
  assert.equal(changed.spec?.clusterIP, '10.0.0.6');
});

table<EndpointsT>('defaultEndpoints', defaultEndpoints, [
  [
    'protocol TCP',
    { metadata: { name: 'e' }, subsets: [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }, { port: 53, protocol: 'UDP' }] }] },
    { metadata: { name: 'e' }, subsets: [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }] }] },
  ],
]);

table<EndpointSliceT>('defaultEndpointSlice', defaultEndpointSlice, [
  [
    'port name and protocol',
    { metadata: { name: 'e' }, addressType: 'IPv4', endpoints: [], ports: [{ port: 80 }, { name: 'dns', protocol: 'UDP', port: 53 }] },
    {
      metadata: { name: 'e' },
      addressType: 'IPv4',
      endpoints: [],
      ports: [
        { port: 80, name: '', protocol: 'TCP' },
        { name: 'dns', protocol: 'UDP', port: 53 },
      ],
    },
  ],
]);

table<NodeT>('defaultNode', defaultNode, [
  [
    'allocatable from capacity',
    { metadata: { name: 'n' }, status: { capacity: { cpu: '4', pods: '110' } } },
    { metadata: { name: 'n' }, status: { capacity: { cpu: '4', pods: '110' }, allocatable: { cpu: '4', pods: '110' } } },
  ],
  [
    'allocatable kept',
    { metadata: { name: 'n' }, status: { capacity: { cpu: '4' }, allocatable: { cpu: '3' } } },
    { metadata: { name: 'n' }, status: { capacity: { cpu: '4' }, allocatable: { cpu: '3' } } },
  ],
]);
