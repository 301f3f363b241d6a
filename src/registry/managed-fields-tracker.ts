/**
 * Records managedFields on every write (upstream fieldmanager): the manager is the request's
 * fieldManager, else the User-Agent's prefix; Update operations own the fields they changed.
 */
import type { KObject } from '../api/meta.js';
import { managerOrUserAgent, updateManagedFields } from '../api/managed-fields.js';
import { rfc3339, type Clock } from '../util/clock.js';
import { gvString, type ResourceDef } from './resource-def.js';

export interface ManagerOptions {
  fieldManager?: string;
  userAgent?: string;
  subresource?: string;
}

/** The request's fieldManager, else upstream's prefix of the User-Agent. */
export function managerName(opts: ManagerOptions): string {
  return managerOrUserAgent(opts.fieldManager, opts.userAgent ?? '');
}

export class ManagedFieldsTracker {
  constructor(private readonly clock: Clock) {}

  onCreate(def: ResourceDef, obj: KObject, opts: ManagerOptions): void {
    this.record(def, obj, undefined, opts);
  }

  onUpdate(def: ResourceDef, obj: KObject, old: KObject, opts: ManagerOptions): void {
    // Clients may send managedFields back as they read them; an empty list means "reset".
    if (obj.metadata.managedFields === undefined) obj.metadata.managedFields = old.metadata.managedFields;
    this.record(def, obj, old, opts);
  }

  private record(def: ResourceDef, obj: KObject, old: KObject | undefined, opts: ManagerOptions): void {
    updateManagedFields(obj, old, managerName(opts), 'Update', gvString(def), opts.subresource, rfc3339(this.clock.now()), def.schema);
  }
}
