// Cases from k8s.io/apimachinery/pkg/api/resource/quantity_test.go.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ErrFormatWrong,
  addQuantity,
  canonicalQuantity,
  compareQuantity,
  parseQuantity,
  quantityError,
  quantityMilliValue,
  quantityToString,
  quantityValue,
  type ParsedQuantity,
  type QuantityFormat,
} from '../../src/api/quantity.js';

const dq = (m: bigint | number, exponent: number, format: QuantityFormat): ParsedQuantity => ({ mantissa: BigInt(m), exponent, format });
const maxAllowed = (1n << 63n) - 1n;

// TestQuantityParse
const parseTable: Array<[string, ParsedQuantity]> = [
  ['0', dq(0, 0, 'DecimalSI')], ['0n', dq(0, 0, 'DecimalSI')], ['0u', dq(0, 0, 'DecimalSI')], ['0m', dq(0, 0, 'DecimalSI')],
  ['0Ki', dq(0, 0, 'BinarySI')], ['0k', dq(0, 0, 'DecimalSI')], ['0Mi', dq(0, 0, 'BinarySI')], ['0M', dq(0, 0, 'DecimalSI')],
  ['0Gi', dq(0, 0, 'BinarySI')], ['0G', dq(0, 0, 'DecimalSI')], ['0Ti', dq(0, 0, 'BinarySI')], ['0T', dq(0, 0, 'DecimalSI')],
  ['1', dq(1, 0, 'DecimalSI')],
  ['1Ki', dq(1024, 0, 'BinarySI')], ['8Ki', dq(8 * 1024, 0, 'BinarySI')], ['7Mi', dq(7 * 1024 * 1024, 0, 'BinarySI')],
  ['6Gi', dq(6n * 1024n ** 3n, 0, 'BinarySI')], ['5Ti', dq(5n * 1024n ** 4n, 0, 'BinarySI')], ['4Pi', dq(4n * 1024n ** 5n, 0, 'BinarySI')],
  ['3Ei', dq(3n * 1024n ** 6n, 0, 'BinarySI')], ['10Ti', dq(10n * 1024n ** 4n, 0, 'BinarySI')], ['100Ti', dq(100n * 1024n ** 4n, 0, 'BinarySI')],
  ['5n', dq(5, -9, 'DecimalSI')], ['4u', dq(4, -6, 'DecimalSI')], ['3m', dq(3, -3, 'DecimalSI')], ['9', dq(9, 0, 'DecimalSI')],
  ['8k', dq(8, 3, 'DecimalSI')], ['50k', dq(5, 4, 'DecimalSI')], ['7M', dq(7, 6, 'DecimalSI')], ['6G', dq(6, 9, 'DecimalSI')],
  ['5T', dq(5, 12, 'DecimalSI')], ['40T', dq(4, 13, 'DecimalSI')], ['300T', dq(3, 14, 'DecimalSI')], ['2P', dq(2, 15, 'DecimalSI')],
  ['1E', dq(1, 18, 'DecimalSI')],
  ['1E-3', dq(1, -3, 'DecimalExponent')], ['1e3', dq(1, 3, 'DecimalExponent')], ['1E6', dq(1, 6, 'DecimalExponent')],
  ['1e9', dq(1, 9, 'DecimalExponent')], ['1E12', dq(1, 12, 'DecimalExponent')], ['1e15', dq(1, 15, 'DecimalExponent')],
  ['1E18', dq(1, 18, 'DecimalExponent')], ['1e14', dq(1, 14, 'DecimalExponent')], ['1e13', dq(1, 13, 'DecimalExponent')],
  ['100.035k', dq(100035, 0, 'DecimalSI')],
  ['0.001', dq(1, -3, 'DecimalSI')], ['0.0005k', dq(5, -1, 'DecimalSI')], ['0.005', dq(5, -3, 'DecimalSI')], ['0.05', dq(5, -2, 'DecimalSI')],
  ['0.5', dq(5, -1, 'DecimalSI')], ['0.00050k', dq(5, -1, 'DecimalSI')], ['0.00500', dq(5, -3, 'DecimalSI')], ['0.05000', dq(5, -2, 'DecimalSI')],
  ['0.50000', dq(5, -1, 'DecimalSI')], ['0.5e0', dq(5, -1, 'DecimalExponent')], ['0.5e-1', dq(5, -2, 'DecimalExponent')],
  ['0.5e-2', dq(5, -3, 'DecimalExponent')], ['10.035M', dq(10035, 3, 'DecimalSI')],
  ['1.2e3', dq(12, 2, 'DecimalExponent')], ['1.3E+6', dq(13, 5, 'DecimalExponent')], ['1.40e9', dq(14, 8, 'DecimalExponent')],
  ['1.53E12', dq(153, 10, 'DecimalExponent')], ['1.6e15', dq(16, 14, 'DecimalExponent')], ['1.7E18', dq(17, 17, 'DecimalExponent')],
  ['9.01', dq(901, -2, 'DecimalSI')], ['8.1k', dq(81, 2, 'DecimalSI')], ['7.123456M', dq(7123456, 0, 'DecimalSI')],
  ['6.987654321G', dq(6987654321, 0, 'DecimalSI')], ['5.444T', dq(5444, 9, 'DecimalSI')], ['40.1T', dq(401, 11, 'DecimalSI')],
  ['300.2T', dq(3002, 11, 'DecimalSI')], ['2.5P', dq(25, 14, 'DecimalSI')], ['1.01E', dq(101, 16, 'DecimalSI')],
  ['3.001n', dq(4, -9, 'DecimalSI')], ['1.1E-9', dq(2, -9, 'DecimalExponent')], ['0.0000000001', dq(1, -9, 'DecimalSI')],
  ['0.0000000005', dq(1, -9, 'DecimalSI')], ['0.00000000050', dq(1, -9, 'DecimalSI')], ['0.5e-9', dq(1, -9, 'DecimalExponent')],
  ['0.9n', dq(1, -9, 'DecimalSI')], ['0.00000012345', dq(124, -9, 'DecimalSI')], ['0.00000012354', dq(124, -9, 'DecimalSI')],
  ['9Ei', dq(maxAllowed, 0, 'BinarySI')], ['9223372036854775807Ki', dq(maxAllowed, 0, 'BinarySI')], ['12E', dq(12, 18, 'DecimalSI')],
  ['100.035Ki', dq(10243584, -2, 'BinarySI')], ['0.5Mi', dq(512 * 1024, 0, 'BinarySI')], ['0.05Gi', dq(536870912, -1, 'BinarySI')],
  ['0.025Ti', dq(274877906944, -1, 'BinarySI')],
  ['0.000000000001Ki', dq(2, -9, 'DecimalSI')], ['.001', dq(1, -3, 'DecimalSI')], ['.0001k', dq(100, -3, 'DecimalSI')],
  ['1.', dq(1, 0, 'DecimalSI')], ['1.G', dq(1, 9, 'DecimalSI')],
];

test('ParseQuantity: value and format, also negated and with an explicit +', () => {
  for (const [input, want] of parseTable) {
    const got = parseQuantity(input);
    assert.equal(compareQuantity(got, want), 0, `${input}: got ${quantityToString(got)}`);
    assert.equal(got.format, want.format, input);
    const neg = parseQuantity('-' + input);
    assert.equal(compareQuantity(neg, { ...want, mantissa: -want.mantissa }), 0, `-${input}`);
    assert.equal(neg.format, want.format, `-${input}`);
    const pos = parseQuantity('+' + input);
    assert.equal(compareQuantity(pos, want), 0, `+${input}`);
    assert.equal(pos.format, want.format, `+${input}`);
  }
});

test('ParseQuantity rejects what upstream rejects, with its messages', () => {
  for (const bad of ['', '1.1.M', '1+1.0M', '0.1mi', '0.1am', 'aoeu', '.5i', '1i', '-3.01i', '-3.01e-', ' 1', '1 ', 'Non-Numeric']) {
    assert.throws(() => parseQuantity(bad), Error, bad);
  }
  assert.equal(quantityError('1.1.M'), ErrFormatWrong);
  assert.equal(ErrFormatWrong, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  assert.equal(quantityError('0.1mi'), "unable to parse quantity's suffix");
  assert.equal(quantityError('1Gi'), undefined);
});

// TestQuantityString: [mantissa, exponent, format, expect, alternate]
const stringTable: Array<[bigint | number, number, QuantityFormat, string, string]> = [
  [1024 * 1024 * 1024, 0, 'BinarySI', '1Gi', '1024Mi'],
  [300 * 1024 * 1024, 0, 'BinarySI', '300Mi', '307200Ki'],
  [6 * 1024, 0, 'BinarySI', '6Ki', ''],
  [1001n * 1024n ** 3n, 0, 'BinarySI', '1001Gi', '1025024Mi'],
  [1024n ** 4n, 0, 'BinarySI', '1Ti', '1024Gi'],
  [5, 0, 'BinarySI', '5', '5000m'],
  [500, -3, 'BinarySI', '500m', '0.5'],
  [1, 9, 'DecimalSI', '1G', '1000M'],
  [1000, 6, 'DecimalSI', '1G', '0.001T'],
  [1000000, 3, 'DecimalSI', '1G', ''],
  [1000000000, 0, 'DecimalSI', '1G', ''],
  [1, -3, 'DecimalSI', '1m', '1000u'],
  [80, -3, 'DecimalSI', '80m', ''],
  [1080, -3, 'DecimalSI', '1080m', '1.08'],
  [108, -2, 'DecimalSI', '1080m', '1080000000n'],
  [10800, -4, 'DecimalSI', '1080m', ''],
  [300, 6, 'DecimalSI', '300M', ''],
  [1, 12, 'DecimalSI', '1T', ''],
  [1, 18, 'DecimalSI', '1E', ''],
  [1, 21, 'DecimalSI', '1e21', '1000E'],
  [5, 21, 'DecimalSI', '5e21', '5000E'],
  [1, 24, 'DecimalSI', '1e24', '1000000E'],
  [1234567, 6, 'DecimalSI', '1234567M', ''],
  [1234567, -3, 'BinarySI', '1234567m', ''],
  [3, 3, 'DecimalSI', '3k', ''],
  [1025, 0, 'BinarySI', '1025', ''],
  [0, 0, 'DecimalSI', '0', ''],
  [0, 0, 'BinarySI', '0', ''],
  [1, 9, 'DecimalExponent', '1e9', '.001e12'],
  [1, -3, 'DecimalExponent', '1e-3', '0.001e0'],
  [1, -9, 'DecimalExponent', '1e-9', '1000e-12'],
  [80, -3, 'DecimalExponent', '80e-3', ''],
  [300, 6, 'DecimalExponent', '300e6', ''],
  [1, 12, 'DecimalExponent', '1e12', ''],
  [1, 3, 'DecimalExponent', '1e3', ''],
  [3, 3, 'DecimalExponent', '3e3', ''],
  [0, 0, 'DecimalExponent', '0', '00'],
  [1, -9, 'DecimalSI', '1n', ''],
  [80, -9, 'DecimalSI', '80n', ''],
  [1080, -9, 'DecimalSI', '1080n', ''],
  [108, -8, 'DecimalSI', '1080n', ''],
  [10800, -10, 'DecimalSI', '1080n', ''],
  [1, -6, 'DecimalSI', '1u', ''],
  [80, -6, 'DecimalSI', '80u', ''],
  [1080, -6, 'DecimalSI', '1080u', ''],
];

test('String: canonical form, canonical text kept on parse, alternates canonicalized', () => {
  for (const [m, e, f, expect, alternate] of stringTable) {
    const q = dq(m, e, f);
    assert.equal(quantityToString(q), expect, `${m}e${e} ${f}`);
    const p = parseQuantity(expect);
    assert.equal(p.text, expect, `kept ${expect}`);
    if (alternate) {
      const a = parseQuantity(alternate);
      assert.equal(a.text, undefined, `alternate ${alternate} not kept`);
      assert.equal(quantityToString(a), expect, `alternate ${alternate}`);
    }
    if (BigInt(m) !== 0n) assert.equal(quantityToString({ ...q, mantissa: -BigInt(m) }), '-' + expect);
  }
});

test('ParseEmit and canonicalQuantity', () => {
  const table: Array<[string | number, string]> = [
    ['1Ki', '1Ki'], ['1Mi', '1Mi'], ['1Gi', '1Gi'], ['1024Mi', '1Gi'], ['1000M', '1G'], ['.001Ki', '1024m'],
    ['.000001Ki', '1024u'], ['.000000001Ki', '1024n'], ['.000000000001Ki', '2n'],
    // Seen in manifests:
    ['0.5', '500m'], ['1000m', '1'], ['100m', '100m'], ['1.5Gi', '1536Mi'], ['2048Ki', '2Mi'], ['1e3', '1e3'],
    [1000, '1k'], [0.5, '500m'], [2, '2'], [1e21, '1e+21'], [' 1', '1'],
  ];
  for (const [input, want] of table) {
    assert.equal(canonicalQuantity(input), want, String(input));
    if (typeof input === 'string' && input.trim() === input && canonicalQuantity(input) !== '0')
      assert.equal(canonicalQuantity('-' + input), '-' + want, '-' + input);
  }
});

test('Cmp', () => {
  const table: Array<[string, string, number]> = [['0', '0', 0], ['100m', '50m', 1], ['50m', '100m', -1], ['10000T', '100Gi', 1], ['1Gi', '1024Mi', 0], ['1G', '1Gi', -1]];
  for (const [x, y, want] of table) assert.equal(compareQuantity(x, y), want, `${x} ${y}`);
});

test('Value and MilliValue round up away from zero', () => {
  // TestQuantityRoundUp (scale 0) and TestNewSet/TestMilliNewSet round trips.
  assert.equal(quantityValue('9.01'), 10);
  assert.equal(quantityValue('-9.01'), -10);
  assert.equal(quantityValue('1k'), 1000);
  assert.equal(quantityValue('1Ki'), 1024);
  assert.equal(quantityValue('1234k'), 1234000);
  assert.equal(quantityValue('1e6'), 1000000);
  assert.equal(quantityMilliValue('1m'), 1);
  assert.equal(quantityMilliValue('1'), 1000);
  assert.equal(quantityMilliValue('1234'), 1234000);
  assert.equal(quantityMilliValue('1e3'), 1000000);
  assert.equal(quantityMilliValue('0.5'), 500);
  assert.equal(quantityMilliValue('1n'), 1);
  assert.equal(quantityMilliValue('-1n'), -1);
  assert.equal(quantityValue(1.5), 2);
});

test('Add keeps the suffix when adding zero (TestQuantityAddZeroPreservesSuffix)', () => {
  for (const v of ['100m', '1Gi']) {
    assert.equal(quantityToString(addQuantity(v, '0')), v);
    assert.equal(quantityToString(addQuantity('0', v)), v);
  }
  assert.equal(quantityToString(addQuantity('500m', '1500m')), '2');
  assert.equal(quantityToString(addQuantity('512Mi', '512Mi')), '1Gi');
});
