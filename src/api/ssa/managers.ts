/**
 * metadata.managedFields as the apiserver's fieldmanager keeps it (k8s.io/apiserver/pkg/endpoints/
 * handlers/fieldmanager and apimachinery/pkg/util/managedfields/internal): decode/encode, manager
 * identifiers, entry order, the fields no manager owns (stripMeta), reset fields per subresource,
 * the cap on update managers, and Go zero-value structs for comparisons.
 */
import type { KObject, ManagedFieldsEntryT } from '../meta.js';
import { type AnySchema, metaOf, objectShape } from '../schema-walk.js';
import { type FieldPath, PathSet, fieldPath } from './path-set.js';
import { isObj, resolve, childSchema } from './typed.js';

export interface ManagerState {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  subresource?: string;
  time?: string | null;
  set: PathSet;
}

/** Managers by identifier (BuildManagerIdentifier: JSON without time/fields; Apply without apiVersion). */
export type Managed = Map<string, ManagerState>;

export function managerId(m: { manager: string; operation: string; apiVersion?: string; subresource?: string }): string {
  const o: Record<string, string> = { manager: m.manager, operation: m.operation };
  if (m.operation !== 'Apply' && m.apiVersion) o.apiVersion = m.apiVersion;
  if (m.subresource) o.subresource = m.subresource;
  return JSON.stringify(o);
}

export function decodeManagedFields(entries: ManagedFieldsEntryT[] | undefined | null): Managed {
  const out: Managed = new Map();
  for (const e of entries ?? []) {
    const st: ManagerState = {
      manager: e.manager ?? '',
      operation: e.operation === 'Apply' ? 'Apply' : 'Update',
      apiVersion: e.apiVersion ?? '',
      subresource: e.subresource || undefined,
      time: e.time,
      set: PathSet.fromFieldsV1(e.fieldsV1),
    };
    out.set(managerId(st), st);
  }
  return out;
}

const seconds = (t: string | null | undefined) => (t ? Math.floor(Date.parse(t) / 1000) : 0);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Entries sorted as sortEncodedManagedFields: operation, time (seconds), manager, apiVersion, subresource. */
export function encodeManagedFields(managed: Managed): ManagedFieldsEntryT[] {
  const list = [...managed.values()].filter((m) => !m.set.empty());
  list.sort(
    (p, q) =>
      cmp(p.operation, q.operation) ||
      seconds(p.time) - seconds(q.time) ||
      cmp(p.manager, q.manager) ||
      cmp(p.apiVersion, q.apiVersion) ||
      cmp(p.subresource ?? '', q.subresource ?? ''),
  );
  return list.map((m) => {
    const e: ManagedFieldsEntryT = { manager: m.manager, operation: m.operation, apiVersion: m.apiVersion };
    if (m.time) e.time = m.time;
    e.fieldsType = 'FieldsV1';
    e.fieldsV1 = m.set.toFieldsV1();
    if (m.subresource) e.subresource = m.subresource;
    return e;
  });
}

/** Write the entries to the object (none: the field is dropped, as upstream encodes nil). */
export function setManagedFields(obj: KObject, managed: Managed): ManagedFieldsEntryT[] {
  const entries = encodeManagedFields(managed);
  if (!obj.metadata) obj.metadata = {};
  if (entries.length) obj.metadata.managedFields = entries;
  else delete obj.metadata.managedFields;
  return entries;
}

/** stripMetaManager: paths nobody owns (exact paths: metadata.labels etc. stay ownable). */
export const stripSet = PathSet.of(
  fieldPath('apiVersion'),
  fieldPath('kind'),
  fieldPath('metadata'),
  fieldPath('metadata', 'name'),
  fieldPath('metadata', 'namespace'),
  fieldPath('metadata', 'creationTimestamp'),
  fieldPath('metadata', 'selfLink'),
  fieldPath('metadata', 'uid'),
  fieldPath('metadata', 'clusterName'),
  fieldPath('metadata', 'generation'),
  fieldPath('metadata', 'managedFields'),
  fieldPath('metadata', 'resourceVersion'),
);

/**
 * The strategy's reset fields (GetResetFields): the main resource does not own status; the status
 * subresource owns nothing but status (and metadata, which its strategy keeps from the old object).
 */
export function resetFieldsFor(schema: AnySchema, subresource: string | undefined): PathSet {
  const key = subresource === 'status' ? 'status' : 'main';
  let bySub = resetFieldsCache.get(schema);
  if (!bySub) resetFieldsCache.set(schema, (bySub = {}));
  return (bySub[key] ??= computeResetFields(schema, key === 'status'));
}

/** Reset fields per schema and subresource kind: built once (sets are not mutated once built). */
const resetFieldsCache = new WeakMap<AnySchema, { status?: PathSet; main?: PathSet }>();

function computeResetFields(schema: AnySchema, status: boolean): PathSet {
  const shape = objectShape(schema) ?? {};
  if (status) {
    const paths: FieldPath[] = Object.keys(shape)
      .filter((k) => !['status', 'metadata', 'apiVersion', 'kind'].includes(k))
      .map((k) => fieldPath(k));
    return PathSet.of(...paths);
  }
  return shape.status ? PathSet.of(fieldPath('status')) : new PathSet();
}

export const DefaultMaxUpdateManagers = 10;

/** capManagersManager: past 10 update managers, the oldest merge into "ancient-changes" per version. */
export function capUpdateManagers(managed: Managed, max = DefaultMaxUpdateManagers): void {
  const updaters = [...managed.entries()].filter(([, m]) => m.operation === 'Update').map(([id]) => id);
  if (updaters.length <= max) return;
  updaters.sort((a, b) => seconds(managed.get(a)!.time) - seconds(managed.get(b)!.time) || cmp(a, b));
  const firstByVersion = new Map<string, string>();
  let length = updaters.length;
  for (let i = 0; i < updaters.length && length > max; i++) {
    const id = updaters[i]!;
    const m = managed.get(id)!;
    const bucketState = { manager: 'ancient-changes', operation: 'Update' as const, apiVersion: m.apiVersion };
    const bucket = managerId(bucketState);
    const first = firstByVersion.get(m.apiVersion);
    if (first === undefined) {
      firstByVersion.set(m.apiVersion, id);
      continue;
    }
    if (!managed.has(bucket)) {
      const s = managed.get(first)!;
      managed.delete(first);
      managed.set(bucket, { ...s, ...bucketState, subresource: undefined });
    }
    const b = managed.get(bucket)!;
    managed.set(bucket, { ...b, set: m.set.union(b.set), time: m.time });
    managed.delete(id);
    length--;
  }
}

/**
 * Fields Go types hold by value, by OpenAPI id: structs marshal as {} when empty, metav1.Time as
 * null. The apiserver compares typed objects, so these exist on both sides of a comparison.
 */
const goZeroFields: Record<string, Record<string, unknown>> = {
  'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': { creationTimestamp: null },
  'io.k8s.api.apps.v1.DeploymentSpec': { template: {}, strategy: {} },
  'io.k8s.api.apps.v1.ReplicaSetSpec': { template: {} },
  'io.k8s.api.apps.v1.StatefulSetSpec': { template: {}, updateStrategy: {} },
  'io.k8s.api.apps.v1.DaemonSetSpec': { template: {}, updateStrategy: {} },
  'io.k8s.api.core.v1.PodTemplateSpec': { metadata: {}, spec: {} },
  'io.k8s.api.core.v1.PodSpec': { containers: null },
  'io.k8s.api.core.v1.PodTemplate': { template: {} },
  'io.k8s.api.batch.v1.JobSpec': { template: {} },
  'io.k8s.api.batch.v1.CronJobSpec': { jobTemplate: {} },
  'io.k8s.api.batch.v1.JobTemplateSpec': { metadata: {}, spec: {} },
  'io.k8s.api.core.v1.Container': { resources: {} },
  'io.k8s.api.core.v1.EphemeralContainer': { resources: {} },
  'io.k8s.api.core.v1.PersistentVolumeClaimSpec': { resources: {} },
  'io.k8s.api.core.v1.ServiceStatus': { loadBalancer: {} },
  'io.k8s.api.core.v1.NodeStatus': { daemonEndpoints: {}, nodeInfo: {} },
  'io.k8s.api.core.v1.NodeDaemonEndpoints': { kubeletEndpoint: {} },
  'io.k8s.api.core.v1.Event': { involvedObject: {}, source: {} },
  'io.k8s.api.autoscaling.v1.HorizontalPodAutoscalerSpec': { scaleTargetRef: {} },
  'io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerSpec': { scaleTargetRef: {} },
  'io.k8s.api.discovery.v1.Endpoint': { conditions: {} },
};

/**
 * A copy of `v` with Go's by-value fields filled in (top-level metadata/spec/status always, nested
 * ones from the table above), so comparisons see what the apiserver's typed objects hold.
 */
export function withGoZeroStructs(v: unknown, schema: AnySchema | undefined, top = true): unknown {
  if (!schema) return v;
  const ty = resolve(schema, v);
  if (ty.t === 'struct' && isObj(v)) {
    const out: Record<string, unknown> = { ...v };
    for (const [f, z] of zeroFill(schema, ty.fields, top)) if (out[f] === undefined) out[f] = z === null ? null : { ...(z as object) };
    for (const k in out) {
      const c = out[k];
      if (isObj(c) || Array.isArray(c)) out[k] = withGoZeroStructs(c, childSchema(ty, schema, k), false);
    }
    return out;
  }
  if (ty.t === 'map' && isObj(v)) {
    const out: Record<string, unknown> = {};
    for (const k in v) out[k] = withGoZeroStructs(v[k], ty.elem, false);
    return out;
  }
  if (ty.t === 'list' && Array.isArray(v)) return v.map((i) => withGoZeroStructs(i, ty.elem, false));
  return v;
}

/** The zero values a struct schema fills in (only fields it has), per schema and level. */
const zeroFills = new WeakMap<AnySchema, { top?: Array<[string, unknown]>; nested?: Array<[string, unknown]> }>();

function zeroFill(schema: AnySchema, fields: Record<string, AnySchema>, top: boolean): Array<[string, unknown]> {
  let e = zeroFills.get(schema);
  if (!e) zeroFills.set(schema, (e = {}));
  const key = top ? 'top' : 'nested';
  let fill = e[key];
  if (!fill) {
    const all: Record<string, unknown> = { ...(top ? { metadata: {}, spec: {}, status: {} } : {}), ...(goZeroFields[metaOf(schema).id ?? ''] ?? {}) };
    e[key] = fill = Object.entries(all).filter(([f]) => fields[f]);
  }
  return fill;
}

/** prefixFromUserAgent: the User-Agent up to the first '/', printable characters, at most 128 bytes. */
export function managerFromUserAgent(userAgent: string): string {
  const m = userAgent.split('/')[0] ?? '';
  let out = '';
  let bytes = 0;
  for (const ch of m) {
    if (!/^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch)) continue;
    const n = Buffer.byteLength(ch);
    if (bytes + n > 128) break;
    out += ch;
    bytes += n;
  }
  return out;
}

/** managerOrUserAgent. */
export const managerOrUserAgent = (manager: string | undefined, userAgent: string | undefined): string =>
  manager ? manager : managerFromUserAgent(userAgent ?? '');
