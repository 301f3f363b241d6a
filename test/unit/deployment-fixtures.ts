/**
 * Fixtures for the deployment unit tests, shaped like upstream's test helpers (newDeployment, rs,
 * newRSWithStatus) and a recording DeploymentContext standing in for the fake clientset.
 */
import type { DeploymentT } from '../../src/api/apps/deployment.js';
import type { ReplicaSetT } from '../../src/api/apps/replicaset.js';
import type { DeploymentContext } from '../../src/controllers/deployment/context.js';

export const newTimestamp = '2016-05-20T02:00:00Z';
export const oldTimestamp = '2016-05-20T01:00:00Z';
export const olderTimestamp = '2016-05-20T00:00:00Z';

type IOS = number | string;

/** newDeployment(name, replicas, revisionHistoryLimit, maxSurge, maxUnavailable, selector). */
export function newDeployment(
  name: string,
  replicas: number,
  revisionHistoryLimit?: number,
  maxSurge: IOS = 0,
  maxUnavailable: IOS = 0,
  selector: Record<string, string> = {},
): DeploymentT {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, annotations: {}, generation: 1 },
    spec: {
      replicas,
      selector: { matchLabels: selector },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } },
      template: { metadata: { labels: { ...selector } }, spec: { containers: [{ name: 'c', image: 'foo/bar' }] } },
      ...(revisionHistoryLimit === undefined ? {} : { revisionHistoryLimit }),
    },
  } as DeploymentT;
}

/** rs(name, replicas, selector, timestamp): available replicas equal to replicas, as upstream's helper. */
export function rs(name: string, replicas: number, selector: Record<string, string> | null = null, timestamp = newTimestamp): ReplicaSetT {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, creationTimestamp: timestamp },
    spec: { replicas, selector: { matchLabels: selector ?? {} }, template: { metadata: {}, spec: { containers: [] } } },
    status: { replicas, availableReplicas: replicas },
  } as unknown as ReplicaSetT;
}

/** newRSWithStatus(name, specReplicas, statusReplicas, selector). */
export function newRSWithStatus(name: string, specReplicas: number, statusReplicas: number, selector: Record<string, string>): ReplicaSetT {
  const r = rs(name, specReplicas, selector);
  r.status = { replicas: statusReplicas };
  return r;
}

export interface Action {
  verb: 'create' | 'update' | 'delete' | 'updateDeployment' | 'updateStatus';
  name: string;
  obj?: ReplicaSetT | DeploymentT;
}

/** A DeploymentContext that records writes, as upstream's fake clientset records actions. */
export class FakeContext implements DeploymentContext {
  readonly actions: Action[] = [];
  readonly events: string[] = [];
  readonly requeues: number[] = [];
  /** Names whose update fails (like a reactor returning an error). */
  failUpdates = new Set<string>();
  rsStore = new Map<string, ReplicaSetT>();
  private rv = 1;
  constructor(public time = Date.parse('2016-05-20T03:00:00Z')) {}
  now() {
    return this.time;
  }
  createReplicaSet(_ns: string, r: ReplicaSetT) {
    this.actions.push({ verb: 'create', name: r.metadata.name!, obj: structuredClone(r) });
    return { ...structuredClone(r), metadata: { ...r.metadata, uid: `uid-${r.metadata.name}`, resourceVersion: String(++this.rv) } };
  }
  updateReplicaSet(r: ReplicaSetT) {
    if (this.failUpdates.has(r.metadata.name!)) throw new Error(`update of ${r.metadata.name} failed`);
    this.actions.push({ verb: 'update', name: r.metadata.name!, obj: structuredClone(r) });
    return structuredClone(r);
  }
  deleteReplicaSet(_ns: string, name: string) {
    this.actions.push({ verb: 'delete', name });
  }
  getReplicaSet(_ns: string, name: string) {
    return this.rsStore.get(name);
  }
  updateDeployment(d: DeploymentT) {
    this.actions.push({ verb: 'updateDeployment', name: d.metadata.name!, obj: structuredClone(d) });
    return structuredClone(d);
  }
  updateDeploymentStatus(d: DeploymentT) {
    this.actions.push({ verb: 'updateStatus', name: d.metadata.name!, obj: structuredClone(d) });
    return { ...structuredClone(d), metadata: { ...d.metadata, resourceVersion: String(++this.rv) } };
  }
  event(_d: DeploymentT, type: string, reason: string, message: string) {
    this.events.push(`${type} ${reason} ${message}`);
  }
  requeueAfter(ms: number) {
    this.requeues.push(ms);
  }
  updates(): ReplicaSetT[] {
    return this.actions.filter((a) => a.verb === 'update').map((a) => a.obj as ReplicaSetT);
  }
}
