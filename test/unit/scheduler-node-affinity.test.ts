import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nodeAffinity } from '../../src/scheduler/plugins/node-affinity.js';
import { mkNode, mkPod, runFilter, runScore, snapshot } from './scheduler-fixtures.js';

const required = (...terms: unknown[]) => ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } });
const expr = (key: string, operator: string, values?: string[]) => ({ key, operator, ...(values ? { values } : {}) });

// nodeaffinity/node_affinity_test.go TestNodeAffinity
const cases: Array<{ name: string; spec: any; labels?: Record<string, string>; node?: string; fits: boolean }> = [
  { name: 'no selector', spec: {}, fits: true },
  { name: 'missing labels', spec: { nodeSelector: { foo: 'bar' } }, fits: false },
  { name: 'same labels', spec: { nodeSelector: { foo: 'bar' } }, labels: { foo: 'bar' }, fits: true },
  { name: 'node labels are superset', spec: { nodeSelector: { foo: 'bar' } }, labels: { foo: 'bar', baz: 'blah' }, fits: true },
  { name: 'node labels are subset', spec: { nodeSelector: { foo: 'bar', baz: 'blah' } }, labels: { foo: 'bar' }, fits: false },
  { name: 'In operator matches', spec: { affinity: required({ matchExpressions: [expr('foo', 'In', ['bar', 'value2'])] }) }, labels: { foo: 'bar' }, fits: true },
  { name: 'Gt operator matches', spec: { affinity: required({ matchExpressions: [expr('kernel-version', 'Gt', ['0204'])] }) }, labels: { 'kernel-version': '0206' }, fits: true },
  { name: 'Lt operator does not match', spec: { affinity: required({ matchExpressions: [expr('kernel-version', 'Lt', ['0204'])] }) }, labels: { 'kernel-version': '0206' }, fits: false },
  { name: 'NotIn that does not match the node', spec: { affinity: required({ matchExpressions: [expr('mem-type', 'NotIn', ['DDR', 'DDR2'])] }) }, labels: { 'mem-type': 'DDR3' }, fits: true },
  { name: 'Exists matches', spec: { affinity: required({ matchExpressions: [expr('GPU', 'Exists')] }) }, labels: { GPU: 'NVIDIA-GRID-K1' }, fits: true },
  { name: 'DoesNotExist on a present label', spec: { affinity: required({ matchExpressions: [expr('GPU', 'DoesNotExist')] }) }, labels: { GPU: 'NVIDIA-GRID-K1' }, fits: false },
  { name: 'affinity not matching labels', spec: { affinity: required({ matchExpressions: [expr('foo', 'In', ['value1', 'value2'])] }) }, labels: { foo: 'bar' }, fits: false },
  { name: 'nil NodeSelectorTerms', spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: null } } } }, labels: { foo: 'bar' }, fits: false },
  { name: 'empty NodeSelectorTerms', spec: { affinity: required() }, labels: { foo: 'bar' }, fits: false },
  { name: 'empty MatchExpressions matches nothing', spec: { affinity: required({ matchExpressions: [] }) }, labels: { foo: 'bar' }, fits: false },
  { name: 'Affinity but nil NodeSelector', spec: { affinity: { nodeAffinity: {} } }, labels: { foo: 'bar' }, fits: true },
  { name: 'matchExpressions ANDed, matching', spec: { affinity: required({ matchExpressions: [expr('GPU', 'Exists'), expr('GPU', 'NotIn', ['AMD', 'INTER'])] }) }, labels: { GPU: 'NVIDIA-GRID-K1' }, fits: true },
  { name: 'matchExpressions ANDed, not matching', spec: { affinity: required({ matchExpressions: [expr('GPU', 'Exists'), expr('GPU', 'In', ['AMD', 'INTER'])] }) }, labels: { GPU: 'NVIDIA-GRID-K1' }, fits: false },
  {
    name: 'NodeSelectorTerms ORed',
    spec: { affinity: required({ matchExpressions: [expr('foo', 'In', ['bar', 'value2'])] }, { matchExpressions: [expr('diffkey', 'In', ['wrong', 'value2'])] }) },
    labels: { foo: 'bar' },
    fits: true,
  },
  { name: 'affinity and nodeSelector both satisfied', spec: { nodeSelector: { foo: 'bar' }, affinity: required({ matchExpressions: [expr('foo', 'Exists')] }) }, labels: { foo: 'bar' }, fits: true },
  { name: 'affinity satisfied, nodeSelector not', spec: { nodeSelector: { foo: 'bar' }, affinity: required({ matchExpressions: [expr('foo', 'Exists')] }) }, labels: { foo: 'barrrrrr' }, fits: false },
  { name: 'invalid term (bad operator) never matches', spec: { affinity: required({ matchExpressions: [expr('foo', 'Bogus', ['bar'])] }) }, labels: { foo: 'bar' }, fits: false },
  { name: 'matchFields metadata.name In matches', spec: { affinity: required({ matchFields: [expr('metadata.name', 'In', ['node1'])] }) }, node: 'node1', fits: true },
  { name: 'matchFields metadata.name In another node', spec: { affinity: required({ matchFields: [expr('metadata.name', 'In', ['node1'])] }) }, node: 'node2', fits: false },
  { name: 'matchFields NotIn', spec: { affinity: required({ matchFields: [expr('metadata.name', 'NotIn', ['node1'])] }) }, node: 'node2', fits: true },
  {
    name: 'matchFields and matchExpressions in one term: both must match',
    spec: { affinity: required({ matchFields: [expr('metadata.name', 'In', ['node1'])], matchExpressions: [expr('foo', 'In', ['bar'])] }) },
    node: 'node1',
    labels: { foo: 'bar' },
    fits: true,
  },
  {
    name: 'matchFields and matchExpressions in one term: labels do not match',
    spec: { affinity: required({ matchFields: [expr('metadata.name', 'In', ['node1'])], matchExpressions: [expr('foo', 'In', ['bar'])] }) },
    node: 'node1',
    fits: false,
  },
  {
    name: 'matchFields and matchExpressions in two terms: either',
    spec: { affinity: required({ matchFields: [expr('metadata.name', 'In', ['node1'])] }, { matchExpressions: [expr('foo', 'In', ['bar'])] }) },
    node: 'node2',
    labels: { foo: 'bar' },
    fits: true,
  },
  { name: 'matchFields In needs exactly one value', spec: { affinity: required({ matchFields: [expr('metadata.name', 'In', ['node1', 'node2'])] }) }, node: 'node1', fits: false },
];

for (const c of cases) {
  test(`NodeAffinity filter: ${c.name}`, () => {
    const node = c.node ?? 'node1';
    const s = runFilter(nodeAffinity, mkPod('p', c.spec), snapshot([mkNode(node, c.labels ?? {})])).get(node);
    if (c.fits) assert.equal(s, undefined);
    else assert.deepEqual(s, { code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't match Pod's node affinity/selector"] });
  });
}

// TestNodeAffinityPriority
const pref = (...terms: Array<[number, ReturnType<typeof expr>[]]>) => ({
  nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: terms.map(([weight, exprs]) => ({ weight, preference: { matchExpressions: exprs } })) },
});
const label1 = { foo: 'bar' };
const label2 = { key: 'value' };
const label3 = { az: 'az1' };
const label4 = { abc: 'az11', def: 'az22' };
const label5 = { foo: 'bar', key: 'value', az: 'az1' };
const affinity1 = pref([2, [expr('foo', 'In', ['bar'])]]);
const affinity2 = pref([2, [expr('foo', 'In', ['bar'])]], [4, [expr('key', 'In', ['value'])]], [5, [expr('foo', 'In', ['bar']), expr('key', 'In', ['value']), expr('az', 'In', ['az1'])]]);

const scoreCases = [
  { name: 'all nodes are same priority as NodeAffinity is nil', affinity: undefined, nodes: { node1: label1, node2: label2, node3: label3 }, want: { node1: 0, node2: 0, node3: 0 } },
  { name: 'no node matches preferred scheduling requirements', affinity: affinity1, nodes: { node1: label4, node2: label2, node3: label3 }, want: { node1: 0, node2: 0, node3: 0 } },
  { name: 'only node1 matches', affinity: affinity1, nodes: { node1: label1, node2: label2, node3: label3 }, want: { node1: 100, node2: 0, node3: 0 } },
  { name: 'all match with different priorities', affinity: affinity2, nodes: { node1: label1, node5: label5, node2: label2 }, want: { node1: 18, node5: 100, node2: 36 } },
];
for (const c of scoreCases) {
  test(`NodeAffinity score: ${c.name}`, () => {
    const snap = snapshot(Object.entries(c.nodes).map(([n, l]) => mkNode(n, l)));
    assert.deepEqual(runScore(nodeAffinity, mkPod('p', { affinity: c.affinity }), snap), c.want);
  });
}
