/**
 * Stopping one container, as upstream's kuberuntime killContainer: the Killing event, the preStop
 * hook (given at most the grace period; FailedPreStopHook when it fails), then SIGTERM with what is
 * left of the grace period (at least 2 s), then SIGKILL.
 */
import type { ContainerSlot } from './container-slot.js';
import { containerTarget, runHandler } from './container-target.js';
import type { PodWorker } from './pod-worker.js';

/** upstream minimumGracePeriodInSeconds */
const minimumGracePeriodMs = 2000;

export async function killContainer(w: PodWorker, slot: ContainerSlot, graceSeconds: number, message: string): Promise<void> {
  const inst = slot.current;
  if (!inst || !inst.running || slot.killing) return;
  const clock = w.node.clock;
  slot.killing = true;
  slot.stopProbes();
  slot.ready = false;
  w.requestSync();
  w.event(slot, 'Normal', 'Killing', message);
  let graceMs = Math.max(0, graceSeconds) * 1000;
  const preStop = slot.spec.lifecycle?.preStop;
  if (preStop && graceMs > 0) {
    const start = clock.now();
    let timer: { cancel(): void } | undefined;
    const timedOut = new Promise<'timeout'>((r) => (timer = clock.after(() => r('timeout'), graceMs)));
    const result = await Promise.race([runHandler(preStop, containerTarget(slot.spec, inst, w.podIP), clock), timedOut]);
    timer?.cancel();
    if (result !== undefined && result !== 'timeout') w.event(slot, 'Warning', 'FailedPreStopHook', 'PreStopHook failed');
    graceMs -= clock.now() - start;
  }
  graceMs = Math.max(graceMs, minimumGracePeriodMs);
  inst.stop('TERM');
  const kill = clock.after(() => inst.stop('KILL'), graceMs);
  await inst.done;
  kill.cancel();
  slot.killing = false;
  w.requestSync();
}
