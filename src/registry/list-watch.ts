/**
 * List (label/field selectors, limit/continue) and watch (history replay from a resourceVersion,
 * initial ADDED events, selector transitions, bookmarks, timeouts) for every kind.
 */
import { ApiError, badRequest, expired, invalid, tooLargeResourceVersion } from '../api/errors.js';
import { forbidden, notSupported, type FieldError } from '../api/field-errors.js';
import type { KObject } from '../api/meta.js';
import { SelectorError, matches, parseLabelSelector, type LabelSelectorExpr } from '../api/selectors/labels.js';
import {
  checkFieldLabels,
  fieldLabelNotSupported,
  matchesFields,
  notKnownFieldSelector,
  parseFieldSelector,
  type FieldSelectorExpr,
} from '../api/selectors/fields.js';
import { StorageError, type Change } from '../storage/storage.js';
import type { TimerHandle } from '../util/clock.js';
import { storageKey, type Registry } from './registry.js';
import { gvString, type ResourceDef } from './resource-def.js';

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  /** Exact or NotOlderThan (how resourceVersion applies). */
  resourceVersionMatch?: string;
}

export interface ObjectList {
  apiVersion: string;
  kind: string;
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
  items: KObject[];
}

export interface Filter {
  namespace?: string;
  labels: LabelSelectorExpr;
  fields: FieldSelectorExpr;
}

/** Field values a kind can be selected on: metadata.name, metadata.namespace and the kind's own. */
export function fieldGetter(def: ResourceDef, obj: KObject): (field: string) => string | undefined {
  return (field) => {
    if (field === 'metadata.name') return obj.metadata.name ?? '';
    if (field === 'metadata.namespace') return obj.metadata.namespace ?? '';
    const g = def.fieldSelectors?.[field];
    return g ? (g(obj) ?? '') : undefined;
  };
}

export function parseFilter(def: ResourceDef, namespace: string | undefined, labelSelector?: string, fieldSelector?: string): Filter {
  try {
    const labels = parseLabelSelector(labelSelector ?? '');
    const fields = parseFieldSelector(fieldSelector ?? '');
    const own = Object.keys(def.fieldSelectors ?? {});
    checkFieldLabels(fields, ['metadata.name', 'metadata.namespace', ...own], own.length ? fieldLabelNotSupported : notKnownFieldSelector);
    return { namespace: def.namespaced && namespace ? namespace : undefined, labels, fields };
  } catch (e) {
    if (e instanceof SelectorError) throw badRequest(e.message);
    if (e instanceof ApiError) throw e;
    throw badRequest(String((e as Error).message));
  }
}

export function matchesFilter(def: ResourceDef, f: Filter, obj: KObject): boolean {
  if (f.namespace !== undefined && obj.metadata.namespace !== f.namespace) return false;
  if (!matches(f.labels, obj.metadata.labels)) return false;
  return matchesFields(f.fields, fieldGetter(def, obj));
}

interface ContinueToken {
  v: string;
  rv: number;
  start: string;
}

/** A continue token: the revision the list is served at (-1: the latest) and the last key returned. */
const encodeContinue = (rv: number, ns: string, name: string) =>
  Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start: `${ns}/${name}\u0000` } satisfies ContinueToken)).toString('base64url');

/** storage.DecodeContinue, its errors as the apiserver reports them ("invalid continue token: ..."). */
function decodeContinue(token: string): { rv: number; namespace: string; name: string } {
  const invalidToken = (why: string) => badRequest(`invalid continue token: continue key is not valid${why}`);
  let t: ContinueToken;
  try {
    t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as ContinueToken;
  } catch {
    // Upstream appends Go's base64/JSON error here; this is not Go's text.
    throw invalidToken(': not a base64url-encoded JSON object');
  }
  if (t === null || typeof t !== 'object') throw invalidToken(': not a base64url-encoded JSON object');
  if (t.v !== 'meta.k8s.io/v1') throw invalidToken(`: server does not recognize this encoded version ${t.v ?? ''}`);
  if (typeof t.rv !== 'number' || !Number.isInteger(t.rv) || t.rv === 0) throw invalidToken(': incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  if (typeof t.start !== 'string' || t.start === '') throw invalidToken(': encoded start key empty (version meta.k8s.io/v1)');
  const key = t.start.endsWith('\u0000') ? t.start.slice(0, -1) : t.start;
  const slash = key.indexOf('/');
  if (slash < 0 || key.includes('..')) throw invalidToken(`: ${t.start}`);
  return { rv: t.rv, namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

/** Upstream's messages for a list whose revision was compacted away. */
const listExpired = 'The resourceVersion for the provided list is too old.';
const continueExpired =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

/** ValidateListOptions (apimachinery internalversion/validation) for a list. */
function validateListOptions(opts: ListOptions): void {
  const match = opts.resourceVersionMatch ?? '';
  if (!match) return;
  const p = 'resourceVersionMatch';
  const errs: FieldError[] = [];
  if (!opts.resourceVersion) errs.push(forbidden(p, 'resourceVersionMatch is forbidden unless resourceVersion is provided'));
  if (opts.continue) errs.push(forbidden(p, 'resourceVersionMatch is forbidden when continue is provided'));
  if (match !== 'Exact' && match !== 'NotOlderThan') errs.push(notSupported(p, match, ['Exact', 'NotOlderThan', '']));
  if (match === 'Exact' && opts.resourceVersion === '0') errs.push(forbidden(p, 'resourceVersionMatch "exact" is forbidden for resourceVersion "0"'));
  if (errs.length) throw invalid({ group: 'meta.k8s.io', kind: 'ListOptions' }, '', errs);
}

/** A resourceVersion parameter as a number (0 for none). */
export function parseResourceVersion(rv: string | undefined): number {
  if (!rv) return 0;
  if (!/^\d+$/.test(rv)) throw badRequest(`resourceVersion: Invalid value: "${rv}": must be a non-negative integer`);
  return Number(rv);
}

/**
 * List as upstream serves it: the latest state (no resourceVersion, "0", or NotOlderThan), or the
 * state at one revision: a continue token's, or resourceVersionMatch=Exact's (also a resourceVersion
 * with a limit and no match, the legacy rule), rebuilt from the change history; 410 Expired once the
 * history no longer reaches back, with a continue token for the inconsistent remainder.
 */
export function listObjects(reg: Registry, def: ResourceDef, namespace: string | undefined, opts: ListOptions = {}): ObjectList {
  validateListOptions(opts);
  const filter = parseFilter(def, namespace, opts.labelSelector, opts.fieldSelector);
  const limit = opts.limit && opts.limit > 0 ? opts.limit : 0;
  const requested = parseResourceVersion(opts.resourceVersion);
  let after: { namespace: string; name: string } | undefined;
  /** The revision to list at; undefined: the latest. */
  let atRev: number | undefined;
  if (opts.continue) {
    if (requested !== 0) throw badRequest('specifying resource version is not allowed when using continue');
    const c = decodeContinue(opts.continue);
    after = { namespace: c.namespace, name: c.name };
    if (c.rv > 0) atRev = c.rv;
  } else if (requested !== 0) {
    if (requested > reg.storage.revision) throw tooLargeResourceVersion(requested, reg.storage.revision);
    if (opts.resourceVersionMatch === 'Exact' || (!opts.resourceVersionMatch && limit > 0)) atRev = requested;
  }
  const key = storageKey(def);
  const items: KObject[] = [];
  let rev = atRev ?? reg.storage.revision;
  let more = false;
  let last: { namespace: string; name: string } | undefined;
  let remaining: number | undefined;
  // Fill the page with matching objects, reading storage in pages when a limit is set.
  for (;;) {
    let page: ReturnType<Registry['storage']['list']>;
    try {
      page = reg.storage.list(key, { namespace: filter.namespace, after, limit: limit ? limit - items.length : 0, rev: atRev });
    } catch (e) {
      if (!(e instanceof StorageError && e.code === 'Expired')) throw e;
      // Only the first read can expire (later ones read the same revision), so `after` is still the token's key.
      if (!opts.continue) throw expired(listExpired);
      throw expired(continueExpired, encodeContinue(-1, after!.namespace, after!.name));
    }
    rev = page.rev;
    for (const o of page.items) if (matchesFilter(def, filter, o as KObject)) items.push(o as KObject);
    if (!page.last) break;
    after = page.last;
    if (limit && items.length >= limit) {
      more = true;
      last = page.last;
      remaining = page.remaining;
      break;
    }
  }
  const list: ObjectList = {
    apiVersion: gvString(def),
    kind: def.listKind ?? `${def.kind}List`,
    metadata: { resourceVersion: String(rev) },
    items,
  };
  if (more && last) {
    list.metadata.continue = encodeContinue(rev, last.namespace, last.name);
    // Only exact without selectors, as upstream.
    if (!opts.labelSelector && !opts.fieldSelector && remaining !== undefined) list.metadata.remainingItemCount = remaining;
  }
  return list;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
export interface WatchEvent {
  type: WatchEventType;
  object: Record<string, unknown>;
}

export interface WatchOptions {
  labelSelector?: string;
  fieldSelector?: string;
  resourceVersion?: string;
  allowWatchBookmarks?: boolean;
  timeoutSeconds?: number;
  sendInitialEvents?: boolean;
}

export interface WatchHandle {
  stop(): void;
}

/** Upstream sends a bookmark about once a minute to watchers that allow them. */
const bookmarkIntervalMs = 60_000;

/**
 * Start a watch. `send` gets each event; `end` is called once when the watch ends on its own (timeout,
 * expired resourceVersion). Events are delivered synchronously after each write.
 */
export function watchObjects(
  reg: Registry,
  def: ResourceDef,
  namespace: string | undefined,
  opts: WatchOptions,
  send: (e: WatchEvent) => void,
  end: () => void,
): WatchHandle {
  const filter = parseFilter(def, namespace, opts.labelSelector, opts.fieldSelector);
  let fromRev = parseResourceVersion(opts.resourceVersion);
  let lastRev = fromRev;
  let stopped = false;
  const timers: TimerHandle[] = [];
  let unsubscribe = () => {};
  const stop = () => {
    if (stopped) return;
    stopped = true;
    unsubscribe();
    for (const t of timers) t.cancel();
  };
  const finish = () => {
    if (stopped) return;
    stop();
    end();
  };
  const initial = fromRev === 0 || opts.sendInitialEvents === true;
  if (initial) {
    const list = listObjects(reg, def, namespace, { labelSelector: opts.labelSelector, fieldSelector: opts.fieldSelector });
    for (const o of list.items) send({ type: 'ADDED', object: o });
    fromRev = Number(list.metadata.resourceVersion);
    lastRev = fromRev;
    if (opts.sendInitialEvents && opts.allowWatchBookmarks)
      send({ type: 'BOOKMARK', object: bookmark(def, lastRev, { 'k8s.io/initial-events-end': 'true' }) });
  }
  const onChange = (c: Change) => {
    if (stopped) return;
    lastRev = c.rev;
    const cur = c.type === 'DELETED' ? undefined : (c.object as KObject);
    const prev = c.type === 'DELETED' ? (c.object as KObject) : (c.prev as KObject | undefined);
    const curOk = cur ? matchesFilter(def, filter, cur) : false;
    const prevOk = prev ? matchesFilter(def, filter, prev) : false;
    if (curOk && !prevOk) send({ type: 'ADDED', object: cur! });
    else if (curOk && prevOk) send({ type: 'MODIFIED', object: cur! });
    else if (!curOk && prevOk) {
      const old = structuredClone(prev!);
      old.metadata.resourceVersion = String(c.rev);
      send({ type: 'DELETED', object: old });
    }
  };
  // A revision this server has not reached: upstream's watch cache waits up to 3 s for it, then sends
  // this error; kubemu is the only writer, so waiting cannot help.
  if (fromRev > reg.storage.revision) {
    send({ type: 'ERROR', object: tooLargeResourceVersion(fromRev, reg.storage.revision).toStatus() as unknown as Record<string, unknown> });
    queueMicrotask(finish);
    return { stop };
  }
  try {
    unsubscribe = reg.storage.watch(storageKey(def), fromRev, onChange);
  } catch (e) {
    if (e instanceof StorageError && e.code === 'Expired') {
      send({ type: 'ERROR', object: expired(e.message).toStatus() as unknown as Record<string, unknown> });
      queueMicrotask(finish);
      return { stop };
    }
    throw e;
  }
  if (opts.allowWatchBookmarks)
    timers.push(reg.clock.every(() => !stopped && send({ type: 'BOOKMARK', object: bookmark(def, Math.max(lastRev, reg.storage.revision)) }), bookmarkIntervalMs));
  if (opts.timeoutSeconds && opts.timeoutSeconds > 0) timers.push(reg.clock.after(finish, opts.timeoutSeconds * 1000));
  return { stop };
}

function bookmark(def: ResourceDef, rev: number, annotations?: Record<string, string>): Record<string, unknown> {
  return {
    kind: def.kind,
    apiVersion: gvString(def),
    metadata: { resourceVersion: String(rev), ...(annotations ? { annotations } : {}) },
  };
}
