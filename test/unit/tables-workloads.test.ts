// Cases from upstream printers_test.go: TestPrintDeployment, TestPrintReplicaSet, TestPrintJob,
// TestPrintJobList, TestPrintCronJob, TestPrintHPA.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TableConvertor } from '../../src/registry/resource-def.js';
import { deploymentTable } from '../../src/registry/tables/deployment.js';
import { replicaSetTable } from '../../src/registry/tables/replicaset.js';
import { jobTable } from '../../src/registry/tables/job.js';
import { cronJobTable } from '../../src/registry/tables/cronjob.js';
import { hpaTable } from '../../src/registry/tables/hpa.js';
import { M, S, ago, narrow, obj, wide } from './tables-helpers.js';

const Y = 365 * 24 * 60 * M;
const names = (t: TableConvertor) => t.columns.map((c) => (c.priority ? `${c.name}*` : c.name));
const template = { spec: { containers: [{ name: 'fake-container1', image: 'fake-image1' }, { name: 'fake-container2', image: 'fake-image2' }] } };

test('workload column names match upstream', () => {
  assert.deepEqual(names(deploymentTable), ['Name', 'Ready', 'Up-to-date', 'Available', 'Age', 'Containers*', 'Images*', 'Selector*']);
  assert.deepEqual(names(replicaSetTable), ['Name', 'Desired', 'Current', 'Ready', 'Age', 'Containers*', 'Images*', 'Selector*']);
  assert.deepEqual(names(jobTable), ['Name', 'Status', 'Completions', 'Duration', 'Age', 'Containers*', 'Images*', 'Selector*']);
  assert.deepEqual(names(cronJobTable), ['Name', 'Schedule', 'Timezone', 'Suspend', 'Active', 'Last Schedule', 'Age', 'Containers*', 'Images*', 'Selector*']);
  assert.deepEqual(names(hpaTable), ['Name', 'Reference', 'Targets', 'MinPods', 'MaxPods', 'Replicas', 'Age']);
  assert.deepEqual(replicaSetTable.columns.slice(1, 4).map((c) => c.type), ['integer', 'integer', 'integer']);
  assert.deepEqual(cronJobTable.columns.slice(3, 5).map((c) => c.type), ['boolean', 'integer']);
});

test('TestPrintDeployment', () => {
  const d = obj({
    metadata: { name: 'test1', creationTimestamp: ago(0) },
    spec: { replicas: 5, template, selector: { matchLabels: { foo: 'bar' } } },
    status: { replicas: 10, updatedReplicas: 2, availableReplicas: 1, unavailableReplicas: 4 },
  });
  assert.deepEqual(narrow(deploymentTable, d), ['test1', '0/5', 2, 1, '0s']);
  assert.deepEqual(wide(deploymentTable, d), ['test1', '0/5', 2, 1, '0s', 'fake-container1,fake-container2', 'fake-image1,fake-image2', 'foo=bar']);
  // selector edge cases: empty selector prints "" (labels.Everything), invalid prints <invalid>
  assert.equal(wide(deploymentTable, obj({ spec: { selector: {} } }))[7], '');
  assert.equal(wide(deploymentTable, obj({ spec: { selector: { matchExpressions: [{ key: 'a', operator: 'Bogus' }] } } }))[7], '<invalid>');
  assert.equal(wide(deploymentTable, obj({ spec: { replicas: 3 }, status: { readyReplicas: 2 } }))[1], '2/3');
});

test('TestPrintReplicaSet', () => {
  const rs = obj({
    metadata: { name: 'test1', creationTimestamp: ago(0) },
    spec: { replicas: 5, template, selector: { matchLabels: { foo: 'bar' } } },
    status: { replicas: 5, readyReplicas: 2 },
  });
  assert.deepEqual(narrow(replicaSetTable, rs), ['test1', 5, 5, 2, '0s']);
  assert.deepEqual(wide(replicaSetTable, rs), ['test1', 5, 5, 2, '0s', 'fake-container1,fake-container2', 'fake-image1,fake-image2', 'foo=bar']);
  assert.deepEqual(wide(replicaSetTable, obj({ metadata: { name: 'r2' }, spec: { replicas: 4, template: {} } })), ['r2', 4, 0, 0, '<unknown>', '', '', '<none>']);
});

test('TestPrintJob', () => {
  const jobTemplate = { spec: { containers: [{ name: 'fake-job-container1', image: 'fake-job-image1' }, { name: 'fake-job-container2', image: 'fake-job-image2' }] } };
  const job = (name: string, spec: object, status: object, metadata: object = {}) =>
    obj({ metadata: { name, creationTimestamp: ago(0), ...metadata }, spec, status });
  const j1 = job('job1', { completions: 2, template: jobTemplate, selector: { matchLabels: { 'job-label': 'job-label-value' } } }, { succeeded: 1 });
  assert.deepEqual(narrow(jobTable, j1), ['job1', 'Running', '1/2', '', '0s']);
  assert.deepEqual(wide(jobTable, j1), [
    'job1',
    'Running',
    '1/2',
    '',
    '0s',
    'fake-job-container1,fake-job-container2',
    'fake-job-image1,fake-job-image2',
    'job-label=job-label-value',
  ]);
  const cases: [ReturnType<typeof obj>, unknown[]][] = [
    [job('job2', {}, { succeeded: 0 }, { creationTimestamp: ago(10 * Y) }), ['job2', 'Running', '0/1', '', '10y']],
    [
      job('job3', {}, { succeeded: 0, startTime: ago(-1 * M), completionTime: ago(-31 * M) }, { creationTimestamp: ago(10 * Y) }),
      ['job3', 'Running', '0/1', '30m', '10y'],
    ],
    [job('job4', {}, { succeeded: 0, startTime: ago(20 * M) }, { creationTimestamp: ago(10 * Y) }), ['job4', 'Running', '0/1', '20m', '10y']],
    [job('job5', {}, { conditions: [{ type: 'Complete', status: 'True' }] }), ['job5', 'Complete', '0/1', '', '0s']],
    [job('job6', {}, { conditions: [{ type: 'Failed', status: 'True' }] }), ['job6', 'Failed', '0/1', '', '0s']],
    [job('job7', {}, { conditions: [{ type: 'Suspended', status: 'True' }] }), ['job7', 'Suspended', '0/1', '', '0s']],
    [job('job8', {}, { conditions: [{ type: 'FailureTarget', status: 'True' }] }), ['job8', 'FailureTarget', '0/1', '', '0s']],
    [job('job9', {}, {}, { deletionTimestamp: ago(0) }), ['job9', 'Terminating', '0/1', '', '0s']],
    // TestPrintJobList
    [job('job2', { completions: 2 }, { succeeded: 2, startTime: ago(20 * M) }), ['job2', 'Running', '2/2', '20m', '0s']],
    // parallel job without completions; Complete wins over deletion
    [job('par', { parallelism: 4 }, { succeeded: 1 }), ['par', 'Running', '1/1 of 4', '', '0s']],
    [job('done', { completions: 1 }, { succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] }, { deletionTimestamp: ago(0) }), ['done', 'Complete', '1/1', '', '0s']],
    // a False condition does not count
    [job('f', {}, { conditions: [{ type: 'Failed', status: 'False' }] }), ['f', 'Running', '0/1', '', '0s']],
  ];
  for (const [j, want] of cases) assert.deepEqual(narrow(jobTable, j), want, JSON.stringify(j));
});

test('TestPrintCronJob', () => {
  const jobTemplate = {
    spec: {
      completions: 2,
      template: { spec: { containers: [{ name: 'fake-job-container1', image: 'fake-job-image1' }, { name: 'fake-job-container2', image: 'fake-job-image2' }] } },
      selector: { matchLabels: { a: 'b' } },
    },
  };
  const cj = (name: string, spec: object, status: object, created = ago(0)) => obj({ metadata: { name, creationTimestamp: created }, spec, status });
  const c1 = cj('cronjob1', { schedule: '0/5 * * * ?', suspend: false, jobTemplate }, { lastScheduleTime: ago(0) });
  assert.deepEqual(narrow(cronJobTable, c1), ['cronjob1', '0/5 * * * ?', '<none>', 'False', 0, '0s', '0s']);
  assert.deepEqual(wide(cronJobTable, c1), [
    'cronjob1',
    '0/5 * * * ?',
    '<none>',
    'False',
    0,
    '0s',
    '0s',
    'fake-job-container1,fake-job-container2',
    'fake-job-image1,fake-job-image2',
    'a=b',
  ]);
  assert.deepEqual(narrow(cronJobTable, cj('cronjob1', { schedule: '0/5 * * * ?', timeZone: 'LOCAL', suspend: false, jobTemplate }, { lastScheduleTime: ago(0) })), [
    'cronjob1',
    '0/5 * * * ?',
    'LOCAL',
    'False',
    0,
    '0s',
    '0s',
  ]);
  assert.deepEqual(narrow(cronJobTable, cj('cronjob2', { schedule: '0/5 * * * ?', suspend: false }, { lastScheduleTime: ago(30 * S) }, ago(5 * M))), [
    'cronjob2',
    '0/5 * * * ?',
    '<none>',
    'False',
    0,
    '30s',
    '5m',
  ]);
  assert.deepEqual(narrow(cronJobTable, cj('cronjob3', { schedule: '0/5 * * * ?', suspend: false }, {}, ago(5 * M))), ['cronjob3', '0/5 * * * ?', '<none>', 'False', 0, '<none>', '5m']);
  assert.deepEqual(narrow(cronJobTable, cj('c4', { schedule: '@hourly', suspend: true }, { active: [{ name: 'a' }, { name: 'b' }] })), ['c4', '@hourly', '<none>', 'True', 2, '<none>', '0s']);
  assert.equal(narrow(cronJobTable, cj('c5', { schedule: '@hourly' }, {}))[3], '<unset>');
});

test('TestPrintHPA', () => {
  const ref = { name: 'some-rc', kind: 'ReplicationController' };
  const hpa = (spec: object, status: object = {}) =>
    obj({ metadata: { name: 'some-hpa' }, spec: { scaleTargetRef: ref, minReplicas: 2, maxReplicas: 10, ...spec }, status: { currentReplicas: 4, desiredReplicas: 5, ...status } });
  const row = (targets: string, min = '2') => ['some-hpa', 'ReplicationController/some-rc', targets, min, 10, 4, '<unknown>'];
  const ext = (target: object) => ({ type: 'External', external: { metric: { name: 'some-external-metric' }, target } });
  const extS = (current: object) => ({ type: 'External', external: { metric: { name: 'some-external-metric' }, current } });
  const cases: [ReturnType<typeof obj>, unknown[]][] = [
    [obj({ metadata: { name: 'some-hpa' }, spec: { scaleTargetRef: ref, maxReplicas: 10 }, status: { currentReplicas: 4, desiredReplicas: 5 } }), row('<none>', '<unset>')],
    [hpa({ metrics: [ext({ type: 'AverageValue', averageValue: '100m' })] }), row('<unknown>/100m (avg)')],
    [hpa({ metrics: [ext({ type: 'AverageValue', averageValue: '100m' })] }, { currentMetrics: [extS({ averageValue: '50m' })] }), row('50m/100m (avg)')],
    [hpa({ metrics: [ext({ type: 'Value', value: '100m' })] }), row('<unknown>/100m')],
    [hpa({ metrics: [ext({ type: 'Value', value: '100m' })] }, { currentMetrics: [extS({ value: '50m' })] }), row('50m/100m')],
    [hpa({ metrics: [{ type: 'Pods', pods: { metric: { name: 'm' }, target: { type: 'AverageValue', averageValue: '100m' } } }] }), row('<unknown>/100m')],
    [
      hpa(
        { metrics: [{ type: 'Pods', pods: { metric: { name: 'm' }, target: { type: 'AverageValue', averageValue: '100m' } } }] },
        { currentMetrics: [{ type: 'Pods', pods: { metric: { name: 'm' }, current: { averageValue: '50m' } } }] },
      ),
      row('50m/100m'),
    ],
    [hpa({ metrics: [{ type: 'Object', object: { describedObject: { kind: 'Service', name: 's' }, metric: { name: 'm' }, target: { type: 'Value', value: '100m' } } }] }), row('<unknown>/100m')],
    [
      hpa(
        { metrics: [{ type: 'Object', object: { describedObject: { kind: 'Service', name: 's' }, metric: { name: 'm' }, target: { type: 'Value', value: '100m' } } }] },
        { currentMetrics: [{ type: 'Object', object: { describedObject: { kind: 'Service', name: 's' }, metric: { name: 'm' }, current: { value: '50m' } } }] },
      ),
      row('50m/100m'),
    ],
    [hpa({ metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'AverageValue', averageValue: '100m' } } }] }), row('cpu: <unknown>/100m')],
    [
      hpa(
        { metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'AverageValue', averageValue: '100m' } } }] },
        { currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageValue: '50m' } } }] },
      ),
      row('cpu: 50m/100m'),
    ],
    [hpa({ metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] }), row('cpu: <unknown>/80%')],
    [
      hpa(
        { metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] },
        { currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 50, averageValue: '40m' } } }] },
      ),
      row('cpu: 50%/80%'),
    ],
    [hpa({ metrics: [{ type: 'ContainerResource', containerResource: { name: 'cpu', container: 'application', target: { type: 'AverageValue', averageValue: '100m' } } }] }), row('cpu: <unknown>/100m')],
    [
      hpa(
        { metrics: [{ type: 'ContainerResource', containerResource: { name: 'cpu', target: { type: 'AverageValue', averageValue: '100m' } } }] },
        { currentMetrics: [{ type: 'ContainerResource', containerResource: { name: 'cpu', container: 'application', current: { averageValue: '50m' } } }] },
      ),
      row('cpu: 50m/100m'),
    ],
    [hpa({ metrics: [{ type: 'ContainerResource', containerResource: { name: 'cpu', container: 'application', target: { type: 'Utilization', averageUtilization: 80 } } }] }), row('cpu: <unknown>/80%')],
    [
      hpa(
        { metrics: [{ type: 'ContainerResource', containerResource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] },
        { currentMetrics: [{ type: 'ContainerResource', containerResource: { name: 'cpu', container: 'application', current: { averageUtilization: 50, averageValue: '40m' } } }] },
      ),
      row('cpu: 50%/80%'),
    ],
    [
      hpa(
        {
          metrics: [
            { type: 'Pods', pods: { metric: { name: 'some-pods-metric' }, target: { type: 'AverageValue', averageValue: '100m' } } },
            { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } },
            { type: 'Pods', pods: { metric: { name: 'other-pods-metric' }, target: { type: 'AverageValue', averageValue: '400m' } } },
          ],
        },
        {
          currentMetrics: [
            { type: 'Pods', pods: { metric: { name: 'some-pods-metric' }, current: { averageValue: '50m' } } },
            { type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 50, averageValue: '40m' } } },
          ],
        },
      ),
      row('50m/100m, cpu: 50%/80% + 1 more...'),
    ],
    // autoscaling/v1 shape, as converted to the internal type
    [hpa({ targetCPUUtilizationPercentage: 80 }, { currentCPUUtilizationPercentage: 50 }), row('cpu: 50%/80%')],
    [hpa({ targetCPUUtilizationPercentage: 80 }), row('cpu: <unknown>/80%')],
    [hpa({ metrics: [{ type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization' } } }] }), row('memory: <unknown>/<auto>')],
    [hpa({ metrics: [{ type: 'Weird' }] }), row('<unknown type>')],
  ];
  for (const [h, want] of cases) assert.deepEqual(wide(hpaTable, h), want, JSON.stringify(h.spec));
});
