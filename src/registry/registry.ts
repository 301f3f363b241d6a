/**
 * The generic store (upstream pkg/registry/generic/registry/store.go): create, get, update, patch,
 * delete for every kind, driven by its ResourceDef. Status errors with upstream reasons come from here;
 * the HTTP layer and the in-process client both call it, so both behave the same.
 */
import {
  ApiError,
  OBJECT_MODIFIED,
  alreadyExists,
  badRequest,
  conflict,
  forbidden,
  internalError,
  invalid,
  notFound,
  type GroupResource,
} from '../api/errors.js';
import type { FieldError } from '../api/field-errors.js';
import type { KObject } from '../api/meta.js';
import { nameIsDNSSubdomain, validateObjectMeta, validateObjectMetaUpdate } from '../api/validation.js';
import { Storage, StorageError, type Obj } from '../storage/storage.js';
import type { Clock } from '../util/clock.js';
import { cryptoRandom, type Random } from '../util/random.js';
import { decodeBody, parseFieldValidation, targetOf, type FieldValidation } from './decode.js';
import { prepareObjectForCreate, prepareObjectForFinalizeUpdate, prepareObjectForStatusUpdate, prepareObjectForUpdate } from './object-meta.js';
import type { AdmitContext, ResourceDef } from './resource-def.js';
import { ManagedFieldsTracker } from './managed-fields-tracker.js';

export interface WriteOptions {
  dryRun?: boolean;
  fieldManager?: string;
  fieldValidation?: FieldValidation | string;
  userAgent?: string;
  /** Warnings for the Warning header are appended here. */
  warnings?: string[];
}

export interface UpdateOptions extends WriteOptions {
  subresource?: 'status' | string;
  /** An update may create (PUT on a missing object) for kinds that allow it, and for apply patches. */
  forceAllowCreate?: boolean;
  /** managedFields were already computed (server-side apply): do not record an Update. */
  managedFieldsDone?: boolean;
}

export const storageKey = (def: ResourceDef) => `${def.group || 'core'}/${def.resource}`;
export const groupResource = (def: ResourceDef): GroupResource => ({ group: def.group, resource: def.resource });


export class Registry {
  readonly managedFields: ManagedFieldsTracker;

  constructor(
    readonly storage: Storage,
    readonly clock: Clock,
    readonly defs: ResourceDef[],
    readonly random: Random = cryptoRandom,
  ) {
    this.managedFields = new ManagedFieldsTracker(clock);
    this.admitContext = {
      list: (group, resource, namespace) => this.storage.list(`${group || 'core'}/${resource}`, { namespace }).items as KObject[],
      random,
    };
  }

  readonly admitContext: AdmitContext;

  /** The ResourceDef for group + plural resource, or undefined. */
  find(group: string, resource: string, version?: string): ResourceDef | undefined {
    // Without a version: the stored version (rows with `conversion` are other served versions).
    return this.defs.find((d) => d.group === group && d.resource === resource && (version ? d.version === version : !d.conversion));
  }

  mustFind(group: string, resource: string): ResourceDef {
    const d = this.find(group, resource);
    if (!d) throw new ApiError(404, 'NotFound', `the server could not find the requested resource`, { group: group || undefined, kind: resource });
    return d;
  }

  findKind(apiVersion: string, kind: string): ResourceDef | undefined {
    return this.defs.find((d) => (d.group ? `${d.group}/${d.version}` : d.version) === apiVersion && d.kind === kind);
  }

  get(def: ResourceDef, namespace: string, name: string): KObject {
    const o = this.storage.get(storageKey(def), def.namespaced ? namespace : '', name);
    if (!o) throw notFound(groupResource(def), name);
    return o as KObject;
  }

  tryGet(def: ResourceDef, namespace: string, name: string): KObject | undefined {
    return this.storage.get(storageKey(def), def.namespaced ? namespace : '', name) as KObject | undefined;
  }

  /** Decode, default and validate a body for create or update (the object is not stored). */
  decode(def: ResourceDef, body: unknown, opts: WriteOptions): KObject {
    const warnings = opts.warnings ?? [];
    const obj = decodeBody(targetOf(def), body, parseFieldValidation(opts.fieldValidation), warnings);
    def.strategy.defaults?.(obj);
    return obj;
  }

  create(def: ResourceDef, namespace: string, body: unknown, opts: WriteOptions = {}): KObject {
    const obj = this.decode(def, body, opts);
    return this.createDecoded(def, namespace, obj, opts);
  }

  /** Create an already decoded and defaulted object. */
  createDecoded(def: ResourceDef, namespace: string, obj: KObject, opts: WriteOptions = {}): KObject {
    const gr = groupResource(def);
    const md = obj.metadata;
    if (def.namespaced) {
      if (md.namespace && namespace && md.namespace !== namespace)
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      md.namespace = md.namespace || namespace;
    }
    if (md.resourceVersion) throw internalError('resourceVersion should not be set on objects to be created');
    prepareObjectForCreate(def, obj, this.clock, this.random);
    def.strategy.prepareForCreate?.(obj);
    def.allocate?.(this.admitContext, obj, undefined);
    const errs: FieldError[] = [...validateObjectMeta(md, def.namespaced, def.nameValidator ?? nameIsDNSSubdomain), ...def.strategy.validate(obj)];
    if (errs.length) throw invalid({ group: def.group, kind: def.kind }, md.name ?? md.generateName ?? '', errs);
    if (def.namespaced) this.admitNamespace(md.namespace!, gr, md.generateName ? '' : md.name!);
    def.admit?.(this.admitContext, obj, undefined);
    if (def.strategy.warnings) opts.warnings?.push(...def.strategy.warnings(obj));
    if (!(opts as UpdateOptions).managedFieldsDone) this.managedFields.onCreate(def, obj, opts);
    if (opts.dryRun) {
      if (this.storage.get(storageKey(def), md.namespace ?? '', md.name!)) throw alreadyExists(gr, md.name!);
      return obj;
    }
    try {
      return this.storage.create(storageKey(def), md.namespace ?? '', md.name!, obj as Obj) as KObject;
    } catch (e) {
      if (e instanceof StorageError && e.code === 'KeyExists') throw alreadyExists(gr, md.name!);
      throw e;
    }
  }

  /** Namespace name -> terminating?, kept in step with storage by a watch (this process is the only writer). */
  private namespaces?: Map<string, boolean>;

  private namespaceStates(): Map<string, boolean> {
    if (!this.namespaces) {
      const states = new Map<string, boolean>();
      const terminating = (o: Obj) => !!(o as KObject).metadata.deletionTimestamp || ((o as KObject).status as { phase?: string } | undefined)?.phase === 'Terminating';
      const list = this.storage.list('core/namespaces');
      for (const o of list.items) states.set((o as KObject).metadata.name!, terminating(o));
      this.storage.watch('core/namespaces', list.rev, (c) => {
        if (c.type === 'DELETED') states.delete(c.name);
        else states.set(c.name, terminating(c.object));
      });
      this.namespaces = states;
    }
    return this.namespaces;
  }

  /** NamespaceLifecycle admission: the namespace must exist and not be terminating. */
  private admitNamespace(namespace: string, gr: GroupResource, name = ''): void {
    const terminating = this.namespaceStates().get(namespace);
    if (terminating === undefined) throw notFound({ group: '', resource: 'namespaces' }, namespace);
    if (terminating) throw forbidden(gr, name, `unable to create new content in namespace ${namespace} because it is being terminated`);
  }

  /**
   * Update (PUT) with a full object. `mutate` variants (patch) go through `updateWith`. Returns the stored
   * object and whether it was created.
   */
  update(def: ResourceDef, namespace: string, name: string, body: unknown, opts: UpdateOptions = {}): { object: KObject; created: boolean } {
    const obj = this.decode(def, body, opts);
    if (obj.metadata.name && obj.metadata.name !== name)
      throw badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`);
    if (def.namespaced && obj.metadata.namespace && obj.metadata.namespace !== namespace)
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    return this.updateWith(def, namespace, name, () => obj, opts);
  }

  /**
   * The read-modify-write core (upstream GuaranteedUpdate + BeforeUpdate): `produce(current)` returns the
   * new object (already decoded and defaulted) or throws. Precondition: a resourceVersion in the new
   * object must equal the current one.
   */
  updateWith(
    def: ResourceDef,
    namespace: string,
    name: string,
    produce: (current: KObject | undefined) => KObject,
    opts: UpdateOptions = {},
  ): { object: KObject; created: boolean } {
    const gr = groupResource(def);
    const ns = def.namespaced ? namespace : '';
    const key = storageKey(def);
    let created = false;
    let result: KObject | undefined;
    const run = (cur: Obj | undefined): Obj | null => {
      const current = cur as KObject | undefined;
      if (!current && (!(opts.forceAllowCreate || def.allowCreateOnUpdate) || opts.subresource)) throw notFound(gr, name);
      const obj = produce(current ? structuredClone(current) : undefined);
      obj.metadata.name = name;
      if (def.namespaced) obj.metadata.namespace = namespace;
      if (!current) {
        created = true;
        delete obj.metadata.resourceVersion;
        result = this.createDecoded(def, namespace, obj, { ...opts, dryRun: true, managedFieldsDone: opts.managedFieldsDone } as WriteOptions);
        return result as Obj;
      }
      const rv = obj.metadata.resourceVersion;
      if (rv && rv !== current.metadata.resourceVersion) throw conflict(gr, name, OBJECT_MODIFIED);
      if (opts.subresource === 'status') {
        prepareObjectForStatusUpdate(obj, current);
        def.subresources?.status?.prepareForUpdate?.(obj, current);
      } else if (opts.subresource === 'finalize') {
        prepareObjectForFinalizeUpdate(obj, current);
      } else {
        prepareObjectForUpdate(def, obj, current);
        def.strategy.prepareForUpdate?.(obj, current);
        def.allocate?.(this.admitContext, obj, current);
      }
      const errs: FieldError[] = [...validateObjectMetaUpdate(obj.metadata, current.metadata)];
      if (opts.subresource === 'status') errs.push(...(def.subresources?.status?.validateUpdate?.(obj, current) ?? []));
      else if (opts.subresource === 'finalize') errs.push(...(def.subresources?.finalize?.validateUpdate?.(obj, current) ?? []));
      else errs.push(...(def.strategy.validateUpdate ? def.strategy.validateUpdate(obj, current) : def.strategy.validate(obj)));
      if (errs.length) throw invalid({ group: def.group, kind: def.kind }, name, errs);
      if (!opts.subresource) def.admit?.(this.admitContext, obj, current);
      if (def.strategy.warnings && opts.subresource !== 'status') opts.warnings?.push(...def.strategy.warnings(obj));
      if (!opts.managedFieldsDone) this.managedFields.onUpdate(def, obj, current, opts);
      obj.metadata.resourceVersion = current.metadata.resourceVersion;
      result = obj;
      // A terminating object whose last finalizer is gone and whose grace period is over is deleted.
      const md = obj.metadata;
      // Namespaces also wait for spec.finalizers (upstream ShouldDeleteNamespaceDuringUpdate).
      if (md.deletionTimestamp && !(md.finalizers ?? []).length && md.deletionGracePeriodSeconds === 0 && !def.strategy.holdDeletion?.(obj)) return null;
      return obj as Obj;
    };
    if (opts.dryRun) {
      const cur = this.storage.get(key, ns, name);
      const out = run(cur);
      return { object: (out ?? result) as KObject, created };
    }
    try {
      const r = this.storage.guaranteedUpdate(key, ns, name, run);
      return { object: (r.object ?? result) as KObject, created };
    } catch (e) {
      if (e instanceof StorageError && e.code === 'KeyNotFound') throw notFound(gr, name);
      throw e;
    }
  }

  /**
   * A storage-level read-modify-write that skips strategies and validation, for subresources whose
   * upstream REST storage writes storage directly (pods/binding).
   */
  rawUpdate(def: ResourceDef, namespace: string, name: string, fn: (cur: KObject) => KObject): KObject {
    try {
      const r = this.storage.guaranteedUpdate(storageKey(def), def.namespaced ? namespace : '', name, (cur) => {
        if (!cur) throw notFound(groupResource(def), name);
        return fn(cur as KObject) as Obj;
      });
      return r.object as KObject;
    } catch (e) {
      if (e instanceof StorageError && e.code === 'KeyNotFound') throw notFound(groupResource(def), name);
      throw e;
    }
  }
}

export { ApiError };
