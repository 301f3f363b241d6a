/**
 * The optional cluster config file (`kubemu --config FILE`): YAML naming the nodes to simulate.
 *
 *   controlPlane: true          # keep the tainted kubemu-control-plane node (default true)
 *   nodes:                      # worker nodes; replaces --nodes N
 *     - name: node1
 *       labels: { topology.kubernetes.io/zone: a }
 *       taints: [{ key: dedicated, value: gpu, effect: NoSchedule }]
 *       capacity: { cpu: "8", memory: 16Gi, pods: "110", ephemeral-storage: 100Gi }
 */
import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { defaultNodes, type NodeConfig } from './bootstrap.js';

const effects = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const capacityKeys = ['cpu', 'memory', 'pods', 'ephemeral-storage'];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function stringMap(v: unknown, where: string): Record<string, string> {
  if (v === undefined || v === null) return {};
  if (!isRecord(v)) throw new Error(`${where}: must be a mapping`);
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) {
    if (typeof x !== 'string' && typeof x !== 'number' && typeof x !== 'boolean') throw new Error(`${where}.${k}: must be a string`);
    out[k] = x === null ? '' : String(x);
  }
  return out;
}

/** Parse the config text into the full node list (control plane first unless disabled). */
export function parseClusterConfig(text: string, defaultWorkers = 2): NodeConfig[] {
  const doc = (yaml.load(text) ?? {}) as unknown;
  if (!isRecord(doc)) throw new Error('cluster config: the document must be a mapping');
  for (const k of Object.keys(doc)) if (k !== 'nodes' && k !== 'controlPlane') throw new Error(`cluster config: unknown field "${k}"`);
  const controlPlane = doc.controlPlane === undefined ? true : doc.controlPlane;
  if (typeof controlPlane !== 'boolean') throw new Error('cluster config: controlPlane must be true or false');
  const defaults = defaultNodes(defaultWorkers);
  const out: NodeConfig[] = controlPlane ? [defaults[0]!] : [];
  if (doc.nodes === undefined) out.push(...defaults.slice(1));
  else {
    if (!Array.isArray(doc.nodes)) throw new Error('cluster config: nodes must be a list');
    doc.nodes.forEach((n: unknown, i: number) => {
      const where = `nodes[${i}]`;
      if (!isRecord(n)) throw new Error(`${where}: must be a mapping`);
      for (const k of Object.keys(n)) if (!['name', 'labels', 'taints', 'capacity'].includes(k)) throw new Error(`${where}: unknown field "${k}"`);
      if (typeof n.name !== 'string' || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(n.name)) throw new Error(`${where}.name: must be a DNS subdomain name`);
      if (out.some((x) => x.name === n.name)) throw new Error(`${where}.name: duplicate node "${n.name}"`);
      const taints = n.taints === undefined || n.taints === null ? [] : n.taints;
      if (!Array.isArray(taints)) throw new Error(`${where}.taints: must be a list`);
      const capacity = stringMap(n.capacity, `${where}.capacity`);
      for (const k of Object.keys(capacity)) if (!capacityKeys.includes(k)) throw new Error(`${where}.capacity.${k}: supported: ${capacityKeys.join(', ')}`);
      out.push({
        name: n.name,
        labels: stringMap(n.labels, `${where}.labels`),
        taints: taints.map((t: unknown, j: number) => {
          if (!isRecord(t) || typeof t.key !== 'string' || !t.key) throw new Error(`${where}.taints[${j}].key: required`);
          if (typeof t.effect !== 'string' || !effects.includes(t.effect)) throw new Error(`${where}.taints[${j}].effect: must be one of ${effects.join(', ')}`);
          return { key: t.key, ...(t.value !== undefined && t.value !== null ? { value: String(t.value) } : {}), effect: t.effect };
        }),
        capacity,
      });
    });
  }
  return out;
}

export function loadClusterConfig(path: string, defaultWorkers = 2): NodeConfig[] {
  return parseClusterConfig(readFileSync(path, 'utf8'), defaultWorkers);
}
