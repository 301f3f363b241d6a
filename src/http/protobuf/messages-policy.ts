/**
 * policy/v1 protobuf messages (k8s.io/api/policy/v1 generated.proto), pointer/omitempty facts from
 * the Go struct tags. Field spec syntax: see message-def.ts.
 */
import { defineMessages } from './message-def.js';

export const POLICY_V1 = defineMessages('k8s.io.api.policy.v1', {
  Eviction: '1 metadata meta.ObjectMeta; 2 deleteOptions meta.DeleteOptions*',
  PodDisruptionBudget: '1 metadata meta.ObjectMeta; 2 spec PodDisruptionBudgetSpec; 3 status PodDisruptionBudgetStatus',
  PodDisruptionBudgetList: '1 metadata meta.ListMeta; 2 items PodDisruptionBudget[]',
  PodDisruptionBudgetSpec:
    '1 minAvailable intstr.IntOrString*; 2 selector meta.LabelSelector*; 3 maxUnavailable intstr.IntOrString*; ' +
    '4 unhealthyPodEvictionPolicy string*',
  PodDisruptionBudgetStatus:
    '1 observedGeneration int64; 2 disruptedPods map<meta.Time>; 3 disruptionsAllowed int32!; 4 currentHealthy int32!; ' +
    '5 desiredHealthy int32!; 6 expectedPods int32!; 7 conditions meta.Condition[]',
});
