// Shared fixtures for the tables-*.test.ts files (not a test file itself).
import type { TableConvertor } from '../../src/registry/resource-def.js';
import type { KObject } from '../../src/api/meta.js';
import { rfc3339Micro } from '../../src/util/clock.js';

export const NOW = Date.UTC(2024, 5, 1, 12, 0, 0);
export const S = 1000;
export const M = 60 * S;
export const H = 60 * M;
export const D = 24 * H;

/** An RFC 3339 timestamp `ms` before NOW (negative: in the future). */
export const ago = (ms: number) => new Date(NOW - ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
export const agoMicro = (ms: number) => rfc3339Micro(NOW - ms);

export const obj = (o: Record<string, unknown>): KObject => ({ metadata: {}, ...o }) as KObject;

/** The cells of the priority-0 columns, as upstream's non-wide GenerateOptions print them. */
export function narrow(t: TableConvertor, o: KObject, now = NOW): unknown[] {
  const cells = t.cells(o, now);
  return cells.filter((_, i) => t.columns[i].priority === 0);
}
export const wide = (t: TableConvertor, o: KObject, now = NOW) => t.cells(o, now);
