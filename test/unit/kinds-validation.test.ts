import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type FieldError, fieldErrorString } from '../../src/api/field-errors.js';
import { validateConfigMap, validateConfigMapUpdate, type ConfigMapT } from '../../src/api/core/configmap.js';
import { validateSecret, validateSecretUpdate, type SecretT } from '../../src/api/core/secret.js';
import { validateNamespace, validateNamespaceStatusUpdate, type NamespaceT } from '../../src/api/core/namespace.js';
import { validateService, validateServiceUpdate, validateServiceStatusUpdate } from '../../src/api/core/service-validation.js';
import { defaultService } from '../../src/api/core/service-defaults.js';
import type { ServiceT } from '../../src/api/core/service.js';
import { validateEndpoints, type EndpointsT } from '../../src/api/core/endpoints.js';
import { validateNode, validateNodeUpdate } from '../../src/api/core/node-validation.js';
import type { NodeT } from '../../src/api/core/node.js';
import { validateEvent, type EventT } from '../../src/api/core/event.js';
import { validateEventsV1Event, validateEventsV1EventUpdate, type EventsV1EventT } from '../../src/api/events/event.js';
import { validateLease, type LeaseT } from '../../src/api/coordination/lease.js';
import { validateEndpointSlice, validateEndpointSliceUpdate, type EndpointSliceT } from '../../src/api/discovery/endpoint-slice.js';
import { validatePodBinding, type BindingT } from '../../src/api/core/binding.js';
import { validateScale, type ScaleT } from '../../src/api/autoscaling/scale.js';
import { validateEviction, type EvictionT } from '../../src/api/policy/eviction.js';

const strs = (errs: FieldError[]) => errs.map(fieldErrorString);
const meta = (extra: Record<string, unknown> = {}) => ({ name: 'x', namespace: 'default', ...extra });

function table<T>(name: string, fn: (obj: T) => FieldError[], cases: Array<[string, T, string[]]>) {
  for (const [label, obj, want] of cases)
    test(`${name}: ${label}`, () => assert.deepEqual(strs(fn(obj)), want));
}

const keyMsg =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

table<ConfigMapT>('ConfigMap', validateConfigMap, [
  ['valid keys', { metadata: meta(), data: { key1: 'v', '.dotfile': 'v', 'a..b': 'v', KEY_NAME: 'v' } }, []],
  ['leading dot-dot', { metadata: meta(), data: { '..dotfile': 'v' } }, [`data[..dotfile]: Invalid value: "..dotfile": must not start with '..'`]],
  ['dot', { metadata: meta(), data: { '.': 'v' } }, [`data[.]: Invalid value: ".": must not be '.'`]],
  ['slash', { metadata: meta(), data: { 'a/b': 'v' } }, [`data[a/b]: Invalid value: "a/b": ${keyMsg}`]],
  ['empty key', { metadata: meta(), binaryData: { '': 'AA==' } }, [`binaryData[]: Invalid value: "": ${keyMsg}`]],
  [
    'duplicate between data and binaryData',
    { metadata: meta(), data: { k: 'v' }, binaryData: { k: 'AA==' } },
    ['data[k]: Invalid value: "k": duplicate of key present in binaryData'],
  ],
  ['too big', { metadata: meta(), data: { k: 'x'.repeat(1024 * 1024 + 1) } }, ['Too long: may not be more than 1048576 bytes']],
]);

const immutableCM = { metadata: meta(), immutable: true, data: { a: '1' } };
table<[ConfigMapT, ConfigMapT]>('ConfigMap update', ([n, o]) => validateConfigMapUpdate(n, o), [
  ['immutable unchanged', [immutableCM, immutableCM], []],
  [
    'immutable data changed',
    [{ ...immutableCM, data: { a: '2' } }, immutableCM],
    ['data: Forbidden: field is immutable when `immutable` is set'],
  ],
  [
    'immutable unset',
    [{ ...immutableCM, immutable: false }, immutableCM],
    ['immutable: Forbidden: field is immutable when `immutable` is set'],
  ],
  ['mutable may change', [{ metadata: meta(), data: { a: '2' } }, { metadata: meta(), data: { a: '1' } }], []],
]);

const b64 = (s: string) => Buffer.from(s).toString('base64');
table<SecretT>('Secret', validateSecret, [
  ['opaque', { metadata: meta(), type: 'Opaque', data: { 'tls.crt': b64('x') } }, []],
  ['bad key', { metadata: meta(), data: { 'a b': b64('x') } }, [`data[a b]: Invalid value: "a b": ${keyMsg}`]],
  [
    'service account token without annotation',
    { metadata: meta(), type: 'kubernetes.io/service-account-token' },
    ['metadata.annotations[kubernetes.io/service-account.name]: Required value'],
  ],
  [
    'tls missing both keys',
    { metadata: meta(), type: 'kubernetes.io/tls', data: {} },
    ['data[tls.crt]: Required value', 'data[tls.key]: Required value'],
  ],
  [
    'basic-auth missing both',
    { metadata: meta(), type: 'kubernetes.io/basic-auth', data: {} },
    ['data[username]: Required value', 'data[password]: Required value'],
  ],
  ['basic-auth with only username', { metadata: meta(), type: 'kubernetes.io/basic-auth', data: { username: b64('u') } }, []],
  ['ssh-auth empty key', { metadata: meta(), type: 'kubernetes.io/ssh-auth', data: { 'ssh-privatekey': '' } }, ['data[ssh-privatekey]: Required value']],
  [
    'dockerconfigjson not json',
    { metadata: meta(), type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64('xyz') } },
    [`data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": invalid character 'x' looking for beginning of value`],
  ],
  ['dockerconfigjson ok', { metadata: meta(), type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64('{"auths":{}}') } }, []],
]);

table<[SecretT, SecretT]>('Secret update', ([n, o]) => validateSecretUpdate(n, o), [
  [
    'type change',
    [{ metadata: meta(), type: 'kubernetes.io/tls', data: { 'tls.crt': '', 'tls.key': '' } }, { metadata: meta(), type: 'Opaque' }],
    ['type: Invalid value: "kubernetes.io/tls": field is immutable'],
  ],
  [
    'immutable data change',
    [{ metadata: meta(), type: 'Opaque', immutable: true, data: { a: b64('2') } }, { metadata: meta(), type: 'Opaque', immutable: true, data: { a: b64('1') } }],
    ['data: Forbidden: field is immutable when `immutable` is set'],
  ],
]);

table<NamespaceT>('Namespace', validateNamespace, [
  ['standard finalizer', { metadata: { name: 'ns' }, spec: { finalizers: ['kubernetes'] } }, []],
  ['qualified finalizer', { metadata: { name: 'ns' }, spec: { finalizers: ['example.com/foo'] } }, []],
  [
    'bare non-standard finalizer',
    { metadata: { name: 'ns' }, spec: { finalizers: ['foo'] } },
    ['spec.finalizers: Invalid value: "foo": name is neither a standard finalizer name nor is it fully qualified'],
  ],
]);

table<NamespaceT>('Namespace status', (ns) => validateNamespaceStatusUpdate(ns, ns), [
  ['active', { metadata: { name: 'ns' }, status: { phase: 'Active' } }, []],
  [
    'terminating without deletionTimestamp',
    { metadata: { name: 'ns' }, status: { phase: 'Terminating' } },
    [`status.Phase: Invalid value: "Terminating": may only be 'Active' if \`deletionTimestamp\` is empty`],
  ],
  [
    'active while deleting',
    { metadata: { name: 'ns', deletionTimestamp: '2024-01-01T00:00:00Z' }, status: { phase: 'Active' } },
    [`status.Phase: Invalid value: "Active": may only be 'Terminating' if \`deletionTimestamp\` is not empty`],
  ],
]);

function svc(spec: NonNullable<ServiceT['spec']>, annotations?: Record<string, string>): ServiceT {
  const s: ServiceT = { metadata: { name: 'svc', namespace: 'default', annotations }, spec: structuredClone(spec) };
  defaultService(s);
  if (s.spec?.clusterIP && !s.spec.clusterIPs) s.spec.clusterIPs = [s.spec.clusterIP];
  return s;
}
const p80 = [{ port: 80 }];

table<ServiceT>('Service', validateService, [
  ['minimal', svc({ ports: p80, selector: { app: 'web' } }), []],
  ['no ports', svc({}), ['spec.ports: Required value']],
  ['headless without ports', svc({ clusterIP: 'None' }), []],
  ['external name', svc({ type: 'ExternalName', externalName: 'foo.example.com.' }), []],
  ['external name missing', svc({ type: 'ExternalName' }), ['spec.externalName: Required value']],
  [
    'external name with clusterIPs',
    svc({ type: 'ExternalName', externalName: 'a.b', clusterIP: '10.0.0.1' }),
    ['spec.clusterIPs: Forbidden: may not be set for ExternalName services'],
  ],
  ['two ports need names', svc({ ports: [{ port: 80 }, { port: 81 }] }), ['spec.ports[0].name: Required value', 'spec.ports[1].name: Required value']],
  [
    'duplicate port names',
    svc({ ports: [{ name: 'a', port: 80 }, { name: 'a', port: 81 }] }),
    ['spec.ports[1].name: Duplicate value: "a"'],
  ],
  ['port out of range', svc({ ports: [{ port: 65536 }] }), [
    'spec.ports[0].port: Invalid value: 65536: must be between 1 and 65535, inclusive',
    'spec.ports[0].targetPort: Invalid value: 65536: must be between 1 and 65535, inclusive',
  ]],
  ['bad protocol', svc({ ports: [{ port: 80, protocol: 'HTTP' }] }), ['spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"']],
  [
    'bad named targetPort',
    svc({ ports: [{ port: 80, targetPort: 'Http' }] }),
    ['spec.ports[0].targetPort: Invalid value: "Http": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)'],
  ],
  ['bad type', svc({ ports: p80, type: 'Weird' }), [
    'spec.type: Unsupported value: "Weird": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
  ]],
  ['nodePort on ClusterIP', svc({ ports: [{ port: 80, nodePort: 30001 }] }), [
    "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
  ]],
  ['duplicate port/protocol', svc({ ports: [{ name: 'a', port: 80 }, { name: 'b', port: 80 }] }), [
    'spec.ports[1]: Duplicate value: {"port":80,"protocol":"TCP"}',
  ]],
  ['bad session affinity', svc({ ports: p80, sessionAffinity: 'Cookie' }), [
    'spec.sessionAffinity: Unsupported value: "Cookie": supported values: "ClientIP", "None"',
  ]],
  ['ClientIP timeout too big', svc({ ports: p80, sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 86401 } } }), [
    'spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 86401: must be greater than 0 and less than 86400',
  ]],
  ['selector bad label', svc({ ports: p80, selector: { 'a b': 'c' } }), [
    `spec.selector: Invalid value: "a b": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
  ]],
  ['bad clusterIP', svc({ ports: p80, clusterIP: '10.0.0.300' }), [
    'spec.clusterIPs[0]: Invalid value: "10.0.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
  ]],
  ['clusterIPs mismatch', svc({ ports: p80, clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.2'] }), [
    'spec.clusterIPs: Invalid value: []string{"10.0.0.2"}: first value must match `clusterIP`',
  ]],
  ['two IPv4 clusterIPs', svc({ ports: p80, clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1', '10.0.0.2'] }), [
    'spec.clusterIPs: Invalid value: []string{"10.0.0.1", "10.0.0.2"}: may specify no more than one IP for each IP family',
  ]],
  ['dual stack', svc({ ports: p80, clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1', 'fd00::1'], ipFamilies: ['IPv4', 'IPv6'] }), []],
  ['family mismatch', svc({ ports: p80, clusterIP: '10.0.0.1', ipFamilies: ['IPv6'] }), [
    'spec.clusterIPs[0]: Invalid value: "10.0.0.1": expected an IPv6 value as indicated by `ipFamilies[0]`',
  ]],
  ['headless NodePort', svc({ ports: p80, type: 'NodePort', clusterIP: 'None' }), [
    "spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services",
  ]],
  ['LB exposing kubelet port', svc({ ports: [{ port: 10250 }], type: 'LoadBalancer' }), [
    'spec.ports[0]: Invalid value: 10250: may not expose port 10250 externally since it is used by kubelet',
  ]],
  ['external IP loopback', svc({ ports: p80, externalIPs: ['127.0.0.1'] }), [
    'spec.externalIPs[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
  ]],
  ['source ranges on ClusterIP', svc({ ports: p80, loadBalancerSourceRanges: ['10.0.0.0/8'] }), [
    "spec.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'",
  ]],
  ['externalTrafficPolicy on ClusterIP', svc({ ports: p80, externalTrafficPolicy: 'Local' }), [
    'spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services',
  ]],
  ['LB Local needs health check port', svc({ ports: p80, type: 'LoadBalancer', externalTrafficPolicy: 'Local' }), [
    'spec.healthCheckNodePort: Required value',
  ]],
  ['bad internalTrafficPolicy', svc({ ports: p80, internalTrafficPolicy: 'Node' }), [
    'spec.internalTrafficPolicy: Unsupported value: "Node": supported values: "Cluster", "Local"',
  ]],
  ['bad trafficDistribution', svc({ ports: p80, trafficDistribution: 'Anywhere' }), [
    'spec.trafficDistribution: Unsupported value: "Anywhere": supported values: "PreferClose"',
  ]],
  ['loadBalancerClass on ClusterIP', svc({ ports: p80, loadBalancerClass: 'a/b' }), [
    "spec.loadBalancerClass: Forbidden: may only be used when `type` is 'LoadBalancer'",
  ]],
]);

const withIP = svc({ ports: p80, clusterIP: '10.0.0.1' });
table<[ServiceT, ServiceT]>('Service update', ([n, o]) => validateServiceUpdate(n, o), [
  ['unchanged', [withIP, withIP], []],
  ['clusterIP changed', [svc({ ports: p80, clusterIP: '10.0.0.2' }), withIP], [
    'spec.clusterIPs[0]: Invalid value: []string{"10.0.0.2"}: may not change once set',
  ]],
  ['clusterIP unset', [svc({ ports: p80 }), withIP], ['spec.clusterIPs[0]: Invalid value: []interface {}{}: primary clusterIP can not be unset']],
  ['to ExternalName', [svc({ type: 'ExternalName', externalName: 'a.b' }), withIP], []],
]);

test('Service status: ingress on a ClusterIP service is forbidden', () => {
  const s = svc({ ports: p80 });
  s.status = { loadBalancer: { ingress: [{ ip: '1.2.3.4', ipMode: 'VIP' }] } };
  assert.deepEqual(strs(validateServiceStatusUpdate(s, s)), ["status.loadBalancer.ingress: Forbidden: may only be used when `spec.type` is 'LoadBalancer'"]);
  const lb = svc({ ports: p80, type: 'LoadBalancer' });
  lb.status = { loadBalancer: { ingress: [{ ip: '1.2.3.4' }, { hostname: '1.2.3.5' }] } };
  assert.deepEqual(strs(validateServiceStatusUpdate(lb, lb)), [
    'status.loadBalancer.ingress[0].ipMode: Required value: must be specified when `ip` is set',
    'status.loadBalancer.ingress[1].hostname: Invalid value: "1.2.3.5": must be a DNS name, not an IP address',
  ]);
});

table<EndpointsT>('Endpoints', validateEndpoints, [
  ['valid', { metadata: meta(), subsets: [{ addresses: [{ ip: '10.1.2.3' }], ports: [{ port: 80, protocol: 'TCP' }] }] }, []],
  ['no addresses', { metadata: meta(), subsets: [{ ports: [{ port: 80, protocol: 'TCP' }] }] }, [
    'subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`',
  ]],
  ['bad ip', { metadata: meta(), subsets: [{ addresses: [{ ip: '[2001:db8::1]' }] }] }, [
    'subsets[0].addresses[0].ip: Invalid value: "[2001:db8::1]": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    'subsets[0].addresses[0].ip: Invalid value: "[2001:db8::1]": must be a valid IP address',
  ]],
  ['link local', { metadata: meta(), subsets: [{ addresses: [{ ip: '169.254.169.254' }] }] }, [
    'subsets[0].addresses[0].ip: Invalid value: "169.254.169.254": may not be in the link-local range (169.254.0.0/16, fe80::/10)',
  ]],
  ['multicast link local v6', { metadata: meta(), subsets: [{ addresses: [{ ip: 'ff02::1' }] }] }, [
    'subsets[0].addresses[0].ip: Invalid value: "ff02::1": may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)',
  ]],
  ['two ports need names and protocol', { metadata: meta(), subsets: [{ addresses: [{ ip: '10.1.2.3' }], ports: [{ port: 80, protocol: 'TCP' }, { name: 'b', port: 0 }] }] }, [
    'subsets[0].ports[0].name: Required value',
    'subsets[0].ports[1].port: Invalid value: 0: must be between 1 and 65535, inclusive',
    'subsets[0].ports[1].protocol: Required value',
  ]],
]);

const node = (spec: NonNullable<NodeT['spec']>, status?: NodeT['status']): NodeT => ({ metadata: { name: 'n1' }, spec, status });
table<NodeT>('Node', validateNode, [
  ['valid', node({ podCIDRs: ['10.244.0.0/24', 'fd00::/64'], taints: [{ key: 'a', effect: 'NoSchedule' }] }, { capacity: { cpu: '4', pods: '110' } }), []],
  ['taint without effect', node({ taints: [{ key: 'a', effect: '' }] }), ['metadata.taints[0].effect: Required value']],
  ['taint bad effect', node({ taints: [{ key: 'a', effect: 'NoWay' }] }), [
    'metadata.taints[0].effect: Unsupported value: "NoWay": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
  ]],
  ['duplicate taint', node({ taints: [{ key: 'a', effect: 'NoSchedule', value: '1' }, { key: 'a', effect: 'NoSchedule', value: '2' }] }), [
    'metadata.taints[1]: Duplicate value: {"key":"a","effect":"NoSchedule","value":"2"}: taints must be unique by key and effect pair',
  ]],
  ['bad cidr', node({ podCIDRs: ['10.0.0.0/33'] }), ['spec.podCIDRs[0]: Invalid value: "10.0.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)']],
  ['two v4 cidrs', node({ podCIDRs: ['10.0.0.0/24', '10.0.1.0/24'] }), [
    'spec.podCIDRs: Invalid value: []string{"10.0.0.0/24", "10.0.1.0/24"}: may specify no more than one CIDR for each IP family',
  ]],
  ['negative capacity', node({}, { capacity: { memory: '-1Gi' } }), ['status.capacity.memory: Invalid value: "-1Gi": must be greater than or equal to 0']],
  ['fractional pods', node({}, { allocatable: { pods: '1500m' } }), ['status.allocatable.pods: Invalid value: "1500m": must be an integer']],
]);

table<[NodeT, NodeT]>('Node update', ([n, o]) => validateNodeUpdate(n, o), [
  ['assign podCIDR', [node({ podCIDRs: ['10.0.0.0/24'] }), node({})], []],
  ['change podCIDR', [node({ podCIDRs: ['10.0.1.0/24'] }), node({ podCIDRs: ['10.0.0.0/24'] })], [
    'spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid',
  ]],
  ['change providerID', [node({ providerID: 'b' }), node({ providerID: 'a' })], [
    'spec.providerID: Forbidden: node updates may not change providerID except from "" to valid',
  ]],
  ['duplicate address', [node({}, { addresses: [{ type: 'InternalIP', address: '1.1.1.1' }, { type: 'InternalIP', address: '1.1.1.1' }] }), node({})], [
    'status.addresses[1]: Duplicate value: {"type":"InternalIP","address":"1.1.1.1"}',
  ]],
  ['cordon', [node({ unschedulable: true }), node({})], []],
]);

const ev = (e: Partial<EventT>): EventT => ({ metadata: { name: 'e', namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'p', namespace: 'default' }, ...e });
table<EventT>('core/v1 Event', validateEvent, [
  ['legacy ok', ev({ reason: 'Started' }), []],
  ['namespace mismatch', ev({ involvedObject: { namespace: 'other' } }), ['involvedObject.namespace: Invalid value: "other": does not match event.namespace']],
  ['cluster-scoped object in default', ev({ involvedObject: { kind: 'Node', name: 'n' } }), []],
  ['new style needs reporting fields', ev({ eventTime: '2024-01-01T00:00:00.000000Z' }), [
    'reportingController: Required value',
    `reportingController: Invalid value: "": name part must be non-empty`,
    'reportingInstance: Required value',
    'action: Required value',
    'reason: Required value',
  ]],
]);

const ev1 = (e: Partial<EventsV1EventT>): EventsV1EventT => ({
  metadata: { name: 'e', namespace: 'default' },
  eventTime: '2024-01-01T00:00:00.000000Z',
  regarding: { kind: 'Pod', name: 'p', namespace: 'default' },
  reportingController: 'kubemu.io/x',
  reportingInstance: 'x-1',
  action: 'Create',
  reason: 'Created',
  type: 'Normal',
  ...e,
});
table<EventsV1EventT>('events.k8s.io/v1 Event', validateEventsV1Event, [
  ['valid', ev1({}), []],
  ['bad type', ev1({ type: 'Info' }), ['type: Invalid value: "": has invalid value: Info']],
  ['deprecated fields set', ev1({ deprecatedCount: 2, deprecatedSource: { component: 'c' } }), [
    'count: Invalid value: "": needs to be unset',
    'source: Invalid value: "": needs to be unset',
  ]],
  ['short series', ev1({ series: { count: 1, lastObservedTime: '2024-01-01T00:00:00.000000Z' } }), ['series.count: Invalid value: "": should be at least 2']],
  ['long note', ev1({ note: 'x'.repeat(1025) }), ['message: Invalid value: "": can have at most 1024 characters']],
]);
test('events.k8s.io/v1 Event update: note is immutable', () => {
  assert.deepEqual(strs(validateEventsV1EventUpdate(ev1({ note: 'b' }), ev1({ note: 'a' }))), ['message: Invalid value: "b": field is immutable']);
});

table<LeaseT>('Lease', validateLease, [
  ['valid', { metadata: meta(), spec: { holderIdentity: 'a', leaseDurationSeconds: 40, leaseTransitions: 0 } }, []],
  ['zero duration', { metadata: meta(), spec: { leaseDurationSeconds: 0 } }, ['spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0']],
  ['negative transitions', { metadata: meta(), spec: { leaseTransitions: -1 } }, ['spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0']],
  ['unknown strategy', { metadata: meta(), spec: { strategy: 'Newest' } }, [
    'spec.strategy.strategy: Unsupported value: "Newest": supported values: "OldestEmulationVersion"',
  ]],
  ['preferredHolder without strategy', { metadata: meta(), spec: { preferredHolder: 'b' } }, [
    'spec.preferredHolder: Forbidden: may only be specified if `strategy` is defined',
  ]],
]);

const slice = (s: Partial<EndpointSliceT>): EndpointSliceT => ({ metadata: meta(), addressType: 'IPv4', endpoints: [], ...s });
table<EndpointSliceT>('EndpointSlice', (s) => validateEndpointSlice(s), [
  ['valid', slice({ endpoints: [{ addresses: ['10.1.2.3'], conditions: { ready: true } }], ports: [{ name: 'http', protocol: 'TCP', port: 80 }] }), []],
  ['missing address type', slice({ addressType: '' }), ['addressType: Required value']],
  ['deprecated IP type on create', slice({ addressType: 'IP' }), ['addressType: Unsupported value: "IP": supported values: "FQDN", "IPv4", "IPv6"']],
  ['no addresses', slice({ endpoints: [{ addresses: [] }] }), ['endpoints[0].addresses: Required value: must contain at least 1 address']],
  ['v6 in v4 slice', slice({ endpoints: [{ addresses: ['fd00::1'] }] }), ['endpoints[0].addresses[0]: Invalid value: "fd00::1": must be a valid IPv4 address']],
  ['fqdn one label', slice({ addressType: 'FQDN', endpoints: [{ addresses: ['foo'] }] }), [
    'endpoints[0].addresses[0]: Invalid value: "foo": should be a domain with at least two segments separated by dots',
  ]],
  ['duplicate port names', slice({ ports: [{ name: '', protocol: 'TCP' }, { name: '', protocol: 'UDP' }] }), ['ports[1].name: Duplicate value: ""']],
  ['port protocol missing', slice({ ports: [{ name: 'a' }] }), ['ports[0].protocol: Required value']],
]);
test('EndpointSlice update: addressType immutable, IP tolerated', () => {
  const old = slice({});
  assert.deepEqual(strs(validateEndpointSliceUpdate(slice({ addressType: 'IPv6' }), old)), ['addressType: Invalid value: "IPv6": field is immutable']);
  assert.deepEqual(strs(validateEndpointSliceUpdate(slice({ addressType: 'IP' }), slice({ addressType: 'IP' }))), []);
});

table<BindingT>('Binding', validatePodBinding, [
  ['valid', { metadata: meta(), target: { kind: 'Node', name: 'n1' } }, []],
  ['empty kind ok', { metadata: meta(), target: { name: 'n1' } }, []],
  ['bad kind, no name', { metadata: meta(), target: { kind: 'Pod' } }, [
    'target.kind: Unsupported value: "Pod": supported values: "Node", "<empty>"',
    'target.name: Required value',
  ]],
]);

table<ScaleT>('Scale', validateScale, [
  ['valid', { metadata: meta(), spec: { replicas: 3 } }, []],
  ['negative', { metadata: meta(), spec: { replicas: -1 } }, ['spec.replicas: Invalid value: -1: must be greater than or equal to 0']],
]);

table<EvictionT>('Eviction', validateEviction, [
  ['valid', { metadata: meta(), deleteOptions: { gracePeriodSeconds: 0, dryRun: ['All'] } }, []],
  ['bad policy', { metadata: meta(), deleteOptions: { propagationPolicy: 'Now' } }, [
    'propagationPolicy: Unsupported value: "Now": supported values: "Foreground", "Background", "Orphan", "nil"',
  ]],
  ['bad dryRun', { metadata: meta(), deleteOptions: { dryRun: ['Yes'] } }, ['dryRun: Unsupported value: []string{"Yes"}: supported values: "All"']],
]);
