/**
 * Real kubectl against a listening kubemu: version, discovery (api-resources, short names), the
 * protobuf-bodied `create` subcommands, Status errors as kubectl prints them, and explain.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DeploymentSpec, DeploymentStrategy } from '../../src/api/apps/deployment.js';
import { apiServerOnly, skipReason, startKubectlEnv, tableHeader, tableRows, type KubectlEnv } from '../helpers/kubectl.js';

describe('kubectl basics', { skip: skipReason }, () => {
  let k: KubectlEnv;
  before(async () => {
    k = await startKubectlEnv({ cluster: apiServerOnly });
  });
  after(async () => {
    await k?.stop();
  });

  test('version: the dispatcher picks kubectl 1.32 from the server minor', async () => {
    const out = await k.ok(['version', '-o', 'json']);
    const v = JSON.parse(out);
    assert.equal(v.serverVersion.major, '1');
    assert.equal(v.serverVersion.minor, '32');
    assert.match(v.serverVersion.gitVersion, /^v1\.32\./);
    assert.match(v.clientVersion.gitVersion, /^v1\.32\./);
    const plain = await k.ok(['version']);
    assert.match(plain, /^Server Version: v1\.32\.\S+$/m);
    assert.doesNotMatch(plain, /WARNING: version difference/);
  });

  test('api-resources lists every kind with upstream short names', async () => {
    const out = await k.ok(['api-resources']);
    assert.deepEqual(tableHeader(out), ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND']);
    const rows = tableRows(out).slice(1);
    const find = (name: string, apiVersion: string) => rows.find((r) => r[0] === name && r.includes(apiVersion));
    const expected: Array<[string, string, string, string, string]> = [
      ['pods', 'po', 'v1', 'true', 'Pod'],
      ['replicasets', 'rs', 'apps/v1', 'true', 'ReplicaSet'],
      ['deployments', 'deploy', 'apps/v1', 'true', 'Deployment'],
      ['namespaces', 'ns', 'v1', 'false', 'Namespace'],
      ['nodes', 'no', 'v1', 'false', 'Node'],
      ['services', 'svc', 'v1', 'true', 'Service'],
      ['configmaps', 'cm', 'v1', 'true', 'ConfigMap'],
      ['events', 'ev', 'v1', 'true', 'Event'],
      ['endpoints', 'ep', 'v1', 'true', 'Endpoints'],
      ['serviceaccounts', 'sa', 'v1', 'true', 'ServiceAccount'],
      ['events', 'ev', 'events.k8s.io/v1', 'true', 'Event'],
      ['persistentvolumes', 'pv', 'v1', 'false', 'PersistentVolume'],
      ['persistentvolumeclaims', 'pvc', 'v1', 'true', 'PersistentVolumeClaim'],
      ['storageclasses', 'sc', 'storage.k8s.io/v1', 'false', 'StorageClass'],
    ];
    for (const e of expected) assert.deepEqual(find(e[0], e[2]), e, `row for ${e[0]} ${e[2]}`);
    // Kinds without short names have an empty SHORTNAMES cell.
    assert.deepEqual(find('secrets', 'v1'), ['secrets', 'v1', 'true', 'Secret']);
    assert.deepEqual(find('leases', 'coordination.k8s.io/v1'), ['leases', 'coordination.k8s.io/v1', 'true', 'Lease']);
    assert.deepEqual(find('endpointslices', 'discovery.k8s.io/v1'), ['endpointslices', 'discovery.k8s.io/v1', 'true', 'EndpointSlice']);

    const apps = await k.ok(['api-resources', '--api-group=apps', '-o', 'name']);
    assert.deepEqual(apps.trim().split('\n').sort(), ['deployments.apps', 'replicasets.apps']);
    const clusterScoped = await k.ok(['api-resources', '--namespaced=false', '-o', 'name']);
    for (const n of ['namespaces', 'nodes', 'persistentvolumes', 'storageclasses.storage.k8s.io']) assert.ok(clusterScoped.trim().split('\n').includes(n), n);
    assert.ok(!clusterScoped.includes('pods'));
  });

  test('short names resolve through discovery', async () => {
    const r = await k.run(['get', 'po,rs,deploy,svc,cm,ev,ep', '-n', 'default']);
    assert.equal(r.code, 0, r.stderr);
    // The default namespace has the kubernetes service and nothing else yet.
    assert.match(r.stdout, /^service\/kubernetes\s+ClusterIP\s+10\.96\.0\.1\s+<none>\s+443\/TCP\s+0s$/m);
    const ns = await k.ok(['get', 'ns', '-o', 'name']);
    assert.deepEqual(ns.trim().split('\n'), ['namespace/default', 'namespace/kube-node-lease', 'namespace/kube-public', 'namespace/kube-system']);
    const no = await k.ok(['get', 'no', '-o', 'name']);
    assert.deepEqual(no.trim().split('\n'), ['node/kubemu-control-plane', 'node/node1', 'node/node2']);
  });

  test('create namespace (protobuf body) gets the metadata.name label, the kubernetes finalizer and phase Active', async () => {
    assert.equal(await k.ok(['create', 'namespace', 'e2e']), 'namespace/e2e created\n');
    const ns = JSON.parse(await k.ok(['get', 'ns', 'e2e', '-o', 'json', '--show-managed-fields']));
    assert.equal(ns.metadata.labels['kubernetes.io/metadata.name'], 'e2e');
    assert.deepEqual(ns.spec.finalizers, ['kubernetes']);
    assert.equal(ns.status.phase, 'Active');
    assert.equal(ns.metadata.managedFields[0].manager, 'kubectl-create');
    const again = await k.run(['create', 'namespace', 'e2e']);
    assert.equal(again.code, 1);
    assert.equal(again.stderr.trim(), 'Error from server (AlreadyExists): namespaces "e2e" already exists');
  });

  test('create deployment|configmap|secret send protobuf and are stored with defaults', async () => {
    assert.equal(await k.ok(['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2', '--port=80', '-n', 'e2e']), 'deployment.apps/web created\n');
    const d = JSON.parse(await k.ok(['get', 'deploy', 'web', '-n', 'e2e', '-o', 'json']));
    assert.equal(d.spec.replicas, 2);
    assert.deepEqual(d.spec.selector, { matchLabels: { app: 'web' } });
    assert.deepEqual(d.metadata.labels, { app: 'web' });
    assert.deepEqual(d.spec.strategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
    const c = d.spec.template.spec.containers[0];
    assert.equal(c.name, 'nginx');
    assert.equal(c.image, 'nginx:1.27');
    assert.deepEqual(c.ports, [{ containerPort: 80, protocol: 'TCP' }]);
    assert.equal(c.imagePullPolicy, 'IfNotPresent');
    assert.equal(c.terminationMessagePath, '/dev/termination-log');
    assert.equal(d.spec.template.spec.restartPolicy, 'Always');
    assert.equal(d.metadata.generation, 1);

    assert.equal(await k.ok(['create', 'configmap', 'cfg', '--from-literal=a=1', '--from-literal=b=two words', '-n', 'e2e']), 'configmap/cfg created\n');
    const cm = JSON.parse(await k.ok(['get', 'cm', 'cfg', '-n', 'e2e', '-o', 'json']));
    assert.deepEqual(cm.data, { a: '1', b: 'two words' });

    assert.equal(await k.ok(['create', 'secret', 'generic', 'pw', '--from-literal=password=s3cr3t', '-n', 'e2e']), 'secret/pw created\n');
    const s = JSON.parse(await k.ok(['get', 'secret', 'pw', '-n', 'e2e', '-o', 'json']));
    assert.equal(s.type, 'Opaque');
    assert.equal(Buffer.from(s.data.password, 'base64').toString(), 's3cr3t');
    const decoded = await k.ok(['get', 'secret', 'pw', '-n', 'e2e', '-o', 'jsonpath={.data.password}']);
    assert.equal(Buffer.from(decoded, 'base64').toString(), 's3cr3t');

    assert.equal(
      await k.ok(['create', 'secret', 'docker-registry', 'reg', '--docker-server=r.example', '--docker-username=u', '--docker-password=p', '-n', 'e2e']),
      'secret/reg created\n',
    );
    const reg = await k.ok(['get', 'secret', 'reg', '-n', 'e2e']);
    assert.match(reg, /^reg\s+kubernetes\.io\/dockerconfigjson\s+1\s+0s$/m);
  });

  test('Status errors print as a real apiserver makes kubectl print them', async () => {
    const nf = await k.run(['get', 'deploy', 'nope', '-n', 'e2e']);
    assert.equal(nf.code, 1);
    assert.equal(nf.stderr.trim(), 'Error from server (NotFound): deployments.apps "nope" not found');
    const ignored = await k.run(['get', 'deploy', 'nope', '-n', 'e2e', '--ignore-not-found']);
    assert.deepEqual([ignored.code, ignored.stdout, ignored.stderr], [0, '', '']);
    const dup = await k.run(['create', 'deployment', 'web', '--image=nginx', '-n', 'e2e']);
    assert.equal(dup.code, 1);
    // create deployment wraps the error itself (upstream create_deployment.go).
    assert.equal(dup.stderr.trim(), 'error: failed to create deployment: deployments.apps "web" already exists');
    const dupCm = await k.run(['create', 'configmap', 'cfg', '-n', 'e2e']);
    assert.equal(dupCm.stderr.trim(), 'error: failed to create configmap: configmaps "cfg" already exists');
    const dupFile = await k.run(['create', '-f', '-', '-n', 'e2e'], { stdin: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' } }) });
    assert.equal(dupFile.code, 1);
    assert.equal(dupFile.stderr.trim(), 'Error from server (AlreadyExists): error when creating "STDIN": configmaps "cfg" already exists');
    const cm = (name: string) => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } });
    const noNs = await k.run(['create', '-f', '-', '-n', 'missing'], { stdin: cm('x') });
    assert.equal(noNs.code, 1);
    assert.equal(noNs.stderr.trim(), 'Error from server (NotFound): error when creating "STDIN": namespaces "missing" not found');
    const bad = await k.run(['create', '-f', '-', '-n', 'e2e'], { stdin: cm('Bad_Name') });
    assert.equal(bad.code, 1);
    assert.equal(
      bad.stderr.trim(),
      `The ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    );
    const unknown = await k.run(['get', 'widgets']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /the server doesn't have a resource type "widgets"/);
  });

  test('explain deployment.spec.strategy prints our descriptions from OpenAPI v3', async () => {
    const out = await k.ok(['explain', 'deployment.spec.strategy']);
    assert.match(out, /^GROUP:\s+apps$/m);
    assert.match(out, /^KIND:\s+Deployment$/m);
    assert.match(out, /^VERSION:\s+v1$/m);
    assert.match(out, /^FIELD: strategy <DeploymentStrategy>$/m);
    const text = out.replace(/\s+/g, ' ');
    for (const d of [DeploymentSpec.shape.strategy.description, DeploymentStrategy.meta()?.description, DeploymentStrategy.shape.type.description, DeploymentStrategy.shape.rollingUpdate.description]) {
      assert.ok(d, 'schema has a description');
      assert.ok(text.includes(d), `explain output has ${JSON.stringify(d)}:\n${out}`);
    }
    assert.match(out, /^ {2}rollingUpdate\t<RollingUpdateDeployment>$/m);
    assert.match(out, /^ {2}type\t<string>$/m);

    const top = await k.ok(['explain', 'deployments']);
    assert.match(top, /^FIELDS:$/m);
    for (const f of ['apiVersion\t<string>', 'kind\t<string>', 'metadata\t<ObjectMeta>', 'spec\t<DeploymentSpec>', 'status\t<DeploymentStatus>'])
      assert.ok(top.includes(`  ${f}`), `explain deployments lists ${f}:\n${top}`);
    const req = await k.ok(['explain', 'deployment.spec']);
    assert.match(req, /^ {2}selector\t<LabelSelector> -required-$/m);
    assert.match(req, /^ {2}template\t<PodTemplateSpec> -required-$/m);
    const missing = await k.run(['explain', 'deployment.spec.nope']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /field "nope" does not exist/);
  });

  test('explain prints the ENUM block of upstream enum fields, as on v1.32', async () => {
    const cases: [string, string, string[]][] = [
      ['deployment.spec.strategy.type', 'type', ['Recreate', 'RollingUpdate']],
      ['pod.spec.restartPolicy', 'restartPolicy', ['Always', 'Never', 'OnFailure']],
      ['service.spec.type', 'type', ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']],
    ];
    for (const [field, name, values] of cases) {
      const out = await k.ok(['explain', field]);
      const block = `FIELD: ${name} <string>\nENUM:\n${values.map((v) => `    ${v}\n`).join('')}\nDESCRIPTION:`;
      assert.ok(out.includes(block), `explain ${field} has the ENUM block:\n${out}`);
    }
    const plain = await k.ok(['explain', 'pod.spec.nodeName']);
    assert.doesNotMatch(plain, /^ENUM:$/m);
  });
});
