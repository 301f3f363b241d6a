/**
 * ReplicaSet validation as pkg/apis/apps/validation: ValidateReplicaSetSpec,
 * ValidatePodTemplateSpecForReplicaSet (shared with Deployment), ValidateReplicaSetStatus, and the
 * apps/v1 strategy's selector immutability.
 */
import { type FieldError, Path, forbidden, invalid, notSupported, required } from '../field-errors.js';
import type { LabelSelectorT } from '../meta.js';
import { validatePodTemplateSpec } from '../core/pod-validation.js';
import { labelSelectorMatches, validateLabelSelector } from '../selectors/label-selector.js';
import { validateImmutable, validateNonnegative } from '../validation.js';
import type { PodTemplateSpecT, ReplicaSetT } from './replicaset.js';

const nonneg = (v: number | undefined | null, p: Path) => validateNonnegative(v ?? 0, p);

/**
 * Selector checks shared by ReplicaSet and Deployment: required, valid, non-empty, then the
 * template checks when the selector converts (LabelSelectorAsSelector succeeds).
 * Upstream says "for deployment" for ReplicaSets too.
 */
export function validateSelectorAndTemplate(
  selector: LabelSelectorT | null | undefined,
  template: PodTemplateSpecT | null | undefined,
  p: Path,
  kind: 'ReplicaSet' | 'Deployment',
): FieldError[] {
  const errs: FieldError[] = [];
  const sp = p.child('selector');
  let selectorErrs: FieldError[] = [];
  if (!selector) errs.push(required(sp));
  else {
    selectorErrs = validateLabelSelector(selector, sp);
    errs.push(...selectorErrs);
    if (Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length === 0)
      errs.push(invalid(sp, selector, 'empty selector is invalid for deployment'));
  }
  if (selectorErrs.length) errs.push(invalid(sp, selector, 'invalid label selector'));
  else errs.push(...validatePodTemplateSpecForReplicaSet(template, selector, p.child('template'), kind));
  return errs;
}

/** ValidatePodTemplateSpecForReplicaSet. A null selector selects nothing, so it never matches. */
export function validatePodTemplateSpecForReplicaSet(
  template: PodTemplateSpecT | null | undefined,
  selector: LabelSelectorT | null | undefined,
  p: Path,
  kind: 'ReplicaSet' | 'Deployment' = 'ReplicaSet',
): FieldError[] {
  if (!template) return [required(p)];
  const errs: FieldError[] = [];
  const empty = !!selector && Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length === 0;
  const labels = template.metadata?.labels ?? {};
  if (!empty && !labelSelectorMatches(selector, labels))
    errs.push(invalid(p.child('metadata', 'labels'), labels, '`selector` does not match template `labels`'));
  errs.push(...validatePodTemplateSpec(template, p));
  const rp = template.spec?.restartPolicy ?? '';
  if (rp !== 'Always') errs.push(notSupported(p.child('spec', 'restartPolicy'), rp, ['Always']));
  if (template.spec?.activeDeadlineSeconds !== undefined && template.spec?.activeDeadlineSeconds !== null)
    errs.push(forbidden(p.child('spec', 'activeDeadlineSeconds'), `activeDeadlineSeconds in ${kind} is not Supported`));
  return errs;
}

/** ValidateReplicaSetSpec. */
export function validateReplicaSetSpec(spec: NonNullable<ReplicaSetT['spec']> | undefined, p = new Path().child('spec')): FieldError[] {
  const s = spec ?? ({} as NonNullable<ReplicaSetT['spec']>);
  return [
    ...nonneg(s.replicas, p.child('replicas')),
    ...nonneg(s.minReadySeconds, p.child('minReadySeconds')),
    ...validateSelectorAndTemplate(s.selector, s.template, p, 'ReplicaSet'),
  ];
}

export function validateReplicaSet(rs: ReplicaSetT): FieldError[] {
  return validateReplicaSetSpec(rs.spec);
}

/** ValidateReplicaSetUpdate plus the apps/v1 strategy's "selector is immutable". */
export function validateReplicaSetUpdate(rs: ReplicaSetT, old: ReplicaSetT): FieldError[] {
  return [
    ...validateReplicaSetSpec(rs.spec),
    ...validateImmutable(rs.spec?.selector ?? null, old.spec?.selector ?? null, new Path().child('spec', 'selector')),
  ];
}

/** ValidateReplicaSetStatus. */
export function validateReplicaSetStatus(status: ReplicaSetT['status'], p = new Path().child('status')): FieldError[] {
  const s = status ?? ({ replicas: 0 } as NonNullable<ReplicaSetT['status']>);
  const replicas = s.replicas ?? 0;
  const fully = s.fullyLabeledReplicas ?? 0;
  const ready = s.readyReplicas ?? 0;
  const available = s.availableReplicas ?? 0;
  const errs = [
    ...nonneg(replicas, p.child('replicas')),
    ...nonneg(fully, p.child('fullyLabeledReplicas')),
    ...nonneg(ready, p.child('readyReplicas')),
    ...nonneg(available, p.child('availableReplicas')),
    ...nonneg(s.observedGeneration, p.child('observedGeneration')),
  ];
  const msg = 'cannot be greater than status.replicas';
  if (fully > replicas) errs.push(invalid(p.child('fullyLabeledReplicas'), fully, msg));
  if (ready > replicas) errs.push(invalid(p.child('readyReplicas'), ready, msg));
  if (available > replicas) errs.push(invalid(p.child('availableReplicas'), available, msg));
  if (available > ready) errs.push(invalid(p.child('availableReplicas'), available, 'cannot be greater than readyReplicas'));
  return errs;
}

export function validateReplicaSetStatusUpdate(rs: ReplicaSetT, _old: ReplicaSetT): FieldError[] {
  return validateReplicaSetStatus(rs.status);
}
