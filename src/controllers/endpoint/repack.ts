/**
 * RepackSubsets and SortSubsets (upstream pkg/api/v1/endpoints/util.go): one subset per pod and port
 * is regrouped into the N-to-M form the API wants (addresses sharing the same set of ports form one
 * subset), an address ready for a port wins over the same address not ready, and everything is
 * sorted. Upstream orders subsets and ports by a hash of their contents; we order subsets by their
 * first address and ports by name, port and protocol, which is just as stable.
 */
import type { EndpointAddressT, EndpointPortT } from '../../api/core/endpoints.js';

export interface Subset {
  addresses?: EndpointAddressT[];
  notReadyAddresses?: EndpointAddressT[];
  ports?: EndpointPortT[];
}

const addrKey = (a: EndpointAddressT) => `${a.ip}\u0000${a.targetRef?.uid ?? ''}`;
const portKey = (p: EndpointPortT) => JSON.stringify([p.name ?? '', p.port, p.protocol ?? '', p.appProtocol ?? null]);

/** LessEndpointAddress: by IP, then by target UID. */
export function lessAddress(a: EndpointAddressT, b: EndpointAddressT): number {
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  const ua = a.targetRef?.uid ?? '';
  const ub = b.targetRef?.uid ?? '';
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

function lessPort(a: EndpointPortT, b: EndpointPortT): number {
  const ka = [a.name ?? '', a.port, a.protocol ?? ''];
  const kb = [b.name ?? '', b.port, b.protocol ?? ''];
  for (let i = 0; i < 3; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1;
  return 0;
}

export function sortSubsets(subsets: Subset[]): Subset[] {
  for (const s of subsets) {
    s.addresses?.sort(lessAddress);
    s.notReadyAddresses?.sort(lessAddress);
    s.ports?.sort(lessPort);
  }
  const first = (s: Subset) => s.addresses?.[0] ?? s.notReadyAddresses?.[0];
  return subsets.sort((x, y) => {
    const a = first(x);
    const b = first(y);
    if (a && b && lessAddress(a, b) !== 0) return lessAddress(a, b);
    return JSON.stringify(x) < JSON.stringify(y) ? -1 : JSON.stringify(x) > JSON.stringify(y) ? 1 : 0;
  });
}

export function repackSubsets(subsets: Subset[]): Subset[] {
  const allAddrs = new Map<string, EndpointAddressT>();
  // port key -> (address key -> ready)
  const portToAddrReady = new Map<string, { port: EndpointPortT | undefined; addrs: Map<string, boolean> }>();
  const map = (addr: EndpointAddressT, port: EndpointPortT | undefined, ready: boolean) => {
    const ak = addrKey(addr);
    if (!allAddrs.has(ak)) allAddrs.set(ak, structuredClone(addr));
    const pk = port ? portKey(port) : 'sentinel';
    let entry = portToAddrReady.get(pk);
    if (!entry) portToAddrReady.set(pk, (entry = { port, addrs: new Map() }));
    const was = entry.addrs.get(ak);
    if (was === undefined || !was) entry.addrs.set(ak, ready);
  };
  for (const s of subsets) {
    const ports: Array<EndpointPortT | undefined> = s.ports?.length ? s.ports : [undefined];
    for (const port of ports) {
      for (const a of s.addresses ?? []) map(a, port, true);
      for (const a of s.notReadyAddresses ?? []) map(a, port, false);
    }
  }
  // Group ports by the exact set of (address, ready) they are offered on.
  const groups = new Map<string, { addrs: Map<string, boolean>; ports: EndpointPortT[] }>();
  for (const { port, addrs } of portToAddrReady.values()) {
    const key = JSON.stringify([...addrs].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { addrs, ports: [] }));
    if (port) g.ports.push(port);
  }
  const out: Subset[] = [];
  for (const g of groups.values()) {
    const ready: EndpointAddressT[] = [];
    const notReady: EndpointAddressT[] = [];
    for (const [ak, r] of g.addrs) (r ? ready : notReady).push(allAddrs.get(ak)!);
    const s: Subset = {};
    if (ready.length) s.addresses = ready;
    if (notReady.length) s.notReadyAddresses = notReady;
    if (g.ports.length) s.ports = g.ports;
    out.push(s);
  }
  return sortSubsets(out);
}
