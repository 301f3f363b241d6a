/** The HPA controller's small shared pieces: target kinds, metric errors, proposals, quantity text. */
import type { HPAConditionT, MetricStatusT } from '../../api/autoscaling/hpa-v2.js';

/** Which resource each scaleTargetRef kind is, for the scale subresource. */
export const scalable: Record<string, { group: string; resource: string }> = {
  'apps/Deployment': { group: 'apps', resource: 'deployments' },
  'apps/ReplicaSet': { group: 'apps', resource: 'replicasets' },
  'apps/StatefulSet': { group: 'apps', resource: 'statefulsets' },
  '/ReplicationController': { group: '', resource: 'replicationcontrollers' },
};

export class MetricError extends Error {
  constructor(
    message: string,
    readonly condition?: HPAConditionT,
  ) {
    super(message);
  }
}

export type Scale = { spec?: { replicas?: number }; status?: { replicas?: number; selector?: string } };
export type Proposal = { replicas: number; metric: string; timestamp: number; status: MetricStatusT };

/** resource.NewMilliQuantity(v, DecimalSI).String(): whole units without a suffix, else "m". */
export function milliQuantity(v: number): string {
  if (v % 1000 === 0) {
    const units = v / 1000;
    for (const [suffix, f] of [['E', 1e18], ['P', 1e15], ['T', 1e12], ['G', 1e9], ['M', 1e6], ['k', 1e3]] as const) if (units !== 0 && units % f === 0) return `${units / f}${suffix}`;
    return `${units}`;
  }
  return `${v}m`;
}
