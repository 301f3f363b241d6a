/**
 * The order groups and versions are listed in discovery, as upstream's kube-aggregator does it:
 * groups by a fixed priority table (core first, then apps, events.k8s.io, ...), unknown groups after
 * them by name; versions in a group GA first, then beta, then alpha, higher numbers first
 * (k8s.io/apimachinery/pkg/version CompareKubeAwareVersionStrings).
 */

/** Group priorities from kube-aggregator's apiVersionPriorities (higher first). */
const GROUP_PRIORITY: Record<string, number> = {
  '': 18000,
  'apiregistration.k8s.io': 17900,
  apps: 17800,
  'events.k8s.io': 17750,
  'authentication.k8s.io': 17700,
  'authorization.k8s.io': 17600,
  autoscaling: 17500,
  batch: 17400,
  'certificates.k8s.io': 17300,
  'networking.k8s.io': 17200,
  policy: 17100,
  'rbac.authorization.k8s.io': 17000,
  'storage.k8s.io': 16800,
  'admissionregistration.k8s.io': 16700,
  'apiextensions.k8s.io': 16700,
  'scheduling.k8s.io': 16600,
  'coordination.k8s.io': 16500,
  'node.k8s.io': 16300,
  'discovery.k8s.io': 16200,
  'flowcontrol.apiserver.k8s.io': 16100,
  'internal.apiserver.k8s.io': 16000,
  'resource.k8s.io': 15900,
  'storagemigration.k8s.io': 15800,
  // Aggregated APIs (metrics-server registers metrics.k8s.io with group priority 100).
  'metrics.k8s.io': 100,
};

export function compareGroups(a: string, b: string): number {
  const pa = GROUP_PRIORITY[a] ?? 0;
  const pb = GROUP_PRIORITY[b] ?? 0;
  if (pa !== pb) return pb - pa;
  return a < b ? -1 : a > b ? 1 : 0;
}

const kubeVersionRe = /^v(\d+)(?:(alpha|beta)(\d+))?$/;

/** Negative when a should be listed before b (a is the more preferred version). */
export function compareVersions(a: string, b: string): number {
  const ma = kubeVersionRe.exec(a);
  const mb = kubeVersionRe.exec(b);
  if (!ma || !mb) {
    if (ma) return -1;
    if (mb) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  const rank = (m: RegExpExecArray) => (m[2] === undefined ? 2 : m[2] === 'beta' ? 1 : 0);
  const ra = rank(ma);
  const rb = rank(mb);
  if (ra !== rb) return rb - ra;
  const major = Number(mb[1]) - Number(ma[1]);
  if (major !== 0) return major;
  return Number(mb[3] ?? 0) - Number(ma[3] ?? 0);
}
