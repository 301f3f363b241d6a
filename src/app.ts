/**
 * Wiring: clock, storage, registry, HTTP server, bootstrap objects, kubeconfig. `startCluster` is what
 * main.ts and test suites call.
 */
import type { FastifyInstance } from 'fastify';
import { bootstrap, defaultNodes, type NodeConfig } from './bootstrap.js';
import { Client } from './client/client.js';
import { createControllers } from './controllers/index.js';
import { ControllerManager } from './controllers/runtime/manager.js';
import { buildServer } from './http/server.js';
import { Kubelets, type KubeletOptions } from './kubelet/kubelet.js';
import { NodeHeartbeats } from './kubelet/node-status.js';
import { UsageMetricsSource } from './kubelet/metrics-source.js';
import { writeKubeconfig, kubeconfigYaml } from './kubeconfig.js';
import { Registry } from './registry/registry.js';
import { resources } from './registry/resources.js';
import { Scheduler } from './scheduler/scheduler.js';
import { Storage } from './storage/storage.js';
import { FakeClock, RealClock, ScaledClock, type Clock } from './util/clock.js';
import { cryptoRandom, type Random } from './util/random.js';

export interface ClusterOptions {
  /** Port to listen on; 0 picks a free one. Default 6443. */
  port?: number;
  host?: string;
  /** SQLite state file, or ':memory:'. */
  data?: string;
  /** Where to write the kubeconfig; omit (or '') to write none. */
  kubeconfig?: string;
  /** Worker nodes (default 2), or full node configs. */
  nodes?: number | NodeConfig[];
  /** 'real' (default), a number for a scaled clock, 'fake' for a FakeClock, or a Clock. */
  clock?: 'real' | 'fake' | number | Clock;
  random?: Random;
  /** Do not listen: use `server.inject()` only. */
  listen?: boolean;
  logger?: boolean;
  /** Watch history kept (ms of clock time) before compaction drops it; default 5 minutes. */
  historyWindowMs?: number;
  /** Run the controller manager (default true). */
  controllers?: boolean;
  /** Start controllers, scheduler and kubelets on the next event-loop turn (the command does, for a fast /readyz). */
  deferControlLoops?: boolean;
  /** Run the scheduler (default true). */
  scheduler?: boolean;
  /** Run the simulated kubelets' node heartbeats: leases and node status (default true). */
  nodeHeartbeats?: boolean;
  /** Run the simulated kubelets' pods: containers, probes, logs (default true; options for behaviour overrides). */
  kubelets?: boolean | KubeletOptions;
}

export interface Cluster {
  url: string;
  /** kubeconfig YAML for this cluster. */
  kubeconfig: string;
  kubeconfigPath?: string;
  clock: Clock;
  registry: Registry;
  client: Client;
  server: FastifyInstance;
  storage: Storage;
  controllers: ControllerManager;
  /** The simulated kubelets (pod workers, container logs), when running. */
  kubelets?: Kubelets;
  /** Resolve when every controller has nothing left to do (does not advance the clock). */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

function makeClock(c: ClusterOptions['clock']): Clock {
  if (c === undefined || c === 'real') return new RealClock();
  if (c === 'fake') return new FakeClock();
  if (typeof c === 'number') return c === 1 ? new RealClock() : new ScaledClock(c);
  return c;
}

export async function startCluster(opts: ClusterOptions = {}): Promise<Cluster> {
  const clock = makeClock(opts.clock);
  const storage = new Storage({ path: opts.data ?? ':memory:', clock, historyWindowMs: opts.historyWindowMs });
  const registry = new Registry(storage, clock, resources, opts.random ?? cryptoRandom);
  const nodes = Array.isArray(opts.nodes) ? opts.nodes : defaultNodes(opts.nodes ?? 2);
  bootstrap(registry, nodes);
  const client = new Client(registry);
  const kubelets = opts.kubelets === false ? undefined : new Kubelets(client, clock, typeof opts.kubelets === 'object' ? opts.kubelets : {});
  // Resource use (metrics.k8s.io, the HPA) from the usage model over pods' reported status.
  const metrics = new UsageMetricsSource(client, clock);
  const server = await buildServer({ registry, logger: opts.logger, podLogs: kubelets, podStreams: kubelets, metrics });
  let url = 'http://127.0.0.1';
  if (opts.listen !== false) {
    const host = opts.host ?? '127.0.0.1';
    await server.listen({ port: opts.port ?? 6443, host });
    const addr = server.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : opts.port;
    const shown = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
    url = `http://${shown}:${port}`;
  }
  const kubeconfig = kubeconfigYaml(url);
  if (opts.kubeconfig) writeKubeconfig(opts.kubeconfig, url);
  const controllers = new ControllerManager(client, clock);
  controllers.context.metrics = metrics;
  if (opts.controllers !== false) controllers.add(...createControllers(controllers.context));
  // The scheduler and the kubelets' node side run beside the controllers, sharing their informers
  // (so settle() covers them), each writing with its own field manager.
  if (opts.scheduler !== false) controllers.add(new Scheduler({ client: client.withManager('kube-scheduler'), clock, informers: controllers.informers }));
  if (opts.nodeHeartbeats !== false) controllers.add(new NodeHeartbeats({ client: client.withManager('kubelet'), clock, informers: controllers.informers }));
  // The control loops start now (deterministic for tests), or, for the command, on the next turn of
  // the event loop so the API server answers /readyz while they list and catch up, as on a real
  // cluster where they are separate processes. settle() and stop() wait for them to have started.
  let stopped = false;
  const startLoops = () => {
    if (stopped) return;
    if (controllers.controllers.length) controllers.start();
    kubelets?.start();
  };
  const started =
    opts.deferControlLoops === true
      ? new Promise<void>((resolve) => setImmediate(() => (startLoops(), resolve())))
      : (startLoops(), Promise.resolve());
  return {
    url,
    kubeconfig,
    kubeconfigPath: opts.kubeconfig || undefined,
    clock,
    registry,
    client,
    server,
    storage,
    controllers,
    kubelets,
    settle: async () => {
      await started;
      await settleAll([controllers, ...(kubelets ? [kubelets] : [])]);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await started;
      controllers.stop();
      kubelets?.stop();
      client.stopAll();
      await server.close();
      storage.close();
    },
  };
}

/** Resolve once every part is idle across a few event-loop turns (work cascades between them). */
async function settleAll(parts: Array<{ idle(): boolean }>, maxTurns = 10_000): Promise<void> {
  let quiet = 0;
  for (let i = 0; i < maxTurns; i++) {
    await new Promise((r) => setImmediate(r));
    if (parts.every((p) => p.idle())) {
      if (++quiet >= 3) return;
    } else quiet = 0;
  }
  throw new Error('cluster did not settle');
}
