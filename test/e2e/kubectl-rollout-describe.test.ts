/**
 * Real kubectl describe of a Deployment and its ReplicaSets in the middle of a rolling update and
 * after it, compared line by line with what a real cluster shows in the same state: replica counts,
 * the Conditions table, OldReplicaSets/NewReplicaSet, and the ScalingReplicaSet /
 * SuccessfulCreate / SuccessfulDelete events with the controllers' upstream wording. Event ages
 * (kubectl's wall clock against the cluster's fake one) are the only cells left out.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { skipReason } from '../helpers/kubectl.js';
import { deploymentYaml, livePods, poll, replicaSets, rsSummary, startRolloutEnv, type RolloutEnv } from '../helpers/rollout-env.js';

/** The output with each Events row's Age cell replaced by "<age>" and the table re-joined by " | ". */
function withoutEventAges(out: string): string[] {
  const lines = out.trimEnd().split('\n');
  const at = lines.indexOf('Events:');
  if (at < 0) return lines;
  return [...lines.slice(0, at + 1), ...lines.slice(at + 1).map((l) => l.trim().split(/\s{2,}/).map((cell, i) => (i === 2 && !/^-+$/.test(cell) && cell !== 'Age' ? '<age>' : cell)).join(' | '))];
}

const podTemplate = (image: string, labels: string[]) => [
  'Pod Template:',
  `  Labels:  ${labels[0]}`,
  ...labels.slice(1).map((l) => `           ${l}`),
  '  Containers:',
  '   nginx:',
  `    Image:         ${image}`,
  '    Port:          <none>',
  '    Host Port:     <none>',
  '    Environment:   <none>',
  '    Mounts:        <none>',
  '  Volumes:         <none>',
  '  Node-Selectors:  <none>',
  '  Tolerations:     <none>',
];

const eventsTable = (from: string, rows: Array<[string, string]>) => [
  'Events:',
  'Type | Reason | Age | From | Message',
  '---- | ------ | ---- | ---- | -------',
  ...rows.map(([reason, message]) => `Normal | ${reason} | <age> | ${from} | ${message}`),
];

describe('kubectl describe deploy/rs during and after a rollout', { skip: skipReason }, () => {
  let k: RolloutEnv;
  let oldRs = '';
  let newRs = '';
  const hashOf = (name: string) => name.slice('web-'.length);
  const podNames = (rs: string) => k.list('', 'pods', 'default', `pod-template-hash=${hashOf(rs)}`).map((p) => p.metadata.name!);
  const createdOld: string[] = [];

  before(async () => {
    k = await startRolloutEnv();
    await k.ok(['apply', '-f', '-'], { stdin: deploymentYaml('web', { replicas: 3 }) });
    await k.ok(['rollout', 'status', 'deploy/web', '--timeout=10s']);
    oldRs = replicaSets(k, 'web')[0]!.metadata.name!;
    createdOld.push(...(k.list('', 'events', 'default') as Array<{ involvedObject: { name: string }; message: string }>).filter((e) => e.involvedObject.name === oldRs).map((e) => e.message.replace('Created pod: ', '')));
    k.clock.step(60_000);
    k.rm.hold();
    await k.ok(['set', 'image', 'deploy/web', 'nginx=nginx:1.28']);
    await poll(k, () => {
      assert.deepEqual(rsSummary(k, 'web'), ['nginx:1.27:3@1', 'nginx:1.28:1@2']);
      assert.equal(k.rm.held.length, 1);
    });
    newRs = replicaSets(k, 'web')[1]!.metadata.name!;
  });
  after(async () => {
    await k?.stop();
  });

  test('describe deploy mid-rollout: 1 updated of 4, Progressing ReplicaSetUpdated, old and new ReplicaSets', async () => {
    assert.equal(createdOld.length, 3);
    const out = await k.ok(['describe', 'deploy', 'web']);
    assert.deepEqual(withoutEventAges(out), [
      'Name:                   web',
      'Namespace:              default',
      'CreationTimestamp:      Mon, 01 Jan 2024 00:00:00 +0000',
      'Labels:                 app=web',
      'Annotations:            deployment.kubernetes.io/revision: 2',
      'Selector:               app=web',
      'Replicas:               3 desired | 1 updated | 4 total | 3 available | 1 unavailable',
      'StrategyType:           RollingUpdate',
      'MinReadySeconds:        0',
      'RollingUpdateStrategy:  25% max unavailable, 25% max surge',
      ...podTemplate('nginx:1.28', ['app=web']),
      'Conditions:',
      '  Type           Status  Reason',
      '  ----           ------  ------',
      '  Available      True    MinimumReplicasAvailable',
      '  Progressing    True    ReplicaSetUpdated',
      `OldReplicaSets:  ${oldRs} (3/3 replicas created)`,
      `NewReplicaSet:   ${newRs} (1/1 replicas created)`,
      ...eventsTable('deployment-controller', [
        ['ScalingReplicaSet', `Scaled up replica set ${oldRs} from 0 to 3`],
        ['ScalingReplicaSet', `Scaled up replica set ${newRs} from 0 to 1`],
      ]),
    ]);
  });

  test('describe rs mid-rollout: the old one running 3, the new one with 1 pod waiting', async () => {
    const rsHeader = (name: string, replicas: number, rev: number) => [
      `Name:           ${name}`,
      'Namespace:      default',
      `Selector:       app=web,pod-template-hash=${hashOf(name)}`,
      'Labels:         app=web',
      `                pod-template-hash=${hashOf(name)}`,
      'Annotations:    deployment.kubernetes.io/desired-replicas: 3',
      '                deployment.kubernetes.io/max-replicas: 4',
      `                deployment.kubernetes.io/revision: ${rev}`,
      'Controlled By:  Deployment/web',
      `Replicas:       ${replicas} current / ${replicas} desired`,
    ];
    assert.deepEqual(withoutEventAges(await k.ok(['describe', 'rs', oldRs])), [
      ...rsHeader(oldRs, 3, 1),
      'Pods Status:    3 Running / 0 Waiting / 0 Succeeded / 0 Failed',
      ...podTemplate('nginx:1.27', ['app=web', `pod-template-hash=${hashOf(oldRs)}`]),
      ...eventsTable(
        'replicaset-controller',
        createdOld.map((p) => ['SuccessfulCreate', `Created pod: ${p}`]),
      ),
    ]);
    const [pod] = podNames(newRs);
    assert.deepEqual(withoutEventAges(await k.ok(['describe', 'rs', newRs])), [
      ...rsHeader(newRs, 1, 2),
      'Pods Status:    0 Running / 1 Waiting / 0 Succeeded / 0 Failed',
      ...podTemplate('nginx:1.28', ['app=web', `pod-template-hash=${hashOf(newRs)}`]),
      ...eventsTable('replicaset-controller', [['SuccessfulCreate', `Created pod: ${pod}`]]),
    ]);
  });

  test('after the rollout: counts, NewReplicaSetAvailable, every scaling step in the events', async () => {
    // One pod at a time, a minute apart, so every event has its own timestamp.
    const steps = [
      ['nginx:1.27:2@1', 'nginx:1.28:2@2'],
      ['nginx:1.27:1@1', 'nginx:1.28:3@2'],
      ['nginx:1.27:0@1', 'nginx:1.28:3@2'],
    ];
    for (const want of steps) {
      k.clock.step(60_000);
      k.rm.allow(1);
      await poll(k, () => assert.deepEqual(rsSummary(k, 'web'), want));
    }
    await poll(k, () => assert.equal(livePods(k, 'web').length, 3));
    assert.equal(await k.ok(['rollout', 'status', 'deploy/web']), 'deployment "web" successfully rolled out\n');
    const out = withoutEventAges(await k.ok(['describe', 'deploy', 'web']));
    assert.deepEqual(out.slice(6, 7), ['Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable']);
    assert.deepEqual(out.slice(out.indexOf('Conditions:')), [
      'Conditions:',
      '  Type           Status  Reason',
      '  ----           ------  ------',
      '  Available      True    MinimumReplicasAvailable',
      '  Progressing    True    NewReplicaSetAvailable',
      `OldReplicaSets:  ${oldRs} (0/0 replicas created)`,
      `NewReplicaSet:   ${newRs} (3/3 replicas created)`,
      ...eventsTable('deployment-controller', [
        ['ScalingReplicaSet', `Scaled up replica set ${oldRs} from 0 to 3`],
        ['ScalingReplicaSet', `Scaled up replica set ${newRs} from 0 to 1`],
        ['ScalingReplicaSet', `Scaled down replica set ${oldRs} from 3 to 2`],
        ['ScalingReplicaSet', `Scaled up replica set ${newRs} from 1 to 2`],
        ['ScalingReplicaSet', `Scaled down replica set ${oldRs} from 2 to 1`],
        ['ScalingReplicaSet', `Scaled up replica set ${newRs} from 2 to 3`],
        ['ScalingReplicaSet', `Scaled down replica set ${oldRs} from 1 to 0`],
      ]),
    ]);
    // The old ReplicaSet: no pods left, each deletion recorded.
    const old = withoutEventAges(await k.ok(['describe', 'rs', oldRs]));
    assert.ok(old.includes('Replicas:       0 current / 0 desired'), old.join('\n'));
    assert.ok(old.includes('Pods Status:    0 Running / 0 Waiting / 0 Succeeded / 0 Failed'), old.join('\n'));
    const events = old.slice(old.indexOf('Events:') + 3);
    assert.deepEqual(events.slice(0, 3), createdOld.map((p) => `Normal | SuccessfulCreate | <age> | replicaset-controller | Created pod: ${p}`));
    assert.deepEqual(
      events.slice(3).map((l) => l.replace(/Deleted pod: \S+$/, 'Deleted pod: <name>')),
      Array(3).fill('Normal | SuccessfulDelete | <age> | replicaset-controller | Deleted pod: <name>'),
    );
    assert.deepEqual(events.slice(3).map((l) => l.split('Deleted pod: ')[1]).sort(), [...createdOld].sort());
  });
});
