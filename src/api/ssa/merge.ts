/**
 * TypedValue.Merge (structured-merge-diff merge.go): an applied configuration merged into the live
 * object. Structs and granular maps merge field by field, map lists by key and sets by value (in
 * upstream's interleaved order), atomic values are replaced.
 */
import type { AnySchema } from '../schema-walk.js';
import { type PathElement, peKey } from './path-set.js';
import { type TypeInfo, childSchema, indexItems, isObj, itemPe, resolve } from './typed.js';

const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

export function mergeValues(lhs: unknown, rhs: unknown, schema: AnySchema | undefined): unknown {
  if (rhs === undefined) return clone(lhs);
  if (lhs === undefined) return clone(rhs);
  const ty = resolve(schema, rhs);
  if (ty.t === 'leaf') return clone(rhs);
  if (ty.t === 'struct' || ty.t === 'map') {
    if (!isObj(rhs)) return clone(rhs);
    const out: Record<string, unknown> = isObj(lhs) ? clone(lhs) : {};
    for (const [k, rv] of Object.entries(rhs)) {
      if (rv === undefined) continue;
      out[k] = mergeValues(isObj(lhs) ? lhs[k] : undefined, rv, childSchema(ty, schema, k));
    }
    return out;
  }
  if (!Array.isArray(rhs)) return clone(rhs);
  return mergeList(ty, Array.isArray(lhs) ? lhs : [], rhs);
}

/** visitListItems: shared items follow the applied order; live-only items keep their place. */
function mergeList(ty: Extract<TypeInfo, { t: 'list' }>, lhs: unknown[], rhs: unknown[]): unknown[] {
  const lPes: PathElement[] = lhs.map((i) => itemPe(ty, i));
  const rPes: PathElement[] = rhs.map((i) => itemPe(ty, i));
  const observedL = indexItems(ty, lhs);
  const observedR = indexItems(ty, rhs);
  const shared = rPes.filter((pe) => observedL.has(peKey(pe))).map(peKey);
  let nextShared = shared.shift();
  const mergedR = new Set<string>();
  const out: unknown[] = [];
  const mergeItem = (k: string, l: unknown, r: unknown) => out.push(mergeValues(l, r, ty.elem));
  let li = 0;
  let ri = 0;
  while (li < lPes.length || ri < rPes.length) {
    if (li < lPes.length && ri < rPes.length) {
      const lk = peKey(lPes[li]!);
      if (lk === peKey(rPes[ri]!)) {
        mergedR.add(lk);
        mergeItem(lk, observedL.get(lk)?.item, observedR.get(lk)?.item);
        li++;
        ri++;
        nextShared = shared.shift();
        continue;
      }
      if (observedR.has(lk) && nextShared !== undefined && nextShared !== lk) {
        li++;
        continue;
      }
    }
    if (li < lPes.length) {
      const lk = peKey(lPes[li]!);
      if (!observedR.has(lk)) {
        mergeItem(lk, lhs[li], undefined);
        li++;
        continue;
      } else if (mergedR.has(lk)) {
        li++;
        continue;
      }
    }
    if (ri < rPes.length) {
      const rk = peKey(rPes[ri]!);
      mergedR.add(rk);
      mergeItem(rk, observedL.get(rk)?.item, observedR.get(rk)?.item);
      ri++;
      if (nextShared !== undefined && nextShared === rk) nextShared = shared.shift();
    }
  }
  return out;
}
