/**
 * Real kubectl against the scheduler and the simulated nodes (1 tainted control plane + node1, node2):
 * nodeName, nodeSelector satisfied by `kubectl label nodes`, required and preferred node affinity,
 * pod affinity and anti-affinity on kubernetes.io/hostname, `kubectl taint` with NoSchedule and
 * NoExecute (eviction, tolerationSeconds), and `kubectl cordon`/`uncordon`. Each test gets a fresh
 * cluster; placement is read from the NODE column of `kubectl get pods -o wide` and the reasons from
 * the FailedScheduling events of `kubectl describe pod`.
 */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { skipReason, startKubectlEnv, tableRows, type KubectlEnv } from '../helpers/kubectl.js';

const controlPlaneTaint = '1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }';
const notHelpful = (n: number) => `preemption: 0/3 nodes are available: ${n} Preemption is not helpful for scheduling.`;

/** A pod manifest; `spec` is YAML indented by two spaces, placed after the containers. */
function podYaml(name: string, opts: { labels?: Record<string, string>; spec?: string } = {}): string {
  const labels = Object.entries(opts.labels ?? {})
    .map(([k, v]) => `\n    ${k}: ${v}`)
    .join('');
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}${labels ? `\n  labels:${labels}` : ''}
spec:
  containers:
  - name: web
    image: nginx:1.27
${opts.spec ?? ''}---
`;
}

describe('kubectl scheduling', { skip: skipReason }, () => {
  let k: KubectlEnv;
  beforeEach(async () => {
    k = await startKubectlEnv();
  });
  afterEach(async () => {
    await k?.stop();
  });

  const step = async (ms: number) => {
    await k.cluster.settle();
    for (let t = 0; t < ms; t += 100) {
      k.clock.step(100);
      await k.cluster.settle();
    }
  };
  const apply = (yaml: string) => k.ok(['apply', '-f', '-'], { stdin: yaml });

  /** NAME -> { status, node } from `kubectl get pods -o wide`. */
  async function wide(): Promise<Record<string, { ready: string; status: string; node: string }>> {
    const rows = tableRows(await k.ok(['get', 'pods', '-o', 'wide']));
    assert.deepEqual(rows[0], ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']);
    return Object.fromEntries(rows.slice(1).map((r) => [r[0]!, { ready: r[1]!, status: r[2]!, node: r[6]! }]));
  }
  const nodeOf = async (name: string) => (await wide())[name]?.node;

  /** The Events lines of `kubectl describe pod` as [type, reason, from, message] (the age is wall-clock relative). */
  async function podEvents(name: string): Promise<string[][]> {
    const out = await k.ok(['describe', 'pod', name]);
    const at = out.indexOf('\nEvents:');
    assert.ok(at >= 0, out);
    const lines = out.slice(at + 1).split('\n').slice(3).filter((l) => l.trim() !== '');
    return lines.map((l) => {
      const m = /^ {2}(\S+) +(\S+) +\S+ +(\S+) +(.*)$/.exec(l);
      assert.ok(m, `unexpected event line ${JSON.stringify(l)}`);
      return [m[1]!, m[2]!, m[3]!, m[4]!];
    });
  }
  const failedScheduling = async (name: string) => (await podEvents(name)).filter((e) => e[1] === 'FailedScheduling').map((e) => e[3]);

  test('spec.nodeName places the pod without the scheduler', async () => {
    await apply(podYaml('pinned', { spec: '  nodeName: node2\n' }));
    await step(4000);
    assert.deepEqual(await wide(), { pinned: { ready: '1/1', status: 'Running', node: 'node2' } });
    const reasons = (await podEvents('pinned')).map((e) => `${e[1]} ${e[2]}`);
    assert.deepEqual(reasons, ['Pulling kubelet', 'Pulled kubelet', 'Created kubelet', 'Started kubelet']);
  });

  test('nodeSelector: Pending with FailedScheduling until `kubectl label nodes node2 disktype=ssd`', async () => {
    await apply(podYaml('ssd', { spec: '  nodeSelector:\n    disktype: ssd\n' }));
    await step(1000);
    assert.deepEqual(await wide(), { ssd: { ready: '0/1', status: 'Pending', node: '<none>' } });
    assert.deepEqual(await failedScheduling('ssd'), [`0/3 nodes are available: ${controlPlaneTaint}, 2 node(s) didn't match Pod's node affinity/selector. ${notHelpful(3)}`]);
    assert.equal(
      await k.ok(['get', 'pod', 'ssd', '-o', 'jsonpath={.status.conditions[?(@.type=="PodScheduled")].status}/{.status.conditions[?(@.type=="PodScheduled")].reason}']),
      'False/Unschedulable',
    );

    assert.equal(await k.ok(['label', 'nodes', 'node2', 'disktype=ssd']), 'node/node2 labeled\n');
    await step(4000);
    assert.deepEqual(await wide(), { ssd: { ready: '1/1', status: 'Running', node: 'node2' } });
    const ev = await podEvents('ssd');
    assert.deepEqual(ev[1], ['Normal', 'Scheduled', 'default-scheduler', 'Successfully assigned default/ssd to node2']);
    assert.equal(await k.ok(['get', 'nodes', '-l', 'disktype=ssd', '-o', 'name']), 'node/node2\n');
  });

  test('required node affinity: In picks the node, NotIn on every worker stays Pending', async () => {
    const required = (op: string, values: string[]) => `  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchExpressions:
          - key: kubernetes.io/hostname
            operator: ${op}
            values: [${values.join(', ')}]
`;
    await apply(podYaml('on-node1', { spec: required('In', ['node1']) }) + podYaml('nowhere', { spec: required('NotIn', ['node1', 'node2']) }));
    await step(4000);
    const pods = await wide();
    assert.equal(pods['on-node1']?.node, 'node1');
    assert.deepEqual(pods['nowhere'], { ready: '0/1', status: 'Pending', node: '<none>' });
    assert.deepEqual(await failedScheduling('nowhere'), [`0/3 nodes are available: ${controlPlaneTaint}, 2 node(s) didn't match Pod's node affinity/selector. ${notHelpful(3)}`]);
  });

  test('preferred node affinity: the weighted term wins over spreading', async () => {
    const preferred = (node: string) => `  affinity:
    nodeAffinity:
      preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 80
        preference:
          matchExpressions:
          - key: kubernetes.io/hostname
            operator: In
            values: [${node}]
`;
    // Three pods preferring node2 all land there (least-allocated scoring alone would spread them).
    await apply(['a', 'b', 'c'].map((n) => podYaml(`pref2-${n}`, { spec: preferred('node2') })).join(''));
    await step(1000);
    await apply(podYaml('pref1', { spec: preferred('node1') }));
    await step(1000);
    const pods = await wide();
    assert.deepEqual(
      Object.fromEntries(Object.entries(pods).map(([n, p]) => [n, p.node])),
      { pref1: 'node1', 'pref2-a': 'node2', 'pref2-b': 'node2', 'pref2-c': 'node2' },
    );
    // A preference nobody satisfies does not block scheduling.
    await apply(podYaml('pref-none', { spec: preferred('node9') }));
    await step(1000);
    assert.match((await wide())['pref-none']!.node, /^node[12]$/);
  });

  test('pod anti-affinity on kubernetes.io/hostname: two replicas on different nodes, the third Pending', async () => {
    const anti = `  affinity:
    podAntiAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
      - labelSelector:
          matchLabels:
            app: spread
        topologyKey: kubernetes.io/hostname
`;
    await apply(['1', '2', '3'].map((n) => podYaml(`spread-${n}`, { labels: { app: 'spread' }, spec: anti })).join(''));
    await step(4000);
    const pods = await wide();
    const placed = Object.values(pods).filter((p) => p.node !== '<none>');
    assert.deepEqual(placed.map((p) => p.node).sort(), ['node1', 'node2']);
    assert.ok(placed.every((p) => p.status === 'Running'), JSON.stringify(pods));
    const pending = Object.entries(pods).filter(([, p]) => p.node === '<none>');
    assert.equal(pending.length, 1, JSON.stringify(pods));
    assert.equal(pending[0]![1].status, 'Pending');
    assert.deepEqual(await failedScheduling(pending[0]![0]), [
      `0/3 nodes are available: ${controlPlaneTaint}, 2 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`,
    ]);
    // Deleting one replica frees its node for the pending one.
    const gone = Object.keys(pods).find((n) => pods[n]!.node === 'node1')!;
    assert.equal(await k.ok(['delete', 'pod', gone, '--wait=false']), `pod "${gone}" deleted\n`);
    await step(35_000);
    const after = await wide();
    assert.equal(after[gone], undefined);
    assert.equal(after[pending[0]![0]]?.node, 'node1');
  });

  test('pod affinity on kubernetes.io/hostname: followers join the pod they name; no match stays Pending', async () => {
    await apply(podYaml('leader', { labels: { app: 'leader' }, spec: '  nodeSelector:\n    kubernetes.io/hostname: node2\n' }));
    await step(500);
    const affinity = (app: string) => `  affinity:
    podAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
      - labelSelector:
          matchExpressions:
          - key: app
            operator: In
            values: [${app}]
        topologyKey: kubernetes.io/hostname
`;
    await apply(podYaml('follower-1', { spec: affinity('leader') }) + podYaml('follower-2', { spec: affinity('leader') }) + podYaml('lonely', { spec: affinity('nobody') }));
    await step(4000);
    const pods = await wide();
    assert.deepEqual(
      Object.fromEntries(Object.entries(pods).map(([n, p]) => [n, p.node])),
      { 'follower-1': 'node2', 'follower-2': 'node2', leader: 'node2', lonely: '<none>' },
    );
    assert.deepEqual(await failedScheduling('lonely'), [`0/3 nodes are available: ${controlPlaneTaint}, 2 node(s) didn't match pod affinity rules. ${notHelpful(3)}`]);
  });

  test('kubectl taint NoSchedule: new pods avoid node1 unless they tolerate it; removing the taint', async () => {
    assert.equal(await k.ok(['taint', 'nodes', 'node1', 'k=v:NoSchedule']), 'node/node1 tainted\n');
    await apply(['a', 'b', 'c'].map((n) => podYaml(`free-${n}`)).join(''));
    await step(1000);
    assert.deepEqual(
      Object.values(await wide()).map((p) => p.node),
      ['node2', 'node2', 'node2'],
    );
    const onNode1 = '  nodeSelector:\n    kubernetes.io/hostname: node1\n';
    const toleration = '  tolerations:\n  - key: k\n    operator: Equal\n    value: v\n    effect: NoSchedule\n';
    await apply(podYaml('tolerant', { spec: onNode1 + toleration }) + podYaml('intolerant', { spec: onNode1 }));
    await step(1000);
    let pods = await wide();
    assert.equal(pods['tolerant']?.node, 'node1');
    assert.equal(pods['intolerant']?.node, '<none>');
    assert.deepEqual(await failedScheduling('intolerant'), [
      `0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {k: v}, ${controlPlaneTaint}. ${notHelpful(3)}`,
    ]);
    assert.match(await k.ok(['describe', 'node', 'node1']), /\nTaints: +k=v:NoSchedule\n/);

    assert.equal(await k.ok(['taint', 'nodes', 'node1', 'k=v:NoSchedule-']), 'node/node1 untainted\n');
    await step(1000);
    pods = await wide();
    assert.equal(pods['intolerant']?.node, 'node1');
  });

  test('kubectl taint NoExecute: untolerating pods are evicted at once, tolerationSeconds later, forever never', async () => {
    const onNode1 = '  nodeSelector:\n    kubernetes.io/hostname: node1\n';
    const tolerate = (seconds?: number) =>
      `  tolerations:\n  - key: k\n    operator: Equal\n    value: v\n    effect: NoExecute\n${seconds === undefined ? '' : `    tolerationSeconds: ${seconds}\n`}`;
    await apply(podYaml('plain', { spec: onNode1 }) + podYaml('for-60s', { spec: onNode1 + tolerate(60) }) + podYaml('forever', { spec: onNode1 + tolerate() }));
    await step(10_000);
    assert.deepEqual(
      Object.fromEntries(Object.entries(await wide()).map(([n, p]) => [n, `${p.status}@${p.node}`])),
      { 'for-60s': 'Running@node1', forever: 'Running@node1', plain: 'Running@node1' },
    );

    assert.equal(await k.ok(['taint', 'nodes', 'node1', 'k=v:NoExecute']), 'node/node1 tainted\n');
    await step(1000);
    // The pod is deleted (gracefully, but nginx exits on SIGTERM at once); the event stays.
    assert.equal((await wide())['plain'], undefined);
    const evicted = await k.ok(['get', 'events', '--field-selector', 'involvedObject.name=plain,reason=TaintManagerEviction', '-o', 'jsonpath={.items[*].message}']);
    assert.equal(evicted, 'Marking for deletion Pod default/plain');
    await step(30_000);
    assert.deepEqual(
      Object.fromEntries(Object.entries(await wide()).map(([n, p]) => [n, `${p.status}@${p.node}`])),
      { 'for-60s': 'Running@node1', forever: 'Running@node1' },
    );
    // A new pod without the toleration is not scheduled onto node1 either.
    await apply(podYaml('late', { spec: onNode1 }));
    await step(500);
    assert.equal((await wide())['late']?.status, 'Pending');
    assert.deepEqual(await failedScheduling('late'), [
      `0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {k: v}, ${controlPlaneTaint}. ${notHelpful(3)}`,
    ]);

    // 58.5 s after the taint the 60 s toleration still holds; at 61.5 s the pod is gone.
    await step(27_000);
    assert.equal((await wide())['for-60s']?.status, 'Running');
    await step(3000);
    assert.deepEqual(
      Object.fromEntries(Object.entries(await wide()).map(([n, p]) => [n, `${p.status}@${p.node}`])),
      { forever: 'Running@node1', late: 'Pending@<none>' },
    );
    assert.equal(
      await k.ok(['get', 'events', '--field-selector', 'reason=TaintManagerEviction', '--sort-by=.lastTimestamp', '-o', 'jsonpath={range .items[*]}{.source.component}: {.message}{"\\n"}{end}']),
      'taint-eviction-controller: Marking for deletion Pod default/plain\ntaint-eviction-controller: Marking for deletion Pod default/for-60s\n',
    );
  });

  test('kubectl cordon / uncordon: Ready,SchedulingDisabled, pods go elsewhere, then back', async () => {
    assert.equal(await k.ok(['cordon', 'node1']), 'node/node1 cordoned\n');
    const nodes = tableRows(await k.ok(['get', 'nodes']));
    assert.deepEqual(
      nodes.map((r) => `${r[0]} ${r[1]}`),
      ['NAME STATUS', 'kubemu-control-plane Ready', 'node1 Ready,SchedulingDisabled', 'node2 Ready'],
    );
    assert.match(await k.ok(['describe', 'node', 'node1']), /\nUnschedulable: +true\n/);
    await apply(podYaml('free-a') + podYaml('free-b') + podYaml('pinned', { spec: '  nodeSelector:\n    kubernetes.io/hostname: node1\n' }));
    await step(1000);
    let pods = await wide();
    assert.equal(pods['free-a']?.node, 'node2');
    assert.equal(pods['free-b']?.node, 'node2');
    assert.equal(pods['pinned']?.node, '<none>');
    assert.deepEqual(await failedScheduling('pinned'), [
      `0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, ${controlPlaneTaint}, 1 node(s) were unschedulable. ${notHelpful(3)}`,
    ]);
    // cordon twice is a no-op
    assert.equal(await k.ok(['cordon', 'node1']), 'node/node1 already cordoned\n');

    assert.equal(await k.ok(['uncordon', 'node1']), 'node/node1 uncordoned\n');
    assert.deepEqual(
      tableRows(await k.ok(['get', 'nodes'])).map((r) => r[1]),
      ['STATUS', 'Ready', 'Ready', 'Ready'],
    );
    await step(1000);
    pods = await wide();
    assert.equal(pods['pinned']?.node, 'node1');
  });
});
