/**
 * The pure parts of the kubelet's generateAPIPodStatus (pkg/kubelet/kubelet_pods.go getPhase, and
 * pkg/kubelet/status/generate.go): the pod phase from container statuses and restartPolicy, and the
 * Initialized, ContainersReady and Ready conditions with upstream's reasons and messages. Conditions
 * keep their lastTransitionTime while their status does not change.
 */
export interface ContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: { exitCode: number; reason?: string; message?: string; startedAt?: string; finishedAt?: string; containerID?: string; signal?: number };
}

export interface ApiContainerStatus {
  name: string;
  state?: ContainerState;
  lastState?: ContainerState;
  ready: boolean;
  started?: boolean;
  restartCount: number;
  [k: string]: unknown;
}

export interface SpecContainer {
  name: string;
  restartPolicy?: string;
}

export interface PodSpecLike {
  restartPolicy?: string;
  initContainers?: SpecContainer[];
  containers: SpecContainer[];
  readinessGates?: Array<{ conditionType: string }>;
}

export interface PodCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastProbeTime?: string | null;
  lastTransitionTime?: string;
}

const isRestartableInit = (c: SpecContainer) => c.restartPolicy === 'Always';
const find = (list: ApiContainerStatus[], name: string) => list.find((s) => s.name === name);
/** Go's %s of a []string: [a b c] */
const goList = (xs: string[]) => `[${xs.join(' ')}]`;

/** Upstream getPhase (v1.32, without the ContainerRestartRules gate). `info` holds init and regular statuses. */
export function getPhase(spec: PodSpecLike, info: ApiContainerStatus[], podIsTerminal: boolean, podHasInitialized: boolean): string {
  let pendingRestartableInitContainers = 0;
  let pendingRegularInitContainers = 0;
  let failedInitialization = 0;
  for (const c of spec.initContainers ?? []) {
    if (isRestartableInit(c)) continue;
    const s = find(info, c.name);
    if (!s) {
      pendingRegularInitContainers++;
      continue;
    }
    if (s.state?.running) pendingRegularInitContainers++;
    else if (s.state?.terminated) {
      if (s.state.terminated.exitCode !== 0) failedInitialization++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) {
        if (s.lastState.terminated.exitCode !== 0) failedInitialization++;
      } else pendingRegularInitContainers++;
    } else pendingRegularInitContainers++;
  }
  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of spec.initContainers ?? []) {
    if (!isRestartableInit(c)) continue;
    const s = find(info, c.name);
    if (!s) {
      unknown++;
      continue;
    }
    if (s.state?.running) {
      if (!s.started) pendingRestartableInitContainers++;
      running++;
    } else if (s.state?.terminated) {
      // terminated sidecars do not count
    } else if (s.state?.waiting) {
      if (!s.lastState?.terminated) {
        pendingRestartableInitContainers++;
        waiting++;
      }
    } else {
      pendingRestartableInitContainers++;
      unknown++;
    }
  }
  for (const c of spec.containers) {
    const s = find(info, c.name);
    if (!s) {
      unknown++;
      continue;
    }
    if (s.state?.running) running++;
    else if (s.state?.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) stopped++;
      else waiting++;
    } else unknown++;
  }
  const policy = spec.restartPolicy ?? 'Always';
  if (failedInitialization > 0 && policy === 'Never') return 'Failed';
  if (pendingRegularInitContainers > 0 || (pendingRestartableInitContainers > 0 && !podHasInitialized) || waiting > 0) return 'Pending';
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

/** Upstream HasAnyRegularContainerStarted. */
export function hasAnyRegularContainerStarted(spec: PodSpecLike, statuses: ApiContainerStatus[]): boolean {
  return spec.containers.some((c) => {
    const s = find(statuses, c.name);
    return !!s && (!!s.state?.running || !!s.state?.terminated);
  });
}

/** Upstream GeneratePodInitializedCondition. */
export function initializedCondition(spec: PodSpecLike, initStatuses: ApiContainerStatus[], statuses: ApiContainerStatus[], phase: string): PodCondition {
  const inits = spec.initContainers ?? [];
  if (inits.length === 0) return { type: 'Initialized', status: 'True' };
  const unknown: string[] = [];
  const incomplete: string[] = [];
  for (const c of inits) {
    const s = find(initStatuses, c.name);
    if (!s) {
      unknown.push(c.name);
      continue;
    }
    if (isRestartableInit(c)) {
      if (!s.started) incomplete.push(c.name);
    } else if (!(s.state?.terminated && s.state.terminated.exitCode === 0)) incomplete.push(c.name);
  }
  if (phase === 'Succeeded' && unknown.length === 0) return { type: 'Initialized', status: 'True', reason: 'PodCompleted' };
  if (hasAnyRegularContainerStarted(spec, statuses)) return { type: 'Initialized', status: 'True' };
  const msgs: string[] = [];
  if (unknown.length) msgs.push(`containers with unknown status: ${goList(unknown)}`);
  if (incomplete.length) msgs.push(`containers with incomplete status: ${goList(incomplete)}`);
  if (msgs.length) return { type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: msgs.join(', ') };
  return { type: 'Initialized', status: 'True' };
}

/** Upstream GenerateContainersReadyCondition. */
export function containersReadyCondition(spec: PodSpecLike, initStatuses: ApiContainerStatus[], statuses: ApiContainerStatus[], phase: string): PodCondition {
  const unknown: string[] = [];
  const unready: string[] = [];
  for (const c of spec.initContainers ?? []) {
    if (!isRestartableInit(c)) continue;
    const s = find(initStatuses, c.name);
    if (!s) unknown.push(c.name);
    else if (!s.ready) unready.push(c.name);
  }
  for (const c of spec.containers) {
    const s = find(statuses, c.name);
    if (!s) unknown.push(c.name);
    else if (!s.ready) unready.push(c.name);
  }
  if (phase === 'Succeeded' && unknown.length === 0) return { type: 'ContainersReady', status: 'False', reason: 'PodCompleted' };
  if (phase === 'Failed') return { type: 'ContainersReady', status: 'False', reason: 'PodFailed' };
  const msgs: string[] = [];
  if (unknown.length) msgs.push(`containers with unknown status: ${goList(unknown)}`);
  if (unready.length) msgs.push(`containers with unready status: ${goList(unready)}`);
  if (msgs.length) return { type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', message: msgs.join(', ') };
  return { type: 'ContainersReady', status: 'True' };
}

/** Upstream GeneratePodReadyCondition (readiness gates read from the pod's existing conditions). */
export function podReadyCondition(spec: PodSpecLike, existing: PodCondition[], initStatuses: ApiContainerStatus[], statuses: ApiContainerStatus[], phase: string): PodCondition {
  const cr = containersReadyCondition(spec, initStatuses, statuses, phase);
  if (cr.status !== 'True') return { ...cr, type: 'Ready' };
  const unready: string[] = [];
  const missing: string[] = [];
  for (const g of spec.readinessGates ?? []) {
    const c = existing.find((x) => x.type === g.conditionType);
    if (!c) missing.push(g.conditionType);
    else if (c.status !== 'True') unready.push(g.conditionType);
  }
  const msgs: string[] = [];
  if (missing.length) msgs.push(`corresponding condition of pod readiness gate ${goList(missing.map((m) => JSON.stringify(m)))} does not exist.`);
  if (unready.length) msgs.push(`the status of pod readiness gate ${goList(unready.map((m) => JSON.stringify(m)))} is not "True", but False`);
  if (msgs.length) return { type: 'Ready', status: 'False', reason: 'ReadinessGatesNotReady', message: msgs.join(', ') };
  return { type: 'Ready', status: 'True' };
}

/** Keep lastTransitionTime when a condition's status is unchanged; lastProbeTime null, as the kubelet writes. */
export function withTransitionTimes(conds: PodCondition[], old: PodCondition[], now: string): PodCondition[] {
  return conds.map((c) => {
    const prev = old.find((o) => o.type === c.type);
    const out: PodCondition = { type: c.type, status: c.status, lastProbeTime: null, lastTransitionTime: prev && prev.status === c.status && prev.lastTransitionTime ? prev.lastTransitionTime : now };
    if (c.reason) out.reason = c.reason;
    if (c.message) out.message = c.message;
    return out;
  });
}
