import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyMergePatch } from '../../src/api/patch/merge-patch.js';

// RFC 7386 appendix A (with evanphx/json-patch's null pruning) and the patches kubectl sends.
const cases: Array<[string, unknown, unknown, unknown]> = [
  ['replace a value', { a: 'b' }, { a: 'c' }, { a: 'c' }],
  ['add a value', { a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
  ['null deletes', { a: 'b' }, { a: null }, {}],
  ['null deletes one of two', { a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
  ['array replaces', { a: ['b'] }, { a: 'c' }, { a: 'c' }],
  ['value replaced by array', { a: 'c' }, { a: ['b'] }, { a: ['b'] }],
  ['nested merge with delete', { a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
  ['array of objects replaced', { a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
  ['nulls pruned from new objects', { e: null }, { a: 1, n: { x: null, y: 2 } }, { e: null, a: 1, n: { y: 2 } }],
  ['nulls pruned from arrays replacing a non-object', { a: [1] }, { a: [1, null, 2] }, { a: [1, 2] }],
  ['empty patch', { a: 1 }, {}, { a: 1 }],
  ['array patch replaces the document (nulls pruned)', { a: 1 }, [1, null], [1]],
  ['kubectl label', { metadata: { labels: { app: 'web' } } }, { metadata: { labels: { tier: 'frontend' } } }, { metadata: { labels: { app: 'web', tier: 'frontend' } } }],
  ['kubectl label tier-', { metadata: { labels: { app: 'web', tier: 'x' } } }, { metadata: { labels: { tier: null } } }, { metadata: { labels: { app: 'web' } } }],
  ['kubectl scale', { spec: { replicas: 1, selector: 'x' } }, { spec: { replicas: 3 } }, { spec: { replicas: 3, selector: 'x' } }],
];
for (const [d, doc, patch, want] of cases) {
  test(`merge patch: ${d}`, () => {
    const before = structuredClone(doc);
    const pb = structuredClone(patch);
    assert.deepEqual(applyMergePatch(doc, patch), want);
    assert.deepEqual(doc, before);
    assert.deepEqual(patch, pb);
  });
}

for (const bad of [null, 'x', 5, true]) {
  test(`merge patch: ${JSON.stringify(bad)} is 400 Invalid JSON Patch`, () => {
    assert.throws(() => applyMergePatch({ a: 1 }, bad), { code: 400, reason: 'BadRequest', message: 'Invalid JSON Patch' });
  });
}
