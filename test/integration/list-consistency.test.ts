/**
 * Lists at a revision, as upstream serves them from etcd: continue tokens keep every page at the first
 * page's revision, resourceVersionMatch=Exact (and the legacy resourceVersion+limit) read the state at
 * that revision, and what the history no longer reaches answers 410 Expired; ListOptions validation.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster, configMap, type TestCluster } from '../helpers/cluster.js';

let c: TestCluster;
before(async () => {
  c = await testCluster({ controllers: false, kubelets: false, scheduler: false, nodeHeartbeats: false, historyWindowMs: 60_000 });
  assert.equal((await c.req('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'pages' } })).status, 201);
});
after(async () => {
  await c.stop();
});

const base = '/api/v1/namespaces/pages/configmaps';
const names = (l: any) => l.items.map((i: any) => `${i.metadata.name}=${i.data?.v ?? ''}`);
const create = async (name: string, v: string) => assert.equal((await c.req('POST', base, configMap(name, { v }))).status, 201);

test('pages after the first are served at the first page\'s revision, whatever changes meanwhile', async () => {
  for (const n of ['p1', 'p2', 'p3', 'p4', 'p5', 'p6']) await create(n, '0');
  const full = await c.req('GET', base);
  const p1 = await c.req('GET', `${base}?limit=2`);
  assert.equal(p1.status, 200);
  assert.deepEqual(names(p1.body), ['p1=0', 'p2=0']);
  assert.equal(p1.body.metadata.remainingItemCount, 4);
  const rv = p1.body.metadata.resourceVersion;
  // Meanwhile: an update to a later key, a delete, a create between keys, a create at the end.
  const p4 = (await c.req('GET', `${base}/p4`)).body;
  assert.equal((await c.req('PUT', `${base}/p4`, { ...p4, data: { v: '1' } })).status, 200);
  assert.equal((await c.req('DELETE', `${base}/p5`)).status, 200);
  await create('p3a', '1');
  await create('p7', '1');
  const p2 = await c.req('GET', `${base}?limit=2&continue=${p1.body.metadata.continue}`);
  assert.equal(p2.status, 200);
  assert.deepEqual(names(p2.body), ['p3=0', 'p4=0']);
  assert.equal(p2.body.metadata.resourceVersion, rv);
  assert.equal(p2.body.metadata.remainingItemCount, 2);
  const p3 = await c.req('GET', `${base}?limit=2&continue=${p2.body.metadata.continue}`);
  assert.deepEqual(names(p3.body), ['p5=0', 'p6=0']);
  assert.equal(p3.body.metadata.continue, undefined);
  // The pages together are exactly the list at that revision.
  assert.deepEqual([...p1.body.items, ...p2.body.items, ...p3.body.items], full.body.items);
  // A new list sees the changes.
  assert.deepEqual(names((await c.req('GET', base)).body), ['p1=0', 'p2=0', 'p3=0', 'p3a=1', 'p4=1', 'p6=0', 'p7=1']);
});

test('resourceVersionMatch=Exact and resourceVersion with a limit read that revision; NotOlderThan and "0" read the latest', async () => {
  await create('x1', '0');
  const rv = (await c.req('GET', base)).body.metadata.resourceVersion;
  const x1 = (await c.req('GET', `${base}/x1`)).body;
  assert.equal((await c.req('PUT', `${base}/x1`, { ...x1, data: { v: '1' } })).status, 200);
  await create('x2', '0');
  const pick = (l: any) => names(l).filter((n: string) => n.startsWith('x'));
  const exact = await c.req('GET', `${base}?resourceVersion=${rv}&resourceVersionMatch=Exact`);
  assert.equal(exact.status, 200);
  assert.equal(exact.body.metadata.resourceVersion, rv);
  assert.deepEqual(pick(exact.body), ['x1=0']);
  const legacy = await c.req('GET', `${base}?resourceVersion=${rv}&limit=500`);
  assert.equal(legacy.body.metadata.resourceVersion, rv);
  assert.deepEqual(pick(legacy.body), ['x1=0']);
  for (const q of [`resourceVersion=${rv}&resourceVersionMatch=NotOlderThan`, `resourceVersion=${rv}`, 'resourceVersion=0', 'resourceVersion=0&limit=500']) {
    const latest = await c.req('GET', `${base}?${q}`);
    assert.equal(latest.status, 200, q);
    assert.deepEqual(pick(latest.body), ['x1=1', 'x2=0'], q);
    assert.equal(latest.body.metadata.resourceVersion, String(c.storage.revision), q);
  }
});

test('a resourceVersion the server has not reached: 504 Timeout, ResourceVersionTooLarge', async () => {
  const ahead = c.storage.revision + 10;
  for (const q of [`resourceVersion=${ahead}`, `resourceVersion=${ahead}&resourceVersionMatch=Exact`]) {
    const r = await c.req('GET', `${base}?${q}`);
    assert.equal(r.status, 504, q);
    assert.deepEqual(r.body, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `Timeout: Too large resource version: ${ahead}, current: ${c.storage.revision}`,
      reason: 'Timeout',
      details: { causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }], retryAfterSeconds: 1 },
      code: 504,
    });
  }
});

test('ListOptions validation: 422 Invalid, and 400 for resourceVersion with continue and bad tokens', async () => {
  const cases: Array<[string, number, string]> = [
    ['resourceVersionMatch=Exact', 422, 'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided'],
    ['resourceVersion=0&resourceVersionMatch=Exact', 422, 'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch "exact" is forbidden for resourceVersion "0"'],
    ['resourceVersion=1&resourceVersionMatch=Newest', 422, 'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Unsupported value: "Newest": supported values: "Exact", "NotOlderThan", ""'],
    ['resourceVersion=abc', 400, 'resourceVersion: Invalid value: "abc": must be a non-negative integer'],
    ['continue=bm90LWpzb24', 400, 'invalid continue token: continue key is not valid: not a base64url-encoded JSON object'],
  ];
  const p1 = await c.req('GET', `${base}?limit=1`);
  const token = p1.body.metadata.continue as string;
  cases.push([`resourceVersion=5&continue=${token}`, 400, 'specifying resource version is not allowed when using continue']);
  cases.push([`resourceVersion=5&resourceVersionMatch=Exact&continue=${token}`, 422, 'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden when continue is provided']);
  const zeroRv = Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: 0, start: 'pages/p1\u0000' })).toString('base64url');
  cases.push([`continue=${zeroRv}`, 400, 'invalid continue token: continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)']);
  const v2 = Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v2', rv: 5, start: 'pages/p1\u0000' })).toString('base64url');
  cases.push([`continue=${v2}`, 400, 'invalid continue token: continue key is not valid: server does not recognize this encoded version meta.k8s.io/v2']);
  for (const [q, code, message] of cases) {
    const r = await c.req('GET', `${base}?${q}`);
    assert.equal(r.status, code, q);
    assert.equal(r.body.message, message, q);
    assert.equal(r.body.reason, code === 422 ? 'Invalid' : 'BadRequest', q);
  }
});

test('history compacted past a revision: 410 Expired; a continue token gets an inconsistent token for the rest', async () => {
  for (const n of ['z1', 'z2', 'z3']) await create(n, '0');
  const p1 = await c.req('GET', `${base}?limit=2`);
  const rv = p1.body.metadata.resourceVersion;
  await create('z2a', '0'); // a change after rv, which compaction then drops
  c.clock.step(2 * 60_000);
  await create('z4', '0');
  c.storage.compact();
  assert.ok(c.storage.compactedRevision > Number(rv));
  const exact = await c.req('GET', `${base}?resourceVersion=${rv}&resourceVersionMatch=Exact`);
  assert.equal(exact.status, 410);
  assert.deepEqual([exact.body.reason, exact.body.message], ['Expired', 'The resourceVersion for the provided list is too old.']);
  const next = await c.req('GET', `${base}?limit=2&continue=${p1.body.metadata.continue}`);
  assert.equal(next.status, 410);
  assert.equal(next.body.reason, 'Expired');
  assert.match(next.body.message, /^The provided continue parameter is too old to display a consistent list result\. You can start a new list without the continue parameter, or use the continue token in this response/);
  const inconsistent = next.body.metadata.continue as string;
  assert.equal(JSON.parse(Buffer.from(inconsistent, 'base64url').toString()).rv, -1);
  // That token lists the remainder at the latest revision.
  const rest = await c.req('GET', `${base}?limit=100&continue=${inconsistent}`);
  assert.equal(rest.status, 200);
  assert.equal(rest.body.metadata.resourceVersion, String(c.storage.revision));
  const p1Last = p1.body.items[1].metadata.name;
  assert.ok(rest.body.items.every((i: any) => i.metadata.name > p1Last));
  assert.ok(rest.body.items.some((i: any) => i.metadata.name === 'z4'));
});
