/**
 * The load generator: plain node:http over keep-alive connections, a fixed number of requests spread
 * over `concurrency` loops, latency percentiles. Loopback only; bounded counts.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface Request {
  method: string;
  path: string;
  body?: string;
  /** Expected status; anything else aborts the run. */
  expect: number;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  p50ms: number;
  p99ms: number;
  bytes: number;
}

export function agent(maxSockets: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets });
}

export function request(ag: http.Agent | false, base: string, r: Pick<Request, 'method' | 'path' | 'body'>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { accept: 'application/json' };
    if (r.body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(r.body);
    }
    const req = http.request(base + r.path, { method: r.method, agent: ag, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(r.body);
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Send `count` requests made by `make(i)` with `concurrency` in flight. */
export async function run(base: string, count: number, concurrency: number, make: (i: number) => Request): Promise<LoadResult> {
  const ag = agent(concurrency);
  const latencies: number[] = new Array(count);
  let next = 0;
  let bytes = 0;
  const start = performance.now();
  const loop = async () => {
    for (;;) {
      const i = next++;
      if (i >= count) return;
      const r = make(i);
      const t0 = performance.now();
      const res = await request(ag, base, r);
      latencies[i] = performance.now() - t0;
      bytes += res.body.length;
      if (res.status !== r.expect) throw new Error(`${r.method} ${r.path}: HTTP ${res.status}, want ${r.expect}: ${res.body.slice(0, 300)}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, loop));
  const seconds = (performance.now() - start) / 1000;
  ag.destroy();
  latencies.sort((a, b) => a - b);
  return { requests: count, seconds, perSecond: count / seconds, p50ms: percentile(latencies, 50), p99ms: percentile(latencies, 99), bytes };
}
