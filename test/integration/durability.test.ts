/**
 * Durability of the SQLite state file: a clean restart brings back every object and the revision, and
 * `kill -9` of a server under write load loses no write that was acknowledged with 201.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCluster, type Cluster } from '../../src/app.js';
import { FakeClock } from '../../src/util/clock.js';
import { seededRandom } from '../../src/util/random.js';
import { configMap, deployment } from '../helpers/cluster.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const dirs: string[] = [];
const children = new Set<ChildProcess>();
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'kubemu-durability-'));
  dirs.push(d);
  return d;
};

after(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function inject(c: Cluster, method: string, url: string, body?: unknown): Promise<{ status: number; body: any }> {
  const r = await c.server.inject({ method: method as 'GET', url, payload: body === undefined ? undefined : JSON.stringify(body), headers: body === undefined ? {} : { 'content-type': 'application/json' } });
  return { status: r.statusCode, body: JSON.parse(r.body) };
}

/** Every stored row, as storage keeps it. */
function rows(c: Cluster): Array<{ resource: string; namespace: string; name: string; rev: number; value: string }> {
  return c.storage.db.prepare('SELECT resource, namespace, name, rev, value FROM objects ORDER BY resource, namespace, name').all() as never;
}

/** Every object as the API lists it, per resource. */
async function apiState(c: Cluster): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const d of c.registry.defs) {
    const base = d.group ? `/apis/${d.group}/${d.version}` : `/api/${d.version}`;
    const r = await inject(c, 'GET', `${base}/${d.resource}`);
    assert.equal(r.status, 200, `list ${d.resource}`);
    out[`${d.group}/${d.resource}`] = r.body.items;
  }
  return out;
}

test('a restart on the same data file keeps every object, the revision and the watch history', async () => {
  const data = join(tmp(), 'state.db');
  const clock = new FakeClock('2024-01-01T00:00:00Z');
  const opts = { listen: false, data, clock, random: seededRandom(1), nodes: 2, kubelets: false } as const;
  const c1 = await startCluster(opts);
  assert.equal((await inject(c1, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'keep' } })).status, 201);
  for (let i = 0; i < 20; i++) assert.equal((await inject(c1, 'POST', '/api/v1/namespaces/keep/configmaps', configMap(`cm-${i}`, { i: String(i) }))).status, 201);
  assert.equal((await inject(c1, 'POST', '/apis/apps/v1/namespaces/keep/deployments', deployment('web'))).status, 201);
  const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { password: 'hunter2' } };
  assert.equal((await inject(c1, 'POST', '/api/v1/namespaces/keep/secrets', secret)).status, 201);
  const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } };
  assert.equal((await inject(c1, 'POST', '/api/v1/namespaces/keep/services', svc)).status, 201);
  const cm3 = (await inject(c1, 'GET', '/api/v1/namespaces/keep/configmaps/cm-3')).body;
  const historyFrom = c1.storage.revision;
  assert.equal((await inject(c1, 'PUT', '/api/v1/namespaces/keep/configmaps/cm-3', { ...cm3, data: { i: 'changed' } })).status, 200);
  assert.equal((await inject(c1, 'DELETE', '/api/v1/namespaces/keep/configmaps/cm-7')).status, 200);
  const beforeRows = rows(c1);
  const beforeApi = await apiState(c1);
  const beforeRev = c1.storage.revision;
  const beforeCompacted = c1.storage.compactedRevision;
  await c1.stop();

  const c2 = await startCluster(opts);
  try {
    assert.equal(c2.storage.revision, beforeRev, 'bootstrap on an existing file writes nothing');
    assert.equal(c2.storage.compactedRevision, beforeCompacted);
    assert.deepEqual(rows(c2), beforeRows);
    assert.deepEqual(await apiState(c2), beforeApi);
    const got = await inject(c2, 'GET', '/api/v1/namespaces/keep/configmaps/cm-3');
    assert.deepEqual(got.body.data, { i: 'changed' });
    assert.equal((await inject(c2, 'GET', '/api/v1/namespaces/keep/configmaps/cm-7')).status, 404);
    // The change history survived too: a watch from before the restart replays the later changes.
    const events: string[] = [];
    const w = c2.client.resource('', 'configmaps').watch('keep', { resourceVersion: String(historyFrom) }, (e) => events.push(`${e.type} ${(e.object as any).metadata.name}`));
    w.stop();
    assert.deepEqual(events, ['MODIFIED cm-3', 'DELETED cm-7']);
    // New writes continue the revision sequence (the restarted kubelets and node controller have
    // recorded their events by now: Starting, NodeAllocatableEnforced, RegisteredNode, ...).
    await c2.settle();
    const revBefore = c2.storage.revision;
    assert.ok(revBefore >= beforeRev);
    const next = await inject(c2, 'POST', '/api/v1/namespaces/keep/configmaps', configMap('after-restart'));
    assert.equal(next.status, 201);
    assert.equal(Number(next.body.metadata.resourceVersion), revBefore + 1);
  } finally {
    await c2.stop();
  }
});

/** Start `node --import tsx src/main.ts` on a data file; resolves with the URL it prints. */
async function spawnServer(dir: string): Promise<{ child: ChildProcess; url: string; exited: Promise<number | string> }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/main.ts', '--port', '0', '--host', '127.0.0.1', '--nodes', '1', '--data', join(dir, 'state.db'), '--kubeconfig', join(dir, 'kc')],
    { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_NO_WARNINGS: '1' } },
  );
  children.add(child);
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /serving the Kubernetes API at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    exited.then((code) => reject(new Error(`server exited (${code}) before printing its URL:\n${out}\n${err}`)));
  });
  return { child, url, exited };
}

function post(agent: http.Agent, url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function getJson(url: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let s = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (s += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(s) }));
      })
      .on('error', reject);
  });
}

test('kill -9 under write load loses no acknowledged write', { timeout: 120_000 }, async () => {
  const dir = tmp();
  const first = await spawnServer(dir);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const acked = new Set<string>();
  const attempted = new Set<string>();
  const killAfter = 400;
  const maxRequests = 5000;
  let next = 0;
  let killed = false;
  const worker = async () => {
    while (!killed && next < maxRequests) {
      const name = `load-${next++}`;
      attempted.add(name);
      try {
        const code = await post(agent, `${first.url}/api/v1/namespaces/default/configmaps`, JSON.stringify(configMap(name, { n: name })));
        if (code === 201) acked.add(name);
        else assert.fail(`create ${name}: HTTP ${code}`);
      } catch (e) {
        if (killed) return; // connection reset by the kill: not acknowledged
        throw e;
      }
      if (acked.size >= killAfter && !killed) {
        killed = true;
        // Mid-stream: the other workers still have requests in flight.
        first.child.kill('SIGKILL');
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  agent.destroy();
  assert.equal(await first.exited, 'SIGKILL');
  assert.ok(acked.size >= killAfter, `acknowledged ${acked.size}`);
  assert.ok(attempted.size > acked.size, 'some requests were in flight at the kill');

  const second = await spawnServer(dir);
  try {
    const list = await getJson(`${second.url}/api/v1/namespaces/default/configmaps`);
    assert.equal(list.status, 200);
    // The root CA publisher's ConfigMap lives in every namespace; everything else must be ours.
    const ours = list.body.items.filter((i: any) => i.metadata.name !== 'kube-root-ca.crt');
    const present = new Set<string>(ours.map((i: any) => i.metadata.name));
    const lost = [...acked].filter((n) => !present.has(n));
    assert.deepEqual(lost, [], `acknowledged writes lost after kill -9 (${acked.size} acknowledged)`);
    for (const n of present) assert.ok(attempted.has(n), `unexpected object ${n}`);
    for (const item of ours) assert.deepEqual(item.data, { n: item.metadata.name }, 'objects are intact');
    // Revisions are unique and the server writes after the restart.
    const revs = new Set(list.body.items.map((i: any) => i.metadata.resourceVersion));
    assert.equal(revs.size, list.body.items.length);
    const again = await post(new http.Agent(), `${second.url}/api/v1/namespaces/default/configmaps`, JSON.stringify(configMap('after-kill')));
    assert.equal(again, 201);
  } finally {
    second.child.kill('SIGTERM');
    assert.equal(await second.exited, 0, 'SIGTERM shuts down cleanly');
  }
});

test('group commit: a reply, and a watch event on the wire, leave only once their write is on disk', async () => {
  const data = join(tmp(), 'state.db');
  const c = await startCluster({ port: 0, host: '127.0.0.1', data, clock: new FakeClock('2024-01-01T00:00:00Z'), random: seededRandom(2), nodes: 0, kubelets: false, controllers: false, scheduler: false });
  const disk = new Database(data, { readonly: true });
  const onDisk = (name: string) => disk.prepare("SELECT COUNT(*) FROM objects WHERE resource = 'core/configmaps' AND name = ?").pluck().get(name) === 1;
  try {
    // A watch over HTTP: when an event's bytes arrive, its object must already be committed.
    const seen: Array<{ name: string; committed: boolean }> = [];
    const req = http.get(`${c.url}/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${c.storage.revision}`);
    let gotAll!: Promise<void>;
    // The response headers arrive once the watch is registered.
    await new Promise<void>((started, reject) => {
      req.on('error', reject);
      req.on('response', (res) => {
        gotAll = new Promise<void>((resolve) => {
          let buf = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => {
            buf += d;
            for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
              const name = JSON.parse(buf.slice(0, i)).object.metadata.name as string;
              buf = buf.slice(i + 1);
              seen.push({ name, committed: onDisk(name) });
              if (seen.length === 5) resolve();
            }
          });
        });
        started();
      });
    });
    // Five creates in one event-loop turn: one commit. Each reply, when it arrives, finds its row on disk.
    const replies = await Promise.all(
      [0, 1, 2, 3, 4].map(async (i) => {
        const r = await c.server.inject({ method: 'POST', url: '/api/v1/namespaces/default/configmaps', payload: JSON.stringify(configMap(`gc-${i}`)), headers: { 'content-type': 'application/json' } });
        return { status: r.statusCode, committed: onDisk(`gc-${i}`) };
      }),
    );
    assert.deepEqual(replies, [0, 1, 2, 3, 4].map(() => ({ status: 201, committed: true })));
    await gotAll;
    assert.deepEqual(seen, [0, 1, 2, 3, 4].map((i) => ({ name: `gc-${i}`, committed: true })));
    req.destroy();
  } finally {
    disk.close();
    await c.stop();
  }
});
