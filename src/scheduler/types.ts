/**
 * The scheduler framework's vocabulary (pkg/scheduler/framework/interface.go): statuses with codes
 * and reasons, the plugin interface, and the shapes of the pod and node fields the plugins read.
 */
import type { TaintT, TolerationT } from '../api/core/taints.js';
import type { LabelSelectorT } from '../api/meta.js';
import type { NodeInfo } from './node-info.js';
import type { PodInfo } from './pod-info.js';

export type Code = 'Success' | 'Error' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Skip';

export interface Status {
  code: Code;
  reasons: string[];
  /** The plugin that returned it. */
  plugin?: string;
}

export const status = (code: Code, ...reasons: string[]): Status => ({ code, reasons });
export const isSuccess = (s: Status | undefined | void): boolean => !s || s.code === 'Success';

export const MaxNodeScore = 100;

export interface ContainerLike {
  name: string;
  restartPolicy?: string;
  resources?: { requests?: Record<string, string | number>; limits?: Record<string, string | number> };
  ports?: Array<{ containerPort?: number; hostPort?: number; hostIP?: string; protocol?: string }>;
}

export interface NodeSelectorRequirementLike {
  key: string;
  operator: string;
  values?: string[];
}
export interface NodeSelectorTermLike {
  matchExpressions?: NodeSelectorRequirementLike[];
  matchFields?: NodeSelectorRequirementLike[];
}
export interface PodAffinityTermLike {
  labelSelector?: LabelSelectorT | null;
  namespaces?: string[];
  namespaceSelector?: LabelSelectorT | null;
  topologyKey: string;
}
export interface WeightedPodAffinityTermLike {
  weight: number;
  podAffinityTerm: PodAffinityTermLike;
}
export interface PodAffinityLike {
  requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTermLike[];
  preferredDuringSchedulingIgnoredDuringExecution?: WeightedPodAffinityTermLike[];
}

export interface PodSpecLike {
  nodeName?: string;
  schedulerName?: string;
  nodeSelector?: Record<string, string>;
  affinity?: {
    nodeAffinity?: {
      requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms: NodeSelectorTermLike[] } | null;
      preferredDuringSchedulingIgnoredDuringExecution?: Array<{ weight: number; preference: NodeSelectorTermLike }>;
    };
    podAffinity?: PodAffinityLike;
    podAntiAffinity?: PodAffinityLike;
  };
  tolerations?: TolerationT[];
  containers?: ContainerLike[];
  initContainers?: ContainerLike[];
  overhead?: Record<string, string | number>;
  priority?: number;
  preemptionPolicy?: string;
  schedulingGates?: Array<{ name: string }>;
}

export interface PodLike {
  metadata: {
    name?: string;
    namespace?: string;
    uid?: string;
    labels?: Record<string, string>;
    deletionTimestamp?: string | null;
    resourceVersion?: string;
    creationTimestamp?: string;
  };
  spec?: PodSpecLike;
  status?: { phase?: string; conditions?: Array<Record<string, unknown>>; nominatedNodeName?: string };
}

export interface NodeLike {
  metadata: { name?: string; labels?: Record<string, string> };
  spec?: { unschedulable?: boolean; taints?: TaintT[] };
  status?: { allocatable?: Record<string, string | number>; capacity?: Record<string, string | number> };
}

/** What every plugin sees in one scheduling cycle. */
export interface CycleContext {
  pod: PodLike;
  podInfo: PodInfo;
  /** Every node in the snapshot, with its pods. */
  allNodes: NodeInfo[];
  /** Labels of a namespace (for namespaceSelector), or undefined when it does not exist. */
  namespaceLabels(ns: string): Record<string, string> | undefined;
  /** Every namespace with its labels. */
  namespaces(): Array<{ name: string; labels: Record<string, string> }>;
  /** Per-plugin state computed in preFilter/preScore. */
  state: Map<string, unknown>;
  /** Claims, volumes and storage classes (VolumeBinding); absent when the scheduler has no volume caches. */
  volumes?: import('./plugins/volume-binding.js').VolumeLister;
}

export interface Plugin {
  name: string;
  /** Runs once per cycle before filtering; a non-success status rejects every node. */
  preFilter?(ctx: CycleContext): Status | undefined;
  filter?(ctx: CycleContext, node: NodeInfo): Status | undefined;
  /** Runs once per cycle before scoring, over the feasible nodes; 'Skip' leaves this plugin out. */
  preScore?(ctx: CycleContext, nodes: NodeInfo[]): Status | undefined;
  score?(ctx: CycleContext, node: NodeInfo): number;
  /** Normalize scores in place (upstream's ScoreExtensions). */
  normalizeScore?(ctx: CycleContext, scores: number[]): void;
}
