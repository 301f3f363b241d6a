/**
 * ReplicaSet helpers of pkg/controller (controller_utils.go) and deployment_util.go: the sort orders
 * (by creation timestamp, by size older/newer first, by revision), FilterActiveReplicaSets,
 * EqualIgnoreHash, FindNewReplicaSet / FindOldReplicaSets, SetFromReplicaSetTemplate and the label
 * helpers that add pod-template-hash.
 */
import type { DeploymentT } from '../../api/apps/deployment.js';
import type { ReplicaSetT } from '../../api/apps/replicaset.js';
import type { LabelSelectorT } from '../../api/meta.js';
import { parseTime } from '../../util/clock.js';
import { revision } from './annotations.js';
import { DefaultDeploymentUniqueLabelKey, rsReplicas } from './util.js';

type RS = ReplicaSetT;
type Template = NonNullable<DeploymentT['spec']>['template'];

const created = (rs: RS): number => parseTime(rs.metadata.creationTimestamp) ?? 0;
const name = (rs: RS): string => rs.metadata.name ?? '';

/** ReplicaSetsByCreationTimestamp.Less: older first, ties by name. */
export function byCreationTimestamp(a: RS, b: RS): number {
  const ta = created(a);
  const tb = created(b);
  if (ta === tb) return name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0;
  return ta - tb;
}
/** ReplicaSetsBySizeOlder: larger first; same size, older first. */
export function bySizeOlder(a: RS, b: RS): number {
  if (rsReplicas(a) === rsReplicas(b)) return byCreationTimestamp(a, b);
  return rsReplicas(b) - rsReplicas(a);
}
/** ReplicaSetsBySizeNewer: larger first; same size, newer first. */
export function bySizeNewer(a: RS, b: RS): number {
  if (rsReplicas(a) === rsReplicas(b)) return byCreationTimestamp(b, a);
  return rsReplicas(b) - rsReplicas(a);
}
/** ReplicaSetsByRevision: lower revision first; unparsable or equal revisions by creation time. */
export function byRevision(a: RS, b: RS): number {
  let ra: number;
  let rb: number;
  try {
    ra = revision(a);
    rb = revision(b);
  } catch {
    return byCreationTimestamp(a, b);
  }
  if (ra === rb) return byCreationTimestamp(a, b);
  return ra - rb;
}

/** FilterActiveReplicaSets: non-nil with spec.replicas > 0. */
export function filterActiveReplicaSets(rss: Array<RS | undefined | null>): RS[] {
  return rss.filter((rs): rs is RS => !!rs && rsReplicas(rs) > 0);
}

/** Drop null, empty maps and empty lists, as apimachinery's semantic DeepEqual treats them as unset. */
function normalize(v: unknown): unknown {
  if (Array.isArray(v)) return v.length === 0 ? undefined : v.map(normalize);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const n = normalize((v as Record<string, unknown>)[k]);
      if (n !== undefined) out[k] = n;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return v === null ? undefined : v;
}

/** EqualIgnoreHash: two pod templates are equal apart from their pod-template-hash label. */
export function equalIgnoreHash(t1: Template | undefined, t2: Template | undefined): boolean {
  const strip = (t: Template | undefined) => {
    const c = structuredClone(t ?? {}) as Template;
    if (c.metadata?.labels) delete c.metadata.labels[DefaultDeploymentUniqueLabelKey];
    return JSON.stringify(normalize(c) ?? {});
  };
  return strip(t1) === strip(t2);
}

/** FindNewReplicaSet: the oldest RS whose template equals the deployment's (sorts rsList in place). */
export function findNewReplicaSet(d: DeploymentT, rsList: RS[]): RS | undefined {
  rsList.sort(byCreationTimestamp);
  return rsList.find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

/** FindOldReplicaSets: [old RSes with replicas, all old RSes]. */
export function findOldReplicaSets(d: DeploymentT, rsList: RS[]): [RS[], RS[]] {
  const newRS = findNewReplicaSet(d, rsList);
  const required: RS[] = [];
  const all: RS[] = [];
  for (const rs of rsList) {
    if (newRS && rs.metadata.uid === newRS.metadata.uid) continue;
    all.push(rs);
    if (rsReplicas(rs) !== 0) required.push(rs);
  }
  return [required, all];
}

/** SetFromReplicaSetTemplate: the deployment takes the RS's template without pod-template-hash. */
export function setFromReplicaSetTemplate(d: DeploymentT, template: Template): DeploymentT {
  const t = structuredClone(template);
  if (t.metadata?.labels) {
    delete t.metadata.labels[DefaultDeploymentUniqueLabelKey];
  }
  d.spec!.template = t;
  return d;
}

/** labelsutil.CloneAndAddLabel. */
export function cloneAndAddLabel(labels: Record<string, string> | undefined | null, key: string, value: string): Record<string, string> {
  if (key === '') return { ...(labels ?? {}) };
  return { ...(labels ?? {}), [key]: value };
}

/** labelsutil.CloneSelectorAndAddLabel. */
export function cloneSelectorAndAddLabel(sel: LabelSelectorT, key: string, value: string): LabelSelectorT {
  const out = structuredClone(sel);
  if (key === '') return out;
  out.matchLabels = { ...(out.matchLabels ?? {}), [key]: value };
  return out;
}
