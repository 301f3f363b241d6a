/**
 * Watch fan-out: N HTTP watchers on one collection, M creates as fast as the server takes them, and
 * the time until every watcher has seen every event.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { agent, request } from './load.js';

export interface FanoutResult {
  watchers: number;
  events: number;
  seconds: number;
  /** Events delivered to watchers per second (watchers * events / seconds). */
  deliveredPerSecond: number;
  /** Writes per second while fanning out. */
  writesPerSecond: number;
}

interface Watcher {
  seen: number;
  req: http.ClientRequest;
  done: Promise<void>;
}

function openWatch(url: string, path: string, want: number): Promise<Watcher> {
  return new Promise((resolve, reject) => {
    let resolveDone!: () => void;
    const w: Watcher = { seen: 0, req: undefined as unknown as http.ClientRequest, done: new Promise((r) => (resolveDone = r)) };
    w.req = http.get(url + path, { agent: false, headers: { accept: 'application/json' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`watch: HTTP ${res.statusCode}`));
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        buf += d;
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          if (line && (JSON.parse(line) as { type: string }).type === 'ADDED' && ++w.seen === want) resolveDone();
        }
      });
      res.on('error', () => {});
      resolve(w);
    });
    w.req.on('error', (e) => {
      if (w.seen < want) reject(e);
    });
  });
}

export async function watchFanout(url: string, namespace: string, watchers: number, events: number, writeConcurrency: number): Promise<FanoutResult> {
  const base = `/api/v1/namespaces/${namespace}/configmaps`;
  const list = await request(false, url, { method: 'GET', path: base });
  const rv = (JSON.parse(list.body) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
  const ws: Watcher[] = [];
  for (let i = 0; i < watchers; i++) ws.push(await openWatch(url, `${base}?watch=1&resourceVersion=${rv}`, events));
  const ag = agent(writeConcurrency);
  const start = performance.now();
  let next = 0;
  let writesDone = 0;
  const writer = async () => {
    for (;;) {
      const i = next++;
      if (i >= events) return;
      const body = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `w-${i}` }, data: { i: String(i) } });
      const r = await request(ag, url, { method: 'POST', path: base, body });
      if (r.status !== 201) throw new Error(`create during fan-out: HTTP ${r.status}: ${r.body.slice(0, 200)}`);
    }
  };
  await Promise.all(Array.from({ length: writeConcurrency }, writer));
  writesDone = performance.now();
  await Promise.all(ws.map((w) => w.done));
  const seconds = (performance.now() - start) / 1000;
  for (const w of ws) w.req.destroy();
  ag.destroy();
  return {
    watchers,
    events,
    seconds,
    deliveredPerSecond: (watchers * events) / seconds,
    writesPerSecond: events / ((writesDone - start) / 1000),
  };
}
