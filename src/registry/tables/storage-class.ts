/** StorageClasses (storage.k8s.io): printStorageClass; the default class gets " (default)". */
import type { TableConvertor } from '../resource-def.js';
import { type J, age, ageColumn, col, meta, nameColumn, rec, str } from './common.js';

/** storageutil.IsDefaultAnnotation */
export function isDefaultStorageClass(sc: J): boolean {
  const ann = rec(meta(sc).annotations);
  return ann['storageclass.kubernetes.io/is-default-class'] === 'true' || ann['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
}

export const storageClassTable: TableConvertor = {
  columns: [
    nameColumn(),
    col('Provisioner', 'string', 'The type of the provisioner.'),
    col('ReclaimPolicy', 'string', 'The reclaim policy of volumes this class provisions: Delete or Retain.'),
    col('VolumeBindingMode', 'string', 'When volumes are provisioned and bound: Immediate or WaitForFirstConsumer.'),
    col('AllowVolumeExpansion', 'string', 'Whether the class allows volume expansion.'),
    ageColumn(),
  ],
  cells(obj, now) {
    const name = str(meta(obj).name) + (isDefaultStorageClass(obj) ? ' (default)' : '');
    return [
      name,
      str(obj.provisioner),
      typeof obj.reclaimPolicy === 'string' ? obj.reclaimPolicy : 'Delete',
      typeof obj.volumeBindingMode === 'string' ? obj.volumeBindingMode : 'Immediate',
      typeof obj.allowVolumeExpansion === 'boolean' ? obj.allowVolumeExpansion : false,
      age(obj, now),
    ];
  },
};
