/**
 * Helpers for Deployment integration tests: reading a deployment's ReplicaSets and pods, the
 * rollout invariant checker (pods <= replicas + maxSurge, available >= replicas - maxUnavailable),
 * a driver that makes pods ready step by step until the rollout completes, and the JSON patch
 * `kubectl rollout undo` sends.
 */
import type { DeploymentT } from '../../src/api/apps/deployment.js';
import type { ReplicaSetT } from '../../src/api/apps/replicaset.js';
import type { KObject } from '../../src/api/meta.js';
import { maxSurge, maxUnavailable } from '../../src/controllers/deployment/util.js';
import { parseTime } from '../../src/util/clock.js';
import type { TestCluster } from './cluster.js';
import { markPodsReady } from './pods.js';

export const getDeployment = (c: TestCluster, ns: string, name: string) => c.client.resource('apps', 'deployments').get(ns, name) as DeploymentT;

/** The ReplicaSets controlled by the deployment, oldest revision first. */
export function replicaSetsOf(c: TestCluster, ns: string, name: string): ReplicaSetT[] {
  const d = getDeployment(c, ns, name);
  const rev = (rs: ReplicaSetT) => Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
  return (c.client.resource('apps', 'replicasets').list(ns).items as ReplicaSetT[])
    .filter((rs) => rs.metadata.ownerReferences?.some((r) => r.controller && r.uid === d.metadata.uid))
    .sort((a, b) => rev(a) - rev(b));
}

/** Non-terminating pods selected by the deployment. */
export function podsOf(c: TestCluster, ns: string, name: string): KObject[] {
  const d = getDeployment(c, ns, name);
  const sel = Object.entries(d.spec!.selector.matchLabels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return c.client
    .resource('', 'pods')
    .list(ns, { labelSelector: sel })
    .items.filter((p) => !p.metadata.deletionTimestamp);
}

/** Ready for at least minReadySeconds at the cluster clock's now. */
export function isAvailable(pod: KObject, minReadySeconds: number, now: number): boolean {
  const ready = ((pod.status as { conditions?: Array<{ type: string; status: string; lastTransitionTime?: string }> })?.conditions ?? []).find((x) => x.type === 'Ready');
  if (ready?.status !== 'True') return false;
  return minReadySeconds === 0 || (parseTime(ready.lastTransitionTime) ?? now) + minReadySeconds * 1000 <= now;
}

/** Rollout finished as upstream's e2e waits for it (DeploymentComplete and the generation observed). */
export function rolloutComplete(d: DeploymentT): boolean {
  const s = d.status ?? {};
  const r = d.spec!.replicas!;
  return (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0) && (s.updatedReplicas ?? 0) === r && (s.replicas ?? 0) === r && (s.availableReplicas ?? 0) === r;
}

export function availableCount(c: TestCluster, ns: string, name: string): number {
  const d = getDeployment(c, ns, name);
  return podsOf(c, ns, name).filter((p) => isAvailable(p, d.spec!.minReadySeconds ?? 0, c.clock.now())).length;
}

/**
 * Throws when the pods break maxSurge or maxUnavailable. Availability is only owed once it was
 * there: `availableFloor` caps replicas - maxUnavailable (a brand new deployment starts at 0).
 */
export function checkInvariants(c: TestCluster, ns: string, name: string, what = '', availableFloor = Infinity): void {
  const d = getDeployment(c, ns, name);
  const pods = podsOf(c, ns, name);
  const r = d.spec!.replicas!;
  const max = r + maxSurge(d);
  if (pods.length > max) throw new Error(`${what}: ${pods.length} pods, more than replicas ${r} + maxSurge = ${max}`);
  if (d.spec!.strategy!.type === 'RollingUpdate') {
    const min = Math.min(r - maxUnavailable(d), availableFloor);
    const available = pods.filter((p) => isAvailable(p, d.spec!.minReadySeconds ?? 0, c.clock.now())).length;
    if (available < min) throw new Error(`${what}: ${available} pods available, fewer than replicas ${r} - maxUnavailable = ${min}`);
  }
}

export interface DriveOptions {
  /** Check the invariants after every step (default true). */
  invariants?: boolean;
  maxSteps?: number;
  /** Which pods to make ready at each step (default: all of them). */
  pick?: (pods: KObject[]) => string[];
}

/**
 * Drive a rollout: settle, check invariants, make pods ready (as a kubelet would), step the clock by
 * minReadySeconds, until the rollout is complete. Returns the number of steps taken.
 */
export async function driveRollout(c: TestCluster, ns: string, name: string, opts: DriveOptions = {}): Promise<number> {
  const maxSteps = opts.maxSteps ?? 50;
  await c.settle();
  // What is available when the rollout starts must stay available (down to replicas - maxUnavailable).
  const floor = availableCount(c, ns, name);
  for (let step = 0; step < maxSteps; step++) {
    await c.settle();
    if (opts.invariants !== false) checkInvariants(c, ns, name, `step ${step}`, floor);
    if (rolloutComplete(getDeployment(c, ns, name))) return step;
    const pods = podsOf(c, ns, name);
    const names = opts.pick ? opts.pick(pods) : pods.map((p) => p.metadata.name!);
    if (names.length) markPodsReady(c, ns, undefined, { names });
    await c.settle();
    if (opts.invariants !== false) checkInvariants(c, ns, name, `step ${step} (pods ready)`, floor);
    const mrs = getDeployment(c, ns, name).spec!.minReadySeconds ?? 0;
    c.clock.step(mrs * 1000 + 1000);
  }
  throw new Error(`rollout of ${ns}/${name} did not complete in ${maxSteps} steps: ${JSON.stringify(getDeployment(c, ns, name).status)}`);
}

const kubectlSkip = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

/** The JSON patch `kubectl rollout undo` sends (polymorphichelpers DeploymentRollbacker). */
export function undoPatch(d: DeploymentT, rs: ReplicaSetT): unknown[] {
  const template = structuredClone(rs.spec!.template!);
  if (template.metadata?.labels) delete template.metadata.labels['pod-template-hash'];
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (kubectlSkip.has(k)) annotations[k] = v;
  for (const [k, v] of Object.entries(rs.metadata.annotations ?? {})) if (!kubectlSkip.has(k)) annotations[k] = v;
  return [
    { op: 'replace', path: '/spec/template', value: template },
    { op: 'replace', path: '/metadata/annotations', value: annotations },
  ];
}

/** Event lines "Type Reason Message" for an object, oldest first. */
export function eventsFor(c: TestCluster, ns: string, name: string): string[] {
  return (c.client.resource('', 'events').list(ns).items as Array<KObject & { involvedObject: { name: string }; type: string; reason: string; message: string; firstTimestamp: string }>)
    .filter((e) => e.involvedObject.name === name)
    .map((e) => `${e.type} ${e.reason} ${e.message}`);
}
