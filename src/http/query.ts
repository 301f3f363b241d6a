/** Query parameters as upstream reads them (strings, repeated values, booleans). */
import { badRequest } from '../api/errors.js';
import type { DeleteOptionsT } from '../api/meta.js';

export type Query = Record<string, string | string[] | undefined>;

export function one(q: Query, k: string): string | undefined {
  const v = q[k];
  return Array.isArray(v) ? v[0] : v;
}

export function bool(q: Query, k: string): boolean | undefined {
  const v = one(q, k);
  if (v === undefined) return undefined;
  if (v === '' || v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw badRequest(`invalid boolean value for ${k}: ${v}`);
}

export function int(q: Query, k: string): number | undefined {
  const v = one(q, k);
  if (v === undefined || v === '') return undefined;
  if (!/^-?\d+$/.test(v)) throw badRequest(`strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
  return Number(v);
}

/** dryRun=All (repeatable); anything else is rejected as upstream. */
export function dryRun(q: Query): boolean {
  const v = q.dryRun;
  const vals = v === undefined ? [] : Array.isArray(v) ? v : [v];
  for (const d of vals) if (d !== 'All') throw badRequest(`Invalid dry run value: ${d}`);
  return vals.length > 0;
}

export function fieldManager(q: Query): string | undefined {
  const m = one(q, 'fieldManager');
  if (m === undefined) return undefined;
  if (m.length > 128) throw badRequest(`fieldManager: Too long: may not be more than 128 bytes`);
  if (/[^\x20-\x7e]/.test(m)) throw badRequest(`fieldManager: Invalid value: ${JSON.stringify(m)}: must only contain printable characters`);
  return m;
}

/** DeleteOptions given as query parameters (merged under a body's). */
export function deleteOptionsFromQuery(q: Query): DeleteOptionsT {
  const o: DeleteOptionsT = {};
  const g = int(q, 'gracePeriodSeconds');
  if (g !== undefined) o.gracePeriodSeconds = g;
  const p = one(q, 'propagationPolicy');
  if (p !== undefined) o.propagationPolicy = p;
  const orphan = bool(q, 'orphanDependents');
  if (orphan !== undefined) o.orphanDependents = orphan;
  return o;
}
