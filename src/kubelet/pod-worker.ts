/**
 * The per-pod state machine (upstream's pod worker + SyncPod, level-based): each sync looks at the
 * pod and the containers' state and takes the next step: mount volumes (FailedMount until ConfigMaps
 * and Secrets exist), create the sandbox (pod IP), run init containers one at a time, start the
 * containers in order, restart exited ones per restartPolicy with CrashLoopBackOff, kill on failed
 * liveness/startup probes, and on deletion stop every container (preStop, SIGTERM, SIGKILL after the
 * grace period) and delete the pod object. Status is written through pods/status only when it changed.
 */
import type { KObject } from '../api/meta.js';
import { rfc3339 } from '../util/clock.js';
import { MountError, setUpVolumes, type PodVolume } from './container-fs.js';
import { ContainerSlot, slotStatus, type ContainerSpec } from './container-slot.js';
import { killContainer } from './container-kill.js';
import { startContainer } from './container-start.js';
import type { NodeRuntime } from './node-runtime.js';
import { containersReadyCondition, getPhase, initializedCondition, podReadyCondition, withTransitionTimes, type PodCondition, type PodSpecLike } from './pod-status.js';

/** nestedpendingoperations: 500 ms doubling to 2m2s between mount retries. */
const mountRetryInitialMs = 500;
const mountRetryMaxMs = 122_000;

export interface PodWorkerHost {
  /** Ask the host to run sync soon (batched). */
  schedule(w: PodWorker): void;
  /** The worker is finished (pod deleted and containers gone). */
  finished(w: PodWorker): void;
}

export class PodWorker {
  pod: KObject;
  readonly uid: string;
  readonly inits: ContainerSlot[];
  readonly containers: ContainerSlot[];
  volumes?: Map<string, PodVolume>;
  podIP = '';
  private mountDelay = mountRetryInitialMs;
  private mountTimer?: { cancel(): void };
  /** The pod is gone from the API (force deleted, or deleted by us). */
  gone = false;
  /** Termination (deletion) started. */
  terminating = false;
  /** The pod reached Succeeded/Failed: nothing runs any more. */
  terminal = false;
  private deleted = false;
  private lastWritten = '';
  startTime?: string;

  constructor(
    readonly node: NodeRuntime,
    private readonly host: PodWorkerHost,
    pod: KObject,
  ) {
    this.pod = pod;
    this.uid = pod.metadata.uid ?? '';
    const spec = (pod.spec ?? {}) as { initContainers?: ContainerSpec[]; containers?: ContainerSpec[] };
    this.inits = (spec.initContainers ?? []).map((c) => new ContainerSlot(c, true));
    this.containers = (spec.containers ?? []).map((c) => new ContainerSlot(c, false));
    const st = (pod.status ?? {}) as { podIP?: string; startTime?: string; phase?: string };
    if (st.phase === 'Succeeded' || st.phase === 'Failed') this.terminal = true;
    this.startTime = st.startTime;
  }

  get spec(): PodSpecLike & { restartPolicy: string; terminationGracePeriodSeconds?: number } {
    const s = (this.pod.spec ?? {}) as PodSpecLike & { restartPolicy?: string; terminationGracePeriodSeconds?: number };
    return { ...s, containers: s.containers ?? [], restartPolicy: s.restartPolicy ?? 'Always' };
  }

  get slots(): ContainerSlot[] {
    return [...this.inits, ...this.containers];
  }

  /** "name_namespace(uid)", upstream's format.Pod. */
  get fullName(): string {
    return `${this.pod.metadata.name}_${this.pod.metadata.namespace}(${this.uid})`;
  }

  update(pod: KObject): void {
    this.pod = pod;
    this.requestSync();
  }

  requestSync(): void {
    this.host.schedule(this);
  }

  event(slot: ContainerSlot | undefined, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.node.recorder.event(this.pod, type, reason, message, slot?.fieldPath);
  }

  /** Should an exited container start again? */
  shouldRestart(slot: ContainerSlot): boolean {
    const cur = slot.current;
    if (!cur || cur.running) return false;
    if (this.terminating || this.terminal) return false;
    if (slot.sidecar) return true;
    const policy = this.spec.restartPolicy;
    if (slot.restartAfterKill) return policy !== 'Never';
    if (slot.init && cur.exitCode === 0) return false;
    if (policy === 'Always') return true;
    if (policy === 'OnFailure') return cur.exitCode !== 0;
    return false;
  }

  // ---- the sync loop ----

  sync(): void {
    if (this.deleted) return;
    if (this.gone) return this.forceStop();
    if (this.pod.metadata.deletionTimestamp) return this.syncTerminating();
    if (this.terminal) return this.writeStatus();
    if (!this.volumes && !this.mountVolumes()) return this.writeStatus();
    if (!this.podIP) this.podIP = this.node.ipam.allocate(this.uid);
    const initDone = this.syncInitContainers();
    if (initDone) this.syncContainers();
    this.writeStatus();
  }

  private mountVolumes(): boolean {
    if (this.mountTimer) return false;
    try {
      this.volumes = setUpVolumes(this.pod, this.node.sources, this.node.clock.now());
      this.mountDelay = mountRetryInitialMs;
      return true;
    } catch (e) {
      if (!(e instanceof MountError)) throw e;
      this.event(undefined, 'Warning', 'FailedMount', e.message);
      const delay = this.mountDelay;
      this.mountDelay = Math.min(this.mountDelay * 2, mountRetryMaxMs);
      this.mountTimer = this.node.clock.after(() => {
        this.mountTimer = undefined;
        this.requestSync();
      }, delay);
      return false;
    }
  }

  /** Init containers one at a time; true when all have succeeded (sidecars: started). */
  private syncInitContainers(): boolean {
    for (const slot of this.inits) {
      if (slot.sidecar) {
        if (slot.running && slot.started) continue;
        if (!slot.starting && !slot.killing && !slot.retry && (!slot.current || slot.exited)) startContainer(this, slot);
        return false;
      }
      const cur = slot.current;
      if (cur && !cur.running && cur.exitCode === 0) continue;
      if (slot.starting || slot.running || slot.killing || slot.retry) return false;
      if (cur && !this.shouldRestart(slot)) return false; // failed for good (restartPolicy Never)
      startContainer(this, slot);
      return false;
    }
    return true;
  }

  private syncContainers(): void {
    for (const slot of this.containers) {
      if (slot.starting) return; // starts are serial, as SyncPod's
      if (slot.running || slot.killing || slot.retry) continue;
      if (!slot.current) {
        startContainer(this, slot);
        if (slot.starting) return;
        continue;
      }
      if (this.shouldRestart(slot)) {
        startContainer(this, slot);
        if (slot.starting) return;
      }
    }
  }

  /** Deletion: stop everything (once), then write the final status and delete the pod object. */
  private syncTerminating(): void {
    if (!this.terminating) {
      this.terminating = true;
      const md = this.pod.metadata;
      const grace = md.deletionGracePeriodSeconds ?? this.spec.terminationGracePeriodSeconds ?? 30;
      this.mountTimer?.cancel();
      for (const slot of this.slots) {
        slot.cancelRetry();
        slot.stopProbes();
        if (slot.running && !slot.killing) void killContainer(this, slot, grace, `Stopping container ${slot.name}`);
      }
    }
    if (this.slots.some((s) => s.running || s.starting || s.killing)) return this.writeStatus();
    this.terminal = true;
    this.writeStatus();
    this.deletePod();
  }

  private deletePod(): void {
    if (this.deleted) return;
    this.deleted = true;
    try {
      this.node.client.resource('', 'pods').delete(this.pod.metadata.namespace!, this.pod.metadata.name!, { gracePeriodSeconds: 0, preconditions: { uid: this.uid } });
    } catch {
      // already gone
    }
    this.cleanup();
  }

  /** The pod object is gone: kill whatever still runs, at once. */
  private forceStop(): void {
    this.terminating = true;
    this.mountTimer?.cancel();
    for (const slot of this.slots) {
      slot.cancelRetry();
      slot.stopProbes();
      slot.current?.stop('KILL');
    }
    this.deleted = true;
    this.cleanup();
  }

  private cleanup(): void {
    this.node.ipam.release(this.uid);
    this.node.logs.removePod(this.uid);
    this.host.finished(this);
  }

  // ---- status ----

  /** The status the kubelet would write now (upstream generateAPIPodStatus). */
  generateStatus(): Record<string, unknown> {
    const spec = this.spec;
    const now = rfc3339(this.node.clock.now());
    const hasInits = this.inits.length > 0;
    const initStatuses = this.inits.map((s) => slotStatus(s, 'PodInitializing', this.shouldRestart(s)));
    const statuses = this.containers.map((s) => slotStatus(s, hasInits ? 'PodInitializing' : 'ContainerCreating', this.shouldRestart(s)));
    const old = (this.pod.status ?? {}) as { conditions?: PodCondition[]; qosClass?: string; startTime?: string };
    const oldConds = old.conditions ?? [];
    const wasInitialized = oldConds.some((c) => c.type === 'Initialized' && c.status === 'True');
    const allStopped = this.slots.every((s) => !s.running && !s.starting && !s.killing);
    const podIsTerminal = this.terminal || (this.terminating && allStopped);
    let phase = getPhase(spec, [...initStatuses, ...statuses], podIsTerminal, wasInitialized);
    if (!this.terminal && !this.terminating && (phase === 'Succeeded' || phase === 'Failed')) this.becomeTerminal();
    if (this.terminal && phase !== 'Succeeded' && phase !== 'Failed') phase = (this.pod.status as { phase?: string })?.phase === 'Succeeded' ? 'Succeeded' : 'Failed';
    const sandboxReady = !!this.podIP && !this.terminal && !(this.terminating && allStopped);
    const conds: PodCondition[] = [
      { type: 'PodReadyToStartContainers', status: sandboxReady ? 'True' : 'False' },
      initializedCondition(spec, initStatuses, statuses, phase),
      podReadyCondition(spec, oldConds, initStatuses, statuses, phase),
      containersReadyCondition(spec, initStatuses, statuses, phase),
      { type: 'PodScheduled', status: 'True' },
    ];
    const kubeletTypes = new Set(conds.map((c) => c.type));
    const others = oldConds.filter((c) => !kubeletTypes.has(c.type));
    if (!this.startTime) this.startTime = now;
    const status: Record<string, unknown> = {
      ...(this.pod.status ?? {}),
      phase,
      conditions: [...withTransitionTimes(conds, oldConds, now), ...others],
      hostIP: this.node.hostIP,
      hostIPs: [{ ip: this.node.hostIP }],
      startTime: this.startTime,
      containerStatuses: statuses,
    };
    if (this.podIP) {
      status.podIP = this.podIP;
      status.podIPs = [{ ip: this.podIP }];
    }
    if (hasInits) status.initContainerStatuses = initStatuses;
    else delete status.initContainerStatuses;
    return status;
  }

  private becomeTerminal(): void {
    this.terminal = true;
    for (const slot of this.slots) {
      slot.cancelRetry();
      slot.stopProbes();
      slot.current?.stop('KILL');
    }
  }

  writeStatus(): void {
    if (this.deleted || this.gone) return;
    const status = this.generateStatus();
    const json = JSON.stringify(status);
    if (json === this.lastWritten || json === JSON.stringify(this.pod.status ?? {})) {
      this.lastWritten = json;
      return;
    }
    const pods = this.node.client.resource('', 'pods');
    try {
      const cur = pods.get(this.pod.metadata.namespace!, this.pod.metadata.name!);
      if (cur.metadata.uid !== this.uid) return;
      this.pod = pods.updateStatus(cur.metadata.namespace!, { ...cur, status });
      this.lastWritten = json;
    } catch {
      // gone or conflicting: the informer brings the next state and another sync
    }
  }
}
