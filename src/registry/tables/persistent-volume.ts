/** PersistentVolumes: printPersistentVolume. */
import type { TableConvertor } from '../resource-def.js';
import { type J, age, ageColumn, arr, col, meta, nameColumn, quantityString, rec, str } from './common.js';

/** core.BetaStorageClassAnnotation */
export const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

/** helper.GetAccessModesAsString: "RWO,ROX,RWX,RWOP" in that order, duplicates dropped. */
export function accessModesString(modes: unknown): string {
  const set = new Set(arr(modes).map(str));
  const out: string[] = [];
  if (set.has('ReadWriteOnce')) out.push('RWO');
  if (set.has('ReadOnlyMany')) out.push('ROX');
  if (set.has('ReadWriteMany')) out.push('RWX');
  if (set.has('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

/** helper.GetPersistentVolumeClass: the beta annotation first, then spec.storageClassName. */
function pvClass(pv: J): string {
  const ann = rec(meta(pv).annotations);
  if (Object.prototype.hasOwnProperty.call(ann, BETA_STORAGE_CLASS_ANNOTATION)) return str(ann[BETA_STORAGE_CLASS_ANNOTATION]);
  return str(rec(pv.spec).storageClassName);
}

export const persistentVolumeTable: TableConvertor = {
  columns: [
    nameColumn(),
    col('Capacity', 'string', "The volume's capacity."),
    col('Access Modes', 'string', 'The ways the volume can be mounted.'),
    col('Reclaim Policy', 'string', 'What happens to the volume when its claim is released: Retain, Delete or Recycle.'),
    col('Status', 'string', 'The phase of the volume: Pending, Available, Bound, Released or Failed.'),
    col('Claim', 'string', 'The claim bound to this volume, namespace/name.'),
    col('StorageClass', 'string', 'StorageClass of the pv'),
    col('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pv'),
    col('Reason', 'string', 'A brief CamelCase string describing any failure.'),
    ageColumn(),
    col('VolumeMode', 'string', 'Whether the volume is used with a formatted filesystem or as a raw block device.', { priority: 1 }),
  ],
  cells(obj, now) {
    const spec = rec(obj.spec);
    const status = rec(obj.status);
    const claimRef = spec.claimRef != null ? `${str(spec.claimRef.namespace)}/${str(spec.claimRef.name)}` : '';
    const phase = meta(obj).deletionTimestamp != null ? 'Terminating' : str(status.phase);
    return [
      str(meta(obj).name),
      quantityString(rec(spec.capacity).storage, '0'),
      accessModesString(spec.accessModes),
      str(spec.persistentVolumeReclaimPolicy),
      phase,
      claimRef,
      pvClass(obj),
      typeof spec.volumeAttributesClassName === 'string' ? spec.volumeAttributesClassName : '<unset>',
      str(status.reason),
      age(obj, now),
      typeof spec.volumeMode === 'string' ? spec.volumeMode : '<unset>',
    ];
  },
};
