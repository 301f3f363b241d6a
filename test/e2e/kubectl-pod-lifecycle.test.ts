/**
 * Real kubectl against the simulated kubelet, stepping the cluster's fake clock: init containers
 * seen as Init:0/2, Init:1/2, PodInitializing, Running; liveness probes (exec on a missing file,
 * tcpSocket on an unlistened port, httpGet on a 404 path) killing and restarting the container with
 * the kubelet's events, RESTARTS growing and CrashLoopBackOff between restarts; a crashing container
 * in CrashLoopBackOff; restartPolicy Never with `exit 1` ending Failed (STATUS Error); and a failing
 * readiness probe leaving the pod `0/1 Running`.
 */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { skipReason, startKubectlEnv, tableRows, type KubectlEnv } from '../helpers/kubectl.js';

interface Row {
  ready: string;
  status: string;
  restarts: string;
}

function podYaml(name: string, container: string, spec = ''): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
${spec}  containers:
${container}`;
}

describe('kubectl pod lifecycle', { skip: skipReason }, () => {
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

  /** READY, STATUS, RESTARTS of one pod from `kubectl get pods -o wide`. */
  async function row(name: string): Promise<Row> {
    const rows = tableRows(await k.ok(['get', 'pods', name, '-o', 'wide']));
    assert.deepEqual(rows[0], ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']);
    const r = rows[1]!;
    assert.equal(r[0], name);
    return { ready: r[1]!, status: r[2]!, restarts: r[3]! };
  }
  const restartCount = (r: Row) => Number(/^(\d+)/.exec(r.restarts)![1]);

  /** Events of `kubectl describe pod` as "Type Reason From: Message" (the AGE column is wall-clock relative). */
  async function podEvents(name: string): Promise<string[]> {
    const out = await k.ok(['describe', 'pod', name]);
    const at = out.indexOf('\nEvents:\n');
    assert.ok(at >= 0, out);
    const lines = out.slice(at + 1).split('\n');
    assert.match(lines[1]!, /^ {2}Type +Reason +Age +From +Message$/);
    return lines
      .slice(3)
      .filter((l) => l.trim() !== '')
      .map((l) => {
        const cells = l.trim().split(/ {2,}/);
        assert.ok(cells.length >= 5, `unexpected event line ${JSON.stringify(l)}`);
        return `${cells[0]} ${cells[1]} ${cells[3]}: ${cells.slice(4).join('  ')}`;
      });
  }
  const podIP = (name: string) => k.ok(['get', 'pod', name, '-o', 'jsonpath={.status.podIP}']);

  /** Step `seconds` one second at a time, returning the row seen after each. */
  async function watchRows(name: string, seconds: number): Promise<Row[]> {
    const seen: Row[] = [];
    for (let i = 0; i < seconds; i++) {
      await step(1000);
      seen.push(await row(name));
    }
    return seen;
  }

  /** RESTARTS never decreases and shows "N (age ago)" once N > 0, as kubectl prints it. */
  function assertRestartsColumn(rows: Row[]): void {
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      assert.match(r.restarts, /^(0|[1-9]\d* \(\d+[smh]\d*[sm]? ago\))$/, r.restarts);
      if (i > 0) assert.ok(restartCount(r) >= restartCount(rows[i - 1]!), JSON.stringify(rows));
    }
  }

  test('init containers run in order: Init:0/2, Init:1/2, PodInitializing, Running', async () => {
    await apply(
      podYaml(
        'init',
        `  - name: web
    image: nginx:1.27
`,
        `  initContainers:
  - name: wait-1
    image: busybox:1.36
    command: ["sh", "-c", "sleep 5"]
  - name: wait-2
    image: busybox:1.36
    command: ["sh", "-c", "sleep 5"]
`,
      ),
    );
    // busybox pulls in 0.6 s, each init container sleeps 5 s, nginx then pulls in 2.3 s.
    await step(3000);
    assert.deepEqual(await row('init'), { ready: '0/1', status: 'Init:0/2', restarts: '0' });
    await step(5000);
    assert.deepEqual(await row('init'), { ready: '0/1', status: 'Init:1/2', restarts: '0' });
    await step(4000);
    assert.deepEqual(await row('init'), { ready: '0/1', status: 'PodInitializing', restarts: '0' });
    await step(3000);
    assert.deepEqual(await row('init'), { ready: '1/1', status: 'Running', restarts: '0' });
    assert.equal(
      await k.ok(['get', 'pod', 'init', '-o', 'jsonpath={.status.initContainerStatuses[*].state.terminated.reason}']),
      'Completed Completed',
    );
    const ev = (await podEvents('init')).filter((e) => / (Created|Started) /.test(e));
    assert.deepEqual(ev, [
      'Normal Created kubelet: Created container: wait-1',
      'Normal Started kubelet: Started container wait-1',
      'Normal Created kubelet: Created container: wait-2',
      'Normal Started kubelet: Started container wait-2',
      'Normal Created kubelet: Created container: web',
      'Normal Started kubelet: Started container web',
    ]);
  });

  test('liveness exec on a missing file: Unhealthy and Killing events, RESTARTS grows, CrashLoopBackOff between restarts', async () => {
    await apply(
      podYaml(
        'live-exec',
        `  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "sleep 3600"]
    livenessProbe:
      exec:
        command: ["cat", "/tmp/healthy"]
      initialDelaySeconds: 5
      periodSeconds: 5
`,
      ),
    );
    await step(2000);
    assert.deepEqual(await row('live-exec'), { ready: '1/1', status: 'Running', restarts: '0' });
    const rows = await watchRows('live-exec', 90);
    assertRestartsColumn(rows);
    // rows[i] is at 3 + i s. Failures at 5, 10 and 15 s after the start: the third kills it, the
    // first restart is immediate, later ones back off.
    assert.equal(restartCount(rows[11]!), 0, JSON.stringify(rows[11]));
    assert.ok(restartCount(rows[15]!) >= 1, JSON.stringify(rows[15]));
    assert.ok(restartCount(rows.at(-1)!) >= 3, JSON.stringify(rows.at(-1)));
    const statuses = new Set(rows.map((r) => r.status));
    assert.deepEqual([...statuses].sort(), ['CrashLoopBackOff', 'Running']);

    const ev = await podEvents('live-exec');
    for (const want of [
      "Warning Unhealthy kubelet: Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory",
      'Normal Killing kubelet: Container app failed liveness probe, will be restarted',
      'Normal Pulled kubelet: Container image "busybox:1.36" already present on machine',
    ]) {
      assert.ok(ev.includes(want), `missing ${JSON.stringify(want)} in\n${ev.join('\n')}`);
    }
    const uid = await k.ok(['get', 'pod', 'live-exec', '-o', 'jsonpath={.metadata.uid}']);
    assert.ok(ev.includes(`Warning BackOff kubelet: Back-off restarting failed container app in pod live-exec_default(${uid})`), ev.join('\n'));
    assert.equal(await k.ok(['get', 'pod', 'live-exec', '-o', 'jsonpath={.status.containerStatuses[0].lastState.terminated.reason}']), 'Error');
  });

  test('liveness tcpSocket on a port nothing listens on: connection refused, then restarted', async () => {
    await apply(
      podYaml(
        'live-tcp',
        `  - name: redis
    image: redis:7
    livenessProbe:
      tcpSocket:
        port: 6380
      periodSeconds: 2
      failureThreshold: 2
`,
      ),
    );
    await step(12_000);
    const ip = await podIP('live-tcp');
    assert.match(ip, /^10\.244\.\d+\.\d+$/);
    const ev = await podEvents('live-tcp');
    assert.ok(ev.includes(`Warning Unhealthy kubelet: Liveness probe failed: dial tcp ${ip}:6380: connect: connection refused`), ev.join('\n'));
    assert.ok(ev.includes('Normal Killing kubelet: Container redis failed liveness probe, will be restarted'), ev.join('\n'));
    assert.ok(restartCount(await row('live-tcp')) >= 1);
  });

  test('liveness httpGet on a 404 path: statuscode 404, restarted; / on the same port stays healthy', async () => {
    const nginx = (path: string) => `  - name: nginx
    image: nginx:1.27
    livenessProbe:
      httpGet:
        path: ${path}
        port: 80
      periodSeconds: 2
      failureThreshold: 2
`;
    await apply(podYaml('live-http', nginx('/healthz')) + '---\n' + podYaml('healthy', nginx('/')));
    await step(15_000);
    const ev = await podEvents('live-http');
    assert.ok(ev.includes('Warning Unhealthy kubelet: Liveness probe failed: HTTP probe failed with statuscode: 404'), ev.join('\n'));
    assert.ok(ev.includes('Normal Killing kubelet: Container nginx failed liveness probe, will be restarted'), ev.join('\n'));
    assert.ok(restartCount(await row('live-http')) >= 1);
    assert.deepEqual(await row('healthy'), { ready: '1/1', status: 'Running', restarts: '0' });
    assert.ok(!(await podEvents('healthy')).some((e) => e.includes('Unhealthy')));
    assert.match(await k.ok(['describe', 'pod', 'live-http']), /\n {4}Liveness: +http-get http:\/\/:80\/healthz delay=0s timeout=1s period=2s #success=1 #failure=2\n/);
  });

  test('a container that keeps exiting 1 goes into CrashLoopBackOff with growing back-off', async () => {
    await apply(
      podYaml(
        'crash',
        `  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "exit 1"]
`,
      ),
    );
    const rows = await watchRows('crash', 75);
    assertRestartsColumn(rows);
    assert.ok(rows.every((r) => r.ready === '0/1'));
    assert.ok(rows.some((r) => r.status === 'CrashLoopBackOff'));
    // Back-off 10 s, 20 s, 40 s: a handful of restarts in 75 s, not one per second.
    const n = restartCount(rows.at(-1)!);
    assert.ok(n >= 3 && n <= 5, `restarts ${n}`);
    const uid = await k.ok(['get', 'pod', 'crash', '-o', 'jsonpath={.metadata.uid}']);
    const ev = await podEvents('crash');
    assert.ok(ev.includes(`Warning BackOff kubelet: Back-off restarting failed container app in pod crash_default(${uid})`), ev.join('\n'));
    const describe = await k.ok(['describe', 'pod', 'crash']);
    assert.match(describe, /\n {4}State: +Waiting\n {6}Reason: +CrashLoopBackOff\n {4}Last State: +Terminated\n {6}Reason: +Error\n {6}Exit Code: +1\n/);
  });

  test('restartPolicy Never with exit 1 ends Failed: STATUS Error, no restarts', async () => {
    await apply(
      podYaml(
        'never',
        `  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "echo bye; exit 1"]
`,
        '  restartPolicy: Never\n',
      ),
    );
    await step(3000);
    assert.deepEqual(await row('never'), { ready: '0/1', status: 'Error', restarts: '0' });
    await step(30_000);
    assert.deepEqual(await row('never'), { ready: '0/1', status: 'Error', restarts: '0' });
    assert.equal(await k.ok(['get', 'pod', 'never', '-o', 'jsonpath={.status.phase}']), 'Failed');
    const describe = await k.ok(['describe', 'pod', 'never']);
    assert.match(describe, /\nStatus: +Failed\n/);
    assert.match(describe, /\n {4}State: +Terminated\n {6}Reason: +Error\n {6}Exit Code: +1\n/);
    assert.equal(await k.ok(['logs', 'never']), 'bye\n');
    assert.equal((await podEvents('never')).filter((e) => e.includes(' Started ')).length, 1);
  });

  test('a failing readiness probe gives READY 0/1 STATUS Running, without restarts', async () => {
    await apply(
      podYaml(
        'unready',
        `  - name: nginx
    image: nginx:1.27
    readinessProbe:
      httpGet:
        path: /ready
        port: 80
      periodSeconds: 2
`,
      ),
    );
    await step(5000);
    assert.deepEqual(await row('unready'), { ready: '0/1', status: 'Running', restarts: '0' });
    await step(30_000);
    assert.deepEqual(await row('unready'), { ready: '0/1', status: 'Running', restarts: '0' });
    const ev = await podEvents('unready');
    assert.ok(ev.includes('Warning Unhealthy kubelet: Readiness probe failed: HTTP probe failed with statuscode: 404'), ev.join('\n'));
    assert.ok(!ev.some((e) => e.includes('Killing')));
    const describe = await k.ok(['describe', 'pod', 'unready']);
    assert.match(describe, /\n {2}Ready +False \n {2}ContainersReady +False \n/);
    assert.equal(
      await k.ok(['get', 'pod', 'unready', '-o', 'jsonpath={.status.conditions[?(@.type=="ContainersReady")].message}']),
      'containers with unready status: [nginx]',
    );
  });
});
