/**
 * pods/exec over WebSocket against the simulated kubelet: the container's environment and mounted
 * files, stdout/stderr/exit codes as channel 3 Statuses, stdin until the v5 close message, a TTY,
 * and the errors upstream gives (invalid container, no host, container not running, unknown
 * executable, a read-only mount, a request that does not upgrade).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster, type TestCluster } from '../helpers/cluster.js';
import { execURL, wsExec } from '../helpers/exec-client.js';
import { advance, createPod, pod } from '../helpers/kubelet.js';

describe('pods/exec', () => {
  let c: TestCluster;
  const url = (name: string, cmd: string[], o: { container?: string; stdin?: boolean; tty?: boolean } = {}) => execURL(c.url, 'default', name, cmd, o);

  before(async () => {
    c = await testCluster({ listen: true, port: 0 });
    c.client.resource('', 'secrets').create('default', { metadata: { name: 'sec' }, data: { key: Buffer.from('topsecret').toString('base64') } });
    createPod(
      c,
      pod('app', [
        {
          name: 'main',
          image: 'busybox:1.36',
          command: ['sh', '-c', 'sleep 3600'],
          env: [{ name: 'SECRET_VAR', valueFrom: { secretKeyRef: { name: 'sec', key: 'key' } } }],
          volumeMounts: [{ name: 'secret-vol', mountPath: '/mounted/secret' }],
        },
        { name: 'side', image: 'nginx:1.27' },
      ], { volumes: [{ name: 'secret-vol', secret: { secretName: 'sec' } }] }),
    );
    createPod(c, pod('done', [{ name: 'job', image: 'busybox:1.36', command: ['true'] }], { restartPolicy: 'Never' }));
    createPod(c, pod('ghost', [{ name: 'x', image: 'nginx' }], { nodeName: 'no-such-node' }));
    createPod(c, pod('unbound', [{ name: 'x', image: 'nginx' }], { nodeName: undefined, schedulerName: 'nobody' }));
    await advance(c, 5000);
  });
  after(async () => {
    await c?.stop();
  });

  test('stdout from the container environment (a secret env var), Success status, v5 echoed', async () => {
    const r = await wsExec(url('app', ['sh', '-c', 'echo $SECRET_VAR; hostname'], { container: 'main' }));
    assert.equal(r.protocol, 'v5.channel.k8s.io');
    assert.equal(r.stdout, 'topsecret\napp\n');
    assert.deepEqual(r.status, { metadata: {}, status: 'Success' });
  });

  test('v4 is accepted too', async () => {
    const r = await wsExec(url('app', ['cat', '/mounted/secret/key'], { container: 'main' }), { protocols: ['v4.channel.k8s.io'] });
    assert.equal(r.protocol, 'v4.channel.k8s.io');
    assert.equal(r.stdout, 'topsecret');
  });

  test('non-zero exit: stderr and a NonZeroExitCode status with the code as the ExitCode cause', async () => {
    const r = await wsExec(url('app', ['sh', '-c', 'echo oops >&2; exit 3'], { container: 'main' }));
    assert.equal(r.stderr, 'oops\n');
    assert.deepEqual(r.status, {
      metadata: {},
      status: 'Failure',
      message: 'command terminated with non-zero exit code: command terminated with exit code 3',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '3' }] },
    });
  });

  test('stdin until the close message', async () => {
    const r = await wsExec(url('app', ['cat'], { container: 'main', stdin: true }), { stdin: ['hello ', 'world\n'] });
    assert.equal(r.stdout, 'hello world\n');
    assert.equal(r.status.status, 'Success');
    const wc = await wsExec(url('app', ['sh', '-c', 'read a; read b; echo "$b $a"'], { container: 'main', stdin: true }), { stdin: ['one\ntw', 'o\n'] });
    assert.equal(wc.stdout, 'two one\n');
  });

  test('the default container when there is one; a choice is required when there are several', async () => {
    const r = await wsExec(url('app', ['true']));
    assert.equal(r.refused?.code, 400);
    assert.equal(r.refused?.body.message, 'a container name must be specified for pod app, choose one of: [main side]');
    const bad = await wsExec(url('app', ['true'], { container: 'nope' }));
    assert.equal(bad.refused?.body.message, 'container nope is not valid for pod app');
    assert.equal(bad.refused?.body.reason, 'BadRequest');
  });

  test('a pod without a node', async () => {
    const r = await wsExec(url('unbound', ['true']));
    assert.equal(r.refused?.code, 400);
    assert.equal(r.refused?.body.message, 'pod unbound does not have a host assigned');
  });

  test('a container that is not running, a pod no kubelet knows', async () => {
    const r = await wsExec(url('done', ['true']));
    assert.equal(r.status.reason, 'InternalError');
    assert.equal(r.status.message, 'Internal error occurred: unable to upgrade connection: container not found ("job")');
    assert.equal(r.status.code, 500);
    const g = await wsExec(url('ghost', ['true']));
    assert.equal(g.status.message, 'Internal error occurred: unable to upgrade connection: pod does not exist');
  });

  test('an unknown executable: runc start error, wrapped twice as upstream\'s translator does', async () => {
    const r = await wsExec(url('app', ['foo', 'bar'], { container: 'main' }));
    assert.match(
      r.status.message,
      /^Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "foo": executable file not found in \$PATH: unknown$/,
    );
    const p = await wsExec(url('app', ['/no/such'], { container: 'main' }));
    assert.match(p.status.message, /exec: "\/no\/such": stat \/no\/such: no such file or directory: unknown$/);
  });

  test('writing to a read-only mount prints can\'t create (not an escaped error)', async () => {
    const r = await wsExec(url('app', ['sh', '-c', 'echo x > /mounted/secret/new; echo after $?'], { container: 'main' }));
    assert.equal(r.stderr, "sh: can't create /mounted/secret/new: Read-only file system\n");
    assert.equal(r.stdout, 'after 2\n');
  });

  test('exec in an nginx container sees its files; writes there are visible to the next exec', async () => {
    const w = await wsExec(url('app', ['sh', '-c', 'echo hi > /tmp/x'], { container: 'side' }));
    assert.equal(w.status.status, 'Success');
    const r = await wsExec(url('app', ['cat', '/tmp/x', '/etc/nginx/conf.d/default.conf'], { container: 'side' }));
    assert.match(r.stdout, /^hi\nserver \{\n {4}listen {7}80;/);
  });

  test('a TTY: CRLF, stderr on stdout; an interactive shell keeps its state between lines', async () => {
    const t = await wsExec(url('app', ['sh', '-c', 'echo a; echo b >&2'], { container: 'main', tty: true }));
    assert.equal(t.stdout, 'a\r\nb\r\n');
    assert.equal(t.stderr, '');
    const s = await wsExec(url('app', ['sh'], { container: 'main', stdin: true, tty: true }), { stdin: ['cd /tmp\r', 'pwd\r', 'exit 4\r'] });
    assert.equal(s.stdout, '/ # cd /tmp\r\n/tmp # pwd\r\n/tmp\r\n/tmp # exit 4\r\n');
    assert.equal(s.status.details.causes[0].message, '4');
    // a non-shell command on a terminal: input echoed, CR read as a newline
    const r = await wsExec(url('app', ['sh', '-c', 'read x; echo "got $x"'], { container: 'main', stdin: true, tty: true }), { stdin: ['hi\r'] });
    assert.equal(r.stdout, 'hi\r\ngot hi\r\n');
  });

  test('without an upgrade: 400 Upgrade request required (after the same checks)', async () => {
    const r = await c.req('GET', '/api/v1/namespaces/default/pods/app/exec?command=ls&container=main');
    assert.equal(r.status, 400);
    assert.equal(r.body.message, 'Upgrade request required');
    const put = await c.req('PUT', '/api/v1/namespaces/default/pods/app/exec', {});
    assert.equal(put.status, 405);
    const p = await c.req('POST', '/api/v1/namespaces/default/pods/app/exec?command=ls&container=zzz');
    assert.equal(p.body.message, 'container zzz is not valid for pod app');
    const nf = await c.req('GET', '/api/v1/namespaces/default/pods/nope/exec?command=ls');
    assert.equal(nf.status, 404);
  });
});
