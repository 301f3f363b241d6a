import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProtoReader, ProtoWriter, WIRE_BYTES, WIRE_VARINT } from '../../src/http/protobuf/wire.js';
import {
  formatDuration,
  formatMicroTime,
  formatTime,
  parseDuration,
  parseTime,
} from '../../src/http/protobuf/json-forms.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

// Varint vectors from the protobuf encoding guide (150 -> 96 01, 300 -> ac 02) and Go's int64 two's complement.
const VARINTS: Array<[number | bigint, string]> = [
  [0, '00'],
  [1, '01'],
  [127, '7f'],
  [128, '8001'],
  [150, '9601'],
  [300, 'ac02'],
  [2 ** 31 - 1, 'ffffffff07'],
  [2 ** 32, '8080808010'],
  [-1, 'ffffffffffffffffff01'],
  [-2, 'feffffffffffffffff01'],
  [9223372036854775807n, 'ffffffffffffffff7f'],
];

test('varint encoding matches the protobuf spec vectors', () => {
  for (const [v, want] of VARINTS) {
    assert.equal(hex(new ProtoWriter().varint(v).finish()), want, `encode ${v}`);
    const r = new ProtoReader(Buffer.from(want, 'hex'));
    assert.equal(BigInt.asIntN(64, r.varint()), BigInt(v), `decode ${want}`);
    assert.ok(r.eof());
  }
});

test('int32/int64 readers sign-extend like Go', () => {
  assert.equal(new ProtoReader(Buffer.from('ffffffffffffffffff01', 'hex')).int32(), -1);
  assert.equal(new ProtoReader(Buffer.from('ffffffffffffffffff01', 'hex')).int64(), -1);
  assert.equal(new ProtoReader(Buffer.from('ac02', 'hex')).int64(), 300);
});

test('tags, strings and nested length-delimited fields', () => {
  // Field 2, wire type 2, "testing" (spec example 12 07 74 65 73 74 69 6e 67).
  const b = new ProtoWriter().tag(2, WIRE_BYTES).string('testing').finish();
  assert.equal(hex(b), '120774657374696e67');
  const r = new ProtoReader(b);
  assert.deepEqual(r.tag(), { field: 2, wireType: WIRE_BYTES });
  assert.equal(r.string(), 'testing');
  const big = new ProtoWriter().tag(300, WIRE_VARINT).varint(1).finish();
  assert.deepEqual(new ProtoReader(big).tag(), { field: 300, wireType: WIRE_VARINT });
});

test('reader errors use the Go messages', () => {
  assert.throws(() => new ProtoReader(Buffer.from('80', 'hex')).varint(), /^Error: unexpected EOF$/);
  assert.throws(() => new ProtoReader(Buffer.from('0a05616263', 'hex')).skip(WIRE_BYTES), /unexpected EOF/);
  assert.throws(() => new ProtoReader(Buffer.from('ffffffffffffffffffff01', 'hex')).varint(), /proto: integer overflow/);
  assert.throws(() => new ProtoReader(Buffer.from('00', 'hex')).skip(7), /proto: illegal wireType 7/);
});

test('skip handles every wire type', () => {
  const b = Buffer.from('08960109' + '0102030405060708' + '1203616263' + '2d01020304' + '1b0801' + '1c' + '3801', 'hex');
  const r = new ProtoReader(b);
  const seen: number[] = [];
  while (!r.eof()) {
    const { field, wireType } = r.tag();
    seen.push(field);
    if (field === 7) assert.equal(r.varint(), 1n);
    else r.skip(wireType);
  }
  assert.deepEqual(seen, [1, 1, 2, 5, 3, 7]);
});

// Go's time.Duration.String test table (src/time/time_test.go durationTests).
const DURATIONS: Array<[string, bigint]> = [
  ['0s', 0n],
  ['1ns', 1n],
  ['1.1µs', 1100n],
  ['2.2ms', 2_200_000n],
  ['3.3s', 3_300_000_000n],
  ['4m5s', 245_000_000_000n],
  ['4m5.001s', 245_001_000_000n],
  ['5h6m7.001s', 18_367_001_000_000n],
  ['8m0.000000001s', 480_000_000_001n],
  ['2562047h47m16.854775807s', 9223372036854775807n],
  ['-2562047h47m16.854775808s', -9223372036854775808n],
];

test('formatDuration matches Go time.Duration.String', () => {
  for (const [want, ns] of DURATIONS) assert.equal(formatDuration(ns), want);
});

test('parseDuration matches Go time.ParseDuration', () => {
  for (const [s, ns] of DURATIONS) assert.equal(parseDuration(s), ns, s);
  const cases: Array<[string, bigint]> = [
    ['1h30m', 5_400_000_000_000n],
    ['1.5h', 5_400_000_000_000n],
    ['300ms', 300_000_000n],
    ['-1.5h', -5_400_000_000_000n],
    ['1h15m30.918273645s', 4_530_918_273_645n],
    ['0', 0n],
    ['10us', 10_000n],
  ];
  for (const [s, ns] of cases) assert.equal(parseDuration(s), ns, s);
  for (const bad of ['', '3', '-', 's', '.s', '1d']) assert.throws(() => parseDuration(bad), /time: invalid duration/, bad);
});

test('metav1.Time and MicroTime JSON forms', () => {
  assert.equal(formatTime(0), '1970-01-01T00:00:00Z');
  assert.equal(formatTime(1700000000), '2023-11-14T22:13:20Z');
  assert.equal(formatMicroTime(1700000000, 123456789), '2023-11-14T22:13:20.123456Z');
  assert.equal(formatMicroTime(1700000000, 0), '2023-11-14T22:13:20.000000Z');
  assert.deepEqual(parseTime('2023-11-14T22:13:20Z'), { seconds: 1700000000, nanos: 0 });
  assert.deepEqual(parseTime('2023-11-14T23:13:20+01:00'), { seconds: 1700000000, nanos: 0 });
  assert.deepEqual(parseTime('2023-11-14T22:13:20.123456Z'), { seconds: 1700000000, nanos: 123456000 });
  assert.throws(() => parseTime('yesterday'), /cannot parse/);
});
