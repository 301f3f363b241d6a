/**
 * SPDY/3.1 framing (spdy-protocol-draft3-1 section 2), as moby/spdystream's framer reads and writes
 * it: control frames (SYN_STREAM, SYN_REPLY, RST_STREAM, SETTINGS, PING, GOAWAY, HEADERS,
 * WINDOW_UPDATE) and DATA frames. Header blocks are carried here as their compressed bytes; the
 * name/value block inside them is encoded and decoded by encodeHeaderBlock / decodeHeaderBlock, and
 * compressed by the connection's zlib contexts (zlib.ts).
 */

export const SPDY_VERSION = 3;

export const FrameType = {
  SynStream: 1,
  SynReply: 2,
  RstStream: 3,
  Settings: 4,
  Ping: 6,
  GoAway: 7,
  Headers: 8,
  WindowUpdate: 9,
} as const;

/** FLAG_FIN on control and data frames; FLAG_UNIDIRECTIONAL on SYN_STREAM. */
export const FLAG_FIN = 0x01;
export const FLAG_UNIDIRECTIONAL = 0x02;

/** RST_STREAM status codes. */
export const RstStatus = {
  ProtocolError: 1,
  InvalidStream: 2,
  RefusedStream: 3,
  UnsupportedVersion: 4,
  Cancel: 5,
  InternalError: 6,
  FlowControlError: 7,
  StreamInUse: 8,
  StreamAlreadyClosed: 9,
  FrameTooLarge: 11,
} as const;

export type Frame =
  | { type: 'data'; streamId: number; flags: number; data: Buffer }
  | { type: 'syn_stream'; streamId: number; associatedTo: number; priority: number; slot: number; flags: number; headerBlock: Buffer }
  | { type: 'syn_reply'; streamId: number; flags: number; headerBlock: Buffer }
  | { type: 'headers'; streamId: number; flags: number; headerBlock: Buffer }
  | { type: 'rst_stream'; streamId: number; status: number }
  | { type: 'settings'; flags: number; entries: Array<{ flags: number; id: number; value: number }> }
  | { type: 'ping'; id: number }
  | { type: 'goaway'; lastGoodStreamId: number; status: number }
  | { type: 'window_update'; streamId: number; delta: number }
  | { type: 'unknown'; frameType: number; flags: number; payload: Buffer };

export class SpdyProtocolError extends Error {}

const MAX_LENGTH = 0xffffff;
const id31 = (n: number) => n & 0x7fffffff;

function control(type: number, flags: number, payload: Buffer): Buffer {
  if (payload.length > MAX_LENGTH) throw new SpdyProtocolError('frame too large');
  const h = Buffer.alloc(8);
  h.writeUInt16BE(0x8000 | SPDY_VERSION, 0);
  h.writeUInt16BE(type, 2);
  h.writeUInt32BE((((flags & 0xff) << 24) | payload.length) >>> 0, 4);
  return Buffer.concat([h, payload]);
}

function u32s(...vals: number[]): Buffer {
  const b = Buffer.alloc(vals.length * 4);
  vals.forEach((v, i) => b.writeUInt32BE(v >>> 0, i * 4));
  return b;
}

/** Serialize one frame. */
export function encodeFrame(f: Frame): Buffer {
  switch (f.type) {
    case 'data': {
      if (f.data.length > MAX_LENGTH) throw new SpdyProtocolError('frame too large');
      const h = Buffer.alloc(8);
      h.writeUInt32BE(id31(f.streamId), 0);
      h.writeUInt32BE((((f.flags & 0xff) << 24) | f.data.length) >>> 0, 4);
      return Buffer.concat([h, f.data]);
    }
    case 'syn_stream': {
      const p = Buffer.alloc(10);
      p.writeUInt32BE(id31(f.streamId), 0);
      p.writeUInt32BE(id31(f.associatedTo), 4);
      p.writeUInt8((f.priority & 0x7) << 5, 8);
      p.writeUInt8(f.slot & 0xff, 9);
      return control(FrameType.SynStream, f.flags, Buffer.concat([p, f.headerBlock]));
    }
    case 'syn_reply':
      return control(FrameType.SynReply, f.flags, Buffer.concat([u32s(id31(f.streamId)), f.headerBlock]));
    case 'headers':
      return control(FrameType.Headers, f.flags, Buffer.concat([u32s(id31(f.streamId)), f.headerBlock]));
    case 'rst_stream':
      return control(FrameType.RstStream, 0, u32s(id31(f.streamId), f.status));
    case 'settings': {
      const parts = [u32s(f.entries.length)];
      for (const e of f.entries) parts.push(u32s((((e.flags & 0xff) << 24) | (e.id & 0xffffff)) >>> 0, e.value));
      return control(FrameType.Settings, f.flags, Buffer.concat(parts));
    }
    case 'ping':
      return control(FrameType.Ping, 0, u32s(f.id));
    case 'goaway':
      return control(FrameType.GoAway, 0, u32s(id31(f.lastGoodStreamId), f.status));
    case 'window_update':
      return control(FrameType.WindowUpdate, 0, u32s(id31(f.streamId), id31(f.delta)));
    case 'unknown':
      return control(f.frameType, f.flags, f.payload);
  }
}

function need(p: Buffer, n: number, what: string): void {
  if (p.length < n) throw new SpdyProtocolError(`invalid control frame: ${what} too short`);
}

function decodeControl(type: number, flags: number, p: Buffer): Frame {
  switch (type) {
    case FrameType.SynStream:
      need(p, 10, 'SYN_STREAM');
      return { type: 'syn_stream', streamId: id31(p.readUInt32BE(0)), associatedTo: id31(p.readUInt32BE(4)), priority: p.readUInt8(8) >> 5, slot: p.readUInt8(9), flags, headerBlock: p.subarray(10) };
    case FrameType.SynReply:
      need(p, 4, 'SYN_REPLY');
      return { type: 'syn_reply', streamId: id31(p.readUInt32BE(0)), flags, headerBlock: p.subarray(4) };
    case FrameType.Headers:
      need(p, 4, 'HEADERS');
      return { type: 'headers', streamId: id31(p.readUInt32BE(0)), flags, headerBlock: p.subarray(4) };
    case FrameType.RstStream:
      need(p, 8, 'RST_STREAM');
      return { type: 'rst_stream', streamId: id31(p.readUInt32BE(0)), status: p.readUInt32BE(4) };
    case FrameType.Settings: {
      need(p, 4, 'SETTINGS');
      const n = p.readUInt32BE(0);
      need(p, 4 + n * 8, 'SETTINGS');
      const entries = [];
      for (let i = 0; i < n; i++) {
        const fid = p.readUInt32BE(4 + i * 8);
        entries.push({ flags: fid >>> 24, id: fid & 0xffffff, value: p.readUInt32BE(8 + i * 8) });
      }
      return { type: 'settings', flags, entries };
    }
    case FrameType.Ping:
      need(p, 4, 'PING');
      return { type: 'ping', id: p.readUInt32BE(0) };
    case FrameType.GoAway:
      need(p, 8, 'GOAWAY');
      return { type: 'goaway', lastGoodStreamId: id31(p.readUInt32BE(0)), status: p.readUInt32BE(4) };
    case FrameType.WindowUpdate:
      need(p, 8, 'WINDOW_UPDATE');
      return { type: 'window_update', streamId: id31(p.readUInt32BE(0)), delta: id31(p.readUInt32BE(4)) };
    default:
      return { type: 'unknown', frameType: type, flags, payload: p };
  }
}

/**
 * Incremental frame reader: feed bytes as they arrive (one WebSocket message may hold part of a
 * frame or several frames); complete frames come out in order.
 */
export class FrameReader {
  private buf: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Frame[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const out: Frame[] = [];
    while (this.buf.length >= 8) {
      const len = this.buf.readUInt32BE(4) & 0xffffff;
      if (this.buf.length < 8 + len) break;
      const head = this.buf.subarray(0, 8);
      const payload = Buffer.from(this.buf.subarray(8, 8 + len));
      this.buf = this.buf.subarray(8 + len);
      const flags = head.readUInt8(4);
      if (head.readUInt8(0) & 0x80) {
        const version = head.readUInt16BE(0) & 0x7fff;
        if (version !== SPDY_VERSION) throw new SpdyProtocolError(`unsupported SPDY version ${version}`);
        out.push(decodeControl(head.readUInt16BE(2), flags, payload));
      } else {
        out.push({ type: 'data', streamId: id31(head.readUInt32BE(0)), flags, data: payload });
      }
    }
    return out;
  }

  /** Bytes of an incomplete frame still waiting for the rest. */
  get pending(): number {
    return this.buf.length;
  }
}

/** Header names and values (several values of one name are joined with NUL on the wire). */
export type SpdyHeaders = Record<string, string[]>;

/** The uncompressed name/value block: count, then length-prefixed names and NUL-joined values. */
export function encodeHeaderBlock(h: SpdyHeaders): Buffer {
  const names = Object.keys(h);
  const parts: Buffer[] = [u32s(names.length)];
  for (const name of names) {
    const n = Buffer.from(name.toLowerCase(), 'utf8');
    const v = Buffer.from(h[name]!.join('\0'), 'utf8');
    parts.push(u32s(n.length), n, u32s(v.length), v);
  }
  return Buffer.concat(parts);
}

/** Parse an uncompressed name/value block, with the framer's checks (lowercase, no duplicates). */
export function decodeHeaderBlock(b: Buffer): SpdyHeaders {
  let off = 0;
  const u32 = () => {
    if (off + 4 > b.length) throw new SpdyProtocolError('header block truncated');
    const v = b.readUInt32BE(off);
    off += 4;
    return v;
  };
  const str = (n: number) => {
    if (off + n > b.length) throw new SpdyProtocolError('header block truncated');
    const s = b.toString('utf8', off, off + n);
    off += n;
    return s;
  };
  const count = u32();
  const out: SpdyHeaders = {};
  for (let i = 0; i < count; i++) {
    const name = str(u32());
    if (name !== name.toLowerCase()) throw new SpdyProtocolError('header was not lowercased');
    if (name in out) throw new SpdyProtocolError('multiple headers with same name');
    out[name] = str(u32()).split('\0');
  }
  return out;
}

/** First value of a header, case-insensitively (as http.Header.Get). */
export function headerValue(h: SpdyHeaders, name: string): string | undefined {
  const want = name.toLowerCase();
  for (const [k, v] of Object.entries(h)) if (k.toLowerCase() === want) return v[0];
  return undefined;
}
