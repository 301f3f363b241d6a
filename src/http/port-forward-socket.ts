/**
 * pods/portforward over WebSocket: kubectl 1.32 tunnels SPDY/3.1 through the WebSocket (subprotocol
 * `SPDY/3.1+portforward.k8s.io`, every binary message a run of raw SPDY bytes), and speaks the
 * portforward.k8s.io protocol inside it, as upstream's kubelet streaming server
 * (pkg/kubelet/cri/streaming/portforward/httpstream.go): per forwarded TCP connection the client
 * opens an error stream and a data stream with headers `streamType`, `port` and `requestID`; once
 * both of a request are there the port is dialled; bytes flow on the data stream; a failure is
 * written as text on the error stream; both streams are closed (FIN) when the connection ends.
 */
import type { WebSocket } from 'ws';
import type { KObject } from '../api/meta.js';
import { headerValue } from './spdy/frames.js';
import { SpdySession, type SpdyStream } from './spdy/session.js';
import type { PortConnection, PortSink, PodStreamSource } from './pod-streams.js';

export const PORT_FORWARD_PROTOCOL = 'SPDY/3.1+portforward.k8s.io';

interface Pair {
  data?: SpdyStream;
  error?: SpdyStream;
  started?: boolean;
}

/**
 * Drive the portforward.k8s.io protocol on a SPDY session: `dial` connects to a port (or says why
 * not). Exported for tests that run the session without a WebSocket.
 */
export function portForwardProtocol(dial: (port: number, sink: PortSink) => PortConnection | { error: string }) {
  const pairs = new Map<string, Pair>();
  const conns = new Set<PortConnection>();
  const onStream = (s: SpdyStream) => {
    const type = headerValue(s.headers, 'streamType');
    const requestID = headerValue(s.headers, 'requestID');
    if (requestID === undefined || (type !== 'data' && type !== 'error')) {
      s.abort();
      return;
    }
    const p = pairs.get(requestID) ?? {};
    pairs.set(requestID, p);
    if ((type === 'data' && p.data) || (type === 'error' && p.error)) {
      s.abort();
      return;
    }
    if (type === 'data') p.data = s;
    else p.error = s;
    if (p.data && p.error && !p.started) {
      p.started = true;
      start(requestID, p.data, p.error);
    }
  };
  const start = (requestID: string, data: SpdyStream, error: SpdyStream) => {
    const close = () => {
      pairs.delete(requestID);
      data.end();
      error.end();
    };
    const portText = headerValue(data.headers, 'port') ?? '';
    const port = /^\d+$/.test(portText) ? Number(portText) : NaN;
    if (!(port > 0 && port <= 65535)) {
      error.write(portText === '' ? 'port header is required' : `invalid port ${JSON.stringify(portText)}`);
      return close();
    }
    let ended = false;
    let conn: PortConnection | undefined;
    const r = dial(port, {
      write: (b) => data.write(b),
      end: () => {
        if (ended) return;
        ended = true;
        if (conn) conns.delete(conn);
        close();
      },
    });
    if ('error' in r) {
      error.write(r.error);
      return close();
    }
    if (ended) return;
    const c: PortConnection = r;
    conn = c;
    conns.add(c);
    data.onData = (b) => c.write(b);
    data.onEnd = () => c.end();
    data.onReset = () => c.end();
    error.onData = () => {};
  };
  return {
    onStream,
    /** The session ended: every open connection ends too. */
    closeAll(): void {
      for (const c of [...conns]) c.end();
      conns.clear();
      pairs.clear();
    },
  };
}

export function servePortForward(socket: WebSocket, source: PodStreamSource | undefined, pod: KObject): void {
  const proto = portForwardProtocol((port, sink) => (source ? source.portForward(pod, port, sink) : { error: 'pod does not exist' }));
  const session = new SpdySession({
    send: (b) => {
      if (socket.readyState === socket.OPEN) socket.send(b);
    },
    onStream: proto.onStream,
    onClose: () => {
      proto.closeAll();
      if (socket.readyState === socket.OPEN) socket.close(1000);
    },
  });
  socket.on('message', (raw: Buffer | ArrayBuffer | Buffer[]) => {
    const buf = Buffer.isBuffer(raw) ? raw : Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw);
    session.receive(buf);
  });
  socket.on('close', () => session.close('connection closed'));
}
