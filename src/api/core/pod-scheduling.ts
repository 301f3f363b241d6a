/** core/v1 scheduling constraints: node and pod affinity, tolerations, topology spread. */
import { z } from 'zod';
import { LabelSelector } from '../meta.js';
import { atomicList, int, named, opt, req, str } from './pod-schema-helpers.js';
import { enumStr, NODE_INCLUSION_POLICY, NODE_SELECTOR_OPERATOR, TAINT_EFFECT, TOLERATION_OPERATOR, UNSATISFIABLE_CONSTRAINT_ACTION } from './enums.js';

export const NodeSelectorRequirement = named(
  'NodeSelectorRequirement',
  z.object({
    key: str().describe('The label key.'),
    operator: enumStr(NODE_SELECTOR_OPERATOR).describe('In, NotIn, Exists, DoesNotExist, Gt or Lt.'),
    values: atomicList(str(), 'Values for In and NotIn; one integer for Gt and Lt; empty for Exists and DoesNotExist.'),
  }),
  'A key, an operator and values matched against node labels or fields.',
);

export const NodeSelectorTerm = named(
  'NodeSelectorTerm',
  z.object({
    matchExpressions: atomicList(NodeSelectorRequirement, 'Requirements on node labels.'),
    matchFields: atomicList(NodeSelectorRequirement, 'Requirements on node fields (metadata.name).'),
  }),
  'Requirements that must all hold; an empty term matches nothing.',
  { 'x-kubernetes-map-type': 'atomic' },
);

export const NodeSelector = named(
  'NodeSelector',
  z.object({
    nodeSelectorTerms: z
      .array(NodeSelectorTerm)
      .meta({ description: 'Terms that are ORed.', 'x-kubernetes-list-type': 'atomic' }),
  }),
  'Node selector terms, any one of which must match.',
  { 'x-kubernetes-map-type': 'atomic' },
);

export const PreferredSchedulingTerm = named(
  'PreferredSchedulingTerm',
  z.object({
    weight: int().describe('Weight in the range 1-100.'),
    preference: req(NodeSelectorTerm, 'The node selector term.'),
  }),
  'A weighted node preference.',
);

export const NodeAffinity = named(
  'NodeAffinity',
  z.object({
    requiredDuringSchedulingIgnoredDuringExecution: opt(NodeSelector, 'Nodes the pod may be scheduled on.'),
    preferredDuringSchedulingIgnoredDuringExecution: atomicList(PreferredSchedulingTerm, 'Nodes the scheduler prefers, by weight.'),
  }),
  'Node affinity rules.',
);

export const PodAffinityTerm = named(
  'PodAffinityTerm',
  z.object({
    labelSelector: opt(LabelSelector, 'Which pods this term is about.'),
    namespaces: atomicList(str(), 'Namespaces of those pods; empty means the namespace of this pod.'),
    topologyKey: str().describe('Node label whose value defines "the same place".'),
    namespaceSelector: opt(LabelSelector, 'Namespaces of those pods, by label; added to namespaces.'),
    matchLabelKeys: atomicList(str(), 'Label keys of this pod whose values are added to the selector (In).'),
    mismatchLabelKeys: atomicList(str(), 'Label keys of this pod whose values are added to the selector (NotIn).'),
  }),
  'A set of pods this pod should (or should not) run in the same topology domain as.',
);

export const WeightedPodAffinityTerm = named(
  'WeightedPodAffinityTerm',
  z.object({
    weight: int().describe('Weight in the range 1-100.'),
    podAffinityTerm: req(PodAffinityTerm, 'The pod affinity term.'),
  }),
  'A weighted pod affinity term.',
);

const podAffinityFields = {
  requiredDuringSchedulingIgnoredDuringExecution: atomicList(PodAffinityTerm, 'Terms that must all hold at scheduling time.'),
  preferredDuringSchedulingIgnoredDuringExecution: atomicList(WeightedPodAffinityTerm, 'Terms the scheduler prefers, by weight.'),
};

export const PodAffinity = named('PodAffinity', z.object(podAffinityFields), 'Pod affinity rules.');
export const PodAntiAffinity = named('PodAntiAffinity', z.object(podAffinityFields), 'Pod anti-affinity rules.');

export const Affinity = named(
  'Affinity',
  z.object({
    nodeAffinity: opt(NodeAffinity, 'Node affinity rules.'),
    podAffinity: opt(PodAffinity, 'Run near these pods.'),
    podAntiAffinity: opt(PodAntiAffinity, 'Run away from these pods.'),
  }),
  'Affinity scheduling rules.',
);

export const Toleration = named(
  'Toleration',
  z.object({
    key: opt(str(), 'Taint key; empty with operator Exists matches every taint.'),
    operator: opt(enumStr(TOLERATION_OPERATOR), 'Exists or Equal. Defaults to Equal.'),
    value: opt(str(), 'Taint value for operator Equal.'),
    effect: opt(enumStr(TAINT_EFFECT), 'NoSchedule, PreferNoSchedule or NoExecute; empty matches all.'),
    tolerationSeconds: opt(int(), 'For NoExecute: how long the pod stays bound after the taint appears.'),
  }),
  'Lets a pod be scheduled on (or stay on) nodes with a matching taint.',
);

export const TopologySpreadConstraint = named(
  'TopologySpreadConstraint',
  z.object({
    maxSkew: int().describe('The most the number of matching pods may differ between domains.'),
    topologyKey: str().describe('Node label that defines the domains.'),
    whenUnsatisfiable: enumStr(UNSATISFIABLE_CONSTRAINT_ACTION).describe('DoNotSchedule or ScheduleAnyway.'),
    labelSelector: opt(LabelSelector, 'Which pods are counted.'),
    minDomains: opt(int(), 'Minimum number of eligible domains.'),
    nodeAffinityPolicy: opt(enumStr(NODE_INCLUSION_POLICY), 'Honor or Ignore the pod node affinity when counting.'),
    nodeTaintsPolicy: opt(enumStr(NODE_INCLUSION_POLICY), 'Honor or Ignore node taints when counting.'),
    matchLabelKeys: atomicList(str(), 'Label keys of this pod whose values are added to the selector.'),
  }),
  'How pods are spread across topology domains.',
);

export type NodeSelectorRequirement = z.infer<typeof NodeSelectorRequirement>;
export type NodeSelectorTerm = z.infer<typeof NodeSelectorTerm>;
export type NodeSelector = z.infer<typeof NodeSelector>;
export type PodAffinityTerm = z.infer<typeof PodAffinityTerm>;
export type Affinity = z.infer<typeof Affinity>;
export type Toleration = z.infer<typeof Toleration>;
export type TopologySpreadConstraint = z.infer<typeof TopologySpreadConstraint>;
