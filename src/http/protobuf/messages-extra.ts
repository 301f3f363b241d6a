/**
 * Other groups `kubectl create` sends as protobuf: rbac.authorization.k8s.io/v1 (role, clusterrole,
 * rolebinding, clusterrolebinding), networking.k8s.io/v1 Ingress and scheduling.k8s.io/v1 PriorityClass
 * (k8s.io/api generated.proto v1.32, written from the Go types; checked against real kubectl bodies in
 * test/fixtures/protobuf). Field spec syntax: see message-def.ts.
 */
import { defineMessages } from './message-def.js';

export const RBAC_V1 = defineMessages('k8s.io.api.rbac.v1', {
  PolicyRule: '1 verbs string[]; 2 apiGroups string[]; 3 resources string[]; 4 resourceNames string[]; 5 nonResourceURLs string[]',
  Subject: '1 kind string!; 2 apiGroup string; 3 name string!; 4 namespace string',
  RoleRef: '1 apiGroup string!; 2 kind string!; 3 name string!',
  Role: '1 metadata meta.ObjectMeta; 2 rules PolicyRule[]',
  RoleList: '1 metadata meta.ListMeta; 2 items Role[]',
  RoleBinding: '1 metadata meta.ObjectMeta; 2 subjects Subject[]; 3 roleRef RoleRef',
  RoleBindingList: '1 metadata meta.ListMeta; 2 items RoleBinding[]',
  ClusterRole: '1 metadata meta.ObjectMeta; 2 rules PolicyRule[]; 3 aggregationRule AggregationRule*',
  AggregationRule: '1 clusterRoleSelectors meta.LabelSelector[]',
  ClusterRoleList: '1 metadata meta.ListMeta; 2 items ClusterRole[]',
  ClusterRoleBinding: '1 metadata meta.ObjectMeta; 2 subjects Subject[]; 3 roleRef RoleRef',
  ClusterRoleBindingList: '1 metadata meta.ListMeta; 2 items ClusterRoleBinding[]',
});

export const NETWORKING_V1 = defineMessages('k8s.io.api.networking.v1', {
  Ingress: '1 metadata meta.ObjectMeta; 2 spec IngressSpec; 3 status IngressStatus',
  IngressList: '1 metadata meta.ListMeta; 2 items Ingress[]',
  IngressSpec: '4 ingressClassName string*; 1 defaultBackend IngressBackend*; 2 tls IngressTLS[]; 3 rules IngressRule[]',
  IngressTLS: '1 hosts string[]; 2 secretName string',
  IngressStatus: '1 loadBalancer IngressLoadBalancerStatus',
  IngressLoadBalancerStatus: '1 ingress IngressLoadBalancerIngress[]',
  IngressLoadBalancerIngress: '1 ip string; 2 hostname string; 4 ports IngressPortStatus[]',
  IngressPortStatus: '1 port int32!; 2 protocol string!; 3 error string*',
  IngressRule: '1 host string; 2 ingressRuleValue IngressRuleValue^',
  IngressRuleValue: '1 http HTTPIngressRuleValue*',
  HTTPIngressRuleValue: '1 paths HTTPIngressPath[]',
  HTTPIngressPath: '1 path string; 3 pathType string*; 2 backend IngressBackend',
  IngressBackend: '4 service IngressServiceBackend*; 3 resource core.TypedLocalObjectReference*',
  IngressServiceBackend: '1 name string!; 2 port ServiceBackendPort',
  ServiceBackendPort: '1 name string; 2 number int32',
});

export const SCHEDULING_V1 = defineMessages('k8s.io.api.scheduling.v1', {
  PriorityClass: '1 metadata meta.ObjectMeta; 2 value int32!; 3 globalDefault bool; 4 description string; 5 preemptionPolicy string*',
  PriorityClassList: '1 metadata meta.ListMeta; 2 items PriorityClass[]',
});
