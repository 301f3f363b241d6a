/**
 * The resource table's row type. Adding a kind is a schema in api/, a strategy (these hooks), and one
 * ResourceDef in resources.ts; routes, discovery, OpenAPI and tables are generated from it.
 */
import type { z } from 'zod';
import type { FieldError } from '../api/field-errors.js';
import type { KObject } from '../api/meta.js';

export interface ColumnDefinition {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format: string; // '' | 'name' | ...
  description: string;
  priority: number; // 0 always shown, 1 only with -o wide
}

export interface TableConvertor {
  columns: ColumnDefinition[];
  /** Cells for one object, in column order. `now` is the clock's time in ms (for ages). */
  cells(obj: KObject, now: number): unknown[];
}

export interface Strategy {
  /** Upstream SetDefaults_* for the kind, in place. Runs on every create and update body. */
  defaults?(obj: KObject): void;
  /** Clear what a create may not set (usually status); kind-specific init. */
  prepareForCreate?(obj: KObject): void;
  /** Kind-specific changes on update (the store already keeps status and bumps generation). */
  prepareForUpdate?(obj: KObject, old: KObject): void;
  /** Upstream Validate*: FieldErrors, with upstream paths and messages (metadata is validated by the store). */
  validate(obj: KObject): FieldError[];
  /** Upstream Validate*Update, complete (it replaces validate on update; metadata update rules are the store's). */
  validateUpdate?(obj: KObject, old: KObject): FieldError[];
  /**
   * Called on delete before the object is removed; return true to keep it, terminating, until
   * something else finishes the deletion (namespaces wait for spec.finalizers). May mutate obj.
   */
  holdDeletion?(obj: KObject): boolean;
  /** Warnings to send in the Warning header (e.g. deprecated fields). */
  warnings?(obj: KObject): string[];
}

export interface StatusStrategy {
  /** Keep everything but status from old (the store does this by default); kind extras here. */
  prepareForUpdate?(obj: KObject, old: KObject): void;
  validateUpdate?(obj: KObject, old: KObject): FieldError[];
}

/** Where the /scale subresource reads and writes replicas (paths are dotted). */
export interface ScaleDef {
  specReplicasPath: string; // 'spec.replicas'
  statusReplicasPath: string; // 'status.replicas'
  /** Label selector path for status.selector: 'spec.selector' (a LabelSelector) */
  selectorPath: string;
}

/** What admission hooks may read: other objects, and the injected randomness. */
export interface AdmitContext {
  list(group: string, resource: string, namespace?: string): KObject[];
  random: import('../util/random.js').Random;
}

export interface ResourceDef {
  group: string; // '' for core
  version: string;
  kind: string;
  listKind?: string; // default kind + 'List'
  resource: string; // plural: 'deployments'
  singular: string; // 'deployment'
  shortNames?: string[];
  categories?: string[]; // ['all']
  namespaced: boolean;
  /** The zod schema of the whole object (apiVersion, kind, metadata, spec, status...). */
  schema: z.ZodType;
  /** OpenAPI id of the top-level schema, e.g. io.k8s.api.apps.v1.Deployment */
  schemaId: string;
  strategy: Strategy;
  table?: TableConvertor;
  /** Is metadata.generation bumped on spec changes (deployments, replicasets, jobs...)? */
  tracksGeneration?: boolean;
  /** Top-level fields that are not spec for generation purposes, besides metadata and status. */
  /** Subresources served. */
  subresources?: {
    status?: StatusStrategy;
    /** namespaces/finalize: only spec.finalizers may change. */
    finalize?: StatusStrategy;
    scale?: ScaleDef;
    binding?: true;
    eviction?: true;
    log?: true;
    exec?: true;
    portforward?: true;
    attach?: true;
    proxy?: true;
  };
  /** Verbs shown in discovery; default the full set. */
  verbs?: string[];
  /** Extra field selector attributes (field path -> value getter), besides metadata.name/namespace. */
  fieldSelectors?: Record<string, (obj: KObject) => string | undefined>;
  /** Name validation for metadata.name (default DNS subdomain). */
  nameValidator?: (name: string, prefix: boolean) => string[];
  /** The object is removed only after a grace period (pods). */
  gracefulDelete?: boolean;
  /** PUT on a missing object creates it (upstream AllowCreateOnUpdate: events, endpoints, leases). */
  allowCreateOnUpdate?: boolean;
  /** DELETE answers with the object rather than a Success Status (upstream ReturnDeletedObject). */
  returnDeletedObject?: boolean;
  /** Dependents are orphaned unless the request says otherwise (upstream DefaultGarbageCollectionPolicy). */
  orphanDependentsByDefault?: boolean;
  /** Admission after validation, on create (old undefined) and main-resource update: allocations etc. */
  admit?(ctx: AdmitContext, obj: KObject, old: KObject | undefined): void;
  /**
   * Allocation before validation, on create (old undefined) and main-resource update, after
   * prepareForCreate/prepareForUpdate: upstream's BeginCreate/BeginUpdate (service cluster IPs and
   * node ports, which validation then requires).
   */
  allocate?(ctx: AdmitContext, obj: KObject, old: KObject | undefined): void;
  /** Storage version's proto name for protobuf decoding, if any: 'k8s.io.api.apps.v1.Deployment'. */
  protoMessage?: string;
  /** Not stored: get and list are answered by a read-only provider wired in at start-up (metrics.k8s.io). */
  virtual?: 'metrics';
  /**
   * Another served version of a resource stored in `storageVersion` (its own row): requests are
   * converted to the stored form on the way in and back on the way out (autoscaling/v1 HPAs).
   */
  conversion?: { storageVersion: string; toStorage(obj: KObject): KObject; fromStorage(obj: KObject): KObject };
}

export const gvString = (r: { group: string; version: string }) => (r.group ? `${r.group}/${r.version}` : r.version);
