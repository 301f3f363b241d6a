import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../src/api/errors.js';
import { applyJsonPatch } from '../../src/api/patch/json-patch.js';

// RFC 6902 appendix A and evanphx/json-patch v4 patch_test.go cases.
const ok: Array<[string, unknown, unknown, unknown]> = [
  ['add object member', { foo: 'bar' }, [{ op: 'add', path: '/baz', value: 'qux' }], { foo: 'bar', baz: 'qux' }],
  ['add array element', { foo: ['bar', 'baz'] }, [{ op: 'add', path: '/foo/1', value: 'qux' }], { foo: ['bar', 'qux', 'baz'] }],
  ['append with -', { foo: [1] }, [{ op: 'add', path: '/foo/-', value: 2 }], { foo: [1, 2] }],
  ['add at end index', { foo: [1] }, [{ op: 'add', path: '/foo/1', value: 2 }], { foo: [1, 2] }],
  ['negative index counts from the end', { foo: [1, 2] }, [{ op: 'add', path: '/foo/-1', value: 3 }], { foo: [1, 2, 3] }],
  ['remove object member', { baz: 'qux', foo: 'bar' }, [{ op: 'remove', path: '/baz' }], { foo: 'bar' }],
  ['remove array element', { foo: ['bar', 'qux', 'baz'] }, [{ op: 'remove', path: '/foo/1' }], { foo: ['bar', 'baz'] }],
  ['replace value', { baz: 'qux', foo: 'bar' }, [{ op: 'replace', path: '/baz', value: 'boo' }], { baz: 'boo', foo: 'bar' }],
  ['replace of a missing object key adds it (v4)', { spec: {} }, [{ op: 'replace', path: '/spec/foo', value: 1 }], { spec: { foo: 1 } }],
  ['replace the whole document', { a: 1 }, [{ op: 'replace', path: '', value: { b: 2 } }], { b: 2 }],
  [
    'move a value',
    { foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } },
    [{ op: 'move', from: '/foo/waldo', path: '/qux/thud' }],
    { foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } },
  ],
  ['move an array element', { foo: ['all', 'grass', 'cows', 'eat'] }, [{ op: 'move', from: '/foo/1', path: '/foo/3' }], { foo: ['all', 'cows', 'eat', 'grass'] }],
  ['copy', { foo: { a: 1 } }, [{ op: 'copy', from: '/foo', path: '/bar' }], { foo: { a: 1 }, bar: { a: 1 } }],
  ['copy of a missing key copies null (v4)', { foo: {} }, [{ op: 'copy', from: '/foo/x', path: '/bar' }], { foo: {}, bar: null }],
  ['test passes', { baz: 'qux', foo: ['a', 2, 'c'] }, [{ op: 'test', path: '/baz', value: 'qux' }, { op: 'test', path: '/foo/1', value: 2 }], { baz: 'qux', foo: ['a', 2, 'c'] }],
  ['test null against missing key', { a: 1 }, [{ op: 'test', path: '/b', value: null }], { a: 1 }],
  ['escaped tokens ~0 ~1', { '/': 9, '~1': 10 }, [{ op: 'test', path: '/~01', value: 10 }, { op: 'add', path: '/a~1b', value: 1 }], { '/': 9, '~1': 10, 'a/b': 1 }],
  ['add nested object then into it', {}, [{ op: 'add', path: '/a', value: {} }, { op: 'add', path: '/a/b', value: 1 }], { a: { b: 1 } }],
  ['null patch is empty', { a: 1 }, null, { a: 1 }],
  [
    'kubectl rollout undo',
    { metadata: { annotations: { a: '1' } }, spec: { template: { spec: { x: 1 } } } },
    [
      { op: 'replace', path: '/spec/template', value: { spec: { x: 2 } } },
      { op: 'replace', path: '/metadata/annotations', value: { 'deployment.kubernetes.io/revision': '1' } },
    ],
    { metadata: { annotations: { 'deployment.kubernetes.io/revision': '1' } }, spec: { template: { spec: { x: 2 } } } },
  ],
];
for (const [d, doc, ops, want] of ok) {
  test(`json patch: ${d}`, () => {
    const before = structuredClone(doc);
    const opsBefore = structuredClone(ops);
    assert.deepEqual(applyJsonPatch(doc, ops), want);
    assert.deepEqual(doc, before);
    assert.deepEqual(ops, opsBefore);
  });
}

test('json patch: values added are copies of the patch', () => {
  const ops = [{ op: 'add', path: '/a', value: { x: 1 } }, { op: 'add', path: '/a/y', value: 2 }];
  applyJsonPatch({}, ops);
  assert.deepEqual(ops[0]!.value, { x: 1 });
});

// Operations that do not apply: 422 with the generic message; the library text is the cause.
const notApply: Array<[string, unknown, unknown, string]> = [
  ['add to a missing parent', { spec: {} }, [{ op: 'add', path: '/spec/foo/bar', value: 1 }], 'add operation does not apply: doc is missing path: "/spec/foo/bar": missing value'],
  ['path without leading slash', {}, [{ op: 'add', path: 'invalid', value: 1 }], 'add operation does not apply: doc is missing path: "invalid": missing value'],
  ['remove a missing key', { a: 1 }, [{ op: 'remove', path: '/b' }], "error in remove for path: '/b': Unable to remove nonexistent key: b: missing value"],
  ['replace out of range', { a: [1] }, [{ op: 'replace', path: '/a/5', value: 1 }], 'replace operation does not apply: doc is missing key: /a/5: missing value'],
  ['replace under missing parent', { a: 1 }, [{ op: 'replace', path: '/x/y', value: 1 }], 'replace operation does not apply: doc is missing path: /x/y: missing value'],
  ['test fails', { x: 1 }, [{ op: 'test', path: '/x', value: 2 }], 'testing value /x failed: test failed'],
  ['add past the end', { a: [1] }, [{ op: 'add', path: '/a/3', value: 1 }], "error in add for path: '/a/3': Unable to access invalid index: 3: invalid index referenced"],
  ['bad array index', { a: [1] }, [{ op: 'add', path: '/a/x', value: 1 }], `error in add for path: '/a/x': value was not a proper array index: 'x': strconv.Atoi: parsing "x": invalid syntax`],
  ['move a missing key', { a: {} }, [{ op: 'move', from: '/a/b', path: '/c' }], "error in move for path: 'b': Unable to remove nonexistent key: b: missing value"],
  ['missing from', { a: 1 }, [{ op: 'copy', path: '/c' }], 'copy operation failed to decode from: operation, missing from field: missing value'],
  ['missing path', { a: 1 }, [{ op: 'add', value: 1 }], 'add operation failed to decode path: missing value'],
  ['unknown op', { a: 1 }, [{ op: 'frob', path: '/a' }], 'Unexpected kind: frob'],
  ['missing op', { a: 1 }, [{ path: '/a' }], 'Unexpected kind: unknown'],
];
for (const [d, doc, ops, cause] of notApply) {
  test(`json patch does not apply: ${d}`, () => {
    assert.throws(
      () => applyJsonPatch(doc, ops),
      (e: unknown) => {
        assert.ok(e instanceof ApiError);
        assert.equal(e.code, 422);
        assert.equal(e.reason, 'Invalid');
        assert.equal(e.message, 'the server rejected our request due to an error in our request');
        assert.deepEqual(e.toStatus().details, {});
        assert.equal((e.cause as Error).message, cause);
        return true;
      },
    );
  });
}

const malformed: Array<[string, unknown, string]> = [
  ['an object', { op: 'add' }, 'json: cannot unmarshal object into Go value of type jsonpatch.Patch'],
  ['a string', 'x', 'json: cannot unmarshal string into Go value of type jsonpatch.Patch'],
  ['a non-object operation', ['x'], 'json: cannot unmarshal string into Go value of type jsonpatch.Operation'],
];
for (const [d, ops, msg] of malformed) {
  test(`json patch malformed: ${d} is 400`, () => {
    assert.throws(() => applyJsonPatch({}, ops), { code: 400, reason: 'BadRequest', message: msg });
  });
}

test('json patch: more than 10000 operations is 413', () => {
  const ops = Array.from({ length: 10001 }, () => ({ op: 'test', path: '/a', value: 1 }));
  assert.throws(() => applyJsonPatch({ a: 1 }, ops), {
    code: 413,
    reason: 'RequestEntityTooLarge',
    message: 'Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001',
  });
});
