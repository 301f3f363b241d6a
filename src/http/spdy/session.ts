/**
 * The server side of one SPDY/3.1 connection, as the kubelet's streaming server (httpstream/spdy over
 * moby/spdystream) runs it: the client opens streams with SYN_STREAM (odd ids), each is accepted
 * with an empty SYN_REPLY and handed to `onStream`; DATA flows both ways; either side half-closes
 * with FIN; RST_STREAM drops a stream; PINGs from the client are echoed; GOAWAY ends the session.
 * Bytes come in through `receive` (in any chunking) and go out through `send`, one frame per call,
 * in order (header blocks pass through the connection's shared zlib contexts first).
 */
import {
  FLAG_FIN, FrameReader, RstStatus, SpdyProtocolError, decodeHeaderBlock, encodeFrame, encodeHeaderBlock,
  type Frame, type SpdyHeaders,
} from './frames.js';
import { HeaderCompressor, HeaderDecompressor } from './zlib.js';

/** Largest DATA payload sent in one frame. */
const MAX_DATA = 32 * 1024;

export class SpdyStream {
  /** The peer finished sending (FIN), or the stream was reset. */
  remoteClosed = false;
  /** This side finished sending. */
  localClosed = false;
  reset = false;
  onData: (data: Buffer) => void = () => {};
  onEnd: () => void = () => {};
  onReset: (status: number) => void = () => {};

  constructor(
    private readonly session: SpdySession,
    readonly id: number,
    readonly headers: SpdyHeaders,
  ) {}

  /** Send bytes to the peer. */
  write(data: Buffer | string): void {
    if (this.localClosed || this.reset) return;
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    for (let off = 0; off < buf.length; off += MAX_DATA) this.session.sendFrame({ type: 'data', streamId: this.id, flags: 0, data: buf.subarray(off, off + MAX_DATA) });
  }

  /** Half-close: an empty DATA frame with FIN. */
  end(): void {
    if (this.localClosed || this.reset) return;
    this.localClosed = true;
    this.session.sendFrame({ type: 'data', streamId: this.id, flags: FLAG_FIN, data: Buffer.alloc(0) });
    this.session.maybeForget(this);
  }

  /** Abort the stream (RST_STREAM). */
  abort(status: number = RstStatus.Cancel): void {
    if (this.reset) return;
    this.reset = true;
    this.session.sendFrame({ type: 'rst_stream', streamId: this.id, status });
    this.session.forget(this);
  }
}

export interface SpdySessionOptions {
  /** Write one serialized frame to the transport. */
  send(frame: Buffer): void;
  /** A new stream opened by the client (already accepted). */
  onStream(stream: SpdyStream): void;
  /** The session is over (GOAWAY from the client, or a protocol error). */
  onClose?(reason: string): void;
}

export class SpdySession {
  private readonly reader = new FrameReader();
  private readonly inflater = new HeaderDecompressor();
  private readonly deflater = new HeaderCompressor();
  private readonly streams = new Map<number, SpdyStream>();
  private lastStreamId = 0;
  private inChain: Promise<void> = Promise.resolve();
  private outChain: Promise<void> = Promise.resolve();
  closed = false;

  constructor(private readonly opts: SpdySessionOptions) {}

  /** Bytes from the transport. */
  receive(chunk: Buffer): void {
    if (this.closed) return;
    let frames: Frame[];
    try {
      frames = this.reader.push(chunk);
    } catch (e) {
      return this.fail(e);
    }
    for (const f of frames) this.inChain = this.inChain.then(() => (this.closed ? undefined : this.handle(f))).catch((e) => this.fail(e));
  }

  /** Streams open now. */
  get openStreams(): SpdyStream[] {
    return [...this.streams.values()];
  }

  private async handle(f: Frame): Promise<void> {
    switch (f.type) {
      case 'syn_stream': {
        const headers = decodeHeaderBlock(await this.inflater.decompress(f.headerBlock));
        if (f.streamId % 2 === 0 || f.streamId <= this.lastStreamId || this.streams.has(f.streamId)) {
          this.sendFrame({ type: 'rst_stream', streamId: f.streamId, status: RstStatus.ProtocolError });
          return;
        }
        this.lastStreamId = f.streamId;
        const s = new SpdyStream(this, f.streamId, headers);
        this.streams.set(f.streamId, s);
        this.sendReply(f.streamId, {});
        if (f.flags & FLAG_FIN) s.remoteClosed = true;
        this.opts.onStream(s);
        if (s.remoteClosed) s.onEnd();
        return;
      }
      case 'syn_reply':
      case 'headers':
        // keep the shared decompression context in step, even for blocks we have no use for
        await this.inflater.decompress(f.headerBlock);
        return;
      case 'data': {
        const s = this.streams.get(f.streamId);
        if (!s || s.remoteClosed) return;
        if (f.data.length) s.onData(f.data);
        if (f.flags & FLAG_FIN) {
          s.remoteClosed = true;
          s.onEnd();
          this.maybeForget(s);
        }
        return;
      }
      case 'rst_stream': {
        const s = this.streams.get(f.streamId);
        if (!s) return;
        s.reset = true;
        s.remoteClosed = true;
        this.forget(s);
        s.onReset(f.status);
        return;
      }
      case 'ping':
        // client pings have odd ids: answer with the same frame
        if (f.id % 2 === 1) this.sendFrame({ type: 'ping', id: f.id });
        return;
      case 'goaway':
        this.close('GOAWAY');
        return;
      default:
        return; // SETTINGS, WINDOW_UPDATE, unknown types: nothing to do
    }
  }

  private sendReply(streamId: number, headers: SpdyHeaders): void {
    const block = encodeHeaderBlock(headers);
    const compressed = this.deflater.compress(block);
    this.enqueue(async () => encodeFrame({ type: 'syn_reply', streamId, flags: 0, headerBlock: await compressed }));
  }

  /** Queue a frame (in order with header frames still being compressed). */
  sendFrame(f: Frame): void {
    this.enqueue(async () => encodeFrame(f));
  }

  private enqueue(build: () => Promise<Buffer>): void {
    if (this.closed) return;
    this.outChain = this.outChain
      .then(async () => {
        const b = await build();
        if (!this.closed) this.opts.send(b);
      })
      .catch((e) => this.fail(e));
  }

  maybeForget(s: SpdyStream): void {
    if (s.localClosed && s.remoteClosed) this.forget(s);
  }

  forget(s: SpdyStream): void {
    if (this.streams.get(s.id) === s) this.streams.delete(s.id);
  }

  /** Send GOAWAY and stop. */
  goAway(status = 0): void {
    if (this.closed) return;
    this.sendFrame({ type: 'goaway', lastGoodStreamId: this.lastStreamId, status });
  }

  private fail(e: unknown): void {
    const msg = e instanceof SpdyProtocolError ? e.message : (e as Error)?.message ?? String(e);
    this.close(msg);
  }

  close(reason = 'closed'): void {
    if (this.closed) return;
    this.closed = true;
    for (const s of [...this.streams.values()]) {
      s.reset = true;
      s.remoteClosed = true;
      s.onReset(RstStatus.Cancel);
    }
    this.streams.clear();
    this.inflater.close();
    this.deflater.close();
    this.opts.onClose?.(reason);
  }
}
