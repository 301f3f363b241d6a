import { test } from 'node:test';
import assert from 'node:assert/strict';
import { containerUsage, idleUsage, overrideValue, type UsagePod } from '../../src/kubelet/usage.js';

const now = Date.parse('2024-01-01T00:01:00Z');
const pod = (annotations: Record<string, string> = {}): UsagePod => ({
  metadata: { uid: 'u1', name: 'p', annotations },
  spec: { containers: [{ name: 'a', image: 'nginx', resources: { requests: { cpu: '200m', memory: '64Mi' } } }, { name: 'b', image: 'busybox', resources: { limits: { cpu: '1' } } }] },
  status: { containerStatuses: [{ name: 'a', state: { running: { startedAt: '2024-01-01T00:00:00Z' } } }, { name: 'b', state: { running: { startedAt: '2024-01-01T00:00:00Z' } } }] },
});

test('overrideValue: quantities, or a percentage of the request (else the limit)', () => {
  const cases: Array<[string | undefined, 'cpu' | 'memory', Record<string, Record<string, string>> | undefined, number | undefined]> = [
    ['400m', 'cpu', undefined, 0.4],
    ['80%', 'cpu', { requests: { cpu: '200m' } }, 0.16],
    ['50%', 'cpu', { limits: { cpu: '1' } }, 0.5],
    ['50%', 'memory', { requests: { memory: '64Mi' } }, 32 * 1024 * 1024],
    ['50%', 'cpu', {}, undefined],
    ['x', 'cpu', undefined, undefined],
    [undefined, 'cpu', undefined, undefined],
  ];
  for (const [v, r, res, want] of cases) {
    const got = overrideValue(v, r, res);
    if (want === undefined) assert.equal(got, undefined, String(v));
    else assert.ok(Math.abs(got! - want) < 1e-9, `${v}: ${got}`);
  }
});

test('containerUsage: annotations (per container wins), or the resolved overrides when given', () => {
  const idle = idleUsage('u1/a', 'nginx');
  assert.deepEqual(containerUsage(pod(), 'a', now), idle);
  assert.equal(containerUsage(pod({ 'kubemu.dev/cpu-usage': '80%' }), 'a', now)!.cpuNanoCores, 160e6);
  assert.equal(containerUsage(pod({ 'kubemu.dev/cpu-usage': '80%', 'kubemu.dev/cpu-usage.a': '10m' }), 'a', now)!.cpuNanoCores, 10e6);
  assert.equal(containerUsage(pod({ 'kubemu.dev/cpu-usage': '80%' }), 'b', now)!.cpuNanoCores, 800e6);
  // overrides (Behavior objects merged with annotations by behaviour.ts) replace the annotation lookup
  const u = containerUsage(pod({ 'kubemu.dev/cpu-usage': '80%' }), 'a', now, { cpu: '300m', memory: '50%' })!;
  assert.deepEqual(u, { cpuNanoCores: 300e6, memoryBytes: 32 * 1024 * 1024 });
  assert.deepEqual(containerUsage(pod({ 'kubemu.dev/cpu-usage': '80%' }), 'a', now, {}), idle);
  // usage-from: the override applies only from that long after the start
  assert.deepEqual(containerUsage(pod({ 'kubemu.dev/cpu-usage': '80%', 'kubemu.dev/usage-from': '2m' }), 'a', now), idle);
  assert.equal(containerUsage(pod({ 'kubemu.dev/cpu-usage': '80%', 'kubemu.dev/usage-from': '30s' }), 'a', now)!.cpuNanoCores, 160e6);
  // not running: no usage
  const stopped = pod();
  stopped.status!.containerStatuses![0]!.state = {};
  assert.equal(containerUsage(stopped, 'a', now), undefined);
});
