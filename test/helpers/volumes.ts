/** Builders for PersistentVolumes, claims and StorageClasses in volume tests. */
import type { KObject } from '../../src/api/meta.js';
import type { TestCluster } from './cluster.js';

export const pv = (name: string, size: string, extra: { modes?: string[]; cls?: string; labels?: Record<string, string>; policy?: string; claimRef?: Record<string, unknown>; path?: string } = {}) => ({
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name, ...(extra.labels ? { labels: extra.labels } : {}) },
  spec: {
    capacity: { storage: size },
    accessModes: extra.modes ?? ['ReadWriteOnce'],
    hostPath: { path: extra.path ?? `/data/${name}` },
    ...(extra.cls !== undefined ? { storageClassName: extra.cls } : {}),
    ...(extra.policy ? { persistentVolumeReclaimPolicy: extra.policy } : {}),
    ...(extra.claimRef ? { claimRef: extra.claimRef } : {}),
  },
});

export const pvc = (name: string, size: string, extra: { modes?: string[]; cls?: string | null; selector?: Record<string, unknown>; volumeName?: string } = {}) => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name },
  spec: {
    accessModes: extra.modes ?? ['ReadWriteOnce'],
    resources: { requests: { storage: size } },
    ...(extra.cls !== undefined && extra.cls !== null ? { storageClassName: extra.cls } : {}),
    ...(extra.selector ? { selector: extra.selector } : {}),
    ...(extra.volumeName ? { volumeName: extra.volumeName } : {}),
  },
});

export const storageClass = (name: string, extra: { provisioner?: string; mode?: string; policy?: string; isDefault?: boolean } = {}) => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name, ...(extra.isDefault ? { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } : {}) },
  provisioner: extra.provisioner ?? 'kubemu.dev/hostpath',
  ...(extra.mode ? { volumeBindingMode: extra.mode } : {}),
  ...(extra.policy ? { reclaimPolicy: extra.policy } : {}),
});

export const podWithClaim = (name: string, claim: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: {
    containers: [{ name: 'app', image: 'busybox', volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
    volumes: [{ name: 'data', persistentVolumeClaim: { claimName: claim } }],
  },
});

export const getPV = (c: TestCluster, name: string) => c.client.resource('', 'persistentvolumes').get('', name) as KObject & { spec: any; status: any };
export const getPVC = (c: TestCluster, name: string, ns = 'default') => c.client.resource('', 'persistentvolumeclaims').get(ns, name) as KObject & { spec: any; status: any };
export const listPVs = (c: TestCluster) => c.client.resource('', 'persistentvolumes').list().items as Array<KObject & { spec: any; status: any }>;
/** Events about an object, as "Type Reason Message". */
export const eventsFor = (c: TestCluster, name: string, ns = 'default') =>
  (c.client.resource('', 'events').list(ns).items as any[]).filter((e) => e.involvedObject.name === name).map((e) => `${e.type} ${e.reason} ${e.message}`);
