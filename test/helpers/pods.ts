/**
 * A stand-in for the kubelet in controller tests: writes pod status through the pods/status
 * subresource as a kubelet would (phase, conditions with lastTransitionTime on the cluster clock,
 * container statuses, pod and host IPs, start time). Pods being deleted are left alone, as a kubelet
 * never makes a terminating pod ready. Each function returns the pods it changed.
 */
import type { KObject } from '../../src/api/meta.js';
import { rfc3339 } from '../../src/util/clock.js';
import type { TestCluster } from './cluster.js';

export interface PodSelectOptions {
  /** Only these pod names. */
  names?: string[];
  /** At most this many pods (in name order). */
  limit?: number;
}

type Cond = { type: string; status: string; lastTransitionTime?: string; lastProbeTime?: string | null; reason?: string; message?: string };
type PodObj = KObject & {
  spec?: { nodeName?: string; containers?: Array<{ name: string; image?: string }> };
  status?: { phase?: string; conditions?: Cond[]; podIP?: string; startTime?: string; hostIP?: string; containerStatuses?: unknown[] };
};

let ipSeq = 0;

function selectPods(c: TestCluster, namespace: string, labelSelector: string | undefined, opts: PodSelectOptions): PodObj[] {
  let pods = c.client.resource('', 'pods').list(namespace, labelSelector ? { labelSelector } : {}).items as PodObj[];
  pods = pods.filter((p) => !p.metadata.deletionTimestamp);
  if (opts.names) pods = pods.filter((p) => opts.names!.includes(p.metadata.name!));
  pods.sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
  return opts.limit === undefined ? pods : pods.slice(0, opts.limit);
}

/** Conditions as the kubelet sets them: lastTransitionTime changes only when the status does. */
function conditions(old: Cond[] | undefined, want: Array<Omit<Cond, 'lastTransitionTime'>>, now: string): Cond[] {
  return want.map((w) => {
    const prev = (old ?? []).find((c) => c.type === w.type);
    return { ...w, lastProbeTime: null, lastTransitionTime: prev && prev.status === w.status ? (prev.lastTransitionTime ?? now) : now };
  });
}

function write(c: TestCluster, pod: PodObj, status: Record<string, unknown>): KObject {
  return c.client.resource('', 'pods').updateStatus(pod.metadata.namespace!, { ...pod, status: { ...(pod.status ?? {}), ...status } });
}

function baseStatus(pod: PodObj, now: string): Record<string, unknown> {
  const podIP = pod.status?.podIP ?? `10.244.${Math.floor(++ipSeq / 250) % 250}.${(ipSeq % 250) + 2}`;
  const out: Record<string, unknown> = { podIP, podIPs: [{ ip: podIP }], startTime: pod.status?.startTime ?? now, qosClass: (pod.status as { qosClass?: string })?.qosClass ?? 'BestEffort' };
  if (pod.spec?.nodeName) {
    const hostIP = pod.status?.hostIP ?? '172.18.0.2';
    out.hostIP = hostIP;
    out.hostIPs = [{ ip: hostIP }];
  }
  return out;
}

function containerStatuses(pod: PodObj, ready: boolean, now: string, terminated?: { exitCode: number; reason: string }) {
  return (pod.spec?.containers ?? []).map((ct) => ({
    name: ct.name,
    image: ct.image ?? '',
    imageID: `docker.io/library/${ct.image ?? ''}@sha256:${'0'.repeat(64)}`,
    containerID: `containerd://${pod.metadata.uid?.replace(/-/g, '') ?? ''}${ct.name}`.slice(0, 77),
    ready,
    started: !terminated,
    restartCount: 0,
    state: terminated ? { terminated: { exitCode: terminated.exitCode, reason: terminated.reason, startedAt: now, finishedAt: now } } : { running: { startedAt: now } },
  }));
}

/** Running, every container ready, conditions Initialized/Ready/ContainersReady/PodScheduled True. */
export function markPodsReady(c: TestCluster, namespace: string, labelSelector?: string, opts: PodSelectOptions = {}): KObject[] {
  const now = rfc3339(c.clock.now());
  const out: KObject[] = [];
  for (const pod of selectPods(c, namespace, labelSelector, opts)) {
    const ready = (pod.status?.conditions ?? []).find((x) => x.type === 'Ready')?.status === 'True';
    if (ready && pod.status?.phase === 'Running') continue;
    const conds = conditions(
      pod.status?.conditions,
      [
        { type: 'PodReadyToStartContainers', status: 'True' },
        { type: 'Initialized', status: 'True' },
        { type: 'Ready', status: 'True' },
        { type: 'ContainersReady', status: 'True' },
        { type: 'PodScheduled', status: 'True' },
      ],
      now,
    );
    out.push(write(c, pod, { ...baseStatus(pod, now), phase: 'Running', conditions: conds, containerStatuses: containerStatuses(pod, true, now) }));
  }
  return out;
}

/** Running but not ready: Ready and ContainersReady False with the kubelet's reason and message. */
export function markPodsNotReady(c: TestCluster, namespace: string, labelSelector?: string, opts: PodSelectOptions = {}): KObject[] {
  const now = rfc3339(c.clock.now());
  const out: KObject[] = [];
  for (const pod of selectPods(c, namespace, labelSelector, opts)) {
    const names = (pod.spec?.containers ?? []).map((x) => x.name).join(' ');
    const message = `containers with unready status: [${names}]`;
    const conds = conditions(
      pod.status?.conditions,
      [
        { type: 'PodReadyToStartContainers', status: 'True' },
        { type: 'Initialized', status: 'True' },
        { type: 'Ready', status: 'False', reason: 'ContainersNotReady', message },
        { type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', message },
        { type: 'PodScheduled', status: 'True' },
      ],
      now,
    );
    out.push(write(c, pod, { ...baseStatus(pod, now), phase: 'Running', conditions: conds, containerStatuses: containerStatuses(pod, false, now) }));
  }
  return out;
}

/** Failed: every container terminated with exit code 1, Ready False (reason PodFailed). */
export function failPods(c: TestCluster, namespace: string, labelSelector?: string, opts: PodSelectOptions = {}): KObject[] {
  const now = rfc3339(c.clock.now());
  const out: KObject[] = [];
  for (const pod of selectPods(c, namespace, labelSelector, opts)) {
    const conds = conditions(
      pod.status?.conditions,
      [
        { type: 'PodReadyToStartContainers', status: 'False' },
        { type: 'Initialized', status: 'True' },
        { type: 'Ready', status: 'False', reason: 'PodFailed' },
        { type: 'ContainersReady', status: 'False', reason: 'PodFailed' },
        { type: 'PodScheduled', status: 'True' },
      ],
      now,
    );
    out.push(write(c, pod, { ...baseStatus(pod, now), phase: 'Failed', conditions: conds, containerStatuses: containerStatuses(pod, false, now, { exitCode: 1, reason: 'Error' }) }));
  }
  return out;
}

/** Succeeded: every container terminated with exit code 0 (reason Completed), Ready False (PodCompleted). */
export function succeedPods(c: TestCluster, namespace: string, labelSelector?: string, opts: PodSelectOptions = {}): KObject[] {
  const now = rfc3339(c.clock.now());
  const out: KObject[] = [];
  for (const pod of selectPods(c, namespace, labelSelector, opts)) {
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') continue;
    const conds = conditions(
      pod.status?.conditions,
      [
        { type: 'PodReadyToStartContainers', status: 'False' },
        { type: 'Initialized', status: 'True', reason: 'PodCompleted' },
        { type: 'Ready', status: 'False', reason: 'PodCompleted' },
        { type: 'ContainersReady', status: 'False', reason: 'PodCompleted' },
        { type: 'PodScheduled', status: 'True' },
      ],
      now,
    );
    out.push(write(c, pod, { ...baseStatus(pod, now), phase: 'Succeeded', conditions: conds, containerStatuses: containerStatuses(pod, false, now, { exitCode: 0, reason: 'Completed' }) }));
  }
  return out;
}
