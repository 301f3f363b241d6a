/**
 * Events: printEvent. core/v1 Events and events.k8s.io/v1 Events share the printer upstream (both are
 * the internal core Event); the events.k8s.io field names (regarding, note, deprecated*) are read as
 * the conversion maps them.
 */
import type { TableConvertor } from '../resource-def.js';
import { type J, col, int, isZero, meta, rec, str, timeOf, translateTimestampSince, NAME_DESCRIPTION } from './common.js';

/** formatEventSource: "component, host", falling back to reportingController / reportingInstance. */
export function formatEventSource(source: J, reportingController: unknown, reportingInstance: unknown): string {
  const s = rec(source);
  const component = str(s.component) || str(reportingController);
  const instance = str(s.host) || str(reportingInstance);
  return instance.length === 0 ? component : `${component}, ${instance}`;
}

export const eventTable: TableConvertor = {
  columns: [
    col('Last Seen', 'string', 'The time at which the most recent occurrence of this event was recorded.'),
    col('Type', 'string', 'Type of this event (Normal, Warning), new types could be added in the future'),
    col('Reason', 'string', 'A short, machine understandable string that gives the reason for the transition into the object\'s current status.'),
    col('Object', 'string', 'The object that this event is about.'),
    col('Subobject', 'string', 'The part of the object the event is about, such as a container: spec.containers{name}.', { priority: 1 }),
    col('Source', 'string', 'The component reporting this event.', { priority: 1 }),
    col('Message', 'string', 'A human-readable description of the status of this operation.'),
    col('First Seen', 'string', 'The time at which the event was first recorded.', { priority: 1 }),
    col('Count', 'string', 'The number of times this event has occurred.', { priority: 1 }),
    col('Name', 'string', NAME_DESCRIPTION, { priority: 1, format: 'name' }),
  ],
  cells(obj: J, now) {
    const involved = rec(obj.involvedObject ?? obj.regarding);
    const firstTs = timeOf(obj.firstTimestamp ?? obj.deprecatedFirstTimestamp);
    const lastTs = timeOf(obj.lastTimestamp ?? obj.deprecatedLastTimestamp);
    let firstTimestamp = translateTimestampSince(firstTs, now);
    if (isZero(firstTs)) firstTimestamp = translateTimestampSince(obj.eventTime, now);
    let lastTimestamp = translateTimestampSince(lastTs, now);
    if (isZero(lastTs)) lastTimestamp = firstTimestamp;
    let count = int(obj.count ?? obj.deprecatedCount);
    if (obj.series != null) {
      const series = rec(obj.series);
      lastTimestamp = translateTimestampSince(series.lastObservedTime, now);
      count = int(series.count);
    } else if (count === 0) {
      // Singleton events don't have a count set in the new API.
      count = 1;
    }
    const kind = str(involved.kind).toLowerCase();
    const target = str(involved.name).length > 0 ? `${kind}/${str(involved.name)}` : kind;
    return [
      lastTimestamp,
      str(obj.type),
      str(obj.reason),
      target,
      str(involved.fieldPath),
      formatEventSource(obj.source ?? obj.deprecatedSource, obj.reportingController ?? obj.reportingComponent, obj.reportingInstance),
      str(obj.message ?? obj.note).trim(),
      firstTimestamp,
      count,
      str(meta(obj).name),
    ];
  },
};
