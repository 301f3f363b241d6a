/**
 * Discovery documents generated from the resource table, as upstream's apiserver builds them:
 * aggregated discovery (apidiscovery.k8s.io/v2 APIGroupDiscoveryList at /api and /apis) and the
 * legacy APIVersions (/api), APIGroupList (/apis), APIGroup (/apis/<group>) and APIResourceList
 * (/api/v1, /apis/<group>/<version>) with subresources as "deployments/scale" entries.
 */
import { createHash } from 'node:crypto';
import type { ResourceDef } from '../registry/resource-def.js';
import { compareGroups, compareVersions } from './group-order.js';

export const AGGREGATED_DISCOVERY_CONTENT_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/** Verbs of a resource with full storage (upstream lists them sorted). */
export const DEFAULT_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

export interface SubresourceInfo {
  name: string;
  /** Kind served; group/version set only when they differ from the parent's group version. */
  kind: string;
  group?: string;
  version?: string;
  verbs: string[];
}

type SubresourceName = keyof NonNullable<ResourceDef['subresources']>;

/**
 * What each subresource serves, as registered upstream: status and log answer with the parent's kind,
 * scale with autoscaling/v1 Scale, eviction with policy/v1 Eviction, connect subresources (exec, attach,
 * portforward, proxy) with their options kinds and the verbs of their HTTP methods.
 */
export function subresourceInfo(r: ResourceDef, name: SubresourceName): SubresourceInfo {
  switch (name) {
    case 'status':
      return { name, kind: r.kind, verbs: ['get', 'patch', 'update'] };
    case 'finalize':
      return { name, kind: r.kind, verbs: ['update'] };
    case 'scale':
      return { name, kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] };
    case 'binding':
      return { name, kind: 'Binding', ...crossGroup(r, '', 'v1'), verbs: ['create'] };
    case 'eviction':
      return { name, kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] };
    case 'log':
      return { name, kind: r.kind, verbs: ['get'] };
    case 'exec':
      return { name, kind: `${r.kind}ExecOptions`, verbs: ['create', 'get'] };
    case 'attach':
      return { name, kind: `${r.kind}AttachOptions`, verbs: ['create', 'get'] };
    case 'portforward':
      return { name, kind: `${r.kind}PortForwardOptions`, verbs: ['create', 'get'] };
    case 'proxy':
      return { name, kind: `${r.kind}ProxyOptions`, verbs: ['create', 'delete', 'get', 'patch', 'update'] };
  }
}

function crossGroup(r: ResourceDef, group: string, version: string): { group?: string; version?: string } {
  return r.group === group && r.version === version ? {} : { group, version };
}

/** The subresources of a resource, sorted by name (upstream registers storage paths sorted). */
export function subresourcesOf(r: ResourceDef): SubresourceInfo[] {
  const names = Object.keys(r.subresources ?? {}).filter((k) => (r.subresources as Record<string, unknown>)[k]) as SubresourceName[];
  return names.sort().map((n) => subresourceInfo(r, n));
}

export const verbsOf = (r: ResourceDef): string[] => [...(r.verbs ?? DEFAULT_VERBS)].sort();

/** upstream discovery.StorageVersionHash: base64 of the first 8 bytes of sha256("group/version/kind"). */
export function storageVersionHash(group: string, version: string, kind: string): string {
  return createHash('sha256').update(`${group}/${version}/${kind}`).digest().subarray(0, 8).toString('base64');
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Group -> versions (preferred first) -> resources (by name), skipping empty group versions. */
export function groupVersions(resources: ResourceDef[]): Array<{ group: string; versions: Array<{ version: string; resources: ResourceDef[] }> }> {
  const groups = new Map<string, Map<string, ResourceDef[]>>();
  for (const r of resources) {
    const vs = groups.get(r.group) ?? new Map<string, ResourceDef[]>();
    groups.set(r.group, vs);
    const list = vs.get(r.version) ?? [];
    vs.set(r.version, list);
    list.push(r);
  }
  return [...groups.keys()].sort(compareGroups).map((group) => ({
    group,
    versions: [...groups.get(group)!.keys()].sort(compareVersions).map((version) => ({
      version,
      resources: [...groups.get(group)!.get(version)!].sort((a, b) => byName(a.resource, b.resource)),
    })),
  }));
}

// ---- aggregated discovery (apidiscovery.k8s.io/v2) ----

function resourceDiscovery(r: ResourceDef): Record<string, unknown> {
  const out: Record<string, unknown> = {
    resource: r.resource,
    responseKind: { group: '', version: '', kind: r.kind },
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.singular,
    verbs: verbsOf(r),
  };
  if (r.shortNames?.length) out.shortNames = [...r.shortNames];
  if (r.categories?.length) out.categories = [...r.categories];
  const subs = subresourcesOf(r);
  if (subs.length) {
    out.subresources = subs.map((s) => ({
      subresource: s.name,
      responseKind: { group: s.group ?? '', version: s.version ?? '', kind: s.kind },
      verbs: s.verbs,
    }));
  }
  return out;
}

/** GET /api (which 'core') or /apis ('apis') with Accept ...;as=APIGroupDiscoveryList. */
export function aggregatedDiscovery(resources: ResourceDef[], which: 'core' | 'apis'): Record<string, unknown> {
  const items = groupVersions(resources)
    .filter((g) => (which === 'core' ? g.group === '' : g.group !== ''))
    .map((g) => ({
      metadata: g.group ? { name: g.group, creationTimestamp: null } : { creationTimestamp: null },
      versions: g.versions.map((v) => ({ version: v.version, resources: v.resources.map(resourceDiscovery), freshness: 'Current' })),
    }));
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items };
}

// ---- legacy discovery ----

/** GET /api: the core group's versions and where clients reach the server. */
export function apiVersions(serverAddress = '127.0.0.1:6443'): Record<string, unknown> {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function groupBody(group: string, versions: string[]): Record<string, unknown> {
  const vs = versions.map((version) => ({ groupVersion: `${group}/${version}`, version }));
  return { name: group, versions: vs, preferredVersion: vs[0] };
}

/** GET /apis: every named group (the core group is at /api). */
export function apiGroupList(resources: ResourceDef[]): Record<string, unknown> {
  const groups = groupVersions(resources)
    .filter((g) => g.group !== '')
    .map((g) => groupBody(g.group, g.versions.map((v) => v.version)));
  return { kind: 'APIGroupList', apiVersion: 'v1', groups };
}

/** GET /apis/<group>, or undefined when no resource is served in that group. */
export function apiGroup(resources: ResourceDef[], group: string): Record<string, unknown> | undefined {
  if (!group) return undefined;
  const g = groupVersions(resources).find((x) => x.group === group);
  if (!g) return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', ...groupBody(group, g.versions.map((v) => v.version)) };
}

/** GET /api/v1 or /apis/<group>/<version>, or undefined when nothing is served there. */
export function apiResourceList(resources: ResourceDef[], group: string, version: string): Record<string, unknown> | undefined {
  const rs = resources.filter((r) => r.group === group && r.version === version).sort((a, b) => byName(a.resource, b.resource));
  if (!rs.length) return undefined;
  const out: Array<Record<string, unknown>> = [];
  for (const r of rs) {
    const main: Record<string, unknown> = { name: r.resource, singularName: r.singular, namespaced: r.namespaced, kind: r.kind, verbs: verbsOf(r) };
    if (r.shortNames?.length) main.shortNames = [...r.shortNames];
    if (r.categories?.length) main.categories = [...r.categories];
    main.storageVersionHash = storageVersionHash(r.group, r.version, r.kind);
    out.push(main);
    for (const s of subresourcesOf(r)) {
      const sub: Record<string, unknown> = { name: `${r.resource}/${s.name}`, singularName: '', namespaced: r.namespaced };
      if (s.group !== undefined) sub.group = s.group;
      if (s.version !== undefined) sub.version = s.version;
      sub.kind = s.kind;
      sub.verbs = s.verbs;
      out.push(sub);
    }
  }
  // The legacy core group's documents carry no apiVersion, as upstream's.
  if (!group) return { kind: 'APIResourceList', groupVersion: version, resources: out };
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: `${group}/${version}`, resources: out };
}
