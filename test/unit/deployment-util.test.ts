/** Rollout math, ported from upstream deployment_util_test.go and hash_test.go. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  getProportion,
  getReplicaSetFraction,
  isSaturated,
  maxSurge,
  maxUnavailable,
  newRSNewReplicas,
  resolveFenceposts,
  roundToInt32,
  MaxInt32,
} from '../../src/controllers/deployment/util.js';
import { getDeploymentCondition, removeDeploymentCondition, setDeploymentCondition } from '../../src/controllers/deployment/conditions.js';
import {
  lastRevision,
  maxRevision,
  RevisionAnnotation,
  RevisionHistoryAnnotation,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
} from '../../src/controllers/deployment/annotations.js';
import { equalIgnoreHash, findNewReplicaSet, findOldReplicaSets } from '../../src/controllers/deployment/rs-util.js';
import { computeHash, fnv32a, safeEncodeString } from '../../src/controllers/deployment/hash.js';
import type { DeploymentT } from '../../src/api/apps/deployment.js';
import { newDeployment, rs } from './deployment-fixtures.js';

test('ResolveFenceposts: surge rounds up, unavailable rounds down, both zero gives unavailable 1', () => {
  const cases: Array<[string | undefined, string | undefined, number, number, number, boolean]> = [
    ['0%', '0%', 0, 0, 1, false],
    ['39%', '39%', 10, 4, 3, false],
    ['oops', '39%', 10, 0, 0, true],
    ['55%', 'urg', 10, 0, 0, true],
    [undefined, '39%', 10, 0, 3, false],
    ['39%', undefined, 10, 4, 0, false],
    [undefined, undefined, 10, 0, 1, false],
    ['5', '1', 7, 0, 0, true],
    ['25%', '25%', 8, 2, 2, false],
  ];
  for (const [s, u, desired, es, eu, err] of cases) {
    if (err) assert.throws(() => resolveFenceposts(s, u, desired), `${s}/${u}`);
    else assert.deepEqual(resolveFenceposts(s, u, desired), [es, eu], `${s}/${u}/${desired}`);
  }
  assert.deepEqual(resolveFenceposts(1, 1, 2), [1, 1]);
  assert.deepEqual(resolveFenceposts(0, 0, 5), [0, 1]);
});

test('MaxUnavailable never exceeds replicas; 0 for Recreate and for 0 replicas', () => {
  const d = (replicas: number, mu: number | string) => newDeployment('foo', replicas, undefined, 1, mu);
  const cases: Array<[DeploymentT, number]> = [
    [d(10, 5), 5],
    [d(10, 10), 10],
    [d(5, 10), 5],
    [d(0, 10), 0],
    [{ metadata: {}, spec: { strategy: { type: 'Recreate' } } } as DeploymentT, 0],
    [d(10, '50%'), 5],
    [d(10, '100%'), 10],
    [d(5, '100%'), 5],
  ];
  for (const [dep, want] of cases) assert.equal(maxUnavailable(dep), want);
  assert.equal(maxSurge(newDeployment('foo', 10, undefined, '25%', '25%')), 3);
  assert.equal(maxSurge({ metadata: {}, spec: { replicas: 3, strategy: { type: 'Recreate' } } } as DeploymentT), 0);
});

test('NewRSNewReplicas', () => {
  const cases: Array<[string, string, number, number, number, number]> = [
    ['can not scale up - to newRSReplicas', 'RollingUpdate', 1, 5, 1, 5],
    ['scale up - to depReplicas', 'RollingUpdate', 6, 2, 10, 6],
    ['recreate - to depReplicas', 'Recreate', 3, 1, 1, 3],
  ];
  for (const [name, type, depReplicas, newRSReplicas, surge, expected] of cases) {
    const d = newDeployment('nginx', depReplicas, undefined, surge, 1);
    d.spec!.strategy!.type = type;
    const rs5 = rs('rs5', 5);
    const newRS = rs('new', newRSReplicas);
    assert.equal(newRSNewReplicas(d, [rs5], newRS), expected, name);
  }
  const bad = newDeployment('x', 1);
  bad.spec!.strategy!.type = 'Other';
  assert.throws(() => newRSNewReplicas(bad, [], rs('n', 0)), /deployment type Other isn't supported/);
});

test('DeploymentComplete', () => {
  const dep = (desired: number, current: number, updated: number, available: number, mu: number, ms: number) => {
    const d = newDeployment('foo', desired, undefined, ms, mu);
    d.metadata.generation = 0;
    d.status = { replicas: current, updatedReplicas: updated, availableReplicas: available };
    return d;
  };
  const cases: Array<[string, DeploymentT, boolean]> = [
    ['not complete: min but not all pods become available', dep(5, 5, 5, 4, 1, 0), false],
    ['not complete: min availability is not honored', dep(5, 5, 5, 3, 1, 0), false],
    ['complete', dep(5, 5, 5, 5, 0, 0), true],
    ['not complete: all pods are available but not updated', dep(5, 5, 4, 5, 0, 0), false],
    ['not complete: still running old pods', dep(1, 2, 1, 1, 0, 1), false],
    ['not complete: one replica deployment never comes up', dep(1, 1, 1, 0, 1, 1), false],
  ];
  for (const [name, d, want] of cases) assert.equal(deploymentComplete(d, d.status!), want, name);
  const d = dep(1, 1, 1, 1, 0, 1);
  d.metadata.generation = 2;
  d.status!.observedGeneration = 1;
  assert.equal(deploymentComplete(d, d.status!), false, 'generation not observed');
});

test('DeploymentProgressing', () => {
  const st = (current: number, updated: number, ready: number, available: number) => ({ replicas: current, updatedReplicas: updated, readyReplicas: ready, availableReplicas: available });
  const cases: Array<[string, ReturnType<typeof st>, ReturnType<typeof st>, boolean]> = [
    ['progressing: updated pods', st(10, 4, 4, 4), st(10, 6, 4, 4), true],
    ['not progressing', st(10, 4, 4, 4), st(10, 4, 4, 4), false],
    ['progressing: old pods removed', st(10, 4, 6, 6), st(8, 4, 6, 6), true],
    ['not progressing: less new pods', st(10, 7, 3, 3), st(10, 6, 3, 3), false],
    ['progressing: less overall but more new pods', st(10, 4, 7, 7), st(8, 8, 5, 5), true],
    ['progressing: more ready pods', st(10, 10, 9, 8), st(10, 10, 10, 8), true],
    ['progressing: more available pods', st(10, 10, 10, 9), st(10, 10, 10, 10), true],
  ];
  for (const [name, old, cur, want] of cases) {
    assert.equal(deploymentProgressing({ metadata: {}, status: old } as DeploymentT, cur), want, name);
  }
});

test('DeploymentTimedOut', () => {
  const at = (min: number, sec: number) => Date.UTC(2016, 0, 1, 0, min, sec);
  const dep = (reason: string, pds: number | undefined, from: number) =>
    ({
      metadata: {},
      spec: pds === undefined ? {} : { progressDeadlineSeconds: pds },
      status: { conditions: [{ type: 'Progressing', status: 'True', reason, lastUpdateTime: new Date(from).toISOString().replace('.000Z', 'Z') }] },
    }) as unknown as DeploymentT;
  const cases: Array<[string, DeploymentT, number, boolean]> = [
    ['nil progressDeadlineSeconds specified - no timeout', dep('', undefined, at(1, 9)), at(1, 20), false],
    ['infinite progressDeadlineSeconds specified - no timeout', dep('', MaxInt32, at(1, 9)), at(1, 20), false],
    ['progressDeadlineSeconds: 10s, now - started => 00:01:20 - 00:01:09 => 11s', dep('', 10, at(1, 9)), at(1, 20), true],
    ['progressDeadlineSeconds: 10s, now - started => 00:01:20 - 00:01:11 => 9s', dep('', 10, at(1, 11)), at(1, 20), false],
    ['exactly at the deadline is not past it', dep('', 10, at(1, 10)), at(1, 20), false],
    ['previous status was a complete deployment', dep('NewReplicaSetAvailable', 10, 0), at(1, 20), false],
    ['already timed out', dep('ProgressDeadlineExceeded', 10, at(1, 19)), at(1, 20), true],
  ];
  for (const [name, d, now, want] of cases) assert.equal(deploymentTimedOut(d, d.status!, now), want, name);
});

test('Get/Set/RemoveDeploymentCondition', () => {
  const progressing = () => ({ type: 'Progressing', status: 'False', reason: 'ForSomeReason' });
  const progressing2 = () => ({ type: 'Progressing', status: 'True', reason: 'BecauseItIs' });
  const available = () => ({ type: 'Available', status: 'True', reason: 'AwesomeController' });
  const status = () => ({ conditions: [progressing(), available()] });
  assert.ok(getDeploymentCondition(status(), 'Available'));
  assert.equal(getDeploymentCondition(status(), 'ReplicaFailure'), undefined);
  let s: any = {};
  setDeploymentCondition(s, available());
  assert.deepEqual(s, { conditions: [available()] }, 'set for the first time');
  s = { conditions: [progressing()] };
  setDeploymentCondition(s, available());
  assert.deepEqual(s, status(), 'simple set');
  s = { conditions: [progressing()] };
  setDeploymentCondition(s, progressing2());
  assert.deepEqual(s, { conditions: [progressing2()] }, 'overwrite');
  s = {};
  removeDeploymentCondition(s, 'Progressing');
  assert.deepEqual(s, {}, 'remove from empty status');
  s = { conditions: [progressing()] };
  removeDeploymentCondition(s, 'Progressing');
  assert.deepEqual(s, {}, 'simple remove');
  s = status();
  removeDeploymentCondition(s, 'ReplicaFailure');
  assert.deepEqual(s, status(), "doesn't remove anything");
  // Same status, new reason: lastTransitionTime is kept.
  s = { conditions: [{ type: 'Progressing', status: 'True', reason: 'A', lastTransitionTime: 't0', lastUpdateTime: 't0' }] };
  setDeploymentCondition(s, { type: 'Progressing', status: 'True', reason: 'B', lastTransitionTime: 't1', lastUpdateTime: 't1' });
  assert.deepEqual(s.conditions[0], { type: 'Progressing', status: 'True', reason: 'B', lastTransitionTime: 't0', lastUpdateTime: 't1' });
  // Same status and reason: nothing changes, not even lastUpdateTime.
  setDeploymentCondition(s, { type: 'Progressing', status: 'True', reason: 'B', lastTransitionTime: 't2', lastUpdateTime: 't2' });
  assert.equal(s.conditions[0].lastUpdateTime, 't1');
});

test('proportions: getReplicaSetFraction and getProportion (rounding half away from zero)', () => {
  assert.deepEqual([roundToInt32(2.5), roundToInt32(-2.5), roundToInt32(1.49), roundToInt32(-0.4)], [3, -3, 1, 0]);
  // 10 replicas, maxSurge 3, maxUnavailable 2, stuck at old 8 / new 5, scaled to 15.
  const d = newDeployment('foo', 15, undefined, 3, 2);
  const old = rs('old', 8);
  const nw = rs('new', 5);
  setReplicasAnnotations(old, 10, 13);
  setReplicasAnnotations(nw, 10, 13);
  assert.equal(getReplicaSetFraction(old, d), 3); // round(8*18/13 = 11.08) - 8
  assert.equal(getReplicaSetFraction(nw, d), 2); // round(5*18/13 = 6.92) - 5
  assert.equal(getProportion(old, d, 5, 0), 3);
  assert.equal(getProportion(nw, d, 5, 3), 2);
  assert.equal(getProportion(nw, d, 5, 5), 0);
  assert.equal(getProportion(undefined, d, 5, 0), 0);
  // Scaling to zero: the whole RS goes.
  assert.equal(getReplicaSetFraction(old, newDeployment('foo', 0)), -8);
  // No annotation: fall back to status.replicas.
  const bare = rs('bare', 4);
  const d2 = newDeployment('foo', 8);
  d2.status = { replicas: 4 };
  assert.equal(getReplicaSetFraction(bare, d2), 4);
  // Scaling down takes the max of fraction and allowed.
  assert.equal(getProportion(old, newDeployment('foo', 5), -8, 0), -5); // round(8*5/13 = 3.08) - 8
});

test('IsSaturated', () => {
  const d = newDeployment('foo', 3);
  const r = rs('r', 3);
  assert.equal(isSaturated(d, r), false, 'no desired annotation');
  setReplicasAnnotations(r, 3, 3);
  assert.equal(isSaturated(d, r), true);
  r.status!.availableReplicas = 2;
  assert.equal(isSaturated(d, r), false, 'not all available');
  assert.equal(isSaturated(d, undefined), false);
});

test('revisions: MaxRevision, LastRevision, SetNewReplicaSetAnnotations with revision history', () => {
  const withRev = (name: string, v: string) => {
    const r = rs(name, 1);
    r.metadata.annotations = { [RevisionAnnotation]: v };
    return r;
  };
  const list = [withRev('a', '1'), withRev('b', '3'), withRev('c', 'x'), withRev('d', '2')];
  assert.equal(maxRevision(list), 3);
  assert.equal(lastRevision(list), 2);
  const d = newDeployment('foo', 2, undefined, 1, 0);
  d.metadata.annotations = { 'kubernetes.io/change-cause': 'v2', [RevisionAnnotation]: '9', 'kubectl.kubernetes.io/last-applied-configuration': '{}' };
  const nrs = rs('new', 0);
  for (let i = 1; i <= 3; i++) {
    assert.equal(setNewReplicaSetAnnotations(d, nrs, String(i), false, 2000, maxSurge), true);
    assert.equal(nrs.metadata.annotations![RevisionAnnotation], String(i));
  }
  assert.equal(nrs.metadata.annotations![RevisionHistoryAnnotation], '1,2');
  assert.equal(nrs.metadata.annotations!['kubernetes.io/change-cause'], 'v2');
  assert.equal(nrs.metadata.annotations!['kubectl.kubernetes.io/last-applied-configuration'], undefined);
  assert.equal(nrs.metadata.annotations!['deployment.kubernetes.io/desired-replicas'], '2');
  assert.equal(nrs.metadata.annotations!['deployment.kubernetes.io/max-replicas'], '3');
  // A lower revision does not lower the RS's revision.
  assert.equal(setNewReplicaSetAnnotations(d, nrs, '2', true, 2000, maxSurge), false);
  assert.equal(nrs.metadata.annotations![RevisionAnnotation], '3');
  // The history is cut from the front to stay within the limit.
  const h = rs('h', 0);
  h.metadata.annotations = { [RevisionAnnotation]: '15', [RevisionHistoryAnnotation]: '11,12,13,14' };
  setNewReplicaSetAnnotations(d, h, '16', true, 11, maxSurge);
  assert.equal(h.metadata.annotations![RevisionHistoryAnnotation], '12,13,14,15');
});

test('EqualIgnoreHash and FindNewReplicaSet / FindOldReplicaSets', () => {
  const tpl = (labels: Record<string, string> | undefined, image = 'nginx') => ({ metadata: labels ? { labels } : {}, spec: { containers: [{ name: 'c', image }] } });
  assert.equal(equalIgnoreHash(tpl({ something: 'else' }), tpl({ something: 'else' })), true, 'same template');
  assert.equal(equalIgnoreHash(tpl({ 'pod-template-hash': 'abc', something: 'else' }), tpl({ something: 'else' })), true, 'hash label ignored');
  assert.equal(equalIgnoreHash(tpl({ 'pod-template-hash': 'abc' }), tpl(undefined)), true, 'empty labels equal nil labels');
  assert.equal(equalIgnoreHash(tpl({ 'pod-template-hash': 'abc', something: 'else' }), tpl({ 'pod-template-hash': 'def', something: 'else' })), true);
  assert.equal(equalIgnoreHash(tpl({ something: 'else' }), tpl({ nothing: 'else' })), false, 'different labels');
  assert.equal(equalIgnoreHash(tpl({ a: 'b' }, 'nginx'), tpl({ a: 'b' }, 'redis')), false, 'different spec');

  const d = newDeployment('foo', 1, undefined, 1, 0, { app: 'foo' });
  const mk = (name: string, ts: string, image: string) => {
    const r = rs(name, 1, { app: 'foo' }, ts);
    r.spec!.template = { metadata: { labels: { app: 'foo', 'pod-template-hash': name } }, spec: { containers: [{ name: 'c', image }] } } as any;
    return r;
  };
  const newer = mk('newer', '2016-05-20T02:00:00Z', 'foo/bar');
  const older = mk('older', '2016-05-20T01:00:00Z', 'foo/bar');
  const other = mk('other', '2016-05-20T00:00:00Z', 'other');
  assert.equal(findNewReplicaSet(d, [newer, older, other])?.metadata.name, 'older', 'the oldest matching RS wins');
  const [required, all] = findOldReplicaSets(d, [newer, older, other]);
  assert.deepEqual(all.map((r) => r.metadata.name).sort(), ['newer', 'other']);
  assert.deepEqual(required.map((r) => r.metadata.name).sort(), ['newer', 'other']);
  other.spec!.replicas = 0;
  assert.deepEqual(findOldReplicaSets(d, [newer, older, other])[0].map((r) => r.metadata.name), ['newer']);
});

test('ComputeHash: FNV-32a, SafeEncodeString alphabet, stable, changes with the template and collisionCount', () => {
  assert.equal(fnv32a(Buffer.from('')), 0x811c9dc5);
  assert.equal(fnv32a(Buffer.from('a')), 0xe40c292c);
  assert.equal(fnv32a(Buffer.from('foobar')), 0xbf9cf968);
  // '0' is byte 48, 48 % 27 = 21 -> '4'; '6' is 54 -> 0 -> 'b'.
  assert.equal(safeEncodeString('0123456789'), '456789bcdf');
  const t = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } };
  const h = computeHash(t);
  assert.match(h, /^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
  assert.equal(computeHash(structuredClone(t)), h, 'stable');
  assert.equal(computeHash({ spec: t.spec, metadata: t.metadata }), h, 'key order does not matter');
  assert.notEqual(computeHash(t, 0), h, 'collisionCount 0 is mixed in');
  assert.notEqual(computeHash(t, 1), computeHash(t, 0));
  assert.notEqual(computeHash({ ...t, spec: { containers: [{ name: 'web', image: 'nginx:1.28' }] } }), h);
  assert.equal(h, '6c8d7489d5', 'fixed value for this template (stable across runs)');
});
