import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster } from '../helpers/cluster.js';
import { kubemuRootCA } from '../../src/controllers/serviceaccount/namespace-defaults.js';

test('every namespace gets a default ServiceAccount and the kube-root-ca.crt ConfigMap, kept in place', async () => {
  const c = await testCluster({ kubelets: false, scheduler: false });
  try {
    await c.settle();
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
      assert.ok(c.client.resource('', 'serviceaccounts').get(ns, 'default'), `default SA in ${ns}`);
      const cm = c.client.resource('', 'configmaps').get(ns, 'kube-root-ca.crt') as any;
      assert.equal(cm.data['ca.crt'], kubemuRootCA);
    }
    c.client.resource('', 'namespaces').create('', { metadata: { name: 'team-a' } });
    await c.settle();
    const sa = c.client.resource('', 'serviceaccounts').get('team-a', 'default');
    c.client.resource('', 'serviceaccounts').delete('team-a', 'default');
    await c.settle();
    const again = c.client.resource('', 'serviceaccounts').get('team-a', 'default');
    assert.notEqual(again.metadata.uid, sa.metadata.uid, 'recreated after deletion');
    const cm = c.client.resource('', 'configmaps').get('team-a', 'kube-root-ca.crt') as any;
    c.client.resource('', 'configmaps').update('team-a', { ...cm, data: { 'ca.crt': 'tampered', extra: 'x' } });
    await c.settle();
    const restored = c.client.resource('', 'configmaps').get('team-a', 'kube-root-ca.crt') as any;
    assert.deepEqual(restored.data, { 'ca.crt': kubemuRootCA });
  } finally {
    await c.stop();
  }
});
