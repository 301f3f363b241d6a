/**
 * Pods: printPod from pkg/printers/internalversion/printers.go, including the STATUS reason logic
 * (init containers, sidecars, waiting/terminated reasons, Completed-but-running, Terminating) and the
 * RESTARTS "N (Xm ago)" cell.
 */
import type { TableConvertor } from '../resource-def.js';
import {
  type J,
  ZERO_TIME,
  age,
  arr,
  col,
  int,
  isZero,
  meta,
  nameColumn,
  ageColumn,
  rec,
  str,
  timeOf,
  translateTimestampSince,
} from './common.js';

/** node.NodeUnreachablePodReason */
const NODE_UNREACHABLE_POD_REASON = 'NodeLost';
/** v1.PodReasonSchedulingGated */
const POD_REASON_SCHEDULING_GATED = 'SchedulingGated';

const isRestartableInitContainer = (c: J) => c != null && c.restartPolicy === 'Always';

function hasPodReadyCondition(conditions: unknown): boolean {
  return arr(conditions).some((c) => c?.type === 'Ready' && c?.status === 'True');
}

function isPodInitializedConditionTrue(conditions: unknown): boolean {
  for (const c of arr(conditions)) {
    if (c?.type !== 'Initialized') continue;
    return c?.status === 'True';
  }
  return false;
}

/** LastTerminationState.Terminated.FinishedAt, or zero. */
function lastTerminated(cs: J): number | undefined {
  const t = rec(rec(cs?.lastState).terminated);
  return cs?.lastState?.terminated != null ? timeOf(t.finishedAt) : undefined;
}

export interface PodSummary {
  ready: string;
  status: string;
  restarts: string;
}

/** The READY, STATUS and RESTARTS cells of printPod. */
export function podSummary(pod: J, now: number): PodSummary {
  const spec = rec(pod?.spec);
  const status = rec(pod?.status);
  const initSpecs = arr(spec.initContainers);
  let restarts = 0;
  let restartableInitContainerRestarts = 0;
  let totalContainers = arr(spec.containers).length;
  let readyContainers = 0;
  let lastRestartDate = ZERO_TIME;
  let lastRestartableInitContainerRestartDate = ZERO_TIME;

  const podPhase = str(status.phase);
  let reason = podPhase;
  if (str(status.reason) !== '') reason = str(status.reason);

  for (const c of arr(status.conditions)) {
    if (c?.type === 'PodScheduled' && c?.reason === POD_REASON_SCHEDULING_GATED) reason = POD_REASON_SCHEDULING_GATED;
  }

  const initContainers = new Map<string, J>();
  for (const c of initSpecs) {
    initContainers.set(str(c?.name), c);
    if (isRestartableInitContainer(c)) totalContainers++;
  }

  let initializing = false;
  const initStatuses = arr(status.initContainerStatuses);
  for (let i = 0; i < initStatuses.length; i++) {
    const container = rec(initStatuses[i]);
    const state = rec(container.state);
    restarts += int(container.restartCount);
    const finished = lastTerminated(container);
    if (finished !== undefined && lastRestartDate < finished) lastRestartDate = finished;
    const restartable = isRestartableInitContainer(initContainers.get(str(container.name)));
    if (restartable) {
      restartableInitContainerRestarts += int(container.restartCount);
      if (finished !== undefined && lastRestartableInitContainerRestartDate < finished) {
        lastRestartableInitContainerRestartDate = finished;
      }
    }
    const terminated = state.terminated != null ? rec(state.terminated) : undefined;
    const waiting = state.waiting != null ? rec(state.waiting) : undefined;
    if (terminated && int(terminated.exitCode) === 0) continue;
    if (restartable && container.started === true) {
      if (container.ready === true) readyContainers++;
      continue;
    }
    if (terminated) {
      // initialization has failed
      if (str(terminated.reason) === '') {
        reason = int(terminated.signal) !== 0 ? `Init:Signal:${int(terminated.signal)}` : `Init:ExitCode:${int(terminated.exitCode)}`;
      } else {
        reason = `Init:${str(terminated.reason)}`;
      }
      initializing = true;
    } else if (waiting && str(waiting.reason) !== '' && waiting.reason !== 'PodInitializing') {
      reason = `Init:${str(waiting.reason)}`;
      initializing = true;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
      initializing = true;
    }
    break;
  }

  if (!initializing || isPodInitializedConditionTrue(status.conditions)) {
    restarts = restartableInitContainerRestarts;
    lastRestartDate = lastRestartableInitContainerRestartDate;
    let hasRunning = false;
    const statuses = arr(status.containerStatuses);
    for (let i = statuses.length - 1; i >= 0; i--) {
      const container = rec(statuses[i]);
      const state = rec(container.state);
      restarts += int(container.restartCount);
      const finished = lastTerminated(container);
      if (finished !== undefined && lastRestartDate < finished) lastRestartDate = finished;
      const terminated = state.terminated != null ? rec(state.terminated) : undefined;
      const waiting = state.waiting != null ? rec(state.waiting) : undefined;
      if (waiting && str(waiting.reason) !== '') {
        reason = str(waiting.reason);
      } else if (terminated && str(terminated.reason) !== '') {
        reason = str(terminated.reason);
      } else if (terminated) {
        reason = int(terminated.signal) !== 0 ? `Signal:${int(terminated.signal)}` : `ExitCode:${int(terminated.exitCode)}`;
      } else if (container.ready === true && state.running != null) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // change pod status back to "Running" if there is at least one container still reporting as "Running" status
    if (reason === 'Completed' && hasRunning) {
      reason = hasPodReadyCondition(status.conditions) ? 'Running' : 'NotReady';
    }
  }

  const deleting = meta(pod).deletionTimestamp != null;
  if (deleting && status.reason === NODE_UNREACHABLE_POD_REASON) {
    reason = 'Unknown';
  } else if (deleting && podPhase !== 'Succeeded' && podPhase !== 'Failed') {
    reason = 'Terminating';
  }

  let restartsStr = String(restarts);
  if (restarts !== 0 && !isZero(lastRestartDate)) {
    restartsStr = `${restarts} (${translateTimestampSince(lastRestartDate, now)} ago)`;
  }
  return { ready: `${readyContainers}/${totalContainers}`, status: reason, restarts: restartsStr };
}

/**
 * The pod's IP as the internal PodStatus has it after conversion from v1: status.podIP is
 * authoritative, else status.podIPs[0].
 */
function podIP(status: Record<string, J>): string {
  const ip = str(status.podIP);
  if (ip !== '') return ip;
  return str(arr(status.podIPs)[0]?.ip);
}

export const podTable: TableConvertor = {
  columns: [
    nameColumn(),
    col('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
    col('Status', 'string', 'The aggregate status of the containers in this pod.'),
    col(
      'Restarts',
      'string',
      'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
    ),
    ageColumn(),
    col('IP', 'string', 'The IP address allocated to the pod, routable at least within the cluster; empty until allocated.', { priority: 1 }),
    col('Node', 'string', 'The node the pod is bound to, set by the scheduler or by the creator.', { priority: 1 }),
    col('Nominated Node', 'string', 'The node a preempting pod is expected to run on once its victims are gone.', { priority: 1 }),
    col('Readiness Gates', 'string', 'How many of the pod readiness gates have their condition True, out of all of them.', { priority: 1 }),
  ],
  cells(pod, now) {
    const spec = rec(pod.spec);
    const status = rec(pod.status);
    const s = podSummary(pod, now);
    let readinessGates = '<none>';
    const gates = arr(spec.readinessGates);
    if (gates.length > 0) {
      let trueConditions = 0;
      for (const gate of gates) {
        const cond = arr(status.conditions).find((c) => c?.type === gate?.conditionType);
        if (cond && cond.status === 'True') trueConditions++;
      }
      readinessGates = `${trueConditions}/${gates.length}`;
    }
    return [
      str(meta(pod).name),
      s.ready,
      s.status,
      s.restarts,
      age(pod, now),
      podIP(status) || '<none>',
      str(spec.nodeName) || '<none>',
      str(status.nominatedNodeName) || '<none>',
      readinessGates,
    ];
  },
};
