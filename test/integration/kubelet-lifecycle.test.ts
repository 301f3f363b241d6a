import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster } from '../helpers/cluster.js';
import { advance, createPod, events, findEvent, getPod, pod, row } from '../helpers/kubelet.js';

test('nginx: ContainerCreating, pull events, Running with conditions, IP from the node CIDR', async () => {
  const c = await testCluster();
  try {
    createPod(c, pod('web', [{ name: 'nginx', image: 'nginx:1.27' }]));
    await c.settle();
    assert.deepEqual(await row(c, 'web'), { ready: '0/1', status: 'ContainerCreating', restarts: '0', ip: '10.244.1.2' });
    let p = getPod(c, 'web');
    assert.equal(p.status.phase, 'Pending');
    assert.equal(p.status.hostIP, '172.18.0.3');
    assert.deepEqual(p.status.conditions.map((x: any) => `${x.type}=${x.status}`), ['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=False', 'ContainersReady=False', 'PodScheduled=True']);
    assert.equal(p.status.conditions[2].message, 'containers with unready status: [nginx]');
    await advance(c, 3000);
    assert.deepEqual(await row(c, 'web'), { ready: '1/1', status: 'Running', restarts: '0', ip: '10.244.1.2' });
    p = getPod(c, 'web');
    assert.equal(p.status.phase, 'Running');
    assert.ok(p.status.conditions.every((x: any) => x.status === 'True'));
    const cs = p.status.containerStatuses[0];
    assert.equal(cs.image, 'docker.io/library/nginx:1.27');
    assert.match(cs.imageID, /^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    assert.match(cs.containerID, /^containerd:\/\/[0-9a-f]{64}$/);
    assert.equal(cs.started, true);
    assert.equal(p.status.qosClass, 'BestEffort');
    assert.deepEqual(events(c, 'web'), [
      'Pulling: Pulling image "nginx:1.27"',
      'Pulled: Successfully pulled image "nginx:1.27" in 2.3s (2.3s including waiting). Image size: 72099410 bytes.',
      'Created: Created container: nginx',
      'Started: Started container nginx',
    ]);
    const started = findEvent(c, 'web', 'Started')[0];
    assert.equal(started.involvedObject.fieldPath, 'spec.containers{nginx}');
    assert.deepEqual(started.source, { component: 'kubelet', host: 'node1' });
    // the same image on the same node: already present
    createPod(c, pod('web2', [{ name: 'nginx', image: 'nginx:1.27' }]));
    await advance(c, 1000);
    assert.equal((await row(c, 'web2')).status, 'Running');
    assert.equal((await row(c, 'web2')).ip, '10.244.1.3');
    assert.ok(events(c, 'web2').includes('Pulled: Container image "nginx:1.27" already present on machine'));
  } finally {
    await c.stop();
  }
});

test('init containers run one at a time: Init:0/2, Init:1/2, PodInitializing, Running', async () => {
  const c = await testCluster();
  try {
    createPod(
      c,
      pod('init', [{ name: 'app', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent' }], {
        initContainers: [
          { name: 'one', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 5'] },
          { name: 'two', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 5'] },
        ],
      }),
    );
    await c.settle();
    assert.equal((await row(c, 'init')).status, 'Init:0/2');
    let p = getPod(c, 'init');
    assert.equal(p.status.containerStatuses[0].state.waiting.reason, 'PodInitializing');
    assert.equal(p.status.conditions.find((x: any) => x.type === 'Initialized').message, 'containers with incomplete status: [one two]');
    await advance(c, 6000);
    assert.equal((await row(c, 'init')).status, 'Init:1/2');
    await advance(c, 5500);
    assert.equal((await row(c, 'init')).status, 'PodInitializing');
    p = getPod(c, 'init');
    assert.equal(p.status.initContainerStatuses[1].state.terminated.reason, 'Completed');
    await advance(c, 3000);
    assert.equal((await row(c, 'init')).status, 'Running');
    assert.equal(getPod(c, 'init').status.conditions.find((x: any) => x.type === 'Initialized').status, 'True');
  } finally {
    await c.stop();
  }
});

test('a Job-like pod completes: Completed, Succeeded, Ready False PodCompleted', async () => {
  const c = await testCluster();
  try {
    createPod(c, pod('job', [{ name: 'main', image: 'busybox', command: ['sh', '-c', 'for i in 1 2 3; do echo $i; sleep 1; done'] }], { restartPolicy: 'Never' }));
    await advance(c, 1000);
    assert.equal((await row(c, 'job')).status, 'Running');
    await advance(c, 4000);
    assert.deepEqual(await row(c, 'job'), { ready: '0/1', status: 'Completed', restarts: '0', ip: '10.244.1.2' });
    const p = getPod(c, 'job');
    assert.equal(p.status.phase, 'Succeeded');
    const ready = p.status.conditions.find((x: any) => x.type === 'Ready');
    assert.equal(ready.reason, 'PodCompleted');
    assert.equal(p.status.conditions.find((x: any) => x.type === 'PodReadyToStartContainers').status, 'False');
    assert.equal(p.status.containerStatuses[0].state.terminated.exitCode, 0);
    const log = await c.req('GET', '/api/v1/namespaces/default/pods/job/log');
    assert.equal(log.text, '1\n2\n3\n');
  } finally {
    await c.stop();
  }
});

test('restartPolicy Never with a failing command ends Failed with Error', async () => {
  const c = await testCluster();
  try {
    createPod(c, pod('fail', [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'echo boom >&2; exit 3'] }], { restartPolicy: 'Never' }));
    await advance(c, 2000);
    assert.equal((await row(c, 'fail')).status, 'Error');
    const p = getPod(c, 'fail');
    assert.equal(p.status.phase, 'Failed');
    assert.equal(p.status.containerStatuses[0].state.terminated.exitCode, 3);
    assert.equal(p.status.containerStatuses[0].state.terminated.reason, 'Error');
    assert.equal(p.status.conditions.find((x: any) => x.type === 'Ready').reason, 'PodFailed');
  } finally {
    await c.stop();
  }
});

test('an init container failing with restartPolicy Never fails the pod: Init:Error', async () => {
  const c = await testCluster();
  try {
    createPod(c, pod('initfail', [{ name: 'app', image: 'nginx:1.27' }], { restartPolicy: 'Never', initContainers: [{ name: 'setup', image: 'busybox:1.36', command: ['false'] }] }));
    await advance(c, 2000);
    assert.equal((await row(c, 'initfail')).status, 'Init:Error');
    assert.equal(getPod(c, 'initfail').status.phase, 'Failed');
  } finally {
    await c.stop();
  }
});

test('CrashLoopBackOff: first restart at once, then 10s, 20s; restartCount and lastState', async () => {
  const c = await testCluster();
  try {
    createPod(c, pod('crash', [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'echo starting; exit 1'] }]));
    await advance(c, 1000);
    let p = getPod(c, 'crash');
    // exited at ~0.7s, restarted at once (restart 1), exited again: now backing off 10s
    assert.equal(p.status.containerStatuses[0].restartCount, 1);
    assert.equal((await row(c, 'crash')).status, 'CrashLoopBackOff');
    const w = p.status.containerStatuses[0].state.waiting;
    assert.equal(w.message, `back-off 10s restarting failed container=app pod=crash_default(${p.metadata.uid})`);
    assert.equal(p.status.containerStatuses[0].lastState.terminated.exitCode, 1);
    assert.equal(p.status.phase, 'Running');
    assert.ok(events(c, 'crash').includes(`BackOff: Back-off restarting failed container app in pod crash_default(${p.metadata.uid})`));
    await advance(c, 9000);
    assert.equal(getPod(c, 'crash').status.containerStatuses[0].restartCount, 1);
    await advance(c, 1500);
    p = getPod(c, 'crash');
    assert.equal(p.status.containerStatuses[0].restartCount, 2);
    assert.match(p.status.containerStatuses[0].state.waiting.message, /^back-off 20s /);
    assert.match((await row(c, 'crash')).restarts, /^2 \(\d+s ago\)$/);
    await advance(c, 19000);
    assert.equal(getPod(c, 'crash').status.containerStatuses[0].restartCount, 2);
    await advance(c, 1500);
    assert.equal(getPod(c, 'crash').status.containerStatuses[0].restartCount, 3);
    // --previous shows the last terminated instance
    const prev = await c.req('GET', '/api/v1/namespaces/default/pods/crash/log?previous=true');
    assert.equal(prev.text, 'starting\n');
  } finally {
    await c.stop();
  }
});

test('graceful deletion: Terminating, Killing, preStop runs, then the pod object is removed', async () => {
  const c = await testCluster();
  try {
    createPod(
      c,
      pod('bye', [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'], lifecycle: { preStop: { exec: { command: ['sh', '-c', 'sleep 5'] } } } }]),
    );
    await advance(c, 1000);
    assert.equal((await row(c, 'bye')).status, 'Running');
    c.client.resource('', 'pods').delete('default', 'bye');
    await c.settle();
    assert.equal((await row(c, 'bye')).status, 'Terminating');
    assert.ok(events(c, 'bye').includes('Killing: Stopping container app'));
    await advance(c, 4000);
    assert.equal((await row(c, 'bye')).status, 'Terminating');
    await advance(c, 1500);
    assert.equal(c.client.resource('', 'pods').list('default').items.length, 0);
  } finally {
    await c.stop();
  }
});

test('force deletion stops the containers at once; an unscheduled pod is removed at once', async () => {
  const c = await testCluster({ scheduler: false });
  try {
    createPod(c, pod('now', [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }]));
    await advance(c, 1000);
    const w = c.kubelets!.worker(getPod(c, 'now').metadata.uid)!;
    const inst = w.containers[0]!.current!;
    c.client.resource('', 'pods').delete('default', 'now', { gracePeriodSeconds: 0 });
    await c.settle();
    assert.equal(inst.running, false);
    assert.equal(inst.exitCode, 137);
    createPod(c, { metadata: { name: 'pending' }, spec: { containers: [{ name: 'a', image: 'nginx' }] } });
    c.client.resource('', 'pods').delete('default', 'pending');
    assert.equal(c.client.resource('', 'pods').list('default').items.length, 0);
  } finally {
    await c.stop();
  }
});

test('ErrImagePull then ImagePullBackOff when the behaviour says pulls fail', async () => {
  const c = await testCluster({ kubelets: { behaviour: (_p, ct) => (ct.image === 'nginx:nope' ? { pullError: '' } : {}) } });
  try {
    createPod(c, pod('bad', [{ name: 'app', image: 'nginx:nope' }]));
    await advance(c, 2500);
    assert.equal((await row(c, 'bad')).status, 'ErrImagePull');
    const msg = getPod(c, 'bad').status.containerStatuses[0].state.waiting.message;
    assert.match(msg, /failed to pull and unpack image "docker\.io\/library\/nginx:nope"/);
    await advance(c, 1000);
    assert.equal((await row(c, 'bad')).status, 'ImagePullBackOff');
    const ev = events(c, 'bad');
    assert.ok(ev.includes('Failed: Error: ErrImagePull'));
    assert.ok(ev.includes('BackOff: Back-off pulling image "nginx:nope"'));
    assert.ok(ev.includes('Failed: Error: ImagePullBackOff'));
    const logs = await c.req('GET', '/api/v1/namespaces/default/pods/bad/log');
    assert.equal(logs.status, 400);
    assert.equal(logs.body.message, 'container "app" in pod "bad" is waiting to start: trying and failing to pull image');
  } finally {
    await c.stop();
  }
});
