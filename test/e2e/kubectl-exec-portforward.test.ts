/**
 * Real kubectl against the simulated kubelet: `kubectl exec` (env from a Secret, a mounted Secret
 * file, stdin with -i, exit code propagation, errors) and `kubectl port-forward` (pod/, svc/ and
 * deploy/ forms) with an HTTP GET through the forwarded port answered by the nginx model.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { skipReason, startKubectlEnv, type KubectlEnv, type KubectlProcess } from '../helpers/kubectl.js';

function httpGet(port: number, path: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const manifest = `apiVersion: v1
kind: Secret
metadata:
  name: creds
stringData:
  key: s3cr3t-value
---
apiVersion: v1
kind: Pod
metadata:
  name: box
spec:
  containers:
  - name: box
    image: busybox:1.36
    command: ["sh", "-c", "sleep 36000"]
    env:
    - name: SECRET_VAR
      valueFrom:
        secretKeyRef: {name: creds, key: key}
    volumeMounts:
    - {name: secret, mountPath: /mounted/secret, readOnly: true}
  volumes:
  - name: secret
    secret: {secretName: creds}
---
apiVersion: v1
kind: Pod
metadata:
  name: finished
spec:
  restartPolicy: Never
  containers:
  - name: once
    image: busybox:1.36
    command: ["true"]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - port: 8080
    targetPort: 80
`;

describe('kubectl exec and port-forward', { skip: skipReason }, () => {
  let k: KubectlEnv;
  let webPod = '';
  before(async () => {
    k = await startKubectlEnv();
    await k.ok(['apply', '-f', k.file('m.yaml', manifest)]);
    for (let t = 0; t < 8000; t += 100) {
      k.clock.step(100);
      await k.cluster.settle();
    }
    webPod = (await k.ok(['get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].metadata.name}'])).trim();
  });
  after(async () => {
    await k?.stop();
  });

  test('exec -- sh -c \'echo $SECRET_VAR\'', async () => {
    assert.equal(await k.ok(['exec', 'box', '--', 'sh', '-c', 'echo $SECRET_VAR']), 's3cr3t-value\n');
  });

  test('exec -- cat /mounted/secret/key', async () => {
    assert.equal(await k.ok(['exec', 'box', '--', 'cat', '/mounted/secret/key']), 's3cr3t-value');
  });

  test('exec -i with stdin', async () => {
    assert.equal(await k.ok(['exec', '-i', 'box', '--', 'cat'], { stdin: 'line one\nline two\n' }), 'line one\nline two\n');
    assert.equal(await k.ok(['exec', '-i', 'box', '--', 'sh'], { stdin: 'x=4\necho $((x * 2))\n' }), '8\n');
  });

  test('exit codes propagate; stderr passes through', async () => {
    const r = await k.run(['exec', 'box', '--', 'sh', '-c', 'echo bad >&2; exit 3']);
    assert.equal(r.code, 3);
    assert.equal(r.stderr, 'bad\ncommand terminated with exit code 3\n');
  });

  test('errors: unknown executable, unknown container, completed pod', async () => {
    const r = await k.run(['exec', 'box', '--', 'nosuchcmd']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^error: Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]+": OCI runtime exec failed: exec failed: unable to start container process: exec: "nosuchcmd": executable file not found in \$PATH: unknown\n$/);
    const c = await k.run(['exec', 'box', '-c', 'nope', '--', 'true']);
    assert.equal(c.code, 1);
    assert.equal(c.stderr, 'Error from server (BadRequest): container nope is not valid for pod box\n');
    const d = await k.run(['exec', 'finished', '--', 'true']);
    assert.equal(d.code, 1);
    assert.equal(d.stderr, 'error: cannot exec into a container in a completed pod; current phase is Succeeded\n');
  });

  let pf: KubectlProcess | undefined;
  after(async () => {
    await pf?.stop();
  });

  /** `printed`: the container port kubectl resolves the remote port to (a service port maps to its targetPort). */
  const forward = async (target: string, local: number, remote: number, printed = remote): Promise<KubectlProcess> => {
    const p = k.spawn(['port-forward', target, `${local}:${remote}`, '--address', '127.0.0.1']);
    await p.waitFor(`Forwarding from 127.0.0.1:${local} -> ${printed}`);
    return p;
  };

  test('port-forward pod/P: the nginx page through the tunnel, 404 elsewhere', async () => {
    const port = 18000 + Math.floor(Math.random() * 2000);
    pf = await forward(`pod/${webPod}`, port, 80);
    const r = await httpGet(port, '/');
    assert.equal(r.status, 200);
    assert.match(r.body, /<title>Welcome to nginx!<\/title>/);
    assert.equal(r.headers.server, 'nginx/1.27.3');
    assert.equal(r.headers['content-type'], 'text/html');
    assert.equal(r.headers['content-length'], String(Buffer.byteLength(r.body)));
    assert.match(String(r.headers.date), /^Mon, 01 Jan 2024 00:00:\d\d GMT$/);
    const nf = await httpGet(port, '/missing');
    assert.equal(nf.status, 404);
    assert.match(nf.body, /<center><h1>404 Not Found<\/h1><\/center>/);
    // a second connection through the same forward
    assert.equal((await httpGet(port, '/index.html')).status, 200);
    const out = await pf.stop();
    pf = undefined;
    assert.match(out.stdout, /Handling connection for \d+/);
  });

  test('port-forward svc/ and deploy/ resolve to the pod; the service port maps to the target port', async () => {
    const port = 20000 + Math.floor(Math.random() * 2000);
    pf = await forward('svc/web', port, 8080, 80);
    assert.match((await httpGet(port, '/')).body, /Welcome to nginx!/);
    await pf.stop();
    const p2 = port + 1;
    pf = await forward('deploy/web', p2, 80);
    assert.match((await httpGet(p2, '/')).body, /Welcome to nginx!/);
    await pf.stop();
    pf = undefined;
  });

  test('port-forward to a port nobody listens on: the error kubectl prints', async () => {
    const port = 22000 + Math.floor(Math.random() * 2000);
    pf = await forward(`pod/${webPod}`, port, 81);
    await httpGet(port, '/').catch(() => undefined);
    const err = await pf.waitFor(/error forwarding port 81 to pod [0-9a-f]{64}, uid : failed to execute portforward in network namespace/, { stream: 'stderr' });
    assert.match(err, /connect: connection refused/);
    await pf.stop();
    pf = undefined;
  });

  test('Behavior objects with kubectl: apply, get (table), explain; a matching pod fails its pull', async () => {
    const b = k.file(
      'behavior.yaml',
      `apiVersion: kubemu.dev/v1alpha1
kind: Behavior
metadata:
  name: broken-pulls
spec:
  selector:
    matchLabels: {app: broken}
  pullFailure: true
  probeFailures:
  - {probe: readiness, after: 1m}
`,
    );
    assert.equal(await k.ok(['apply', '-f', b]), 'behavior.kubemu.dev/broken-pulls created\n');
    assert.match(await k.ok(['get', 'behaviors']), /^NAME\s+SELECTOR\s+IMAGE\s+EFFECTS\s+AGE\nbroken-pulls\s+app=broken\s+\*\s+pull-failure,probe:readiness@1m\s+\d+s\n$/);
    assert.match(await k.ok(['explain', 'behavior.spec.crashAfter']), /The main process exits this long after each start/);
    await k.ok(['run', 'broken', '--image', 'nginx:1.27', '--labels', 'app=broken']);
    for (let t = 0; t < 5000; t += 100) {
      k.clock.step(100);
      await k.cluster.settle();
    }
    assert.match(await k.ok(['get', 'pod', 'broken', '--no-headers']), /^broken\s+0\/1\s+(ErrImagePull|ImagePullBackOff)\s+0\s+/);
    const bad = await k.run(['create', '-f', '-'], { stdin: 'apiVersion: kubemu.dev/v1alpha1\nkind: Behavior\nmetadata: {name: bad}\nspec: {crashAfter: soon}\n' });
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /The Behavior "bad" is invalid: spec.crashAfter: Invalid value: "soon": time: invalid duration "soon"/);
  });
});
