/** ServiceAccounts: printServiceAccount (SECRETS is the number of listed secrets). */
import type { TableConvertor } from '../resource-def.js';
import { age, ageColumn, arr, col, meta, nameColumn, str } from './common.js';

export const serviceAccountTable: TableConvertor = {
  columns: [nameColumn(), col('Secrets', 'string', 'Secrets in the namespace that pods running with this service account may use.'), ageColumn()],
  cells(obj, now) {
    return [str(meta(obj).name), arr(obj.secrets).length, age(obj, now)];
  },
};
