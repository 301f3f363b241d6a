import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SelectorError,
  checkFieldLabels,
  escapeValue,
  fieldRequiresExactMatch,
  fieldSelectorString,
  isEmptyFieldSelector,
  matchesFields,
  notKnownFieldSelector,
  parseFieldSelector,
  requirementsFor,
  transformFieldSelector,
  unescapeValue,
} from '../../src/api/selectors/fields.js';

// Cases from k8s.io/apimachinery/pkg/fields/selector_test.go.

const getter = (set: Record<string, string>) => (f: string) => set[f];

test('TestEscapeValue: escape and unescape round trip', () => {
  const cases: Array<[string, string]> = [
    ['', ''],
    ['a', 'a'],
    ['=', '\\='],
    [',', '\\,'],
    ['\\', '\\\\'],
    ['\\=\\,\\', '\\\\\\=\\\\\\,\\\\'],
  ];
  for (const [raw, esc] of cases) {
    assert.equal(escapeValue(raw), esc);
    assert.equal(unescapeValue(esc), raw);
  }
  for (const bad of ['\\', '\\\\\\', '\\a']) assert.throws(() => unescapeValue(bad), /invalid field selector: invalid escape sequence: /);
  assert.throws(() => unescapeValue('\\a'), { message: 'invalid field selector: invalid escape sequence: \\a' });
  assert.throws(() => unescapeValue('\\'), { message: 'invalid field selector: invalid escape sequence: \\' });
  // Go prints the rune with %v: its code point.
  assert.throws(() => unescapeValue('a=b'), { message: 'invalid field selector: unescaped character in value: 61' });
  assert.throws(() => unescapeValue('a,b'), { message: 'invalid field selector: unescaped character in value: 44' });
});

test('TestSelectorParse: good strings restring unchanged, bad ones fail with upstream text', () => {
  for (const s of ['x=a,y=b,z=c', '', 'x!=a,y=b', 'x=a||y\\=b', 'x=a\\=\\=b']) assert.equal(fieldSelectorString(parseFieldSelector(s)), s, s);
  const bad: Array<[string, string]> = [
    ['x=a||y=b', 'invalid field selector: unescaped character in value: 61'],
    ['x==a==b', 'invalid field selector: unescaped character in value: 61'],
    ['x=a,b', "invalid selector: 'x=a,b'; can't understand 'b'"],
    ['x in (a)', "invalid selector: 'x in (a)'; can't understand 'x in (a)'"],
    ['x in (a,b,c)', "invalid selector: 'x in (a,b,c)'; can't understand 'b'"],
    ['x', "invalid selector: 'x'; can't understand 'x'"],
  ];
  for (const [s, msg] of bad) assert.throws(() => parseFieldSelector(s), (e: unknown) => e instanceof SelectorError && e.message === msg, s);
});

test('splitTerm: operators, escapes and empty terms', () => {
  const r = (s: string) => requirementsFor(parseFieldSelector(s));
  assert.deepEqual(r('a=avalue,b==bvalue,c!=cvalue'), [
    { field: 'a', operator: '=', value: 'avalue' },
    { field: 'b', operator: '==', value: 'bvalue' },
    { field: 'c', operator: '!=', value: 'cvalue' },
  ]);
  assert.deepEqual(r('a=a,'), [{ field: 'a', operator: '=', value: 'a' }]);
  assert.deepEqual(r(',a=a'), [{ field: 'a', operator: '=', value: 'a' }]);
  assert.deepEqual(r('k=\\,,k2=v2'), [
    { field: 'k2', operator: '=', value: 'v2' }, // terms sort as bytes: '2' < '='
    { field: 'k', operator: '=', value: ',' },
  ]);
  assert.deepEqual(r('k=\\\\,k2=v2'), [
    { field: 'k2', operator: '=', value: 'v2' }, // terms sort as bytes: '2' < '='
    { field: 'k', operator: '=', value: '\\' },
  ]);
  assert.deepEqual(r('k=\\\\\\,,k2=v2'), [
    { field: 'k2', operator: '=', value: 'v2' }, // terms sort as bytes: '2' < '='
    { field: 'k', operator: '=', value: '\\,' },
  ]);
  assert.deepEqual(r('함=수,목=록'), [
    { field: '목', operator: '=', value: '록' },
    { field: '함', operator: '=', value: '수' },
  ]);
  assert.deepEqual(r('status.phase!=Running'), [{ field: 'status.phase', operator: '!=', value: 'Running' }]);
});

test('TestDeterministicParse', () => {
  assert.equal(fieldSelectorString(parseFieldSelector('x=a,a=x')), fieldSelectorString(parseFieldSelector('a=x,x=a')));
});

test('TestSelectorMatches', () => {
  const set = { foo: 'bar', baz: 'blah', complex: '=value\\,\\' };
  const yes: Array<[string, Record<string, string>]> = [
    ['', { x: 'y' }],
    ['x=y', { x: 'y' }],
    ['x=y,z=w', { x: 'y', z: 'w' }],
    ['x!=y,z!=w', { x: 'z', z: 'a' }],
    ['notin=in', { notin: 'in' }],
    ['foo=bar', set],
    ['baz=blah', set],
    ['foo=bar,baz=blah', set],
    ['foo=bar,baz=blah,complex=\\=value\\\\\\,\\\\', set],
    ['missing=', set],
    ['missing!=x', set],
  ];
  const no: Array<[string, Record<string, string>]> = [
    ['x=y', { x: 'z' }],
    ['x=y,z=w', { x: 'w', z: 'w' }],
    ['x!=y,z!=w', { x: 'z', z: 'w' }],
    ['foo=blah', set],
    ['baz=bar', set],
    ['foo=bar,foobar=bar,baz=blah', set],
  ];
  for (const [s, ls] of yes) assert.equal(matchesFields(parseFieldSelector(s), getter(ls)), true, s);
  for (const [s, ls] of no) assert.equal(matchesFields(parseFieldSelector(s), getter(ls)), false, s);
});

test('TestRequiresExactMatch and emptiness', () => {
  assert.equal(fieldRequiresExactMatch(parseFieldSelector(''), 'test'), undefined);
  assert.equal(fieldRequiresExactMatch(parseFieldSelector('a=b'), 'test'), undefined);
  assert.equal(fieldRequiresExactMatch(parseFieldSelector('test=b'), 'test'), 'b');
  assert.equal(fieldRequiresExactMatch(parseFieldSelector('test='), 'test'), '');
  assert.equal(fieldRequiresExactMatch(parseFieldSelector('test!=b'), 'test'), undefined);
  assert.equal(fieldRequiresExactMatch(parseFieldSelector('a=c,test==b'), 'test'), 'b');
  assert.ok(isEmptyFieldSelector(parseFieldSelector('')));
  assert.equal(isEmptyFieldSelector(parseFieldSelector('a=b')), false);
});

test('TestTransform', () => {
  const id = (f: string, v: string): [string, string] => [f, v];
  const cases: Array<[string, (f: string, v: string) => [string, string], string, boolean]> = [
    ['', id, '', true],
    ['a=b,c=d', id, 'a=b,c=d', false],
    ['a=b,c=d', (f, v) => (f === 'a' ? ['e', 'f'] : [f, v]), 'e=f,c=d', false],
    ['a=b', () => ['', ''], '', true],
    ['a=b,c=d,e=f', (f, v) => (f === 'c' ? ['', ''] : [f, v]), 'a=b,e=f', false],
  ];
  for (const [s, fn, want, empty] of cases) {
    const out = transformFieldSelector(parseFieldSelector(s), fn);
    assert.equal(fieldSelectorString(out), want);
    assert.equal(isEmptyFieldSelector(out), empty);
  }
});

test('checkFieldLabels rejects unsupported fields with upstream text', () => {
  const sel = parseFieldSelector('metadata.name=a,spec.nodeName=n,foo=bar');
  assert.throws(() => checkFieldLabels(sel, ['metadata.name', 'spec.nodeName']), { message: 'field label not supported: foo' });
  assert.throws(() => checkFieldLabels(sel, ['metadata.name', 'metadata.namespace'], notKnownFieldSelector), {
    message: '"foo" is not a known field selector: only "metadata.name", "metadata.namespace"',
  });
  checkFieldLabels(parseFieldSelector('metadata.name=a'), ['metadata.name']);
});
