/**
 * RFC 7386 JSON merge patch as the apiserver applies it (gopkg.in/evanphx/json-patch.v4 MergePatch):
 * null deletes, objects merge, everything else replaces; nulls are pruned from values that are
 * newly added or that replace a non-object.
 */
import { type JsonMap, cloneJson, isMap } from './go-format.js';
import { patchError, sentinelError } from './patch-error.js';

function pruneNulls(v: unknown): unknown {
  if (isMap(v)) return pruneDocNulls(v);
  if (Array.isArray(v)) return pruneAryNulls(v);
  return v;
}

function pruneDocNulls(doc: JsonMap): JsonMap {
  for (const k of Object.keys(doc)) {
    if (doc[k] === null) delete doc[k];
    else pruneNulls(doc[k]);
  }
  return doc;
}

function pruneAryNulls(ary: unknown[]): unknown[] {
  const kept = ary.filter((v) => v !== null);
  kept.forEach(pruneNulls);
  ary.splice(0, ary.length, ...kept);
  return ary;
}

function merge(cur: unknown, patch: unknown): unknown {
  if (!isMap(cur)) return pruneNulls(patch);
  if (!isMap(patch)) return patch;
  mergeDocs(cur, patch);
  return cur;
}

function mergeDocs(doc: JsonMap, patch: JsonMap): void {
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) {
      delete doc[k];
      continue;
    }
    const has = Object.prototype.hasOwnProperty.call(doc, k);
    if (!has || doc[k] === null) doc[k] = pruneNulls(v);
    else doc[k] = merge(doc[k], v);
  }
}

/**
 * Merge-patch semantics for one value (used by strategic merge patch for free-form fields).
 * Returns a new value; inputs are not modified.
 */
export function mergeJsonValue(cur: unknown, patch: unknown): unknown {
  return merge(cloneJson(cur), cloneJson(patch));
}

/** jsonpatch.MergePatch; throws PatchError with the library's text. */
export function mergePatchRaw(doc: unknown, patch: unknown): unknown {
  if (patch === null || patch === undefined) throw sentinelError('merge', 'ErrBadJSONPatch');
  if (doc === null || doc === undefined) throw sentinelError('merge', 'ErrBadJSONMergeDoc');
  if (Array.isArray(patch)) return pruneAryNulls(cloneJson(patch));
  if (!isMap(patch)) throw sentinelError('merge', 'ErrBadJSONPatch');
  if (!isMap(doc)) return pruneDocNulls(cloneJson(patch));
  const out = cloneJson(doc);
  mergeDocs(out, cloneJson(patch));
  return out;
}

/**
 * Apply an application/merge-patch+json body to `doc`. Returns a new value; throws ApiError as the
 * apiserver does (an invalid patch document is 400 "Invalid JSON Patch").
 */
export function applyMergePatch(doc: unknown, patch: unknown): unknown {
  try {
    return mergePatchRaw(doc, patch);
  } catch (e) {
    throw patchError(e);
  }
}
