import { test } from 'node:test';
import assert from 'node:assert/strict';
import { path } from '../../src/api/field-errors.js';
import { fieldErrorString } from '../../src/api/field-errors.js';
import {
  formatLabelSelector,
  labelSelectorAsSelector,
  labelSelectorMatches,
  labelSelectorString,
  validateLabelSelector,
} from '../../src/api/selectors/label-selector.js';
import { isEmpty, matches, toString } from '../../src/api/selectors/labels.js';

// TestLabelSelectorAsSelector (apimachinery/pkg/apis/meta/v1/helpers_test.go).
test('labelSelectorAsSelector: nil is nothing, empty is everything', () => {
  const matchLabels = { foo: 'bar' };
  const matchExpressions = [{ key: 'baz', operator: 'In', values: ['qux', 'norf'] }];
  const nothing = labelSelectorAsSelector(null);
  assert.equal(matches(nothing, {}), false);
  assert.equal(isEmpty(nothing), false);
  const all = labelSelectorAsSelector({});
  assert.ok(isEmpty(all));
  assert.ok(matches(all, { any: 'thing' }));
  assert.equal(toString(labelSelectorAsSelector({ matchLabels })), 'foo=bar');
  assert.equal(toString(labelSelectorAsSelector({ matchExpressions })), 'baz in (norf,qux)');
  assert.equal(toString(labelSelectorAsSelector({ matchLabels, matchExpressions })), 'baz in (norf,qux),foo=bar');
  assert.throws(() => labelSelectorAsSelector({ matchExpressions: [{ key: 'baz', operator: 'Exists', values: ['qux', 'norf'] }] }), {
    message: 'values: Invalid value: []string{"qux", "norf"}: values set must be empty for exists and does not exist',
  });
  assert.throws(() => labelSelectorAsSelector({ matchExpressions: [{ key: 'baz', operator: 'In' }] }), {
    message: "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
  });
  assert.throws(() => labelSelectorAsSelector({ matchExpressions: [{ key: 'baz', operator: 'Within', values: ['a'] }] }), {
    message: '"Within" is not a valid label selector operator',
  });
});

test('labelSelectorMatches', () => {
  const sel = {
    matchLabels: { app: 'web' },
    matchExpressions: [
      { key: 'tier', operator: 'In', values: ['a', 'b'] },
      { key: 'env', operator: 'NotIn', values: ['prod'] },
      { key: 'team', operator: 'Exists' },
      { key: 'legacy', operator: 'DoesNotExist' },
    ],
  };
  const cases: Array<[Record<string, string>, boolean]> = [
    [{ app: 'web', tier: 'a', team: 'x' }, true],
    [{ app: 'web', tier: 'b', team: 'x', env: 'dev' }, true],
    [{ app: 'web', tier: 'c', team: 'x' }, false],
    [{ app: 'web', tier: 'a', team: 'x', env: 'prod' }, false],
    [{ app: 'web', tier: 'a' }, false],
    [{ app: 'web', tier: 'a', team: 'x', legacy: '' }, false],
    [{ app: 'db', tier: 'a', team: 'x' }, false],
  ];
  for (const [ls, want] of cases) assert.equal(labelSelectorMatches(sel, ls), want, JSON.stringify(ls));
  assert.equal(labelSelectorMatches(null, { a: 'b' }), false);
  assert.equal(labelSelectorMatches({}, { a: 'b' }), true);
  assert.equal(labelSelectorMatches({ matchLabels: {}, matchExpressions: [] }, undefined), true);
  // an invalid selector selects nothing
  assert.equal(labelSelectorMatches({ matchExpressions: [{ key: 'a', operator: 'Bogus' }] }, { a: 'b' }), false);
});

test('labelSelectorString (Scale status.selector) and formatLabelSelector', () => {
  const sel = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['b', 'a'] }] };
  assert.equal(labelSelectorString(sel), 'app=web,tier in (a,b)');
  assert.equal(labelSelectorString({ matchLabels: { 'app.kubernetes.io/name': 'x', app: 'y' } }), 'app=y,app.kubernetes.io/name=x');
  assert.equal(labelSelectorString({ matchExpressions: [{ key: 'x', operator: 'DoesNotExist' }, { key: 'a', operator: 'Exists' }] }), 'a,!x');
  assert.equal(labelSelectorString({}), '');
  assert.equal(labelSelectorString(undefined), '');
  assert.equal(formatLabelSelector({}), '<none>');
  assert.equal(formatLabelSelector(null), '<none>');
  assert.equal(formatLabelSelector(sel), 'app=web,tier in (a,b)');
  assert.equal(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Bogus' }] }), '<error>');
});

// ValidateLabelSelector (apimachinery/pkg/apis/meta/v1/validation).
test('validateLabelSelector', () => {
  const p = path('spec', 'selector');
  const v = (sel: Parameters<typeof validateLabelSelector>[0]) => validateLabelSelector(sel, p).map(fieldErrorString);
  assert.deepEqual(v(null), []);
  assert.deepEqual(v({}), []);
  assert.deepEqual(v({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a'] }] }), []);
  assert.deepEqual(v({ matchExpressions: [{ key: 'tier', operator: 'In' }] }), [
    "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
  ]);
  assert.deepEqual(v({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: [] }] }), [
    "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
  ]);
  assert.deepEqual(v({ matchExpressions: [{ key: 'a', operator: 'Exists' }, { key: 'tier', operator: 'DoesNotExist', values: ['x'] }] }), [
    "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
  ]);
  assert.deepEqual(v({ matchExpressions: [{ key: 'tier', operator: 'in', values: ['a'] }] }), [
    'spec.selector.matchExpressions[0].operator: Invalid value: "in": not a valid selector operator',
  ]);
  assert.deepEqual(v({ matchExpressions: [{ key: 'bad key', operator: 'In', values: ['a b'] }] }), [
    `spec.selector.matchExpressions[0].key: Invalid value: "bad key": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    `spec.selector.matchExpressions[0].values[0]: Invalid value: "a b": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
  ]);
  assert.deepEqual(
    validateLabelSelector({ matchExpressions: [{ key: 'k', operator: 'In', values: ['a b'] }] }, p, { allowInvalidLabelValueInSelector: true }),
    [],
  );
  // matchLabels errors name the map, not the key (metav1 validation.ValidateLabels)
  assert.deepEqual(v({ matchLabels: { app: '-web' } }), [
    `spec.selector.matchLabels: Invalid value: "-web": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
  ]);
  assert.equal(v({ matchLabels: { '/x': 'a' } })[0], 'spec.selector.matchLabels: Invalid value: "/x": prefix part must be non-empty');
});
