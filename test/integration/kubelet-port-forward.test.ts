/**
 * pods/portforward end to end without kubectl: a WebSocket offering "SPDY/3.1+portforward.k8s.io"
 * (echoed in the 101), SPDY inside it, an HTTP request on a data stream answered by the nginx
 * model; a port nobody listens on; refusals before the upgrade.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster, type TestCluster } from '../helpers/cluster.js';
import { advance, createPod, getPod, pod } from '../helpers/kubelet.js';
import { rawWebSocket, type RawSocket } from '../helpers/raw-websocket.js';
import { SpdyTestClient } from '../helpers/spdy-client.js';

describe('pods/portforward', () => {
  let c: TestCluster;
  before(async () => {
    c = await testCluster({ listen: true, port: 0 });
    createPod(c, pod('web', [{ name: 'nginx', image: 'nginx:1.27' }]));
    createPod(c, pod('unbound', [{ name: 'x', image: 'nginx' }], { nodeName: undefined, schedulerName: 'nobody' }));
    await advance(c, 4000);
  });
  after(async () => {
    await c?.stop();
  });

  const connect = async (name: string) => {
    const ws = (await rawWebSocket(`${c.url}/api/v1/namespaces/default/pods/${name}/portforward`, 'SPDY/3.1+portforward.k8s.io')) as RawSocket;
    assert.equal(ws.protocol, 'SPDY/3.1+portforward.k8s.io');
    const client = new SpdyTestClient((b) => ws.send(b));
    ws.onMessage((d) => client.receive(d));
    return { ws, client };
  };

  test('an HTTP GET through the tunnel reaches nginx', async () => {
    const { ws, client } = await connect('web');
    const err = await client.open({ streamType: 'error', port: '80', requestID: '0' });
    const data = await client.open({ streamType: 'data', port: '80', requestID: '0' });
    client.data(err, '', true);
    client.data(data, 'GET / HTTP/1.1\r\nHost: localhost:8080\r\n\r\n');
    await client.until(() => client.stream(data).data.includes('</html>'));
    const res = client.stream(data).data;
    assert.match(res, /^HTTP\/1\.1 200 OK\r\nServer: nginx\/1\.27\.3\r\nDate: Mon, 01 Jan 2024 00:00:0\d GMT\r\nContent-Type: text\/html\r\n/);
    assert.match(res, /Welcome to nginx!/);
    // keep-alive: a second request on the same connection
    client.data(data, 'GET /nope HTTP/1.1\r\nHost: x\r\n\r\n');
    await client.until(() => client.stream(data).data.includes('404 Not Found'));
    // the local side closes: both streams end
    client.data(data, '', true);
    await client.until(() => client.stream(data).fin && client.stream(err).fin);
    assert.equal(client.stream(err).data, '');
    client.close();
    ws.close();
  });

  test('a port nobody listens on: the kubelet\'s error on the error stream', async () => {
    const { ws, client } = await connect('web');
    const uid = getPod(c, 'web').metadata.uid;
    const err = await client.open({ streamType: 'error', port: '81', requestID: '0' });
    await client.open({ streamType: 'data', port: '81', requestID: '0' });
    await client.until(() => client.stream(err).fin);
    assert.match(
      client.stream(err).data,
      /^error forwarding port 81 to pod [0-9a-f]{64}, uid : failed to execute portforward in network namespace "\/var\/run\/netns\/cni-[0-9a-f-]{36}": failed to connect to localhost:81 inside namespace "[0-9a-f]{64}", IPv4: dial tcp4 127\.0\.0\.1:81: connect: connection refused IPv6 dial tcp6 \[::1\]:81: connect: connection refused $/,
    );
    assert.ok(uid);
    client.close();
    ws.close();
  });

  test('refused before the upgrade: unknown pod (404), no host (400)', async () => {
    const nf = (await rawWebSocket(`${c.url}/api/v1/namespaces/default/pods/nope/portforward`, 'SPDY/3.1+portforward.k8s.io')) as { status: number; body: string };
    assert.equal(nf.status, 404);
    assert.equal(JSON.parse(nf.body).message, 'pods "nope" not found');
    const ub = (await rawWebSocket(`${c.url}/api/v1/namespaces/default/pods/unbound/portforward`, 'SPDY/3.1+portforward.k8s.io')) as { status: number; body: string };
    assert.equal(ub.status, 400);
    assert.equal(JSON.parse(ub.body).message, 'pod unbound does not have a host assigned');
  });
});
