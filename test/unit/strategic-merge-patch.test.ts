import { test } from 'node:test';
import assert from 'node:assert/strict';
import yaml from 'js-yaml';
import { z } from 'zod';
import { ApiError } from '../../src/api/errors.js';
import { applyStrategicMergePatch } from '../../src/api/patch/strategic-merge-patch.js';
import { rawCases } from './smp-upstream-cases.js';

const merge = (key: string) => ({ 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-patch-merge-key': key });

// upstream's MergeItem / RetainKeysMergeItem test types, as zod schemas
type MI = Record<string, unknown>;
const MergeItem: z.ZodType<MI> = z.lazy(() =>
  z.object({
    name: z.string().optional(),
    value: z.string().optional(),
    other: z.string().optional(),
    mergingList: z.array(MergeItem).optional().meta(merge('name')),
    nonMergingList: z.array(MergeItem).optional(),
    mergingIntList: z.array(z.number()).optional().meta({ 'x-kubernetes-patch-strategy': 'merge' }),
    nonMergingIntList: z.array(z.number()).optional(),
    mergeItemPtr: MergeItem.optional().meta(merge('name')),
    simpleMap: z.record(z.string(), z.string()).optional(),
    replacingItem: z.unknown().optional().meta({ 'x-kubernetes-patch-strategy': 'replace' }),
    retainKeysMap: RetainKeysMergeItem.optional().meta({ 'x-kubernetes-patch-strategy': 'retainKeys' }),
    retainKeysMergingList: z
      .array(MergeItem)
      .optional()
      .meta({ 'x-kubernetes-patch-strategy': 'merge,retainKeys', 'x-kubernetes-patch-merge-key': 'name' }),
  }),
);
const RetainKeysMergeItem = z.object({
  name: z.string().optional(),
  value: z.string().optional(),
  other: z.string().optional(),
  simpleMap: z.record(z.string(), z.string()).optional(),
  mergingIntList: z.array(z.number()).optional().meta({ 'x-kubernetes-patch-strategy': 'merge' }),
  mergingList: z.array(z.lazy(() => MergeItem)).optional().meta(merge('name')),
  nonMergingList: z.array(z.lazy(() => MergeItem)).optional(),
});

const y = (s: string) => yaml.load(s) as Record<string, unknown>;

for (const c of rawCases) {
  test(`upstream raw case (two-way): ${c.d}`, () => {
    const got = applyStrategicMergePatch(y(c.original), y(c.twoWay), MergeItem);
    assert.deepEqual(got, y(c.twoWayResult ?? c.modified));
  });
  if (c.result) {
    test(`upstream raw case (three-way): ${c.d}`, () => {
      const got = applyStrategicMergePatch(y(c.current!), y(c.threeWay!), MergeItem);
      assert.deepEqual(got, y(c.result!));
    });
  }
}

// More upstream cases (createStrategicMergePatchTestCaseData / customStrategicMergePatch...), in order.
const cases: Array<{ d: string; original: string; patch: string; result: string }> = [
  { d: 'null deletes a key', original: '{name: 1, value: 1}', patch: '{value: null}', result: '{name: 1}' },
  { d: 'null for an absent key is ignored', original: '{name: 1}', patch: '{value: null}', result: '{name: 1}' },
  {
    d: 'nested map: nulls dropped from new values',
    original: '{name: a}',
    patch: '{simpleMap: {k1: v1, k2: null}}',
    result: '{name: a, simpleMap: {k1: v1}}',
  },
  {
    d: '$patch: replace on a map replaces it',
    original: '{mergeItemPtr: {name: a, value: b, other: c}}',
    patch: '{mergeItemPtr: {$patch: replace, name: a, value: z}}',
    result: '{mergeItemPtr: {name: a, value: z}}',
  },
  {
    d: '$patch: delete on a map leaves an empty map',
    original: '{mergeItemPtr: {name: a, value: b}}',
    patch: '{mergeItemPtr: {$patch: delete}}',
    result: '{mergeItemPtr: {}}',
  },
  {
    d: '$patch: replace in a merging list replaces the list',
    original: '{mergingList: [{name: a, value: 1}, {name: b}]}',
    patch: '{mergingList: [{name: c}, {$patch: replace}]}',
    result: '{mergingList: [{name: c}]}',
  },
  {
    d: 'replace strategy field replaced wholesale',
    original: '{replacingItem: {a: 1, b: 2}}',
    patch: '{replacingItem: {a: 3}}',
    result: '{replacingItem: {a: 3}}',
  },
  {
    d: 'non-merging list replaced',
    original: '{nonMergingList: [{name: a}, {name: b}]}',
    patch: '{nonMergingList: [{name: c}]}',
    result: '{nonMergingList: [{name: c}]}',
  },
  {
    d: 'merging int list: union; a new item goes before server-only items without $setElementOrder',
    original: '{mergingIntList: [1, 2]}',
    patch: '{mergingIntList: [3]}',
    result: '{mergingIntList: [3, 1, 2]}',
  },
  {
    d: 'merging int list: union keeps live order when the patch anchors on a live item',
    original: '{mergingIntList: [1, 2]}',
    patch: '{mergingIntList: [2, 3]}',
    result: '{mergingIntList: [1, 2, 3]}',
  },
  {
    d: 'merging list without $setElementOrder: new items are placed before server-only ones',
    original: '{mergingList: [{name: a}, {name: b}]}',
    patch: '{mergingList: [{name: c}]}',
    result: '{mergingList: [{name: c}, {name: a}, {name: b}]}',
  },
  {
    d: 'merging list: patched existing item keeps its place',
    original: '{mergingList: [{name: a}, {name: b}]}',
    patch: '{mergingList: [{name: b, value: x}]}',
    result: '{mergingList: [{name: a}, {name: b, value: x}]}',
  },
  {
    d: 'retainKeys in a merging list item',
    original: '{retainKeysMergingList: [{name: a, value: 1, other: x}]}',
    patch: '{retainKeysMergingList: [{name: a, $retainKeys: [name, value], value: 2}]}',
    result: '{retainKeysMergingList: [{name: a, value: 2}]}',
  },
  {
    d: 'directives are stripped from values added as-is',
    original: '{name: a}',
    patch: '{mergeItemPtr: {name: b, mergingList: [{name: c}, {name: d, $patch: delete}]}, retainKeysMap: {$patch: delete}}',
    result: '{name: a, mergeItemPtr: {name: b, mergingList: [{name: c}]}}',
  },
  {
    d: '$deleteFromPrimitiveList on an absent list does nothing',
    original: '{name: a}',
    patch: '{$deleteFromPrimitiveList/mergingIntList: [1]}',
    result: '{name: a}',
  },
  {
    d: '$deleteFromPrimitiveList deletes even from a non-merging list',
    original: '{nonMergingIntList: [1, 2, 3]}',
    patch: '{$deleteFromPrimitiveList/nonMergingIntList: [2]}',
    result: '{nonMergingIntList: [1, 3]}',
  },
  {
    d: 'type change replaces',
    original: '{mergingList: [{name: a}]}',
    patch: '{mergingList: {name: a}}',
    result: '{mergingList: {name: a}}',
  },
  {
    d: 'top-level $patch: replace',
    original: '{name: a, value: b}',
    patch: '{$patch: replace, other: c}',
    result: '{other: c}',
  },
];
for (const c of cases) {
  test(`smp: ${c.d}`, () => {
    assert.deepEqual(applyStrategicMergePatch(y(c.original), y(c.patch), MergeItem), y(c.result));
  });
}

const errCases: Array<{ d: string; original: string; patch: unknown; code: number; reason: string; message: string }> = [
  {
    d: 'missing merge key',
    original: '{mergingList: [{name: a}]}',
    patch: { mergingList: [{ value: 'foo' }] },
    code: 500,
    reason: '',
    message: 'map: map[value:foo] does not contain declared merge key: name',
  },
  {
    d: 'unknown $patch value on a map',
    original: '{mergeItemPtr: {name: a}}',
    patch: { mergeItemPtr: { $patch: 'foo', name: 'a' } },
    code: 500,
    reason: '',
    message: 'unknown patch type: foo in map: map[$patch:foo name:a]',
  },
  {
    d: 'unknown $patch value in a list',
    original: '{mergingList: [{name: a}]}',
    patch: { mergingList: [{ $patch: 'foo', name: 'a' }] },
    code: 500,
    reason: '',
    message: 'unknown patch type: foo in map: map[$patch:foo name:a]',
  },
  {
    d: '$patch: merge in a list',
    original: '{mergingList: [{name: a}]}',
    patch: { mergingList: [{ $patch: 'merge' }] },
    code: 500,
    reason: '',
    message: 'merging lists cannot yet be specified in the patch',
  },
  {
    d: 'field outside $retainKeys',
    original: '{retainKeysMap: {name: a}}',
    patch: { retainKeysMap: { $retainKeys: ['name'], value: 'x' } },
    code: 400,
    reason: 'BadRequest',
    message: 'invalid patch format of retainKeys',
  },
  {
    d: '$retainKeys not a list',
    original: '{retainKeysMap: {name: a}}',
    patch: { retainKeysMap: { $retainKeys: 'name' } },
    code: 400,
    reason: 'BadRequest',
    message: 'invalid patch format of retainKeys',
  },
  {
    d: 'bad $deleteFromPrimitiveList key',
    original: '{mergingIntList: [1]}',
    patch: { $deleteFromPrimitiveListmergingIntList: [1] },
    code: 400,
    reason: 'BadRequest',
    message: 'invalid patch format of primitive list',
  },
  {
    d: 'bad $setElementOrder key',
    original: '{mergingIntList: [1]}',
    patch: { $setElementOrderX: [1] },
    code: 400,
    reason: 'BadRequest',
    message: 'invalid patch format of setElementOrder list',
  },
  {
    d: 'patch list not in $setElementOrder',
    original: '{mergingList: [{name: a}]}',
    patch: { '$setElementOrder/mergingList': [{ name: 'a' }], mergingList: [{ name: 'b' }] },
    code: 500,
    reason: '',
    message: "The order in patch list:\n[map[name:b]]\n doesn't match $setElementOrder list:\n[map[name:a]]\n",
  },
  {
    d: 'list of lists',
    original: '{mergingIntList: [[1]]}',
    patch: { mergingIntList: [[2]] },
    code: 422,
    reason: 'Invalid',
    message: 'the server rejected our request due to an error in our request',
  },
  {
    d: 'patch is not an object',
    original: '{name: a}',
    patch: [1],
    code: 400,
    reason: 'BadRequest',
    message: 'json: cannot unmarshal array into Go value of type map[string]interface {}',
  },
];
for (const c of errCases) {
  test(`smp error: ${c.d}`, () => {
    assert.throws(
      () => applyStrategicMergePatch(y(c.original), c.patch, MergeItem),
      (e: unknown) => {
        assert.ok(e instanceof ApiError);
        assert.equal(e.code, c.code);
        assert.equal(e.reason, c.reason);
        assert.equal(e.message, c.message);
        return true;
      },
    );
  });
}
