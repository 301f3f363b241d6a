/**
 * What pods/exec and pods/portforward need from whoever runs containers (the kubelets, registered at
 * wiring time; http does not import them), and the API server's own checks before it upgrades the
 * connection, as upstream's ExecLocation / PortForwardLocation (pkg/registry/core/pod/strategy.go):
 * the pod exists, the container is named or the only one, the pod is bound to a node.
 */
import { badRequest } from '../api/errors.js';
import type { KObject } from '../api/meta.js';
import type { Registry } from '../registry/registry.js';
import type { ResourceDef } from '../registry/resource-def.js';
import { logContainer } from './pod-log.js';
import { bool, one, type Query } from './query.js';

export interface ExecRequest {
  container: string;
  command: string[];
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

export interface ExecStreams {
  /** Standard input as text chunks, ending at the client's EOF; absent without stdin=true. */
  stdin?: AsyncIterable<string>;
  stdout(s: string): void;
  stderr(s: string): void;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
}

/**
 * How an exec ended: the command's exit code, or an error from the node (the text upstream's
 * stream translator wraps in an InternalError: "unable to upgrade connection: container not found
 * (\"x\")", "Internal error occurred: error executing command in container: ...").
 */
export type ExecOutcome = { exitCode: number } | { error: string };

/** Bytes from the local client towards the container's port. */
export interface PortConnection {
  write(data: Buffer): void;
  /** The client closed its side. */
  end(): void;
}

/** Bytes from the container's port back to the client. */
export interface PortSink {
  write(data: Buffer): void;
  /** The container side closed the connection. */
  end(): void;
}

export interface PodStreamSource {
  exec(pod: KObject, req: ExecRequest, io: ExecStreams): Promise<ExecOutcome>;
  /** Connect to a port of the pod; an error is the text the kubelet writes on the error stream. */
  portForward(pod: KObject, port: number, sink: PortSink): PortConnection | { error: string };
}

/** PodExecOptions from the query (command repeats). */
export function execRequest(q: Query, container: string): ExecRequest {
  const v = q.command;
  const command = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return {
    container,
    command,
    stdin: bool(q, 'stdin') ?? false,
    stdout: bool(q, 'stdout') ?? false,
    stderr: bool(q, 'stderr') ?? false,
    tty: bool(q, 'tty') ?? false,
  };
}

/** upstream streamLocation: the pod, the container (for exec), a node to talk to. */
export function connectTarget(registry: Registry, def: ResourceDef, ns: string, name: string, q: Query, withContainer: boolean): { pod: KObject; container: string } {
  const pod = registry.get(def, ns, name);
  const container = withContainer ? logContainer(pod, one(q, 'container') || undefined) : '';
  if (!(pod.spec as { nodeName?: string })?.nodeName) throw badRequest(`pod ${name} does not have a host assigned`);
  return { pod, container };
}
