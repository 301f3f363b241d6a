/**
 * The client side of SPDY/3.1 for tests, as kubectl's (moby/spdystream) would speak it: its own
 * zlib contexts (Go's framer compresses every header block with Z_SYNC_FLUSH on one stream), odd
 * stream ids, and a frame reader for what the server sends back.
 */
import { FrameReader, decodeHeaderBlock, encodeFrame, encodeHeaderBlock, type Frame, type SpdyHeaders } from '../../src/http/spdy/frames.js';
import { HeaderCompressor, HeaderDecompressor } from '../../src/http/spdy/zlib.js';

export class SpdyTestClient {
  private readonly deflate = new HeaderCompressor();
  private readonly inflate = new HeaderDecompressor();
  private readonly reader = new FrameReader();
  private nextId = 1;
  /** Frames received, header blocks decoded into `headers`. */
  readonly received: Array<Frame & { headers?: SpdyHeaders }> = [];
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly send: (b: Buffer) => void) {}

  /** Open a stream; resolves to its id once the SYN_STREAM has been sent. */
  async open(headers: Record<string, string>, fin = false): Promise<number> {
    const id = this.nextId;
    this.nextId += 2;
    const h: SpdyHeaders = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), [v]]));
    const block = await this.deflate.compress(encodeHeaderBlock(h));
    this.send(encodeFrame({ type: 'syn_stream', streamId: id, associatedTo: 0, priority: 0, slot: 0, flags: fin ? 1 : 0, headerBlock: block }));
    return id;
  }

  data(streamId: number, data: Buffer | string, fin = false): void {
    this.send(encodeFrame({ type: 'data', streamId, flags: fin ? 1 : 0, data: Buffer.from(data) }));
  }

  frame(f: Frame): void {
    this.send(encodeFrame(f));
  }

  /** Bytes from the server. */
  receive(b: Buffer): void {
    for (const f of this.reader.push(b)) {
      this.chain = this.chain.then(async () => {
        if (f.type === 'syn_reply' || f.type === 'syn_stream' || f.type === 'headers') this.received.push({ ...f, headers: decodeHeaderBlock(await this.inflate.decompress(f.headerBlock)) });
        else this.received.push(f);
      });
    }
  }

  /** All data received on a stream, and whether it ended (FIN). */
  stream(id: number): { data: string; fin: boolean; reply: boolean; reset: boolean } {
    let data = '';
    let fin = false;
    let reply = false;
    let reset = false;
    for (const f of this.received) {
      if (f.type === 'data' && f.streamId === id) {
        data += f.data.toString('utf8');
        if (f.flags & 1) fin = true;
      }
      if (f.type === 'syn_reply' && f.streamId === id) reply = true;
      if (f.type === 'rst_stream' && f.streamId === id) reset = true;
    }
    return { data, fin, reply, reset };
  }

  /** Wait until the condition holds (the server's writes are asynchronous). */
  async until(cond: () => boolean, turns = 20_000): Promise<void> {
    for (let i = 0; ; i++) {
      await this.chain;
      if (cond()) return;
      if (i > turns) throw new Error('condition not met; received: ' + JSON.stringify(this.received.map((f) => ({ ...f, data: f.type === 'data' ? f.data.toString() : undefined, headerBlock: undefined }))));
      await new Promise((r) => setImmediate(r));
    }
  }

  close(): void {
    this.deflate.close();
    this.inflate.close();
  }
}
