/**
 * Minimal protobuf wire format reader and writer (varint, fixed32, fixed64, length-delimited).
 * Error messages follow the gogo-generated Go unmarshalers Kubernetes uses.
 */

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_BYTES = 2;
export const WIRE_START_GROUP = 3;
export const WIRE_END_GROUP = 4;
export const WIRE_FIXED32 = 5;

export class ProtoError extends Error {}

export const ERR_UNEXPECTED_EOF = 'unexpected EOF';
export const ERR_INT_OVERFLOW = 'proto: integer overflow';
export const ERR_INVALID_LENGTH = 'proto: negative length found during unmarshaling';

export class ProtoReader {
  pos: number;
  readonly end: number;
  constructor(
    readonly buf: Uint8Array,
    start = 0,
    end = buf.length,
  ) {
    this.pos = start;
    this.end = end;
  }

  eof(): boolean {
    return this.pos >= this.end;
  }

  /** Reads a varint as an unsigned 64-bit bigint. */
  varint(): bigint {
    let result = 0n;
    for (let shift = 0n; ; shift += 7n) {
      if (shift >= 64n) throw new ProtoError(ERR_INT_OVERFLOW);
      if (this.pos >= this.end) throw new ProtoError(ERR_UNEXPECTED_EOF);
      const b = this.buf[this.pos++]!;
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return BigInt.asUintN(64, result);
    }
  }

  /** Reads a varint as a small non-negative number (tags, lengths). */
  uint(): number {
    const start = this.pos;
    let result = 0;
    for (let shift = 0; ; shift += 7) {
      if (shift >= 35) {
        // Lengths and tags never need more than 32 bits; fall back for oversize values.
        this.pos = start;
        const v = this.varint();
        if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ProtoError(ERR_INVALID_LENGTH);
        return Number(v);
      }
      if (this.pos >= this.end) throw new ProtoError(ERR_UNEXPECTED_EOF);
      const b = this.buf[this.pos++]!;
      result += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return result;
    }
  }

  /** A varint read as Go's int64 (two's complement), returned as a number. */
  int64(): number {
    return Number(BigInt.asIntN(64, this.varint()));
  }

  /** A varint read as Go's int32. */
  int32(): number {
    return Number(BigInt.asIntN(32, this.varint()));
  }

  bool(): boolean {
    return this.varint() !== 0n;
  }

  tag(): { field: number; wireType: number } {
    const t = this.uint();
    return { field: Math.floor(t / 8), wireType: t & 7 };
  }

  fixed32(): Uint8Array {
    if (this.pos + 4 > this.end) throw new ProtoError(ERR_UNEXPECTED_EOF);
    this.pos += 4;
    return this.buf.subarray(this.pos - 4, this.pos);
  }

  fixed64(): Uint8Array {
    if (this.pos + 8 > this.end) throw new ProtoError(ERR_UNEXPECTED_EOF);
    this.pos += 8;
    return this.buf.subarray(this.pos - 8, this.pos);
  }

  double(): number {
    const b = this.fixed64();
    return new DataView(b.buffer, b.byteOffset, 8).getFloat64(0, true);
  }

  /** A length-delimited field's payload (a view, not a copy). */
  bytes(): Uint8Array {
    const len = this.uint();
    if (len < 0) throw new ProtoError(ERR_INVALID_LENGTH);
    if (this.pos + len > this.end) throw new ProtoError(ERR_UNEXPECTED_EOF);
    this.pos += len;
    return this.buf.subarray(this.pos - len, this.pos);
  }

  string(): string {
    return Buffer.from(this.bytes()).toString('utf8');
  }

  /** Skips a field's value of the given wire type (groups included, like gogo's skipGenerated). */
  skip(wireType: number): void {
    switch (wireType) {
      case WIRE_VARINT:
        this.varint();
        return;
      case WIRE_FIXED64:
        this.fixed64();
        return;
      case WIRE_BYTES:
        this.bytes();
        return;
      case WIRE_FIXED32:
        this.fixed32();
        return;
      case WIRE_START_GROUP: {
        for (;;) {
          const { wireType: wt } = this.tag();
          if (wt === WIRE_END_GROUP) return;
          this.skip(wt);
        }
      }
      case WIRE_END_GROUP:
        throw new ProtoError('proto: unexpected end of group');
      default:
        throw new ProtoError(`proto: illegal wireType ${wireType}`);
    }
  }
}

/** Appends protobuf-encoded values; `finish()` returns the bytes. */
export class ProtoWriter {
  private chunks: Uint8Array[] = [];
  private cur: number[] = [];

  private flushCur(): void {
    if (this.cur.length) {
      this.chunks.push(Uint8Array.from(this.cur));
      this.cur = [];
    }
  }

  /** Writes an unsigned varint; negative numbers are written as 64-bit two's complement (Go int32/int64). */
  varint(v: number | bigint): this {
    if (typeof v === 'number' && v >= 0 && v < 2 ** 31 && Number.isInteger(v)) {
      while (v > 0x7f) {
        this.cur.push((v & 0x7f) | 0x80);
        v >>>= 7;
      }
      this.cur.push(v);
      return this;
    }
    let b = BigInt.asUintN(64, BigInt(v));
    while (b > 0x7fn) {
      this.cur.push(Number(b & 0x7fn) | 0x80);
      b >>= 7n;
    }
    this.cur.push(Number(b));
    return this;
  }

  tag(field: number, wireType: number): this {
    return this.varint(field * 8 + wireType);
  }

  bool(v: boolean): this {
    return this.varint(v ? 1 : 0);
  }

  double(v: number): this {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, v, true);
    this.flushCur();
    this.chunks.push(b);
    return this;
  }

  /** Writes a length prefix then the bytes. */
  bytes(b: Uint8Array): this {
    this.varint(b.length);
    this.flushCur();
    if (b.length) this.chunks.push(b);
    return this;
  }

  string(s: string): this {
    return this.bytes(Buffer.from(s, 'utf8'));
  }

  /** Writes raw bytes with no prefix. */
  raw(b: Uint8Array): this {
    this.flushCur();
    if (b.length) this.chunks.push(b);
    return this;
  }

  finish(): Buffer {
    this.flushCur();
    return Buffer.concat(this.chunks);
  }
}
