/**
 * Real kubectl against /openapi/v2: `apply -f` of a kind: List is validated client-side against the
 * model kubectl builds from the protobuf document (k8s.io/kube-openapi/pkg/util/proto), so valid items
 * are applied and invalid ones are reported with kubectl's own messages, as against a real cluster.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiServerOnly, skipReason, startKubectlEnv, type KubectlEnv } from '../helpers/kubectl.js';

const configMap = (name: string, extra: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { k: name }, ...extra });
const deployment = (name: string, container: Record<string, unknown> = {}, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27', ports: [{ containerPort: 80 }], ...container }] } },
    ...spec,
  },
});
const list = (...items: unknown[]) => JSON.stringify({ apiVersion: 'v1', kind: 'List', items });
const STOP = 'if you choose to ignore these errors, turn validation off with --validate=false';

describe('kubectl and OpenAPI v2', { skip: skipReason }, () => {
  let k: KubectlEnv;
  before(async () => {
    k = await startKubectlEnv({ cluster: apiServerOnly });
  });
  after(async () => {
    await k?.stop();
  });

  test('apply -f of a List with a ConfigMap and a Deployment creates both, then leaves them unchanged', async () => {
    const body = list(configMap('from-list'), deployment('web'));
    assert.equal(await k.ok(['apply', '-f', '-'], { stdin: body }), 'configmap/from-list created\ndeployment.apps/web created\n');
    assert.equal(await k.ok(['get', 'cm', 'from-list', '-o', 'jsonpath={.data.k}']), 'from-list');
    assert.equal(await k.ok(['get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas}']), '2');
    assert.equal(await k.ok(['apply', '-f', '-'], { stdin: body }), 'configmap/from-list unchanged\ndeployment.apps/web unchanged\n');
  });

  test('an unknown field in a List item fails client-side with the path and the definition it is not in', async () => {
    const r = await k.run(['apply', '-f', '-'], { stdin: list(configMap('bad', { bogus: 1 })) });
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr,
      `error: error validating "STDIN": error validating data: ValidationError(ConfigMap): unknown field "bogus" in io.k8s.api.core.v1.ConfigMap; ${STOP}\n`,
    );
    const none = await k.run(['get', 'cm', 'bad']);
    assert.match(none.stderr, /configmaps "bad" not found/);
  });

  test('several errors in several items are aggregated, nested paths and type errors included', async () => {
    const r = await k.run(['apply', '-f', '-'], {
      stdin: list(configMap('ok-one'), deployment('bad-deploy', { imagePolicy: 'x' }, { replicas: 'three' })),
    });
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      'error: error validating "STDIN": error validating data: [' +
        'ValidationError(Deployment.spec.replicas): invalid type for io.k8s.api.apps.v1.DeploymentSpec.replicas: got "string", expected "integer", ' +
        'ValidationError(Deployment.spec.template.spec.containers[0]): unknown field "imagePolicy" in io.k8s.api.core.v1.Container' +
        `]; ${STOP}\n`,
    );
    // Validation happens before anything is sent: the valid item was not created either.
    assert.match((await k.run(['get', 'cm', 'ok-one'])).stderr, /not found/);
  });

  test('a missing required field is reported; --validate=false skips the client-side check', async () => {
    const noSelector = deployment('no-selector');
    delete (noSelector.spec as Record<string, unknown>).selector;
    const r = await k.run(['apply', '-f', '-'], { stdin: list(noSelector) });
    assert.equal(
      r.stderr,
      `error: error validating "STDIN": error validating data: ValidationError(Deployment.spec): missing required field "selector" in io.k8s.api.apps.v1.DeploymentSpec; ${STOP}\n`,
    );
    // Without client-side validation the item goes to the server, which ignores the unknown field.
    const out = await k.ok(['apply', '--validate=false', '-f', '-'], { stdin: list(configMap('lenient', { bogus: 1 })) });
    assert.equal(out, 'configmap/lenient created\n');
  });

  test('get --raw /openapi/v2 is the Swagger 2.0 document', async () => {
    const doc = JSON.parse(await k.ok(['get', '--raw', '/openapi/v2']));
    assert.equal(doc.swagger, '2.0');
    assert.deepEqual(doc.definitions['io.k8s.api.core.v1.ConfigMap']['x-kubernetes-group-version-kind'], [{ group: '', kind: 'ConfigMap', version: 'v1' }]);
  });
});
