/**
 * GET pods/{name}/log, as upstream's pod LogREST: PodLogOptions from the query (validated as
 * ValidatePodLogOptions), the container chosen as LogLocation does (the only one, or "a container name
 * must be specified ..."), then the bytes from whoever runs the pod's containers (the kubelets,
 * registered at wiring time as a PodLogSource), as text/plain; `follow` streams until the container
 * ends or the client goes away. A pod not bound to a node has no logs yet: an empty body.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { badRequest, invalid } from '../api/errors.js';
import { forbidden as fieldForbidden, invalid as fieldInvalid, type FieldError } from '../api/field-errors.js';
import type { KObject } from '../api/meta.js';
import type { PodLogOptions } from '../api/core/pod-log-options.js';
import type { Registry } from '../registry/registry.js';
import type { ResourceDef } from '../registry/resource-def.js';
import { bool, int, one, type Query } from './query.js';


/** Where container logs come from (the kubelets). Throws an ApiError when there is nothing to show. */
export interface PodLogSource {
  streamLogs(pod: KObject, opts: PodLogOptions, sink: { write(chunk: string): void; end(): void }): { stop(): void };
}

type Named = { name: string };

/** upstream LogLocation's container choice. */
export function logContainer(pod: KObject, requested: string | undefined): string {
  const spec = (pod.spec ?? {}) as { containers?: Named[]; initContainers?: Named[]; ephemeralContainers?: Named[] };
  const containers = spec.containers ?? [];
  const inits = spec.initContainers ?? [];
  const eph = spec.ephemeralContainers ?? [];
  const name = pod.metadata.name;
  if (!requested) {
    if (containers.length === 1) return containers[0]!.name;
    if (containers.length === 0) throw badRequest(`a container name must be specified for pod ${name}`);
    let msg = `a container name must be specified for pod ${name}, choose one of: [${containers.map((c) => c.name).join(' ')}]`;
    if (inits.length) msg += ` or one of the init containers: [${inits.map((c) => c.name).join(' ')}]`;
    if (eph.length) msg += ` or one of the ephemeral containers: [${eph.map((c) => c.name).join(' ')}]`;
    throw badRequest(msg);
  }
  if (![...containers, ...inits, ...eph].some((c) => c.name === requested)) throw badRequest(`container ${requested} is not valid for pod ${name}`);
  return requested;
}

/** PodLogOptions from the query, validated as upstream's ValidatePodLogOptions. */
export function podLogOptions(q: Query, podName: string): Omit<PodLogOptions, 'container'> & { container?: string } {
  const opts = {
    container: one(q, 'container') || undefined,
    follow: bool(q, 'follow'),
    previous: bool(q, 'previous'),
    timestamps: bool(q, 'timestamps'),
    sinceSeconds: int(q, 'sinceSeconds'),
    sinceTime: one(q, 'sinceTime') || undefined,
    tailLines: int(q, 'tailLines'),
    limitBytes: int(q, 'limitBytes'),
  };
  if (opts.sinceTime !== undefined && Number.isNaN(Date.parse(opts.sinceTime))) throw badRequest(`parsing time ${JSON.stringify(opts.sinceTime)} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(opts.sinceTime)} as "2006"`);
  const errs: FieldError[] = [];
  if (opts.tailLines !== undefined && opts.tailLines < 0) errs.push(fieldInvalid('tailLines', opts.tailLines, 'must be greater than or equal to 0'));
  if (opts.limitBytes !== undefined && opts.limitBytes < 1) errs.push(fieldInvalid('limitBytes', opts.limitBytes, 'must be greater than 0'));
  if (opts.sinceSeconds !== undefined && opts.sinceTime !== undefined) errs.push(fieldForbidden('', 'at most one of `sinceTime` or `sinceSeconds` may be specified'));
  else if (opts.sinceSeconds !== undefined && opts.sinceSeconds < 1) errs.push(fieldInvalid('sinceSeconds', opts.sinceSeconds, 'must be greater than 0'));
  if (errs.length) throw invalid({ group: '', kind: 'PodLogOptions' }, podName, errs);
  return opts;
}

export async function servePodLog(registry: Registry, source: PodLogSource | undefined, def: ResourceDef, ns: string, name: string, q: Query, req: FastifyRequest, reply: FastifyReply, headers: Record<string, string>): Promise<unknown> {
  const pod = registry.get(def, ns, name);
  const opts = podLogOptions(q, name);
  const container = logContainer(pod, opts.container);
  const nodeName = (pod.spec as { nodeName?: string })?.nodeName;
  if (!nodeName || !source) return reply.code(200).type('text/plain').send('');
  const request: PodLogOptions = { ...opts, container };
  if (!opts.follow) {
    let body = '';
    source.streamLogs(pod, request, { write: (s) => (body += s), end: () => {} });
    return reply.code(200).type('text/plain').send(body);
  }
  // Follow: validate before taking over the response, so errors still come back as a Status.
  const chunks: string[] = [];
  let ended = false;
  let raw: FastifyReply['raw'] | undefined;
  const handle = source.streamLogs(pod, request, {
    write: (s) => (raw ? raw.write(s) : chunks.push(s)),
    end: () => {
      ended = true;
      raw?.end();
    },
  });
  reply.hijack();
  raw = reply.raw;
  raw.writeHead(200, { ...headers, 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' });
  for (const c of chunks) raw.write(c);
  if (ended) raw.end();
  const close = () => handle.stop();
  raw.on('close', close);
  req.raw.on('close', close);
  return undefined;
}
