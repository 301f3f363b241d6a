/**
 * Real kubectl get: server-side tables (default, wide, -A, --show-labels, ages from the cluster clock),
 * every -o format, label selectors (equality and set-based), field selectors, and get -w.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import yaml from 'js-yaml';
import { apiServerOnly, skipReason, startKubectlEnv, tableHeader, tableRows, type KubectlEnv } from '../helpers/kubectl.js';

const cm = (name: string, namespace: string, labels: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, labels }, data: { k: name } });

const manifests = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } },
  cm('front', 'default', { tier: 'frontend', env: 'prod' }),
  cm('back', 'default', { tier: 'backend', env: 'dev' }),
  cm('plain', 'default', {}),
  cm('elsewhere', 'other', { tier: 'frontend' }),
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }, { name: 'sidecar', image: 'busybox:1.36' }] },
      },
    },
  },
];

describe('kubectl get', { skip: skipReason }, () => {
  let k: KubectlEnv;
  before(async () => {
    // The nodes' kubelets (heartbeats) make them Ready: bootstrap registers them without conditions.
    k = await startKubectlEnv({ cluster: { ...apiServerOnly, nodeHeartbeats: true } });
    // Multi-document YAML (a kind: List is covered below and in kubectl-openapi-v2.test.ts).
    await k.ok(['apply', '-f', '-'], { stdin: manifests.map((m) => yaml.dump(m)).join('---\n') });
  });
  after(async () => {
    await k?.stop();
  });

  const names = (out: string) => out.trim().split('\n').filter(Boolean);

  test('default table: upstream columns, server-rendered cells, ages from the cluster clock', async () => {
    const out = await k.ok(['get', 'deployments']);
    assert.deepEqual(tableRows(out), [
      ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
      ['web', '0/3', '0', '0', '0s'],
    ]);
    k.clock.step(5 * 60_000 + 10_000);
    const later = await k.ok(['get', 'deploy', 'web']);
    assert.deepEqual(tableRows(later)[1], ['web', '0/3', '0', '0', '5m10s']);
    const cms = await k.ok(['get', 'cm']);
    assert.deepEqual(tableRows(cms), [
      ['NAME', 'DATA', 'AGE'],
      ['back', '1', '5m10s'],
      ['front', '1', '5m10s'],
      ['plain', '1', '5m10s'],
    ]);
    const nodes = await k.ok(['get', 'nodes']);
    assert.deepEqual(tableHeader(nodes), ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION']);
    assert.deepEqual(tableRows(nodes)[1]!.slice(0, 3), ['kubemu-control-plane', 'Ready', 'control-plane']);
    const empty = await k.run(['get', 'pods']);
    assert.deepEqual([empty.code, empty.stdout, empty.stderr], [0, '', 'No resources found in default namespace.\n']);
  });

  test('-o wide adds the priority-1 columns', async () => {
    const out = await k.ok(['get', 'deploy', '-o', 'wide']);
    assert.deepEqual(tableRows(out), [
      ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR'],
      ['web', '0/3', '0', '0', '5m10s', 'nginx,sidecar', 'nginx:1.27,busybox:1.36', 'app=web'],
    ]);
    const nodes = await k.ok(['get', 'no', '-o', 'wide']);
    assert.deepEqual(tableHeader(nodes), ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', 'INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME']);
    const svc = await k.ok(['get', 'svc', '-o', 'wide']);
    assert.deepEqual(tableHeader(svc), ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', 'SELECTOR']);
  });

  test('-A adds NAMESPACE; --show-labels adds LABELS', async () => {
    const all = await k.ok(['get', 'cm', '-A']);
    assert.deepEqual(tableRows(all), [
      ['NAMESPACE', 'NAME', 'DATA', 'AGE'],
      ['default', 'back', '1', '5m10s'],
      ['default', 'front', '1', '5m10s'],
      ['default', 'plain', '1', '5m10s'],
      ['other', 'elsewhere', '1', '5m10s'],
    ]);
    const labels = await k.ok(['get', 'cm', '--show-labels']);
    assert.deepEqual(tableRows(labels), [
      ['NAME', 'DATA', 'AGE', 'LABELS'],
      ['back', '1', '5m10s', 'env=dev,tier=backend'],
      ['front', '1', '5m10s', 'env=prod,tier=frontend'],
      ['plain', '1', '5m10s', '<none>'],
    ]);
    const both = await k.ok(['get', 'ns', 'other', '--show-labels']);
    assert.deepEqual(tableRows(both)[1], ['other', 'Active', '5m10s', 'kubernetes.io/metadata.name=other']);
    const cols = await k.ok(['get', 'cm', '-L', 'tier,env']);
    assert.deepEqual(tableRows(cols)[0], ['NAME', 'DATA', 'AGE', 'TIER', 'ENV']);
    assert.deepEqual(tableRows(cols)[2], ['front', '1', '5m10s', 'frontend', 'prod']);
  });

  test('-o yaml and -o json print the stored objects (a List for many)', async () => {
    const one = yaml.load(await k.ok(['get', 'cm', 'front', '-o', 'yaml'])) as any;
    assert.equal(one.kind, 'ConfigMap');
    assert.equal(one.apiVersion, 'v1');
    assert.deepEqual(one.data, { k: 'front' });
    assert.match(one.metadata.uid, /^[0-9a-f-]{36}$/);
    assert.equal(one.metadata.creationTimestamp, '2024-01-01T00:00:00Z');
    assert.ok(one.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']);
    const list = JSON.parse(await k.ok(['get', 'cm', '-o', 'json']));
    assert.equal(list.kind, 'List');
    assert.deepEqual(list.items.map((i: any) => i.metadata.name), ['back', 'front', 'plain']);
    assert.ok(list.items.every((i: any) => i.kind === 'ConfigMap' && i.apiVersion === 'v1'));
    const d = yaml.load(await k.ok(['get', 'deploy', 'web', '-o', 'yaml'])) as any;
    assert.equal(d.apiVersion, 'apps/v1');
    assert.equal(d.spec.template.spec.containers[1].image, 'busybox:1.36');
  });

  test('-o name, jsonpath, custom-columns, go-template', async () => {
    assert.deepEqual(names(await k.ok(['get', 'cm', '-o', 'name'])), ['configmap/back', 'configmap/front', 'configmap/plain']);
    assert.deepEqual(names(await k.ok(['get', 'deploy', '-o', 'name'])), ['deployment.apps/web']);
    assert.equal(await k.ok(['get', 'cm', '-o', 'jsonpath={.items[*].metadata.name}']), 'back front plain');
    assert.equal(await k.ok(['get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.spec.containers[*].image}']), 'nginx:1.27 busybox:1.36');
    assert.equal(
      await k.ok(['get', 'cm', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.metadata.labels.tier}{"\\n"}{end}']),
      'back=backend\nfront=frontend\nplain=\n',
    );
    const cc = await k.ok(['get', 'cm', '-o', 'custom-columns=NAME:.metadata.name,TIER:.metadata.labels.tier,DATA:.data.k']);
    assert.deepEqual(tableRows(cc), [
      ['NAME', 'TIER', 'DATA'],
      ['back', 'backend', 'back'],
      ['front', 'frontend', 'front'],
      ['plain', '<none>', 'plain'],
    ]);
    assert.equal(await k.ok(['get', 'cm', '-o', 'go-template={{range .items}}{{.metadata.name}}:{{len .data}} {{end}}']), 'back:1 front:1 plain:1 ');
    assert.equal(await k.ok(['get', 'deploy', 'web', '-o', 'go-template={{.spec.replicas}}/{{.metadata.generation}}']), '3/1');
  });

  test('-l with equality and set-based selectors', async () => {
    const sel = async (s: string, extra: string[] = []) => names(await k.ok(['get', 'cm', '-o', 'name', '-l', s, ...extra]));
    assert.deepEqual(await sel('tier=frontend'), ['configmap/front']);
    assert.deepEqual(await sel('tier==backend'), ['configmap/back']);
    assert.deepEqual(await sel('tier!=frontend'), ['configmap/back', 'configmap/plain']);
    assert.deepEqual(await sel('tier in (frontend,backend)'), ['configmap/back', 'configmap/front']);
    assert.deepEqual(await sel('tier notin (frontend)'), ['configmap/back', 'configmap/plain']);
    assert.deepEqual(await sel('tier'), ['configmap/back', 'configmap/front']);
    assert.deepEqual(await sel('!tier'), ['configmap/plain']);
    assert.deepEqual(await sel('tier,env=prod'), ['configmap/front']);
    assert.deepEqual(await sel('tier in (frontend)', ['-A']), ['configmap/front', 'configmap/elsewhere']);
    const none = await k.run(['get', 'cm', '-l', 'tier=none']);
    assert.deepEqual([none.code, none.stdout, none.stderr], [0, '', 'No resources found in default namespace.\n']);
    const bad = await k.run(['get', 'cm', '-l', 'tier in frontend']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /unable to parse requirement|found 'frontend', expected: '\('/);
  });

  test('--field-selector on metadata and kind-specific fields', async () => {
    const fs = async (s: string, what = 'cm', extra: string[] = []) => names(await k.ok(['get', what, '-o', 'name', '--field-selector', s, ...extra]));
    assert.deepEqual(await fs('metadata.name=front'), ['configmap/front']);
    assert.deepEqual(await fs('metadata.name==back'), ['configmap/back']);
    assert.deepEqual(await fs('metadata.name!=front'), ['configmap/back', 'configmap/plain']);
    assert.deepEqual(await fs('metadata.namespace=other', 'cm', ['-A']), ['configmap/elsewhere']);
    assert.deepEqual(await fs('metadata.name!=front,metadata.name!=back'), ['configmap/plain']);
    assert.deepEqual(await fs('status.phase=Active', 'ns'), ['namespace/default', 'namespace/kube-node-lease', 'namespace/kube-public', 'namespace/kube-system', 'namespace/other']);
    assert.deepEqual(await fs('spec.unschedulable=false', 'nodes'), ['node/kubemu-control-plane', 'node/node1', 'node/node2']);
    const bad = await k.run(['get', 'cm', '--field-selector', 'spec.nope=x']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /^Error from server \(BadRequest\): Unable to find "\/v1, Resource=configmaps" that match label selector "", field selector "spec\.nope=x": "spec\.nope" is not a known field selector: only "metadata\.name", "metadata\.namespace"$/m);
  });

  test('--chunk-size follows continue tokens; --sort-by gets full objects; get all uses the "all" category', async () => {
    const chunked = await k.run(['get', 'cm', '--chunk-size=1', '-v=6']);
    assert.equal(chunked.code, 0, chunked.stderr);
    assert.deepEqual(tableRows(chunked.stdout).map((r) => r[0]), ['NAME', 'back', 'front', 'plain']);
    const requests = chunked.stderr.split('\n').filter((l) => / GET .*\/configmaps\?/.test(l));
    assert.equal(requests.length, 3, requests.join('\n'));
    assert.match(requests[1]!, /continue=/);
    const sorted = await k.ok(['get', 'cm', '--sort-by=.metadata.labels.tier', '-o', 'name']);
    assert.deepEqual(names(sorted), ['configmap/plain', 'configmap/back', 'configmap/front']);
    const byData = await k.ok(['get', 'cm', '--sort-by={.data.k}', '-L', 'tier']);
    assert.deepEqual(tableRows(byData).map((r) => r[0]), ['NAME', 'back', 'front', 'plain']);
    const all = await k.ok(['get', 'all']);
    assert.match(all, /^service\/kubernetes\s+ClusterIP\s+10\.96\.0\.1\s+<none>\s+443\/TCP\s+\S+$/m);
    assert.match(all, /^deployment\.apps\/web\s+0\/3\s+0\s+0\s+\S+$/m);
    assert.doesNotMatch(all, /configmap/);
  });

  // kubectl validates a v1 List client-side, against the model it builds from /openapi/v2 (protobuf).
  test('apply -f of a kind: List validates its items', async () => {
    const list = { apiVersion: 'v1', kind: 'List', items: [cm('in-list', 'default', { from: 'list' })] };
    assert.equal(await k.ok(['apply', '-f', '-'], { stdin: JSON.stringify(list) }), 'configmap/in-list created\n');
  });

  test('get -w prints ADDED, MODIFIED and DELETED events as they happen', async () => {
    await k.ok(['create', 'cm', 'w0', '--from-literal=a=1']);
    await k.ok(['label', 'cm', 'w0', 'watch=me']);
    const w = k.spawn(['get', 'cm', '-w', '--output-watch-events', '-l', 'watch=me']);
    try {
      // The list comes first (as ADDED), then the watch from the list's resourceVersion.
      await w.waitFor(/^ADDED\s+w0\s+1\s+\d+s$/m);
      await k.ok(['create', 'cm', 'w1', '--from-literal=a=1']);
      await k.ok(['label', 'cm', 'w1', 'watch=me']);
      await w.waitFor(/^ADDED\s+w1\s+1\s+\d+s$/m);
      await k.ok(['patch', 'cm', 'w1', '--type=merge', '-p', '{"data":{"b":"2"}}']);
      await w.waitFor(/^MODIFIED\s+w1\s+2\s+\d+s$/m);
      await k.ok(['delete', 'cm', 'w1']);
      await w.waitFor(/^DELETED\s+w1\s+2\s+\d+s$/m);
      // Leaving the selector is a DELETED too.
      await k.ok(['label', 'cm', 'w0', 'watch-']);
      const out = await w.waitFor(/^DELETED\s+w0\s+1\s+\d+s$/m);
      const rows = tableRows(out);
      assert.deepEqual(rows[0], ['EVENT', 'NAME', 'DATA', 'AGE']);
      assert.deepEqual(rows.slice(1).map((r) => `${r[0]} ${r[1]}`), ['ADDED w0', 'ADDED w1', 'MODIFIED w1', 'DELETED w1', 'DELETED w0']);
    } finally {
      await w.stop();
    }
  });

  test('get NAME -w shows the current row, then each change', async () => {
    await k.ok(['create', 'cm', 'w2', '--from-literal=a=1']);
    const w = k.spawn(['get', 'cm', 'w2', '-w']);
    try {
      await w.waitFor(/^w2\s+1\s+\d+s$/m);
      await k.ok(['patch', 'cm', 'w2', '-p', '{"data":{"b":"2"}}']);
      const out = await w.waitFor(/^w2\s+2\s+\d+s$/m);
      assert.deepEqual(tableRows(out).map((r) => r.slice(0, 2)), [
        ['NAME', 'DATA'],
        ['w2', '1'],
        ['w2', '2'],
      ]);
    } finally {
      await w.stop();
    }
  });
});
