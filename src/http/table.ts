/**
 * meta.k8s.io Table responses (kubectl's server-side printing) from a kind's TableConvertor, or
 * upstream's default Name / Created At table for kinds without one.
 */
import type { KObject } from '../api/meta.js';
import type { ColumnDefinition, ResourceDef, TableConvertor } from '../registry/resource-def.js';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

const defaultTable: TableConvertor = {
  columns: [
    { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names', priority: 0 },
    { name: 'Created At', type: 'date', format: '', description: 'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata', priority: 0 },
  ],
  cells: (obj) => [obj.metadata.name ?? '', obj.metadata.creationTimestamp ?? ''],
};

export function parseIncludeObject(v: unknown): IncludeObject {
  if (v === 'None' || v === 'Object' || v === 'Metadata') return v;
  return 'Metadata';
}

function rowObject(obj: KObject, include: IncludeObject): Record<string, unknown> | undefined {
  if (include === 'None') return undefined;
  if (include === 'Object') return obj;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
}

export interface TableOptions {
  include: IncludeObject;
  now: number;
  version: 'v1' | 'v1beta1';
  /** Watch events after the first carry no column definitions. */
  withColumns: boolean;
}

export function toTable(def: ResourceDef, objects: KObject[], listMeta: Record<string, unknown>, opts: TableOptions): Record<string, unknown> {
  const conv = def.table ?? defaultTable;
  const columns: ColumnDefinition[] = conv.columns;
  const rows = objects.map((o) => {
    const row: Record<string, unknown> = { cells: conv.cells(o, opts.now) };
    const ro = rowObject(o, opts.include);
    if (ro) row.object = ro;
    return row;
  });
  const t: Record<string, unknown> = { kind: 'Table', apiVersion: `meta.k8s.io/${opts.version}`, metadata: listMeta };
  if (opts.withColumns) t.columnDefinitions = columns;
  t.rows = rows;
  return t;
}
