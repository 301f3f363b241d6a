/** Leases (coordination.k8s.io): printLease (HOLDER is spec.holderIdentity). */
import type { TableConvertor } from '../resource-def.js';
import { age, ageColumn, col, meta, nameColumn, rec, str } from './common.js';

export const leaseTable: TableConvertor = {
  columns: [nameColumn(), col('Holder', 'string', 'The identity of the current holder of the lease.'), ageColumn()],
  cells(obj, now) {
    return [str(meta(obj).name), str(rec(obj.spec).holderIdentity), age(obj, now)];
  },
};
