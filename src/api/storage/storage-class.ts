/**
 * storage.k8s.io/v1 StorageClass: schema (complete v1.32 fields), defaults (SetDefaults_StorageClass:
 * reclaimPolicy Delete, volumeBindingMode Immediate) and validation (ValidateStorageClass(Update)).
 */
import { z } from 'zod';
import { type FieldError, type Path, duplicate, forbidden, invalid, notSupported, path, required, tooLong } from '../field-errors.js';
import { ObjectMeta } from '../meta.js';
import { deepEqual, isQualifiedName, isValidLabelValue, validateImmutable } from '../validation.js';
import { atomicList, bool, named, opt, str, strMap } from '../core/pod-schema-helpers.js';
import { PERSISTENT_VOLUME_RECLAIM_POLICY, enumStr } from '../core/enums.js';

/** VolumeBindingMode's values. */
const VOLUME_BINDING_MODE = ['Immediate', 'WaitForFirstConsumer'] as const;

export const TopologySelectorLabelRequirement = named(
  'TopologySelectorLabelRequirement',
  z.object({
    key: str().describe('The label key.'),
    values: z.array(str()).meta({ description: 'Label values; the requirement matches if the label has one of them.', 'x-kubernetes-list-type': 'atomic' }),
  }),
  'A topology label key and the values it may have.',
);

export const TopologySelectorTerm = named(
  'TopologySelectorTerm',
  z.object({ matchLabelExpressions: atomicList(TopologySelectorLabelRequirement, 'Requirements by topology labels, ANDed.') }),
  'A topology domain: the requirements are ANDed.',
  { 'x-kubernetes-map-type': 'atomic' },
);

export const StorageClass = z
  .object({
    apiVersion: opt(str(), 'storage.k8s.io/v1'),
    kind: opt(str(), 'StorageClass'),
    metadata: opt(ObjectMeta, 'Standard object metadata.'),
    provisioner: str().describe('Name of the volume plugin or external provisioner that provisions volumes of this class.'),
    parameters: opt(strMap(), 'Parameters passed to the provisioner.'),
    reclaimPolicy: opt(enumStr(PERSISTENT_VOLUME_RECLAIM_POLICY), 'Reclaim policy of dynamically provisioned volumes: Delete (default) or Retain.'),
    mountOptions: atomicList(str(), 'Mount options of dynamically provisioned volumes, not validated.'),
    allowVolumeExpansion: opt(bool(), 'Whether claims of this class may grow.'),
    volumeBindingMode: opt(enumStr(VOLUME_BINDING_MODE), 'When claims are bound and provisioned: Immediate (default) or WaitForFirstConsumer.'),
    allowedTopologies: atomicList(TopologySelectorTerm, 'Topologies where volumes may be provisioned; any when empty.'),
  })
  .meta({ id: 'io.k8s.api.storage.v1.StorageClass', description: 'A class of dynamically provisioned persistent volumes.' });

export type StorageClassT = z.infer<typeof StorageClass>;

export const IsDefaultStorageClassAnnotation = 'storageclass.kubernetes.io/is-default-class';
export const BetaIsDefaultStorageClassAnnotation = 'storageclass.beta.kubernetes.io/is-default-class';
export const VolumeBindingImmediate = 'Immediate';
export const VolumeBindingWaitForFirstConsumer = 'WaitForFirstConsumer';

/** storageutil.IsDefaultAnnotation */
export function isDefaultStorageClass(sc: { metadata?: { annotations?: Record<string, string> | null } }): boolean {
  const ann = sc.metadata?.annotations ?? {};
  return ann[IsDefaultStorageClassAnnotation] === 'true' || ann[BetaIsDefaultStorageClassAnnotation] === 'true';
}

/** util.GetDefaultClass: the newest default class; ties go to the first name. */
export function getDefaultClass<T extends { metadata: { name?: string; creationTimestamp?: string | null; annotations?: Record<string, string> | null } }>(classes: T[]): T | undefined {
  const defaults = classes.filter((c) => isDefaultStorageClass(c));
  defaults.sort((a, b) => {
    const ta = Date.parse(a.metadata.creationTimestamp ?? '') || 0;
    const tb = Date.parse(b.metadata.creationTimestamp ?? '') || 0;
    if (ta === tb) return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
    return tb - ta;
  });
  return defaults[0];
}

export function defaultStorageClass(sc: StorageClassT): void {
  sc.reclaimPolicy ??= 'Delete';
  sc.volumeBindingMode ??= VolumeBindingImmediate;
}

const maxProvisionerParameterSize = 256 * (1 << 10);
const maxProvisionerParameterLen = 512;
const supportedReclaimPolicy = ['Delete', 'Retain'];
const supportedVolumeBindingModes = [VolumeBindingImmediate, VolumeBindingWaitForFirstConsumer];

function validateParameters(params: Record<string, string> | undefined, p: Path): FieldError[] {
  const entries = Object.entries(params ?? {});
  if (entries.length > maxProvisionerParameterLen) return [tooLong(p, 'Provisioner Parameters exceeded max allowed', maxProvisionerParameterLen)];
  const errs: FieldError[] = [];
  let size = 0;
  for (const [k, v] of entries) {
    if (k.length < 1) errs.push(invalid(p, k, 'field can not be empty.'));
    size += k.length + v.length;
  }
  if (size > maxProvisionerParameterSize) errs.push(tooLong(p, '', maxProvisionerParameterSize));
  return errs;
}

/** ValidateTopologySelectorTerm; returns the requirements as a key -> values map for duplicate detection. */
function validateTopologySelectorTerm(term: z.infer<typeof TopologySelectorTerm>, p: Path): { exprs: Record<string, string[]>; errs: FieldError[] } {
  const errs: FieldError[] = [];
  const exprs: Record<string, string[]> = {};
  (term.matchLabelExpressions ?? []).forEach((r, i) => {
    const rp = p.child('matchLabelExpressions').index(i);
    if (!r.values?.length) errs.push(required(rp.child('values'), ''));
    const seen = new Set<string>();
    (r.values ?? []).forEach((v, j) => {
      const vp = rp.child('values').index(j);
      for (const m of isValidLabelValue(v)) errs.push(invalid(vp, v, m));
      if (seen.has(v)) errs.push(duplicate(vp, v));
      seen.add(v);
    });
    for (const m of isQualifiedName(r.key)) errs.push(invalid(rp.child('key'), r.key, m));
    if (r.key in exprs) errs.push(duplicate(rp.child('key'), r.key));
    exprs[r.key] = [...seen].sort();
  });
  return { exprs, errs };
}

export function validateStorageClass(sc: StorageClassT): FieldError[] {
  const errs: FieldError[] = [];
  const prov = sc.provisioner ?? '';
  if (!prov) errs.push(required(path('provisioner'), prov));
  else for (const m of isQualifiedName(prov.toLowerCase())) errs.push(invalid(path('provisioner'), prov.toLowerCase(), m));
  errs.push(...validateParameters(sc.parameters, path('parameters')));
  if (sc.reclaimPolicy != null && !supportedReclaimPolicy.includes(sc.reclaimPolicy))
    errs.push(notSupported(path('reclaimPolicy'), sc.reclaimPolicy, supportedReclaimPolicy));
  if (sc.volumeBindingMode == null) errs.push(required(path('volumeBindingMode'), ''));
  else if (!supportedVolumeBindingModes.includes(sc.volumeBindingMode))
    errs.push(notSupported(path('volumeBindingMode'), sc.volumeBindingMode, supportedVolumeBindingModes));
  const seen: Array<Record<string, string[]>> = [];
  (sc.allowedTopologies ?? []).forEach((t, i) => {
    const ip = path('allowedTopologies').index(i);
    const { exprs, errs: te } = validateTopologySelectorTerm(t, ip);
    errs.push(...te);
    if (seen.some((s) => deepEqual(s, exprs))) errs.push(duplicate(ip.child('matchLabelExpressions'), ''));
    seen.push(exprs);
  });
  return errs;
}

export function validateStorageClassUpdate(sc: StorageClassT, old: StorageClassT): FieldError[] {
  const errs = validateStorageClass(sc);
  if (!deepEqual(sc.parameters ?? {}, old.parameters ?? {})) errs.push(forbidden(path('parameters'), 'updates to parameters are forbidden.'));
  if (sc.provisioner !== old.provisioner) errs.push(forbidden(path('provisioner'), 'updates to provisioner are forbidden.'));
  if (sc.reclaimPolicy !== old.reclaimPolicy) errs.push(forbidden(path('reclaimPolicy'), 'updates to reclaimPolicy are forbidden.'));
  errs.push(...validateImmutable(sc.volumeBindingMode, old.volumeBindingMode, path('volumeBindingMode')));
  return errs;
}
