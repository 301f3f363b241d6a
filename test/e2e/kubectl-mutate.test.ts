/**
 * Real kubectl commands that change objects: label/annotate, scale (the /scale subresource), patch of
 * every type, edit with a scripted editor, and delete (with --wait).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { apiServerOnly, skipReason, startKubectlEnv, type KubectlEnv } from '../helpers/kubectl.js';

describe('kubectl label, annotate, scale, patch, edit, delete', { skip: skipReason }, () => {
  let k: KubectlEnv;
  const getJson = async (...args: string[]) => JSON.parse(await k.ok(['get', ...args, '-o', 'json']));
  before(async () => {
    k = await startKubectlEnv({ cluster: apiServerOnly });
    await k.ok(['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2']);
    await k.ok(['create', 'configmap', 'cfg', '--from-literal=a=1']);
  });
  after(async () => {
    await k?.stop();
  });

  test('label: add, refuse to overwrite without --overwrite, overwrite, remove with key-', async () => {
    assert.equal(await k.ok(['label', 'deploy', 'web', 'tier=frontend', 'team=a']), 'deployment.apps/web labeled\n');
    assert.deepEqual((await getJson('deploy', 'web')).metadata.labels, { app: 'web', tier: 'frontend', team: 'a' });
    const refused = await k.run(['label', 'deploy', 'web', 'tier=backend']);
    assert.equal(refused.code, 1);
    assert.equal(refused.stderr.trim(), "error: 'tier' already has a value (frontend), and --overwrite is false");
    assert.equal(await k.ok(['label', 'deploy', 'web', 'tier=backend', '--overwrite']), 'deployment.apps/web labeled\n');
    assert.equal(await k.ok(['label', 'deploy', 'web', 'tier-', 'team-']), 'deployment.apps/web unlabeled\n');
    assert.deepEqual((await getJson('deploy', 'web')).metadata.labels, { app: 'web' });
    assert.equal(await k.ok(['label', 'deploy', 'web', 'app=web']), 'deployment.apps/web not labeled\n');
    const invalid = await k.run(['label', 'cm', 'cfg', 'bad key=x']);
    assert.equal(invalid.code, 1);
    // Labels on many objects at once, by selector.
    assert.equal(await k.ok(['label', 'nodes', '--all', 'zone=z1']), 'node/kubemu-control-plane labeled\nnode/node1 labeled\nnode/node2 labeled\n');
    assert.equal(await k.ok(['get', 'nodes', '-l', 'zone=z1', '-o', 'name']), 'node/kubemu-control-plane\nnode/node1\nnode/node2\n');
  });

  test('annotate: add, overwrite, remove', async () => {
    assert.equal(await k.ok(['annotate', 'cm', 'cfg', 'note=hello world']), 'configmap/cfg annotated\n');
    assert.equal((await getJson('cm', 'cfg')).metadata.annotations.note, 'hello world');
    const refused = await k.run(['annotate', 'cm', 'cfg', 'note=again']);
    assert.equal(refused.code, 1);
    assert.equal(refused.stderr.trim(), "error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (hello world)");
    assert.equal(await k.ok(['annotate', 'cm', 'cfg', 'note=again', '--overwrite']), 'configmap/cfg annotated\n');
    assert.equal(await k.ok(['annotate', 'cm', 'cfg', 'note-']), 'configmap/cfg annotated\n');
    assert.equal((await getJson('cm', 'cfg')).metadata.annotations, undefined);
  });

  test('scale goes through /scale; --current-replicas is a precondition', async () => {
    assert.equal(await k.ok(['scale', 'deploy', 'web', '--replicas=5']), 'deployment.apps/web scaled\n');
    const d = await getJson('deploy', 'web');
    assert.equal(d.spec.replicas, 5);
    assert.equal(d.metadata.generation, 2);
    assert.equal(await k.ok(['scale', 'deploy', 'web', '--current-replicas=5', '--replicas=1']), 'deployment.apps/web scaled\n');
    assert.equal((await getJson('deploy', 'web')).spec.replicas, 1);
    const pre = await k.run(['scale', 'deploy', 'web', '--current-replicas=3', '--replicas=2']);
    assert.equal(pre.code, 1);
    assert.equal(pre.stderr.trim(), 'error: Expected replicas to be 3, was 1');
    const neg = await k.run(['scale', 'deploy', 'web', '--replicas=-1']);
    assert.equal(neg.code, 1);
    assert.match(neg.stderr, /The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0/);
    const cm = await k.run(['scale', 'cm', 'cfg', '--replicas=1']);
    assert.equal(cm.code, 1);
    assert.match(cm.stderr, /could not find the requested resource|the server could not find|no scaler has been implemented/);
  });

  test('patch --type strategic (the default) merges containers by name', async () => {
    const p = JSON.stringify({ spec: { template: { spec: { containers: [{ name: 'sidecar', image: 'busybox:1.36' }] } } } });
    assert.equal(await k.ok(['patch', 'deploy', 'web', '-p', p]), 'deployment.apps/web patched\n');
    let d = await getJson('deploy', 'web');
    assert.deepEqual(d.spec.template.spec.containers.map((c: any) => `${c.name}=${c.image}`), ['sidecar=busybox:1.36', 'nginx=nginx:1.27']);
    const env = JSON.stringify({ spec: { template: { spec: { containers: [{ name: 'nginx', env: [{ name: 'X', value: '1' }] }] } } } });
    assert.equal(await k.ok(['patch', 'deploy', 'web', '--type', 'strategic', '-p', env]), 'deployment.apps/web patched\n');
    d = await getJson('deploy', 'web');
    const nginx = d.spec.template.spec.containers.find((c: any) => c.name === 'nginx');
    assert.deepEqual([nginx.image, nginx.env], ['nginx:1.27', [{ name: 'X', value: '1' }]]);
    const del = JSON.stringify({ spec: { template: { spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] } } } });
    assert.equal(await k.ok(['patch', 'deploy', 'web', '-p', del]), 'deployment.apps/web patched\n');
    d = await getJson('deploy', 'web');
    assert.deepEqual(d.spec.template.spec.containers.map((c: any) => c.name), ['nginx']);
    // The same patch again changes nothing.
    assert.equal(await k.ok(['patch', 'deploy', 'web', '-p', env]), 'deployment.apps/web patched (no change)\n');
  });

  test('patch --type merge replaces lists and deletes keys with null', async () => {
    assert.equal(await k.ok(['patch', 'cm', 'cfg', '--type', 'merge', '-p', '{"data":{"a":null,"b":"2"},"metadata":{"labels":{"m":"1"}}}']), 'configmap/cfg patched\n');
    const cm = await getJson('cm', 'cfg');
    assert.deepEqual(cm.data, { b: '2' });
    assert.equal(cm.metadata.labels.m, '1');
    const p = JSON.stringify({ spec: { template: { spec: { containers: [{ name: 'only', image: 'redis:7' }] } } } });
    assert.equal(await k.ok(['patch', 'deploy', 'web', '--type=merge', '-p', p]), 'deployment.apps/web patched\n');
    const d = await getJson('deploy', 'web');
    assert.deepEqual(d.spec.template.spec.containers.map((c: any) => c.name), ['only']);
    // Defaults are applied to the merged result.
    assert.equal(d.spec.template.spec.containers[0].imagePullPolicy, 'IfNotPresent');
  });

  test('patch --type json: add, replace, remove, test', async () => {
    const ops = [
      { op: 'replace', path: '/spec/replicas', value: 3 },
      { op: 'add', path: '/metadata/labels/json', value: 'yes' },
      { op: 'add', path: '/spec/template/spec/containers/-', value: { name: 'extra', image: 'busybox' } },
    ];
    assert.equal(await k.ok(['patch', 'deploy', 'web', '--type', 'json', '-p', JSON.stringify(ops)]), 'deployment.apps/web patched\n');
    let d = await getJson('deploy', 'web');
    assert.equal(d.spec.replicas, 3);
    assert.equal(d.metadata.labels.json, 'yes');
    assert.deepEqual(d.spec.template.spec.containers.map((c: any) => c.name), ['only', 'extra']);
    const rm = [{ op: 'test', path: '/spec/replicas', value: 3 }, { op: 'remove', path: '/spec/template/spec/containers/1' }];
    assert.equal(await k.ok(['patch', 'deploy', 'web', '--type=json', '-p', JSON.stringify(rm)]), 'deployment.apps/web patched\n');
    d = await getJson('deploy', 'web');
    assert.deepEqual(d.spec.template.spec.containers.map((c: any) => c.name), ['only']);
    const failed = await k.run(['patch', 'deploy', 'web', '--type=json', '-p', JSON.stringify([{ op: 'test', path: '/spec/replicas', value: 9 }])]);
    assert.equal(failed.code, 1);
    // Upstream answers json-patch apply errors with NewGenericServerResponse(422, ...), which drops the text.
    assert.equal(failed.stderr, 'The request is invalid: the server rejected our request due to an error in our request\n');
    const invalid = await k.run(['patch', 'deploy', 'web', '--type=json', '-p', JSON.stringify([{ op: 'replace', path: '/spec/replicas', value: -2 }])]);
    assert.equal(invalid.code, 1);
    assert.match(invalid.stderr, /The Deployment "web" is invalid: spec\.replicas: Invalid value: -2: must be greater than or equal to 0/);
    assert.equal((await getJson('deploy', 'web')).spec.replicas, 3);
  });

  test('edit with a scripted editor: GET, edit, strategic patch; no change cancels', async () => {
    const editor = k.file('editor.sh', '#!/bin/sh\nsed -i -e "s/replicas: 3/replicas: 4/" -e "s/image: redis:7/image: redis:7.2/" "$1"\n', 0o755);
    const r = await k.run(['edit', 'deploy', 'web'], { env: { KUBE_EDITOR: editor } });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'deployment.apps/web edited\n');
    const d = await getJson('deploy', 'web');
    assert.equal(d.spec.replicas, 4);
    assert.equal(d.spec.template.spec.containers[0].image, 'redis:7.2');
    const noop = k.file('noop.sh', '#!/bin/sh\ntrue\n', 0o755);
    const r2 = await k.run(['edit', 'cm', 'cfg'], { env: { EDITOR: noop } });
    assert.equal(r2.code, 0, r2.stderr);
    assert.equal(r2.stderr, 'Edit cancelled, no changes made.\n');
    // An invalid edit is rejected and the file kept for the user.
    const bad = k.file('bad.sh', '#!/bin/sh\nsed -i -e "s/replicas: 4/replicas: -4/" "$1"\n', 0o755);
    const r3 = await k.run(['edit', 'deploy', 'web'], { env: { KUBE_EDITOR: bad } });
    assert.equal(r3.code, 1);
    // The editor is reopened with the reasons as comments; the same content again cancels the edit.
    const copy = /^A copy of your changes has been stored to "(.+)"$/m.exec(r3.stderr)?.[1];
    assert.equal(r3.stderr, `error: deployments.apps "web" is invalid\nA copy of your changes has been stored to "${copy}"\nerror: Edit cancelled, no valid changes were saved.\n`);
    const kept = readFileSync(copy!, 'utf8');
    assert.match(kept, /^# deployments\.apps "web" was not valid:\n# \* spec\.replicas: Invalid value: -4: must be greater than or equal to 0$/m);
    assert.match(kept, /^ {2}replicas: -4$/m);
    assert.equal((await getJson('deploy', 'web')).spec.replicas, 4);
  });

  test('delete (with --wait) removes objects; NotFound and --ignore-not-found', async () => {
    await k.ok(['create', 'configmap', 'd1']);
    await k.ok(['create', 'configmap', 'd2']);
    await k.ok(['label', 'cm', 'd1', 'd2', 'del=yes']);
    assert.equal(await k.ok(['delete', 'cm', 'cfg', '--wait=true']), 'configmap "cfg" deleted\n');
    assert.equal(await k.ok(['delete', 'cm', '-l', 'del=yes']), 'configmap "d1" deleted\nconfigmap "d2" deleted\n');
    assert.equal(await k.ok(['delete', 'deployment', 'web', '--wait', '--timeout=10s']), 'deployment.apps "web" deleted\n');
    assert.equal(await k.ok(['delete', 'node', 'node2']), 'node "node2" deleted\n');
    assert.equal(await k.ok(['get', 'nodes', '-o', 'name']), 'node/kubemu-control-plane\nnode/node1\n');
    const nf = await k.run(['delete', 'cm', 'cfg']);
    assert.equal(nf.code, 1);
    assert.equal(nf.stderr.trim(), 'Error from server (NotFound): configmaps "cfg" not found');
    assert.deepEqual(await k.run(['delete', 'cm', 'cfg', '--ignore-not-found']), { code: 0, stdout: '', stderr: '' });
    const none = await k.run(['get', 'cm,deploy']);
    assert.equal(none.stdout, '');
    assert.equal(none.stderr, 'No resources found in default namespace.\n');
    // --dry-run=server deletes nothing.
    await k.ok(['create', 'configmap', 'keep']);
    assert.equal(await k.ok(['delete', 'cm', 'keep', '--dry-run=server']), 'configmap "keep" deleted (server dry run)\n');
    assert.equal(await k.ok(['get', 'cm', 'keep', '-o', 'name']), 'configmap/keep\n');
  });

  test('delete --wait follows a finalizer until it is removed', async () => {
    await k.ok(['create', 'configmap', 'held']);
    await k.ok(['patch', 'cm', 'held', '--type=merge', '-p', '{"metadata":{"finalizers":["example.com/hold"]}}']);
    const del = k.spawn(['delete', 'cm', 'held', '--wait', '--timeout=20s']);
    try {
      // The object stays, terminating, while the finalizer is there.
      await del.waitFor('configmap "held" deleted');
      const held = await getJson('cm', 'held');
      assert.ok(held.metadata.deletionTimestamp);
      assert.equal(del.child.exitCode, null, 'kubectl is still waiting');
      await k.ok(['patch', 'cm', 'held', '--type=json', '-p', '[{"op":"remove","path":"/metadata/finalizers"}]']);
      const r = await del.exited();
      assert.equal(r.code, 0, r.stderr);
      assert.equal((await k.run(['get', 'cm', 'held'])).code, 1);
    } finally {
      await del.stop();
    }
  });
});
