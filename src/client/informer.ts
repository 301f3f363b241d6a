/**
 * Informers as client-go's: list, then watch from the list's resourceVersion; a cache of the objects
 * with indexers; handlers for add/update/delete; a fresh list (with the differences delivered as
 * events) whenever the watch ends, including on 410 Gone.
 */
import type { KObject } from '../api/meta.js';
import type { ListOptions } from '../registry/list-watch.js';
import type { ResourceClient, Watch } from './client.js';

export interface EventHandlers {
  onAdd?(obj: KObject): void;
  onUpdate?(oldObj: KObject, newObj: KObject): void;
  onDelete?(obj: KObject): void;
}

export type IndexFunc = (obj: KObject) => string[];

export const keyOf = (obj: KObject): string => (obj.metadata.namespace ? `${obj.metadata.namespace}/${obj.metadata.name}` : obj.metadata.name!);

export const namespaceIndex: IndexFunc = (obj) => [obj.metadata.namespace ?? ''];

export class Informer {
  private readonly cache = new Map<string, KObject>();
  private readonly handlers: EventHandlers[] = [];
  private readonly indexers = new Map<string, IndexFunc>();
  private readonly indices = new Map<string, Map<string, Set<string>>>();
  private watch?: Watch;
  private running = false;
  private synced = false;
  /** How many times the informer has (re)listed; for tests and diagnostics. */
  lists = 0;
  private lastResourceVersion?: string;
  /** client-go's reflector ends each watch after 5-10 minutes; a fixed 5 keeps runs repeatable. */
  watchTimeoutSeconds = 300;

  constructor(
    private readonly rc: ResourceClient,
    private readonly namespace?: string,
    private readonly opts: Pick<ListOptions, 'labelSelector' | 'fieldSelector'> = {},
  ) {
    this.addIndexer('namespace', namespaceIndex);
  }

  addEventHandler(h: EventHandlers): void {
    this.handlers.push(h);
    if (this.synced) for (const o of this.cache.values()) h.onAdd?.(o);
  }

  addIndexer(name: string, fn: IndexFunc): void {
    this.indexers.set(name, fn);
    const idx = new Map<string, Set<string>>();
    this.indices.set(name, idx);
    for (const [k, o] of this.cache) for (const v of fn(o)) (idx.get(v) ?? idx.set(v, new Set()).get(v)!).add(k);
  }

  hasSynced(): boolean {
    return this.synced;
  }

  /** Start, or resume after stop() from the last version seen (a reconnect, which may meet a 410). */
  start(): void {
    if (this.running) return;
    this.running = true;
    if (this.lastResourceVersion) this.watchFrom(this.lastResourceVersion);
    else this.listAndWatch();
  }

  stop(): void {
    this.running = false;
    this.watch?.stop();
    this.watch = undefined;
  }

  get(namespace: string, name: string): KObject | undefined {
    return this.cache.get(namespace ? `${namespace}/${name}` : name);
  }
  getByKey(key: string): KObject | undefined {
    return this.cache.get(key);
  }
  list(namespace?: string): KObject[] {
    if (namespace === undefined) return [...this.cache.values()];
    return this.byIndex('namespace', namespace);
  }
  byIndex(name: string, value: string): KObject[] {
    const keys = this.indices.get(name)?.get(value);
    return keys ? [...keys].map((k) => this.cache.get(k)!).filter(Boolean) : [];
  }

  private listAndWatch(): void {
    if (!this.running) return;
    const list = this.rc.list(this.namespace, this.opts);
    this.lists++;
    this.replace(list.items);
    this.synced = true;
    this.watchFrom(list.metadata.resourceVersion);
  }

  /**
   * Watch from a resourceVersion. When the watch ends normally (its timeout) the informer watches again
   * from the last version it saw; when the server answers 410 Expired it lists again, as client-go's
   * reflector does.
   */
  private watchFrom(resourceVersion: string): void {
    this.lastResourceVersion = resourceVersion;
    let expired = false;
    this.watch = this.rc.watch(
      this.namespace,
      { ...this.opts, resourceVersion, allowWatchBookmarks: true, timeoutSeconds: this.watchTimeoutSeconds },
      (e) => {
        const obj = e.object as KObject;
        if (e.type === 'ERROR') {
          expired = (e.object as { code?: number }).code === 410;
          return;
        }
        if (obj.metadata?.resourceVersion) this.lastResourceVersion = obj.metadata.resourceVersion;
        if (e.type === 'ADDED' || e.type === 'MODIFIED') this.upsert(obj);
        else if (e.type === 'DELETED') this.remove(obj);
      },
      () => {
        this.watch = undefined;
        if (!this.running) return;
        queueMicrotask(() => {
          if (!this.running || this.watch) return;
          if (expired) this.listAndWatch();
          else this.watchFrom(this.lastResourceVersion!);
        });
      },
    );
  }

  /** Replace the cache with a fresh list, delivering the differences as events. */
  private replace(items: KObject[]): void {
    const seen = new Set<string>();
    for (const o of items) {
      seen.add(keyOf(o));
      this.upsert(o);
    }
    for (const [k, o] of [...this.cache]) if (!seen.has(k)) this.remove(o);
  }

  private upsert(obj: KObject): void {
    const k = keyOf(obj);
    const old = this.cache.get(k);
    if (old && old.metadata.resourceVersion === obj.metadata.resourceVersion) return;
    if (old) this.unindex(k, old);
    this.cache.set(k, obj);
    this.index(k, obj);
    for (const h of this.handlers) old ? h.onUpdate?.(old, obj) : h.onAdd?.(obj);
  }

  private remove(obj: KObject): void {
    const k = keyOf(obj);
    const old = this.cache.get(k);
    if (!old) return;
    this.unindex(k, old);
    this.cache.delete(k);
    for (const h of this.handlers) h.onDelete?.(obj);
  }

  private index(k: string, o: KObject): void {
    for (const [name, fn] of this.indexers) {
      const idx = this.indices.get(name)!;
      for (const v of fn(o)) (idx.get(v) ?? idx.set(v, new Set()).get(v)!).add(k);
    }
  }
  private unindex(k: string, o: KObject): void {
    for (const [name, fn] of this.indexers) {
      const idx = this.indices.get(name)!;
      for (const v of fn(o)) {
        const s = idx.get(v);
        s?.delete(k);
        if (s && s.size === 0) idx.delete(v);
      }
    }
  }
}
