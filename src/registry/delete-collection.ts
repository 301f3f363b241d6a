/** DELETE on a collection: every object the selectors match, each deleted as a single DELETE would. */
import type { DeleteOptionsT } from '../api/meta.js';
import { deleteObject } from './delete.js';
import { listObjects, type ListOptions, type ObjectList } from './list-watch.js';
import type { Registry } from './registry.js';
import type { ResourceDef } from './resource-def.js';

export function deleteCollection(
  reg: Registry,
  def: ResourceDef,
  namespace: string | undefined,
  listOpts: ListOptions,
  options: DeleteOptionsT,
  dryRun = false,
): ObjectList {
  const list = listObjects(reg, def, namespace, listOpts);
  const items = [];
  for (const o of list.items) {
    try {
      items.push(deleteObject(reg, def, o.metadata.namespace ?? '', o.metadata.name!, options, dryRun).object);
    } catch (e) {
      // An object deleted meanwhile is fine; anything else is the collection's error.
      if ((e as { reason?: string }).reason !== 'NotFound') throw e;
    }
  }
  return { ...list, metadata: { resourceVersion: String(reg.storage.revision) }, items };
}
