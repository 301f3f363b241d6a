/** core/v1 Container and EphemeralContainer with ports, env, mounts, probes, lifecycle and resources. */
import { z } from 'zod';
import { IntOrString, Quantity } from '../meta.js';
import { SecurityContext } from './pod-security.js';
import { atomicList, bool, int, mapList, named, opt, req, str } from './pod-schema-helpers.js';
import { enumStr, MOUNT_PROPAGATION_MODE, PROTOCOL, PULL_POLICY, TERMINATION_MESSAGE_POLICY, URI_SCHEME } from './enums.js';

export const ResourceList = z
  .record(z.string(), Quantity)
  .meta({ description: 'Amounts of resources by name (cpu, memory, ephemeral-storage, hugepages-<size>, extended resources).' });

export const ContainerPort = named(
  'ContainerPort',
  z.object({
    name: opt(str(), 'An IANA_SVC_NAME, unique within the pod, that Services can refer to.'),
    hostPort: opt(int(), 'Port to expose on the host (1-65535). Rarely needed.'),
    containerPort: int().describe('Port the container listens on (1-65535).'),
    protocol: opt(enumStr(PROTOCOL), 'UDP, TCP or SCTP. Defaults to TCP.'),
    hostIP: opt(str(), 'Host IP to bind the host port to.'),
  }),
  'A network port of one container.',
);

export const LocalObjectReference = named(
  'LocalObjectReference',
  z.object({ name: opt(str(), 'Name of the object in the same namespace.') }),
  'A reference to an object by name in the same namespace.',
  { 'x-kubernetes-map-type': 'atomic' },
);

export const ConfigMapKeySelector = named(
  'ConfigMapKeySelector',
  z.object({
    name: opt(str(), 'Name of the ConfigMap.'),
    key: str().describe('The key to select.'),
    optional: opt(bool(), 'Whether the ConfigMap or its key may be missing.'),
  }),
  'Selects a key of a ConfigMap.',
  { 'x-kubernetes-map-type': 'atomic' },
);

export const SecretKeySelector = named(
  'SecretKeySelector',
  z.object({
    name: opt(str(), 'Name of the Secret.'),
    key: str().describe('The key to select.'),
    optional: opt(bool(), 'Whether the Secret or its key may be missing.'),
  }),
  'Selects a key of a Secret.',
  { 'x-kubernetes-map-type': 'atomic' },
);

export const ObjectFieldSelector = named(
  'ObjectFieldSelector',
  z.object({
    apiVersion: opt(str(), 'Version of the schema fieldPath is written in; defaults to "v1".'),
    fieldPath: str().describe('Path of the field to select, such as metadata.name.'),
  }),
  'Selects a field of the pod.',
  { 'x-kubernetes-map-type': 'atomic' },
);

export const ResourceFieldSelector = named(
  'ResourceFieldSelector',
  z.object({
    containerName: opt(str(), 'Container name; required for volumes, optional for env vars.'),
    resource: str().describe('The resource to select, such as limits.cpu or requests.memory.'),
    divisor: opt(Quantity, 'Unit the value is expressed in; defaults to "1".'),
  }),
  'Selects a container resource (limit or request).',
  { 'x-kubernetes-map-type': 'atomic' },
);

export const EnvVarSource = named(
  'EnvVarSource',
  z.object({
    fieldRef: opt(ObjectFieldSelector, 'A field of the pod.'),
    resourceFieldRef: opt(ResourceFieldSelector, 'A resource limit or request of a container.'),
    configMapKeyRef: opt(ConfigMapKeySelector, 'A key of a ConfigMap.'),
    secretKeyRef: opt(SecretKeySelector, 'A key of a Secret.'),
  }),
  'Where an environment variable takes its value from.',
);

export const EnvVar = named(
  'EnvVar',
  z.object({
    name: str().describe('Name of the variable.'),
    value: opt(str(), 'The value; $(VAR) references to earlier variables are expanded.'),
    valueFrom: opt(EnvVarSource, 'Source of the value; cannot be used with value.'),
  }),
  'An environment variable of a container.',
);

export const ConfigMapEnvSource = named(
  'ConfigMapEnvSource',
  z.object({
    name: opt(str(), 'Name of the ConfigMap.'),
    optional: opt(bool(), 'Whether the ConfigMap may be missing.'),
  }),
  'All keys of a ConfigMap as environment variables.',
);

export const SecretEnvSource = named(
  'SecretEnvSource',
  z.object({
    name: opt(str(), 'Name of the Secret.'),
    optional: opt(bool(), 'Whether the Secret may be missing.'),
  }),
  'All keys of a Secret as environment variables.',
);

export const EnvFromSource = named(
  'EnvFromSource',
  z.object({
    prefix: opt(str(), 'A prefix put before every key.'),
    configMapRef: opt(ConfigMapEnvSource, 'The ConfigMap to take variables from.'),
    secretRef: opt(SecretEnvSource, 'The Secret to take variables from.'),
  }),
  'A set of environment variables taken from a ConfigMap or Secret.',
);

export const VolumeMount = named(
  'VolumeMount',
  z.object({
    name: str().describe('Name of the pod volume to mount.'),
    readOnly: opt(bool(), 'Mount read-only.'),
    recursiveReadOnly: opt(str(), 'Disabled, IfPossible or Enabled: whether submounts are read-only too.'),
    mountPath: str().describe('Path in the container where the volume is mounted; must not contain ":".'),
    subPath: opt(str(), 'A path inside the volume to mount instead of its root.'),
    mountPropagation: opt(enumStr(MOUNT_PROPAGATION_MODE), 'None, HostToContainer or Bidirectional.'),
    subPathExpr: opt(str(), 'Like subPath, with $(VAR) expanded from the container environment.'),
  }),
  'A volume mounted into a container.',
);

export const VolumeDevice = named(
  'VolumeDevice',
  z.object({
    name: str().describe('Name of a persistentVolumeClaim volume of the pod.'),
    devicePath: str().describe('Path in the container the device is mapped to.'),
  }),
  'A raw block device mapped into a container.',
);

export const ResourceClaim = named(
  'ResourceClaim',
  z.object({
    name: str().describe('Name of an entry in pod.spec.resourceClaims.'),
    request: opt(str(), 'Name of one request in the claim; empty for the whole claim.'),
  }),
  'A reference to a pod resource claim that a container uses.',
);

export const ResourceRequirements = named(
  'ResourceRequirements',
  z.object({
    limits: opt(ResourceList, 'The most of each resource the container may use.'),
    requests: opt(ResourceList, 'The amount of each resource the container needs; defaults to the limits.'),
    claims: mapList(ResourceClaim, 'Dynamic resource claims the container uses.', ['name']),
  }),
  'Compute resource requests and limits.',
);

export const ContainerResizePolicy = named(
  'ContainerResizePolicy',
  z.object({
    resourceName: str().describe('cpu or memory.'),
    restartPolicy: str().describe('NotRequired or RestartContainer when this resource is resized.'),
  }),
  'How a container is resized in place.',
);

export const ExecAction = named(
  'ExecAction',
  z.object({ command: atomicList(str(), 'Command line to run in the container, without a shell.') }),
  'Run a command in the container.',
);

export const HTTPHeader = named(
  'HTTPHeader',
  z.object({ name: str().describe('Header name.'), value: str().describe('Header value.') }),
  'A custom HTTP header.',
);

export const HTTPGetAction = named(
  'HTTPGetAction',
  z.object({
    path: opt(str(), 'Path to request.'),
    port: req(IntOrString, 'Port number or name.'),
    host: opt(str(), 'Host to connect to; defaults to the pod IP.'),
    scheme: opt(enumStr(URI_SCHEME), 'HTTP or HTTPS. Defaults to HTTP.'),
    httpHeaders: atomicList(HTTPHeader, 'Extra request headers.'),
  }),
  'An HTTP GET request.',
);

export const TCPSocketAction = named(
  'TCPSocketAction',
  z.object({
    port: req(IntOrString, 'Port number or name.'),
    host: opt(str(), 'Host to connect to; defaults to the pod IP.'),
  }),
  'Opening a TCP connection.',
);

export const GRPCAction = named(
  'GRPCAction',
  z.object({
    port: int().describe('Port number of the gRPC service (1-65535).'),
    service: opt(str(), 'Service name sent in the gRPC HealthCheckRequest.'),
  }),
  'A gRPC health check.',
);

export const SleepAction = named(
  'SleepAction',
  z.object({ seconds: int().describe('Seconds to sleep.') }),
  'Sleeping for a while.',
);

const probeHandlerFields = {
  exec: opt(ExecAction, 'Run a command.'),
  httpGet: opt(HTTPGetAction, 'Send an HTTP GET.'),
  tcpSocket: opt(TCPSocketAction, 'Open a TCP connection.'),
  grpc: opt(GRPCAction, 'Call a gRPC health check.'),
};

export const Probe = named(
  'Probe',
  z.object({
    ...probeHandlerFields,
    initialDelaySeconds: opt(int(), 'Seconds after the container starts before the first probe.'),
    timeoutSeconds: opt(int(), 'Seconds before a probe times out. Defaults to 1.'),
    periodSeconds: opt(int(), 'Seconds between probes. Defaults to 10.'),
    successThreshold: opt(int(), 'Consecutive successes needed after a failure. Defaults to 1; must be 1 for liveness and startup.'),
    failureThreshold: opt(int(), 'Consecutive failures before giving up. Defaults to 3.'),
    terminationGracePeriodSeconds: opt(int(), 'Grace period used when this probe fails and the container is killed.'),
  }),
  'A health check run against a container.',
);

export const LifecycleHandler = named(
  'LifecycleHandler',
  z.object({
    exec: opt(ExecAction, 'Run a command.'),
    httpGet: opt(HTTPGetAction, 'Send an HTTP GET.'),
    tcpSocket: opt(TCPSocketAction, 'Deprecated; kept for compatibility.'),
    sleep: opt(SleepAction, 'Sleep for a while.'),
  }),
  'An action run at a lifecycle hook.',
);

export const Lifecycle = named(
  'Lifecycle',
  z.object({
    postStart: opt(LifecycleHandler, 'Run right after the container is created.'),
    preStop: opt(LifecycleHandler, 'Run before the container is stopped.'),
  }),
  'Actions run when a container starts and stops.',
);

const containerFields = {
  name: str().describe('Name of the container, a DNS label unique within the pod.'),
  image: opt(str(), 'Container image name.'),
  command: atomicList(str(), 'Entrypoint array, run without a shell; replaces the image ENTRYPOINT.'),
  args: atomicList(str(), 'Arguments to the entrypoint; replace the image CMD.'),
  workingDir: opt(str(), 'Working directory of the container.'),
  ports: mapList(ContainerPort, 'Ports the container exposes.', ['containerPort', 'protocol'], { mergeKey: 'containerPort', strategy: 'merge' }),
  envFrom: atomicList(EnvFromSource, 'Sources of environment variables; env wins on conflicts.'),
  env: mapList(EnvVar, 'Environment variables.', ['name'], { mergeKey: 'name', strategy: 'merge' }),
  resources: opt(ResourceRequirements, 'Compute resources the container needs.'),
  resizePolicy: atomicList(ContainerResizePolicy, 'How each resource is resized.'),
  restartPolicy: opt(str(), 'Always, for an init container that keeps running (a sidecar).'),
  volumeMounts: mapList(VolumeMount, 'Pod volumes to mount.', ['mountPath'], { mergeKey: 'mountPath', strategy: 'merge' }),
  volumeDevices: mapList(VolumeDevice, 'Block devices to map.', ['devicePath'], { mergeKey: 'devicePath', strategy: 'merge' }),
  livenessProbe: opt(Probe, 'Restart the container when this fails.'),
  readinessProbe: opt(Probe, 'Remove the pod from service endpoints while this fails.'),
  startupProbe: opt(Probe, 'Other probes wait until this succeeds.'),
  lifecycle: opt(Lifecycle, 'Hooks run on start and stop.'),
  terminationMessagePath: opt(str(), 'File whose content becomes the termination message. Defaults to /dev/termination-log.'),
  terminationMessagePolicy: opt(enumStr(TERMINATION_MESSAGE_POLICY), 'File or FallbackToLogsOnError. Defaults to File.'),
  imagePullPolicy: opt(enumStr(PULL_POLICY), 'Always, Never or IfNotPresent. Defaults to Always for :latest, else IfNotPresent.'),
  securityContext: opt(SecurityContext, 'Security settings of the container.'),
  stdin: opt(bool(), 'Allocate a stdin buffer.'),
  stdinOnce: opt(bool(), 'Close stdin after the first attach.'),
  tty: opt(bool(), 'Allocate a TTY.'),
};

export const Container = named('Container', z.object(containerFields), 'A container run in a pod.');

export const EphemeralContainer = named(
  'EphemeralContainer',
  z.object({
    ...containerFields,
    targetContainerName: opt(str(), 'A container of the pod whose namespaces this one joins.'),
  }),
  'A temporary container added to a running pod for debugging.',
);

export type ContainerPort = z.infer<typeof ContainerPort>;
export type EnvVar = z.infer<typeof EnvVar>;
export type EnvVarSource = z.infer<typeof EnvVarSource>;
export type EnvFromSource = z.infer<typeof EnvFromSource>;
export type VolumeMount = z.infer<typeof VolumeMount>;
export type VolumeDevice = z.infer<typeof VolumeDevice>;
export type ResourceRequirements = z.infer<typeof ResourceRequirements>;
export type ResourceList = z.infer<typeof ResourceList>;
export type Probe = z.infer<typeof Probe>;
export type HTTPGetAction = z.infer<typeof HTTPGetAction>;
export type Lifecycle = z.infer<typeof Lifecycle>;
export type LifecycleHandler = z.infer<typeof LifecycleHandler>;
export type Container = z.infer<typeof Container>;
export type EphemeralContainer = z.infer<typeof EphemeralContainer>;
