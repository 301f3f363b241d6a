/**
 * Real kubectl with the HorizontalPodAutoscaler, the simulated kubelets and the resource metrics on
 * the stepped clock: a deployment whose pods use 80% of their CPU request (kubemu.dev/cpu-usage on the
 * pod template), `kubectl autoscale deploy web --cpu-percent=50 --min=1 --max=5` (autoscaling/v1,
 * protobuf body), `kubectl get hpa` TARGETS "cpu: 80%/50%" and the scale-up to 4, `describe hpa`,
 * `kubectl top pods` / `kubectl top nodes` tables from metrics.k8s.io, and a watch and a patch
 * through autoscaling/v1.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { skipReason, startKubectlEnv, tableRows, type KubectlEnv } from '../helpers/kubectl.js';

const deploymentYaml = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
      annotations:
        kubemu.dev/cpu-usage: "80%"
    spec:
      containers:
      - name: web
        image: nginx
        resources:
          requests:
            cpu: 100m
            memory: 64Mi
`;

describe('kubectl with the HorizontalPodAutoscaler', { skip: skipReason }, () => {
  let k: KubectlEnv;
  before(async () => {
    k = await startKubectlEnv();
    await k.cluster.settle();
  });
  after(async () => {
    await k?.stop();
  });

  const step = async (ms: number) => {
    for (let t = 0; t < ms; t += 500) {
      k.clock.step(500);
      await k.cluster.settle();
    }
  };
  const readyPods = () =>
    (k.cluster.client.resource('', 'pods').list('default', { labelSelector: 'app=web' }).items as any[]).filter((p) => p.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True'));

  test('autoscale, get hpa TARGETS, scale-up, top pods and nodes', async () => {
    await k.ok(['apply', '-f', k.file('web.yaml', deploymentYaml)]);
    await step(5_000);
    assert.equal(readyPods().length, 2);

    const res = await k.run(['autoscale', 'deploy', 'web', '--cpu-percent=50', '--min=1', '--max=5', '-v=8']);
    assert.equal(res.code, 0, res.stderr);
    // kubectl 1.32 creates the HPA as autoscaling/v1 with a protobuf body
    assert.match(res.stderr, /POST \S+\/apis\/autoscaling\/v1\/namespaces\/default\/horizontalpodautoscalers\?fieldManager=kubectl-autoscale\n(?:.*\n){0,6}?.*Content-Type: application\/vnd\.kubernetes\.protobuf/);
    const out = res.stdout;
    assert.equal(out.trim(), 'horizontalpodautoscaler.autoscaling/web autoscaled');
    const v1 = JSON.parse(await k.ok(['get', 'horizontalpodautoscalers.v1.autoscaling', 'web', '-o', 'json']));
    assert.equal(v1.apiVersion, 'autoscaling/v1');
    assert.deepEqual(v1.spec, { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 5, targetCPUUtilizationPercentage: 50 });

    // before the first sync (one 15 s period) the target is unknown
    let rows = tableRows(await k.ok(['get', 'hpa']));
    assert.deepEqual(rows[0], ['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE']);
    assert.deepEqual(rows[1]!.slice(0, 5), ['web', 'Deployment/web', 'cpu: <unknown>/50%', '1', '5']);

    await step(15_000);
    rows = tableRows(await k.ok(['get', 'hpa']));
    assert.deepEqual(rows[1]!.slice(0, 6), ['web', 'Deployment/web', 'cpu: 80%/50%', '1', '5', '2']);
    await step(2_000);
    const dep = JSON.parse(await k.ok(['get', 'deploy', 'web', '-o', 'json']));
    assert.equal(dep.spec.replicas, 4);
    // the next sync reports the new size
    await step(15_000);
    rows = tableRows(await k.ok(['get', 'hpa']));
    assert.equal(rows[1]![5], '4');
    assert.equal(readyPods().length, 4);

    const desc = await k.ok(['describe', 'hpa', 'web']);
    assert.match(desc, /Reference:\s+Deployment\/web/);
    assert.match(desc, /resource cpu on pods\s+\(as a percentage of request\):\s+\d+% \(\d+m\) \/ 50%/);
    assert.match(desc, /SuccessfulRescale\s+.*New size: 4; reason: cpu resource utilization \(percentage of request\) above target/);

    const top = tableRows(await k.ok(['top', 'pods', '-l', 'app=web']));
    assert.deepEqual(top[0], ['NAME', 'CPU(cores)', 'MEMORY(bytes)']);
    assert.equal(top.length, 5);
    for (const r of top.slice(1)) {
      assert.match(r[0]!, /^web-/);
      assert.equal(r[1], '80m');
      assert.match(r[2]!, /^\d+Mi$/);
    }
    const nodes = tableRows(await k.ok(['top', 'nodes']));
    assert.deepEqual(nodes[0], ['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)']);
    assert.deepEqual(nodes.slice(1).map((r) => r[0]), ['kubemu-control-plane', 'node1', 'node2']);
    for (const r of nodes.slice(1)) {
      assert.match(r[1]!, /^\d+m$/);
      assert.match(r[2]!, /^\d+%$/);
      assert.match(r[3]!, /^\d+Mi$/);
    }
  });

  test('autoscaling/v1 watch and patch', async () => {
    const w = k.spawn(['get', 'horizontalpodautoscalers.v1.autoscaling', 'web', '-w', '--output-watch-events', '-o', 'jsonpath={.type} {.object.apiVersion} {.object.spec.targetCPUUtilizationPercentage}{"\\n"}']);
    try {
      await w.waitFor(/ADDED autoscaling\/v1 50\n/);
      const out = await k.ok(['patch', 'horizontalpodautoscalers.v1.autoscaling', 'web', '-p', '{"spec":{"targetCPUUtilizationPercentage":60}}']);
      assert.equal(out.trim(), 'horizontalpodautoscaler.autoscaling/web patched');
      await w.waitFor(/MODIFIED autoscaling\/v1 60\n/);
    } finally {
      await w.stop();
    }
    const rows = tableRows(await k.ok(['get', 'hpa']));
    assert.match(rows[1]![2]!, /^cpu: \d+%\/60%$/);
  });
});
