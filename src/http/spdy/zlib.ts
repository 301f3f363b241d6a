/**
 * SPDY/3 header block compression: one zlib stream per direction for the whole connection, primed
 * with the SPDY/3 dictionary; every header block is flushed with Z_SYNC_FLUSH (so it ends in
 * 00 00 00 FF FF and the peer can decode it at once, with later blocks referring back to earlier
 * ones). Calls are queued so blocks go through the shared context in order.
 */
import zlib from 'node:zlib';
import { SPDY3_DICTIONARY } from './dictionary.js';
import { SpdyProtocolError } from './frames.js';

type Z = zlib.Deflate | zlib.Inflate;

class Context {
  private chain: Promise<unknown> = Promise.resolve();
  private failed?: Error;

  constructor(private readonly z: Z) {
    z.on('error', (e: Error) => {
      this.failed = e;
    });
  }

  /** Push one block through the stream and collect what it gives back after a sync flush. */
  run(input: Buffer): Promise<Buffer> {
    const z = this.z;
    const next = this.chain.then(
      () =>
        new Promise<Buffer>((resolve, reject) => {
          if (this.failed) return reject(new SpdyProtocolError(`header compression: ${this.failed.message}`));
          const chunks: Buffer[] = [];
          const onData = (c: Buffer) => chunks.push(c);
          const onError = (e: Error) => {
            z.off('data', onData);
            reject(new SpdyProtocolError(`header compression: ${e.message}`));
          };
          z.on('data', onData);
          z.once('error', onError);
          if (input.length) z.write(input);
          z.flush(zlib.constants.Z_SYNC_FLUSH, () => {
            z.off('data', onData);
            z.off('error', onError);
            if (this.failed) reject(new SpdyProtocolError(`header compression: ${this.failed.message}`));
            else resolve(Buffer.concat(chunks));
          });
        }),
    );
    this.chain = next.catch(() => undefined);
    return next;
  }

  close(): void {
    this.z.close();
  }
}

/** Compresses header blocks this side sends. */
export class HeaderCompressor {
  private readonly ctx = new Context(zlib.createDeflate({ dictionary: SPDY3_DICTIONARY, level: zlib.constants.Z_BEST_COMPRESSION }));
  compress(block: Buffer): Promise<Buffer> {
    return this.ctx.run(block);
  }
  close(): void {
    this.ctx.close();
  }
}

/** Decompresses header blocks the peer sends. */
export class HeaderDecompressor {
  private readonly ctx = new Context(zlib.createInflate({ dictionary: SPDY3_DICTIONARY }));
  decompress(block: Buffer): Promise<Buffer> {
    return this.ctx.run(block);
  }
  close(): void {
    this.ctx.close();
  }
}
