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
/**
 * JSON lines already made for an event object: every watcher of a change gets the same object, so the
 * line is encoded once however many watchers there are.
 */
const encoded = new WeakMap<object, Map<string, string>>();

function encodeJson(e: WatchEvent): string {
  let byType = encoded.get(e.object);
  if (!byType) encoded.set(e.object, (byType = new Map()));
  let line = byType.get(e.type);
  if (line === undefined) byType.set(e.type, (line = JSON.stringify(e)));
  return line;
}

export function eventEncoder(def: ResourceDef, table: { version: 'v1' | 'v1beta1'; include: IncludeObject } | undefined, now: () => number): EventEncoder {
  let first = true;
  return (e) => {
    if (e.type === 'ERROR' || e.type === 'BOOKMARK') return JSON.stringify(e);
    if (!table) return encodeJson(e);
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
