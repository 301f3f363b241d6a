import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  type Operator,
  SelectorError,
  addRequirements,
  everything,
  isEmpty,
  matches,
  newRequirement,
  nothing,
  parseLabelSelector,
  requiresExactMatch,
  selectorFromSet,
  toString,
} from '../../src/api/selectors/labels.js';

// Cases from k8s.io/apimachinery/pkg/labels/selector_test.go.

test('TestSelectorParse: good strings restring without spaces, bad strings fail', () => {
  for (const s of ['x=a,y=b,z=c', '', 'x!=a,y=b', 'x=', 'x= ', 'x=,z= ', 'x= ,z= ', '!x', 'x>1', 'x>1,z<5']) {
    assert.equal(toString(parseLabelSelector(s)), s.replaceAll(' ', ''), s);
  }
  for (const s of ['x=a||y=b', 'x==a==b', '!x=a', 'x<a']) assert.throws(() => parseLabelSelector(s), SelectorError, s);
});

test('TestDeterministicParse', () => {
  assert.equal(toString(parseLabelSelector('x=a,a=x')), toString(parseLabelSelector('a=x,x=a')));
  assert.equal(toString(parseLabelSelector('x=a,a=x')), 'a=x,x=a');
});

test('TestSelectorMatches', () => {
  const yes: Array<[string, Record<string, string>]> = [
    ['', { x: 'y' }],
    ['x=y', { x: 'y' }],
    ['x=y,z=w', { x: 'y', z: 'w' }],
    ['x!=y,z!=w', { x: 'z', z: 'a' }],
    ['notin=in', { notin: 'in' }],
    ['x', { x: 'z' }],
    ['!x', { y: 'z' }],
    ['x>1', { x: '2' }],
    ['x<1', { x: '0' }],
    ['foo=bar', { foo: 'bar', baz: 'blah' }],
    ['baz=blah', { foo: 'bar', baz: 'blah' }],
    ['foo=bar,baz=blah', { foo: 'bar', baz: 'blah' }],
  ];
  const no: Array<[string, Record<string, string>]> = [
    ['x=z', {}],
    ['x=y', { x: 'z' }],
    ['x=y,z=w', { x: 'w', z: 'w' }],
    ['x!=y,z!=w', { x: 'z', z: 'w' }],
    ['x', { y: 'z' }],
    ['!x', { x: 'z' }],
    ['x>1', { x: '0' }],
    ['x<1', { x: '2' }],
    ['foo=blah', { foo: 'bar', baz: 'blah' }],
    ['baz=bar', { foo: 'bar', baz: 'blah' }],
    ['foo=bar,foobar=bar,baz=blah', { foo: 'bar', baz: 'blah' }],
  ];
  for (const [s, ls] of yes) assert.equal(matches(parseLabelSelector(s), ls), true, s);
  for (const [s, ls] of no) assert.equal(matches(parseLabelSelector(s), ls), false, s);
});

test('TestSetMatches and empty selectors', () => {
  const ls = { foo: 'bar', baz: 'blah' };
  for (const set of [{}, { foo: 'bar' }, { baz: 'blah' }, { foo: 'bar', baz: 'blah' }] as Record<string, string>[]) assert.ok(matches(selectorFromSet(set), ls));
  assert.equal(matches(selectorFromSet({ foo: 'baz' }), ls), false);
  assert.ok(isEmpty(selectorFromSet(undefined)));
  assert.ok(isEmpty(everything()));
  assert.ok(matches(everything(), { x: 'y' }));
  assert.equal(matches(nothing(), { x: 'y' }), false);
  assert.equal(isEmpty(nothing()), false);
  assert.equal(toString(nothing()), '');
});

test('TestRequirementConstructor', () => {
  const cases: Array<[string, Operator, string[], boolean]> = [
    ['x', 'in', [], false],
    ['x', 'notin', [], false],
    ['x', 'in', ['foo'], true],
    ['x', 'notin', ['foo'], true],
    ['x', 'exists', [], true],
    ['x', '!', [], true],
    ['1foo', 'in', ['bar'], true],
    ['1234', 'in', ['bar'], true],
    ['y', 'gt', ['1'], true],
    ['z', 'lt', ['6'], true],
    ['foo', 'gt', ['bar'], false],
    ['barz', 'lt', ['blah'], false],
    ['a'.repeat(254), 'exists', [], false],
  ];
  for (const [k, op, vals, ok] of cases) {
    if (ok) newRequirement(k, op, vals);
    else assert.throws(() => newRequirement(k, op, vals), SelectorError, `${k} ${op} ${vals}`);
  }
});

test('NewRequirement error text', () => {
  const msg = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return (e as Error).message;
    }
    return 'no error';
  };
  assert.equal(msg(() => newRequirement('x', 'in', [])), `values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty`);
  assert.equal(
    msg(() => newRequirement('x', 'exists', ['qux', 'norf'])),
    'values: Invalid value: []string{"qux", "norf"}: values set must be empty for exists and does not exist',
  );
  assert.equal(msg(() => newRequirement('x', '=', ['a', 'b'])), 'values: Invalid value: []string{"a", "b"}: exact-match compatibility requires one single value');
  assert.equal(
    msg(() => newRequirement('x', 'foo' as Operator, ['a'])),
    'operator: Unsupported value: "foo": supported values: "in", "notin", "=", "==", "!=", "gt", "lt", "exists", "!"',
  );
  // Two errors aggregate as "[a, b]".
  assert.equal(
    msg(() => newRequirement('x', 'gt', ['a-'])),
    `[values[0]: Invalid value: "a-": for 'Gt', 'Lt' operators, the value must be an integer, values[0][x]: Invalid value: "a-": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')]`,
  );
});

test('TestToString', () => {
  const sel = (...rs: Array<[string, Operator, string[]]>) => ({ requirements: rs.map(([k, o, v]) => newRequirement(k, o, v)) });
  assert.equal(toString(sel(['x', 'in', ['abc', 'def']], ['y', 'notin', ['jkl']], ['z', 'exists', []])), 'x in (abc,def),y notin (jkl),z');
  assert.equal(toString(sel(['x', 'notin', ['abc', 'def']], ['y', '!=', ['jkl']], ['z', '!', []])), 'x notin (abc,def),y!=jkl,!z');
  assert.equal(toString(sel(['x', 'notin', ['abc']], ['y', 'in', ['jkl', 'mno']], ['z', 'notin', ['']])), 'x notin (abc),y in (jkl,mno),z notin ()');
  assert.equal(toString(sel(['x', '=', ['abc']], ['y', '==', ['jkl']], ['z', '!=', ['a']], ['z', 'exists', []])), 'x=abc,y==jkl,z!=a,z');
  assert.equal(toString(sel(['x', 'gt', ['2']], ['y', 'lt', ['8']], ['z', 'exists', []])), 'x>2,y<8,z');
  // values print sorted without changing the requirement
  const r = newRequirement('x', 'in', ['def', 'abc']);
  assert.equal(toString({ requirements: [r] }), 'x in (abc,def)');
  assert.deepEqual(r.values, ['def', 'abc']);
});

test('TestRequirementSelectorMatching', () => {
  const sel = (...rs: Array<[string, Operator, string[]]>) => ({ requirements: rs.map(([k, o, v]) => newRequirement(k, o, v)) });
  const cases: Array<[Record<string, string>, ReturnType<typeof sel>, boolean]> = [
    [{ x: 'foo', y: 'baz' }, sel(['x', 'in', ['foo']], ['y', 'notin', ['alpha']]), true],
    [{ x: 'foo', y: 'baz' }, sel(['x', 'in', ['foo']], ['y', 'in', ['alpha']]), false],
    [{ y: '' }, sel(['x', 'notin', ['']], ['y', 'exists', []]), true],
    [{ y: '' }, sel(['x', '!', []], ['y', 'exists', []]), true],
    [{ y: '' }, sel(['x', 'notin', ['']], ['y', '!', []]), false],
    [{ y: 'baz' }, sel(['x', 'in', ['']]), false],
    [{ z: '2' }, sel(['z', 'gt', ['1']]), true],
    [{ z: 'v2' }, sel(['z', 'gt', ['1']]), false],
  ];
  for (const [ls, s, want] of cases) assert.equal(matches(s, ls), want, `${toString(s)} ${JSON.stringify(ls)}`);
});

test('TestSetSelectorParser', () => {
  const req = (key: string, operator: Operator, values: string[] = []) => ({ key, operator, values });
  const good: Array<[string, ReturnType<typeof req>[]]> = [
    ['', []],
    ['\rx', [req('x', 'exists')]],
    ['this-is-a-dns.domain.com/key-with-dash', [req('this-is-a-dns.domain.com/key-with-dash', 'exists')]],
    ['this-is-another-dns.domain.com/key-with-dash in (so,what)', [req('this-is-another-dns.domain.com/key-with-dash', 'in', ['so', 'what'])]],
    ['0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)', [req('0.1.2.domain/99', 'notin', ['10.10.100.1', 'tick.tack.clock'])]],
    ['foo  in\t (abc)', [req('foo', 'in', ['abc'])]],
    ['x notin\n (abc)', [req('x', 'notin', ['abc'])]],
    ['x  notin\t\t\t(abc,def)', [req('x', 'notin', ['abc', 'def'])]],
    ['x in (abc,def)', [req('x', 'in', ['abc', 'def'])]],
    ['x in (abc,)', [req('x', 'in', ['', 'abc'])]],
    ['x in ()', [req('x', 'in', [''])]],
    ['x notin (abc,,def),bar,z in (),w', [req('bar', 'exists'), req('w', 'exists'), req('x', 'notin', ['', 'abc', 'def']), req('z', 'in', [''])]],
    ['x=a', [req('x', '=', ['a'])]],
    ['x>1', [req('x', 'gt', ['1'])]],
    ['x<7', [req('x', 'lt', ['7'])]],
    ['x=a,y!=b', [req('x', '=', ['a']), req('y', '!=', ['b'])]],
    ['x=a,y!=b,z in (h,i,j)', [req('x', '=', ['a']), req('y', '!=', ['b']), req('z', 'in', ['h', 'i', 'j'])]],
    ['x notin ( )', [req('x', 'notin', [''])]],
    ['x notin (, a)', [req('x', 'notin', ['', 'a'])]],
    ['a ', [req('a', 'exists')]],
    ['a in (x,y,notin, z,in)', [req('a', 'in', ['in', 'notin', 'x', 'y', 'z'])]],
    ['x,y', [req('x', 'exists'), req('y', 'exists')]],
  ];
  for (const [s, want] of good) assert.deepEqual(parseLabelSelector(s).requirements, want, JSON.stringify(s));
});

test('parse errors carry upstream text', () => {
  const cases: Array<[string, string]> = [
    ['x,,y', "found ',', expected: identifier after ','"],
    [',x,y', "found ',', expected: !, identifier, or 'end of string'"],
    ['x nott in (y)', "unable to parse requirement: found 'nott', expected: in, notin, =, ==, !=, gt, lt"],
    ['a in (xyz),', "found '', expected: identifier after ','"],
    ['a in (xyz)b notin ()', "found 'b', expected: ',' or 'end of string'"],
    ['a in (xyz abc)', "unable to parse requirement: found 'abc', expected: ',' or ')'"],
    ['a notin(', "unable to parse requirement: found '', expected: ',', ')' or identifier"],
    ['a (', "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt"],
    ['(', "found '(', expected: !, identifier, or 'end of string'"],
    ['x==a==b', "found '==', expected: ',' or 'end of string'"],
    ['!x=a', "found '=', expected: ',' or 'end of string'"],
    ['x in a', "unable to parse requirement: found 'a' expected: '('"],
    ['x=(', "unable to parse requirement: found '(', expected: identifier"],
    ['!,x', "unable to parse requirement: found ',', expected: identifier"], ['!=', "found '!=', expected: !, identifier, or 'end of string'"],
    ['x<a', `unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`],
    [
      'x=a||y=b',
      `unable to parse requirement: values[0][x]: Invalid value: "a||y": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    ],
    [
      'foo$=bar',
      `unable to parse requirement: <nil>: Invalid value: "foo$": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    ],
  ];
  for (const [s, msg] of cases) assert.throws(() => parseLabelSelector(s), { name: 'Error', message: msg }, s);
});

test('TestAdd and RequiresExactMatch', () => {
  let s = addRequirements(everything(), newRequirement('key', 'in', ['value']));
  s = addRequirements(s, newRequirement('a', '=', ['b']));
  assert.deepEqual(s.requirements.map((r) => r.key), ['a', 'key']);
  assert.equal(requiresExactMatch(s, 'key'), 'value');
  assert.equal(requiresExactMatch(s, 'a'), 'b');
  assert.equal(requiresExactMatch(parseLabelSelector('x in (a,b)'), 'x'), undefined);
  assert.equal(requiresExactMatch(parseLabelSelector('x!=a'), 'x'), undefined);
  assert.equal(requiresExactMatch(s, 'zz'), undefined);
});
