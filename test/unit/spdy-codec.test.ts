/**
 * SPDY/3.1 framing and header compression: every frame type round trips with the exact byte layout
 * of spdy-protocol-draft3-1 (as moby/spdystream's framer), header blocks check lowercase names and
 * duplicates as the Go framer does, the dictionary is byte-exact, and header compression shares one
 * zlib context per direction with a sync flush after each block.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import { SPDY3_DICTIONARY } from '../../src/http/spdy/dictionary.js';
import { FrameReader, SpdyProtocolError, decodeHeaderBlock, encodeFrame, encodeHeaderBlock, headerValue, type Frame } from '../../src/http/spdy/frames.js';
import { HeaderCompressor, HeaderDecompressor } from '../../src/http/spdy/zlib.js';

test('the SPDY/3 dictionary is moby/spdystream headerDictionary, byte for byte', () => {
  assert.equal(SPDY3_DICTIONARY.length, 1423);
  assert.equal(createHash('sha256').update(SPDY3_DICTIONARY).digest('hex'), '51d27341373f923f3cd88e1eb7162aeaa3723d7585ff2399201dc06498407f02');
  assert.deepEqual([...SPDY3_DICTIONARY.subarray(0, 11)], [0, 0, 0, 7, ...Buffer.from('options')]);
  assert.equal(SPDY3_DICTIONARY.subarray(-6).toString(), 'enq=0.');
});

const frames: Array<[string, Frame, string]> = [
  ['SYN_STREAM', { type: 'syn_stream', streamId: 1, associatedTo: 0, priority: 3, slot: 0, flags: 1, headerBlock: Buffer.from('abc') }, '80030001 0100000d 00000001 00000000 6000 616263'],
  ['SYN_REPLY', { type: 'syn_reply', streamId: 3, flags: 0, headerBlock: Buffer.from('xy') }, '80030002 00000006 00000003 7879'],
  ['RST_STREAM', { type: 'rst_stream', streamId: 5, status: 5 }, '80030003 00000008 00000005 00000005'],
  ['SETTINGS', { type: 'settings', flags: 0, entries: [{ flags: 1, id: 7, value: 65536 }] }, '80030004 0000000c 00000001 01000007 00010000'],
  ['PING', { type: 'ping', id: 1 }, '80030006 00000004 00000001'],
  ['GOAWAY', { type: 'goaway', lastGoodStreamId: 7, status: 0 }, '80030007 00000008 00000007 00000000'],
  ['HEADERS', { type: 'headers', streamId: 9, flags: 0, headerBlock: Buffer.from('h') }, '80030008 00000005 00000009 68'],
  ['WINDOW_UPDATE', { type: 'window_update', streamId: 1, delta: 1024 }, '80030009 00000008 00000001 00000400'],
  ['DATA', { type: 'data', streamId: 1, flags: 0, data: Buffer.from('hi') }, '00000001 00000002 6869'],
  ['DATA FIN, empty', { type: 'data', streamId: 3, flags: 1, data: Buffer.alloc(0) }, '00000003 01000000'],
];

for (const [name, frame, hex] of frames) {
  test(`frame ${name}: bytes and round trip`, () => {
    const b = encodeFrame(frame);
    assert.equal(b.toString('hex'), hex.replace(/ /g, ''));
    const [back] = new FrameReader().push(b);
    assert.deepEqual(back, frame);
  });
}

test('the frame reader takes any chunking: split frames, several frames in one chunk', () => {
  const all = Buffer.concat(frames.map(([, f]) => encodeFrame(f)));
  for (const size of [1, 3, 7, 64, all.length]) {
    const r = new FrameReader();
    const out: Frame[] = [];
    for (let i = 0; i < all.length; i += size) out.push(...r.push(all.subarray(i, i + size)));
    assert.deepEqual(out, frames.map(([, f]) => f));
    assert.equal(r.pending, 0);
  }
});

test('a control frame of another SPDY version is a protocol error', () => {
  const b = encodeFrame({ type: 'ping', id: 1 });
  b.writeUInt16BE(0x8002, 0);
  assert.throws(() => new FrameReader().push(b), SpdyProtocolError);
});

test('header blocks: count, length-prefixed names and NUL-joined values; lowercase and unique names', () => {
  const b = encodeHeaderBlock({ streamtype: ['data'], port: ['80'], multi: ['a', 'b'] });
  assert.equal(b.readUInt32BE(0), 3);
  assert.equal(b.readUInt32BE(4), 10);
  assert.equal(b.toString('utf8', 8, 18), 'streamtype');
  const h = decodeHeaderBlock(b);
  assert.deepEqual(h, { streamtype: ['data'], port: ['80'], multi: ['a', 'b'] });
  assert.equal(headerValue(h, 'streamType'), 'data');
  const upper = Buffer.concat([Buffer.from([0, 0, 0, 1, 0, 0, 0, 1]), Buffer.from('A'), Buffer.from([0, 0, 0, 0])]);
  assert.throws(() => decodeHeaderBlock(upper), /header was not lowercased/);
  const dup = Buffer.concat([Buffer.from([0, 0, 0, 2]), ...[0, 1].map(() => Buffer.concat([Buffer.from([0, 0, 0, 1]), Buffer.from('a'), Buffer.from([0, 0, 0, 0])]))]);
  assert.throws(() => decodeHeaderBlock(dup), /multiple headers with same name/);
  assert.throws(() => decodeHeaderBlock(Buffer.from([0, 0, 0, 1, 0, 0])), /truncated/);
});

test('header compression: zlib with the SPDY dictionary, a sync flush per block, one context per direction', async () => {
  const c = new HeaderCompressor();
  const d = new HeaderDecompressor();
  const blocks = [
    { streamtype: ['error'], port: ['80'], requestid: ['0'] },
    { streamtype: ['data'], port: ['80'], requestid: ['0'] },
    { streamtype: ['error'], port: ['80'], requestid: ['1'] },
  ].map((h) => encodeHeaderBlock(h));
  const sizes: number[] = [];
  for (const [i, block] of blocks.entries()) {
    const z = await c.compress(block);
    if (i === 0) {
      // zlib header: deflate, 32K window, FDICT, then the dictionary's Adler-32
      assert.equal(z[0], 0x78);
      assert.ok(z[1]! & 0x20, 'FDICT set');
      assert.equal(z.readUInt32BE(2), adler32(SPDY3_DICTIONARY));
    }
    assert.deepEqual([...z.subarray(-5)], [0x00, 0x00, 0x00, 0xff, 0xff], 'ends with the sync flush marker');
    sizes.push(z.length);
    assert.deepEqual(await d.decompress(z), block);
  }
  // later blocks refer back to earlier ones through the shared window
  assert.ok(sizes[2]! < sizes[0]!, `sizes ${sizes}`);
  // an independent zlib (as Go's framer on the other side) reads the same stream
  const inflate = zlib.createInflate({ dictionary: SPDY3_DICTIONARY });
  const c2 = new HeaderCompressor();
  const z1 = await c2.compress(blocks[0]!);
  const z2 = await c2.compress(blocks[1]!);
  const out = await new Promise<Buffer>((resolve) => {
    const chunks: Buffer[] = [];
    inflate.on('data', (x: Buffer) => chunks.push(x));
    inflate.write(Buffer.concat([z1, z2]));
    inflate.flush(zlib.constants.Z_SYNC_FLUSH, () => resolve(Buffer.concat(chunks)));
  });
  assert.deepEqual(out, Buffer.concat([blocks[0]!, blocks[1]!]));
  for (const x of [c, d, c2]) x.close();
  inflate.close();
});

test('a corrupt header block is a protocol error, not a crash', async () => {
  const d = new HeaderDecompressor();
  await assert.rejects(d.decompress(Buffer.from('not zlib at all')), SpdyProtocolError);
  d.close();
});

function adler32(b: Buffer): number {
  let a = 1;
  let s = 0;
  for (const x of b) {
    a = (a + x) % 65521;
    s = (s + a) % 65521;
  }
  return ((s << 16) | a) >>> 0;
}
