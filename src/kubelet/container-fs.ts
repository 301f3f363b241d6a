/**
 * A container's files: the image's files (a fresh writable copy per container instance, as a new
 * container gets a new writable layer), the kubelet-managed /etc/hosts, /etc/hostname and
 * /etc/resolv.conf, and the pod's volumes mounted at their mountPaths (subPath, readOnly). Volume
 * contents come from ConfigMaps, Secrets (decoded), the downward API, projected sources (including
 * the service account token volume), emptyDir (shared by the pod's containers, kept across restarts)
 * and hostPath (an empty directory). A missing ConfigMap or Secret is a mount error, as upstream's
 * "MountVolume.SetUp failed for volume ..." unless the source is optional.
 */
import type { KObject } from '../api/meta.js';
import { fieldRefValue, formatMap, resourceFieldValue } from './container-env.js';
import { memoryFS } from './shell/memory-fs.js';
import { normalizePath } from './shell/paths.js';
import type { ShellFS } from './shell/types.js';

type Files = Record<string, string>;

export interface VolumeSources {
  configMap(namespace: string, name: string): KObject | undefined;
  secret(namespace: string, name: string): KObject | undefined;
  nodeAllocatable?: Record<string, string>;
}

export class MountError extends Error {
  constructor(
    readonly volume: string,
    readonly detail: string,
  ) {
    super(`MountVolume.SetUp failed for volume "${volume}" : ${detail}`);
  }
}

/** A mounted volume: its files, and whether it is read-only by nature (configMap, secret, ...). */
export interface PodVolume {
  name: string;
  fs: ShellFS;
  readOnly: boolean;
}

const decode = (v: string) => Buffer.from(v, 'base64').toString('utf8');

function keyed(kind: 'configmap' | 'secret', obj: KObject | undefined, name: string, optional: boolean | undefined, items: Array<{ key: string; path: string }> | undefined): Files {
  if (!obj) {
    if (optional) return {};
    throw new Error(`${kind} "${name}" not found`);
  }
  const data: Files = {};
  const raw = (obj as { data?: Files }).data ?? {};
  for (const [k, v] of Object.entries(raw)) data[k] = kind === 'secret' ? decode(v) : v;
  if (kind === 'configmap') for (const [k, v] of Object.entries((obj as { binaryData?: Files }).binaryData ?? {})) data[k] = decode(v);
  if (!items || items.length === 0) return data;
  const out: Files = {};
  for (const it of items) {
    const v = data[it.key];
    if (v === undefined) {
      if (optional) continue;
      throw new Error(kind === 'secret' ? `references non-existent secret key: ${it.key}` : `configmap references non-existent config key: ${it.key}`);
    }
    out[it.path] = v;
  }
  return out;
}

function downward(pod: KObject, items: Array<{ path: string; fieldRef?: { fieldPath: string }; resourceFieldRef?: { containerName?: string; resource: string; divisor?: string } }>, src: VolumeSources): Files {
  const out: Files = {};
  for (const it of items ?? []) {
    if (it.fieldRef) {
      const fp = it.fieldRef.fieldPath;
      out[it.path] = fp === 'metadata.labels' ? formatMap(pod.metadata.labels ?? {}) : fp === 'metadata.annotations' ? formatMap(pod.metadata.annotations ?? {}) : fieldRefValue(pod, fp);
    } else if (it.resourceFieldRef) {
      const spec = (pod.spec ?? {}) as { containers?: Array<{ name: string }> };
      const c = (spec.containers ?? []).find((x) => x.name === it.resourceFieldRef!.containerName) ?? { name: '' };
      out[it.path] = resourceFieldValue(c, it.resourceFieldRef.resource, it.resourceFieldRef.divisor, src.nodeAllocatable);
    }
  }
  return out;
}

/** A fake bound service account token: a JWT-shaped string (not signed by anything real). */
export function fakeServiceAccountToken(pod: KObject, now: number): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const sa = (pod.spec as { serviceAccountName?: string })?.serviceAccountName ?? 'default';
  const iat = Math.floor(now / 1000);
  const header = { alg: 'RS256', kid: 'kubemu' };
  const claims = {
    aud: ['https://kubernetes.default.svc.cluster.local'],
    exp: iat + 3607,
    iat,
    iss: 'https://kubernetes.default.svc.cluster.local',
    'kubernetes.io': { namespace: pod.metadata.namespace, pod: { name: pod.metadata.name, uid: pod.metadata.uid }, serviceaccount: { name: sa } },
    nbf: iat,
    sub: `system:serviceaccount:${pod.metadata.namespace}:${sa}`,
  };
  return `${b64(header)}.${b64(claims)}.${Buffer.from('kubemu-signature').toString('base64url')}`;
}

export const fakeCACert = '-----BEGIN CERTIFICATE-----\nMIIBkubemuFAKEcertificateAUTHORITYnotFORrealUSEkubemuFAKEcertificate\n-----END CERTIFICATE-----\n';

/** The files of one volume (paths relative to the volume root), or a thrown Error with upstream's text. */
function volumeFiles(pod: KObject, v: Record<string, any>, src: VolumeSources, now: number): Files {
  const ns = pod.metadata.namespace ?? 'default';
  if (v.configMap) return keyed('configmap', src.configMap(ns, v.configMap.name ?? ''), v.configMap.name ?? '', v.configMap.optional, v.configMap.items);
  if (v.secret) return keyed('secret', src.secret(ns, v.secret.secretName ?? ''), v.secret.secretName ?? '', v.secret.optional, v.secret.items);
  if (v.downwardAPI) return downward(pod, v.downwardAPI.items ?? [], src);
  if (v.projected) {
    const out: Files = {};
    const isTokenVolume = String(v.name ?? '').startsWith('kube-api-access-');
    for (const s of v.projected.sources ?? []) {
      if (s.configMap) {
        const cm = src.configMap(ns, s.configMap.name ?? '');
        if (!cm && isTokenVolume && s.configMap.name === 'kube-root-ca.crt') Object.assign(out, { 'ca.crt': fakeCACert });
        else Object.assign(out, keyed('configmap', cm, s.configMap.name ?? '', s.configMap.optional, s.configMap.items));
      } else if (s.secret) Object.assign(out, keyed('secret', src.secret(ns, s.secret.name ?? ''), s.secret.name ?? '', s.secret.optional, s.secret.items));
      else if (s.downwardAPI) Object.assign(out, downward(pod, s.downwardAPI.items ?? [], src));
      else if (s.serviceAccountToken) out[s.serviceAccountToken.path ?? 'token'] = fakeServiceAccountToken(pod, now);
    }
    return out;
  }
  return {};
}

/** Build the pod's volumes; emptyDir volumes already made for this pod are reused (kept across restarts). */
export function setUpVolumes(pod: KObject, src: VolumeSources, now: number, existing: Map<string, PodVolume> = new Map()): Map<string, PodVolume> {
  const out = new Map<string, PodVolume>();
  const volumes = ((pod.spec as { volumes?: Array<Record<string, any>> })?.volumes ?? []) as Array<Record<string, any>>;
  for (const v of volumes) {
    const name = String(v.name);
    const prev = existing.get(name);
    if (v.emptyDir || v.hostPath || v.persistentVolumeClaim || v.ephemeral || v.nfs || v.csi) {
      out.set(name, prev ?? { name, fs: memoryFS({}), readOnly: false });
      continue;
    }
    let files: Files;
    try {
      files = volumeFiles(pod, v, src, now);
    } catch (e) {
      throw new MountError(name, (e as Error).message);
    }
    const rel: Files = {};
    for (const [p, c] of Object.entries(files)) rel[`/${p.replace(/^\/+/, '')}`] = c;
    out.set(name, { name, fs: memoryFS(rel), readOnly: true });
  }
  return out;
}

interface Mount {
  path: string;
  fs: ShellFS;
  /** Path inside the volume that the mount shows (from subPath). */
  root: string;
  readOnly: boolean;
}

/** The kubelet-managed files of every container: /etc/hosts, /etc/hostname, /etc/resolv.conf. */
export function managedFiles(pod: KObject, podIP: string, clusterDomain = 'cluster.local'): Files {
  const name = (pod.spec as { hostname?: string })?.hostname ?? pod.metadata.name ?? '';
  const ns = pod.metadata.namespace ?? 'default';
  return {
    '/etc/hostname': `${name}\n`,
    '/etc/hosts':
      '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n' +
      (podIP ? `${podIP}\t${name}\n` : ''),
    '/etc/resolv.conf': `search ${ns}.svc.${clusterDomain} svc.${clusterDomain} ${clusterDomain}\nnameserver 10.96.0.10\noptions ndots:5\n`,
  };
}

export interface ContainerMountSpec {
  name: string;
  mountPath: string;
  subPath?: string;
  readOnly?: boolean;
}

/** The container's ShellFS: a fresh root from the image files plus the mounts (longest mount path wins). */
export function containerFS(imageFiles: Files, extra: Files, mounts: ContainerMountSpec[], volumes: Map<string, PodVolume>): ShellFS {
  const root = memoryFS({ ...imageFiles, ...extra });
  const ms: Mount[] = [];
  for (const m of mounts) {
    const v = volumes.get(m.name);
    if (!v) continue;
    const sub = m.subPath ? normalizePath(`/${m.subPath}`) : '/';
    if (sub !== '/' && !v.fs.exists(sub) && !v.readOnly) v.fs.mkdir(sub);
    ms.push({ path: normalizePath(m.mountPath), fs: v.fs, root: sub, readOnly: v.readOnly || !!m.readOnly });
    // the mount point exists in the root as a directory
    const mp = normalizePath(m.mountPath);
    if (!root.exists(mp)) root.mkdir(mp);
  }
  ms.sort((a, b) => b.path.length - a.path.length);
  const route = (path: string): { fs: ShellFS; p: string; m?: Mount } => {
    const p = normalizePath(path);
    for (const m of ms) {
      if (p === m.path || p.startsWith(m.path === '/' ? '/' : m.path + '/')) {
        const rest = p.slice(m.path.length) || '/';
        const inner = normalizePath(m.root === '/' ? rest : `${m.root}/${rest}`);
        return { fs: m.fs, p: inner, m };
      }
    }
    return { fs: root, p };
  };
  const ro = (m?: Mount) => {
    if (m?.readOnly) throw new Error('Read-only file system');
  };
  return {
    read: (path) => {
      const r = route(path);
      return r.fs.read(r.p);
    },
    exists: (path) => {
      const r = route(path);
      return r.fs.exists(r.p);
    },
    isDir: (path) => {
      const r = route(path);
      return r.fs.isDir(r.p);
    },
    list: (dir) => {
      const r = route(dir);
      const names = r.fs.list(r.p);
      if (!names) return names;
      // mount points directly under this directory show up as entries
      const d = normalizePath(dir);
      const prefix = d === '/' ? '/' : d + '/';
      const set = new Set(names);
      for (const m of ms) if (m.path.startsWith(prefix) && !m.path.slice(prefix.length).includes('/') && m.path !== d) set.add(m.path.slice(prefix.length));
      return [...set].sort();
    },
    write: (path, data, append) => {
      const r = route(path);
      ro(r.m);
      r.fs.write(r.p, data, append);
    },
    remove: (path) => {
      const r = route(path);
      ro(r.m);
      return r.fs.remove(r.p);
    },
    mkdir: (path) => {
      const r = route(path);
      ro(r.m);
      r.fs.mkdir(r.p);
    },
  };
}
