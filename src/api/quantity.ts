/**
 * resource.Quantity as k8s.io/apimachinery/pkg/api/resource: parsing (same scanner, same errors,
 * same rounding up to nano units), canonical serialization (including keeping the input text when it
 * already is canonical), comparison and integer/milli values. Exact arithmetic with bigint.
 */

export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

/** value = mantissa * 10^exponent, plus the format to print in and the input text when upstream keeps it. */
export interface ParsedQuantity {
  mantissa: bigint;
  exponent: number;
  format: QuantityFormat;
  /** Upstream's cached string: the input text, kept when it already is canonical. */
  text?: string;
}

const splitREString = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
export const ErrFormatWrong = `quantities must match the regular expression '${splitREString}'`;
export const ErrNumeric = 'unable to parse numeric part of quantity';
export const ErrSuffix = "unable to parse quantity's suffix";

export class QuantityError extends Error {}

const decSuffixes: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const binSuffixes: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const decByExp = new Map(Object.entries(decSuffixes).map(([k, v]) => [v, k]));
const binByExp = new Map(Object.entries(binSuffixes).map(([k, v]) => [v, k]));

const maxInt64 = (1n << 63n) - 1n;
const minInt64 = -(1n << 63n);
const NANO = -9;

interface Scanned {
  positive: boolean;
  num: string;
  denom: string;
  suffix: string;
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/** parseQuantityString: the upstream hand-written scanner. */
function scan(str: string): Scanned {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (str[0] === '-') {
    positive = false;
    pos++;
  } else if (str[0] === '+') pos++;
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, num: '0', denom: '', suffix: '' };
  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  let num = str.slice(pos, i);
  pos = i;
  if (i >= end) return { positive, num, denom: '', suffix: '' };
  if (num.length === 0) num = '0';
  let denom = '';
  if (str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && isDigit(str[i])) i++;
    denom = str.slice(pos, i);
    pos = i;
    if (i >= end) return { positive, num, denom, suffix: '' };
  }
  const suffixStart = pos;
  i = pos;
  while (i < end && 'eEinumkKMGTP'.includes(str[i]!)) i++;
  if (i >= end) return { positive, num, denom, suffix: str.slice(suffixStart) };
  pos = i;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  for (i = pos; i < end; i++) if (!isDigit(str[i])) throw new QuantityError(ErrFormatWrong);
  return { positive, num, denom, suffix: str.slice(suffixStart) };
}

function interpret(suffix: string): { base: 10 | 2; exponent: number; format: QuantityFormat } {
  if (suffix in decSuffixes) return { base: 10, exponent: decSuffixes[suffix]!, format: 'DecimalSI' };
  if (suffix in binSuffixes) return { base: 2, exponent: binSuffixes[suffix]!, format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?[0-9]+$/.test(suffix.slice(1))) {
    const e = BigInt(suffix.slice(1));
    if (e <= maxInt64 && e >= minInt64) return { base: 10, exponent: Number(BigInt.asIntN(32, e)), format: 'DecimalExponent' };
  }
  throw new QuantityError(ErrSuffix);
}

const abs = (v: bigint) => (v < 0n ? -v : v);
const pow10 = (n: number) => 10n ** BigInt(n);

/** ParseQuantity. Throws QuantityError with upstream's message. Numbers are read as their JSON text. */
export function parseQuantity(v: string | number): ParsedQuantity {
  const str = typeof v === 'number' ? numberText(v) : v;
  if (str.length === 0) throw new QuantityError(ErrFormatWrong);
  if (str === '0') return { mantissa: 0n, exponent: 0, format: 'DecimalSI', text: '0' };
  const { positive, num, denom, suffix } = scan(str);
  const { base, exponent, format } = interpret(suffix);
  const shifted = num + denom;
  const sign = positive ? 1n : -1n;

  // Upstream's int64 fast path: exact, and keeps the input text when it is already canonical.
  let precision = -1;
  let scale = 0;
  let multiplier = 1n;
  if (format === 'BinarySI') {
    if (exponent >= 0 && denom.length === 0) {
      multiplier = 1n << BigInt(exponent);
      precision = 15 - num.length - Math.trunc((exponent * 3) / 10) - 1;
    }
  } else {
    scale = exponent;
    precision = 18 - shifted.length;
  }
  if (precision >= 0) {
    scale -= denom.length;
    if (scale >= NANO) {
      const value = BigInt(shifted);
      const result = value * multiplier;
      if (value <= maxInt64 && result <= maxInt64) {
        let keep: boolean;
        if (format === 'BinarySI') keep = exponent % 10 === 0 && (value & 7n) !== 0n;
        else keep = scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
        const q: ParsedQuantity = { mantissa: sign * result, exponent: scale, format };
        if (keep) q.text = str;
        return q;
      }
    }
  }

  // The general path: exact decimal, rounded up to nano units, binary values capped at int64.
  let mantissa = BigInt(shifted);
  let exp = -denom.length;
  if (base === 10) exp += exponent;
  else mantissa *= 1n << BigInt(exponent);
  let fmt = format;
  if (mantissa !== 0n && exp < NANO) {
    const f = pow10(NANO - exp);
    mantissa = (mantissa + f - 1n) / f;
    exp = NANO;
  }
  if (fmt === 'BinarySI' && compareParts(mantissa, exp, maxInt64, 0) > 0) {
    mantissa = maxInt64;
    exp = 0;
  }
  if (fmt === 'BinarySI' && mantissa > 0n && compareParts(mantissa, exp, 1n, 0) < 0) fmt = 'DecimalSI';
  return { mantissa: sign * mantissa, exponent: exp, format: fmt };
}

/** The text Go's JSON decoder hands to UnmarshalJSON for a JSON number. */
function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new QuantityError(ErrFormatWrong);
  return String(n);
}

/** Undefined when `v` parses, else upstream's error message. */
export function quantityError(v: unknown): string | undefined {
  if (typeof v !== 'string' && typeof v !== 'number') return ErrFormatWrong;
  try {
    parseQuantity(v);
    return undefined;
  } catch (e) {
    if (e instanceof QuantityError) return e.message;
    throw e;
  }
}

function compareParts(m1: bigint, e1: number, m2: bigint, e2: number): -1 | 0 | 1 {
  const e = Math.min(e1, e2);
  const a = m1 * pow10(e1 - e);
  const b = m2 * pow10(e2 - e);
  return a < b ? -1 : a > b ? 1 : 0;
}

function toParsed(v: string | number | ParsedQuantity): ParsedQuantity {
  return typeof v === 'object' ? v : parseQuantity(v);
}

/** Cmp: -1, 0 or 1. */
export function compareQuantity(a: string | number | ParsedQuantity, b: string | number | ParsedQuantity): -1 | 0 | 1 {
  const x = toParsed(a);
  const y = toParsed(b);
  return compareParts(x.mantissa, x.exponent, y.mantissa, y.exponent);
}

export function quantitySign(v: string | number | ParsedQuantity): -1 | 0 | 1 {
  const m = toParsed(v).mantissa;
  return m < 0n ? -1 : m > 0n ? 1 : 0;
}

/** The value at a power-of-ten scale, rounded away from zero (ScaledValue). */
function scaled(q: ParsedQuantity, scale: number): bigint {
  if (q.exponent >= scale) return q.mantissa * pow10(q.exponent - scale);
  const f = pow10(scale - q.exponent);
  const a = abs(q.mantissa);
  const r = (a + f - 1n) / f;
  return q.mantissa < 0n ? -r : r;
}

/** Value(): the integer value, rounded up away from zero. */
export function quantityValue(v: string | number | ParsedQuantity): number {
  return Number(scaled(toParsed(v), 0));
}

/** MilliValue(): the value in thousandths, rounded up away from zero. */
export function quantityMilliValue(v: string | number | ParsedQuantity): number {
  return Number(scaled(toParsed(v), -3));
}

/** Add: the format of the first operand wins unless it is zero (upstream Quantity.Add). */
export function addQuantity(a: string | number | ParsedQuantity, b: string | number | ParsedQuantity): ParsedQuantity {
  const x = toParsed(a);
  const y = toParsed(b);
  const e = Math.min(x.exponent, y.exponent);
  const m = x.mantissa * pow10(x.exponent - e) + y.mantissa * pow10(y.exponent - e);
  return { mantissa: m, exponent: e, format: x.mantissa === 0n ? y.format : x.format };
}

/** String(): the cached text, or CanonicalizeBytes. */
export function quantityToString(q: ParsedQuantity): string {
  if (q.text !== undefined) return q.text;
  if (q.mantissa === 0n) return '0';
  let format = q.format;
  if (format === 'BinarySI') {
    if (compareParts(q.mantissa, q.exponent, -1024n, 0) > 0 && compareParts(q.mantissa, q.exponent, 1024n, 0) < 0) format = 'DecimalSI';
    else if (q.exponent < 0 && q.mantissa % pow10(-q.exponent) !== 0n) format = 'DecimalSI';
  }
  if (format === 'BinarySI') {
    let v = scaled(q, 0);
    const neg = v < 0n;
    if (neg) v = -v;
    let times = 0;
    while (v >= 1024n && v % 1024n === 0n) {
      v /= 1024n;
      times++;
    }
    return `${neg ? '-' : ''}${v}${binByExp.get(times * 10) ?? ''}`;
  }
  // Decimal: move factors of ten into the exponent, then make the exponent a multiple of three.
  let m = abs(q.mantissa);
  let e = q.exponent;
  while (m >= 10n && m % 10n === 0n) {
    m /= 10n;
    e++;
  }
  while (e % 3 !== 0) {
    m *= 10n;
    e--;
  }
  const sign = q.mantissa < 0n ? '-' : '';
  if (format === 'DecimalSI') {
    const s = decByExp.get(e);
    if (s !== undefined) return `${sign}${m}${s}`;
  }
  return `${sign}${m}${e === 0 ? '' : `e${e}`}`;
}

/** The form the API server writes back for a quantity: "0.5" -> "500m", "1024Mi" -> "1Gi". */
export function canonicalQuantity(v: string | number): string {
  return quantityToString(parseQuantity(typeof v === 'string' ? v.trim() : v));
}
