import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  defaultTableConvertor,
  formatLabelSelector,
  formatLabels,
  humanDuration,
  labelSelectorString,
  shortHumanDuration,
  translateTimestampSince,
} from '../../src/registry/tables/common.js';
import { tableFor, tables } from '../../src/registry/tables/index.js';
import { D, H, M, NOW, S, ago, agoMicro, obj } from './tables-helpers.js';

const Y = 365 * D;
const MS = 1;

test('HumanDuration (duration_test.go TestHumanDuration)', () => {
  const cases: [number, string][] = [
    [S, '1s'],
    [70 * S, '70s'],
    [190 * S, '3m10s'],
    [70 * M, '70m'],
    [47 * H, '47h'],
    [49 * H, '2d1h'],
    [(8 * 24 + 2) * H, '8d'],
    [367 * 24 * H, '367d'],
    [(365 * 2 * 24 + 25) * H, '2y1d'],
    [(365 * 8 * 24 + 2) * H, '8y'],
  ];
  for (const [d, want] of cases) assert.equal(humanDuration(d), want, `HumanDuration(${d})`);
});

test('HumanDuration boundaries (TestHumanDurationBoundaries)', () => {
  const cases: [number, string][] = [
    [-2 * S, '<invalid>'],
    [-2 * S + 1 * MS, '0s'],
    [0, '0s'],
    [S - MS, '0s'],
    [2 * M - MS, '119s'],
    [2 * M, '2m'],
    [2 * M + S, '2m1s'],
    [10 * M - MS, '9m59s'],
    [10 * M, '10m'],
    [10 * M + S, '10m'],
    [3 * H - MS, '179m'],
    [3 * H, '3h'],
    [3 * H + M, '3h1m'],
    [8 * H - MS, '7h59m'],
    [8 * H, '8h'],
    [8 * H + 59 * M, '8h'],
    [2 * D - MS, '47h'],
    [2 * D, '2d'],
    [2 * D + H, '2d1h'],
    [8 * D - MS, '7d23h'],
    [8 * D, '8d'],
    [8 * D + 23 * H, '8d'],
    [2 * Y - MS, '729d'],
    [2 * Y, '2y'],
    [2 * Y + 23 * H, '2y'],
    [2 * Y + 23 * H + 59 * M, '2y'],
    [2 * Y + 24 * H - MS, '2y'],
    [2 * Y + 24 * H, '2y1d'],
    [3 * Y, '3y'],
    [4 * Y, '4y'],
    [5 * Y, '5y'],
    [6 * Y, '6y'],
    [7 * Y, '7y'],
    [8 * Y - MS, '7y364d'],
    [8 * Y, '8y'],
    [8 * Y + 364 * D, '8y'],
    [9 * Y, '9y'],
  ];
  for (const [d, want] of cases) assert.equal(humanDuration(d), want, `HumanDuration(${d}ms)`);
});

test('ShortHumanDuration boundaries (TestShortHumanDurationBoundaries)', () => {
  const cases: [number, string][] = [
    [-2 * S, '<invalid>'],
    [-2 * S + MS, '0s'],
    [0, '0s'],
    [S - MS, '0s'],
    [S, '1s'],
    [2 * S - MS, '1s'],
    [M - MS, '59s'],
    [M, '1m'],
    [2 * M - MS, '1m'],
    [H - MS, '59m'],
    [H, '1h'],
    [2 * H - MS, '1h'],
    [D - MS, '23h'],
    [D, '1d'],
    [2 * D - MS, '1d'],
    [Y - MS, '364d'],
    [Y, '1y'],
    [2 * Y - MS, '1y'],
    [2 * Y, '2y'],
  ];
  for (const [d, want] of cases) assert.equal(shortHumanDuration(d), want, `ShortHumanDuration(${d}ms)`);
});

test('translateTimestampSince (TestTranslateTimestampSince)', () => {
  const cases: [unknown, string][] = [
    [agoMicro(-2100), '<invalid>'],
    [agoMicro(-1900), '0s'],
    [ago(0), '0s'],
    [undefined, '<unknown>'],
    [null, '<unknown>'],
    ['', '<unknown>'],
    [ago(30 * S), '30s'],
    [ago(5 * M), '5m'],
    [ago(100 * M), '100m'],
    [ago(2 * D), '2d'],
    [ago(90 * D), '90d'],
    [ago(10 * Y), '10y'],
  ];
  for (const [ts, want] of cases) assert.equal(translateTimestampSince(ts, NOW), want, `since ${String(ts)}`);
});

test('label and selector formatting', () => {
  assert.equal(formatLabels({}), '<none>');
  assert.equal(formatLabels(undefined), '<none>');
  assert.equal(formatLabels({ b: '2', a: '1' }), 'a=1,b=2');
  const cases: [unknown, string][] = [
    [undefined, '<none>'],
    [{}, '<none>'],
    [{ matchLabels: { foo: 'bar' } }, 'foo=bar'],
    [{ matchLabels: { b: '1', a: '2' } }, 'a=2,b=1'],
    [
      {
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['front', 'back'] },
          { key: 'env', operator: 'NotIn', values: ['prod'] },
          { key: 'zz', operator: 'Exists' },
          { key: 'canary', operator: 'DoesNotExist' },
        ],
      },
      'app=web,!canary,env notin (prod),tier in (back,front),zz',
    ],
    [{ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }, '<error>'],
    [{ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }, '<error>'],
    [{ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] }, '<error>'],
    [{ matchLabels: { 'bad key!': 'x' } }, '<error>'],
  ];
  for (const [sel, want] of cases) assert.equal(formatLabelSelector(sel), want, JSON.stringify(sel));
  assert.equal(labelSelectorString(undefined), '');
  assert.equal(labelSelectorString({ matchExpressions: [{ key: 'a', operator: 'In' }] }), undefined);
});

test('DefaultTableConvertor: Name and Created At', () => {
  assert.deepEqual(
    defaultTableConvertor.columns.map((c) => [c.name, c.type, c.format, c.priority]),
    [
      ['Name', 'string', 'name', 0],
      ['Created At', 'date', '', 0],
    ],
  );
  assert.deepEqual(defaultTableConvertor.cells(obj({ metadata: { name: 'x', creationTimestamp: '2017-04-01T00:00:00Z' } }), NOW), [
    'x',
    '2017-04-01T00:00:00Z',
  ]);
  assert.deepEqual(defaultTableConvertor.cells(obj({ metadata: { name: 'y' } }), NOW), ['y', '0001-01-01T00:00:00Z']);
});

test('index: keys and fallback', () => {
  for (const k of [
    'pods',
    'nodes',
    'namespaces',
    'services',
    'endpoints',
    'configmaps',
    'secrets',
    'events',
    'serviceaccounts',
    'persistentvolumes',
    'persistentvolumeclaims',
    'deployments.apps',
    'replicasets.apps',
    'jobs.batch',
    'cronjobs.batch',
    'horizontalpodautoscalers.autoscaling',
    'endpointslices.discovery.k8s.io',
    'events.events.k8s.io',
    'leases.coordination.k8s.io',
    'storageclasses.storage.k8s.io',
  ]) {
    assert.ok(tables[k], k);
    // every row has one cell per column
    assert.equal(tables[k].cells(obj({ metadata: { name: 'n' } }), NOW).length, tables[k].columns.length, k);
  }
  assert.equal(tableFor('deployments', 'apps'), tables['deployments.apps']);
  assert.equal(tableFor('pods', ''), tables.pods);
  assert.equal(tableFor('widgets', 'example.com'), defaultTableConvertor);
});

test('quantities print in canonical form', async () => {
  const { quantityString } = await import('../../src/registry/tables/common.js');
  assert.equal(quantityString('1024Mi'), '1Gi');
  assert.equal(quantityString('0.5'), '500m');
  assert.equal(quantityString(2), '2');
  assert.equal(quantityString(undefined), '<nil>');
  assert.equal(quantityString(undefined, '0'), '0');
  assert.equal(quantityString('junk'), 'junk');
});
