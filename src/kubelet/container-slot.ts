/**
 * One container of a pod as the kubelet tracks it across restarts: the current and previous
 * instances, the reason it is waiting (the kubelet's reasonCache: CrashLoopBackOff, ErrImagePull,
 * CreateContainerConfigError...), readiness and startup results, and its API status, built as
 * upstream's convertToAPIContainerStatuses does.
 */
import type { ContainerInstance } from './container-runtime.js';
import { canonicalImage, imageID } from './images.js';
import type { ApiContainerStatus, ContainerState } from './pod-status.js';
import type { ProbeWorker } from './probes.js';
import { rfc3339 } from '../util/clock.js';

export interface ContainerSpec {
  name: string;
  image?: string;
  imagePullPolicy?: string;
  command?: string[];
  args?: string[];
  workingDir?: string;
  env?: Array<{ name: string; value?: string; valueFrom?: Record<string, any> }>;
  envFrom?: Array<Record<string, any>>;
  ports?: Array<{ name?: string; containerPort: number; protocol?: string }>;
  volumeMounts?: Array<{ name: string; mountPath: string; subPath?: string; readOnly?: boolean }>;
  resources?: { limits?: Record<string, string | number>; requests?: Record<string, string | number> };
  livenessProbe?: Record<string, any>;
  readinessProbe?: Record<string, any>;
  startupProbe?: Record<string, any>;
  lifecycle?: { postStart?: Record<string, any>; preStop?: Record<string, any> };
  restartPolicy?: string;
  terminationMessagePath?: string;
}

export class ContainerSlot {
  current?: ContainerInstance;
  previous?: ContainerInstance;
  /** An asynchronous start (pull, create, start, postStart) is in progress. */
  starting = false;
  /** Being stopped (Killing ... SIGTERM ... SIGKILL). */
  killing = false;
  /** Killed by a failed liveness/startup probe: restart regardless of its exit code (unless Never). */
  restartAfterKill = false;
  /** The next back-off check uses the container that exited before the killed one (as upstream's doBackOff sees it). */
  killRefPending = false;
  /** The kubelet's reasonCache entry: why the container is not running. */
  waiting?: { reason: string; message?: string };
  /** Readiness probe result (true when there is no readiness probe and the container started). */
  ready = false;
  /** Startup probe passed (or there is none). */
  started = false;
  probes: ProbeWorker[] = [];
  /** A pending timer that will retry the start (back-off, mount or config error). */
  retry?: { cancel(): void };
  /** The image was resolved (pulled or present) for the current instance. */
  imageReady = false;

  constructor(
    readonly spec: ContainerSpec,
    readonly init: boolean,
  ) {}

  get name(): string {
    return this.spec.name;
  }

  get fieldPath(): string {
    return `spec.${this.init ? 'initContainers' : 'containers'}{${this.spec.name}}`;
  }

  get sidecar(): boolean {
    return this.init && this.spec.restartPolicy === 'Always';
  }

  get running(): boolean {
    return !!this.current?.running;
  }

  /** Exited (and not replaced yet). */
  get exited(): boolean {
    return !!this.current && !this.current.running;
  }

  stopProbes(): void {
    for (const p of this.probes) p.stop();
    this.probes = [];
  }

  cancelRetry(): void {
    this.retry?.cancel();
    this.retry = undefined;
  }
}

function terminatedState(i: ContainerInstance): ContainerState {
  return {
    terminated: {
      exitCode: i.exitCode ?? 0,
      reason: i.reason,
      startedAt: rfc3339(i.startedAt),
      finishedAt: rfc3339(i.finishedAt ?? i.startedAt),
      containerID: `containerd://${i.id}`,
    },
  };
}

/**
 * The API status of a slot. `defaultWaiting` is ContainerCreating, or PodInitializing for pods with
 * init containers; `willRestart` says the exited container is going to be started again.
 */
export function slotStatus(slot: ContainerSlot, defaultWaiting: string, willRestart: boolean): ApiContainerStatus {
  const image = slot.spec.image ?? '';
  const cur = slot.current;
  const st: ApiContainerStatus = {
    name: slot.name,
    state: {},
    lastState: {},
    ready: false,
    restartCount: cur?.attempt ?? 0,
    image: cur ? canonicalImage(image) : image,
    imageID: cur ? imageID(image) : '',
  };
  if (cur) st.containerID = `containerd://${cur.id}`;
  if (cur && cur.running) {
    st.state = { running: { startedAt: rfc3339(cur.startedAt) } };
    if (slot.previous) st.lastState = terminatedState(slot.previous);
    st.ready = slot.ready;
    st.started = slot.started;
  } else if (cur) {
    if (slot.waiting && willRestart) {
      st.state = { waiting: { reason: slot.waiting.reason, ...(slot.waiting.message ? { message: slot.waiting.message } : {}) } };
      st.lastState = terminatedState(cur);
    } else {
      st.state = terminatedState(cur);
      if (slot.previous) st.lastState = terminatedState(slot.previous);
    }
    st.started = false;
  } else {
    const w = slot.waiting ?? { reason: defaultWaiting };
    st.state = { waiting: { reason: w.reason, ...(w.message ? { message: w.message } : {}) } };
    st.started = false;
  }
  const mounts = (slot.spec.volumeMounts ?? []).map((m) => ({ name: m.name, mountPath: m.mountPath, ...(m.readOnly ? { readOnly: true, recursiveReadOnly: 'Disabled' } : {}) }));
  if (mounts.length) st.volumeMounts = mounts;
  return st;
}
