/**
 * The official JavaScript client (@kubernetes/client-node) against a listening kubemu: typed CRUD of
 * ConfigMaps and Deployments, 409 on a stale update, label selectors, and an informer that survives a
 * 410 Gone (its watch history compacted away while it was reconnecting) by listing again.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import * as k8s from '@kubernetes/client-node';
import { startCluster, type Cluster } from '../../src/app.js';
import { FakeClock } from '../../src/util/clock.js';
import { seededRandom } from '../../src/util/random.js';

const historyWindowMs = 60_000;
let cluster: Cluster;
let clock: FakeClock;
let core: k8s.CoreV1Api;
let apps: k8s.AppsV1Api;
let kc: k8s.KubeConfig;

before(async () => {
  clock = new FakeClock('2024-01-01T00:00:00Z');
  // The API as a client library sees it: no control loops adding objects of their own.
  cluster = await startCluster({ port: 0, clock, random: seededRandom(7), nodes: 1, historyWindowMs, controllers: false, scheduler: false, kubelets: false });
  kc = new k8s.KubeConfig();
  kc.loadFromString(cluster.kubeconfig);
  core = kc.makeApiClient(k8s.CoreV1Api);
  apps = kc.makeApiClient(k8s.AppsV1Api);
  for (const name of ['e2e', 'labels', 'inf']) await core.createNamespace({ body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } } });
});

after(async () => {
  await cluster.stop();
});

/** The HTTP status and decoded Status body of a failed call. */
async function failure(p: Promise<unknown>): Promise<{ code: number; status: any }> {
  try {
    await p;
  } catch (e) {
    if (!(e instanceof k8s.ApiException)) throw e;
    const body = typeof e.body === 'string' ? JSON.parse(e.body) : e.body;
    return { code: e.code, status: body };
  }
  assert.fail('the call succeeded');
}

/** Poll (real time: the client does real I/O) until cond holds; bounded. */
async function waitFor(what: string, cond: () => boolean, ms = 5000): Promise<void> {
  for (let waited = 0; !cond(); waited += 10) {
    if (waited >= ms) assert.fail(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

test('version and discovery through the client', async () => {
  const v = await kc.makeApiClient(k8s.VersionApi).getCode();
  assert.equal(v.major, '1');
  assert.equal(v.minor, '32');
  const groups = await kc.makeApiClient(k8s.ApisApi).getAPIVersions();
  assert.ok(groups.groups.some((g) => g.name === 'apps'));
});

test('ConfigMap CRUD', async () => {
  const created = await core.createNamespacedConfigMap({ namespace: 'e2e', body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm1', labels: { a: 'b' } }, data: { k: 'v' } } });
  assert.equal(created.metadata?.name, 'cm1');
  assert.equal(created.metadata?.namespace, 'e2e');
  assert.match(created.metadata?.uid ?? '', /^[0-9a-f-]{36}$/);
  assert.ok(created.metadata?.creationTimestamp instanceof Date);
  assert.equal(created.metadata?.creationTimestamp?.toISOString(), '2024-01-01T00:00:00.000Z');

  const dup = await failure(core.createNamespacedConfigMap({ namespace: 'e2e', body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm1' } } }));
  assert.equal(dup.code, 409);
  assert.equal(dup.status.reason, 'AlreadyExists');

  const read = await core.readNamespacedConfigMap({ name: 'cm1', namespace: 'e2e' });
  assert.deepEqual(read.data, { k: 'v' });
  assert.equal(read.metadata?.resourceVersion, created.metadata?.resourceVersion);

  read.data = { k: 'v2', extra: 'x' };
  const replaced = await core.replaceNamespacedConfigMap({ name: 'cm1', namespace: 'e2e', body: read });
  assert.deepEqual(replaced.data, { k: 'v2', extra: 'x' });
  assert.ok(Number(replaced.metadata?.resourceVersion) > Number(created.metadata?.resourceVersion));

  const patched = await core.patchNamespacedConfigMap(
    { name: 'cm1', namespace: 'e2e', body: { data: { extra: null, more: 'y' } } },
    k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
  );
  assert.deepEqual(patched.data, { k: 'v2', more: 'y' });

  const list = await core.listNamespacedConfigMap({ namespace: 'e2e' });
  assert.deepEqual(
    list.items.map((i) => i.metadata?.name),
    ['cm1'],
  );
  assert.ok(Number(list.metadata?.resourceVersion) >= Number(patched.metadata?.resourceVersion));

  const del = await core.deleteNamespacedConfigMap({ name: 'cm1', namespace: 'e2e' });
  assert.equal(del.status, 'Success');
  assert.equal(del.details?.name, 'cm1');
  assert.equal(del.details?.kind, 'configmaps');
  assert.equal(del.details?.uid, created.metadata?.uid);
  const missing = await failure(core.readNamespacedConfigMap({ name: 'cm1', namespace: 'e2e' }));
  assert.equal(missing.code, 404);
  assert.equal(missing.status.reason, 'NotFound');
  assert.equal(missing.status.message, 'configmaps "cm1" not found');
  assert.deepEqual(missing.status.details, { name: 'cm1', kind: 'configmaps' });
});

test('a stale update gets 409 Conflict and leaves the object unchanged', async () => {
  const v1 = await core.createNamespacedConfigMap({ namespace: 'e2e', body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'race' }, data: { n: '1' } } });
  const stale = structuredClone(v1);
  const v2 = await core.replaceNamespacedConfigMap({ name: 'race', namespace: 'e2e', body: { ...v1, data: { n: '2' } } });
  stale.data = { n: '3' };
  const conflict = await failure(core.replaceNamespacedConfigMap({ name: 'race', namespace: 'e2e', body: stale }));
  assert.equal(conflict.code, 409);
  assert.equal(conflict.status.kind, 'Status');
  assert.equal(conflict.status.reason, 'Conflict');
  assert.equal(
    conflict.status.message,
    'Operation cannot be fulfilled on configmaps "race": the object has been modified; please apply your changes to the latest version and try again',
  );
  const now = await core.readNamespacedConfigMap({ name: 'race', namespace: 'e2e' });
  assert.deepEqual(now.data, { n: '2' });
  assert.equal(now.metadata?.resourceVersion, v2.metadata?.resourceVersion);
});

test('Deployment CRUD with defaults, strategic merge patch, scale and delete', async () => {
  const body: k8s.V1Deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] } },
    },
  };
  const created = await apps.createNamespacedDeployment({ namespace: 'e2e', body });
  assert.equal(created.spec?.strategy?.type, 'RollingUpdate');
  assert.equal(created.spec?.strategy?.rollingUpdate?.maxSurge, '25%');
  assert.equal(created.spec?.strategy?.rollingUpdate?.maxUnavailable, '25%');
  assert.equal(created.spec?.revisionHistoryLimit, 10);
  assert.equal(created.spec?.progressDeadlineSeconds, 600);
  assert.equal(created.metadata?.generation, 1);
  const c0 = created.spec?.template.spec?.containers[0];
  assert.equal(c0?.terminationMessagePath, '/dev/termination-log');
  assert.equal(c0?.imagePullPolicy, 'IfNotPresent');
  assert.equal(c0?.ports?.[0]?.protocol, 'TCP');

  const invalid = await failure(
    apps.createNamespacedDeployment({ namespace: 'e2e', body: { ...body, metadata: { name: 'Bad_Name' } } }),
  );
  assert.equal(invalid.code, 422);
  assert.equal(invalid.status.reason, 'Invalid');

  const patched = await apps.patchNamespacedDeployment(
    { name: 'web', namespace: 'e2e', body: { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } } } } },
    k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.StrategicMergePatch),
  );
  const pc = patched.spec?.template.spec?.containers ?? [];
  assert.equal(pc.length, 1);
  assert.equal(pc[0]?.image, 'nginx:1.28');
  assert.equal(pc[0]?.ports?.[0]?.containerPort, 80, 'strategic merge keeps the other container fields');
  assert.equal(patched.metadata?.generation, 2);

  const jsonPatched = await apps.patchNamespacedDeployment({
    name: 'web',
    namespace: 'e2e',
    body: [{ op: 'replace', path: '/spec/replicas', value: 3 }],
  });
  assert.equal(jsonPatched.spec?.replicas, 3);

  const scale = await apps.readNamespacedDeploymentScale({ name: 'web', namespace: 'e2e' });
  assert.equal(scale.spec?.replicas, 3);
  assert.equal(scale.status?.selector, 'app=web');
  scale.spec = { replicas: 5 };
  const scaled = await apps.replaceNamespacedDeploymentScale({ name: 'web', namespace: 'e2e', body: scale });
  assert.equal(scaled.spec?.replicas, 5);

  const got = await apps.readNamespacedDeployment({ name: 'web', namespace: 'e2e' });
  assert.equal(got.spec?.replicas, 5);
  got.spec!.paused = true;
  const replaced = await apps.replaceNamespacedDeployment({ name: 'web', namespace: 'e2e', body: got });
  assert.equal(replaced.spec?.paused, true);

  const all = await apps.listDeploymentForAllNamespaces();
  assert.deepEqual(
    all.items.map((d) => `${d.metadata?.namespace}/${d.metadata?.name}`),
    ['e2e/web'],
  );

  await apps.deleteNamespacedDeployment({ name: 'web', namespace: 'e2e', propagationPolicy: 'Foreground' });
  // Foreground deletion leaves the object with a finalizer for the garbage collector.
  const deleting = await apps.readNamespacedDeployment({ name: 'web', namespace: 'e2e' });
  assert.ok(deleting.metadata?.deletionTimestamp instanceof Date);
  assert.deepEqual(deleting.metadata?.finalizers, ['foregroundDeletion']);
});

test('list with label selectors (equality and set-based)', async () => {
  const rows: Array<[string, Record<string, string>]> = [
    ['web-prod', { tier: 'web', env: 'prod' }],
    ['web-dev', { tier: 'web', env: 'dev' }],
    ['db-prod', { tier: 'db', env: 'prod' }],
    ['cache', { tier: 'cache' }],
    ['plain', {}],
  ];
  for (const [name, labels] of rows) await core.createNamespacedConfigMap({ namespace: 'labels', body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels } } });
  const cases: Array<[string, string[]]> = [
    ['', ['cache', 'db-prod', 'plain', 'web-dev', 'web-prod']],
    ['tier=web', ['web-dev', 'web-prod']],
    ['tier==web,env=prod', ['web-prod']],
    ['tier!=web', ['cache', 'db-prod', 'plain']],
    ['env in (prod,staging)', ['db-prod', 'web-prod']],
    ['env notin (prod)', ['cache', 'plain', 'web-dev']],
    ['env', ['db-prod', 'web-dev', 'web-prod']],
    ['!env', ['cache', 'plain']],
    ['tier in (web,db),!missing', ['db-prod', 'web-dev', 'web-prod']],
    ['tier=nothing', []],
  ];
  for (const [sel, want] of cases) {
    const list = await core.listNamespacedConfigMap({ namespace: 'labels', labelSelector: sel || undefined });
    assert.deepEqual(list.items.map((i) => i.metadata?.name).sort(), want, `labelSelector ${JSON.stringify(sel)}`);
  }
  const paged = await core.listNamespacedConfigMap({ namespace: 'labels', labelSelector: 'tier', limit: 2 });
  assert.equal(paged.items.length, 2);
  assert.ok(paged.metadata?._continue);
  const rest = await core.listNamespacedConfigMap({ namespace: 'labels', labelSelector: 'tier', limit: 2, _continue: paged.metadata?._continue });
  assert.deepEqual([...paged.items, ...rest.items].map((i) => i.metadata?.name), ['cache', 'db-prod', 'web-dev', 'web-prod']);

  const bad = await failure(core.listNamespacedConfigMap({ namespace: 'labels', labelSelector: 'a in (' }));
  assert.equal(bad.code, 400);
  assert.equal(bad.status.reason, 'BadRequest');
});

test('an informer survives 410 Gone: it lists again and its cache converges', async () => {
  const ns = 'inf';
  let lists = 0;
  const informer = k8s.makeInformer(kc, `/api/v1/namespaces/${ns}/configmaps`, () => {
    lists++;
    return core.listNamespacedConfigMap({ namespace: ns });
  });
  const errors: unknown[] = [];
  const seen: string[] = [];
  informer.on('error', (e) => errors.push(e));
  informer.on('add', (o) => seen.push(`add ${o.metadata?.name}`));
  informer.on('update', (o) => seen.push(`update ${o.metadata?.name}`));
  informer.on('delete', (o) => seen.push(`delete ${o.metadata?.name}`));
  const cacheState = () =>
    Object.fromEntries(
      informer
        .list(ns)
        .map((o) => [o.metadata!.name!, JSON.stringify((o as k8s.V1ConfigMap).data ?? {})])
        .sort(),
    );
  const serverState = async () =>
    Object.fromEntries(
      (await core.listNamespacedConfigMap({ namespace: ns })).items.map((o) => [o.metadata!.name!, JSON.stringify(o.data ?? {})]).sort(),
    );
  const watchers = cluster.storage.listenerCount();
  try {
    await core.createNamespacedConfigMap({ namespace: ns, body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { v: '1' } } });
    await informer.start();
    assert.equal(lists, 1);
    assert.deepEqual(cacheState(), { a: '{"v":"1"}' });
    await waitFor('the watch to be registered', () => cluster.storage.listenerCount() > watchers);
    for (const name of ['b', 'c']) await core.createNamespacedConfigMap({ namespace: ns, body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { v: '1' } } });
    await waitFor('watch events for b and c', () => informer.list(ns).length === 3);
    assert.deepEqual(seen, ['add a', 'add b', 'add c']);
    // The informer resumes from the resourceVersion of the last event it saw: the newest in its cache.
    const informerRv = Math.max(...informer.list(ns).map((o) => Number(o.metadata?.resourceVersion)));

    // All in one synchronous step, so the informer cannot reconnect in between: the server's watch
    // timeout (30-60 minutes) fires and ends the stream; changes land while the informer is away;
    // the history window passes and compaction drops them.
    const rc = cluster.client.resource('', 'configmaps');
    clock.step(2 * 60 * 60_000);
    const b = rc.get(ns, 'b');
    rc.update(ns, { ...b, data: { v: '2' } });
    rc.delete(ns, 'c');
    rc.create(ns, { metadata: { name: 'd' }, data: { v: '1' } }); // the in-process client fills in apiVersion and kind
    clock.step(historyWindowMs + 1000);
    const compacted = cluster.storage.compact();
    assert.ok(compacted > informerRv, `compacted ${compacted} > informer's resourceVersion ${informerRv}`);

    // The informer reconnects from its old resourceVersion, gets an ERROR 410 event, lists again.
    await waitFor('a re-list', () => lists === 2);
    const want = { a: '{"v":"1"}', b: '{"v":"2"}', d: '{"v":"1"}' };
    await waitFor('the cache to converge', () => JSON.stringify(cacheState()) === JSON.stringify(want));
    assert.deepEqual(await serverState(), want);
    assert.deepEqual(seen.slice(3).sort(), ['add d', 'delete c', 'update b']);
    assert.deepEqual(errors, [], '410 is handled by re-listing, not reported as an error');

    // And it watches again from the new list: later changes arrive as events, with no further list.
    await waitFor('the new watch', () => cluster.storage.listenerCount() > watchers, 5000);
    await core.createNamespacedConfigMap({ namespace: ns, body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'e' }, data: { v: '1' } } });
    await core.deleteNamespacedConfigMap({ name: 'a', namespace: ns });
    await waitFor('events after the re-list', () => informer.get('e', ns) !== undefined && informer.get('a', ns) === undefined);
    assert.deepEqual(cacheState(), await serverState());
    assert.equal(lists, 2);
    assert.deepEqual(errors, []);
  } finally {
    await informer.stop();
  }
});
