/**
 * Starting one container, as upstream's kuberuntime startContainer after doBackOff: the restart
 * back-off (CrashLoopBackOff, "Back-off restarting failed container X in pod Y"), the image (policy
 * Always/IfNotPresent/Never, a serialized puller per node, Pulling/Pulled events, ErrImagePull then
 * ImagePullBackOff), the environment (CreateContainerConfigError), create (Created), start (Started),
 * the postStart hook (FailedPostStartHook kills the container), and the probe workers.
 */
import { EnvError, expandCommandAndArgs, makeEnvironment } from './container-env.js';
import { containerFS, managedFiles } from './container-fs.js';
import { killContainer } from './container-kill.js';
import { ContainerInstance } from './container-runtime.js';
import type { ContainerSlot } from './container-slot.js';
import { containerTarget, probeContainer, runHandler } from './container-target.js';
import { canonicalImage, goDuration, imageProfile, parseImage, type ImageProfile } from './images.js';
import type { ContainerBehaviour } from './node-runtime.js';
import type { PodWorker } from './pod-worker.js';
import { probeLabel, ProbeWorker, type ProbeKind, type ProbeSpec } from './probes.js';

/** How long the pod worker waits before retrying a failed start (upstream's backOffPeriod). */
const retryMs = 10_000;

/**
 * Wait until time t on the clock; resolves with t. (With a stepped clock the continuation may run
 * later than t, so the times reported come from here, not from reading the clock afterwards.)
 */
function sleepUntil(w: PodWorker, t: number): Promise<number> {
  const clock = w.node.clock;
  if (t <= clock.now()) return Promise.resolve(t);
  return new Promise<number>((r) => clock.after(() => r(t), t - clock.now()));
}

/** Retry the start after ms (a sync then decides again). */
function retryAfter(w: PodWorker, slot: ContainerSlot, ms: number): void {
  slot.cancelRetry();
  slot.retry = w.node.clock.after(() => {
    slot.retry = undefined;
    w.requestSync();
  }, Math.max(0, ms));
}

export function crashBackoffKey(w: PodWorker, slot: ContainerSlot): string {
  return `${w.pod.metadata.name}_${w.pod.metadata.namespace}_${w.uid}_${slot.name}`;
}

/** Start (or restart) the slot's container unless it is backing off. */
export function startContainer(w: PodWorker, slot: ContainerSlot): void {
  const node = w.node;
  if (slot.current && !slot.current.running) {
    const key = crashBackoffKey(w, slot);
    // after a probe kill, upstream's doBackOff still sees the container that exited before it
    const ref = slot.killRefPending ? slot.previous?.finishedAt : slot.current.finishedAt;
    slot.killRefPending = false;
    if (ref !== undefined) {
      if (node.crashBackoff.isInBackOffSince(key, ref)) {
        const delay = node.crashBackoff.get(key);
        slot.waiting = { reason: 'CrashLoopBackOff', message: `back-off ${goDuration(delay)} restarting failed container=${slot.name} pod=${w.fullName}` };
        w.event(slot, 'Warning', 'BackOff', `Back-off restarting failed container ${slot.name} in pod ${w.fullName}`);
        retryAfter(w, slot, node.crashBackoff.until(key, ref)! - node.clock.now());
        return;
      }
      node.crashBackoff.next(key, ref);
    }
  }
  slot.starting = true;
  void run(w, slot)
    .catch((e) => {
      w.event(slot, 'Warning', 'Failed', `Error: ${(e as Error)?.message ?? String(e)}`);
    })
    .finally(() => {
      slot.starting = false;
      w.requestSync();
    });
}

const stopped = (w: PodWorker) => w.terminating || w.gone || w.terminal;

async function run(w: PodWorker, slot: ContainerSlot): Promise<void> {
  const node = w.node;
  const clock = node.clock;
  const c = slot.spec;
  const beh = node.behaviour(w.pod, c);
  const profile = imageProfile(c.image ?? '');
  const pulledAt = await ensureImage(w, slot, profile, beh);
  if (pulledAt === false || stopped(w)) return;
  let env: Record<string, string>;
  try {
    env = makeEnvironment(w.pod, c, node.sources);
  } catch (e) {
    if (!(e instanceof EnvError)) throw e;
    slot.waiting = { reason: 'CreateContainerConfigError', message: e.message };
    w.event(slot, 'Warning', 'Failed', `Error: ${e.message}`);
    retryAfter(w, slot, retryMs);
    return;
  }
  const { command, args } = expandCommandAndArgs(c.command, c.args, env);
  const startedAt = await sleepUntil(w, pulledAt + profile.startMs + (beh.startDelayMs ?? 0));
  if (stopped(w)) return;
  const attempt = slot.current ? slot.current.attempt + 1 : 0;
  const id = node.newContainerID(w.uid, slot.name, attempt);
  const log = node.logs.open(w.uid, slot.name, attempt, id);
  const fs = containerFS({ ...profile.files, ...(beh.files ?? {}) }, managedFiles(w.pod, w.podIP), c.volumeMounts ?? [], w.volumes ?? new Map());
  w.event(slot, 'Normal', 'Created', `Created container: ${slot.name}`);
  if (slot.current) slot.previous = slot.current;
  slot.waiting = undefined;
  slot.restartAfterKill = false;
  slot.ready = false;
  slot.started = !c.startupProbe;
  const inst: ContainerInstance = new ContainerInstance({
    id,
    name: slot.name,
    attempt,
    profile,
    command,
    args,
    env,
    fs,
    hostname: env.HOSTNAME ?? w.pod.metadata.name ?? '',
    workingDir: c.workingDir,
    podIP: w.podIP,
    startedAt,
    clock,
    log,
    extraPorts: beh.ports,
    onExit: () => {
      if (slot.current !== inst) return;
      slot.stopProbes();
      slot.ready = false;
      w.requestSync();
    },
  });
  slot.current = inst;
  w.event(slot, 'Normal', 'Started', `Started container ${slot.name}`);
  if (beh.exitAfterMs !== undefined) clock.after(() => inst.crash(beh.exitCode ?? 1), beh.exitAfterMs);
  const target = containerTarget(c, inst, w.podIP);
  if (c.lifecycle?.postStart) {
    const err = await runHandler(c.lifecycle.postStart, target, clock);
    if (err !== undefined && inst.running && !stopped(w)) {
      w.event(slot, 'Warning', 'FailedPostStartHook', 'PostStartHook failed');
      await killContainer(w, slot, w.spec.terminationGracePeriodSeconds ?? 30, 'FailedPostStartHook');
      return;
    }
  }
  if (!inst.running || stopped(w)) return;
  startProbes(w, slot, inst, beh);
  if (!c.readinessProbe && slot.started) slot.ready = true;
}

function startProbes(w: PodWorker, slot: ContainerSlot, inst: ContainerInstance, beh: ContainerBehaviour): void {
  const clock = w.node.clock;
  const target = containerTarget(slot.spec, inst, w.podIP);
  const kinds: Array<[ProbeKind, ProbeSpec | undefined]> = [
    ['startup', slot.spec.startupProbe as ProbeSpec | undefined],
    ['liveness', slot.spec.livenessProbe as ProbeSpec | undefined],
    ['readiness', slot.spec.readinessProbe as ProbeSpec | undefined],
  ];
  for (const [kind, probe] of kinds) {
    if (!probe) continue;
    slot.probes.push(
      new ProbeWorker({
        kind,
        probe,
        clock,
        startedAt: inst.startedAt,
        started: () => slot.started,
        run: () => probeContainer(kind, probe, target, inst, clock, beh.probeFailures?.[kind]),
        onFailure: (output) => {
          if (slot.current === inst && inst.running) w.event(slot, 'Warning', 'Unhealthy', `${probeLabel(kind)} probe failed: ${output}`);
        },
        onResult: (result) => {
          if (slot.current !== inst || !inst.running) return;
          if (kind === 'readiness') slot.ready = result === 'success';
          else if (kind === 'startup' && result === 'success') {
            slot.started = true;
            if (!slot.spec.readinessProbe) slot.ready = true;
          } else if (result === 'failure' && !slot.killing) {
            slot.restartAfterKill = true;
            slot.killRefPending = true;
            const grace = probe.terminationGracePeriodSeconds ?? w.spec.terminationGracePeriodSeconds ?? 30;
            void killContainer(w, slot, grace, `Container ${slot.name} failed ${kind} probe, will be restarted`);
          }
          w.requestSync();
        },
      }),
    );
  }
}

/** upstream images.imageManager.EnsureImageExists; false when the image is not available (yet). */
async function ensureImage(w: PodWorker, slot: ContainerSlot, profile: ImageProfile, beh: ContainerBehaviour): Promise<number | false> {
  const node = w.node;
  const clock = node.clock;
  const image = slot.spec.image ?? '';
  const canonical = canonicalImage(image);
  const policy = slot.spec.imagePullPolicy || (parseImage(image).tag === 'latest' ? 'Always' : 'IfNotPresent');
  const present = node.images.has(canonical);
  if (policy === 'Never' || (policy === 'IfNotPresent' && present)) {
    if (present) {
      w.event(slot, 'Normal', 'Pulled', `Container image ${JSON.stringify(image)} already present on machine`);
      return clock.now();
    }
    const msg = `Container image ${JSON.stringify(image)} is not present with pull policy of Never`;
    w.event(slot, 'Warning', 'ErrImageNeverPull', msg);
    w.event(slot, 'Warning', 'Failed', 'Error: ErrImageNeverPull');
    slot.waiting = { reason: 'ErrImageNeverPull', message: msg };
    retryAfter(w, slot, retryMs);
    return false;
  }
  const key = `${w.uid}_${image}`;
  const now = clock.now();
  if (node.pullBackoff.isInBackOffSinceUpdate(key, now)) {
    const msg = `Back-off pulling image ${JSON.stringify(image)}`;
    w.event(slot, 'Normal', 'BackOff', msg);
    w.event(slot, 'Warning', 'Failed', 'Error: ImagePullBackOff');
    slot.waiting = { reason: 'ImagePullBackOff', message: msg };
    retryAfter(w, slot, node.pullBackoff.untilSinceUpdate(key)! - now);
    return false;
  }
  w.event(slot, 'Normal', 'Pulling', `Pulling image ${JSON.stringify(image)}`);
  const begin = Math.max(now, node.pullFreeAt);
  const duration = present ? Math.min(profile.pullMs, 500) : profile.pullMs;
  node.pullFreeAt = begin + duration;
  const done = await sleepUntil(w, begin + duration);
  if (stopped(w)) return false;
  if (beh.pullError !== undefined) {
    const err = beh.pullError || `rpc error: code = NotFound desc = failed to pull and unpack image ${JSON.stringify(canonical)}: failed to resolve reference ${JSON.stringify(canonical)}: ${canonical}: not found`;
    w.event(slot, 'Warning', 'Failed', `Failed to pull image ${JSON.stringify(image)}: ${err}`);
    node.pullBackoff.next(key, clock.now());
    w.event(slot, 'Warning', 'Failed', 'Error: ErrImagePull');
    slot.waiting = { reason: 'ErrImagePull', message: err };
    // the next sync comes with the status update (PLEG): it finds the pull backing off
    retryAfter(w, slot, 1000);
    return false;
  }
  node.images.add(canonical);
  const total = done - now;
  w.event(slot, 'Normal', 'Pulled', `Successfully pulled image ${JSON.stringify(image)} in ${goDuration(duration)} (${goDuration(total)} including waiting). Image size: ${profile.sizeBytes} bytes.`);
  return done;
}
