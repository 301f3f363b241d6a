/**
 * Field validation errors, as k8s.io/apimachinery/pkg/util/validation/field: same types, same text.
 */
export type FieldErrorType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'InternalError'
  | 'FieldValueTypeInvalid';

const typeText: Record<FieldErrorType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

/** Marker: the bad value is not printed. */
export const omitValue = Symbol('omitValue');

export interface FieldError {
  type: FieldErrorType;
  field: string;
  badValue?: unknown;
  detail?: string;
}

function goValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[]${typeof v[0] === 'string' ? 'string' : 'interface {}'}{${v.map(goValue).join(', ')}}`;
  return JSON.stringify(v);
}

/** The part after "field: " (upstream ErrorBody). */
export function errorBody(e: FieldError): string {
  let s = typeText[e.type];
  const noValue =
    e.type === 'FieldValueRequired' ||
    e.type === 'FieldValueForbidden' ||
    e.type === 'FieldValueTooLong' ||
    e.type === 'InternalError' ||
    e.badValue === omitValue;
  if (!noValue) s += `: ${goValue(e.badValue)}`;
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

export function fieldErrorString(e: FieldError): string {
  return e.field ? `${e.field}: ${errorBody(e)}` : errorBody(e);
}

/** A field path builder: path('spec').child('containers').index(0).child('name').toString() */
export class Path {
  constructor(private readonly parts: string[] = []) {}
  child(...names: string[]): Path {
    return new Path([...this.parts, ...names.map((n, i) => (this.parts.length || i ? `.${n}` : n))]);
  }
  index(i: number): Path {
    return new Path([...this.parts, `[${i}]`]);
  }
  key(k: string): Path {
    return new Path([...this.parts, `[${k}]`]);
  }
  toString(): string {
    return this.parts.join('');
  }
}

export function path(...names: string[]): Path {
  return new Path().child(...names);
}

type P = Path | string;
const s = (p: P) => p.toString();

export const required = (p: P, detail = ''): FieldError => ({ type: 'FieldValueRequired', field: s(p), badValue: '', detail });
export const invalid = (p: P, value: unknown, detail = ''): FieldError => ({ type: 'FieldValueInvalid', field: s(p), badValue: value, detail });
export const duplicate = (p: P, value: unknown): FieldError => ({ type: 'FieldValueDuplicate', field: s(p), badValue: value });
export const forbidden = (p: P, detail: string): FieldError => ({ type: 'FieldValueForbidden', field: s(p), badValue: '', detail });
export const notFound = (p: P, value: unknown): FieldError => ({ type: 'FieldValueNotFound', field: s(p), badValue: value });
export const tooLong = (p: P, value: unknown, max: number): FieldError => ({
  type: 'FieldValueTooLong',
  field: s(p),
  badValue: value,
  detail: `may not be more than ${max} bytes`,
});
export const tooMany = (p: P, actual: number, max: number): FieldError => ({
  type: 'FieldValueTooMany',
  field: s(p),
  badValue: actual,
  detail: `must have at most ${max} items`,
});
export const notSupported = (p: P, value: unknown, valid: string[]): FieldError => ({
  type: 'FieldValueNotSupported',
  field: s(p),
  badValue: value,
  detail: valid.length ? `supported values: ${valid.map((v) => JSON.stringify(v)).join(', ')}` : '',
});
