import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interPodAffinity } from '../../src/scheduler/plugins/inter-pod-affinity.js';
import type { PodLike } from '../../src/scheduler/types.js';
import { mkNode, mkPod, runFilter, runScore, snapshot } from './scheduler-fixtures.js';

const sel = (key: string, op: string, values?: string[]) => ({ matchExpressions: [{ key, operator: op, ...(values ? { values } : {}) }] });
const term = (labelSelector: unknown, topologyKey: string, extra: Record<string, unknown> = {}) => ({ labelSelector, topologyKey, ...extra });
const on = (p: PodLike, node: string): PodLike => ({ ...p, spec: { ...p.spec, nodeName: node } });

const AFF = "node(s) didn't match pod affinity rules";
const ANTI = "node(s) didn't match pod anti-affinity rules";
const EXISTING = "node(s) didn't satisfy existing pods anti-affinity rules";

// interpodaffinity/filtering_test.go TestRequiredAffinitySingleNode (selected cases)
const cases: Array<{ name: string; pod: PodLike; pods: PodLike[]; labels?: Record<string, string>; namespaces?: Array<{ name: string; labels: Record<string, string> }>; want?: [string, string] }> = [
  { name: 'no required rules, no existing pods', pod: mkPod('p'), pods: [] },
  {
    name: 'affinity In matches the existing pod',
    pod: mkPod('p', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term(sel('service', 'In', ['securityscan', 'value2']), 'region')] } } }),
    pods: [on(mkPod('e', {}, { service: 'securityscan' }), 'node1')],
  },
  {
    name: 'affinity NotIn satisfied',
    pod: mkPod('p', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term(sel('service', 'NotIn', ['securityscan3', 'value3']), 'region')] } } }),
    pods: [on(mkPod('e', {}, { service: 'securityscan' }), 'node1')],
  },
  {
    name: 'affinity does not match the existing pod',
    pod: mkPod('p', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term(sel('service', 'In', ['antivirusscan', 'value2']), 'region')] } } }),
    pods: [on(mkPod('e', {}, { service: 'securityscan' }), 'node1')],
    want: ['UnschedulableAndUnresolvable', AFF],
  },
  {
    name: 'affinity to a pod in another namespace is not satisfied by the pod in this one',
    pod: mkPod('p', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term(sel('service', 'In', ['securityscan']), 'region', { namespaces: ['DiffNameSpace'] })] } } }),
    pods: [on(mkPod('e', {}, { service: 'securityscan' }), 'node1')],
    want: ['UnschedulableAndUnresolvable', AFF],
  },
  {
    name: 'affinity via namespaceSelector',
    pod: mkPod('p', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term(sel('service', 'In', ['securityscan']), 'region', { namespaceSelector: { matchLabels: { team: 'a' } } })] } } }),
    pods: [on(mkPod('e', {}, { service: 'securityscan' }, 'subteam'), 'node1')],
    namespaces: [{ name: 'default', labels: {} }, { name: 'subteam', labels: { team: 'a' } }],
  },
  {
    name: 'first pod of a self-affine group goes where its topology exists',
    pod: mkPod('p', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term(sel('service', 'In', ['securityscan']), 'region')] } } }, { service: 'securityscan' }),
    pods: [],
  },
  {
    name: 'first pod of a self-affine group: the node lacks the topology label',
    pod: mkPod('p', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term(sel('service', 'In', ['securityscan']), 'zone')] } } }, { service: 'securityscan' }),
    pods: [],
    want: ['UnschedulableAndUnresolvable', AFF],
  },
  {
    name: 'anti-affinity with an existing pod in the same topology',
    pod: mkPod('p', { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term(sel('service', 'In', ['securityscan']), 'region')] } } }),
    pods: [on(mkPod('e', {}, { service: 'securityscan' }), 'node1')],
    want: ['Unschedulable', ANTI],
  },
  {
    name: 'anti-affinity topology key the node lacks is satisfied',
    pod: mkPod('p', { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term(sel('service', 'In', ['securityscan']), 'zone')] } } }),
    pods: [on(mkPod('e', {}, { service: 'securityscan' }), 'node1')],
  },
  {
    name: "existing pod's anti-affinity rejects the incoming pod (symmetry)",
    pod: mkPod('p', {}, { service: 'securityscan' }),
    pods: [on(mkPod('e', { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term(sel('service', 'In', ['securityscan']), 'region')] } } }), 'node1')],
    want: ['Unschedulable', EXISTING],
  },
  {
    name: "existing pod's anti-affinity does not match the incoming pod's labels",
    pod: mkPod('p', {}, { service: 'other' }),
    pods: [on(mkPod('e', { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term(sel('service', 'In', ['securityscan']), 'region')] } } }), 'node1')],
  },
  {
    name: 'affinity and anti-affinity together, both satisfied',
    pod: mkPod('p', {
      affinity: {
        podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term(sel('service', 'In', ['securityscan']), 'region')] },
        podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term(sel('service', 'In', ['antivirusscan']), 'node')] },
      },
    }),
    pods: [on(mkPod('e', {}, { service: 'securityscan' }), 'node1')],
  },
];

for (const c of cases) {
  test(`InterPodAffinity filter: ${c.name}`, () => {
    const snap = snapshot([mkNode('node1', c.labels ?? { region: 'r1', node: 'node1' })], c.pods, c.namespaces);
    const s = runFilter(interPodAffinity, c.pod, snap).get('node1');
    if (!c.want) assert.equal(s, undefined);
    else assert.deepEqual({ code: s?.code, reasons: s?.reasons }, { code: c.want[0], reasons: [c.want[1]] });
  });
}

test('InterPodAffinity filter: anti-affinity spreads over hostnames', () => {
  const anti = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ matchLabels: { app: 'web' } }, 'kubernetes.io/hostname')] } };
  const nodes = ['a', 'b', 'c'].map((n) => mkNode(n, { 'kubernetes.io/hostname': n }));
  const snap = snapshot(nodes, [on(mkPod('w1', { affinity: anti }, { app: 'web' }), 'a'), on(mkPod('w2', { affinity: anti }, { app: 'web' }), 'b')]);
  const r = runFilter(interPodAffinity, mkPod('w3', { affinity: anti }, { app: 'web' }), snap);
  assert.equal(r.get('a')?.reasons[0], ANTI);
  assert.equal(r.get('b')?.reasons[0], ANTI);
  assert.equal(r.get('c'), undefined);
});

// scoring_test.go TestPreferredAffinity (selected)
const zoneNodes = () => [mkNode('node1', { region: 'China' }), mkNode('node2', { region: 'India' }), mkNode('node3', { az: 'az1' })];
const prefTerm = (weight: number, labelSelector: unknown, topologyKey: string) => ({ weight, podAffinityTerm: term(labelSelector, topologyKey) });

test('InterPodAffinity score: all zero without affinity', () => {
  assert.deepEqual(runScore(interPodAffinity, mkPod('p'), snapshot(zoneNodes())), { node1: 0, node2: 0, node3: 0 });
});

test('InterPodAffinity score: preferred affinity favours the matching topology', () => {
  const pod = mkPod('p', { affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [prefTerm(5, sel('security', 'In', ['S1']), 'region')] } } });
  const pods = [on(mkPod('e1', {}, { security: 'S1' }), 'node1'), on(mkPod('e2', {}, { security: 'S2' }), 'node2'), on(mkPod('e3', {}, { security: 'S1' }), 'node3')];
  assert.deepEqual(runScore(interPodAffinity, pod, snapshot(zoneNodes(), pods)), { node1: 100, node2: 0, node3: 0 });
});

test('InterPodAffinity score: preferred anti-affinity avoids the matching topology', () => {
  const pod = mkPod('p', { affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [prefTerm(5, sel('security', 'In', ['S1']), 'region')] } } });
  const pods = [on(mkPod('e1', {}, { security: 'S1' }), 'node1'), on(mkPod('e2', {}, { security: 'S2' }), 'node2')];
  assert.deepEqual(runScore(interPodAffinity, pod, snapshot(zoneNodes(), pods)), { node1: 0, node2: 100, node3: 100 });
});

test("InterPodAffinity score: existing pods' hard affinity counts with weight 1 (symmetry)", () => {
  const existing = on(mkPod('e1', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term(sel('app', 'In', ['x']), 'region')] } } }), 'node2');
  assert.deepEqual(runScore(interPodAffinity, mkPod('p', {}, { app: 'x' }), snapshot(zoneNodes(), [existing])), { node1: 0, node2: 100, node3: 0 });
});
