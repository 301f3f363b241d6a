/**
 * events.k8s.io/v1 Event: schema and validation. Upstream converts it to the internal core.Event and
 * runs ValidateEventCreate/Update with the strict events.k8s.io rules, so error paths use the
 * internal names (involvedObject, message, reportingController, source, firstTimestamp...).
 */
import { z } from 'zod';
import type { FieldError } from '../field-errors.js';
import { MicroTime, ObjectMeta, Time } from '../meta.js';
import { nameIsDNSSubdomain } from '../validation.js';
import {
  EventSource,
  type InternalEvent,
  legacyValidateEvent,
  strictValidateEventCreate,
  strictValidateEventUpdate,
} from '../core/event.js';
import { ObjectReference } from '../core/object-reference.js';

const int = () => z.number().int();

export const EventsV1EventSeries = z
  .object({
    count: int().describe('Number of occurrences in this series up to the last heartbeat.'),
    lastObservedTime: z.lazy(() => MicroTime).describe('When the last occurrence was observed.'),
  })
  .meta({ id: 'io.k8s.api.events.v1.EventSeries', description: 'Data about a series of recurring events.' });

export const EventsV1Event = z
  .object({
    apiVersion: z.string().optional().describe('events.k8s.io/v1'),
    kind: z.string().optional().describe('Event'),
    metadata: z.lazy(() => ObjectMeta).describe('Standard object metadata.'),
    eventTime: z.lazy(() => MicroTime).describe('When the event was first observed. Required.'),
    series: EventsV1EventSeries.optional().describe('Data about the series this event belongs to, if it recurs.'),
    reportingController: z.string().optional().describe('The controller that emitted the event, e.g. kubernetes.io/kubelet. Required.'),
    reportingInstance: z.string().optional().describe('The instance of the controller, e.g. kubelet-xyzf. Required.'),
    action: z.string().optional().describe('What action was taken or failed regarding the regarding object.'),
    reason: z.string().optional().describe('Why the action was taken, in CamelCase.'),
    regarding: ObjectReference.optional().describe('The object this event is about.'),
    related: ObjectReference.optional().describe('A secondary object involved, if any.'),
    note: z.string().optional().describe('A human-readable description of what happened, at most 1kB.'),
    type: z.string().optional().describe('Normal or Warning.'),
    deprecatedSource: EventSource.optional().describe('Deprecated: the core/v1 source field.'),
    deprecatedFirstTimestamp: Time.optional().describe('Deprecated: the core/v1 firstTimestamp field.'),
    deprecatedLastTimestamp: Time.optional().describe('Deprecated: the core/v1 lastTimestamp field.'),
    deprecatedCount: int().optional().describe('Deprecated: the core/v1 count field.'),
  })
  .meta({ id: 'io.k8s.api.events.v1.Event', description: 'A report of something that happened in the cluster (the events.k8s.io form).' });
export type EventsV1EventT = z.infer<typeof EventsV1Event>;

export const eventsV1EventNameValidator = nameIsDNSSubdomain;

/** Convert_v1_Event_To_core_Event, reduced to what validation reads. */
export function eventsV1ToInternal(e: EventsV1EventT): InternalEvent {
  return {
    namespace: e.metadata?.namespace ?? '',
    involvedObject: (e.regarding ?? {}) as InternalEvent['involvedObject'],
    reason: e.reason ?? '',
    message: e.note ?? '',
    source: e.deprecatedSource ?? {},
    firstTimestamp: e.deprecatedFirstTimestamp,
    lastTimestamp: e.deprecatedLastTimestamp,
    count: e.deprecatedCount ?? 0,
    type: e.type ?? '',
    eventTime: e.eventTime,
    series: e.series,
    action: e.action ?? '',
    related: e.related,
    reportingController: e.reportingController ?? '',
    reportingInstance: e.reportingInstance ?? '',
  };
}

/** ValidateEventCreate for events.k8s.io/v1 (metadata is the store's). */
export function validateEventsV1Event(e: EventsV1EventT): FieldError[] {
  const i = eventsV1ToInternal(e);
  return [...legacyValidateEvent(i), ...strictValidateEventCreate(i)];
}

/** ValidateEventUpdate for events.k8s.io/v1. */
export function validateEventsV1EventUpdate(e: EventsV1EventT, old: EventsV1EventT): FieldError[] {
  const i = eventsV1ToInternal(e);
  return [...legacyValidateEvent(i), ...strictValidateEventUpdate(i, eventsV1ToInternal(old))];
}
