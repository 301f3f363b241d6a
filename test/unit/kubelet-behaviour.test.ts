/** Behaviour overrides: image globs, Behavior matching and merging, annotation parsing and precedence. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../../src/api/meta.js';
import { behaviorMatches, fromSpec, globMatch, imageMatches, resolveBehaviour } from '../../src/kubelet/behaviour.js';

const globs: Array<[string, string, boolean]> = [
  ['nginx*', 'nginx:1.27', true],
  ['nginx', 'nginx:1.27', false],
  ['*', 'anything/at:all', true],
  ['redis:7.?', 'redis:7.4', true],
  ['redis:7.?', 'redis:7.40', false],
  ['a.b', 'aXb', false],
  ['registry.example.com/*/app:*', 'registry.example.com/team/app:v1', true],
];
for (const [pattern, s, want] of globs) test(`glob ${pattern} vs ${s}`, () => assert.equal(globMatch(pattern, s), want));

test('image globs match the image as written or canonical', () => {
  assert.equal(imageMatches('docker.io/library/busybox:*', 'busybox:1.36'), true);
  assert.equal(imageMatches('docker.io/library/busybox:*', 'busybox'), true);
  assert.equal(imageMatches('busybox:1.36', 'docker.io/library/busybox:1.36'), false);
});

const pod = (labels: Record<string, string> = {}, annotations: Record<string, string> = {}, namespace = 'default'): KObject => ({ metadata: { name: 'p', namespace, labels, annotations }, spec: {} }) as KObject;
const obj = (name: string, spec: Record<string, unknown>): KObject => ({ metadata: { name }, spec }) as KObject;

test('matching: namespaces, selector (matchLabels, matchExpressions), containers, image', () => {
  const c = { name: 'web', image: 'nginx:1.27' };
  assert.equal(behaviorMatches({}, pod(), c), true);
  assert.equal(behaviorMatches({ namespaces: ['prod'] }, pod(), c), false);
  assert.equal(behaviorMatches({ namespaces: ['prod'] }, pod({}, {}, 'prod'), c), true);
  assert.equal(behaviorMatches({ selector: { matchLabels: { app: 'web' } } }, pod({ app: 'web' }), c), true);
  assert.equal(behaviorMatches({ selector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] } }, pod({ tier: 'db' }), c), false);
  assert.equal(behaviorMatches({ containers: ['sidecar'] }, pod(), c), false);
  assert.equal(behaviorMatches({ image: 'redis*' }, pod(), c), false);
});

test('a spec as overrides: durations in ms, exit code alone crashes at once, probe failures from T', () => {
  assert.deepEqual(fromSpec({ pullFailure: true }), { pullError: '' });
  assert.deepEqual(fromSpec({ pullFailure: true, pullError: 'denied' }), { pullError: 'denied' });
  assert.deepEqual(fromSpec({ startDelay: '1m30s', crashAfter: '500ms', exitCode: 3 }), { startDelayMs: 90_000, exitAfterMs: 500, exitCode: 3 });
  assert.deepEqual(fromSpec({ exitCode: 0 }), { exitCode: 0, exitAfterMs: 0 });
  assert.deepEqual(fromSpec({ probeFailures: [{ probe: 'liveness', after: '30s' }, { probe: 'readiness' }, { probe: 'bogus' }] }), { probeFailures: { liveness: 30_000, readiness: 0 } });
  assert.deepEqual(fromSpec({ ports: [8080], files: { '/x': 'y' }, usage: { cpu: '250m', memory: '64Mi' } }), { ports: [8080], files: { '/x': 'y' }, usage: { cpu: '250m', memory: '64Mi' } });
  assert.deepEqual(fromSpec({ startDelay: 'soon' }), {});
});

test('precedence: Behaviors by name, then annotations, then container-specific annotations', () => {
  const behaviors = [
    obj('b', { startDelay: '20s', files: { '/b': 'b' } }),
    obj('a', { startDelay: '10s', pullFailure: true, files: { '/a': 'a' }, probeFailures: [{ probe: 'startup' }] }),
  ];
  const c = { name: 'web', image: 'nginx' };
  assert.deepEqual(resolveBehaviour(pod(), c, behaviors), { startDelayMs: 20_000, pullError: '', files: { '/a': 'a', '/b': 'b' }, probeFailures: { startup: 0 } });
  const ann = {
    'kubemu.dev/pull-failure': 'false',
    'kubemu.dev/start-delay': '1s',
    'kubemu.dev/start-delay.web': '2s',
    'kubemu.dev/start-delay.other': '3s',
    'kubemu.dev/probe-failure': 'liveness@1m,readiness',
    'kubemu.dev/files': '{"/c":"c"}',
    'kubemu.dev/ports': '8080, 9090',
    'kubemu.dev/cpu-usage': '300m',
    'kubemu.dev/memory-usage.web': '50%',
    'example.com/start-delay': '9s',
  };
  assert.deepEqual(resolveBehaviour(pod({}, ann), c, behaviors), {
    startDelayMs: 2000,
    files: { '/a': 'a', '/b': 'b', '/c': 'c' },
    probeFailures: { liveness: 60_000, readiness: 0 },
    ports: [8080, 9090],
    usage: { cpu: '300m', memory: '50%' },
  });
});

test('annotation values that do not parse are ignored', () => {
  const ann = {
    'kubemu.dev/start-delay': 'five',
    'kubemu.dev/exit-code': '-1',
    'kubemu.dev/probe-failure': 'sideways',
    'kubemu.dev/files': '[1]',
    'kubemu.dev/ports': '80,http',
    'kubemu.dev/memory-usage': 'lots',
  };
  assert.deepEqual(resolveBehaviour(pod({}, ann), { name: 'x' }, []), {});
  assert.deepEqual(resolveBehaviour(pod({}, { 'kubemu.dev/probe-failure': 'none' }), { name: 'x' }, [obj('a', { probeFailures: [{ probe: 'liveness' }] })]), {});
});
