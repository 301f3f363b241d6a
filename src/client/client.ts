/**
 * The in-process client: the same calls the REST API serves, with the same validation, conflicts,
 * watches and Status errors, without HTTP. Controllers, the scheduler and kubelets use only this.
 */
import type { DeleteOptionsT, KObject } from '../api/meta.js';
import { deleteObject } from '../registry/delete.js';
import { deleteCollection } from '../registry/delete-collection.js';
import { listObjects, watchObjects, type ListOptions, type ObjectList, type WatchEvent, type WatchOptions } from '../registry/list-watch.js';
import { patchObject, type PatchOptions, type PatchType } from '../registry/patch.js';
import { bindPod, evictPod } from '../registry/pod-subresources.js';
import type { Registry, WriteOptions } from '../registry/registry.js';
import type { ResourceDef } from '../registry/resource-def.js';
import { getScale, patchScale, updateScale } from '../registry/scale.js';

export interface Watch {
  stop(): void;
}

export class ResourceClient {
  constructor(
    private readonly reg: Registry,
    readonly def: ResourceDef,
    private readonly defaults: WriteOptions,
    private readonly track: (w: Watch) => Watch,
  ) {}

  private o<T extends WriteOptions>(opts?: T): T {
    return { ...this.defaults, ...(opts ?? {}) } as T;
  }

  get(namespace: string, name: string): KObject {
    return this.reg.get(this.def, namespace, name);
  }
  /** List; namespace undefined or '' lists across namespaces. */
  list(namespace?: string, opts: ListOptions = {}): ObjectList {
    return listObjects(this.reg, this.def, namespace || undefined, opts);
  }
  create(namespace: string, obj: KObject | Record<string, unknown>, opts?: WriteOptions): KObject {
    return this.reg.create(this.def, namespace, withTypeMeta(this.def, obj), this.o(opts));
  }
  update(namespace: string, obj: KObject, opts?: WriteOptions): KObject {
    return this.reg.update(this.def, namespace, obj.metadata.name!, withTypeMeta(this.def, obj), this.o(opts)).object;
  }
  updateStatus(namespace: string, obj: KObject, opts?: WriteOptions): KObject {
    return this.reg.update(this.def, namespace, obj.metadata.name!, withTypeMeta(this.def, obj), { ...this.o(opts), subresource: 'status' }).object;
  }
  patch(namespace: string, name: string, type: PatchType, patch: unknown, opts?: PatchOptions): KObject {
    return patchObject(this.reg, this.def, namespace, name, type, patch, this.o(opts)).object;
  }
  patchStatus(namespace: string, name: string, type: PatchType, patch: unknown, opts?: PatchOptions): KObject {
    return patchObject(this.reg, this.def, namespace, name, type, patch, { ...this.o(opts), subresource: 'status' }).object;
  }
  /** PUT namespaces/<name>/finalize: only spec.finalizers changes (namespaces only). */
  finalize(name: string, namespaceObject: KObject, opts?: WriteOptions): KObject {
    return this.reg.update(this.def, '', name, withTypeMeta(this.def, namespaceObject), { ...this.o(opts), subresource: 'finalize' }).object;
  }
  delete(namespace: string, name: string, options: DeleteOptionsT = {}): KObject {
    return deleteObject(this.reg, this.def, namespace, name, options).object;
  }
  deleteCollection(namespace: string | undefined, listOpts: ListOptions = {}, options: DeleteOptionsT = {}): ObjectList {
    return deleteCollection(this.reg, this.def, namespace || undefined, listOpts, options);
  }
  getScale(namespace: string, name: string): KObject {
    return getScale(this.reg, this.def, namespace, name);
  }
  updateScale(namespace: string, name: string, scale: unknown, opts?: WriteOptions): KObject {
    return updateScale(this.reg, this.def, namespace, name, scale, this.o(opts));
  }
  patchScale(namespace: string, name: string, type: PatchType, patch: unknown, opts?: PatchOptions): KObject {
    return patchScale(this.reg, this.def, namespace, name, type, patch, this.o(opts));
  }
  bind(namespace: string, name: string, binding: unknown): void {
    bindPod(this.reg, this.def, namespace, name, binding);
  }
  evict(namespace: string, name: string, eviction: unknown): void {
    evictPod(this.reg, this.def, namespace, name, eviction);
  }
  /** Watch; `onEnd` runs when the server side ends the watch (timeout, 410). */
  watch(namespace: string | undefined, opts: WatchOptions, onEvent: (e: WatchEvent) => void, onEnd: () => void = () => {}): Watch {
    let w: Watch | undefined;
    const h = watchObjects(this.reg, this.def, namespace || undefined, opts, onEvent, () => {
      if (w) untrack(w);
      onEnd();
    });
    const untrack = (x: Watch) => x.stop();
    w = this.track(h);
    return w;
  }
}

function withTypeMeta(def: ResourceDef, obj: Record<string, unknown>): Record<string, unknown> {
  return { apiVersion: def.group ? `${def.group}/${def.version}` : def.version, kind: def.kind, ...obj };
}

export class Client {
  private readonly watches = new Set<Watch>();
  constructor(
    readonly registry: Registry,
    private readonly defaults: WriteOptions = {},
  ) {}

  /** A client whose writes carry this field manager (e.g. 'kube-controller-manager'). */
  withManager(fieldManager: string): Client {
    const c = new Client(this.registry, { ...this.defaults, fieldManager });
    return c;
  }

  resource(group: string, resource: string): ResourceClient {
    return new ResourceClient(this.registry, this.registry.mustFind(group, resource), this.defaults, (w) => {
      const tracked: Watch = {
        stop: () => {
          this.watches.delete(tracked);
          w.stop();
        },
      };
      this.watches.add(tracked);
      return tracked;
    });
  }

  /** Every kind the server serves (for the garbage collector and namespace controller). */
  resources(): Array<{ group: string; version: string; kind: string; resource: string; namespaced: boolean; verbs: string[] }> {
    return this.registry.defs.map((d) => ({
      group: d.group,
      version: d.version,
      kind: d.kind,
      resource: d.resource,
      namespaced: d.namespaced,
      verbs: d.verbs ?? ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
    }));
  }

  stopAll(): void {
    for (const w of [...this.watches]) w.stop();
  }
}
