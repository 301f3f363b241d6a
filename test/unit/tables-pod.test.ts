// Cases from upstream printers_test.go: TestPrintPod, TestPrintPodWithRestartableInitContainer,
// TestPrintPodwide, TestPrintPodConditions, TestPrintNonTerminatedPod, plus kubelet-shaped pods.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { podTable } from '../../src/registry/tables/pod.js';
import { D, M, NOW, S, ago, narrow, obj, wide } from './tables-helpers.js';

const n = (k: number) => Array.from({ length: k }, () => ({}));
const running = { running: {} };
const lastTerm = (msAgo: number) => ({ terminated: { finishedAt: ago(msAgo) } });
const deleted = ago(10 * S);
const pod = (name: string, spec: object, status: object, metadata: object = {}) => obj({ metadata: { name, ...metadata }, spec, status });
const sidecar = (name: string) => ({ name, restartPolicy: 'Always' });

test('pod columns match upstream', () => {
  assert.deepEqual(
    podTable.columns.map((c) => [c.name, c.type, c.format, c.priority]),
    [
      ['Name', 'string', 'name', 0],
      ['Ready', 'string', '', 0],
      ['Status', 'string', '', 0],
      ['Restarts', 'string', '', 0],
      ['Age', 'string', '', 0],
      ['IP', 'string', '', 1],
      ['Node', 'string', '', 1],
      ['Nominated Node', 'string', '', 1],
      ['Readiness Gates', 'string', '', 1],
    ],
  );
});

test('TestPrintPod', () => {
  const cases: [ReturnType<typeof obj>, unknown[]][] = [
    [
      pod('test1', { containers: n(2) }, { phase: 'podPhase', containerStatuses: [{ ready: true, restartCount: 3, state: running }, { restartCount: 3 }] }),
      ['test1', '1/2', 'podPhase', '6', '<unknown>'],
    ],
    [
      pod('test2', { containers: n(2) }, {
        phase: 'podPhase',
        containerStatuses: [{ ready: true, restartCount: 3, state: running }, { state: { waiting: { reason: 'ContainerWaitingReason' } }, restartCount: 3 }],
      }),
      ['test2', '1/2', 'ContainerWaitingReason', '6', '<unknown>'],
    ],
    [
      pod('test3', { containers: n(2) }, {
        phase: 'podPhase',
        containerStatuses: [
          { state: { waiting: { reason: 'ContainerWaitingReason' } }, restartCount: 3 },
          { state: { terminated: { reason: 'ContainerTerminatedReason' } }, restartCount: 3 },
        ],
      }),
      ['test3', '0/2', 'ContainerWaitingReason', '6', '<unknown>'],
    ],
    [
      pod('test4', { containers: n(2) }, { phase: 'podPhase', containerStatuses: [{ ready: true, restartCount: 3, state: running }, { ready: true, restartCount: 3 }] }),
      ['test4', '1/2', 'podPhase', '6', '<unknown>'],
    ],
    [
      pod('test5', { containers: n(2) }, {
        reason: 'podReason',
        phase: 'podPhase',
        containerStatuses: [{ ready: true, restartCount: 3, state: running }, { ready: true, restartCount: 3 }],
      }),
      ['test5', '1/2', 'podReason', '6', '<unknown>'],
    ],
    [
      pod('test6', { containers: n(2) }, {
        phase: 'Running',
        containerStatuses: [
          { ready: true, restartCount: 3, state: { terminated: { reason: 'Completed', exitCode: 0 } } },
          { ready: true, restartCount: 3, state: running },
        ],
      }),
      ['test6', '1/2', 'NotReady', '6', '<unknown>'],
    ],
    [
      pod('test6', { containers: n(2) }, {
        phase: 'Running',
        containerStatuses: [
          { ready: true, restartCount: 3, state: { terminated: { reason: 'Completed', exitCode: 0 } } },
          { ready: true, restartCount: 3, state: running },
        ],
        conditions: [{ type: 'Ready', status: 'True', lastProbeTime: ago(0) }],
      }),
      ['test6', '1/2', 'Running', '6', '<unknown>'],
    ],
    [
      pod('test7', { initContainers: n(1), containers: n(1) }, {
        phase: 'podPhase',
        initContainerStatuses: [{ ready: false, restartCount: 3, state: running, lastState: lastTerm(10 * S) }],
        containerStatuses: [{ ready: false, restartCount: 0, state: { waiting: {} } }],
      }),
      ['test7', '0/1', 'Init:0/1', '3 (10s ago)', '<unknown>'],
    ],
    [
      pod('test8', { initContainers: n(2), containers: n(1) }, {
        phase: 'podPhase',
        initContainerStatuses: [
          { ready: false, restartCount: 3, state: running, lastState: lastTerm(10 * S) },
          { ready: false, state: { waiting: {} } },
        ],
        containerStatuses: [{ ready: false, state: { waiting: {} } }],
      }),
      ['test8', '0/1', 'Init:0/2', '3 (10s ago)', '<unknown>'],
    ],
    [
      pod('test9', { initContainers: n(2), containers: n(1) }, {
        phase: 'podPhase',
        initContainerStatuses: [
          { ready: false, state: { terminated: {} } },
          { ready: false, restartCount: 3, state: running, lastState: lastTerm(10 * S) },
        ],
        containerStatuses: [{ ready: false, state: { waiting: {} } }],
      }),
      ['test9', '0/1', 'Init:1/2', '3 (10s ago)', '<unknown>'],
    ],
    [
      pod('test10', { initContainers: n(2), containers: n(1) }, {
        phase: 'podPhase',
        initContainerStatuses: [
          { ready: false, restartCount: 2, state: { terminated: {} }, lastState: lastTerm(2 * M) },
          { ready: false, restartCount: 3, state: running, lastState: lastTerm(10 * S) },
        ],
        containerStatuses: [{ ready: false, state: { waiting: {} } }],
      }),
      ['test10', '0/1', 'Init:1/2', '5 (10s ago)', '<unknown>'],
    ],
    [
      pod('test11', { initContainers: n(1), containers: n(1) }, {
        phase: 'Running',
        initContainerStatuses: [{ ready: false, restartCount: 2, state: { terminated: {} }, lastState: lastTerm(2 * M) }],
        containerStatuses: [{ ready: false, restartCount: 4, state: running, lastState: lastTerm(20 * S) }],
      }),
      ['test11', '0/1', 'Running', '4 (20s ago)', '<unknown>'],
    ],
    [
      pod('test12', { containers: n(1) }, {
        phase: 'Running',
        containerStatuses: [{ ready: true, restartCount: 3, state: running, lastState: lastTerm(5 * D) }],
      }),
      ['test12', '1/1', 'Running', '3 (5d ago)', '<unknown>'],
    ],
    [
      pod('test13', { containers: n(2) }, {
        phase: 'Running',
        containerStatuses: [
          { ready: true, restartCount: 0, state: running },
          { ready: true, restartCount: 3, state: running, lastState: lastTerm(10 * D) },
        ],
      }),
      ['test13', '2/2', 'Running', '3 (10d ago)', '<unknown>'],
    ],
    [
      pod('test14', { containers: n(2) }, {
        phase: 'Running',
        containerStatuses: [
          { ready: true, restartCount: 6, state: running, lastState: lastTerm(5 * D) },
          { ready: true, restartCount: 3, state: running, lastState: lastTerm(20 * D) },
        ],
      }),
      ['test14', '2/2', 'Running', '9 (5d ago)', '<unknown>'],
    ],
    [
      pod('test15', { containers: n(2) }, { phase: 'podPhase', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }),
      ['test15', '0/2', 'SchedulingGated', '0', '<unknown>'],
    ],
    [
      pod('test16', { containers: n(1) }, { phase: 'Succeeded', containerStatuses: [{ ready: false, restartCount: 0, state: { terminated: { reason: 'Completed', exitCode: 0 } } }] }),
      ['test16', '0/1', 'Completed', '0', '<unknown>'],
    ],
    [
      pod('test17', { containers: n(1) }, { phase: 'Failed', containerStatuses: [{ ready: false, restartCount: 0, state: { terminated: { reason: 'Error', exitCode: 1 } } }] }),
      ['test17', '0/1', 'Error', '0', '<unknown>'],
    ],
    [
      pod(
        'test18',
        { containers: n(1) },
        { phase: 'Succeeded', containerStatuses: [{ ready: false, restartCount: 0, state: { terminated: { reason: 'Completed', exitCode: 0 } } }] },
        { deletionTimestamp: deleted },
      ),
      ['test18', '0/1', 'Completed', '0', '<unknown>'],
    ],
    [
      pod('test19', { containers: n(1) }, { phase: 'Running', containerStatuses: [{ ready: false, restartCount: 0, state: running }] }, { deletionTimestamp: deleted }),
      ['test19', '0/1', 'Terminating', '0', '<unknown>'],
    ],
    [pod('test20', { containers: n(1) }, { phase: 'Pending' }, { deletionTimestamp: deleted }), ['test20', '0/1', 'Terminating', '0', '<unknown>']],
  ];
  for (const [p, want] of cases) assert.deepEqual(narrow(podTable, p), want, JSON.stringify(p));
});

test('TestPrintPodWithRestartableInitContainer', () => {
  const initSpec = { initContainers: [sidecar('restartable-init-1'), sidecar('restartable-init-2')], containers: n(1) };
  const cases: [ReturnType<typeof obj>, unknown[]][] = [
    [
      pod('test1', initSpec, {
        phase: 'Pending',
        initContainerStatuses: [
          { name: 'restartable-init-1', ready: false, restartCount: 3, state: running, started: false, lastState: lastTerm(10 * S) },
          { name: 'restartable-init-2', ready: false, state: { waiting: {} }, started: false },
        ],
        containerStatuses: [{ ready: false, restartCount: 0, state: { waiting: {} } }],
        conditions: [{ type: 'Initialized', status: 'False' }],
      }),
      ['test1', '0/3', 'Init:0/2', '3 (10s ago)', '<unknown>'],
    ],
    [
      pod('test1', initSpec, {
        phase: 'Pending',
        initContainerStatuses: [
          { name: 'restartable-init-1', ready: false, restartCount: 3, state: running, started: true, lastState: lastTerm(10 * S) },
          { name: 'restartable-init-2', ready: false, state: running, started: false },
        ],
        containerStatuses: [{ ready: false, restartCount: 0, state: { waiting: {} } }],
        conditions: [{ type: 'Initialized', status: 'False' }],
      }),
      ['test1', '0/3', 'Init:1/2', '3 (10s ago)', '<unknown>'],
    ],
    [
      pod('test2', initSpec, {
        phase: 'Running',
        initContainerStatuses: [
          { name: 'restartable-init-1', ready: false, restartCount: 3, state: running, started: true, lastState: lastTerm(10 * S) },
          { name: 'restartable-init-2', ready: false, state: running, started: true },
        ],
        containerStatuses: [{ ready: true, restartCount: 4, state: running, lastState: lastTerm(20 * S) }],
        conditions: [{ type: 'Initialized', status: 'True' }],
      }),
      ['test2', '1/3', 'Running', '7 (10s ago)', '<unknown>'],
    ],
    [
      pod('test3', initSpec, {
        phase: 'Succeeded',
        initContainerStatuses: [
          { name: 'restartable-init-1', ready: false, restartCount: 3, state: { terminated: { reason: 'Error', exitCode: 137 } }, started: false, lastState: lastTerm(10 * S) },
          { name: 'restartable-init-2', ready: false, state: { terminated: { reason: 'Error', exitCode: 137 } }, started: false },
        ],
        containerStatuses: [{ ready: false, restartCount: 4, state: { terminated: { reason: 'Completed', exitCode: 0 } }, lastState: lastTerm(20 * S) }],
        conditions: [{ type: 'Initialized', status: 'True' }],
      }),
      ['test3', '0/3', 'Completed', '7 (10s ago)', '<unknown>'],
    ],
    [
      pod(
        'test4',
        {
          initContainers: [{ name: 'init1', image: 'initimage' }, { name: 'sidecar1', image: 'sidecarimage', restartPolicy: 'Always' }],
          containers: [{ name: 'container1', image: 'containerimage' }],
        },
        {
          phase: 'Running',
          initContainerStatuses: [{ name: 'initinvalid' }, { name: 'init1' }, { name: 'sidecar1' }],
          containerStatuses: [{ name: 'containerinvalid' }, { name: 'container1' }],
        },
      ),
      ['test4', '0/2', 'Init:0/2', '0', '<unknown>'],
    ],
  ];
  for (const [p, want] of cases) assert.deepEqual(narrow(podTable, p), want, JSON.stringify(p));
});

test('TestPrintPodwide', () => {
  const gates = [{ conditionType: 'condition1' }, { conditionType: 'condition2' }, { conditionType: 'condition3' }];
  const conditions = [
    { type: 'condition1', status: 'False' },
    { type: 'condition2', status: 'True' },
  ];
  const statuses = [{ ready: true, restartCount: 3, state: running }, { restartCount: 3 }];
  assert.deepEqual(
    wide(podTable, pod('test1', { containers: n(2), nodeName: 'test1', readinessGates: gates }, { conditions, phase: 'podPhase', podIPs: [{ ip: '1.1.1.1' }], containerStatuses: statuses, nominatedNodeName: 'node1' })),
    ['test1', '1/2', 'podPhase', '6', '<unknown>', '1.1.1.1', 'test1', 'node1', '1/3'],
  );
  assert.deepEqual(
    wide(podTable, pod('test1', { containers: n(2), nodeName: 'test1', readinessGates: gates }, { conditions, phase: 'podPhase', podIPs: [{ ip: '1.1.1.1' }, { ip: '2001:db8::' }], containerStatuses: statuses, nominatedNodeName: 'node1' })),
    ['test1', '1/2', 'podPhase', '6', '<unknown>', '1.1.1.1', 'test1', 'node1', '1/3'],
  );
  assert.deepEqual(
    wide(podTable, pod('test2', { containers: n(2), nodeName: '' }, { phase: 'podPhase', containerStatuses: [{ ready: true, restartCount: 3, state: running }, { state: { waiting: { reason: 'ContainerWaitingReason' } }, restartCount: 3 }] })),
    ['test2', '1/2', 'ContainerWaitingReason', '6', '<unknown>', '<none>', '<none>', '<none>', '<none>'],
  );
  // v1 status.podIP is authoritative over podIPs after conversion.
  assert.equal(wide(podTable, pod('p', { containers: n(1) }, { podIP: '10.0.0.5' }))[5], '10.0.0.5');
});

test('TestPrintPodConditions / TestPrintNonTerminatedPod: phase passes through', () => {
  const statuses = [{ ready: true, restartCount: 3, state: running }, { restartCount: 3 }];
  for (const phase of ['Running', 'Pending', 'Unknown', 'Succeeded', 'Failed']) {
    assert.deepEqual(narrow(podTable, pod('t', { containers: n(2) }, { phase, containerStatuses: statuses })), ['t', '1/2', phase, '6', '<unknown>']);
  }
});

test('pod STATUS as kubelet reports it', () => {
  const one = (status: object, metadata: object = {}, spec: object = { containers: [{ name: 'c' }] }) =>
    narrow(podTable, pod('p', spec, status, { creationTimestamp: ago(5 * M), ...metadata })).slice(1, 4);
  const cs = (state: object, extra: object = {}) => ({ name: 'c', ready: false, restartCount: 0, state, ...extra });
  assert.deepEqual(one({ phase: 'Pending' }), ['0/1', 'Pending', '0']);
  assert.deepEqual(one({ phase: 'Pending', containerStatuses: [cs({ waiting: { reason: 'ContainerCreating' } })] }), ['0/1', 'ContainerCreating', '0']);
  assert.deepEqual(one({ phase: 'Pending', containerStatuses: [cs({ waiting: { reason: 'ErrImagePull', message: 'x' } })] }), ['0/1', 'ErrImagePull', '0']);
  assert.deepEqual(one({ phase: 'Pending', containerStatuses: [cs({ waiting: { reason: 'ImagePullBackOff' } })] }), ['0/1', 'ImagePullBackOff', '0']);
  assert.deepEqual(
    one({ phase: 'Running', containerStatuses: [cs({ waiting: { reason: 'CrashLoopBackOff' } }, { restartCount: 4, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(2 * M) } } })] }),
    ['0/1', 'CrashLoopBackOff', '4 (2m ago)'],
  );
  assert.deepEqual(one({ phase: 'Running', containerStatuses: [cs({ running: {} }, { ready: true })] }), ['1/1', 'Running', '0']);
  assert.deepEqual(one({ phase: 'Running', containerStatuses: [cs({ running: {} })] }), ['0/1', 'Running', '0']);
  assert.deepEqual(one({ phase: 'Failed', containerStatuses: [cs({ terminated: { reason: 'OOMKilled', exitCode: 137 } })] }), ['0/1', 'OOMKilled', '0']);
  assert.deepEqual(one({ phase: 'Failed', containerStatuses: [cs({ terminated: { exitCode: 2 } })] }), ['0/1', 'ExitCode:2', '0']);
  assert.deepEqual(one({ phase: 'Failed', containerStatuses: [cs({ terminated: { exitCode: 0, signal: 9 } })] }), ['0/1', 'Signal:9', '0']);
  // deletion with NodeLost reason shows Unknown
  assert.deepEqual(one({ phase: 'Running', reason: 'NodeLost', containerStatuses: [cs({ running: {} }, { ready: true })] }, { deletionTimestamp: ago(0) }), [
    '1/1',
    'Unknown',
    '0',
  ]);
  // init containers
  const initSpec = { initContainers: [{ name: 'i1' }, { name: 'i2' }], containers: [{ name: 'c' }] };
  const ics = (name: string, state: object, extra: object = {}) => ({ name, ready: false, restartCount: 0, state, ...extra });
  const waitingInit = { waiting: { reason: 'PodInitializing' } };
  assert.deepEqual(
    one({ phase: 'Pending', initContainerStatuses: [ics('i1', { terminated: { exitCode: 0, reason: 'Completed' } }), ics('i2', running)], containerStatuses: [cs(waitingInit)] }, {}, initSpec),
    ['0/1', 'Init:1/2', '0'],
  );
  assert.deepEqual(
    one({ phase: 'Pending', initContainerStatuses: [ics('i1', { waiting: { reason: 'CrashLoopBackOff' } }, { restartCount: 2 }), ics('i2', waitingInit)] }, {}, initSpec),
    ['0/1', 'Init:CrashLoopBackOff', '2'],
  );
  assert.deepEqual(one({ phase: 'Pending', initContainerStatuses: [ics('i1', { terminated: { exitCode: 1, reason: 'Error' } })] }, {}, initSpec), ['0/1', 'Init:Error', '0']);
  assert.deepEqual(one({ phase: 'Pending', initContainerStatuses: [ics('i1', { terminated: { exitCode: 3 } })] }, {}, initSpec), ['0/1', 'Init:ExitCode:3', '0']);
  assert.deepEqual(one({ phase: 'Pending', initContainerStatuses: [ics('i1', { terminated: { exitCode: 143, signal: 15 } })] }, {}, initSpec), ['0/1', 'Init:Signal:15', '0']);
  // all init done, app container still waiting for PodInitializing
  assert.deepEqual(
    one({
      phase: 'Pending',
      initContainerStatuses: [ics('i1', { terminated: { exitCode: 0, reason: 'Completed' } }), ics('i2', { terminated: { exitCode: 0, reason: 'Completed' } })],
      containerStatuses: [cs(waitingInit)],
    }, {}, initSpec),
    ['0/1', 'PodInitializing', '0'],
  );
  // Age column uses creationTimestamp
  assert.equal(narrow(podTable, pod('p', { containers: [] }, {}, { creationTimestamp: ago(5 * M) }), NOW)[4], '5m');
});
