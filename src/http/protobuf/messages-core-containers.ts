/**
 * core/v1 protobuf messages for containers: ports, mounts, env, probes, lifecycle, resources,
 * security contexts (k8s.io/api/core/v1 generated.proto), pointer/omitempty facts from the Go struct tags.
 * Field spec syntax: see message-def.ts.
 */
import { defineMessages } from './message-def.js';

export const CORE_V1_CONTAINERS = defineMessages('k8s.io.api.core.v1', {
  ContainerPort: '1 name string; 2 hostPort int32; 3 containerPort int32!; 4 protocol string; 5 hostIP string',
  VolumeMount:
    '1 name string!; 2 readOnly bool; 7 recursiveReadOnly string*; 3 mountPath string!; 4 subPath string; ' +
    '5 mountPropagation string*; 6 subPathExpr string',
  VolumeDevice: '1 name string!; 2 devicePath string!',
  EnvVar: '1 name string!; 2 value string; 3 valueFrom EnvVarSource*',
  EnvVarSource:
    '1 fieldRef ObjectFieldSelector*; 2 resourceFieldRef ResourceFieldSelector*; 3 configMapKeyRef ConfigMapKeySelector*; ' +
    '4 secretKeyRef SecretKeySelector*; 5 fileKeyRef FileKeySelector*',
  FileKeySelector: '1 volumeName string!; 2 path string!; 3 key string!; 4 optional bool*',
  ObjectFieldSelector: '1 apiVersion string; 2 fieldPath string!',
  ResourceFieldSelector: '1 containerName string; 2 resource string!; 3 divisor res.Quantity',
  ConfigMapKeySelector: '1 localObjectReference LocalObjectReference^; 2 key string!; 3 optional bool*',
  SecretKeySelector: '1 localObjectReference LocalObjectReference^; 2 key string!; 3 optional bool*',
  EnvFromSource: '1 prefix string; 2 configMapRef ConfigMapEnvSource*; 3 secretRef SecretEnvSource*',
  ConfigMapEnvSource: '1 localObjectReference LocalObjectReference^; 2 optional bool*',
  SecretEnvSource: '1 localObjectReference LocalObjectReference^; 2 optional bool*',
  HTTPHeader: '1 name string!; 2 value string!',
  HTTPGetAction: '1 path string; 2 port intstr.IntOrString!; 3 host string; 4 scheme string; 5 httpHeaders HTTPHeader[]',
  TCPSocketAction: '1 port intstr.IntOrString!; 2 host string',
  GRPCAction: '1 port int32!; 2 service string*',
  ExecAction: '1 command string[]',
  SleepAction: '1 seconds int64!',
  Probe:
    '1 handler ProbeHandler^; 2 initialDelaySeconds int32; 3 timeoutSeconds int32; 4 periodSeconds int32; ' +
    '5 successThreshold int32; 6 failureThreshold int32; 7 terminationGracePeriodSeconds int64*',
  ContainerResizePolicy: '1 resourceName string!; 2 restartPolicy string!',
  Capabilities: '1 add string[]; 2 drop string[]',
  ResourceRequirements: '1 limits map<res.Quantity>; 2 requests map<res.Quantity>; 3 claims ResourceClaim[]',
  VolumeResourceRequirements: '1 limits map<res.Quantity>; 2 requests map<res.Quantity>',
  ResourceClaim: '1 name string!; 2 request string',
  Container:
    '1 name string!; 2 image string; 3 command string[]; 4 args string[]; 5 workingDir string; 6 ports ContainerPort[]; ' +
    '19 envFrom EnvFromSource[]; 7 env EnvVar[]; 8 resources ResourceRequirements; 23 resizePolicy ContainerResizePolicy[]; ' +
    '24 restartPolicy string*; 25 restartPolicyRules ContainerRestartRule[]; 9 volumeMounts VolumeMount[]; ' +
    '21 volumeDevices VolumeDevice[]; 10 livenessProbe Probe*; 11 readinessProbe Probe*; 22 startupProbe Probe*; ' +
    '12 lifecycle Lifecycle*; 13 terminationMessagePath string; 20 terminationMessagePolicy string; 14 imagePullPolicy string; ' +
    '15 securityContext SecurityContext*; 16 stdin bool; 17 stdinOnce bool; 18 tty bool',
  ProbeHandler: '1 exec ExecAction*; 2 httpGet HTTPGetAction*; 3 tcpSocket TCPSocketAction*; 4 grpc GRPCAction*',
  LifecycleHandler: '1 exec ExecAction*; 2 httpGet HTTPGetAction*; 3 tcpSocket TCPSocketAction*; 4 sleep SleepAction*',
  Lifecycle: '1 postStart LifecycleHandler*; 2 preStop LifecycleHandler*; 3 stopSignal string*',
  ContainerStateWaiting: '1 reason string; 2 message string',
  ContainerStateRunning: '1 startedAt meta.Time',
  ContainerStateTerminated:
    '1 exitCode int32!; 2 signal int32; 3 reason string; 4 message string; 5 startedAt meta.Time; 6 finishedAt meta.Time; ' +
    '7 containerID string',
  ContainerState:
    '1 waiting ContainerStateWaiting*; 2 running ContainerStateRunning*; 3 terminated ContainerStateTerminated*',
  ContainerStatus:
    '1 name string!; 2 state ContainerState; 3 lastState ContainerState; 4 ready bool!; 5 restartCount int32!; ' +
    '6 image string!; 7 imageID string!; 8 containerID string; 9 started bool*; 10 allocatedResources map<res.Quantity>; ' +
    '11 resources ResourceRequirements*; 12 volumeMounts VolumeMountStatus[]; 13 user ContainerUser*; ' +
    '14 allocatedResourcesStatus ResourceStatus[]; 15 stopSignal string*',
  ResourceStatus: '1 name string!; 2 resources ResourceHealth[]',
  ResourceHealth: '1 resourceID string!; 2 health string',
  ContainerUser: '1 linux LinuxContainerUser*',
  LinuxContainerUser: '1 uid int64!; 2 gid int64!; 3 supplementalGroups int64[]',
  VolumeMountStatus:
    '1 name string!; 2 mountPath string!; 3 readOnly bool; 4 recursiveReadOnly string*; 5 volumeStatus VolumeStatus',
  VolumeStatus: '1 image ImageVolumeStatus*',
  ImageVolumeStatus: '1 imageRef string',
  ContainerRestartRule: '1 action string; 2 exitCodes ContainerRestartRuleOnExitCodes*',
  ContainerRestartRuleOnExitCodes: '1 operator string; 2 values int32[]',
  SecurityContext:
    '1 capabilities Capabilities*; 2 privileged bool*; 3 seLinuxOptions SELinuxOptions*; ' +
    '10 windowsOptions WindowsSecurityContextOptions*; 4 runAsUser int64*; 8 runAsGroup int64*; 5 runAsNonRoot bool*; ' +
    '6 readOnlyRootFilesystem bool*; 7 allowPrivilegeEscalation bool*; 9 procMount string*; 11 seccompProfile SeccompProfile*; ' +
    '12 appArmorProfile AppArmorProfile*',
  SELinuxOptions: '1 user string; 2 role string; 3 type string; 4 level string',
  WindowsSecurityContextOptions:
    '1 gmsaCredentialSpecName string*; 2 gmsaCredentialSpec string*; 3 runAsUserName string*; 4 hostProcess bool*',
  Sysctl: '1 name string!; 2 value string!',
});
