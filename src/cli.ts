/**
 * The kubemu command: parse flags, start the cluster, print how to use it, stop cleanly on
 * SIGTERM/SIGINT. bin/kubemu.js runs it from the bundle; src/main.ts runs it from source.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { startCluster } from './app.js';
import { loadClusterConfig } from './cluster-config.js';

const usage = `Usage: kubemu [flags]

  --port N          port to listen on (default 6443; 0 picks a free port)
  --host ADDR       address to listen on (default 127.0.0.1)
  --data FILE       SQLite state file (default .kubemu/state.db; ':memory:' for a throw-away cluster)
  --kubeconfig FILE where to write the kubeconfig (default .kubemu/kubeconfig)
  --nodes N         worker nodes (default 2)
  --config FILE     cluster config (YAML): nodes with name, labels, taints, capacity
  --time-scale X    run the cluster clock X times faster than real time (default 1)
  -h, --help        show this help
`;

/** Run the command; resolves true once the cluster serves, false when there was nothing to serve (--help). */
export async function main(args: string[] = process.argv.slice(2)): Promise<boolean> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '6443' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string', default: '.kubemu/state.db' },
      kubeconfig: { type: 'string', default: '.kubemu/kubeconfig' },
      nodes: { type: 'string', default: '2' },
      config: { type: 'string' },
      'time-scale': { type: 'string', default: '1' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(usage);
    return false;
  }
  const num = (name: string, v: string, min: number) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number >= ${min}, got ${JSON.stringify(v)}`);
    return n;
  };
  const port = num('port', values.port, 0);
  const nodes = Math.floor(num('nodes', values.nodes, 0));
  const scale = num('time-scale', values['time-scale'], 0);
  if (scale === 0) throw new Error('--time-scale must be > 0');
  const data = values.data === ':memory:' ? ':memory:' : resolve(values.data);
  const kubeconfig = resolve(values.kubeconfig);
  const nodeList = values.config ? loadClusterConfig(resolve(values.config), nodes) : nodes;
  const cluster = await startCluster({ port, host: values.host, data, kubeconfig, nodes: nodeList, clock: scale, deferControlLoops: true });
  process.stdout.write(`kubemu is serving the Kubernetes API at ${cluster.url}\n`);
  process.stdout.write(`export KUBECONFIG=${kubeconfig}\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`kubemu: ${signal}, shutting down\n`);
    cluster.stop().then(
      () => process.exit(0),
      (e) => {
        process.stderr.write(`kubemu: shutdown failed: ${String(e)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  return true;
}

/** main() for an entry point: a failure prints `kubemu: <message>` and exits 1. */
export function runMain(): Promise<boolean> {
  return main().catch((e) => {
    process.stderr.write(`kubemu: ${(e as Error).message}\n`);
    process.exit(1);
  });
}
