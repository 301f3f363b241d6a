/** Endpoints: printEndpoints ("10.0.0.1:80,10.0.0.2:80 + 1 more..."). */
import type { TableConvertor } from '../resource-def.js';
import { type J, age, ageColumn, arr, col, int, meta, nameColumn, rec, str } from './common.js';

/** net.JoinHostPort: brackets around IPv6 hosts. */
function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** formatEndpoints(endpoints, nil): at most three addresses, then " + N more...". */
export function formatEndpoints(ep: J): string {
  const subsets = arr(rec(ep).subsets);
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses = arr(ss?.addresses);
    const ports = arr(ss?.ports);
    if (ports.length === 0) {
      // headless services with no ports
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(str(a?.ip));
      }
      continue;
    }
    for (const port of ports) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(joinHostPort(str(a?.ip), int(port?.port)));
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

export const endpointsTable: TableConvertor = {
  columns: [nameColumn(), col('Endpoints', 'string', 'The sets of addresses and ports that make up the service.'), ageColumn()],
  cells(obj, now) {
    return [str(meta(obj).name), formatEndpoints(obj), age(obj, now)];
  },
};
