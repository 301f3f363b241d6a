/**
 * Go's fmt rendering of decoded JSON values (map[string]interface{}, []interface{}, string, int64,
 * float64, bool, nil), so patch error messages read exactly like the apiserver's.
 */

export type JsonMap = Record<string, unknown>;

export function isMap(v: unknown): v is JsonMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function goFloat(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  // %v uses %g with the shortest representation; exponent when exp < -4 || exp >= 21.
  const s = String(n);
  const m = /^(-?[\d.]+)e([+-])(\d+)$/.exec(s);
  if (m) return `${m[1]}e${m[2]}${m[3]!.padStart(2, '0')}`;
  if (Math.abs(n) < 1e-4 && n !== 0) {
    const [mant, exp] = n.toExponential().split('e');
    const sign = exp!.startsWith('-') ? '-' : '+';
    return `${mant}e${sign}${exp!.replace(/^[+-]/, '').padStart(2, '0')}`;
  }
  return s;
}

/** fmt "%v" of a decoded JSON value. */
export function goV(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return goFloat(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goV).join(' ')}]`;
  if (isMap(v)) {
    const keys = Object.keys(v).sort();
    return `map[${keys.map((k) => `${k}:${goV(v[k])}`).join(' ')}]`;
  }
  return String(v);
}

/** reflect.TypeOf(v).String() for a decoded JSON value (nil prints as fmt's "%!s(<nil>)"). */
export function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return '%!s(<nil>)';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return '[]interface {}';
  return 'map[string]interface {}';
}

/** fmt "%s" of a decoded JSON value: strings as-is, other types as Go's bad-verb form. */
export function goS(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '%!s(<nil>)';
  if (isMap(v) || Array.isArray(v)) return goV(v);
  return `%!s(${goTypeName(v)}=${goV(v)})`;
}

/** encoding/json's name for the JSON type of a value, as in "cannot unmarshal array into ...". */
export function jsonTypeWord(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  return typeof v; // 'string' | 'number'
}

/** Deep copy of a JSON value. */
export function cloneJson<T>(v: T): T {
  return v === undefined ? v : structuredClone(v);
}

/** JSON deep equality (numbers by value, objects by keys, arrays by order). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => jsonEqual(x, bb[i]));
  }
  const ak = Object.keys(a as JsonMap);
  const bm = b as JsonMap;
  if (ak.length !== Object.keys(bm).length) return false;
  return ak.every((k) => Object.prototype.hasOwnProperty.call(bm, k) && jsonEqual((a as JsonMap)[k], bm[k]));
}
