/**
 * A bare WebSocket client over node:http for subprotocols the `ws` package refuses to offer (such as
 * "SPDY/3.1+portforward.k8s.io", whose '/' is not a token character): the upgrade with any
 * Sec-WebSocket-Protocol, masked binary frames out, unmasked frames in.
 */
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { Duplex } from 'node:stream';

export interface RawSocket {
  /** The Sec-WebSocket-Protocol of the 101. */
  protocol: string;
  send(data: Buffer): void;
  onMessage(fn: (data: Buffer) => void): void;
  onClose(fn: () => void): void;
  close(): void;
}

export function rawWebSocket(url: string, protocol: string): Promise<RawSocket | { status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = request({
      host: u.hostname,
      port: u.port,
      path: u.pathname + u.search,
      agent: false,
      headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': randomBytes(16).toString('base64'), 'Sec-WebSocket-Protocol': protocol },
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('upgrade', (res, socket: Duplex, head: Buffer) => resolve(wrap(socket, head, String(res.headers['sec-websocket-protocol'] ?? ''))));
    req.on('error', reject);
    req.end();
  });
}

function wrap(socket: Duplex, head: Buffer, protocol: string): RawSocket {
  let buf = head;
  const handlers: Array<(d: Buffer) => void> = [];
  const closers: Array<() => void> = [];
  socket.on('data', (c: Buffer) => {
    buf = Buffer.concat([buf, c]);
    for (;;) {
      if (buf.length < 2) return;
      const op = buf[0]! & 0x0f;
      let len = buf[1]! & 0x7f;
      let off = 2;
      if (len === 126) {
        if (buf.length < 4) return;
        len = buf.readUInt16BE(2);
        off = 4;
      } else if (len === 127) {
        if (buf.length < 10) return;
        len = Number(buf.readBigUInt64BE(2));
        off = 10;
      }
      if (buf.length < off + len) return;
      const payload = buf.subarray(off, off + len);
      buf = buf.subarray(off + len);
      if (op === 0x8) {
        socket.end();
        return;
      }
      if (op === 0x2 || op === 0x1) for (const h of handlers) h(payload);
    }
  });
  socket.on('close', () => closers.forEach((f) => f()));
  const frame = (op: number, data: Buffer) => {
    const mask = randomBytes(4);
    const len = data.length;
    const head = len < 126 ? Buffer.from([0x80 | op, 0x80 | len]) : len < 65536 ? Buffer.from([0x80 | op, 0x80 | 126, len >> 8, len & 0xff]) : (() => {
      const h = Buffer.alloc(10);
      h[0] = 0x80 | op;
      h[1] = 0x80 | 127;
      h.writeBigUInt64BE(BigInt(len), 2);
      return h;
    })();
    const masked = Buffer.from(data);
    for (let i = 0; i < masked.length; i++) masked[i]! ^= mask[i % 4]!;
    socket.write(Buffer.concat([head, mask, masked]));
  };
  return {
    protocol,
    send: (d) => frame(0x2, d),
    onMessage: (fn) => handlers.push(fn),
    onClose: (fn) => closers.push(fn),
    close: () => {
      frame(0x8, Buffer.from([0x03, 0xe8]));
      socket.end();
    },
  };
}
