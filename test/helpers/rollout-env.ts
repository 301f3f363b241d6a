/**
 * End-to-end rollout tests: a kubectl environment with the controllers and scheduler running, no
 * simulated kubelets, and a ReadyMaker standing in for them; a poll loop that lets the cluster settle
 * (optionally stepping the fake clock) until a check passes; and Deployment manifests.
 */
import yaml from 'js-yaml';
import type { ClusterOptions } from '../../src/app.js';
import type { KObject } from '../../src/api/meta.js';
import { RealClock } from '../../src/util/clock.js';
import { startKubectlEnv, type KubectlEnv, type KubectlProcess, type KubectlResult } from './kubectl.js';
import { ReadyMaker } from './ready-maker.js';

export interface RolloutEnv extends KubectlEnv {
  rm: ReadyMaker;
  /** Parsed `kubectl get ... -o json`. */
  json(...args: string[]): Promise<any>;
  /** Objects read straight from the cluster (no kubectl). */
  list(group: string, resource: string, namespace: string, labelSelector?: string): KObject[];
}

/** Cluster options for these tests: everything but the simulated kubelets (they would race the ReadyMaker). */
export const withoutKubelets: Partial<ClusterOptions> = { kubelets: false };

export async function startRolloutEnv(): Promise<RolloutEnv> {
  const k = await startKubectlEnv({ cluster: withoutKubelets });
  const rm = ReadyMaker.start(k.cluster, k.clock);
  return Object.assign(k, {
    rm,
    json: async (...args: string[]) => JSON.parse(await k.ok(['get', ...args, '-o', 'json'])),
    list: (group: string, resource: string, namespace: string, labelSelector?: string) =>
      k.cluster.client.resource(group, resource).list(namespace, labelSelector ? { labelSelector } : {}).items,
  });
}

const realClock = new RealClock();
const tick = (ms: number) => new Promise<void>((r) => realClock.after(r, ms));

export interface PollOptions {
  /** Give up after this long (real time; default 15 s). */
  timeoutMs?: number;
  /** Step the fake clock by this much between attempts (default: never). */
  stepMs?: number;
}

/**
 * Let the controllers settle and run `check` until it returns without throwing; between attempts wait a
 * moment (kubectl children talk to the server meanwhile) and step the clock if asked. The last failure
 * is rethrown on timeout.
 */
export async function poll<T>(k: KubectlEnv, check: () => T | Promise<T>, opts: PollOptions = {}): Promise<T> {
  const deadline = realClock.now() + (opts.timeoutMs ?? 15_000);
  for (;;) {
    await k.cluster.settle();
    try {
      return await check();
    } catch (e) {
      if (realClock.now() > deadline) throw e;
    }
    if (opts.stepMs) k.clock.step(opts.stepMs);
    await tick(10);
  }
}

/** Wait for a spawned kubectl to exit, stepping the clock meanwhile if asked (namespace deletion's delays). */
export async function exitOf(k: KubectlEnv, p: KubectlProcess, opts: PollOptions = {}): Promise<KubectlResult> {
  let result: KubectlResult | undefined;
  const done = p.exited((opts.timeoutMs ?? 15_000) + 1000).then((r) => (result = r));
  await poll(
    k,
    () => {
      if (!result) throw new Error(`kubectl still running\nstdout:\n${p.stdout()}\nstderr:\n${p.stderr()}`);
    },
    opts,
  );
  return done;
}

export interface DeploymentOpts {
  replicas?: number;
  image?: string;
  namespace?: string;
  minReadySeconds?: number;
  progressDeadlineSeconds?: number;
  strategy?: Record<string, unknown>;
  annotations?: Record<string, string>;
}

/** A Deployment with one container named `nginx`, as YAML for `kubectl apply -f -`. */
export function deploymentYaml(name: string, o: DeploymentOpts = {}): string {
  const spec: Record<string, unknown> = {
    replicas: o.replicas ?? 3,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image: o.image ?? 'nginx:1.27' }] } },
  };
  if (o.minReadySeconds !== undefined) spec.minReadySeconds = o.minReadySeconds;
  if (o.progressDeadlineSeconds !== undefined) spec.progressDeadlineSeconds = o.progressDeadlineSeconds;
  if (o.strategy) spec.strategy = o.strategy;
  const metadata: Record<string, unknown> = { name, labels: { app: name } };
  if (o.namespace) metadata.namespace = o.namespace;
  if (o.annotations) metadata.annotations = o.annotations;
  return yaml.dump({ apiVersion: 'apps/v1', kind: 'Deployment', metadata, spec });
}

type RS = KObject & { spec?: { replicas?: number; template?: { spec?: { containers?: Array<{ image?: string }> } } }; status?: { replicas?: number } };

/** The ReplicaSets of a deployment (by its selector app=<name>), oldest revision first. */
export function replicaSets(k: RolloutEnv, name: string, namespace = 'default'): RS[] {
  const rev = (rs: KObject) => Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
  return (k.list('apps', 'replicasets', namespace, `app=${name}`) as RS[]).sort((a, b) => rev(a) - rev(b));
}

/** "image:replicas@revision" for each ReplicaSet, oldest revision first. */
export function rsSummary(k: RolloutEnv, name: string, namespace = 'default'): string[] {
  return replicaSets(k, name, namespace).map(
    (rs) => `${rs.spec?.template?.spec?.containers?.[0]?.image}:${rs.spec?.replicas}@${rs.metadata.annotations?.['deployment.kubernetes.io/revision']}`,
  );
}

/** Non-terminating pods of a deployment. */
export function livePods(k: RolloutEnv, name: string, namespace = 'default'): KObject[] {
  return k.list('', 'pods', namespace, `app=${name}`).filter((p) => !p.metadata.deletionTimestamp);
}
