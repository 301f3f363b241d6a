/** ConfigMaps: printConfigMap (DATA counts data and binaryData keys). */
import type { TableConvertor } from '../resource-def.js';
import { age, ageColumn, col, meta, nameColumn, rec, str } from './common.js';

export const configMapTable: TableConvertor = {
  columns: [nameColumn(), col('Data', 'string', 'The configuration data held by the config map.'), ageColumn()],
  cells(obj, now) {
    return [str(meta(obj).name), Object.keys(rec(obj.data)).length + Object.keys(rec(obj.binaryData)).length, age(obj, now)];
  },
};
