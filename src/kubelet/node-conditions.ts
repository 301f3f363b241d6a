/**
 * The kubelet's node condition setters (pkg/kubelet/nodestatus/setters.go: MemoryPressureCondition,
 * DiskPressureCondition, PIDPressureCondition, ReadyCondition) and recordNodeSchedulableEvent, as
 * pure functions over a node's conditions. Each setter refreshes its condition's heartbeat and, when
 * the condition is new or its status changes, sets the transition time and reports a node status
 * event ("NodeHasSufficientMemory", "NodeReady", ...); a new Ready condition reports nothing, as
 * upstream.
 */

export interface NodeCondition {
  type: string;
  status: string;
  lastHeartbeatTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

/** What the simulated kubelet observes about its node. */
export interface NodeHealth {
  memoryPressure: boolean;
  diskPressure: boolean;
  pidPressure: boolean;
  /** Why the node is not ready (the runtime/network errors), or undefined when it is. */
  notReady?: string;
}

/** What kind's containerd reports until a CNI plugin is installed: the first status a kind node posts. */
export const NetworkNotReadyMessage =
  'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized';

export const healthyNode: NodeHealth = { memoryPressure: false, diskPressure: false, pidPressure: false };
/** A kubelet registering before the network plugin is up. */
export const registeringNode: NodeHealth = { ...healthyNode, notReady: NetworkNotReadyMessage };

/** Receives the reason of each node status event ("NodeReady"); the kubelet's recordNodeStatusEvent. */
export type RecordNodeStatusEvent = (event: string) => void;

interface PressureSpec {
  type: string;
  on: [reason: string, message: string, event: string];
  off: [reason: string, message: string, event: string];
}

const memory: PressureSpec = {
  type: 'MemoryPressure',
  on: ['KubeletHasInsufficientMemory', 'kubelet has insufficient memory available', 'NodeHasInsufficientMemory'],
  off: ['KubeletHasSufficientMemory', 'kubelet has sufficient memory available', 'NodeHasSufficientMemory'],
};
const disk: PressureSpec = {
  type: 'DiskPressure',
  on: ['KubeletHasDiskPressure', 'kubelet has disk pressure', 'NodeHasDiskPressure'],
  off: ['KubeletHasNoDiskPressure', 'kubelet has no disk pressure', 'NodeHasNoDiskPressure'],
};
const pid: PressureSpec = {
  type: 'PIDPressure',
  on: ['KubeletHasInsufficientPID', 'kubelet has insufficient PID available', 'NodeHasInsufficientPID'],
  off: ['KubeletHasSufficientPID', 'kubelet has sufficient PID available', 'NodeHasSufficientPID'],
};

/** A pressure setter: a missing condition starts as Unknown, so a new one always transitions. */
function setPressure(conds: NodeCondition[], spec: PressureSpec, pressure: boolean, now: string, record: RecordNodeStatusEvent): void {
  let c = conds.find((x) => x.type === spec.type);
  const isNew = !c;
  if (!c) c = { type: spec.type, status: 'Unknown' };
  c.lastHeartbeatTime = now;
  const want = pressure ? 'True' : 'False';
  if (c.status !== want) {
    const [reason, message, event] = pressure ? spec.on : spec.off;
    Object.assign(c, { status: want, reason, message, lastTransitionTime: now });
    record(event);
  }
  if (isNew) conds.push(c);
}

function setReady(conds: NodeCondition[], health: NodeHealth, now: string, record: RecordNodeStatusEvent): void {
  const next: NodeCondition =
    health.notReady === undefined
      ? { type: 'Ready', status: 'True', lastHeartbeatTime: now, reason: 'KubeletReady', message: 'kubelet is posting ready status' }
      : { type: 'Ready', status: 'False', lastHeartbeatTime: now, reason: 'KubeletNotReady', message: health.notReady };
  const i = conds.findIndex((x) => x.type === 'Ready');
  if (i < 0) {
    conds.push({ ...next, lastTransitionTime: now });
    return;
  }
  const old = conds[i]!;
  const transition = old.status !== next.status;
  conds[i] = { ...next, lastTransitionTime: transition ? now : old.lastTransitionTime };
  if (transition) record(next.status === 'True' ? 'NodeReady' : 'NodeNotReady');
}

/**
 * Run the condition setters in the kubelet's order over a copy of `current`; returns the new list.
 * Conditions the kubelet does not own (NetworkUnavailable, ...) are kept as they are.
 */
export function setNodeConditions(current: NodeCondition[], now: string, health: NodeHealth, record: RecordNodeStatusEvent): NodeCondition[] {
  const conds = current.map((c) => ({ ...c }));
  setPressure(conds, memory, health.memoryPressure, now, record);
  setPressure(conds, disk, health.diskPressure, now, record);
  setPressure(conds, pid, health.pidPressure, now, record);
  setReady(conds, health, now, record);
  return conds;
}

/** upstream nodeStatusHasChanged, for conditions: anything but a heartbeat differs. */
export function conditionsChanged(before: NodeCondition[], after: NodeCondition[]): boolean {
  if (before.length !== after.length) return true;
  const key = (c: NodeCondition) => [c.type, c.status, c.reason ?? '', c.message ?? '', c.lastTransitionTime ?? ''].join('\u0000');
  const a = before.map(key).sort();
  const b = after.map(key).sort();
  return a.some((k, i) => k !== b[i]);
}

/**
 * recordNodeSchedulableEvent: "NodeNotSchedulable" / "NodeSchedulable" when spec.unschedulable
 * differs from what this kubelet last saw (false when it starts). Returns the value to remember.
 */
export function schedulableEvent(last: boolean, unschedulable: boolean, record: RecordNodeStatusEvent): boolean {
  if (last !== unschedulable) record(unschedulable ? 'NodeNotSchedulable' : 'NodeSchedulable');
  return unschedulable;
}
