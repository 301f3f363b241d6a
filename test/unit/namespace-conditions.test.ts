import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  NamespaceConditionUpdater,
  NamespaceContentRemaining,
  NamespaceDeletionContentFailure,
  NamespaceDeletionDiscoveryFailure,
  NamespaceDeletionGVParsingFailure,
  NamespaceFinalizersRemaining,
  newSuccessfulCondition,
  updateConditions,
  type NamespaceCondition,
} from '../../src/controllers/namespace/status-conditions.js';
import { aggregateMessage, finalized } from '../../src/controllers/namespace/resources-deleter.js';

const now = Date.parse('2024-01-01T00:00:00Z');
const ok = (type: string) => newSuccessfulCondition(type, now);
const strip = (cs: NamespaceCondition[]) => cs.map(({ lastTransitionTime: _t, ...c }) => c);

// Upstream status_condition_utils_test.go TestUpdateConditions.
const updateCases: Array<{ name: string; newConditions: NamespaceCondition[]; starting: NamespaceCondition[]; expected: NamespaceCondition[] }> = [
  {
    name: 'leave unknown',
    newConditions: [],
    starting: [{ type: 'unknown', status: 'True' }],
    expected: [
      { type: 'unknown', status: 'True' },
      ok(NamespaceDeletionDiscoveryFailure),
      ok(NamespaceDeletionGVParsingFailure),
      ok(NamespaceDeletionContentFailure),
      ok(NamespaceContentRemaining),
      ok(NamespaceFinalizersRemaining),
    ],
  },
  {
    name: 'replace with success',
    newConditions: [],
    starting: [{ type: NamespaceDeletionDiscoveryFailure, status: 'True' }],
    expected: [
      ok(NamespaceDeletionDiscoveryFailure),
      ok(NamespaceDeletionGVParsingFailure),
      ok(NamespaceDeletionContentFailure),
      ok(NamespaceContentRemaining),
      ok(NamespaceFinalizersRemaining),
    ],
  },
  {
    name: 'leave different order',
    newConditions: [],
    starting: [
      { type: NamespaceDeletionGVParsingFailure, status: 'True' },
      { type: NamespaceDeletionDiscoveryFailure, status: 'True' },
    ],
    expected: [
      ok(NamespaceDeletionGVParsingFailure),
      ok(NamespaceDeletionDiscoveryFailure),
      ok(NamespaceDeletionContentFailure),
      ok(NamespaceContentRemaining),
      ok(NamespaceFinalizersRemaining),
    ],
  },
  {
    name: 'overwrite with failure',
    newConditions: [{ type: NamespaceDeletionGVParsingFailure, status: 'True', reason: 'foo', message: 'bar' }],
    starting: [
      { type: NamespaceDeletionGVParsingFailure, status: 'False' },
      { type: NamespaceDeletionDiscoveryFailure, status: 'True' },
    ],
    expected: [
      { type: NamespaceDeletionGVParsingFailure, status: 'True', reason: 'foo', message: 'bar' },
      ok(NamespaceDeletionDiscoveryFailure),
      ok(NamespaceDeletionContentFailure),
      ok(NamespaceContentRemaining),
      ok(NamespaceFinalizersRemaining),
    ],
  },
  {
    name: 'write new failure',
    newConditions: [{ type: NamespaceDeletionGVParsingFailure, status: 'True', reason: 'foo', message: 'bar' }],
    starting: [{ type: NamespaceDeletionDiscoveryFailure, status: 'True' }],
    expected: [
      ok(NamespaceDeletionDiscoveryFailure),
      { type: NamespaceDeletionGVParsingFailure, status: 'True', reason: 'foo', message: 'bar' },
      ok(NamespaceDeletionContentFailure),
      ok(NamespaceContentRemaining),
      ok(NamespaceFinalizersRemaining),
    ],
  },
];

for (const c of updateCases) {
  test(`updateConditions: ${c.name}`, () => {
    const status = { conditions: structuredClone(c.starting) };
    assert.equal(updateConditions(status, c.newConditions, now), true);
    assert.deepEqual(strip(status.conditions), strip(c.expected));
  });
}

test('updateConditions: nothing changes the second time; a status change moves lastTransitionTime', () => {
  const status: { conditions?: NamespaceCondition[] } = {};
  updateConditions(status, [], now);
  assert.equal(updateConditions(status, [], now + 1000), false);
  const failing = [{ type: NamespaceContentRemaining, status: 'True', reason: 'SomeResourcesRemain', message: 'x' }];
  assert.equal(updateConditions(status, failing, now + 5000), true);
  const c = status.conditions!.find((x) => x.type === NamespaceContentRemaining)!;
  assert.equal(c.lastTransitionTime, '2024-01-01T00:00:05Z');
  // Same status, other message: the transition time stays.
  assert.equal(updateConditions(status, [{ ...failing[0]!, message: 'y' }], now + 9000), true);
  assert.equal(status.conditions!.find((x) => x.type === NamespaceContentRemaining)!.lastTransitionTime, '2024-01-01T00:00:05Z');
});

// Upstream TestProcessContentTotals.
const totalsCases: Array<{ name: string; gvr: Array<[string, number]>; fin: Array<[string, number]>; expected: NamespaceCondition[] }> = [
  { name: 'nothing', gvr: [], fin: [], expected: [] },
  {
    name: 'just remaining',
    gvr: [
      ['deployments.apps.k8s.io', 5],
      ['daemonsets.apps.k8s.io', 5],
    ],
    fin: [],
    expected: [
      {
        type: NamespaceContentRemaining,
        status: 'True',
        reason: 'SomeResourcesRemain',
        message: 'Some resources are remaining: daemonsets.apps.k8s.io has 5 resource instances, deployments.apps.k8s.io has 5 resource instances',
      },
    ],
  },
  {
    name: 'just finalizers',
    gvr: [],
    fin: [
      ['service-catalog', 6],
      ['kubedb', 5],
    ],
    expected: [
      {
        type: NamespaceFinalizersRemaining,
        status: 'True',
        reason: 'SomeFinalizersRemain',
        message: 'Some content in the namespace has finalizers remaining: kubedb in 5 resource instances, service-catalog in 6 resource instances',
      },
    ],
  },
  {
    name: 'both',
    gvr: [
      ['daemonsets.apps.k8s.io', 5],
      ['deployments.apps.k8s.io', 5],
    ],
    fin: [
      ['service-catalog', 6],
      ['kubedb', 5],
    ],
    expected: [
      {
        type: NamespaceContentRemaining,
        status: 'True',
        reason: 'SomeResourcesRemain',
        message: 'Some resources are remaining: daemonsets.apps.k8s.io has 5 resource instances, deployments.apps.k8s.io has 5 resource instances',
      },
      {
        type: NamespaceFinalizersRemaining,
        status: 'True',
        reason: 'SomeFinalizersRemain',
        message: 'Some content in the namespace has finalizers remaining: kubedb in 5 resource instances, service-catalog in 6 resource instances',
      },
    ],
  },
];

for (const c of totalsCases) {
  test(`processContentTotals: ${c.name}`, () => {
    const u = new NamespaceConditionUpdater(now);
    u.processContentTotals({ gvrToNumRemaining: new Map(c.gvr), finalizersToNumRemaining: new Map(c.fin) });
    const status: { conditions?: NamespaceCondition[] } = {};
    u.update(status);
    const failing = status.conditions!.filter((x) => x.status === 'True');
    assert.deepEqual(strip(failing), strip(c.expected));
  });
}

test('delete content errors become one NamespaceDeletionContentFailure condition, sorted', () => {
  const u = new NamespaceConditionUpdater(now);
  u.processDeleteContentErr('zeta failed');
  u.processDeleteContentErr('alpha failed');
  const status: { conditions?: NamespaceCondition[] } = {};
  u.update(status);
  const c = status.conditions!.find((x) => x.type === NamespaceDeletionContentFailure)!;
  assert.deepEqual(strip([c]), [
    { type: NamespaceDeletionContentFailure, status: 'True', reason: 'ContentDeletionFailed', message: 'Failed to delete all resource types, 2 remaining: alpha failed, zeta failed' },
  ]);
  assert.equal(c.lastTransitionTime, '2024-01-01T00:00:00Z');
});

test('aggregate error text and finalized', () => {
  assert.equal(aggregateMessage(['a']), 'a');
  assert.equal(aggregateMessage(['a', 'b']), '[a, b]');
  assert.equal(finalized({ spec: { finalizers: [] } }), true);
  assert.equal(finalized({}), true);
  assert.equal(finalized({ spec: { finalizers: ['kubernetes'] } }), false);
});
