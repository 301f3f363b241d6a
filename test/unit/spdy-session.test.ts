/**
 * The server side of a SPDY session and the portforward.k8s.io protocol on it: streams accepted with
 * SYN_REPLY, data both ways, FIN half-closes, RST, PING echo, GOAWAY; error/data stream pairs by
 * requestID, a dial per pair, errors written on the error stream, both streams closed at the end.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SpdySession, type SpdyStream } from '../../src/http/spdy/session.js';
import { portForwardProtocol } from '../../src/http/port-forward-socket.js';
import type { PortSink } from '../../src/http/pod-streams.js';
import { SpdyTestClient } from '../helpers/spdy-client.js';

function pair(onStream: (s: SpdyStream) => void) {
  let client!: SpdyTestClient;
  let closed = '';
  const session = new SpdySession({ send: (b) => client.receive(b), onStream, onClose: (r) => (closed = r) });
  client = new SpdyTestClient((b) => session.receive(b));
  return { session, client, closed: () => closed };
}

test('streams: SYN_REPLY, echo, FIN both ways, forgotten when both sides are done', async () => {
  const seen: SpdyStream[] = [];
  const { session, client } = pair((s) => {
    seen.push(s);
    s.onData = (d) => s.write(Buffer.from(d.toString().toUpperCase()));
    s.onEnd = () => s.end();
  });
  const id = await client.open({ streamType: 'data', port: '80' });
  await client.until(() => client.stream(id).reply);
  assert.equal(seen[0]!.headers.streamtype![0], 'data');
  client.data(id, 'hello ');
  client.data(id, 'world', true);
  await client.until(() => client.stream(id).fin);
  assert.equal(client.stream(id).data, 'HELLO WORLD');
  assert.equal(session.openStreams.length, 0);
  // the SYN_REPLY carries an empty header block
  const reply = client.received.find((f) => f.type === 'syn_reply')!;
  assert.deepEqual(reply.headers, {});
  client.close();
  session.close();
});

test('several streams share the header contexts; even or reused ids are refused', async () => {
  const { session, client } = pair(() => {});
  const ids = [await client.open({ a: '1' }), await client.open({ a: '2' }), await client.open({ a: '3' })];
  await client.until(() => ids.every((i) => client.stream(i).reply));
  assert.equal(session.openStreams.length, 3);
  assert.deepEqual(session.openStreams.map((s) => s.headers.a![0]), ['1', '2', '3']);
  client.frame({ type: 'rst_stream', streamId: ids[1]!, status: 5 });
  await client.until(() => session.openStreams.length === 2);
  client.close();
  session.close();
});

test('PING from the client is echoed; GOAWAY ends the session and resets open streams', async () => {
  let reset = 0;
  const { session, client, closed } = pair((s) => (s.onReset = () => reset++));
  client.frame({ type: 'ping', id: 1 });
  await client.until(() => client.received.some((f) => f.type === 'ping' && f.id === 1));
  await client.open({ x: 'y' });
  client.frame({ type: 'goaway', lastGoodStreamId: 0, status: 0 });
  await client.until(() => closed() === 'GOAWAY');
  assert.equal(session.closed, true);
  assert.equal(reset, 1);
  client.close();
});

test('garbage on the wire ends the session with a protocol error', async () => {
  const { session, closed } = pair(() => {});
  session.receive(Buffer.from([0x80, 0x02, 0, 1, 0, 0, 0, 0]));
  assert.match(closed(), /unsupported SPDY version 2/);
});

test('portforward.k8s.io: error+data pairs by requestID, a dial per pair, bytes both ways, FIN on both at the end', async () => {
  const dials: number[] = [];
  const sinks: PortSink[] = [];
  const received: string[] = [];
  const proto = portForwardProtocol((port, sink) => {
    dials.push(port);
    if (port === 81) return { error: 'error forwarding port 81 to pod abc, uid : connection refused' };
    sinks.push(sink);
    return { write: (b) => received.push(b.toString()), end: () => sink.end() };
  });
  const { session, client } = pair(proto.onStream);
  const err0 = await client.open({ streamType: 'error', port: '80', requestID: '0' });
  assert.deepEqual(dials, []);
  const data0 = await client.open({ streamType: 'data', port: '80', requestID: '0' });
  await client.until(() => dials.length === 1);
  client.data(data0, 'GET / HTTP/1.1\r\n\r\n');
  await client.until(() => received.length === 1);
  sinks[0]!.write(Buffer.from('HTTP/1.1 200 OK\r\n\r\n'));
  await client.until(() => client.stream(data0).data.length > 0);
  client.data(data0, '', true);
  await client.until(() => client.stream(data0).fin && client.stream(err0).fin);
  assert.equal(client.stream(err0).data, '');
  // a refused port: the message on the error stream, then both closed
  const err1 = await client.open({ streamType: 'error', port: '81', requestID: '1' });
  const data1 = await client.open({ streamType: 'data', port: '81', requestID: '1' });
  await client.until(() => client.stream(err1).fin && client.stream(data1).fin);
  assert.equal(client.stream(err1).data, 'error forwarding port 81 to pod abc, uid : connection refused');
  // a bad port and an unknown stream type
  const err2 = await client.open({ streamType: 'error', port: 'http', requestID: '2' });
  await client.open({ streamType: 'data', port: 'http', requestID: '2' });
  await client.until(() => client.stream(err2).fin);
  assert.equal(client.stream(err2).data, 'invalid port "http"');
  const odd = await client.open({ streamType: 'stdin', requestID: '3' });
  await client.until(() => client.stream(odd).reset);
  assert.deepEqual(dials, [80, 81]);
  client.close();
  session.close();
});
