/**
 * List helpers of strategic merge patch (k8s.io/apimachinery/pkg/util/strategicpatch/patch.go):
 * element typing, scalar de-duplication, merge-key lookups and the element-order normalisation
 * (normalizeElementOrder / mergeSortedSlice) that decides where new items land.
 */
import { type JsonMap, goTypeName, goV, isMap } from './go-format.js';
import { PatchError, sentinelError } from './patch-error.js';

export const DIRECTIVE = '$patch';
export const DELETE = 'delete';

export const smpFail = (message: string) => new PatchError('strategic', 'apply', message);

export const errNoMergeKey = (m: JsonMap, k: string) => smpFail(`map: ${goV(m)} does not contain declared merge key: ${k}`);
export const errBadArgType = (expected: string, actual: unknown) =>
  smpFail(`expected a ${expected}, but received a ${goTypeName(actual)}`);
export const MAP_T = 'map[string]interface {}';
export const SLICE_T = '[]interface {}';

/** Element kind as Go's reflect sees a decoded JSON value. */
export type GoKind = 'map' | 'slice' | 'string' | 'int64' | 'float64' | 'bool' | 'nil';

export function goKind(v: unknown): GoKind {
  if (v === null || v === undefined) return 'nil';
  if (Array.isArray(v)) return 'slice';
  if (isMap(v)) return 'map';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  return Number.isInteger(v) ? 'int64' : 'float64';
}

/** Go's == on interface values holding decoded JSON scalars (nil == nil). */
export const goEq = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);

/** sliceElementType: the common element kind of all given lists. */
export function sliceElementType(...slices: unknown[][]): GoKind {
  let prev: GoKind | undefined;
  for (const s of slices) {
    for (const v of s) {
      const cur = goKind(v);
      if (prev === undefined) {
        prev = cur;
        if (prev === 'slice') throw sentinelError('strategic', 'ErrNoListOfLists');
      } else if (prev !== cur) {
        throw smpFail(`list element types are not identical: ${goV(slices)}`);
      }
    }
  }
  if (prev === undefined) throw smpFail('no elements in any of the given slices');
  return prev;
}

/** deduplicateScalars: removes duplicates by moving the last element into their place. */
export function deduplicateScalars(s: unknown[]): unknown[] {
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (goEq(s[i], s[j])) {
        s[j] = s[length];
        s.length = length;
        length--;
        j--;
      }
    }
  }
  return s;
}

export function deleteFromSlice(current: unknown[], toDelete: unknown[]): unknown[] {
  return current.filter((v) => !toDelete.some((d) => goEq(d, v)));
}

/** findMapInSliceBasedOnKeyValue: index of the first map whose `key` equals `value`, or -1. */
export function findMapIndex(m: unknown[], len: number, key: string, value: unknown): number {
  for (let k = 0; k < len; k++) {
    const v = m[k];
    if (!isMap(v)) throw smpFail(`value for key ${k} is not a map.`);
    if (Object.prototype.hasOwnProperty.call(v, key) && goEq(v[key], value)) return k;
  }
  return -1;
}

function index(l: unknown[], val: unknown, mergeKey: string, kind: GoKind): number {
  const get = kind === 'map' ? (item: unknown) => (isMap(item) ? item[mergeKey] : null) : (item: unknown) => item;
  const want = get(val);
  return l.findIndex((v) => goEq(get(v), want));
}

function validateMergeKeyInLists(mergeKey: string, ...lists: unknown[][]): void {
  for (const list of lists) {
    for (const item of list) {
      if (!isMap(item)) throw errBadArgType(MAP_T, item);
      if (!Object.prototype.hasOwnProperty.call(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
    }
  }
}

/** extractToDeleteItems: [kept, items carrying "$patch: delete"]. */
export function extractToDeleteItems(l: unknown[]): [unknown[], unknown[]] {
  const keep: unknown[] = [];
  const del: unknown[] = [];
  for (const v of l) {
    if (!isMap(v)) throw errBadArgType(MAP_T, v);
    if (Object.prototype.hasOwnProperty.call(v, DIRECTIVE) && v[DIRECTIVE] === DELETE) del.push(v);
    else keep.push(v);
  }
  return [keep, del];
}

/** sort.SliceStable with upstream's comparator (insertion sort, exact for Go's small-slice path). */
function stableSortByOrder(toSort: unknown[], order: unknown[], mergeKey: string, kind: GoKind): void {
  const less = (a: unknown, b: unknown) => {
    const ia = index(order, a, mergeKey, kind);
    if (ia >= 0) {
      const ib = index(order, b, mergeKey, kind);
      if (ib >= 0) return ia < ib;
    }
    return true;
  };
  for (let i = 1; i < toSort.length; i++) {
    for (let j = i; j > 0 && less(toSort[j], toSort[j - 1]); j--) {
      [toSort[j], toSort[j - 1]] = [toSort[j - 1], toSort[j]];
    }
  }
}

function normalizeSliceOrder(toSort: unknown[], order: unknown[], mergeKey: string, kind: GoKind): unknown[] {
  let del: unknown[] = [];
  let sorted = [...toSort];
  if (kind === 'map') {
    validateMergeKeyInLists(mergeKey, toSort, order);
    [sorted, del] = extractToDeleteItems(toSort);
  }
  stableSortByOrder(sorted, order, mergeKey, kind);
  return [...sorted, ...del];
}

/** mergeSortedSlice: interleave server-only items (left) into patch items (right) by server order. */
function mergeSortedSlice(left: unknown[], right: unknown[], serverOrder: unknown[], mergeKey: string, kind: GoKind): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = index(serverOrder, left[i], mergeKey, kind);
      const ri = index(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

/** normalizeElementOrder: patch items in patch order, server-only items in live order, interleaved. */
export function normalizeElementOrder(
  patch: unknown[],
  serverOnly: unknown[],
  patchOrder: unknown[],
  serverOrder: unknown[],
  mergeKey: string,
  kind: GoKind,
): unknown[] {
  const p = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const s = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSortedSlice(s, p, serverOrder, mergeKey, kind);
}

export function partitionPrimitives(original: unknown[], by: unknown[]): [unknown[], unknown[]] {
  const inPatch = (v: unknown) => by.some((b) => goEq(b, v));
  return [original.filter(inPatch), original.filter((v) => !inPatch(v))];
}

export function partitionMaps(original: unknown[], by: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const patch: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const v of original) {
    if (!isMap(v)) throw errBadArgType(MAP_T, v);
    if (!Object.prototype.hasOwnProperty.call(v, mergeKey)) throw errNoMergeKey(v, mergeKey);
    if (findMapIndex(by, by.length, mergeKey, v[mergeKey]) >= 0) patch.push(v);
    else serverOnly.push(v);
  }
  return [patch, serverOnly];
}

export function partition(merged: unknown[], by: unknown[], mergeKey: string): [unknown[], unknown[]] {
  return mergeKey ? partitionMaps(merged, by, mergeKey) : partitionPrimitives(merged, by);
}
