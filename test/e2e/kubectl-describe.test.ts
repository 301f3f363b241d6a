/**
 * Real kubectl describe (deployment, configmap, node, namespace, service): kubectl renders these
 * itself from several typed (protobuf-accepting) GETs and LISTs, so this checks that every request it
 * makes is answered and that the objects carry what the describers print.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import yaml from 'js-yaml';
import { apiServerOnly, skipReason, startKubectlEnv, type KubectlEnv } from '../helpers/kubectl.js';

/** "Key:   value" lines of a describe output, keyed by the label (first occurrence wins). */
function fields(out: string): Record<string, string> {
  const r: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const m = /^([A-Za-z][A-Za-z -]*):\s+(.*)$/.exec(line);
    if (m && !(m[1]! in r)) r[m[1]!] = m[2]!.trimEnd();
  }
  return r;
}

const template = {
  metadata: { labels: { app: 'web' } },
  spec: {
    containers: [
      {
        name: 'nginx',
        image: 'nginx:1.27',
        ports: [{ containerPort: 80 }],
        env: [{ name: 'MODE', value: 'prod' }],
        resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '250m', memory: '64Mi' } },
      },
    ],
  },
};

describe('kubectl describe', { skip: skipReason }, () => {
  let k: KubectlEnv;
  before(async () => {
    // The nodes' kubelets (heartbeats) post their conditions: bootstrap registers them without.
    k = await startKubectlEnv({ cluster: { ...apiServerOnly, nodeHeartbeats: true } });
    const d = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { app: 'web' }, annotations: { note: 'first' } },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, strategy: { rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } }, template },
    };
    await k.ok(['apply', '-f', '-'], { stdin: yaml.dump(d) });
  });
  after(async () => {
    await k?.stop();
  });

  test('deployment: header, replicas, strategy, pod template, its ReplicaSet and events', async () => {
    const uid = await k.ok(['get', 'deploy', 'web', '-o', 'jsonpath={.metadata.uid}']);
    // What the deployment controller would have made: an owned ReplicaSet with the same template, and an event.
    const hash = '5d4f8c7b9';
    const rs = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `web-${hash}`,
        labels: { app: 'web', 'pod-template-hash': hash },
        annotations: { 'deployment.kubernetes.io/revision': '1' },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid, controller: true, blockOwnerDeletion: true }],
      },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web', 'pod-template-hash': hash } },
        template: { ...template, metadata: { labels: { app: 'web', 'pod-template-hash': hash } } },
      },
    };
    const ev = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'web.17a0c', namespace: 'default' },
      involvedObject: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'default', uid },
      reason: 'ScalingReplicaSet',
      message: `Scaled up replica set web-${hash} to 2`,
      type: 'Normal',
      source: { component: 'deployment-controller' },
      firstTimestamp: '2024-01-01T00:00:00Z',
      lastTimestamp: '2024-01-01T00:00:00Z',
      count: 1,
    };
    await k.ok(['create', '-f', '-'], { stdin: [rs, ev].map((o) => yaml.dump(o)).join('---\n') });

    const out = await k.ok(['describe', 'deployment', 'web']);
    const f = fields(out);
    assert.equal(f.Name, 'web');
    assert.equal(f.Namespace, 'default');
    assert.equal(f.CreationTimestamp, 'Mon, 01 Jan 2024 00:00:00 +0000');
    assert.equal(f.Labels, 'app=web');
    assert.equal(f.Annotations, 'note: first');
    assert.equal(f.Selector, 'app=web');
    assert.equal(f.Replicas, '2 desired | 0 updated | 0 total | 0 available | 0 unavailable');
    assert.equal(f.StrategyType, 'RollingUpdate');
    assert.equal(f.MinReadySeconds, '0');
    assert.equal(f.RollingUpdateStrategy, '0 max unavailable, 1 max surge');
    assert.match(out, /^Pod Template:\n {2}Labels: {2}app=web\n {2}Containers:\n {3}nginx:\n/m);
    assert.match(out, /^ {4}Image: +nginx:1\.27$/m);
    assert.match(out, /^ {4}Port: +80\/TCP$/m);
    assert.match(out, /^ {4}Limits:\n {6}cpu: +500m\n {6}memory: +128Mi\n {4}Requests:\n {6}cpu: +250m\n {6}memory: +64Mi$/m);
    assert.match(out, /^ {4}Environment:\n {6}MODE: +prod$/m);
    assert.equal(f.OldReplicaSets, '<none>');
    assert.equal(f.NewReplicaSet, `web-${hash} (0/2 replicas created)`);
    assert.match(out, /^Events:\n {2}Type +Reason +Age +From +Message\n {2}---- +------ +---- +---- +-------\n {2}Normal +ScalingReplicaSet +\S+ +deployment-controller +Scaled up replica set web-5d4f8c7b9 to 2$/m);

    // describe rs finds it by name and prints its owner.
    const rsOut = await k.ok(['describe', 'rs', `web-${hash}`]);
    assert.equal(fields(rsOut)['Controlled By'], 'Deployment/web');
    assert.equal(fields(rsOut).Replicas, '0 current / 2 desired');
    assert.equal(fields(rsOut)['Pods Status'], '0 Running / 0 Waiting / 0 Succeeded / 0 Failed');
  });

  test('configmap: data keys and values, binary data, no events', async () => {
    await k.ok(['create', 'configmap', 'cfg', '--from-literal=a=1', '--from-literal=greeting=hello world']);
    const raw = await k.ok(['describe', 'configmap', 'cfg']);
    // kubectl ranges over a Go map for the Data section, so the keys come in random order: sort the
    // key blocks before comparing the whole text.
    const out = raw.replace(/(====\n)((?:[^\n]+:\n----\n[^\n]*\n\n)+)/, (_m, head: string, blocks: string) =>
      head + (blocks.match(/[^\n]+:\n----\n[^\n]*\n\n/g) ?? []).sort().join(''),
    );
    assert.equal(
      out,
      [
        'Name:         cfg',
        'Namespace:    default',
        'Labels:       <none>',
        'Annotations:  <none>',
        '',
        'Data',
        '====',
        'a:',
        '----',
        '1',
        '',
        'greeting:',
        '----',
        'hello world',
        '',
        '',
        'BinaryData',
        '====',
        '',
        'Events:  <none>',
        '',
      ].join('\n'),
    );
  });

  test('node: roles, labels, taints, conditions, addresses, capacity, pods on it', async () => {
    const out = await k.ok(['describe', 'node', 'kubemu-control-plane']);
    const f = fields(out);
    assert.equal(f.Name, 'kubemu-control-plane');
    assert.equal(f.Roles, 'control-plane');
    assert.equal(f.Taints, 'node-role.kubernetes.io/control-plane:NoSchedule');
    assert.equal(f.Unschedulable, 'false');
    assert.match(out, /^ {2}Type +Status +LastHeartbeatTime +LastTransitionTime +Reason +Message$/m);
    assert.match(out, /^ {2}Ready +True +Mon, 01 Jan 2024 00:00:00 \+0000 +Mon, 01 Jan 2024 00:00:00 \+0000 +KubeletReady +kubelet is posting ready status$/m);
    assert.match(out, /^Addresses:\n {2}InternalIP: +\d+\.\d+\.\d+\.\d+\n {2}Hostname: +kubemu-control-plane$/m);
    assert.match(out, /^Capacity:\n {2}cpu: +4\n/m);
    assert.match(out, /^ {2}Kubelet Version: +v1\.32\.\d+$/m);
    assert.equal(f['Non-terminated Pods'], '(0 in total)');
    assert.match(out, /^ {2}cpu +0 \(0%\) +0 \(0%\)$/m);
    const worker = fields(await k.ok(['describe', 'node', 'node1']));
    assert.equal(worker.Roles, '<none>');
    assert.equal(worker.Taints, '<none>');
    assert.equal(worker.PodCIDR, '10.244.1.0/24');
  });

  test('namespace and service', async () => {
    const ns = fields(await k.ok(['describe', 'namespace', 'default']));
    assert.equal(ns.Name, 'default');
    assert.equal(ns.Labels, 'kubernetes.io/metadata.name=default');
    assert.equal(ns.Status, 'Active');
    const svc = await k.ok(['describe', 'svc', 'kubernetes']);
    const f = fields(svc);
    assert.equal(f.Type, 'ClusterIP');
    assert.equal(f.IP, '10.96.0.1');
    assert.equal(f['IP Families'], 'IPv4');
    assert.equal(f.Port, 'https  443/TCP');
    assert.equal(f.TargetPort, '6443/TCP');
    assert.equal(f['Session Affinity'], 'None');
    // describe with a selector describes every match; a missing name is NotFound.
    const all = await k.ok(['describe', 'ns', '-l', 'kubernetes.io/metadata.name in (kube-public,kube-system)']);
    assert.deepEqual([...all.matchAll(/^Name:\s+(\S+)$/gm)].map((m) => m[1]), ['kube-public', 'kube-system']);
    const nf = await k.run(['describe', 'deploy', 'nope']);
    assert.equal(nf.code, 1);
    assert.equal(nf.stderr.trim(), 'Error from server (NotFound): deployments.apps "nope" not found');
  });
});

describe('kubectl describe node: node events', { skip: skipReason }, () => {
  let k: KubectlEnv;
  before(async () => {
    k = await startKubectlEnv({ cluster: { kubelets: false } });
    await k.cluster.settle();
  });
  after(async () => {
    await k?.stop();
  });

  /** The Events table of a describe output as [Type, Reason, From, Message] (Age is relative to the wall clock). */
  function eventRows(out: string): string[][] {
    const at = out.indexOf('\nEvents:\n');
    assert.ok(at >= 0, out);
    const rows = out.slice(at + '\nEvents:\n'.length).split('\n').filter((l) => l.startsWith('  '));
    assert.deepEqual(rows[0]!.trim().split(/\s{2,}/), ['Type', 'Reason', 'Age', 'From', 'Message']);
    return rows.slice(2).map((l) => {
      const [type, reason, , from, ...message] = l.trim().split(/\s{2,}/);
      return [type!, reason!, from!, message.join('  ')];
    });
  }

  test('a worker shows what a fresh kind worker shows', async () => {
    // All of them at the same second: kubectl sorts by lastTimestamp, keeping its two queries' order
    // (the node controller's events, by the node's uid, then the kubelet's, by its name).
    assert.deepEqual(eventRows(await k.ok(['describe', 'node', 'node1'])), [
      ['Normal', 'RegisteredNode', 'node-controller', 'Node node1 event: Registered Node node1 in Controller'],
      ['Normal', 'Starting', 'kubelet', 'Starting kubelet.'],
      ['Normal', 'NodeAllocatableEnforced', 'kubelet', 'Updated Node Allocatable limit across pods'],
      ['Normal', 'NodeHasSufficientMemory', 'kubelet', 'Node node1 status is now: NodeHasSufficientMemory'],
      ['Normal', 'NodeHasNoDiskPressure', 'kubelet', 'Node node1 status is now: NodeHasNoDiskPressure'],
      ['Normal', 'NodeHasSufficientPID', 'kubelet', 'Node node1 status is now: NodeHasSufficientPID'],
      ['Normal', 'NodeReady', 'kubelet', 'Node node1 status is now: NodeReady'],
    ]);
    // kubectl get events lists them in the default namespace, with the node as the object.
    const got = await k.ok(['get', 'events', '--field-selector', 'involvedObject.name=node1', '-o', 'jsonpath={range .items[*]}{.involvedObject.kind}/{.involvedObject.name} {.source.component} {.source.host} {.reason}{"\\n"}{end}']);
    assert.equal(got.trim().split('\n').length, 7);
    assert.ok(got.includes('Node/node1 kubelet node1 NodeReady'), got);
  });
});
