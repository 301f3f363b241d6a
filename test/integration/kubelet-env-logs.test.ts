import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execCommand } from '../../src/kubelet/shell/index.js';
import { testCluster, type TestCluster } from '../helpers/cluster.js';
import { advance, createPod, events, getPod, pod, row } from '../helpers/kubelet.js';

async function exec(c: TestCluster, name: string, argv: string[], container = 0): Promise<{ code: number; out: string }> {
  const w = c.kubelets!.worker(getPod(c, name).metadata.uid)!;
  const inst = w.containers[container]!.current!;
  let out = '';
  // (the interpreter lets an fs.write error escape instead of printing "can't create": count it as a failure)
  const code = await execCommand(argv, inst.shellContext({ stdout: (s) => (out += s), stderr: (s) => (out += s) })).catch((e: Error) => ((out += e.message), 1));
  return { code, out };
}

test('environment and files: env, envFrom, secretKeyRef, fieldRef, service variables, mounted volumes', async () => {
  const c = await testCluster();
  try {
    c.client.resource('', 'configmaps').create('default', { metadata: { name: 'cfg' }, data: { MODE: 'prod', 'app.conf': 'x=1\n' } });
    c.client.resource('', 'secrets').create('default', { metadata: { name: 'sec' }, data: { password: Buffer.from('s3cret').toString('base64') } });
    createPod(
      c,
      pod(
        'envpod',
        [
          {
            name: 'app',
            image: 'busybox:1.36',
            command: ['sh', '-c', 'sleep 3600'],
            env: [
              { name: 'SECRET_VAR', valueFrom: { secretKeyRef: { name: 'sec', key: 'password' } } },
              { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
              { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
              { name: 'TIER', valueFrom: { fieldRef: { fieldPath: "metadata.labels['tier']" } } },
              { name: 'GREETING', value: 'hello $(POD_NAME)' },
            ],
            envFrom: [{ configMapRef: { name: 'cfg' }, prefix: 'CFG_' }],
            volumeMounts: [
              { name: 'secret-vol', mountPath: '/mounted/secret' },
              { name: 'config', mountPath: '/etc/config' },
              { name: 'info', mountPath: '/etc/podinfo' },
              { name: 'scratch', mountPath: '/data' },
              { name: 'kube-api-access-test', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true },
            ],
          },
          { name: 'side', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'], volumeMounts: [{ name: 'scratch', mountPath: '/shared' }] },
        ],
        {
          serviceAccountName: 'default',
          volumes: [
            { name: 'secret-vol', secret: { secretName: 'sec' } },
            { name: 'config', configMap: { name: 'cfg', items: [{ key: 'app.conf', path: 'app.conf' }] } },
            { name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
            { name: 'scratch', emptyDir: {} },
            {
              name: 'kube-api-access-test',
              projected: {
                sources: [
                  { serviceAccountToken: { path: 'token', expirationSeconds: 3607 } },
                  { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
                  { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
                ],
              },
            },
          ],
        },
        { labels: { tier: 'web', app: 'x' } },
      ),
    );
    await advance(c, 2000);
    assert.equal((await row(c, 'envpod')).status, 'Running');
    assert.deepEqual(await exec(c, 'envpod', ['sh', '-c', 'echo $SECRET_VAR']), { code: 0, out: 's3cret\n' });
    assert.deepEqual(await exec(c, 'envpod', ['cat', '/mounted/secret/password']), { code: 0, out: 's3cret' });
    const ip = getPod(c, 'envpod').status.podIP;
    assert.equal((await exec(c, 'envpod', ['sh', '-c', 'echo $POD_NAME $POD_IP $TIER $CFG_MODE; echo $GREETING'])).out, `envpod ${ip} web prod\nhello envpod\n`);
    assert.equal((await exec(c, 'envpod', ['sh', '-c', 'echo $KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT $KUBERNETES_PORT_443_TCP'])).out, '10.96.0.1:443 tcp://10.96.0.1:443\n');
    assert.equal((await exec(c, 'envpod', ['cat', '/etc/config/app.conf'])).out, 'x=1\n');
    assert.equal((await exec(c, 'envpod', ['cat', '/etc/podinfo/labels'])).out, 'app="x"\ntier="web"');
    assert.equal((await exec(c, 'envpod', ['cat', '/etc/hostname'])).out, 'envpod\n');
    assert.equal((await exec(c, 'envpod', ['cat', '/var/run/secrets/kubernetes.io/serviceaccount/namespace'])).out, 'default');
    assert.match((await exec(c, 'envpod', ['cat', '/var/run/secrets/kubernetes.io/serviceaccount/token'])).out, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    assert.match((await exec(c, 'envpod', ['cat', '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt'])).out, /BEGIN CERTIFICATE/);
    const vm = getPod(c, 'envpod').status.containerStatuses[0].volumeMounts;
    assert.deepEqual(vm.find((m: any) => m.name === 'kube-api-access-test'), { name: 'kube-api-access-test', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true, recursiveReadOnly: 'Disabled' });
    // emptyDir is shared between the pod's containers
    await exec(c, 'envpod', ['sh', '-c', 'echo shared > /data/f']);
    assert.equal((await exec(c, 'envpod', ['cat', '/shared/f'], 1)).out, 'shared\n');
    // secret volumes are read-only
    assert.notEqual((await exec(c, 'envpod', ['sh', '-c', 'echo x > /mounted/secret/password'])).code, 0);
  } finally {
    await c.stop();
  }
});

test('a missing ConfigMap keeps the pod ContainerCreating with FailedMount until it exists', async () => {
  const c = await testCluster();
  try {
    createPod(c, pod('mnt', [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'], volumeMounts: [{ name: 'cfg', mountPath: '/cfg' }] }], { volumes: [{ name: 'cfg', configMap: { name: 'later' } }] }));
    await advance(c, 3000);
    assert.equal((await row(c, 'mnt')).status, 'ContainerCreating');
    assert.ok(events(c, 'mnt').includes('FailedMount: MountVolume.SetUp failed for volume "cfg" : configmap "later" not found'));
    assert.equal(getPod(c, 'mnt').status.conditions[0].status, 'False');
    assert.equal(getPod(c, 'mnt').status.podIP, undefined);
    c.client.resource('', 'configmaps').create('default', { metadata: { name: 'later' }, data: { k: 'v' } });
    await advance(c, 8000, 500);
    assert.equal((await row(c, 'mnt')).status, 'Running');
  } finally {
    await c.stop();
  }
});

test('a missing secret for an env var: CreateContainerConfigError', async () => {
  const c = await testCluster();
  try {
    createPod(c, pod('cfgerr', [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'], env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'nope', key: 'k' } } }] }]));
    await advance(c, 2000);
    assert.equal((await row(c, 'cfgerr')).status, 'CreateContainerConfigError');
    assert.equal(getPod(c, 'cfgerr').status.containerStatuses[0].state.waiting.message, 'secret "nope" not found');
    assert.ok(events(c, 'cfgerr').includes('Failed: Error: secret "nope" not found'));
  } finally {
    await c.stop();
  }
});

test('pods/log: tailLines, timestamps, sinceSeconds, limitBytes, previous, container choice, follow', async () => {
  const c = await testCluster();
  try {
    createPod(c, pod('logger', [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'for i in 1 2 3 4 5; do echo line $i; sleep 1; done; sleep 3600'] }, { name: 'other', image: 'nginx:1.27' }]));
    await advance(c, 5000);
    const base = '/api/v1/namespaces/default/pods/logger/log';
    let r = await c.req('GET', base);
    assert.equal(r.status, 400);
    assert.equal(r.body.message, 'a container name must be specified for pod logger, choose one of: [app other]');
    r = await c.req('GET', `${base}?container=nope`);
    assert.equal(r.body.message, 'container nope is not valid for pod logger');
    r = await c.req('GET', `${base}?container=app`);
    assert.equal(r.text, 'line 1\nline 2\nline 3\nline 4\nline 5\n');
    assert.match(String(r.headers['content-type']), /^text\/plain/);
    r = await c.req('GET', `${base}?container=app&tailLines=2`);
    assert.equal(r.text, 'line 4\nline 5\n');
    r = await c.req('GET', `${base}?container=app&tailLines=1&timestamps=true`);
    assert.match(r.text, /^2024-01-01T00:00:0\d\.\d{9}Z line 5\n$/);
    r = await c.req('GET', `${base}?container=app&sinceSeconds=2`);
    assert.equal(r.text.split('\n').filter(Boolean).length <= 3, true);
    r = await c.req('GET', `${base}?container=app&limitBytes=10`);
    assert.equal(r.text, 'line 1\nlin');
    r = await c.req('GET', `${base}?container=app&previous=true`);
    assert.equal(r.status, 400);
    assert.equal(r.body.message, 'previous terminated container "app" in pod "logger" not found');
    r = await c.req('GET', `${base}?container=app&tailLines=-1`);
    assert.equal(r.status, 422);
    assert.equal(r.body.message, 'PodLogOptions "logger" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0');
    r = await c.req('GET', `${base}?container=other&tailLines=1`);
    assert.equal(r.text, '2024/01/01 00:00:05 [notice] 1#1: start worker process 29\n'.replace('00:00:05', r.text.slice(11, 19)));
  } finally {
    await c.stop();
  }
});

test('pods/log while waiting, and follow streaming until the container ends', async () => {
  const c = await testCluster({ listen: true, port: 0 });
  try {
    createPod(c, pod('waiting', [{ name: 'app', image: 'nginx:1.27' }]));
    await c.settle();
    let r = await c.req('GET', '/api/v1/namespaces/default/pods/waiting/log');
    assert.equal(r.status, 400);
    assert.equal(r.body.message, 'container "app" in pod "waiting" is waiting to start: ContainerCreating');
    createPod(c, pod('follow', [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'for i in 1 2 3; do echo $i; sleep 1; done'] }], { restartPolicy: 'Never' }));
    await advance(c, 3500);
    const res = await fetch(`${c.url}/api/v1/namespaces/default/pods/follow/log?follow=true`);
    const reader = res.body!.getReader();
    let text = '';
    const done = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        text += Buffer.from(value).toString();
      }
    })();
    await advance(c, 4000);
    await done;
    assert.equal(text, '1\n2\n3\n');
  } finally {
    await c.stop();
  }
});
