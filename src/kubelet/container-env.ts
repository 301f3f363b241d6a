/**
 * A container's environment, as upstream's kubelet makeEnvironmentVariables builds it
 * (pkg/kubelet/kubelet_pods.go): envFrom ConfigMaps/Secrets, then env with $(VAR) expansion and
 * valueFrom (configMapKeyRef, secretKeyRef, fieldRef, resourceFieldRef), then the Kubernetes service
 * variables (KUBERNETES_SERVICE_HOST, <SVC>_PORT_80_TCP ...) for names not already set. The image's
 * own variables (PATH, HOME) and HOSTNAME come first, as the runtime adds them.
 */
import type { KObject } from '../api/meta.js';
import { quantityMilliValue, quantityValue } from '../api/quantity.js';

type Vars = Record<string, string>;

/** What the environment may read: ConfigMaps and Secrets of the pod's namespace, Services, the node. */
export interface EnvSources {
  configMap(namespace: string, name: string): KObject | undefined;
  secret(namespace: string, name: string): KObject | undefined;
  /** Services of a namespace. */
  services(namespace: string): KObject[];
  /** The node's allocatable resources (for resourceFieldRef without limits). */
  nodeAllocatable?: Record<string, string>;
}

export class EnvError extends Error {}

interface ContainerLike {
  name: string;
  env?: Array<{ name: string; value?: string; valueFrom?: Record<string, any> }>;
  envFrom?: Array<{ prefix?: string; configMapRef?: { name?: string; optional?: boolean }; secretRef?: { name?: string; optional?: boolean } }>;
  resources?: { limits?: Record<string, string | number>; requests?: Record<string, string | number> };
}

/** upstream expansion.Expand: $(VAR) from the mapping; $$ is an escaped $; unknown references stay as written. */
export function expandVars(input: string, mapping: (name: string) => string | undefined): string {
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (c !== '$' || i + 1 >= input.length) {
      out += c;
      continue;
    }
    const next = input[i + 1]!;
    if (next === '$') {
      out += '$';
      i++;
    } else if (next === '(') {
      const close = input.indexOf(')', i + 2);
      if (close < 0) {
        out += input.slice(i);
        break;
      }
      const name = input.slice(i + 2, close);
      const v = name ? mapping(name) : undefined;
      out += v === undefined ? `$(${name})` : v;
      i = close;
    } else {
      out += c + next;
      i++;
    }
  }
  return out;
}

/** Upstream ExpandContainerCommandAndArgs. */
export function expandCommandAndArgs(command: string[] | undefined, args: string[] | undefined, env: Vars): { command: string[]; args: string[] } {
  const m = (n: string) => env[n];
  return { command: (command ?? []).map((s) => expandVars(s, m)), args: (args ?? []).map((s) => expandVars(s, m)) };
}

const toEnvName = (s: string) => s.toUpperCase().replace(/-/g, '_');

/** Upstream envvars.FromServices: the docker-links style variables for each service with a cluster IP. */
export function serviceEnv(services: KObject[]): Vars {
  const out: Vars = {};
  const sorted = [...services].sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0));
  for (const svc of sorted) {
    const spec = (svc.spec ?? {}) as { clusterIP?: string; ports?: Array<{ name?: string; port: number; protocol?: string }> };
    const ip = spec.clusterIP ?? '';
    if (ip === '' || ip === 'None') continue;
    const ports = spec.ports ?? [];
    if (ports.length === 0) continue;
    const name = toEnvName(svc.metadata.name!);
    out[`${name}_SERVICE_HOST`] = ip;
    out[`${name}_SERVICE_PORT`] = String(ports[0]!.port);
    for (const p of ports) if (p.name) out[`${name}_SERVICE_PORT_${toEnvName(p.name)}`] = String(p.port);
    const host = ip.includes(':') ? `[${ip}]` : ip;
    const p0 = ports[0]!;
    out[`${name}_PORT`] = `${(p0.protocol ?? 'TCP').toLowerCase()}://${host}:${p0.port}`;
    for (const p of ports) {
      const proto = (p.protocol ?? 'TCP').toUpperCase();
      const prefix = `${name}_PORT_${p.port}_${proto}`;
      out[prefix] = `${proto.toLowerCase()}://${host}:${p.port}`;
      out[`${prefix}_PROTO`] = proto.toLowerCase();
      out[`${prefix}_PORT`] = String(p.port);
      out[`${prefix}_ADDR`] = ip;
    }
  }
  return out;
}

const dataOf = (o: KObject, secret: boolean): Vars => {
  const out: Vars = {};
  const data = (o as { data?: Vars }).data ?? {};
  for (const [k, v] of Object.entries(data)) out[k] = secret ? Buffer.from(v, 'base64').toString('utf8') : v;
  if (!secret) for (const [k, v] of Object.entries((o as { binaryData?: Vars }).binaryData ?? {})) out[k] = Buffer.from(v, 'base64').toString('utf8');
  return out;
};

/** Upstream podFieldSelectorRuntimeValue / ExtractFieldPathAsString for env vars. */
export function fieldRefValue(pod: KObject, fieldPath: string): string {
  const md = pod.metadata;
  const spec = (pod.spec ?? {}) as { nodeName?: string; serviceAccountName?: string };
  const status = (pod.status ?? {}) as { podIP?: string; podIPs?: Array<{ ip: string }>; hostIP?: string; hostIPs?: Array<{ ip: string }> };
  const sub = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(fieldPath);
  if (sub) return ((sub[1] === 'labels' ? md.labels : md.annotations) ?? {})[sub[2]!] ?? '';
  switch (fieldPath) {
    case 'metadata.name':
      return md.name ?? '';
    case 'metadata.namespace':
      return md.namespace ?? '';
    case 'metadata.uid':
      return md.uid ?? '';
    case 'metadata.labels':
      return formatMap(md.labels ?? {});
    case 'metadata.annotations':
      return formatMap(md.annotations ?? {});
    case 'spec.nodeName':
      return spec.nodeName ?? '';
    case 'spec.serviceAccountName':
      return spec.serviceAccountName ?? '';
    case 'status.hostIP':
      return status.hostIP ?? '';
    case 'status.hostIPs':
      return (status.hostIPs ?? []).map((x) => x.ip).join(',');
    case 'status.podIP':
      return status.podIP ?? '';
    case 'status.podIPs':
      return (status.podIPs ?? []).map((x) => x.ip).join(',');
  }
  throw new EnvError(`unsupported fieldPath: ${fieldPath}`);
}

/** Upstream fieldpath.FormatMap: sorted key="value" lines (quoted with Go's %q). */
export function formatMap(m: Vars): string {
  return Object.keys(m)
    .sort()
    .map((k) => `${k}=${JSON.stringify(m[k])}`)
    .join('\n');
}

/** Upstream resource.ExtractContainerResourceValue: ceil(value / divisor), limits falling back to node allocatable. */
export function resourceFieldValue(c: ContainerLike, resource: string, divisor: string | number | undefined, allocatable: Record<string, string> = {}): string {
  const [kind, name] = resource.split('.') as [string, string];
  const list = (kind === 'limits' ? c.resources?.limits : c.resources?.requests) ?? {};
  let q: string | number | undefined = list[name];
  if (q === undefined && kind === 'limits') q = allocatable[name];
  if (q === undefined) q = kind === 'requests' ? 0 : undefined;
  if (q === undefined) throw new EnvError(`unsupported container resource : ${resource}`);
  if (name === 'cpu') {
    const d = divisor === undefined || divisor === '' || quantityMilliValue(divisor) === 0 ? 1000 : quantityMilliValue(divisor);
    return String(Math.ceil(quantityMilliValue(q) / d));
  }
  const d = divisor === undefined || divisor === '' || quantityValue(divisor) === 0 ? 1 : quantityValue(divisor);
  return String(Math.ceil(quantityValue(q) / d));
}

/** The image's and runtime's own variables, before the pod's. */
export function baseEnv(pod: KObject): Vars {
  return {
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    HOSTNAME: (pod.spec as { hostname?: string })?.hostname ?? pod.metadata.name ?? '',
    HOME: '/root',
  };
}

/** The container's environment; throws EnvError (CreateContainerConfigError) as upstream does. */
export function makeEnvironment(pod: KObject, c: ContainerLike, src: EnvSources): Vars {
  const ns = pod.metadata.namespace ?? 'default';
  const enableServiceLinks = (pod.spec as { enableServiceLinks?: boolean })?.enableServiceLinks !== false;
  const svcs = enableServiceLinks ? src.services(ns) : [];
  const master = src.services('default').filter((s) => s.metadata.name === 'kubernetes');
  const svcEnv = serviceEnv(ns === 'default' ? svcs.filter((s) => s.metadata.name !== 'kubernetes').concat(master) : [...svcs, ...master]);
  const env: Vars = {};
  for (const ef of c.envFrom ?? []) {
    if (ef.configMapRef) {
      const name = ef.configMapRef.name ?? '';
      const cm = src.configMap(ns, name);
      if (!cm) {
        if (ef.configMapRef.optional) continue;
        throw new EnvError(`configmap "${name}" not found`);
      }
      for (const [k, v] of Object.entries(dataOf(cm, false))) env[(ef.prefix ?? '') + k] = v;
    } else if (ef.secretRef) {
      const name = ef.secretRef.name ?? '';
      const s = src.secret(ns, name);
      if (!s) {
        if (ef.secretRef.optional) continue;
        throw new EnvError(`secret "${name}" not found`);
      }
      for (const [k, v] of Object.entries(dataOf(s, true))) env[(ef.prefix ?? '') + k] = v;
    }
  }
  const mapping = (n: string) => env[n] ?? svcEnv[n];
  for (const e of c.env ?? []) {
    let value = e.value !== undefined && e.value !== '' ? expandVars(e.value, mapping) : '';
    const vf = e.valueFrom;
    if (vf) {
      if (vf.fieldRef) value = fieldRefValue(pod, vf.fieldRef.fieldPath);
      else if (vf.resourceFieldRef) {
        const target = vf.resourceFieldRef.containerName ? findContainer(pod, vf.resourceFieldRef.containerName) ?? c : c;
        value = resourceFieldValue(target, vf.resourceFieldRef.resource, vf.resourceFieldRef.divisor, src.nodeAllocatable);
      } else if (vf.configMapKeyRef) {
        const { name = '', key, optional } = vf.configMapKeyRef as { name?: string; key: string; optional?: boolean };
        const cm = src.configMap(ns, name);
        if (!cm) {
          if (optional) continue;
          throw new EnvError(`configmap "${name}" not found`);
        }
        const v = dataOf(cm, false)[key];
        if (v === undefined) {
          if (optional) continue;
          throw new EnvError(`couldn't find key ${key} in ConfigMap ${ns}/${name}`);
        }
        value = v;
      } else if (vf.secretKeyRef) {
        const { name = '', key, optional } = vf.secretKeyRef as { name?: string; key: string; optional?: boolean };
        const s = src.secret(ns, name);
        if (!s) {
          if (optional) continue;
          throw new EnvError(`secret "${name}" not found`);
        }
        const v = dataOf(s, true)[key];
        if (v === undefined) {
          if (optional) continue;
          throw new EnvError(`couldn't find key ${key} in Secret ${ns}/${name}`);
        }
        value = v;
      }
    }
    env[e.name] = value;
  }
  const out: Vars = { ...baseEnv(pod) };
  for (const [k, v] of Object.entries(env)) out[k] = v;
  for (const [k, v] of Object.entries(svcEnv)) if (!(k in env)) out[k] = v;
  return out;
}

function findContainer(pod: KObject, name: string): ContainerLike | undefined {
  const spec = (pod.spec ?? {}) as { containers?: ContainerLike[]; initContainers?: ContainerLike[] };
  return [...(spec.containers ?? []), ...(spec.initContainers ?? [])].find((x) => x.name === name);
}
