/** The HTTP server in a container (port-forward): nginx's headers and pages, keep-alive, pipelining. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpConnection, errorPage, httpDate, respond } from '../../src/kubelet/container-http.js';
import { imageProfiles } from '../../src/kubelet/images.js';
import { memoryFS } from '../../src/kubelet/shell/index.js';
import { FakeClock } from '../../src/util/clock.js';

const clock = new FakeClock('2024-12-01T10:00:00Z');
const model = (name = 'nginx') => ({ profile: imageProfiles[name]!, fs: memoryFS({ ...imageProfiles[name]!.files }), clock, startedAt: Date.parse('2024-12-01T09:00:00Z') });

test('httpDate is IMF-fixdate', () => {
  assert.equal(httpDate(Date.parse('2024-01-01T00:00:05Z')), 'Mon, 01 Jan 2024 00:00:05 GMT');
});

test('nginx: / and /index.html from the document root, with nginx headers', () => {
  const m = model();
  const r = respond(m, 'GET', '/');
  assert.equal(r.status, 200);
  assert.equal(r.body, m.fs.read('/usr/share/nginx/html/index.html'));
  assert.deepEqual(Object.fromEntries(r.headers), {
    Server: 'nginx/1.27.3',
    Date: 'Sun, 01 Dec 2024 10:00:00 GMT',
    'Content-Type': 'text/html',
    'Content-Length': String(Buffer.byteLength(r.body)),
    'Last-Modified': 'Sun, 01 Dec 2024 09:00:00 GMT',
    Connection: 'keep-alive',
    ETag: `"${(Date.parse('2024-12-01T09:00:00Z') / 1000).toString(16)}-${Buffer.byteLength(r.body).toString(16)}"`,
    'Accept-Ranges': 'bytes',
  });
  assert.equal(respond(m, 'GET', '/index.html?x=1').status, 200);
  assert.equal(respond(m, 'HEAD', '/').body, '');
  m.fs.write('/usr/share/nginx/html/data.json', '{"a":1}', false);
  const j = respond(m, 'GET', '/data.json');
  assert.equal(j.body, '{"a":1}');
  assert.equal(Object.fromEntries(j.headers)['Content-Type'], 'application/json');
});

test('nginx: 404 page, 405 for other methods', () => {
  const r = respond(model(), 'GET', '/nope');
  assert.equal(r.status, 404);
  assert.equal(r.body, errorPage(imageProfiles['nginx']!, 404));
  assert.equal(r.body, '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.27.3</center>\r\n</body>\r\n</html>\r\n');
  assert.equal(respond(model(), 'POST', '/').status, 405);
});

test('a connection: requests split across chunks, pipelined, keep-alive, then Connection: close', () => {
  const out: string[] = [];
  let closed = false;
  const conn = new HttpConnection(model(), (b) => out.push(b.toString()), () => (closed = true));
  conn.receive(Buffer.from('GET / HTTP/1.1\r\nHo'));
  assert.equal(out.length, 0);
  conn.receive(Buffer.from('st: x\r\n\r\nGET /missing HTTP/1.1\r\nHost: x\r\n\r\n'));
  assert.equal(out.length, 2);
  assert.match(out[0]!, /^HTTP\/1\.1 200 OK\r\nServer: nginx\/1\.27\.3\r\n/);
  assert.match(out[1]!, /^HTTP\/1\.1 404 Not Found\r\n/);
  assert.equal(closed, false);
  conn.receive(Buffer.from('GET / HTTP/1.1\r\nConnection: close\r\n\r\n'));
  assert.match(out[2]!, /\r\nConnection: close\r\n/);
  assert.equal(closed, true);
});

test('a malformed request gets 400 and the connection closes', () => {
  const out: string[] = [];
  let closed = false;
  const conn = new HttpConnection(model(), (b) => out.push(b.toString()), () => (closed = true));
  conn.receive(Buffer.from('HELLO\r\n\r\n'));
  assert.match(out[0]!, /^HTTP\/1\.1 400 Bad Request\r\n/);
  assert.equal(closed, true);
});
