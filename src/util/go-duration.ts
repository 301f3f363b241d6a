/**
 * Go's time.ParseDuration: a signed sequence of decimal numbers with optional fractions and unit
 * suffixes ("300ms", "-1.5h", "2h45m"); units ns, us (µs, μs), ms, s, m, h. Returns milliseconds
 * (possibly fractional), or Go's error text.
 */
const unitNs: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  'µs': 1000n, // U+00B5 micro sign
  'μs': 1000n, // U+03BC Greek mu
  ms: 1000_000n,
  s: 1000_000_000n,
  m: 60n * 1000_000_000n,
  h: 3600n * 1000_000_000n,
};

const MAX_INT64 = (1n << 63n) - 1n;

export function parseGoDuration(orig: string): number | string {
  const invalid = `time: invalid duration "${orig}"`;
  let s = orig;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') return invalid;
  let total = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || (s[0]! >= '0' && s[0]! <= '9'))) return invalid;
    const intPart = /^[0-9]*/.exec(s)![0];
    s = s.slice(intPart.length);
    let frac = '';
    let hasFrac = false;
    if (s[0] === '.') {
      s = s.slice(1);
      frac = /^[0-9]*/.exec(s)![0];
      s = s.slice(frac.length);
      hasFrac = true;
    }
    if (intPart === '' && (!hasFrac || frac === '')) return invalid;
    const unit = /^[^0-9.]*/.exec(s)![0];
    s = s.slice(unit.length);
    if (unit === '') return `time: missing unit in duration "${orig}"`;
    const u = unitNs[unit];
    if (u === undefined) return `time: unknown unit "${unit}" in duration "${orig}"`;
    let v = BigInt(intPart === '' ? '0' : intPart);
    if (v > MAX_INT64 / u) return invalid;
    v *= u;
    if (frac !== '') {
      // Go scales the fraction into the unit, truncating below a nanosecond.
      const scaled = (BigInt(frac) * u) / 10n ** BigInt(frac.length);
      v += scaled;
    }
    total += v;
    if (total > MAX_INT64) return invalid;
  }
  const ms = Number(total) / 1e6;
  return neg ? -ms : ms;
}
