import { test } from 'node:test';
import { startKubectlEnv } from '/work/main/test/helpers/kubectl.js';
test('x', async () => {
  const k = await startKubectlEnv();
  const step = async (ms: number) => { for (let t = 0; t < ms; t += 100) { k.clock.step(100); await k.cluster.settle(); } };
  await k.ok(['cordon', 'node1']);
  await step(2000);
  console.log(await k.ok(['describe', 'node', 'node1']));
  console.log(await k.ok(['get', 'node', 'node1', '-o', 'jsonpath={.spec}']));
  await k.stop();
});
