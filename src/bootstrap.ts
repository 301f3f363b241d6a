/**
 * What a fresh cluster has (SPEC section 1): the four namespaces, a tainted control-plane node and
 * worker nodes node1..N, and the default/kubernetes Service. Created only when missing, so a restart
 * on an existing state file changes nothing.
 */
import type { KObject } from './api/meta.js';
import type { Registry } from './registry/registry.js';

export interface NodeConfig {
  name: string;
  labels?: Record<string, string>;
  taints?: Array<{ key: string; value?: string; effect: string }>;
  capacity?: { cpu?: string; memory?: string; pods?: string; 'ephemeral-storage'?: string };
}

export const defaultNamespaces = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export function defaultNodes(workers: number): NodeConfig[] {
  const nodes: NodeConfig[] = [
    {
      name: 'kubemu-control-plane',
      labels: { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' },
      taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
    },
  ];
  for (let i = 1; i <= workers; i++) nodes.push({ name: `node${i}` });
  return nodes;
}

/**
 * A node as its kubelet registers it, without conditions: the simulated kubelet's first status update
 * (src/kubelet/node-status.ts) adds them, recording NodeHasSufficientMemory ... NodeReady.
 */
export function nodeObject(n: NodeConfig, index: number): KObject {
  const cap = { cpu: '4', memory: '8Gi', pods: '110', 'ephemeral-storage': '100Gi', ...(n.capacity ?? {}) };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: n.name,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': n.name,
        'kubernetes.io/os': 'linux',
        ...(n.labels ?? {}),
      },
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
    },
    spec: {
      podCIDR: `10.244.${index}.0/24`,
      podCIDRs: [`10.244.${index}.0/24`],
      providerID: `kubemu://${n.name}`,
      ...(n.taints?.length ? { taints: n.taints } : {}),
    },
    status: {
      capacity: cap,
      allocatable: cap,
      addresses: [
        { type: 'InternalIP', address: `172.18.0.${index + 2}` },
        { type: 'Hostname', address: n.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: `${String(index).padStart(32, '0')}`,
        systemUUID: `00000000-0000-0000-0000-${String(index).padStart(12, '0')}`,
        bootID: `00000000-0000-0000-0001-${String(index).padStart(12, '0')}`,
        kernelVersion: '6.1.0-kubemu',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        containerRuntimeVersion: 'containerd://1.7.24',
        kubeletVersion: 'v1.32.0',
        kubeProxyVersion: 'v1.32.0',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}

function ensure(reg: Registry, resource: string, namespace: string, obj: KObject, status?: unknown): void {
  const def = reg.mustFind('', resource);
  if (reg.tryGet(def, namespace, obj.metadata.name!)) return;
  const created = reg.create(def, namespace, obj, { fieldManager: 'kubemu-bootstrap' });
  // Status is written through /status, as the kubelet does on a real cluster.
  if (status) reg.update(def, namespace, obj.metadata.name!, { ...created, status }, { subresource: 'status', fieldManager: 'kubelet' });
}

export function bootstrap(reg: Registry, nodes: NodeConfig[]): void {
  for (const ns of defaultNamespaces) ensure(reg, 'namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  nodes.forEach((n, i) => {
    const obj = nodeObject(n, i);
    ensure(reg, 'nodes', '', obj, obj.status);
  });
  ensure(reg, 'services', 'default', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { type: 'ClusterIP', clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], sessionAffinity: 'None' },
  });
  // The default StorageClass (as kind's `standard`): claims without a class get it and are provisioned
  // by the in-process hostpath provisioner (src/controllers/volume).
  const sc = reg.find('storage.k8s.io', 'storageclasses');
  if (sc && !reg.tryGet(sc, '', 'standard')) {
    reg.create(sc, '', {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'kubemu.dev/hostpath',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'Immediate',
    }, { fieldManager: 'kubemu-bootstrap' });
  }
}
