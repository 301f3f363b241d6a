import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OrderedIntervals } from '../../src/api/batch/indexes.js';
import type { JobT } from '../../src/api/batch/job.js';
import { hasSuccessCriteriaMetCondition, isSuccessCriteriaMetCondition, matchSuccessPolicy } from '../../src/controllers/job/success-policy.js';

type Rule = { succeededIndexes?: string; succeededCount?: number };
const iv = (...pairs: Array<[number, number]>) => new OrderedIntervals(pairs.map(([first, last]) => ({ first, last })));

// Cases from upstream success_policy_test.go (TestMatchSuccessPolicy; the feature gate is on in v1.32,
// so the "disabled" case is dropped). Every case has completions 10.
test('matchSuccessPolicy', () => {
  const M0 = 'Matched rules at index 0';
  const cases: Array<[string, Rule[] | null, OrderedIntervals, string | undefined]> = [
    ['successPolicy is null', null, iv([0, 0]), undefined],
    ['any rules are nothing', [], iv([0, 0]), undefined],
    ['rules.succeededIndexes is invalid format', [{ succeededIndexes: 'invalid-form' }], iv([0, 0]), undefined],
    ['succeededIndexes matched rules', [{ succeededIndexes: '0-2' }], iv([0, 2], [4, 7]), M0],
    ["succeededIndexes didn't match rules", [{ succeededIndexes: '3' }], iv([0, 2]), undefined],
    ['succeededCount matched', [{ succeededCount: 2 }], iv([0, 2]), M0],
    ["succeededCount didn't match", [{ succeededCount: 4 }], iv([0, 2]), undefined],
    ['multiple rules; met one of rules', [{ succeededIndexes: '9' }, { succeededIndexes: '4,6' }], iv([0, 2], [4, 7]), 'Matched rules at index 1'],
    ['multiple rules; met all rules', [{ succeededIndexes: '0,1' }, { succeededIndexes: '5' }], iv([0, 2], [4, 7]), M0],
    ['indexes and count; met', [{ succeededIndexes: '3-6', succeededCount: 2 }], iv([0, 2], [4, 7]), M0],
    ["indexes and count; didn't match", [{ succeededIndexes: '3-6', succeededCount: 2 }], iv([0, 2], [6, 7]), undefined],
    ['succeededIndexes are nothing', [{ succeededCount: 4 }], iv(), undefined],
    ['rules is proper subset of succeededIndexes', [{ succeededIndexes: '2-4,6-8' }], iv([1, 5], [6, 9]), M0],
    ['rules equals succeededIndexes', [{ succeededIndexes: '2-4,6-9' }], iv([2, 4], [6, 9]), M0],
    ['rules is subset of succeededIndexes', [{ succeededIndexes: '2-4,8-12' }], iv([2, 5], [7, 15]), M0],
    ['rules is an empty set', [{ succeededIndexes: '' }], iv([1, 3]), undefined],
    ['succeededIndexes is an empty set', [{ succeededIndexes: '' }], iv(), undefined],
    ['all rule indexes outside succeededIndexes', [{ succeededIndexes: '10-12,14-16' }], iv([1, 3], [5, 7]), undefined],
    ["rules overlaps succeededIndexes at first; didn't match", [{ succeededIndexes: '1-3,5-7' }], iv([2, 4], [6, 8]), undefined],
    ['rules overlaps succeededIndexes at first; count matched', [{ succeededIndexes: '1-3,5-7', succeededCount: 4 }], iv([2, 4], [6, 8]), M0],
    ["rules overlaps succeededIndexes at last; didn't match", [{ succeededIndexes: '2-4,6-9' }], iv([1, 3], [5, 7]), undefined],
    ['rules overlaps succeededIndexes at last; count matched', [{ succeededIndexes: '2-4,6-9', succeededCount: 4 }], iv([1, 3], [5, 7]), M0],
    ["rules completely overlaps succeededIndexes; didn't match", [{ succeededIndexes: '0-4,6-9' }], iv([1, 3], [7, 8]), undefined],
    ['rules completely overlaps succeededIndexes; count matched', [{ succeededIndexes: '0-4,6-9', succeededCount: 5 }], iv([1, 3], [7, 8]), M0],
    ["rules overlaps multiple succeededIndexes at last; didn't match", [{ succeededIndexes: '0-6,8-9' }], iv([1, 3], [5, 9]), undefined],
    ['rules overlaps multiple succeededIndexes at last; count matched', [{ succeededIndexes: '0-6,8-9', succeededCount: 7 }], iv([1, 3], [5, 9]), M0],
    ["overlaps at first, equal at last; didn't match", [{ succeededIndexes: '0-5,7-9' }], iv([1, 5], [7, 10]), undefined],
    ['overlaps at first, equal at last; count matched', [{ succeededIndexes: '0-5,7-9', succeededCount: 8 }], iv([1, 5], [7, 10]), M0],
    ["the first rule overlaps succeededIndexes at first; didn't match", [{ succeededIndexes: '0-3,6-9' }], iv([1, 10]), undefined],
    ['the first rule overlaps succeededIndexes at first; count matched', [{ succeededIndexes: '0-3,6-9', succeededCount: 7 }], iv([1, 10]), M0],
  ];
  for (const [name, rules, succeeded, want] of cases) assert.equal(matchSuccessPolicy(rules === null ? undefined : { rules }, 10, succeeded), want, name);
});

test('SuccessCriteriaMet condition helpers', () => {
  const job = (status: string) => ({ metadata: {}, status: { conditions: [{ type: 'SuccessCriteriaMet', status, reason: 'SuccessPolicy' }] } }) as unknown as JobT;
  assert.equal(hasSuccessCriteriaMetCondition(job('True'))?.reason, 'SuccessPolicy');
  assert.equal(hasSuccessCriteriaMetCondition(job('False')), undefined);
  assert.equal(hasSuccessCriteriaMetCondition({ metadata: {} } as JobT), undefined);
  assert.equal(isSuccessCriteriaMetCondition({ type: 'SuccessCriteriaMet', status: 'True' }), true);
  assert.equal(isSuccessCriteriaMetCondition({ type: 'SuccessCriteriaMet', status: 'False' }), false);
  assert.equal(isSuccessCriteriaMetCondition({ type: 'Complete', status: 'True' }), false);
  assert.equal(isSuccessCriteriaMetCondition(undefined), false);
});
