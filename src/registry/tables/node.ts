/** Nodes: printNode (STATUS from the Ready condition plus SchedulingDisabled, ROLES from labels). */
import type { TableConvertor } from '../resource-def.js';
import { type J, age, ageColumn, arr, col, meta, nameColumn, rec, str } from './common.js';

const LABEL_NODE_ROLE_PREFIX = 'node-role.kubernetes.io/';
const NODE_LABEL_ROLE = 'kubernetes.io/role';

/** findNodeRoles: node-role.kubernetes.io/<role> keys and the kubernetes.io/role value, sorted, unique. */
export function findNodeRoles(node: J): string[] {
  const roles = new Set<string>();
  const labels = rec(meta(node).labels);
  for (const [k, v] of Object.entries(labels)) {
    if (k.startsWith(LABEL_NODE_ROLE_PREFIX)) {
      const role = k.slice(LABEL_NODE_ROLE_PREFIX.length);
      if (role.length > 0) roles.add(role);
    } else if (k === NODE_LABEL_ROLE && str(v) !== '') {
      roles.add(str(v));
    }
  }
  return [...roles].sort();
}

function nodeAddress(node: J, type: string): string {
  const a = arr(rec(node.status).addresses).find((x) => x?.type === type);
  return a ? str(a.address) : '<none>';
}

export const nodeTable: TableConvertor = {
  columns: [
    nameColumn(),
    col('Status', 'string', 'The status of the node'),
    col('Roles', 'string', 'The roles of the node'),
    ageColumn(),
    col('Version', 'string', 'Kubelet Version reported by the node.'),
    col('Internal-IP', 'string', 'List of addresses reachable to the node.', { priority: 1 }),
    col('External-IP', 'string', 'List of addresses reachable to the node.', { priority: 1 }),
    col('OS-Image', 'string', 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).', { priority: 1 }),
    col('Kernel-Version', 'string', "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", { priority: 1 }),
    col('Container-Runtime', 'string', 'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).', { priority: 1 }),
  ],
  cells(obj, now) {
    const status = rec(obj.status);
    // The last Ready condition wins, as the condition map upstream builds.
    let ready: J;
    for (const c of arr(status.conditions)) if (c?.type === 'Ready') ready = c;
    const states: string[] = [];
    if (ready) states.push(ready.status === 'True' ? 'Ready' : 'NotReady');
    if (states.length === 0) states.push('Unknown');
    if (rec(obj.spec).unschedulable === true) states.push('SchedulingDisabled');
    const info = rec(status.nodeInfo);
    return [
      str(meta(obj).name),
      states.join(','),
      findNodeRoles(obj).join(',') || '<none>',
      age(obj, now),
      str(info.kubeletVersion),
      nodeAddress(obj, 'InternalIP'),
      nodeAddress(obj, 'ExternalIP'),
      str(info.osImage) || '<unknown>',
      str(info.kernelVersion) || '<unknown>',
      str(info.containerRuntimeVersion) || '<unknown>',
    ];
  },
};
