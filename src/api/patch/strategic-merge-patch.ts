/**
 * Strategic merge patch, server side: k8s.io/apimachinery/pkg/util/strategicpatch
 * StrategicMergeMapPatch (mergeMap / mergeSlice with MergeParallelList and IgnoreUnmatchedNulls),
 * with patch metadata read from zod schemas instead of Go struct tags.
 *
 * Directives: `$patch: replace|delete` (maps and list items), `$retainKeys`,
 * `$setElementOrder/<list>`, `$deleteFromPrimitiveList/<list>`; null deletes a key.
 * Fields the schema does not know merge like a merge patch (maps merge, lists replace);
 * free-form values (z.unknown(), preserve-unknown-fields) are merged as a JSON merge patch.
 */
import type { AnySchema } from '../schema-walk.js';
import type { ApiError } from '../errors.js';
import { type JsonMap, cloneJson, goS, goV, isMap, jsonTypeWord } from './go-format.js';
import { mergeJsonValue } from './merge-patch.js';
import { PatchError, patchError, sentinelError } from './patch-error.js';
import { type Pos, isFreeForm, kindName, lookupField, lookupList, mainStrategy } from './smp-schema.js';
import {
  DELETE,
  DIRECTIVE,
  MAP_T,
  SLICE_T,
  deduplicateScalars,
  deleteFromSlice,
  errBadArgType,
  errNoMergeKey,
  extractToDeleteItems,
  findMapIndex,
  goEq,
  goKind,
  normalizeElementOrder,
  partition,
  sliceElementType,
  smpFail,
} from './smp-lists.js';

const REPLACE = 'replace';
const MERGE = 'merge';
const RETAIN_KEYS = '$retainKeys';
const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';
const SET_ELEMENT_ORDER = '$setElementOrder';

const has = (m: JsonMap, k: string) => Object.prototype.hasOwnProperty.call(m, k);

const errBadPatchType = (t: unknown, m: JsonMap) => smpFail(`unknown patch type: ${goS(t)} in map: ${goV(m)}`);

function handleDirectiveInMergeMap(directive: unknown, patch: JsonMap): JsonMap {
  if (directive === REPLACE) {
    delete patch[DIRECTIVE];
    return patch;
  }
  if (directive === DELETE) return {};
  throw errBadPatchType(directive, patch);
}

function extractKey(s: string, prefix: string): string {
  const i = s.indexOf('/');
  if (i < 0 || s.slice(0, i) !== prefix) {
    if (prefix === DELETE_FROM_PRIMITIVE_LIST) throw sentinelError('strategic', 'ErrBadPatchFormatForPrimitiveList');
    if (prefix === SET_ELEMENT_ORDER) throw sentinelError('strategic', 'ErrBadPatchFormatForSetElementOrderList');
    throw smpFail(`fail to find unknown prefix ${JSON.stringify(prefix)} in ${s}\n`);
  }
  return s.slice(i + 1);
}

/** removeDirectives: strip "$patch" maps from a value taken as-is; false when the value itself is one. */
function removeDirectives(obj: unknown): [unknown, boolean] {
  if (isMap(obj)) {
    if (has(obj, DIRECTIVE)) return [null, false];
    for (const k of Object.keys(obj)) {
      const [v, keep] = removeDirectives(obj[k]);
      if (keep) obj[k] = v;
      else delete obj[k];
    }
    return [obj, true];
  }
  if (Array.isArray(obj)) {
    const res: unknown[] = [];
    for (const v of obj) {
      const [nv, keep] = removeDirectives(v);
      if (keep) res.push(nv);
    }
    return [res, true];
  }
  return [obj, true];
}

function discardNullValuesFromPatch(v: unknown): void {
  if (isMap(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k];
      else discardNullValuesFromPatch(v[k]);
    }
  } else if (Array.isArray(v)) v.forEach(discardNullValuesFromPatch);
}

function applyRetainKeysDirective(original: JsonMap, patch: JsonMap): void {
  if (!has(patch, RETAIN_KEYS)) return;
  const list = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(list)) throw sentinelError('strategic', 'ErrBadPatchFormatForRetainKeys');
  const keep = (k: string) => list.some((v) => v === k);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!keep(k)) throw sentinelError('strategic', 'ErrBadPatchFormatForRetainKeys');
  }
  for (const k of Object.keys(original)) if (!keep(k)) delete original[k];
}

function mergeKeyValueEqual(left: unknown, right: unknown, mergeKey: string): boolean {
  if (!mergeKey) return goEq(left, right);
  if (!isMap(left)) throw errBadArgType(MAP_T, left);
  if (!isMap(right)) throw errBadArgType(MAP_T, right);
  if (!has(left, mergeKey)) throw errNoMergeKey(left, mergeKey);
  if (!has(right, mergeKey)) throw errNoMergeKey(right, mergeKey);
  return goEq(left[mergeKey], right[mergeKey]);
}

function validatePatchWithSetOrderList(patchList: unknown[], setOrder: unknown[], mergeKey: string): void {
  if (setOrder.length === 0 || patchList.length === 0) return;
  const nonDelete = mergeKey ? extractToDeleteItems(patchList)[0] : patchList;
  let p = 0;
  let o = 0;
  while (p < nonDelete.length && o < setOrder.length) {
    if (isMap(nonDelete[p]) && has(nonDelete[p] as JsonMap, DIRECTIVE)) {
      p++;
      continue;
    }
    if (mergeKeyValueEqual(nonDelete[p], setOrder[o], mergeKey)) p++;
    o++;
  }
  if (p < nonDelete.length && o >= setOrder.length) {
    throw smpFail(`The order in patch list:\n${goV(patchList)}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${goV(setOrder)}\n`);
  }
}

/** Process every `$setElementOrder/<list>` together with its list, as mergePatchIntoOriginal. */
function mergePatchIntoOriginal(original: JsonMap, patch: JsonMap, t: Pos): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const setOrder = patch[key];
    delete patch[key];
    if (!Array.isArray(setOrder)) throw errBadArgType(SLICE_T, setOrder);
    const originalKey = extractKey(key, SET_ELEMENT_ORDER);
    const foundOriginal = has(original, originalKey);
    const foundPatch = has(patch, originalKey);
    const originalList = original[originalKey];
    const patchList = patch[originalKey];
    if (foundOriginal && !Array.isArray(originalList)) throw errBadArgType(SLICE_T, originalList);
    if (foundPatch && !Array.isArray(patchList)) throw errBadArgType(SLICE_T, patchList);
    const originalFieldValue = (foundOriginal ? originalList : []) as unknown[];
    const patchFieldValue = (foundPatch ? patchList : []) as unknown[];
    const { elem, meta } = lookupList(t, originalKey, foundOriginal ? originalList : patchList);
    const strategy = mainStrategy(meta.strategies);
    validatePatchWithSetOrderList(patchFieldValue, setOrder, meta.mergeKey);

    let merged: unknown[];
    if (foundOriginal && !foundPatch) merged = originalFieldValue;
    else if (!foundOriginal && foundPatch) merged = removeDirectives(patchFieldValue)[0] as unknown[];
    else if (foundOriginal && foundPatch) {
      merged = mergeSliceHandler(originalFieldValue, patchFieldValue, elem, strategy, meta.mergeKey, false);
    } else continue;

    const [patchItems, serverOnly] = partition(merged, setOrder, meta.mergeKey);
    const kind = sliceElementType(originalFieldValue, patchFieldValue);
    // originalFieldValue is read after the merge on purpose: upstream's slice shares its backing
    // array with the merge's in-place deletes and appends, and the final order depends on that.
    original[originalKey] = normalizeElementOrder(patchItems, serverOnly, setOrder, originalFieldValue, meta.mergeKey, kind);
    delete patch[originalKey];
  }
}

function mergeMap(original: JsonMap | null, patch: JsonMap, t: Pos): JsonMap {
  if (isFreeForm(t)) return mergeJsonValue(original ?? {}, patch) as JsonMap;
  if (has(patch, DIRECTIVE)) return handleDirectiveInMergeMap(patch[DIRECTIVE], patch);
  const orig = original ?? {};
  applyRetainKeysDirective(orig, patch);
  mergePatchIntoOriginal(orig, patch, t);

  for (const key of Object.keys(patch)) {
    const patchV = patch[key];
    let k = key;
    let isDeleteList = false;
    if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      k = extractKey(key, DELETE_FROM_PRIMITIVE_LIST);
      isDeleteList = true;
    }
    if (patchV === null) {
      delete orig[k];
      continue;
    }
    if (!has(orig, k) || goKind(orig[k]) !== goKind(patchV)) {
      if (!isDeleteList) {
        discardNullValuesFromPatch(patchV);
        const [v, keep] = removeDirectives(patchV);
        if (keep) orig[k] = v;
        else delete orig[k];
      }
      continue;
    }
    const cur = orig[k];
    if (isMap(cur)) {
      const { sub, meta } = lookupField(t, k, cur);
      const strategy = mainStrategy(meta.strategies);
      orig[k] = strategy !== REPLACE ? mergeMap(cur, patchV as JsonMap, sub) : patchV;
    } else if (Array.isArray(cur)) {
      const { elem, meta } = lookupList(t, k, cur);
      const strategy = mainStrategy(meta.strategies);
      orig[k] = mergeSliceHandler(cur, patchV as unknown[], elem, strategy, meta.mergeKey, isDeleteList);
    } else {
      orig[k] = patchV;
    }
  }
  return orig;
}

function mergeSliceHandler(original: unknown[], patch: unknown[], elem: Pos, strategy: string, mergeKey: string, isDeleteList: boolean): unknown[] {
  if (strategy === MERGE || isDeleteList) return mergeSlice(original, patch, elem, mergeKey, isDeleteList);
  return patch;
}

/**
 * mergeSlice. `original` is treated like a Go slice whose capacity equals its length (as
 * runtime.DefaultUnstructuredConverter builds them): deletions shift it in place and the first
 * append reuses the freed slot, which mergePatchIntoOriginal then observes.
 */
function mergeSlice(original: unknown[], patch: unknown[], elem: Pos, mergeKey: string, isDeleteList: boolean): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementType(original, patch);
  if (kind !== 'map') {
    if (isDeleteList) return deleteFromSlice(original, patch);
    const merged = deduplicateScalars([...original, ...patch]);
    const [p, s] = partition(merged, patch, mergeKey);
    return normalizeElementOrder(p, s, patch, original, mergeKey, kind);
  }
  if (!mergeKey) throw smpFail(`cannot merge lists without merge key for ${kindName(elem)}`);

  // mergeSliceWithSpecialElements
  let arr = original;
  let len = original.length;
  let cap = original.length;
  const plain: unknown[] = [];
  let replace = false;
  for (const v of patch) {
    const m = v as JsonMap;
    if (!has(m, DIRECTIVE)) {
      plain.push(v);
      continue;
    }
    const d = m[DIRECTIVE];
    if (d === DELETE) {
      if (!has(m, mergeKey)) throw errNoMergeKey(m, mergeKey);
      for (let i = findMapIndex(arr, len, mergeKey, m[mergeKey]); i >= 0; i = findMapIndex(arr, len, mergeKey, m[mergeKey])) {
        for (let j = i; j < len - 1; j++) arr[j] = arr[j + 1];
        len--;
      }
    } else if (d === REPLACE) replace = true;
    else if (d === MERGE) throw smpFail('merging lists cannot yet be specified in the patch');
    else throw errBadPatchType(d, m);
  }
  let patchList = plain;
  if (replace) {
    arr = plain;
    len = cap = plain.length;
    patchList = [];
  }
  const serverOrder = arr.slice(0, len);

  // mergeSliceWithoutSpecialElements, appending through a copy of the slice header
  let out = arr;
  let outLen = len;
  for (const v of patchList) {
    const m = v as JsonMap;
    if (!has(m, mergeKey)) throw errNoMergeKey(m, mergeKey);
    const i = findMapIndex(out, outLen, mergeKey, m[mergeKey]);
    if (i >= 0) out[i] = mergeMap(out[i] as JsonMap, m, elem);
    else if (outLen < cap) out[outLen++] = v;
    else {
      out = out.slice(0, outLen);
      out.push(v);
      outLen++;
      cap = Infinity;
    }
  }
  const merged = out.slice(0, outLen);
  const [p, s] = partition(merged, patchList, mergeKey);
  return normalizeElementOrder(p, s, patchList, serverOrder, mergeKey, kind);
}

/** StrategicMergeMapPatch without the ApiError mapping: throws PatchError with upstream's text. */
export function strategicMergePatchRaw(doc: unknown, patch: unknown, schema: AnySchema): JsonMap {
  if (patch !== null && !isMap(patch)) {
    throw new PatchError('strategic', 'decode', `json: cannot unmarshal ${jsonTypeWord(patch)} into Go value of type map[string]interface {}`);
  }
  if (!isMap(doc)) throw sentinelError('strategic', 'ErrBadJSONDoc');
  return mergeMap(cloneJson(doc), cloneJson(patch ?? {}), schema);
}

/**
 * Apply an application/strategic-merge-patch+json body to `doc`, with list merge keys and
 * strategies taken from `schema`. Returns a new object; inputs are not modified. Throws the
 * ApiError the apiserver answers with (see patchError).
 */
export function applyStrategicMergePatch(doc: unknown, patch: unknown, schema: AnySchema): JsonMap {
  try {
    return strategicMergePatchRaw(doc, patch, schema);
  } catch (e) {
    throw patchError(e) as ApiError;
  }
}
