/**
 * Real kubectl controlling rollouts: `rollout pause`/`resume` (a paused deployment scales but does not
 * roll out; Progressing Unknown DeploymentPaused), `rollout restart` (restartedAt -> a new ReplicaSet),
 * `wait --for=condition=Available`, and the fake clock behind minReadySeconds and
 * progressDeadlineSeconds (rollout status failing with "exceeded its progress deadline").
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import yaml from 'js-yaml';
import { skipReason } from '../helpers/kubectl.js';
import { deploymentYaml, exitOf, livePods, poll, replicaSets, rsSummary, startRolloutEnv, type RolloutEnv } from '../helpers/rollout-env.js';

type Cond = { type: string; status: string; reason: string; message: string };
const conditions = (d: { status?: { conditions?: Cond[] } }) => (d.status?.conditions ?? []).map((c) => `${c.type} ${c.status} ${c.reason}: ${c.message}`);

describe('kubectl rollout pause/resume/restart, wait, minReadySeconds, progress deadline', { skip: skipReason }, () => {
  let k: RolloutEnv;
  before(async () => {
    k = await startRolloutEnv();
  });
  after(async () => {
    await k?.stop();
  });

  test('pause: template changes make no new ReplicaSet, scaling still applies; resume rolls out', async () => {
    await k.ok(['apply', '-f', '-'], { stdin: deploymentYaml('web', { replicas: 2 }) });
    assert.equal(await k.ok(['rollout', 'status', 'deploy/web', '--timeout=10s']).then((s) => s.trimEnd().split('\n').at(-1)), 'deployment "web" successfully rolled out');
    await k.ok(['set', 'image', 'deploy/web', 'nginx=nginx:1.28']);
    assert.equal(await k.ok(['rollout', 'status', 'deploy/web', '--timeout=10s']).then((s) => s.trimEnd().split('\n').at(-1)), 'deployment "web" successfully rolled out');
    assert.equal(await k.ok(['rollout', 'pause', 'deploy/web']), 'deployment.apps/web paused\n');
    const again = await k.run(['rollout', 'pause', 'deploy/web']);
    assert.equal(again.code, 1);
    assert.equal(again.stderr, 'error: deployments.apps "web" is already paused\n');
    const paused = await poll(k, async () => {
      const d = yaml.load(await k.ok(['get', 'deploy', 'web', '-o', 'yaml'])) as { spec: { paused?: boolean }; status: { conditions: Cond[] } };
      assert.deepEqual(conditions(d), ['Available True MinimumReplicasAvailable: Deployment has minimum availability.', 'Progressing Unknown DeploymentPaused: Deployment is paused']);
      return d;
    });
    assert.equal(paused.spec.paused, true);

    assert.equal(await k.ok(['set', 'image', 'deploy/web', 'nginx=nginx:1.29']), 'deployment.apps/web image updated\n');
    await poll(k, async () => {
      const d = await k.json('deploy', 'web');
      assert.equal(d.status.observedGeneration, d.metadata.generation);
    });
    await poll(k, () => assert.deepEqual(rsSummary(k, 'web'), ['nginx:1.27:0@1', 'nginx:1.28:2@2']));
    // Still paused: rollout status sees no updated replica; undo and restart are refused.
    const status = k.spawn(['rollout', 'status', 'deploy/web']);
    await status.waitFor('Waiting for deployment "web" rollout to finish: 0 out of 2 new replicas have been updated...\n');
    const undo = await k.run(['rollout', 'undo', 'deploy/web']);
    assert.equal(undo.code, 1);
    assert.equal(undo.stderr.trim(), "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
    const restart = await k.run(['rollout', 'restart', 'deploy/web']);
    assert.equal(restart.code, 1);
    assert.equal(restart.stderr, 'error: deployments.apps "web" can\'t restart paused deployment (run rollout resume first)\n');
    // A paused deployment is scaled (the old ReplicaSet takes the new size).
    assert.equal(await k.ok(['scale', 'deploy/web', '--replicas=3']), 'deployment.apps/web scaled\n');
    await poll(k, () => {
      assert.deepEqual(rsSummary(k, 'web'), ['nginx:1.27:0@1', 'nginx:1.28:3@2']);
      assert.equal(livePods(k, 'web').length, 3);
    });

    assert.equal(await k.ok(['rollout', 'resume', 'deploy/web']), 'deployment.apps/web resumed\n');
    const resumedAgain = await k.run(['rollout', 'resume', 'deploy/web']);
    assert.equal(resumedAgain.code, 1);
    assert.equal(resumedAgain.stderr, 'error: deployments.apps "web" is not paused\n');
    const r = await exitOf(k, status);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trimEnd().split('\n').at(-1), 'deployment "web" successfully rolled out');
    await poll(k, () => assert.deepEqual(rsSummary(k, 'web'), ['nginx:1.27:0@1', 'nginx:1.28:0@2', 'nginx:1.29:3@3']));
    const d = await k.json('deploy', 'web');
    assert.equal(d.spec.paused, undefined);
    assert.deepEqual(conditions(d), [
      'Available True MinimumReplicasAvailable: Deployment has minimum availability.',
      `Progressing True NewReplicaSetAvailable: ReplicaSet "${replicaSets(k, 'web')[2]!.metadata.name}" has successfully progressed.`,
    ]);
  });

  test('rollout restart stamps restartedAt on the template: a new ReplicaSet replaces every pod', async () => {
    const before = livePods(k, 'web').map((p) => p.metadata.name);
    assert.equal(await k.ok(['rollout', 'restart', 'deploy/web']), 'deployment.apps/web restarted\n');
    const d = await k.json('deploy', 'web');
    const restartedAt = d.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt'];
    assert.match(restartedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(await k.ok(['rollout', 'status', 'deploy/web', '--timeout=10s']).then((s) => s.trimEnd().split('\n').at(-1)), 'deployment "web" successfully rolled out');
    await poll(k, () => assert.deepEqual(rsSummary(k, 'web'), ['nginx:1.27:0@1', 'nginx:1.28:0@2', 'nginx:1.29:0@3', 'nginx:1.29:3@4']));
    const newest = replicaSets(k, 'web')[3]!;
    assert.equal((newest.spec!.template as { metadata: { annotations: Record<string, string> } }).metadata.annotations['kubectl.kubernetes.io/restartedAt'], restartedAt);
    await poll(k, () => {
      const pods = livePods(k, 'web');
      assert.equal(pods.length, 3);
      assert.ok(pods.every((p) => !before.includes(p.metadata.name) && p.metadata.labels!['pod-template-hash'] === newest.metadata.labels!['pod-template-hash']));
    });
  });

  test('wait --for=condition=Available returns once replicas - maxUnavailable pods are available', async () => {
    k.rm.hold();
    // 4 replicas: maxUnavailable 25% = 1, so Available needs 3 available pods.
    await k.ok(['apply', '-f', '-'], { stdin: deploymentYaml('api', { replicas: 4 }) });
    await poll(k, () => assert.equal(k.rm.held.length, 4));
    const wait = k.spawn(['wait', '--for=condition=Available', 'deploy/api', '--timeout=60s']);
    k.rm.allow(2);
    await poll(k, async () => {
      const d = await k.json('deploy', 'api');
      assert.equal(d.status.availableReplicas, 2);
      assert.deepEqual(conditions(d)[0], 'Available False MinimumReplicasUnavailable: Deployment does not have minimum availability.');
    });
    assert.equal(wait.child.exitCode, null, `wait exited early: ${wait.stdout()}${wait.stderr()}`);
    k.rm.allow(1);
    const r = await exitOf(k, wait);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'deployment.apps/api condition met\n');
    assert.equal((await k.json('deploy', 'api')).status.availableReplicas, 3);
    k.rm.auto();
    assert.equal(await k.ok(['wait', '--for=jsonpath={.status.availableReplicas}=4', 'deploy/api', '--timeout=10s']), 'deployment.apps/api condition met\n');
  });

  test('minReadySeconds: ready pods count as available only once they have been ready that long', async () => {
    await k.ok(['apply', '-f', '-'], { stdin: deploymentYaml('slow', { replicas: 2, minReadySeconds: 30 }) });
    const status = k.spawn(['rollout', 'status', 'deploy/slow']);
    await status.waitFor('Waiting for deployment "slow" rollout to finish: 0 of 2 updated replicas are available...\n');
    await poll(k, async () => assert.equal((await k.json('deploy', 'slow')).status.readyReplicas, 2));
    // Available once ready for strictly more than minReadySeconds (IsPodAvailable uses Before).
    k.clock.step(30_000);
    await k.cluster.settle();
    const d = await k.json('deploy', 'slow');
    assert.equal(d.status.availableReplicas ?? 0, 0);
    assert.equal(status.child.exitCode, null);
    k.clock.step(1_000);
    const r = await exitOf(k, status);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, ['Waiting for deployment "slow" rollout to finish: 0 of 2 updated replicas are available...', 'deployment "slow" successfully rolled out', ''].join('\n'));
    assert.equal(replicaSets(k, 'slow')[0]!.spec!.replicas, 2);
    assert.equal(((replicaSets(k, 'slow')[0]! as { spec: { minReadySeconds?: number } }).spec.minReadySeconds), 30);
  });

  test('progressDeadlineSeconds: a stuck rollout turns ProgressDeadlineExceeded and rollout status fails', async () => {
    k.rm.hold();
    await k.ok(['apply', '-f', '-'], { stdin: deploymentYaml('stuck', { replicas: 2, progressDeadlineSeconds: 60 }) });
    const status = k.spawn(['rollout', 'status', 'deploy/stuck']);
    await status.waitFor('Waiting for deployment "stuck" rollout to finish: 0 of 2 updated replicas are available...\n');
    k.clock.step(59_000);
    await k.cluster.settle();
    assert.equal(status.child.exitCode, null);
    k.clock.step(2_000);
    const r = await exitOf(k, status);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'error: deployment "stuck" exceeded its progress deadline\n');
    const rs = replicaSets(k, 'stuck')[0]!.metadata.name;
    const d = await k.json('deploy', 'stuck');
    assert.deepEqual(conditions(d), [
      'Available False MinimumReplicasUnavailable: Deployment does not have minimum availability.',
      `Progressing False ProgressDeadlineExceeded: ReplicaSet "${rs}" has timed out progressing.`,
    ]);
    // The pods come up after all: progressing again, and complete.
    k.rm.auto();
    assert.equal(await k.ok(['rollout', 'status', 'deploy/stuck', '--timeout=10s']).then((s) => s.trimEnd().split('\n').at(-1)), 'deployment "stuck" successfully rolled out');
    await poll(k, async () =>
      assert.deepEqual(conditions(await k.json('deploy', 'stuck')), [
        'Available True MinimumReplicasAvailable: Deployment has minimum availability.',
        `Progressing True NewReplicaSetAvailable: ReplicaSet "${rs}" has successfully progressed.`,
      ]),
    );
  });
});
