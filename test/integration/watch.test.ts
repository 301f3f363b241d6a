import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import WebSocket from 'ws';
import { startCluster, type Cluster } from '../../src/app.js';
import { FakeClock } from '../../src/util/clock.js';
import { seededRandom } from '../../src/util/random.js';
import { Informer } from '../../src/client/informer.js';
import { configMap } from '../helpers/cluster.js';

let c: Cluster;
let clock: FakeClock;
before(async () => {
  clock = new FakeClock('2024-01-01T00:00:00Z');
  c = await startCluster({ port: 0, clock, random: seededRandom(7), controllers: false });
});
after(async () => {
  await c.stop();
});

/** Open a streaming GET and collect newline-delimited JSON events. */
function stream(path: string, headers: Record<string, string> = {}) {
  const events: any[] = [];
  let ended = false;
  let status = 0;
  let contentType = '';
  let buf = '';
  const req = http.get(`${c.url}${path}`, { headers }, (res) => {
    status = res.statusCode ?? 0;
    contentType = String(res.headers['content-type']);
    res.setEncoding('utf8');
    res.on('data', (d: string) => {
      buf += d;
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        events.push(JSON.parse(buf.slice(0, i)));
        buf = buf.slice(i + 1);
      }
    });
    res.on('end', () => (ended = true));
  });
  return {
    events,
    get ended() {
      return ended;
    },
    get status() {
      return status;
    },
    get contentType() {
      return contentType;
    },
    close: () => req.destroy(),
  };
}

async function until(cond: () => boolean, what: string) {
  for (let i = 0; i < 200; i++) {
    if (cond()) return;
    await new Promise((r) => setImmediate(r));
    if (i > 50) await new Promise((r) => setTimeout(r, 5));
  }
  assert.fail(`timed out waiting for ${what}`);
}

const cms = () => c.client.resource('', 'configmaps');

test('watch from a list resourceVersion streams ADDED, MODIFIED, DELETED with selector transitions', async () => {
  const list = cms().list('default');
  const w = stream(`/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${list.metadata.resourceVersion}&labelSelector=app%3Dw`);
  await until(() => w.status === 200, 'headers flushed before any event');
  assert.equal(w.contentType, 'application/json');
  cms().create('default', { ...configMap('w1'), metadata: { name: 'w1', labels: { app: 'w' } } });
  cms().create('default', { ...configMap('other'), metadata: { name: 'other', labels: { app: 'x' } } });
  cms().patch('default', 'w1', 'merge', { data: { a: '2' } });
  cms().patch('default', 'w1', 'merge', { metadata: { labels: { app: 'gone' } } });
  cms().patch('default', 'other', 'merge', { metadata: { labels: { app: 'w' } } });
  cms().delete('default', 'other');
  await until(() => w.events.length >= 5, 'five events');
  assert.deepEqual(
    w.events.map((e) => `${e.type} ${e.object.metadata.name}`),
    ['ADDED w1', 'MODIFIED w1', 'DELETED w1', 'ADDED other', 'DELETED other'],
  );
  // Leaving the selector is a DELETED carrying the last matching state at the new revision.
  const left = w.events[2].object;
  assert.equal(left.metadata.labels.app, 'w');
  assert.equal(left.metadata.resourceVersion, String(Number(w.events[1].object.metadata.resourceVersion) + 1));
  w.close();
});

test('watch without a resourceVersion starts with ADDED for every current object', async () => {
  const w = stream('/api/v1/namespaces?watch=1');
  await until(() => w.events.length >= 4, 'initial events');
  assert.deepEqual(w.events.map((e) => e.type), ['ADDED', 'ADDED', 'ADDED', 'ADDED']);
  w.close();
});

test('an expired resourceVersion gets an ERROR 410 Expired event and the stream ends', async () => {
  cms().create('default', configMap('exp1'));
  c.storage.compact(); // nothing older than the window yet
  clock.step(10 * 60_000);
  cms().create('default', configMap('exp2'));
  c.storage.compact();
  const w = stream('/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=2');
  await until(() => w.ended, 'the stream to end');
  assert.equal(w.events.length, 1);
  assert.equal(w.events[0].type, 'ERROR');
  assert.equal(w.events[0].object.code, 410);
  assert.equal(w.events[0].object.reason, 'Expired');
  assert.match(w.events[0].object.message, /^too old resource version: 2 \(\d+\)$/);
});

test('a resourceVersion the server has not reached gets an ERROR 504 Timeout event and the stream ends', async () => {
  const ahead = c.storage.revision + 5;
  const w = stream(`/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${ahead}`);
  await until(() => w.ended, 'the stream to end');
  assert.deepEqual(w.events, [
    {
      type: 'ERROR',
      object: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: `Timeout: Too large resource version: ${ahead}, current: ${ahead - 5}`,
        reason: 'Timeout',
        details: { causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }], retryAfterSeconds: 1 },
        code: 504,
      },
    },
  ]);
});

test('timeoutSeconds ends the watch on the cluster clock; bookmarks only when allowed', async () => {
  const rv = cms().list('default').metadata.resourceVersion;
  const w = stream(`/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${rv}&timeoutSeconds=90&allowWatchBookmarks=true`);
  await until(() => w.status === 200, 'the watch to start');
  clock.step(61_000);
  await until(() => w.events.length === 1, 'a bookmark');
  assert.equal(w.events[0].type, 'BOOKMARK');
  assert.equal(w.events[0].object.kind, 'ConfigMap');
  const bookmarkRev = Number(w.events[0].object.metadata.resourceVersion);
  assert.ok(bookmarkRev >= Number(rv) && bookmarkRev <= c.storage.revision, 'a bookmark carries a current revision');
  clock.step(30_000);
  await until(() => w.ended, 'the timeout');
});

test('table watches carry column definitions on the first event only', async () => {
  const rv = cms().list('default').metadata.resourceVersion;
  const w = stream(`/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${rv}`, {
    accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json',
  });
  await until(() => w.status === 200, 'the watch to start');
  cms().create('default', configMap('t1'));
  cms().patch('default', 't1', 'merge', { data: { x: 'y' } });
  await until(() => w.events.length === 2, 'two events');
  assert.equal(w.events[0].object.kind, 'Table');
  assert.deepEqual(w.events[0].object.columnDefinitions.map((d: any) => d.name), ['Name', 'Data', 'Age']);
  assert.equal(w.events[1].object.columnDefinitions, undefined);
  assert.deepEqual(w.events[1].object.rows[0].cells.slice(0, 2), ['t1', 2]);
  w.close();
});

test('watch over WebSocket delivers one event per message', async () => {
  const rv = cms().list('default').metadata.resourceVersion;
  const ws = new WebSocket(`${c.url.replace('http', 'ws')}/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${rv}`);
  const got: any[] = [];
  ws.on('message', (m) => got.push(JSON.parse(String(m))));
  await new Promise((r) => ws.on('open', r));
  cms().create('default', configMap('ws1'));
  await until(() => got.length === 1, 'a websocket event');
  assert.equal(got[0].type, 'ADDED');
  assert.equal(got[0].object.metadata.name, 'ws1');
  ws.close();
});

test('an informer lists, watches, and re-lists after its watch expires', async () => {
  const inf = new Informer(cms(), 'default');
  const seen: string[] = [];
  inf.addEventHandler({
    onAdd: (o) => seen.push(`add ${o.metadata.name}`),
    onUpdate: (_o, n) => seen.push(`update ${n.metadata.name}`),
    onDelete: (o) => seen.push(`delete ${o.metadata.name}`),
  });
  inf.start();
  assert.ok(inf.hasSynced());
  const before = inf.list().length;
  cms().create('default', configMap('inf1'));
  assert.ok(inf.get('default', 'inf1'));
  assert.ok(seen.includes('add inf1'));
  // A dropped connection: changes happen and history is compacted meanwhile, so resuming from the
  // last version seen meets a 410 and the informer lists again, delivering the differences.
  inf.stop();
  cms().delete('default', 'inf1');
  cms().create('default', configMap('inf2'));
  clock.step(10 * 60_000);
  cms().create('default', configMap('inf3'));
  c.storage.compact();
  inf.start();
  await until(() => inf.lists === 2, 'a re-list after 410');
  assert.equal(inf.get('default', 'inf1'), undefined);
  assert.ok(inf.get('default', 'inf2') && inf.get('default', 'inf3'));
  assert.ok(seen.includes('delete inf1'));
  assert.equal(inf.list().length, before + 2);
  // Its watch ends on its timeout and it carries on watching from where it was, without a list.
  clock.step(301_000);
  await new Promise((r) => setImmediate(r));
  cms().create('default', configMap('inf4'));
  assert.ok(inf.get('default', 'inf4'));
  assert.equal(inf.lists, 2);
  inf.stop();
});
