import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  conditionsChanged,
  healthyNode,
  NetworkNotReadyMessage,
  registeringNode,
  schedulableEvent,
  setNodeConditions,
  type NodeCondition,
  type NodeHealth,
} from '../../src/kubelet/node-conditions.js';

const before = '2024-01-01T00:00:00Z';
const now = '2024-01-01T00:01:00Z';
const cond = (type: string, status: string, reason = 'R', message = 'M'): NodeCondition => ({ type, status, reason, message, lastHeartbeatTime: before, lastTransitionTime: before });

function run(current: NodeCondition[], health: NodeHealth) {
  const events: string[] = [];
  const conditions = setNodeConditions(current, now, health, (e) => events.push(e));
  return { conditions, events, byType: Object.fromEntries(conditions.map((c) => [c.type, c])) };
}

// The cases of upstream's TestMemoryPressureCondition / TestDiskPressureCondition /
// TestPIDPressureCondition (pkg/kubelet/nodestatus/setters_test.go).
const pressureCases: Array<{ type: string; key: 'memoryPressure' | 'diskPressure' | 'pidPressure'; on: [string, string, string]; off: [string, string, string] }> = [
  {
    type: 'MemoryPressure',
    key: 'memoryPressure',
    on: ['KubeletHasInsufficientMemory', 'kubelet has insufficient memory available', 'NodeHasInsufficientMemory'],
    off: ['KubeletHasSufficientMemory', 'kubelet has sufficient memory available', 'NodeHasSufficientMemory'],
  },
  {
    type: 'DiskPressure',
    key: 'diskPressure',
    on: ['KubeletHasDiskPressure', 'kubelet has disk pressure', 'NodeHasDiskPressure'],
    off: ['KubeletHasNoDiskPressure', 'kubelet has no disk pressure', 'NodeHasNoDiskPressure'],
  },
  {
    type: 'PIDPressure',
    key: 'pidPressure',
    on: ['KubeletHasInsufficientPID', 'kubelet has insufficient PID available', 'NodeHasInsufficientPID'],
    off: ['KubeletHasSufficientPID', 'kubelet has sufficient PID available', 'NodeHasSufficientPID'],
  },
];

for (const p of pressureCases) {
  const table: Array<{ desc: string; existing?: NodeCondition; pressure: boolean; status: string; reason: string; transition: string; events: string[] }> = [
    { desc: 'new, no pressure', pressure: false, status: 'False', reason: p.off[0], transition: now, events: [p.off[2]] },
    { desc: 'new, pressure', pressure: true, status: 'True', reason: p.on[0], transition: now, events: [p.on[2]] },
    { desc: 'transition to pressure', existing: cond(p.type, 'False', p.off[0], p.off[1]), pressure: true, status: 'True', reason: p.on[0], transition: now, events: [p.on[2]] },
    { desc: 'transition to no pressure', existing: cond(p.type, 'True', p.on[0], p.on[1]), pressure: false, status: 'False', reason: p.off[0], transition: now, events: [p.off[2]] },
    { desc: 'pressure, no transition', existing: cond(p.type, 'True', p.on[0], p.on[1]), pressure: true, status: 'True', reason: p.on[0], transition: before, events: [] },
    { desc: 'no pressure, no transition', existing: cond(p.type, 'False', p.off[0], p.off[1]), pressure: false, status: 'False', reason: p.off[0], transition: before, events: [] },
    // Unknown (set by the node lifecycle controller) back to the kubelet's view is a transition.
    { desc: 'unknown to no pressure', existing: cond(p.type, 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.'), pressure: false, status: 'False', reason: p.off[0], transition: now, events: [p.off[2]] },
    // Same status, other reason: only the heartbeat moves, as upstream (the reason is kept).
    { desc: 'no pressure, foreign reason kept', existing: cond(p.type, 'False', 'Other', 'other'), pressure: false, status: 'False', reason: 'Other', transition: before, events: [] },
  ];
  for (const t of table) {
    test(`${p.type}: ${t.desc}`, () => {
      const r = run(t.existing ? [t.existing] : [], { ...healthyNode, [p.key]: t.pressure });
      const c = r.byType[p.type]!;
      assert.deepEqual([c.status, c.reason, c.lastTransitionTime, c.lastHeartbeatTime], [t.status, t.reason, t.transition, now]);
      assert.deepEqual(r.events.filter((e) => e.includes(p.on[2]) || e.includes(p.off[2])), t.events);
    });
  }
}

// upstream TestReadyCondition: a new Ready condition records nothing, a status change records
// NodeReady / NodeNotReady.
const readyTable: Array<{ desc: string; existing?: NodeCondition; notReady?: string; want: NodeCondition; events: string[] }> = [
  {
    desc: 'new, ready',
    want: { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now, lastTransitionTime: now },
    events: [],
  },
  {
    desc: 'new, not ready: network errors',
    notReady: NetworkNotReadyMessage,
    want: { type: 'Ready', status: 'False', reason: 'KubeletNotReady', message: NetworkNotReadyMessage, lastHeartbeatTime: now, lastTransitionTime: now },
    events: [],
  },
  {
    desc: 'transition to ready',
    existing: cond('Ready', 'False', 'KubeletNotReady', 'x'),
    want: { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now, lastTransitionTime: now },
    events: ['NodeReady'],
  },
  {
    desc: 'transition to not ready',
    existing: cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
    notReady: 'runtime is down',
    want: { type: 'Ready', status: 'False', reason: 'KubeletNotReady', message: 'runtime is down', lastHeartbeatTime: now, lastTransitionTime: now },
    events: ['NodeNotReady'],
  },
  {
    desc: 'ready, no transition',
    existing: cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
    want: { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now, lastTransitionTime: before },
    events: [],
  },
  {
    desc: 'unknown (node lifecycle) to ready',
    existing: cond('Ready', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.'),
    want: { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now, lastTransitionTime: now },
    events: ['NodeReady'],
  },
  {
    // The Ready setter replaces the whole condition: a foreign reason is overwritten, without an event.
    desc: 'ready with another reason, no transition',
    existing: cond('Ready', 'True', 'Other', 'other'),
    want: { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now, lastTransitionTime: before },
    events: [],
  },
];

for (const t of readyTable) {
  test(`Ready: ${t.desc}`, () => {
    const r = run(t.existing ? [t.existing] : [], { ...healthyNode, notReady: t.notReady });
    assert.deepEqual(r.byType.Ready, t.want);
    assert.deepEqual(r.events.filter((e) => e === 'NodeReady' || e === 'NodeNotReady'), t.events);
  });
}

test('setters run in the kubelet order: new conditions are appended Memory, Disk, PID, Ready; others are kept', () => {
  const net = cond('NetworkUnavailable', 'False', 'RouteCreated', 'r');
  const r = run([net], registeringNode);
  assert.deepEqual(r.conditions.map((c) => `${c.type}=${c.status}`), ['NetworkUnavailable=False', 'MemoryPressure=False', 'DiskPressure=False', 'PIDPressure=False', 'Ready=False']);
  assert.deepEqual(r.events, ['NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID']);
  assert.deepEqual(r.byType.NetworkUnavailable, net);
  // The input is not modified.
  assert.equal(net.lastHeartbeatTime, before);
});

test('conditionsChanged ignores heartbeats only', () => {
  const a = [cond('Ready', 'True', 'KubeletReady', 'm'), cond('MemoryPressure', 'False')];
  const hb = a.map((c) => ({ ...c, lastHeartbeatTime: now }));
  const cases: Array<[string, NodeCondition[], boolean]> = [
    ['same', a.map((c) => ({ ...c })), false],
    ['heartbeat only', hb, false],
    ['reordered', [...a].reverse(), false],
    ['status', [{ ...a[0]!, status: 'False' }, a[1]!], true],
    ['reason', [{ ...a[0]!, reason: 'X' }, a[1]!], true],
    ['message', [{ ...a[0]!, message: 'X' }, a[1]!], true],
    ['transition time', [{ ...a[0]!, lastTransitionTime: now }, a[1]!], true],
    ['added', [...a, cond('PIDPressure', 'False')], true],
    ['removed', [a[0]!], true],
  ];
  for (const [desc, b, want] of cases) assert.equal(conditionsChanged(a, b), want, desc);
});

test('recordNodeSchedulableEvent: an event only when spec.unschedulable changes', () => {
  const cases: Array<[boolean, boolean, string[]]> = [
    [false, false, []],
    [false, true, ['NodeNotSchedulable']],
    [true, true, []],
    [true, false, ['NodeSchedulable']],
  ];
  for (const [last, now, want] of cases) {
    const events: string[] = [];
    assert.equal(schedulableEvent(last, now, (e) => events.push(e)), now);
    assert.deepEqual(events, want, `${last} -> ${now}`);
  }
});
