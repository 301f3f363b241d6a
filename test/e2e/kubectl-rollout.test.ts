/**
 * Real kubectl driving Deployment rollouts on the running controllers: apply + `rollout status`
 * (waiting lines, success), `scale`, `set image` (a new ReplicaSet, the old one scaled down as new
 * pods become ready), `rollout history` (+ --revision, CHANGE-CAUSE) and `rollout undo`
 * (+ --to-revision: the old ReplicaSet reused with revision max+1, no new ReplicaSet). Pods are made
 * ready by a ReadyMaker standing in for the kubelet, a few at a time when a test holds them.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { skipReason } from '../helpers/kubectl.js';
import { deploymentYaml, livePods, poll, replicaSets, rsSummary, startRolloutEnv, type RolloutEnv } from '../helpers/rollout-env.js';

const waiting = (msg: string) => `Waiting for deployment "web" rollout to finish: ${msg}...`;

/** The lines `rollout status` may print while a rollout of `replicas` pods goes on (DeploymentStatusViewer). */
function isStatusLine(line: string, replicas: number): boolean {
  return (
    line === 'Waiting for deployment spec update to be observed...' ||
    new RegExp(`^Waiting for deployment "web" rollout to finish: (\\d+ out of ${replicas} new replicas have been updated|\\d+ old replicas are pending termination|\\d+ of ${replicas} updated replicas are available)\\.\\.\\.$`).test(line) ||
    line === 'deployment "web" successfully rolled out'
  );
}

describe('kubectl rollout: status, scale, set image, history, undo', { skip: skipReason }, () => {
  let k: RolloutEnv;
  const rsNames = () => replicaSets(k, 'web').map((rs) => rs.metadata.name!);
  before(async () => {
    k = await startRolloutEnv();
  });
  after(async () => {
    await k?.stop();
  });

  test('apply, then rollout status waits for the pods to become available, one line per change', async () => {
    k.rm.hold();
    assert.equal(await k.ok(['apply', '-f', '-'], { stdin: deploymentYaml('web', { replicas: 3 }) }), 'deployment.apps/web created\n');
    // Three pods created by the ReplicaSet, scheduled, and held back from becoming ready.
    await poll(k, () => assert.equal(k.rm.held.length, 3));
    const status = k.spawn(['rollout', 'status', 'deploy/web']);
    await status.waitFor(waiting('0 of 3 updated replicas are available'));
    k.rm.allow(1);
    await status.waitFor(waiting('1 of 3 updated replicas are available'));
    k.rm.allow(1);
    await status.waitFor(waiting('2 of 3 updated replicas are available'));
    k.rm.allow(1);
    const r = await status.exited();
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.trimEnd().split('\n'), [
      waiting('0 of 3 updated replicas are available'),
      waiting('1 of 3 updated replicas are available'),
      waiting('2 of 3 updated replicas are available'),
      'deployment "web" successfully rolled out',
    ]);
    // Once done, rollout status answers at once.
    assert.equal(await k.ok(['rollout', 'status', 'deploy/web']), 'deployment "web" successfully rolled out\n');
    assert.deepEqual(rsSummary(k, 'web'), ['nginx:1.27:3@1']);
    const rs = replicaSets(k, 'web')[0]!;
    assert.equal(rs.metadata.name, `web-${rs.metadata.labels!['pod-template-hash']}`);
    assert.deepEqual(
      livePods(k, 'web').map((p) => p.metadata.generateName),
      Array(3).fill(`${rs.metadata.name}-`),
    );
    const d = await k.json('deploy', 'web');
    assert.deepEqual(
      { replicas: d.status.replicas, updated: d.status.updatedReplicas, ready: d.status.readyReplicas, available: d.status.availableReplicas, observed: d.status.observedGeneration },
      { replicas: 3, updated: 3, ready: 3, available: 3, observed: 1 },
    );
    assert.equal(d.metadata.annotations['deployment.kubernetes.io/revision'], '1');
    k.rm.auto();
  });

  test('scale up and down through the scale subresource; the ReplicaSet follows', async () => {
    assert.equal(await k.ok(['scale', 'deploy/web', '--replicas=5']), 'deployment.apps/web scaled\n');
    assert.equal(await k.ok(['rollout', 'status', 'deploy/web', '--timeout=10s']), 'deployment "web" successfully rolled out\n');
    await poll(k, () => {
      assert.deepEqual(rsSummary(k, 'web'), ['nginx:1.27:5@1']);
      assert.equal(livePods(k, 'web').length, 5);
    });
    assert.equal(await k.ok(['get', 'deploy', 'web', '-o', 'jsonpath={.status.readyReplicas}/{.status.availableReplicas}']), '5/5');
    assert.equal(await k.ok(['scale', 'deploy/web', '--replicas=3']), 'deployment.apps/web scaled\n');
    await poll(k, () => {
      assert.deepEqual(rsSummary(k, 'web'), ['nginx:1.27:3@1']);
      assert.equal(livePods(k, 'web').length, 3);
    });
    assert.equal(await k.ok(['rollout', 'status', 'deploy/web']), 'deployment "web" successfully rolled out\n');
    const [rs] = rsNames();
    const events = await k.ok(['get', 'events', '--field-selector', 'involvedObject.kind=Deployment,involvedObject.name=web', '-o', 'jsonpath={range .items[*]}{.reason}: {.message}{"\\n"}{end}']);
    assert.deepEqual(events.trimEnd().split('\n'), [
      `ScalingReplicaSet: Scaled up replica set ${rs} from 0 to 3`,
      `ScalingReplicaSet: Scaled up replica set ${rs} from 3 to 5`,
      `ScalingReplicaSet: Scaled down replica set ${rs} from 5 to 3`,
    ]);
  });

  test('set image: a new ReplicaSet, the old one scaled down as new pods become available', async () => {
    k.rm.hold();
    assert.equal(await k.ok(['set', 'image', 'deploy/web', 'nginx=nginx:1.28']), 'deployment.apps/web image updated\n');
    // 3 replicas: maxSurge 25% rounds up to 1, maxUnavailable 25% rounds down to 0.
    await poll(k, () => assert.deepEqual(rsSummary(k, 'web'), ['nginx:1.27:3@1', 'nginx:1.28:1@2']));
    const status = k.spawn(['rollout', 'status', 'deploy/web']);
    await status.waitFor(waiting('1 out of 3 new replicas have been updated'));
    k.rm.allow(1);
    await poll(k, () => assert.deepEqual(rsSummary(k, 'web'), ['nginx:1.27:2@1', 'nginx:1.28:2@2']));
    await status.waitFor(waiting('2 out of 3 new replicas have been updated'));
    k.rm.allow(1);
    await poll(k, () => assert.deepEqual(rsSummary(k, 'web'), ['nginx:1.27:1@1', 'nginx:1.28:3@2']));
    k.rm.auto();
    const r = await status.exited();
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.ok(lines.every((l) => isStatusLine(l, 3)), r.stdout);
    assert.equal(lines.at(-1), 'deployment "web" successfully rolled out');
    await poll(k, () => {
      assert.deepEqual(rsSummary(k, 'web'), ['nginx:1.27:0@1', 'nginx:1.28:3@2']);
      assert.deepEqual(
        livePods(k, 'web').map((p) => (p.spec as { containers: Array<{ image: string }> }).containers[0]!.image),
        ['nginx:1.28', 'nginx:1.28', 'nginx:1.28'],
      );
    });
    const [oldRs, newRs] = rsNames();
    assert.equal(await k.ok(['get', 'deploy', 'web', '-o', 'jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}']), '2');
    const events = await k.ok(['get', 'events', '--field-selector', 'involvedObject.kind=Deployment,involvedObject.name=web', '-o', 'jsonpath={range .items[*]}{.message}{"\\n"}{end}']);
    assert.deepEqual(events.trimEnd().split('\n').slice(3), [
      `Scaled up replica set ${newRs} from 0 to 1`,
      `Scaled down replica set ${oldRs} from 3 to 2`,
      `Scaled up replica set ${newRs} from 1 to 2`,
      `Scaled down replica set ${oldRs} from 2 to 1`,
      `Scaled up replica set ${newRs} from 2 to 3`,
      `Scaled down replica set ${oldRs} from 1 to 0`,
    ]);
  });

  test('rollout history lists revisions with the change-cause copied to each ReplicaSet', async () => {
    assert.equal(await k.ok(['rollout', 'history', 'deploy/web']), ['deployment.apps/web ', 'REVISION  CHANGE-CAUSE', '1         <none>', '2         <none>', '', ''].join('\n'));
    await k.ok(['annotate', 'deploy/web', 'kubernetes.io/change-cause=upgrade to nginx 1.28']);
    // The controller copies the deployment's annotations to its current ReplicaSet.
    await poll(k, () => assert.equal(replicaSets(k, 'web')[1]!.metadata.annotations?.['kubernetes.io/change-cause'], 'upgrade to nginx 1.28'));
    assert.equal(replicaSets(k, 'web')[0]!.metadata.annotations?.['kubernetes.io/change-cause'], undefined);
    assert.equal(await k.ok(['rollout', 'history', 'deploy/web']), ['deployment.apps/web ', 'REVISION  CHANGE-CAUSE', '1         <none>', '2         upgrade to nginx 1.28', '', ''].join('\n'));
  });

  test('rollout history --revision shows that revision\'s pod template', async () => {
    const [rs1, rs2] = replicaSets(k, 'web');
    const hash = (rs: typeof rs1) => rs!.metadata.labels!['pod-template-hash'];
    const template = (image: string) => ['  Containers:', '   nginx:', `    Image:\t${image}`, '    Port:\t<none>', '    Host Port:\t<none>', '    Environment:\t<none>', '    Mounts:\t<none>', '  Volumes:\t<none>', '  Node-Selectors:\t<none>', '  Tolerations:\t<none>', '', ''];
    assert.equal(
      await k.ok(['rollout', 'history', 'deploy/web', '--revision=1']),
      ['deployment.apps/web with revision #1', 'Pod Template:', '  Labels:\tapp=web', `\tpod-template-hash=${hash(rs1)}`, ...template('nginx:1.27')].join('\n'),
    );
    assert.equal(
      await k.ok(['rollout', 'history', 'deploy/web', '--revision=2']),
      [
        'deployment.apps/web with revision #2',
        'Pod Template:',
        '  Labels:\tapp=web',
        `\tpod-template-hash=${hash(rs2)}`,
        '  Annotations:\tkubernetes.io/change-cause: upgrade to nginx 1.28',
        ...template('nginx:1.28'),
      ].join('\n'),
    );
    const missing = await k.run(['rollout', 'history', 'deploy/web', '--revision=7']);
    assert.equal(missing.code, 1);
    assert.equal(missing.stderr.trim(), 'error: unable to find the specified revision');
  });

  test('rollout undo reuses the previous ReplicaSet with revision max+1 and creates none', async () => {
    const before = rsNames();
    assert.equal(await k.ok(['rollout', 'undo', 'deploy/web']), 'deployment.apps/web rolled back\n');
    assert.equal(await k.ok(['rollout', 'status', 'deploy/web', '--timeout=10s']).then((s) => s.trimEnd().split('\n').at(-1)), 'deployment "web" successfully rolled out');
    await poll(k, () => assert.deepEqual(rsSummary(k, 'web'), ['nginx:1.28:0@2', 'nginx:1.27:3@3']));
    assert.deepEqual(rsNames().sort(), [...before].sort());
    const reused = replicaSets(k, 'web')[1]!;
    assert.equal(reused.metadata.name, before[0]);
    assert.equal(reused.metadata.annotations!['deployment.kubernetes.io/revision-history'], '1');
    const d = await k.json('deploy', 'web');
    assert.equal(d.spec.template.spec.containers[0].image, 'nginx:1.27');
    assert.equal(d.metadata.annotations['deployment.kubernetes.io/revision'], '3');
    // kubectl replaced the deployment's annotations with the ReplicaSet's: revision 1 had no change-cause.
    assert.equal(d.metadata.annotations['kubernetes.io/change-cause'], undefined);
    assert.equal(await k.ok(['rollout', 'history', 'deploy/web']), ['deployment.apps/web ', 'REVISION  CHANGE-CAUSE', '2         upgrade to nginx 1.28', '3         <none>', '', ''].join('\n'));
    await poll(k, () => assert.ok(livePods(k, 'web').every((p) => p.metadata.labels!['pod-template-hash'] === reused.metadata.labels!['pod-template-hash'])));
  });

  test('rollout undo --to-revision picks that revision; the current one and unknown ones are refused', async () => {
    assert.equal(await k.ok(['rollout', 'undo', 'deploy/web', '--to-revision=2']), 'deployment.apps/web rolled back\n');
    await poll(k, () => assert.deepEqual(rsSummary(k, 'web'), ['nginx:1.27:0@3', 'nginx:1.28:3@4']));
    assert.equal(replicaSets(k, 'web').length, 2);
    assert.equal(replicaSets(k, 'web')[1]!.metadata.annotations!['deployment.kubernetes.io/revision-history'], '2');
    assert.equal(replicaSets(k, 'web')[1]!.metadata.annotations!['kubernetes.io/change-cause'], 'upgrade to nginx 1.28');
    assert.equal(await k.ok(['get', 'deploy', 'web', '-o', 'jsonpath={.metadata.annotations.kubernetes\\.io/change-cause}']), 'upgrade to nginx 1.28');
    assert.equal(await k.ok(['rollout', 'undo', 'deploy/web', '--to-revision=4']), 'deployment.apps/web skipped rollback (current template already matches revision 4)\n');
    const gone = await k.run(['rollout', 'undo', 'deploy/web', '--to-revision=1']);
    assert.equal(gone.code, 1);
    assert.equal(gone.stderr.trim(), 'error: unable to find specified revision 1 in history');
    assert.equal(await k.ok(['rollout', 'status', 'deploy/web']), 'deployment "web" successfully rolled out\n');
    assert.equal(await k.ok(['rollout', 'history', 'deploy/web']), ['deployment.apps/web ', 'REVISION  CHANGE-CAUSE', '3         <none>', '4         upgrade to nginx 1.28', '', ''].join('\n'));
  });
});
