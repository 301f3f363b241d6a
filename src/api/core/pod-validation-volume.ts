/** ValidateVolumes and validateVolumeSource, with upstream's messages. */
import { type FieldError, Path, forbidden, invalid, notSupported, required } from '../field-errors.js';
import { compareQuantity, quantityError } from '../quantity.js';
import type { DownwardAPIVolumeFile, KeyToPath, Volume } from './pod.js';
import { volumeSourceNames } from './pod-volume.js';
import { validateContainerResourceFieldSelector, validateObjectFieldSelector } from './pod-validation-selectors.js';
import { validateDNS1123Label, validateFileMode, validateLocalNonReservedPath, validatePathNoBacksteps } from './pod-validation-util.js';

const volumeFieldPaths = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'];
const hostPathTypes = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

/** The order upstream checks sources in (the first one found wins; later ones are "more than 1 volume type"). */
const sourceOrder = [
  'emptyDir', 'hostPath', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs', 'iscsi', 'glusterfs', 'flocker',
  'persistentVolumeClaim', 'rbd', 'cinder', 'cephfs', 'quobyte', 'downwardAPI', 'fc', 'flexVolume', 'configMap', 'azureFile',
  'vsphereVolume', 'photonPersistentDisk', 'portworxVolume', 'azureDisk', 'storageos', 'projected', 'scaleIO', 'csi', 'ephemeral', 'image',
] as const;

/** Required string fields of the legacy sources. */
const requiredFields: Record<string, string[]> = {
  gitRepo: ['repository'], gcePersistentDisk: ['pdName'], awsElasticBlockStore: ['volumeID'], iscsi: ['targetPortal', 'iqn'],
  glusterfs: ['endpoints', 'path'], persistentVolumeClaim: ['claimName'], rbd: ['monitors', 'image'], cinder: ['volumeID'],
  cephfs: ['monitors'], quobyte: ['registry', 'volume'], flexVolume: ['driver'], azureFile: ['secretName', 'shareName'],
  vsphereVolume: ['volumePath'], photonPersistentDisk: ['pdID'], portworxVolume: ['volumeID'], azureDisk: ['diskName', 'diskURI'],
  storageos: ['volumeName'], scaleIO: ['gateway', 'system', 'volumeName'], csi: ['driver'], image: ['reference'],
};

function validateKeyToPath(kp: KeyToPath, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (!kp.key) errs.push(required(p.child('key')));
  if (!kp.path) errs.push(required(p.child('path')));
  errs.push(...validateLocalNonReservedPath(kp.path ?? '', p.child('path')));
  errs.push(...validateFileMode(kp.mode, p.child('mode')));
  return errs;
}

function validateDownwardAPIVolumeFile(f: DownwardAPIVolumeFile, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (!f.path) errs.push(required(p.child('path')));
  errs.push(...validateLocalNonReservedPath(f.path ?? '', p.child('path')));
  if (f.fieldRef) {
    errs.push(...validateObjectFieldSelector(f.fieldRef, volumeFieldPaths, p.child('fieldRef')));
    if (f.resourceFieldRef) errs.push(invalid(p, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
  } else if (f.resourceFieldRef) errs.push(...validateContainerResourceFieldSelector(f.resourceFieldRef, p.child('resourceFieldRef'), true));
  else errs.push(required(p, 'one of fieldRef and resourceFieldRef is required'));
  errs.push(...validateFileMode(f.mode, p.child('mode')));
  return errs;
}

function validateProjected(v: NonNullable<Volume['projected']>, p: Path): FieldError[] {
  const errs = validateFileMode(v.defaultMode, p.child('defaultMode'));
  const paths = new Set<string>();
  const addPath = (path: string | undefined, bad: unknown) => {
    if (!path) return;
    if (paths.has(path)) errs.push(invalid(p, bad, 'conflicting duplicate paths'));
    paths.add(path);
  };
  (v.sources ?? []).forEach((s, i) => {
    const sp = p.child('sources').index(i);
    let n = 0;
    for (const kind of ['secret', 'configMap'] as const) {
      const src = s[kind];
      if (!src) continue;
      n++;
      if (!src.name) errs.push(required(sp.child(kind, 'name')));
      (src.items ?? []).forEach((kp, j) => {
        errs.push(...validateKeyToPath(kp, sp.child(kind, 'items').index(j)));
        addPath(kp.path, src.name ?? '');
      });
    }
    if (s.downwardAPI) {
      n++;
      for (const f of s.downwardAPI.items ?? []) {
        errs.push(...validateDownwardAPIVolumeFile(f, sp.child('downwardAPI')));
        addPath(f.path, f.path);
      }
    }
    if (s.serviceAccountToken) {
      n++;
      const t = s.serviceAccountToken;
      const tp = sp.child('serviceAccountToken');
      const exp = t.expirationSeconds ?? 0;
      if (exp < 600) errs.push(invalid(tp.child('expirationSeconds'), exp, 'may not specify a duration less than 10 minutes'));
      if (exp > 2 ** 32) errs.push(invalid(tp.child('expirationSeconds'), exp, 'may not specify a duration larger than 2^32 seconds'));
      if (!t.path) errs.push(required(p.child('path')));
      else errs.push(...validateLocalNonReservedPath(t.path, p.child('path')));
    }
    if (s.clusterTrustBundle) {
      n++;
      if (!s.clusterTrustBundle.path) errs.push(required(sp.child('clusterTrustBundle', 'path')));
    }
    if (n > 1) errs.push(forbidden(sp, 'may not specify more than 1 volume type per source'));
  });
  return errs;
}

function validateSource(v: Volume, name: string, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  const src = (v as Record<string, unknown>)[name] as Record<string, unknown>;
  for (const f of requiredFields[name] ?? []) {
    const val = src[f];
    if (val === undefined || val === '' || (Array.isArray(val) && val.length === 0)) errs.push(required(p.child(f)));
  }
  switch (name) {
    case 'emptyDir': {
      const sl = v.emptyDir!.sizeLimit;
      if (sl !== undefined && sl !== null && (quantityError(sl) || compareQuantity(sl, '0') < 0))
        errs.push(forbidden(p.child('sizeLimit'), 'SizeLimit field must be a valid resource quantity'));
      break;
    }
    case 'hostPath': {
      const hp = v.hostPath!;
      if (!hp.path) errs.push(required(p.child('path')));
      else errs.push(...validatePathNoBacksteps(hp.path, p.child('path')));
      if (hp.type !== undefined && !hostPathTypes.includes(hp.type)) errs.push(notSupported(p.child('type'), hp.type, hostPathTypes));
      break;
    }
    case 'secret':
      if (!v.secret!.secretName) errs.push(required(p.child('secretName')));
      errs.push(...validateFileMode(v.secret!.defaultMode, p.child('defaultMode')));
      (v.secret!.items ?? []).forEach((kp, i) => errs.push(...validateKeyToPath(kp, p.child('items').index(i))));
      break;
    case 'configMap':
      if (!v.configMap!.name) errs.push(required(p.child('name')));
      errs.push(...validateFileMode(v.configMap!.defaultMode, p.child('defaultMode')));
      (v.configMap!.items ?? []).forEach((kp, i) => errs.push(...validateKeyToPath(kp, p.child('items').index(i))));
      break;
    case 'downwardAPI':
      errs.push(...validateFileMode(v.downwardAPI!.defaultMode, p.child('defaultMode')));
      (v.downwardAPI!.items ?? []).forEach((f, i) => errs.push(...validateDownwardAPIVolumeFile(f, p.child('items').index(i))));
      break;
    case 'projected':
      errs.push(...validateProjected(v.projected!, p));
      break;
    case 'nfs':
      if (!v.nfs!.server) errs.push(required(p.child('server')));
      if (!v.nfs!.path) errs.push(required(p.child('path')));
      else if (!v.nfs!.path.startsWith('/')) errs.push(invalid(p.child('path'), v.nfs!.path, 'must be an absolute path'));
      break;
    case 'ephemeral': {
      const t = v.ephemeral!.volumeClaimTemplate;
      if (!t) errs.push(required(p.child('volumeClaimTemplate')));
      else {
        const sp = p.child('volumeClaimTemplate', 'spec');
        if (!t.spec?.accessModes?.length) errs.push(required(sp.child('accessModes'), 'at least 1 access mode is required'));
        if (t.spec?.resources?.requests?.storage === undefined) errs.push(required(sp.child('resources').key('storage')));
      }
      break;
    }
  }
  return errs;
}

/** ValidateVolumes: returns the names of the valid volumes (mounts may only name those) and the errors. */
export function validateVolumes(volumes: Volume[] | undefined, p: Path): { names: Set<string>; errors: FieldError[] } {
  const names = new Set<string>();
  const errors: FieldError[] = [];
  (volumes ?? []).forEach((v, i) => {
    const ip = p.index(i);
    const el: FieldError[] = [];
    let n = 0;
    for (const s of sourceOrder) {
      if ((v as Record<string, unknown>)[s] === undefined || (v as Record<string, unknown>)[s] === null) continue;
      if (n > 0) el.push(forbidden(ip.child(s), 'may not specify more than 1 volume type'));
      else {
        n++;
        el.push(...validateSource(v, s, ip.child(s)));
      }
    }
    if (n === 0) el.push(required(ip, 'must specify a volume type'));
    if (!v.name) el.push(required(ip.child('name')));
    else el.push(...validateDNS1123Label(v.name, ip.child('name')));
    if (names.has(v.name)) el.push({ type: 'FieldValueDuplicate', field: ip.child('name').toString(), badValue: v.name });
    if (el.length === 0) names.add(v.name);
    else errors.push(...el);
  });
  return { names, errors };
}

export { volumeSourceNames };
