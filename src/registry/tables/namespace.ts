/** Namespaces: printNamespace (STATUS is status.phase). */
import type { TableConvertor } from '../resource-def.js';
import { age, ageColumn, col, meta, nameColumn, rec, str } from './common.js';

export const namespaceTable: TableConvertor = {
  columns: [nameColumn(), col('Status', 'string', 'The status of the namespace'), ageColumn()],
  cells(obj, now) {
    return [str(meta(obj).name), str(rec(obj.status).phase), age(obj, now)];
  },
};
