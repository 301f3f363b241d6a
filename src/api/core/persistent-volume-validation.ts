/**
 * ValidatePersistentVolume(Update/StatusUpdate) and ValidatePersistentVolumeClaim(Update/StatusUpdate)
 * from pkg/apis/core/validation, with upstream's paths and messages (feature gates as v1.32 defaults:
 * VolumeAttributesClass and RecoverVolumeExpansionFailure off).
 */
import { type FieldError, type Path, forbidden, invalid, notSupported, path, required } from '../field-errors.js';
import type { LabelSelectorT } from '../meta.js';
import { compareQuantity, quantityError, quantityValue } from '../quantity.js';
import { deepEqual, isDNS1123Subdomain, nameIsDNSLabel, validateImmutable } from '../validation.js';
import type { PersistentVolumeClaimT } from './persistent-volume-claim.js';
import { type PersistentVolumeT, supportedAccessModes, supportedReclaimPolicies, supportedVolumeModes } from './persistent-volume.js';
import { persistentVolumeSourceNames } from './persistent-volume-sources.js';
import { validateResourceQuantityValue } from './pod-validation-resources.js';
import { validateNodeSelector } from './pod-validation-scheduling.js';
import { isNotPositiveErrorMsg, validateLabelSelector, validatePathNoBacksteps } from './pod-validation-util.js';

export const BetaStorageClassAnnotation = 'volume.beta.kubernetes.io/storage-class';

/** ValidateClassName: a DNS subdomain. */
const validateClassName = (name: string) => isDNS1123Subdomain(name);

/** The order ValidatePersistentVolumeSpec checks sources in, with the path each one reports. */
const pvSourceOrder: Array<[string, string]> = [
  ['hostPath', 'hostPath'], ['gcePersistentDisk', 'persistentDisk'], ['awsElasticBlockStore', 'awsElasticBlockStore'],
  ['glusterfs', 'glusterfs'], ['flocker', 'flocker'], ['nfs', 'nfs'], ['rbd', 'rbd'], ['quobyte', 'quobyte'], ['cephfs', 'cephfs'],
  ['iscsi', 'iscsi'], ['cinder', 'cinder'], ['fc', 'fc'], ['flexVolume', 'flexVolume'], ['azureFile', 'azureFile'],
  ['vsphereVolume', 'vsphereVolume'], ['photonPersistentDisk', 'photonPersistentDisk'], ['portworxVolume', 'portworxVolume'],
  ['azureDisk', 'azureDisk'], ['scaleIO', 'scaleIO'], ['local', 'local'], ['storageos', 'storageos'], ['csi', 'csi'],
];
/** The path upstream names in "may not specify more than 1 volume type" (cephfs says cephFS). */
const forbiddenName: Record<string, string> = { cephfs: 'cephFS' };

const requiredFields: Record<string, string[]> = {
  gcePersistentDisk: ['pdName'], awsElasticBlockStore: ['volumeID'], glusterfs: ['endpoints', 'path'], rbd: ['monitors', 'image'],
  quobyte: ['registry', 'volume'], cephfs: ['monitors'], iscsi: ['targetPortal', 'iqn'], cinder: ['volumeID'], flexVolume: ['driver'],
  azureFile: ['secretName', 'shareName'], vsphereVolume: ['volumePath'], photonPersistentDisk: ['pdID'], portworxVolume: ['volumeID'],
  azureDisk: ['diskName', 'diskURI'], scaleIO: ['gateway', 'system', 'volumeName'], storageos: ['volumeName'], csi: ['driver', 'volumeHandle'],
};

function validatePVSource(name: string, src: Record<string, unknown>, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of requiredFields[name] ?? []) {
    const v = src[f];
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) errs.push(required(p.child(f)));
  }
  switch (name) {
    case 'hostPath': {
      const hp = String(src.path ?? '');
      if (!hp) errs.push(required(p.child('path')));
      else errs.push(...validatePathNoBacksteps(hp, p.child('path')));
      const types = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];
      if (src.type !== undefined && src.type !== null && !types.includes(String(src.type))) errs.push(notSupported(p.child('type'), src.type, types));
      break;
    }
    case 'nfs':
      if (!src.server) errs.push(required(p.child('server')));
      if (!src.path) errs.push(required(p.child('path')));
      else if (!String(src.path).startsWith('/')) errs.push(invalid(p.child('path'), src.path, 'must be an absolute path'));
      break;
    case 'local':
      if (!src.path) errs.push(required(p.child('path')));
      else errs.push(...validatePathNoBacksteps(String(src.path), p.child('path')));
      break;
  }
  return errs;
}

function validatePositiveQuantity(v: unknown, p: Path): FieldError[] {
  const bad = quantityError(v);
  if (bad) return [invalid(p, v, bad)];
  const errs: FieldError[] = [];
  if (quantityValue(v as string | number) < 0) errs.push(invalid(p, quantityValue(v as string | number), 'must be a valid resource quantity'));
  if (compareQuantity(v as string | number, '0') <= 0) errs.push(invalid(p, String(v), isNotPositiveErrorMsg));
  return errs;
}

function validateAccessModes(modes: string[] | undefined, p: Path, requiredMsg: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!modes?.length) errs.push(required(p, requiredMsg));
  let rwop = false;
  let other = false;
  for (const m of modes ?? []) {
    if (!supportedAccessModes.includes(m)) errs.push(notSupported(p, m, supportedAccessModes));
    if (m === 'ReadWriteOncePod') rwop = true;
    else if (supportedAccessModes.includes(m)) other = true;
  }
  if (rwop && other) errs.push(forbidden(p, 'may not use ReadWriteOncePod with other access modes'));
  return errs;
}

/** ValidatePersistentVolumeSpec (not inline). */
export function validatePersistentVolumeSpec(spec: NonNullable<PersistentVolumeT['spec']>, p: Path): FieldError[] {
  const errs = validateAccessModes(spec.accessModes, p.child('accessModes'), '');
  const cap = spec.capacity ?? {};
  const keys = Object.keys(cap);
  if (keys.length === 0) errs.push(required(p.child('capacity')));
  if (!('storage' in cap) || keys.length > 1) errs.push(notSupported(p.child('capacity'), cap, ['storage']));
  for (const k of keys) errs.push(...validatePositiveQuantity(cap[k], p.child('capacity').key(k)));
  const rp = spec.persistentVolumeReclaimPolicy;
  if (rp && !supportedReclaimPolicies.includes(rp)) errs.push(notSupported(p.child('persistentVolumeReclaimPolicy'), rp, supportedReclaimPolicies));
  let nodeAffinity = false;
  if (spec.nodeAffinity) {
    nodeAffinity = true;
    if (spec.nodeAffinity.required) errs.push(...validateNodeSelector(spec.nodeAffinity.required, p.child('nodeAffinity', 'required')));
    else errs.push(required(p.child('nodeAffinity', 'required'), 'must specify required node constraints'));
  }
  let n = 0;
  const s = spec as Record<string, unknown>;
  for (const [field, childName] of pvSourceOrder) {
    const src = s[field];
    if (src === undefined || src === null) continue;
    if (n > 0 && field !== 'flexVolume') {
      errs.push(forbidden(p.child(forbiddenName[field] ?? field), 'may not specify more than 1 volume type'));
      continue;
    }
    n++;
    errs.push(...validatePVSource(field, src as Record<string, unknown>, p.child(childName)));
    if (field === 'local' && !nodeAffinity) errs.push(required(p.child('nodeAffinity'), 'Local volume requires node affinity'));
  }
  if (n === 0) errs.push(required(p, 'must specify a volume type'));
  if (spec.hostPath && cleanPath(spec.hostPath.path ?? '') === '/' && rp === 'Recycle')
    errs.push(forbidden(p.child('persistentVolumeReclaimPolicy'), "may not be 'recycle' for a hostPath mount of '/'"));
  if (spec.storageClassName) for (const m of validateClassName(spec.storageClassName)) errs.push(invalid(p.child('storageClassName'), spec.storageClassName, m));
  if (spec.volumeMode !== undefined && spec.volumeMode !== null && !supportedVolumeModes.includes(spec.volumeMode))
    errs.push(notSupported(p.child('volumeMode'), spec.volumeMode, supportedVolumeModes));
  return errs;
}

function cleanPath(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
    } else out.push(seg);
  }
  const r = (abs ? '/' : '') + out.join('/');
  return r || (abs ? '/' : '.');
}

export function validatePersistentVolume(pv: PersistentVolumeT): FieldError[] {
  return validatePersistentVolumeSpec(pv.spec ?? {}, path('spec'));
}

const sourceOf = (pv: PersistentVolumeT) => {
  const s = (pv.spec ?? {}) as Record<string, unknown>;
  return Object.fromEntries(persistentVolumeSourceNames.filter((k) => s[k] !== undefined && s[k] !== null).map((k) => [k, s[k]]));
};

export function validatePersistentVolumeUpdate(pv: PersistentVolumeT, old: PersistentVolumeT): FieldError[] {
  const errs = validatePersistentVolume(pv);
  const newSrc = sourceOf(pv);
  const oldSrc = sourceOf(old);
  // A CSI controllerExpandSecretRef may be added later.
  const oldCsi = oldSrc.csi as Record<string, unknown> | undefined;
  const newCsi = newSrc.csi as Record<string, unknown> | undefined;
  if (oldCsi && newCsi && oldCsi.controllerExpandSecretRef == null && newCsi.controllerExpandSecretRef != null) {
    newSrc.csi = { ...newCsi };
    delete (newSrc.csi as Record<string, unknown>).controllerExpandSecretRef;
  }
  if (!deepEqual(newSrc, oldSrc))
    errs.push(forbidden(path('spec', 'persistentvolumesource'), `spec.persistentvolumesource is immutable after creation\n${diff(oldSrc, newSrc)}`));
  errs.push(...validateImmutable(pv.spec?.volumeMode, old.spec?.volumeMode, path('volumeMode')));
  if (old.spec?.nodeAffinity && !deepEqual(pv.spec?.nodeAffinity, old.spec.nodeAffinity))
    errs.push(invalid(path('nodeAffinity'), 'nodeAffinity', 'field is immutable'));
  if (!deepEqual(old.spec?.volumeAttributesClassName, pv.spec?.volumeAttributesClassName))
    errs.push(forbidden(path('spec', 'volumeAttributesClassName'), 'update is forbidden when the VolumeAttributesClass feature gate is disabled'));
  return errs;
}

export function validatePersistentVolumeStatusUpdate(pv: PersistentVolumeT): FieldError[] {
  return pv.metadata?.resourceVersion ? [] : [required(path('resourceVersion'))];
}

/** A short "- old / + new" description of what changed (upstream prints cmp.Diff). */
function diff(a: Record<string, unknown>, b: Record<string, unknown>): string {
  const lines: string[] = [];
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (deepEqual(a[k], b[k])) continue;
    if (a[k] !== undefined) lines.push(`-\t${k}: ${JSON.stringify(a[k])}`);
    if (b[k] !== undefined) lines.push(`+\t${k}: ${JSON.stringify(b[k])}`);
  }
  return lines.join('\n');
}

type PVCSpec = NonNullable<PersistentVolumeClaimT['spec']>;

function validateDataSource(ds: { apiGroup?: string | null; kind?: string; name?: string; namespace?: string | null }, p: Path, isRef: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (!ds.name) errs.push(required(p.child('name')));
  if (!ds.kind) errs.push(required(p.child('kind')));
  const group = ds.apiGroup ?? '';
  if (!group && ds.kind !== 'PersistentVolumeClaim') errs.push(invalid(p, ds.kind, "must be 'PersistentVolumeClaim' when referencing the default apiGroup"));
  if (group) for (const m of isDNS1123Subdomain(group)) errs.push(invalid(p.child('apiGroup'), group, m));
  if (isRef && ds.namespace) for (const m of nameIsDNSLabel(ds.namespace, false)) errs.push(invalid(p.child('namespace'), ds.namespace, m));
  return errs;
}

/** ValidatePersistentVolumeClaimSpec. */
export function validatePersistentVolumeClaimSpec(spec: PVCSpec, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (!spec.accessModes?.length) errs.push(required(p.child('accessModes'), 'at least 1 access mode is required'));
  if (spec.selector) errs.push(...validateLabelSelector(spec.selector as LabelSelectorT, p.child('selector')));
  errs.push(...validateAccessModes(spec.accessModes, p.child('accessModes'), '').filter((e) => e.type !== 'FieldValueRequired'));
  const sp = p.child('resources').key('storage');
  const storage = spec.resources?.requests?.storage;
  if (storage === undefined || storage === null) errs.push(required(sp));
  else {
    const pos = quantityError(storage) ? [] : compareQuantity(storage, '0') <= 0 ? [invalid(sp, String(storage), isNotPositiveErrorMsg)] : [];
    if (pos.length) errs.push(...pos);
    else errs.push(...validateResourceQuantityValue('storage', storage, sp));
  }
  if (spec.storageClassName) for (const m of validateClassName(spec.storageClassName)) errs.push(invalid(p.child('storageClassName'), spec.storageClassName, m));
  if (spec.volumeMode !== undefined && spec.volumeMode !== null && !supportedVolumeModes.includes(spec.volumeMode))
    errs.push(notSupported(p.child('volumeMode'), spec.volumeMode, supportedVolumeModes));
  if (spec.dataSource) errs.push(...validateDataSource(spec.dataSource, p.child('dataSource'), false));
  if (spec.dataSourceRef) errs.push(...validateDataSource(spec.dataSourceRef, p.child('dataSourceRef'), true));
  if (spec.dataSourceRef?.namespace) {
    if (spec.dataSource) errs.push(invalid(p, p.child('dataSource').toString(), 'may not be specified when dataSourceRef.namespace is specified'));
  } else if (spec.dataSource && spec.dataSourceRef) {
    const a = spec.dataSource;
    const b = spec.dataSourceRef;
    if ((a.apiGroup ?? null) !== (b.apiGroup ?? null) || a.kind !== b.kind || a.name !== b.name) errs.push(invalid(p, p.child('dataSource').toString(), 'must match dataSourceRef'));
  }
  return errs;
}

export function validatePersistentVolumeClaim(pvc: PersistentVolumeClaimT): FieldError[] {
  return validatePersistentVolumeClaimSpec(pvc.spec ?? {}, path('spec'));
}

/** ValidatePersistentVolumeClaimUpdate: the spec is immutable except volumeName (once), the class (from nil) and storage growth. */
export function validatePersistentVolumeClaimUpdate(pvc: PersistentVolumeClaimT, old: PersistentVolumeClaimT): FieldError[] {
  const errs = validatePersistentVolumeClaim(pvc);
  const newSpec = structuredClone(pvc.spec ?? {}) as PVCSpec;
  const oldSpec = structuredClone(old.spec ?? {}) as PVCSpec;
  if (!oldSpec.volumeName) {
    if (newSpec.volumeName === undefined) delete oldSpec.volumeName;
    else oldSpec.volumeName = newSpec.volumeName;
  }
  const oldAnn = old.metadata?.annotations ?? {};
  const newAnn = pvc.metadata?.annotations ?? {};
  const oldHas = Object.prototype.hasOwnProperty.call(oldAnn, BetaStorageClassAnnotation);
  const newHas = Object.prototype.hasOwnProperty.call(newAnn, BetaStorageClassAnnotation);
  const fromAnnotation =
    oldHas && oldSpec.storageClassName == null && newSpec.storageClassName != null && newSpec.storageClassName === oldAnn[BetaStorageClassAnnotation] &&
    (!newHas || newAnn[BetaStorageClassAnnotation] === oldAnn[BetaStorageClassAnnotation]);
  if (fromAnnotation) delete newSpec.storageClassName;
  else {
    if (newAnn[BetaStorageClassAnnotation] !== oldAnn[BetaStorageClassAnnotation])
      errs.push(invalid(path('metadata', 'annotations').key(BetaStorageClassAnnotation), newAnn[BetaStorageClassAnnotation] ?? '', 'field is immutable'));
    const fromNil = pvc.spec?.storageClassName != null && old.spec?.storageClassName == null && (!oldHas || pvc.spec.storageClassName === oldAnn[BetaStorageClassAnnotation]);
    if (fromNil) {
      if (oldSpec.storageClassName === undefined) delete newSpec.storageClassName;
      else newSpec.storageClassName = oldSpec.storageClassName;
    }
  }
  if (pvc.status?.phase === 'Bound' && newSpec.resources?.requests) {
    const os = old.spec?.resources?.requests?.storage;
    if (os === undefined) delete newSpec.resources.requests.storage;
    else newSpec.resources.requests.storage = os;
  }
  if (oldSpec.volumeAttributesClassName === undefined) delete newSpec.volumeAttributesClassName;
  else newSpec.volumeAttributesClassName = oldSpec.volumeAttributesClassName;
  if (!deepEqual(newSpec, oldSpec))
    errs.push(
      forbidden(
        path('spec'),
        `spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n${diff(oldSpec as Record<string, unknown>, newSpec as Record<string, unknown>)}`,
      ),
    );
  const oldSize = old.spec?.resources?.requests?.storage ?? '0';
  const newSize = pvc.spec?.resources?.requests?.storage ?? '0';
  if (!quantityError(oldSize) && !quantityError(newSize) && compareQuantity(newSize, oldSize) < 0)
    errs.push(forbidden(path('spec', 'resources', 'requests', 'storage'), 'field can not be less than previous value'));
  errs.push(...validateImmutable(pvc.spec?.volumeMode, old.spec?.volumeMode, path('volumeMode')));
  if (!deepEqual(old.spec?.volumeAttributesClassName, pvc.spec?.volumeAttributesClassName))
    errs.push(forbidden(path('spec', 'volumeAttributesClassName'), 'update is forbidden when the VolumeAttributesClass feature gate is disabled'));
  return errs;
}

/** ValidatePersistentVolumeClaimStatusUpdate. */
export function validatePersistentVolumeClaimStatusUpdate(pvc: PersistentVolumeClaimT): FieldError[] {
  const errs: FieldError[] = [];
  if (!pvc.metadata?.resourceVersion) errs.push(required(path('resourceVersion')));
  if (!pvc.spec?.accessModes?.length) errs.push(required(path('Spec', 'accessModes')));
  for (const [k, v] of Object.entries(pvc.status?.capacity ?? {})) {
    const p = path('status', 'capacity').key(k);
    const bad = quantityError(v);
    if (bad) errs.push(invalid(p, v, bad));
    else if (quantityValue(v) < 0) errs.push(invalid(p, quantityValue(v), 'must be a valid resource quantity'));
  }
  return errs;
}
