import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../src/util/clock.js';
import { Backoff } from '../../src/kubelet/backoff.js';
import { expandVars, serviceEnv } from '../../src/kubelet/container-env.js';
import { goDuration, parseImage, canonicalImage } from '../../src/kubelet/images.js';
import { ContainerLog, readLog } from '../../src/kubelet/logs.js';
import { getPhase, type ApiContainerStatus } from '../../src/kubelet/pod-status.js';
import { PodIPAllocator } from '../../src/kubelet/node-runtime.js';
import { runProbe } from '../../src/kubelet/probes.js';
import { containerIDForLogs } from '../../src/kubelet/pod-logs.js';

const running = (name: string): ApiContainerStatus => ({ name, ready: true, restartCount: 0, state: { running: {} } });
const succeeded = (name: string): ApiContainerStatus => ({ name, ready: false, restartCount: 0, state: { terminated: { exitCode: 0 } } });
const failed = (name: string): ApiContainerStatus => ({ name, ready: false, restartCount: 0, state: { terminated: { exitCode: 1 } } });
const waiting = (name: string): ApiContainerStatus => ({ name, ready: false, restartCount: 0, state: { waiting: { reason: 'x' } } });
const waitingWithLast = (name: string, code: number): ApiContainerStatus => ({ name, ready: false, restartCount: 1, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: code } } });

test('getPhase: upstream TestPodPhaseWithRestartAlways/Never/OnFailure cases', () => {
  const spec = (restartPolicy: string) => ({ restartPolicy, containers: [{ name: 'a' }, { name: 'b' }] });
  const cases: Array<[string, ApiContainerStatus[], string]> = [
    ['Always', [running('a'), running('b')], 'Running'],
    ['Always', [succeeded('a'), succeeded('b')], 'Running'],
    ['Always', [running('a'), succeeded('b')], 'Running'],
    ['Always', [running('a')], 'Pending'],
    ['Always', [running('a'), waitingWithLast('b', 1)], 'Running'],
    ['Never', [running('a'), running('b')], 'Running'],
    ['Never', [succeeded('a'), succeeded('b')], 'Succeeded'],
    ['Never', [failed('a'), succeeded('b')], 'Failed'],
    ['Never', [running('a'), succeeded('b')], 'Running'],
    ['Never', [running('a')], 'Pending'],
    ['OnFailure', [succeeded('a'), succeeded('b')], 'Succeeded'],
    ['OnFailure', [failed('a'), succeeded('b')], 'Running'],
    ['OnFailure', [waiting('a'), running('b')], 'Pending'],
  ];
  for (const [policy, statuses, want] of cases) assert.equal(getPhase(spec(policy), statuses, false, false), want, `${policy} ${JSON.stringify(statuses)}`);
  // init containers
  const withInit = (restartPolicy: string) => ({ restartPolicy, initContainers: [{ name: 'i' }], containers: [{ name: 'a' }] });
  assert.equal(getPhase(withInit('Always'), [running('i'), waiting('a')], false, false), 'Pending');
  assert.equal(getPhase(withInit('Never'), [failed('i'), waiting('a')], false, false), 'Failed');
  assert.equal(getPhase(withInit('OnFailure'), [waitingWithLast('i', 1), waiting('a')], false, false), 'Pending');
  assert.equal(getPhase(withInit('Always'), [succeeded('i'), running('a')], false, false), 'Running');
  // terminal pods (deleted): all stopped
  assert.equal(getPhase(spec('Always'), [succeeded('a'), failed('b')], true, true), 'Failed');
  assert.equal(getPhase(spec('Always'), [succeeded('a'), succeeded('b')], true, true), 'Succeeded');
});

test('crash-loop back-off: 10s doubling to 300s, expiring after 10 minutes', () => {
  const clock = new FakeClock(0);
  const b = new Backoff(clock);
  const seen: number[] = [];
  for (let i = 0; i < 8; i++) {
    b.next('k', clock.now());
    seen.push(b.get('k'));
    clock.step(b.get('k'));
  }
  assert.deepEqual(seen, [10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
  b.next('k', clock.now());
  assert.equal(b.isInBackOffSince('k', clock.now()), true);
  clock.step(601_000);
  assert.equal(b.isInBackOffSince('k', clock.now()), false);
  b.next('k', clock.now());
  assert.equal(b.get('k'), 10_000);
});

test('$(VAR) expansion as upstream expansion.Expand', () => {
  const m = (n: string) => ({ A: 'x', B: 'y' })[n];
  const cases: Array<[string, string]> = [
    ['$(A)', 'x'],
    ['$(A)-$(B)', 'x-y'],
    ['$$(A)', '$(A)'],
    ['$(C)', '$(C)'],
    ['$A', '$A'],
    ['$(A', '$(A'],
    ['$', '$'],
    ['a$$b', 'a$b'],
  ];
  for (const [input, want] of cases) assert.equal(expandVars(input, m), want, input);
});

test('service environment variables', () => {
  const env = serviceEnv([{ metadata: { name: 'my-svc' }, spec: { clusterIP: '10.96.1.2', ports: [{ name: 'http', port: 80, protocol: 'TCP' }] } } as never, { metadata: { name: 'headless' }, spec: { clusterIP: 'None', ports: [{ port: 80 }] } } as never]);
  assert.deepEqual(env, {
    MY_SVC_SERVICE_HOST: '10.96.1.2',
    MY_SVC_SERVICE_PORT: '80',
    MY_SVC_SERVICE_PORT_HTTP: '80',
    MY_SVC_PORT: 'tcp://10.96.1.2:80',
    MY_SVC_PORT_80_TCP: 'tcp://10.96.1.2:80',
    MY_SVC_PORT_80_TCP_PROTO: 'tcp',
    MY_SVC_PORT_80_TCP_PORT: '80',
    MY_SVC_PORT_80_TCP_ADDR: '10.96.1.2',
  });
});

test('image references and Go durations', () => {
  assert.deepEqual(parseImage('nginx'), { registry: '', repository: 'library/nginx', shortName: 'nginx', tag: 'latest', digest: '' });
  assert.deepEqual(parseImage('registry.k8s.io/pause:3.10'), { registry: 'registry.k8s.io', repository: 'pause', shortName: 'pause', tag: '3.10', digest: '' });
  assert.equal(canonicalImage('bitnami/redis:7'), 'docker.io/bitnami/redis:7');
  assert.equal(canonicalImage('localhost:5000/app'), 'localhost:5000/app:latest');
  const d: Array<[number, string]> = [[0, '0s'], [512, '512ms'], [1200, '1.2s'], [2300, '2.3s'], [60_000, '1m0s'], [62_500, '1m2.5s'], [3_723_000, '1h2m3s']];
  for (const [ms, want] of d) assert.equal(goDuration(ms), want);
});

test('logs: tail counts lines, partial records join the next, limitBytes cuts, follow ends with the container', () => {
  const log = new ContainerLog();
  log.write('stdout', 'a\nb\n', 1000);
  log.write('stderr', 'par', 2000);
  log.write('stdout', 'tial\nc\n', 3000);
  const read = (q: Parameters<typeof readLog>[1]) => {
    let s = '';
    readLog(log, q, { write: (x) => (s += x), end: () => {} });
    return s;
  };
  assert.equal(read({}), 'a\nb\npartial\nc\n');
  assert.equal(read({ tailLines: 2 }), 'partial\nc\n');
  assert.equal(read({ tailLines: 0 }), '');
  assert.equal(read({ limitBytes: 3 }), 'a\nb');
  assert.equal(read({ sinceTime: 2000 }), 'partial\nc\n');
  assert.equal(read({ tailLines: 1, timestamps: true }), '1970-01-01T00:00:03.000000000Z c\n');
  let out = '';
  let ended = false;
  readLog(log, { follow: true, tailLines: 0 }, { write: (x) => (out += x), end: () => (ended = true) });
  log.write('stdout', 'd\n', 4000);
  assert.equal(out, 'd\n');
  assert.equal(ended, false);
  log.end();
  assert.equal(ended, true);
});

test('pod IPs: host-local style, next free after the last given', () => {
  const a = new PodIPAllocator('10.244.1.0/24');
  assert.equal(a.allocate('p1'), '10.244.1.2');
  assert.equal(a.allocate('p2'), '10.244.1.3');
  a.release('p1');
  assert.equal(a.allocate('p3'), '10.244.1.4');
  assert.equal(a.allocate('p2'), '10.244.1.3');
});

test('probe messages', async () => {
  const clock = new FakeClock(0);
  const target = {
    podIP: '10.244.1.5',
    ports: [{ name: 'http', containerPort: 8080 }],
    listening: (p: number) => p === 80,
    httpStatus: (_p: number, path: string) => (path === '/' ? 200 : 404),
    grpcServing: () => false,
    exec: async () => 1,
  };
  assert.deepEqual(await runProbe({ httpGet: { path: '/healthz', port: 'http' } }, target, clock), { result: 'failure', output: 'Get "http://10.244.1.5:8080/healthz": dial tcp 10.244.1.5:8080: connect: connection refused' });
  assert.deepEqual(await runProbe({ httpGet: { path: '/x', port: 80 } }, target, clock), { result: 'failure', output: 'HTTP probe failed with statuscode: 404' });
  assert.deepEqual(await runProbe({ httpGet: { path: '/', port: 80 } }, target, clock), { result: 'success', output: '' });
  assert.deepEqual(await runProbe({ tcpSocket: { port: 6379 } }, target, clock), { result: 'failure', output: 'dial tcp 10.244.1.5:6379: connect: connection refused' });
  assert.deepEqual(await runProbe({ tcpSocket: { port: 80 } }, target, clock), { result: 'success', output: '' });
  assert.deepEqual(await runProbe({ grpc: { port: 9090 } }, target, clock), { result: 'failure', output: 'timeout: failed to connect service "10.244.1.5:9090" within 1s' });
  assert.equal((await runProbe({ exec: { command: ['false'] } }, target, clock)).result, 'failure');
});

test('which container instance logs come from (validateContainerLogStatus)', () => {
  const st = (s: Partial<ApiContainerStatus>) => ({ containerStatuses: [{ name: 'c', ready: false, restartCount: 0, ...s } as ApiContainerStatus] });
  assert.deepEqual(containerIDForLogs('p', st({ state: { running: {} }, containerID: 'containerd://1' }), 'c', false), { id: 'containerd://1' });
  assert.deepEqual(containerIDForLogs('p', st({ state: { waiting: { reason: 'ContainerCreating' } } }), 'c', false), { error: 'container "c" in pod "p" is waiting to start: ContainerCreating' });
  assert.deepEqual(containerIDForLogs('p', st({ state: { waiting: { reason: 'ErrImagePull' } } }), 'c', false), { error: `container "c" in pod "p" is waiting to start: image can't be pulled` });
  assert.deepEqual(containerIDForLogs('p', st({ state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, containerID: 'containerd://2' } } }), 'c', false), { id: 'containerd://2' });
  assert.deepEqual(containerIDForLogs('p', st({ state: { running: {} } }), 'c', true), { error: 'previous terminated container "c" in pod "p" not found' });
  assert.deepEqual(containerIDForLogs('p', st({}), 'x', false), { error: 'container "x" in pod "p" is not available' });
});
