/**
 * The kubelet side of GET pods/{name}/log: pick the container instance as upstream's
 * validateContainerLogStatus does (the running one, else the last terminated one; `previous` for
 * lastState.terminated), with its error texts, then read the log store with the options.
 */
import { badRequest } from '../api/errors.js';
import type { KObject } from '../api/meta.js';
import type { PodLogOptions } from '../api/core/pod-log-options.js';
import { readLog, type LogSink, type LogStore } from './logs.js';
import type { ApiContainerStatus } from './pod-status.js';


/** upstream validateContainerLogStatus: the container ID to read, or an error message. */
export function containerIDForLogs(podName: string, status: { containerStatuses?: ApiContainerStatus[]; initContainerStatuses?: ApiContainerStatus[]; ephemeralContainerStatuses?: ApiContainerStatus[] }, name: string, previous: boolean): { id: string } | { error: string } {
  const q = JSON.stringify;
  const cs = [...(status.containerStatuses ?? []), ...(status.initContainerStatuses ?? []), ...(status.ephemeralContainerStatuses ?? [])].find((s) => s.name === name);
  if (!cs) return { error: `container ${q(name)} in pod ${q(podName)} is not available` };
  const last = cs.lastState?.terminated;
  const { waiting, running, terminated } = cs.state ?? {};
  if (previous) {
    if (!last || !last.containerID) return { error: `previous terminated container ${q(name)} in pod ${q(podName)} not found` };
    return { id: last.containerID };
  }
  if (running) return { id: String(cs.containerID ?? '') };
  if (terminated) {
    if (!terminated.containerID) {
      if (last?.containerID) return { id: last.containerID };
      return { error: `container ${q(name)} in pod ${q(podName)} is terminated` };
    }
    return { id: terminated.containerID };
  }
  if (last) {
    if (!last.containerID) return { error: `container ${q(name)} in pod ${q(podName)} is terminated` };
    return { id: last.containerID };
  }
  if (waiting) {
    if (waiting.reason === 'ErrImagePull') return { error: `container ${q(name)} in pod ${q(podName)} is waiting to start: image can't be pulled` };
    if (waiting.reason === 'ImagePullBackOff') return { error: `container ${q(name)} in pod ${q(podName)} is waiting to start: trying and failing to pull image` };
    return { error: `container ${q(name)} in pod ${q(podName)} is waiting to start: ${waiting.reason ?? ''}` };
  }
  return { error: `container ${q(name)} in pod ${q(podName)} is waiting to start - no logs yet` };
}

/** Stream a container's log for a pod whose status is `status` (the kubelet's latest). */
export function streamPodLogs(store: LogStore, pod: KObject, status: Record<string, unknown>, opts: PodLogOptions, now: number, sink: LogSink): { stop(): void } {
  const r = containerIDForLogs(pod.metadata.name ?? '', status as never, opts.container, !!opts.previous);
  if ('error' in r) throw badRequest(r.error);
  const log = store.byId(r.id);
  if (!log) {
    sink.end();
    return { stop: () => {} };
  }
  let sinceTime: number | undefined;
  if (opts.sinceSeconds !== undefined) sinceTime = now - opts.sinceSeconds * 1000;
  else if (opts.sinceTime) sinceTime = Date.parse(opts.sinceTime);
  return readLog(log, { timestamps: opts.timestamps, tailLines: opts.tailLines, sinceTime, limitBytes: opts.limitBytes, follow: opts.follow }, sink);
}

export type { PodLogOptions };
