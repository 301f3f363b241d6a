/**
 * truncateEndpoints (upstream endpoints_controller.go): past maxCapacity addresses, keep a share of
 * each subset proportional to its size (rounded up), ready addresses before not-ready ones.
 */
import type { EndpointAddressT } from '../../api/core/endpoints.js';
import type { Subset } from './repack.js';

const addressSubset = (a: EndpointAddressT[] | undefined, max: number) => ((a ?? []).length <= max ? a : a!.slice(0, max));

/** Truncate in place; true when the subsets were over capacity. */
export function truncateEndpoints(subsets: Subset[], maxCapacity: number): boolean {
  let totalReady = 0;
  let totalNotReady = 0;
  for (const s of subsets) {
    totalReady += s.addresses?.length ?? 0;
    totalNotReady += s.notReadyAddresses?.length ?? 0;
  }
  if (totalReady + totalNotReady <= maxCapacity) return false;
  let truncateReady = false;
  let max = maxCapacity - totalReady;
  let numTotal = totalNotReady;
  if (totalReady > maxCapacity) {
    truncateReady = true;
    max = maxCapacity;
    numTotal = totalReady;
  }
  let canBeAdded = max;
  for (const s of subsets) {
    const numInSubset = truncateReady ? (s.addresses?.length ?? 0) : (s.notReadyAddresses?.length ?? 0);
    let toBeAdded = Math.ceil((numInSubset / numTotal) * max);
    if (toBeAdded > canBeAdded) toBeAdded = canBeAdded;
    if (truncateReady) {
      s.addresses = addressSubset(s.addresses, toBeAdded);
      delete s.notReadyAddresses;
      canBeAdded -= s.addresses?.length ?? 0;
    } else {
      s.notReadyAddresses = addressSubset(s.notReadyAddresses, toBeAdded);
      canBeAdded -= s.notReadyAddresses?.length ?? 0;
    }
  }
  return true;
}
