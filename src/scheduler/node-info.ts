/**
 * framework.NodeInfo: a node with the pods assigned to it and what they request (requested and the
 * non-zero variant used for scoring), its allocatable, and the host ports in use.
 */
import { type PodInfo, newPodInfo } from './pod-info.js';
import { type Resource, addResource, emptyResource, nodeAllocatable, podRequests } from './resources.js';
import type { NodeLike, PodLike } from './types.js';

export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

export class NodeInfo {
  readonly pods: PodInfo[] = [];
  readonly podsWithAffinity: PodInfo[] = [];
  readonly podsWithRequiredAntiAffinity: PodInfo[] = [];
  readonly requested: Resource = emptyResource();
  readonly nonZeroRequested: Resource = emptyResource();
  readonly allocatable: Resource;
  readonly usedPorts: HostPort[] = [];

  constructor(readonly node: NodeLike) {
    this.allocatable = nodeAllocatable(node);
  }

  get name(): string {
    return this.node.metadata.name ?? '';
  }

  addPod(pod: PodLike | PodInfo): void {
    const pi = 'pod' in pod && 'requiredAffinityTerms' in pod ? pod : newPodInfo(pod as PodLike);
    this.pods.push(pi);
    const aff = pi.pod.spec?.affinity;
    if (aff?.podAffinity || aff?.podAntiAffinity) this.podsWithAffinity.push(pi);
    if (pi.requiredAntiAffinityTerms.length > 0) this.podsWithRequiredAntiAffinity.push(pi);
    addResource(this.requested, podRequests(pi.pod));
    addResource(this.nonZeroRequested, podRequests(pi.pod, true));
    for (const c of [...(pi.pod.spec?.initContainers ?? []), ...(pi.pod.spec?.containers ?? [])]) {
      for (const p of c.ports ?? []) {
        if (!p.hostPort || p.hostPort <= 0) continue;
        this.usedPorts.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort });
      }
    }
  }
}

/** Build node infos from nodes and the pods assigned to them (pods on unknown nodes are ignored). */
export function buildNodeInfos(nodes: NodeLike[], pods: PodLike[]): NodeInfo[] {
  const infos = nodes.map((n) => new NodeInfo(n));
  const byName = new Map(infos.map((i) => [i.name, i]));
  for (const p of pods) {
    const n = p.spec?.nodeName ? byName.get(p.spec.nodeName) : undefined;
    n?.addPod(p);
  }
  return infos;
}
