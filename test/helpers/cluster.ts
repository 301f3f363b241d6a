/** Test helpers: an in-process cluster on a fake clock, and JSON requests through app.inject(). */
import { startCluster, type Cluster, type ClusterOptions } from '../../src/app.js';
import { FakeClock } from '../../src/util/clock.js';
import { seededRandom } from '../../src/util/random.js';

export interface TestCluster extends Cluster {
  clock: FakeClock;
  req(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Record<string, unknown>; text: string }>;
}

export async function testCluster(opts: ClusterOptions = {}): Promise<TestCluster> {
  // c.clock is the cluster's clock: another clock here would leave tests stepping a clock nobody reads.
  if (opts.clock !== undefined) throw new Error('testCluster makes its own FakeClock (c.clock); do not pass a clock');
  const clock = new FakeClock('2024-01-01T00:00:00Z');
  const c = await startCluster({ listen: false, clock, random: seededRandom(42), nodes: 2, ...opts });
  const req: TestCluster['req'] = async (method, url, body, headers = {}) => {
    const payload = body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
    const h: Record<string, string> = { ...headers };
    if (payload !== undefined && !Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['content-type'] = 'application/json';
    const r = await c.server.inject({ method: method as 'GET', url, payload, headers: h });
    let parsed: unknown = undefined;
    try {
      parsed = JSON.parse(r.body);
    } catch {
      parsed = undefined;
    }
    return { status: r.statusCode, body: parsed, headers: r.headers as Record<string, unknown>, text: r.body };
  };
  return Object.assign(c, { clock, req }) as TestCluster;
}

export const deployment = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, labels: { app: name } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
    ...extra,
  },
});

export const configMap = (name: string, data: Record<string, string> = { a: '1' }) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });
