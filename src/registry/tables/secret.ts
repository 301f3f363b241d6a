/** Secrets: printSecret (TYPE, DATA key count). */
import type { TableConvertor } from '../resource-def.js';
import { age, ageColumn, col, meta, nameColumn, rec, str } from './common.js';

export const secretTable: TableConvertor = {
  columns: [
    nameColumn(),
    col('Type', 'string', 'Used to facilitate programmatic handling of secret data.'),
    col('Data', 'string', 'The secret data, by key.'),
    ageColumn(),
  ],
  cells(obj, now) {
    // Conversion to the internal type merges stringData into data.
    const keys = new Set([...Object.keys(rec(obj.data)), ...Object.keys(rec(obj.stringData))]);
    return [str(meta(obj).name), str(obj.type), keys.size, age(obj, now)];
  },
};
