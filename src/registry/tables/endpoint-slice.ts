/** EndpointSlices (discovery.k8s.io): printEndpointSlice (ADDRESSTYPE, PORTS, ENDPOINTS). */
import type { TableConvertor } from '../resource-def.js';
import { age, ageColumn, arr, col, listWithMoreString, meta, nameColumn, str } from './common.js';

/** formatDiscoveryPorts: port numbers (or names, or "*"), at most three. */
export function formatDiscoveryPorts(ports: unknown): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const port of arr(ports)) {
    if (list.length < max) {
      let portNum = '*';
      if (typeof port?.port === 'number') portNum = String(Math.trunc(port.port));
      else if (typeof port?.name === 'string') portNum = port.name;
      list.push(portNum);
    } else if (list.length === max) {
      more = true;
    }
    count++;
  }
  return listWithMoreString(list, more, count, max);
}

/** formatDiscoveryEndpoints: addresses of all endpoints, at most three. */
export function formatDiscoveryEndpoints(endpoints: unknown): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ep of arr(endpoints)) {
    for (const address of arr(ep?.addresses)) {
      if (list.length < max) list.push(str(address));
      else if (list.length === max) more = true;
      count++;
    }
  }
  return listWithMoreString(list, more, count, max);
}

export const endpointSliceTable: TableConvertor = {
  columns: [
    nameColumn(),
    col('AddressType', 'string', 'The type of addresses in this slice: IPv4, IPv6 or FQDN.'),
    col('Ports', 'string', 'The network ports exposed by each endpoint in this slice.'),
    col('Endpoints', 'string', 'The unique endpoints in this slice.'),
    ageColumn(),
  ],
  cells(obj, now) {
    return [str(meta(obj).name), str(obj.addressType), formatDiscoveryPorts(obj.ports), formatDiscoveryEndpoints(obj.endpoints), age(obj, now)];
  },
};
