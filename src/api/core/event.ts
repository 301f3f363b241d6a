/**
 * core/v1 Event: schema and validation (pkg/apis/core/validation/events.go). Requests through the
 * core/v1 API get only the legacy checks; events.k8s.io/v1 (src/api/events/event.ts) adds the strict
 * ones. Field paths are the internal type's names (reportingController, not reportingComponent).
 */
import { z } from 'zod';
import { type FieldError, Path, invalid, required } from '../field-errors.js';
import { MicroTime, ObjectMeta, Time } from '../meta.js';
import { deepEqual, isDNS1123Subdomain, isQualifiedName, nameIsDNSSubdomain, validateImmutable } from '../validation.js';
import { ObjectReference } from './object-reference.js';
import { int, named, opt, req, str } from './pod-schema-helpers.js';

export const EventSource = named(
  'EventSource',
  z.object({
    component: opt(str(), 'The component reporting the event.'),
    host: opt(str(), 'The node the event was generated on.'),
  }),
  'Where an event came from.',
);

export const EventSeries = named(
  'EventSeries',
  z.object({
    count: opt(int(), 'Number of occurrences in this series up to the last heartbeat.'),
    lastObservedTime: opt(MicroTime, 'When the last occurrence was observed.'),
  }),
  'Data about a series of recurring events.',
);

export const Event = z
  .object({
    apiVersion: opt(str(), 'v1'),
    kind: opt(str(), 'Event'),
    metadata: req(ObjectMeta, 'Standard object metadata.'),
    involvedObject: req(ObjectReference, 'The object this event is about.'),
    reason: opt(str(), 'A short CamelCase reason for the transition, such as Scheduled or BackOff.'),
    message: opt(str(), 'A human-readable description of what happened.'),
    source: opt(EventSource, 'The component reporting this event. Use reportingComponent in new code.'),
    firstTimestamp: opt(Time, 'When the event was first recorded.'),
    lastTimestamp: opt(Time, 'When the most recent occurrence was recorded.'),
    count: opt(int(), 'How many times the event has occurred.'),
    type: opt(str(), 'Normal or Warning.'),
    eventTime: opt(MicroTime, 'When the event was first observed (new-style events).'),
    series: opt(EventSeries, 'Data about the series this event belongs to, if it recurs.'),
    action: opt(str(), 'What action was taken or failed regarding the involved object.'),
    related: opt(ObjectReference, 'A secondary object involved, if any.'),
    reportingComponent: opt(str(), 'The controller that emitted the event, e.g. kubernetes.io/kubelet.'),
    reportingInstance: opt(str(), 'The instance of the controller, e.g. kubelet-xyzf.'),
  })
  .meta({ id: 'io.k8s.api.core.v1.Event', description: 'A report of something that happened in the cluster.' });
export type EventT = z.infer<typeof Event>;

/**
 * Upstream skips ObjectMeta validation for core/v1 events entirely; names are still used in URLs,
 * so the store's subdomain check is the closest safe rule (event names are "<object>.<hex>").
 */
export const eventNameValidator = nameIsDNSSubdomain;

export const ReportingInstanceLengthLimit = 128;
export const ActionLengthLimit = 128;
export const ReasonLengthLimit = 128;
export const NoteLengthLimit = 1024;

const root = (...f: string[]) => new Path().child(...f);

/**
 * The fields of the internal core.Event that validation reads. core/v1 and events.k8s.io/v1 events
 * are both mapped onto this shape.
 */
export interface InternalEvent {
  namespace: string;
  involvedObject: { namespace?: string } & Record<string, unknown>;
  reason: string;
  message: string;
  source: { component?: string; host?: string };
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  count: number;
  type: string;
  eventTime?: string | null;
  series?: { count?: number; lastObservedTime?: string | null } | null;
  action: string;
  related?: unknown;
  reportingController: string;
  reportingInstance: string;
}

export function coreEventToInternal(e: EventT): InternalEvent {
  return {
    namespace: e.metadata?.namespace ?? '',
    involvedObject: (e.involvedObject ?? {}) as InternalEvent['involvedObject'],
    reason: e.reason ?? '',
    message: e.message ?? '',
    source: e.source ?? {},
    firstTimestamp: e.firstTimestamp,
    lastTimestamp: e.lastTimestamp,
    count: e.count ?? 0,
    type: e.type ?? '',
    eventTime: e.eventTime,
    series: e.series,
    action: e.action ?? '',
    related: e.related,
    reportingController: e.reportingComponent ?? '',
    reportingInstance: e.reportingInstance ?? '',
  };
}

/** legacyValidateEvent: what every event must satisfy, whatever API it came through. */
export function legacyValidateEvent(e: InternalEvent): FieldError[] {
  const errs: FieldError[] = [];
  const ioNs = e.involvedObject.namespace ?? '';
  const mismatch = () => invalid(root('involvedObject', 'namespace'), ioNs, 'does not match event.namespace');
  if (!e.eventTime) {
    if (ioNs === '') {
      if (e.namespace !== '' && e.namespace !== 'default') errs.push(mismatch());
    } else if (e.namespace !== ioNs) errs.push(mismatch());
  } else {
    if (ioNs === '' && e.namespace !== 'default' && e.namespace !== 'kube-system') errs.push(mismatch());
    if (!e.reportingController) errs.push(required(root('reportingController')));
    for (const m of isQualifiedName(e.reportingController)) errs.push(invalid(root('reportingController'), e.reportingController, m));
    if (!e.reportingInstance) errs.push(required(root('reportingInstance')));
    if (e.reportingInstance.length > ReportingInstanceLengthLimit)
      errs.push(invalid(root('reportingInstance'), '', `can have at most ${ReportingInstanceLengthLimit} characters`));
    if (!e.action) errs.push(required(root('action')));
    if (e.action.length > ActionLengthLimit) errs.push(invalid(root('action'), '', `can have at most ${ActionLengthLimit} characters`));
    if (!e.reason) errs.push(required(root('reason')));
    if (e.reason.length > ReasonLengthLimit) errs.push(invalid(root('reason'), '', `can have at most ${ReasonLengthLimit} characters`));
    if (e.message.length > NoteLengthLimit) errs.push(invalid(root('message'), '', `can have at most ${NoteLengthLimit} characters`));
  }
  for (const m of isDNS1123Subdomain(e.namespace)) errs.push(invalid(root('namespace'), e.namespace, m));
  return errs;
}

/** validateV1EventSeries. */
export function validateV1EventSeries(e: InternalEvent): FieldError[] {
  const errs: FieldError[] = [];
  if (e.series) {
    if ((e.series.count ?? 0) < 2) errs.push(invalid(root('series.count'), '', 'should be at least 2'));
    if (!e.series.lastObservedTime) errs.push(required(root('series.lastObservedTime')));
  }
  return errs;
}

/** ValidateEventCreate for a core/v1 request: legacy checks only. */
export function validateEvent(e: EventT): FieldError[] {
  return legacyValidateEvent(coreEventToInternal(e));
}

/** ValidateEventUpdate for a core/v1 request: legacy checks only. */
export function validateEventUpdate(e: EventT, _old: EventT): FieldError[] {
  return validateEvent(e);
}

/** The strict checks ValidateEventCreate adds for events.k8s.io/v1 (metadata is the store's). */
export function strictValidateEventCreate(e: InternalEvent): FieldError[] {
  const errs = validateV1EventSeries(e);
  if (!e.eventTime) errs.push(required(root('eventTime')));
  if (e.type !== 'Normal' && e.type !== 'Warning') errs.push(invalid(root('type'), '', `has invalid value: ${e.type}`));
  if (e.firstTimestamp) errs.push(invalid(root('firstTimestamp'), '', 'needs to be unset'));
  if (e.lastTimestamp) errs.push(invalid(root('lastTimestamp'), '', 'needs to be unset'));
  if (e.count !== 0) errs.push(invalid(root('count'), '', 'needs to be unset'));
  if (e.source.component || e.source.host) errs.push(invalid(root('source'), '', 'needs to be unset'));
  return errs;
}

/** The strict checks ValidateEventUpdate adds for events.k8s.io/v1. */
export function strictValidateEventUpdate(e: InternalEvent, old: InternalEvent): FieldError[] {
  const errs: FieldError[] = [];
  if (!deepEqual(e.series ?? null, old.series ?? null)) errs.push(...validateV1EventSeries(e));
  const imm = (name: keyof InternalEvent, a: unknown, b: unknown) => errs.push(...validateImmutable(a, b, root(name)));
  imm('involvedObject', e.involvedObject, old.involvedObject);
  imm('reason', e.reason, old.reason);
  imm('message', e.message, old.message);
  imm('source', e.source, old.source);
  imm('firstTimestamp', e.firstTimestamp ?? null, old.firstTimestamp ?? null);
  imm('lastTimestamp', e.lastTimestamp ?? null, old.lastTimestamp ?? null);
  imm('count', e.count, old.count);
  imm('reason', e.reason, old.reason);
  imm('type', e.type, old.type);
  imm('eventTime', e.eventTime ?? null, old.eventTime ?? null);
  imm('action', e.action, old.action);
  imm('related', e.related ?? null, old.related ?? null);
  errs.push(...validateImmutable(e.reportingController, old.reportingController, root('reportingController')));
  errs.push(...validateImmutable(e.reportingInstance, old.reportingInstance, root('reportingInstance')));
  return errs;
}
