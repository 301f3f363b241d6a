/**
 * Watch responses: newline-delimited JSON events over a chunked HTTP response (headers flushed at
 * once, as informers need), or one event per WebSocket message.
 */
import type { ServerResponse } from 'node:http';
import type { KObject } from '../api/meta.js';
import type { WatchEvent } from '../registry/list-watch.js';
import type { ResourceDef } from '../registry/resource-def.js';
import { toTable, type IncludeObject } from './table.js';

export interface EventEncoder {
  (e: WatchEvent): string;
}

/** Encode events as JSON, or as one-row Tables for `kubectl get -w` (columns on the first only). */
export function eventEncoder(def: ResourceDef, table: { version: 'v1' | 'v1beta1'; include: IncludeObject } | undefined, now: () => number): EventEncoder {
  let first = true;
  return (e) => {
    if (!table || e.type === 'ERROR' || e.type === 'BOOKMARK') return JSON.stringify(e);
    const t = toTable(def, [e.object as KObject], { resourceVersion: (e.object as KObject).metadata?.resourceVersion ?? '' }, {
      include: table.include,
      now: now(),
      version: table.version,
      withColumns: first,
    });
    first = false;
    return JSON.stringify({ type: e.type, object: t });
  };
}

export function startHttpWatch(res: ServerResponse, headers: Record<string, string>): { write(line: string): void; end(): void } {
  res.writeHead(200, { ...headers, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  let ended = false;
  return {
    write(line: string) {
      if (!ended) res.write(line + '\n');
    },
    end() {
      if (ended) return;
      ended = true;
      res.end();
    },
  };
}
