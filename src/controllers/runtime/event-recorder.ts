/**
 * Event recorder as client-go's tools/record: core/v1 Events named <object>.<hex nanoseconds>, with
 * the EventCorrelator's behaviour: an identical event within the dedup cache bumps count and
 * lastTimestamp on the existing Event (a patch); more than 10 similar events (same object, reason,
 * type, source; different messages) within 10 minutes are combined into one
 * "(combined from similar events): ..." event. Recording never fails the caller.
 */
import type { KObject } from '../../api/meta.js';
import type { Client } from '../../client/client.js';
import { rfc3339, type Clock } from '../../util/clock.js';

export type EventType = 'Normal' | 'Warning';

const aggregateWindowMs = 10 * 60_000;
const aggregateMaxEvents = 10;
const maxCacheEntries = 4096;

/** Shared by every recorder, so two components recording for one object in the same ms get distinct names. */
let lastNano = 0n;

interface Recorded {
  name: string;
  namespace: string;
  count: number;
}

export class EventRecorder {
  private readonly dedup = new Map<string, Recorded>();
  private readonly similar = new Map<string, { first: number; messages: Set<string> }>();

  constructor(
    private readonly client: Client,
    private readonly clock: Clock,
    readonly component: string,
    readonly host = '',
  ) {}

  /** Record an event; fieldPath names a part of the object (the kubelet's `spec.containers{web}`). */
  event(obj: KObject, type: EventType, reason: string, message: string, fieldPath?: string): void {
    try {
      this.record(obj, type, reason, message, fieldPath);
    } catch {
      // Events are best effort, as upstream: a failed write is dropped.
    }
  }

  private involved(obj: KObject, fieldPath?: string) {
    const md = obj.metadata;
    return {
      kind: obj.kind,
      namespace: md.namespace,
      name: md.name,
      uid: md.uid,
      apiVersion: obj.apiVersion,
      resourceVersion: md.resourceVersion,
      ...(fieldPath ? { fieldPath } : {}),
    };
  }

  private record(obj: KObject, type: EventType, reason: string, message: string, fieldPath?: string): void {
    const now = this.clock.now();
    const ref = this.involved(obj, fieldPath);
    const namespace = ref.namespace || 'default';
    const objKey = [this.component, this.host, ref.kind, ref.namespace, ref.name, ref.uid, ref.apiVersion, fieldPath ?? '', type, reason].join('\u0000');
    // Aggregation of similar events with different messages.
    let sim = this.similar.get(objKey);
    if (!sim || now - sim.first > aggregateWindowMs) {
      sim = { first: now, messages: new Set() };
      this.similar.set(objKey, sim);
    }
    sim.messages.add(message);
    const msg = sim.messages.size > aggregateMaxEvents ? `(combined from similar events): ${message}` : message;
    const key = objKey + '\u0000' + (sim.messages.size > aggregateMaxEvents ? 'aggregate' : message);
    const events = this.client.resource('', 'events');
    const ts = rfc3339(now);
    const seen = this.dedup.get(key);
    if (seen) {
      seen.count++;
      try {
        events.patch(seen.namespace, seen.name, 'strategic', { count: seen.count, lastTimestamp: ts, message: msg });
        return;
      } catch {
        this.dedup.delete(key); // gone (deleted or expired): record it afresh
      }
    }
    // Unique names even for events in the same millisecond: nanoseconds, bumped past the last one.
    let nano = BigInt(now) * 1_000_000n;
    if (nano <= lastNano) nano = lastNano + 1n;
    lastNano = nano;
    const name = `${ref.name}.${nano.toString(16)}`;
    events.create(namespace, {
      metadata: { name, namespace },
      involvedObject: ref,
      reason,
      message: msg,
      source: { component: this.component, ...(this.host ? { host: this.host } : {}) },
      firstTimestamp: ts,
      lastTimestamp: ts,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: this.component,
      reportingInstance: this.host,
    });
    if (this.dedup.size >= maxCacheEntries) this.dedup.delete(this.dedup.keys().next().value!);
    this.dedup.set(key, { name, namespace, count: 1 });
  }
}
