/**
 * Real kubectl apply (client-side three-way strategic merge, then server-side apply with conflicts),
 * diff (dry-run patches) and replace.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import yaml from 'js-yaml';
import { apiServerOnly, skipReason, startKubectlEnv, type KubectlEnv } from '../helpers/kubectl.js';

interface DeployOpts {
  replicas?: number;
  labels?: Record<string, string>;
  env?: Array<{ name: string; value: string }>;
  image?: string;
}

const deployment = (name: string, o: DeployOpts = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, labels: { app: name, ...(o.labels ?? {}) } },
  spec: {
    replicas: o.replicas ?? 2,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'web', image: o.image ?? 'nginx:1.27', ...(o.env ? { env: o.env } : {}) }] },
    },
  },
});

describe('kubectl apply, diff, replace', { skip: skipReason }, () => {
  let k: KubectlEnv;
  const getJson = async (...args: string[]) => JSON.parse(await k.ok(['get', ...args, '-o', 'json', '--show-managed-fields']));
  before(async () => {
    k = await startKubectlEnv({ cluster: apiServerOnly });
  });
  after(async () => {
    await k?.stop();
  });

  test('apply -f: created, unchanged, configured; the three-way merge removes what the file dropped', async () => {
    const f = k.file('web.yaml', yaml.dump(deployment('web', { labels: { tier: 'frontend' }, env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] })));
    assert.equal(await k.ok(['apply', '-f', f]), 'deployment.apps/web created\n');
    const created = await getJson('deploy', 'web');
    const lastApplied = JSON.parse(created.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']);
    assert.equal(lastApplied.spec.replicas, 2);
    assert.equal(created.metadata.managedFields[0].manager, 'kubectl-client-side-apply');
    assert.equal(created.metadata.managedFields[0].operation, 'Update');
    const rv = created.metadata.resourceVersion;

    assert.equal(await k.ok(['apply', '-f', f]), 'deployment.apps/web unchanged\n');
    assert.equal((await getJson('deploy', 'web')).metadata.resourceVersion, rv);

    // Something else changes a field the file does not mention: apply keeps it.
    await k.ok(['annotate', 'deploy', 'web', 'owner=team-a']);
    k.file('web.yaml', yaml.dump(deployment('web', { replicas: 3, env: [{ name: 'B', value: '3' }] })));
    assert.equal(await k.ok(['apply', '-f', f]), 'deployment.apps/web configured\n');
    const d = await getJson('deploy', 'web');
    assert.equal(d.spec.replicas, 3);
    assert.deepEqual(d.metadata.labels, { app: 'web' }, 'the label dropped from the file is removed');
    assert.deepEqual(d.spec.template.spec.containers[0].env, [{ name: 'B', value: '3' }], 'env merged by name; A removed');
    assert.equal(d.metadata.annotations.owner, 'team-a');
    assert.equal(d.metadata.generation, 2);
    assert.equal(JSON.parse(d.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).spec.replicas, 3);
    // Defaults the server filled in stay (the patch never mentions them).
    assert.equal(d.spec.strategy.type, 'RollingUpdate');
  });

  test('apply --dry-run=server and --dry-run=client change nothing', async () => {
    const before = await getJson('deploy', 'web');
    const f = k.file('web-dry.yaml', yaml.dump(deployment('web', { replicas: 7 })));
    assert.equal(await k.ok(['apply', '-f', f, '--dry-run=server']), 'deployment.apps/web configured (server dry run)\n');
    assert.equal(await k.ok(['apply', '-f', f, '--dry-run=client']), 'deployment.apps/web configured (dry run)\n');
    const nf = k.file('new-dry.yaml', yaml.dump(deployment('dry-new')));
    assert.equal(await k.ok(['apply', '-f', nf, '--dry-run=server']), 'deployment.apps/dry-new created (server dry run)\n');
    const after = await getJson('deploy', 'web');
    assert.equal(after.metadata.resourceVersion, before.metadata.resourceVersion);
    const gone = await k.run(['get', 'deploy', 'dry-new']);
    assert.equal(gone.code, 1);
  });

  test('apply rejects unknown fields (server-side Strict validation) and invalid objects', async () => {
    const bad = deployment('strict') as any;
    bad.spec.replicaz = 3;
    const r = await k.run(['apply', '-f', '-'], { stdin: yaml.dump(bad) });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /strict decoding error: unknown field "spec\.replicaz"/);
    const inv = deployment('invalid', { replicas: -1 });
    const r2 = await k.run(['apply', '-f', '-'], { stdin: yaml.dump(inv) });
    assert.equal(r2.code, 1);
    assert.match(r2.stderr, /The Deployment "invalid" is invalid: spec\.replicas: Invalid value: -1: must be greater than or equal to 0/);
  });

  test('diff exits 1 with a unified diff when the file differs, 0 when it does not, and persists nothing', async () => {
    const cur = await getJson('deploy', 'web');
    const same = k.file('same.yaml', yaml.dump(deployment('web', { replicas: 3, env: [{ name: 'B', value: '3' }] })));
    const r0 = await k.run(['diff', '-f', same]);
    assert.deepEqual([r0.code, r0.stdout, r0.stderr], [0, '', '']);
    const changed = k.file('changed.yaml', yaml.dump(deployment('web', { replicas: 4, env: [{ name: 'B', value: '3' }], image: 'nginx:1.28' })));
    const r1 = await k.run(['diff', '-f', changed]);
    assert.equal(r1.code, 1, r1.stderr);
    assert.match(r1.stdout, /^-  replicas: 3$/m);
    assert.match(r1.stdout, /^\+  replicas: 4$/m);
    assert.match(r1.stdout, /^-\s+image: nginx:1\.27$/m);
    assert.match(r1.stdout, /^\+\s+image: nginx:1\.28$/m);
    assert.match(r1.stdout, /^-  generation: 2$/m);
    assert.match(r1.stdout, /^\+  generation: 3$/m);
    const nw = k.file('new.yaml', yaml.dump(deployment('brand-new')));
    const r2 = await k.run(['diff', '-f', nw]);
    assert.equal(r2.code, 1, r2.stderr);
    assert.match(r2.stdout, /^\+  name: brand-new$/m);
    const after = await getJson('deploy', 'web');
    assert.equal(after.metadata.resourceVersion, cur.metadata.resourceVersion);
    assert.equal((await k.run(['get', 'deploy', 'brand-new'])).code, 1);
  });

  test('replace: GET then PUT with the resourceVersion; a missing object is NotFound', async () => {
    const d = await getJson('deploy', 'web');
    delete d.metadata.managedFields;
    d.spec.replicas = 1;
    d.metadata.labels.replaced = 'yes';
    assert.equal(await k.ok(['replace', '-f', '-'], { stdin: JSON.stringify(d) }), 'deployment.apps/web replaced\n');
    const after = await getJson('deploy', 'web');
    assert.equal(after.spec.replicas, 1);
    assert.equal(after.metadata.labels.replaced, 'yes');
    assert.equal(after.metadata.managedFields.find((m: any) => m.manager === 'kubectl-replace')?.operation, 'Update');
    // The stale resourceVersion in d is now a conflict.
    const stale = await k.run(['replace', '-f', '-'], { stdin: JSON.stringify(d) });
    assert.equal(stale.code, 1);
    assert.equal(
      stale.stderr.trim(),
      'Error from server (Conflict): error when replacing "STDIN": Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
    );
    const missing = await k.run(['replace', '-f', '-'], { stdin: yaml.dump(deployment('nope')) });
    assert.equal(missing.code, 1);
    assert.equal(missing.stderr.trim(), 'Error from server (NotFound): error when replacing "STDIN": deployments.apps "nope" not found');
    // --force deletes and re-creates.
    const forced = await k.run(['replace', '--force', '-f', '-'], { stdin: yaml.dump(deployment('web', { replicas: 2 })) });
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(forced.stdout, 'deployment.apps "web" deleted\ndeployment.apps/web replaced\n');
    const recreated = await getJson('deploy', 'web');
    assert.notEqual(recreated.metadata.uid, after.metadata.uid);
  });

  test('apply --server-side: create, a conflict with another manager, --force-conflicts', async () => {
    const f = k.file('ssa.yaml', yaml.dump(deployment('ssa', { replicas: 2 })));
    assert.equal(await k.ok(['apply', '--server-side', '-f', f]), 'deployment.apps/ssa serverside-applied\n');
    let d = await getJson('deploy', 'ssa');
    const mine = d.metadata.managedFields.find((m: any) => m.manager === 'kubectl');
    assert.equal(mine?.operation, 'Apply');
    assert.ok(mine.fieldsV1['f:spec']['f:replicas']);
    assert.equal(d.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration'], undefined);
    // Re-applying the same file is a no-op on the server.
    assert.equal(await k.ok(['apply', '--server-side', '-f', f]), 'deployment.apps/ssa serverside-applied\n');
    assert.equal((await getJson('deploy', 'ssa')).metadata.resourceVersion, d.metadata.resourceVersion);

    const other = k.file('ssa-other.yaml', yaml.dump(deployment('ssa', { replicas: 5 })));
    const conflict = await k.run(['apply', '--server-side', '--field-manager=other', '-f', other]);
    assert.equal(conflict.code, 1);
    assert.match(conflict.stderr, /^error: Apply failed with 1 conflict: conflict with "kubectl": \.spec\.replicas$/m);
    assert.match(conflict.stderr, /--force-conflicts/);
    assert.equal((await getJson('deploy', 'ssa')).spec.replicas, 2);

    assert.equal(await k.ok(['apply', '--server-side', '--field-manager=other', '--force-conflicts', '-f', other]), 'deployment.apps/ssa serverside-applied\n');
    d = await getJson('deploy', 'ssa');
    assert.equal(d.spec.replicas, 5);
    const managers = Object.fromEntries(d.metadata.managedFields.map((m: any) => [m.manager, m]));
    assert.ok(managers.other.fieldsV1['f:spec']['f:replicas'], 'other now owns replicas');
    assert.equal(managers.kubectl.fieldsV1['f:spec']['f:replicas'], undefined, 'kubectl lost replicas');

    // A client-side update (scale) of a field owned by an applier is no conflict: Update operations just take it.
    assert.equal(await k.ok(['scale', 'deploy', 'ssa', '--replicas=6']), 'deployment.apps/ssa scaled\n');
    const scaled = (await getJson('deploy', 'ssa')).metadata.managedFields.find((m: any) => m.subresource === 'scale');
    assert.deepEqual([scaled?.manager, scaled?.operation, scaled?.apiVersion, scaled?.fieldsV1], ['kubectl', 'Update', 'apps/v1', { 'f:spec': { 'f:replicas': {} } }]);
    const c2 = await k.run(['apply', '--server-side', '--field-manager=other', '-f', other]);
    assert.equal(c2.code, 1);
    // kubectl scale sends no fieldManager: the manager is the User-Agent prefix. Identifiers carry no time.
    assert.match(c2.stderr, /^error: Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps\/v1: \.spec\.replicas$/m);
  });
});
