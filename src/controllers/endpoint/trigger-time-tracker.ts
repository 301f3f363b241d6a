/**
 * TriggerTimeTracker (upstream endpointslice/util/trigger_time_tracker.go): the time of the earliest
 * change (a pod's Ready condition transition, or the service's creation) that the next write of a
 * service's endpoints reflects, for the endpoints.kubernetes.io/last-change-trigger-time annotation.
 */
import { parseTime } from '../../util/clock.js';
import { getPodReadyCondition } from '../replicaset/pod-util.js';
import type { EPPod, Svc } from './util.js';

interface ServiceState {
  lastPodTriggerTimes: Map<string, number>;
  lastServiceTriggerTime: number;
}

/** 0 stands for Go's zero time. */
const minTime = (a: number, b: number) => (a === 0 ? b : b === 0 ? a : Math.min(a, b));

export class TriggerTimeTracker {
  private readonly states = new Map<string, ServiceState>();

  /**
   * ComputeEndpointLastChangeTriggerTime: for a service seen for the first time, its creation time;
   * otherwise the earliest trigger time that changed since the last call (0 when none did).
   */
  compute(namespace: string, service: Svc, pods: EPPod[]): number {
    const key = `${namespace}/${service.metadata.name}`;
    const prev = this.states.get(key);
    let minChanged = 0;
    const podTimes = new Map<string, number>();
    for (const pod of pods) {
      const t = parseTime(getPodReadyCondition(pod)?.lastTransitionTime) ?? 0;
      if (t === 0) continue;
      podTimes.set(pod.metadata.name!, t);
      if (t > (prev?.lastPodTriggerTimes.get(pod.metadata.name!) ?? 0)) minChanged = minTime(minChanged, t);
    }
    const svcTime = parseTime(service.metadata.creationTimestamp) ?? 0;
    if (svcTime > (prev?.lastServiceTriggerTime ?? 0)) minChanged = minTime(minChanged, svcTime);
    this.states.set(key, { lastPodTriggerTimes: podTimes, lastServiceTriggerTime: svcTime });
    if (!prev) return svcTime;
    return minChanged;
  }

  deleteService(namespace: string, name: string): void {
    this.states.delete(`${namespace}/${name}`);
  }
}
