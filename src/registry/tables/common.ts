/**
 * Shared pieces of server-side printing (pkg/printers/internalversion/printers.go and
 * k8s.io/apimachinery/pkg/util/duration): durations, ages, label and selector formatting, column
 * definitions, and the DefaultTableConvertor for kinds without a printer.
 *
 * Printers read the REST shape of an object as plain JSON, loosely typed: every accessor tolerates
 * missing or ill-typed fields the way a Go zero value would.
 */
import { canonicalQuantity } from '../../api/quantity.js';
import { isQualifiedName, isValidLabelValue } from '../../api/validation.js';
import type { ColumnDefinition, TableConvertor } from '../resource-def.js';
import { parseTime } from '../../util/clock.js';

/** Loosely typed JSON, as the printers read it. */
export type J = any;

// ---- JSON accessors with Go zero-value semantics ----

export const str = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : String(v));
export const int = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : 0);
export const arr = (v: unknown): J[] => (Array.isArray(v) ? v : []);
export const rec = (v: unknown): Record<string, J> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, J>) : {};
export const meta = (obj: J): Record<string, J> => rec(rec(obj).metadata);

// ---- time ----

/** Go's zero time.Time; an unset timestamp. */
export const ZERO_TIME = Number.NEGATIVE_INFINITY;
const GO_ZERO_MS = -62135596800000; // 0001-01-01T00:00:00Z

/** A metav1.Time / MicroTime JSON value as ms since the epoch, or ZERO_TIME when unset or unparseable. */
export function timeOf(v: unknown): number {
  const t = parseTime(v);
  if (t === undefined || t <= GO_ZERO_MS) return ZERO_TIME;
  return t;
}
export const isZero = (t: number) => t === ZERO_TIME;

/**
 * duration.ShortHumanDuration: "0s", "59s", "5m", "3h", "4d", "2y"; "<invalid>" for more than a
 * second in the future. `ms` is a duration in milliseconds.
 */
export function shortHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.trunc(ms / 60_000);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.trunc(ms / 3_600_000);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`;
  return `${Math.trunc(ms / 3_600_000 / 24 / 365)}y`;
}

/**
 * duration.HumanDuration: ~2-3 significant figures. "119s", "3m10s", "70m", "3h1m", "47h", "2d1h",
 * "8d", "367d", "2y1d", "8y"; "<invalid>" for more than a second in the future.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / 60_000);
  if (minutes < 10) {
    const s = Math.trunc(ms / 1000) % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / 3_600_000);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    const y = Math.trunc(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** translateTimestampSince: the age of a timestamp ("5m"), "<unknown>" when unset. */
export function translateTimestampSince(ts: unknown, now: number): string {
  const t = typeof ts === 'number' ? ts : timeOf(ts);
  if (isZero(t)) return '<unknown>';
  return humanDuration(now - t);
}

/** The Age cell every printer ends with. */
export const age = (obj: J, now: number) => translateTimestampSince(meta(obj).creationTimestamp, now);

// ---- labels and selectors ----

/** labels.Set(m).String(): sorted "k=v" joined by ",". */
export function labelsString(m: unknown): string {
  const r = rec(m);
  return Object.keys(r)
    .sort()
    .map((k) => `${k}=${str(r[k])}`)
    .join(',');
}

/** labels.FormatLabels: labelsString, or "<none>" when empty. */
export function formatLabels(m: unknown): string {
  return labelsString(m) || '<none>';
}

/**
 * metav1.LabelSelectorAsSelector(sel).String(). Returns undefined where upstream returns an error
 * (unknown operator, values on Exists/DoesNotExist, no values on In/NotIn, bad key or value).
 * A nil or empty selector is "" (labels.Nothing / labels.Everything).
 */
export function labelSelectorString(sel: unknown): string | undefined {
  if (sel == null) return '';
  const s = rec(sel);
  const reqs: { key: string; text: string }[] = [];
  const matchLabels = rec(s.matchLabels);
  for (const k of Object.keys(matchLabels)) {
    const v = str(matchLabels[k]);
    if (isQualifiedName(k).length || isValidLabelValue(v).length) return undefined;
    reqs.push({ key: k, text: `${k}=${v}` });
  }
  for (const e of arr(s.matchExpressions)) {
    const key = str(e?.key);
    const values = arr(e?.values).map(str);
    if (isQualifiedName(key).length) return undefined;
    let text: string;
    switch (e?.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) return undefined;
        if (values.some((v) => isValidLabelValue(v).length)) return undefined;
        text = `${key} ${e.operator === 'In' ? 'in' : 'notin'} (${[...values].sort().join(',')})`;
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length) return undefined;
        text = e.operator === 'Exists' ? key : `!${key}`;
        break;
      default:
        return undefined;
    }
    reqs.push({ key, text });
  }
  // internalSelector.Add sorts requirements by key.
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return reqs.map((r) => r.text).join(',');
}

/** metav1.FormatLabelSelector: "<none>" for an empty selector, "<error>" for an invalid one. */
export function formatLabelSelector(sel: unknown): string {
  const s = labelSelectorString(sel);
  if (s === undefined) return '<error>';
  return s || '<none>';
}

// ---- small printer helpers ----

/** layoutContainerCells: container names and images, each joined by ",". */
export function layoutContainerCells(containers: unknown): [string, string] {
  const cs = arr(containers);
  return [cs.map((c) => str(c?.name)).join(','), cs.map((c) => str(c?.image)).join(',')];
}

/** printBoolPtr: "True", "False", or "<unset>". */
export function printBoolPtr(v: unknown): string {
  if (typeof v !== 'boolean') return '<unset>';
  return v ? 'True' : 'False';
}

/** listWithMoreString: "a,b,c + 2 more...", "<unset>" when empty. */
export function listWithMoreString(list: string[], more: boolean, count: number, max: number): string {
  const ret = list.join(',');
  if (more) return `${ret} + ${count - max} more...`;
  return ret || '<unset>';
}

/** Is the condition of this type present with status "True"? (First match decides, as hasJobCondition.) */
export function conditionTrue(conditions: unknown, type: string): boolean {
  for (const c of arr(conditions)) if (c?.type === type) return c?.status === 'True';
  return false;
}

/**
 * resource.Quantity.String() of a JSON quantity: its canonical form ("1024Mi" -> "1Gi"). A value that
 * does not parse passes through as it is. A missing quantity prints like a nil *Quantity: "<nil>"
 * (or `zero` when given, for a zero Quantity value: "0").
 */
export function quantityString(v: unknown, zero = '<nil>'): string {
  if (v == null || v === '') return zero;
  if (typeof v !== 'string' && typeof v !== 'number') return str(v);
  try {
    return canonicalQuantity(v);
  } catch {
    return str(v);
  }
}

// ---- column definitions ----

/** metav1.ObjectMeta{}.SwaggerDoc()["name"] */
export const NAME_DESCRIPTION =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';
/** metav1.ObjectMeta{}.SwaggerDoc()["creationTimestamp"] */
export const CREATION_TIMESTAMP_DESCRIPTION =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

export const CONTAINERS_DESCRIPTION = 'Names of each container in the template.';
export const IMAGES_DESCRIPTION = 'Images referenced by each container in the template.';

/** A column definition; wide (-o wide only) columns have priority 1. */
export function col(
  name: string,
  type: ColumnDefinition['type'],
  description: string,
  opts: { priority?: number; format?: string } = {},
): ColumnDefinition {
  return { name, type, format: opts.format ?? '', description, priority: opts.priority ?? 0 };
}

export const nameColumn = (): ColumnDefinition => col('Name', 'string', NAME_DESCRIPTION, { format: 'name' });
export const ageColumn = (): ColumnDefinition => col('Age', 'string', CREATION_TIMESTAMP_DESCRIPTION);

/** Go's time.Time{}.UTC().Format(time.RFC3339) for an unset timestamp. */
const GO_ZERO_RFC3339 = '0001-01-01T00:00:00Z';

/**
 * rest.NewDefaultTableConvertor: "Name" and "Created At" (RFC 3339, UTC) for kinds without a
 * printer of their own.
 */
export const defaultTableConvertor: TableConvertor = {
  columns: [nameColumn(), col('Created At', 'date', CREATION_TIMESTAMP_DESCRIPTION)],
  cells(obj) {
    const m = meta(obj);
    const t = timeOf(m.creationTimestamp);
    const created = isZero(t) ? GO_ZERO_RFC3339 : new Date(Math.floor(t / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    return [str(m.name), created];
  },
};
