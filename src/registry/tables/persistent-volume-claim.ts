/** PersistentVolumeClaims: printPersistentVolumeClaim. */
import type { TableConvertor } from '../resource-def.js';
import { type J, age, ageColumn, col, meta, nameColumn, quantityString, rec, str } from './common.js';
import { BETA_STORAGE_CLASS_ANNOTATION, accessModesString } from './persistent-volume.js';

/** helper.GetPersistentVolumeClaimClass: the beta annotation first, then spec.storageClassName. */
function pvcClass(pvc: J): string {
  const ann = rec(meta(pvc).annotations);
  if (Object.prototype.hasOwnProperty.call(ann, BETA_STORAGE_CLASS_ANNOTATION)) return str(ann[BETA_STORAGE_CLASS_ANNOTATION]);
  return str(rec(pvc.spec).storageClassName);
}

export const persistentVolumeClaimTable: TableConvertor = {
  columns: [
    nameColumn(),
    col('Status', 'string', 'The phase of the claim: Pending, Bound or Lost.'),
    col('Volume', 'string', 'The name of the volume bound to this claim.'),
    col('Capacity', 'string', 'The actual resources of the underlying volume.'),
    col('Access Modes', 'string', 'The access modes the volume backing the claim actually has.'),
    col('StorageClass', 'string', 'StorageClass of the pvc'),
    col('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pvc'),
    ageColumn(),
    col('VolumeMode', 'string', 'Whether the claimed volume is a formatted filesystem or a raw block device.', { priority: 1 }),
  ],
  cells(obj, now) {
    const spec = rec(obj.spec);
    const status = rec(obj.status);
    const phase = meta(obj).deletionTimestamp != null ? 'Terminating' : str(status.phase);
    let capacity = '';
    let accessModes = '';
    if (str(spec.volumeName) !== '') {
      accessModes = accessModesString(status.accessModes);
      capacity = quantityString(rec(status.capacity).storage, '0');
    }
    return [
      str(meta(obj).name),
      phase,
      str(spec.volumeName),
      capacity,
      accessModes,
      pvcClass(obj),
      typeof spec.volumeAttributesClassName === 'string' ? spec.volumeAttributesClassName : '<unset>',
      age(obj, now),
      typeof spec.volumeMode === 'string' ? spec.volumeMode : '<unset>',
    ];
  },
};
