/**
 * Deployment validation as pkg/apis/apps/validation: ValidateDeploymentSpec, ValidateDeploymentStrategy,
 * ValidateRollingUpdateDeployment, ValidatePositiveIntOrPercent, ValidateDeploymentStatus(Update), and
 * the apps/v1 strategy's selector immutability.
 */
import { type FieldError, Path, forbidden, invalid, notSupported, required } from '../field-errors.js';
import { validateImmutable, validateNonnegative } from '../validation.js';
import type { DeploymentT } from './deployment.js';
import { validateSelectorAndTemplate } from './replicaset-validation.js';

type IntOrPercent = number | string | undefined | null;
const nonneg = (v: number | undefined | null, p: Path) => validateNonnegative(v ?? 0, p);

const percentRe = /^[0-9]+%$/;
const percentErr =
  "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

/** ValidatePositiveIntOrPercent. */
export function validatePositiveIntOrPercent(v: IntOrPercent, p: Path): FieldError[] {
  if (typeof v === 'string') return percentRe.test(v) ? [] : [invalid(p, v, percentErr)];
  if (typeof v === 'number') return nonneg(v, p);
  return [];
}

/** getIntOrPercentValue: a valid percent's number, else the int (a non-numeric string is 0). */
export function getIntOrPercentValue(v: IntOrPercent): number {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return 0;
  if (percentRe.test(v)) return Number(v.slice(0, -1));
  return /^[+-]?[0-9]+$/.test(v) ? Number(v) : 0;
}

/** IsNotMoreThan100Percent. */
export function isNotMoreThan100Percent(v: IntOrPercent, p: Path): FieldError[] {
  if (typeof v !== 'string' || !percentRe.test(v) || Number(v.slice(0, -1)) <= 100) return [];
  return [invalid(p, v, 'must not be greater than 100%')];
}

type Strategy = NonNullable<NonNullable<DeploymentT['spec']>['strategy']>;

export function validateRollingUpdateDeployment(ru: NonNullable<Strategy['rollingUpdate']>, p: Path): FieldError[] {
  const errs = [
    ...validatePositiveIntOrPercent(ru.maxUnavailable, p.child('maxUnavailable')),
    ...validatePositiveIntOrPercent(ru.maxSurge, p.child('maxSurge')),
  ];
  if (getIntOrPercentValue(ru.maxUnavailable) === 0 && getIntOrPercentValue(ru.maxSurge) === 0)
    errs.push(invalid(p.child('maxUnavailable'), ru.maxUnavailable ?? 0, 'may not be 0 when `maxSurge` is 0'));
  errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, p.child('maxUnavailable')));
  return errs;
}

export function validateDeploymentStrategy(strategy: Strategy | undefined, p: Path): FieldError[] {
  const s = strategy ?? {};
  switch (s.type) {
    case 'Recreate':
      return s.rollingUpdate ? [forbidden(p.child('rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'")] : [];
    case 'RollingUpdate':
      if (!s.rollingUpdate) return [required(p.child('rollingUpdate'), 'this should be defaulted and never be nil')];
      return validateRollingUpdateDeployment(s.rollingUpdate, p.child('rollingUpdate'));
    default:
      return [notSupported(p, s, ['Recreate', 'RollingUpdate'])];
  }
}

/** ValidateDeploymentSpec. */
export function validateDeploymentSpec(spec: DeploymentT['spec'], p = new Path().child('spec')): FieldError[] {
  const s = spec ?? ({} as NonNullable<DeploymentT['spec']>);
  const errs = [...nonneg(s.replicas, p.child('replicas'))];
  errs.push(...validateSelectorAndTemplate(s.selector, s.template, p, 'Deployment'));
  errs.push(...validateDeploymentStrategy(s.strategy, p.child('strategy')));
  errs.push(...nonneg(s.minReadySeconds, p.child('minReadySeconds')));
  if (s.revisionHistoryLimit !== undefined && s.revisionHistoryLimit !== null)
    errs.push(...nonneg(s.revisionHistoryLimit, p.child('revisionHistoryLimit')));
  if (s.progressDeadlineSeconds !== undefined && s.progressDeadlineSeconds !== null) {
    errs.push(...nonneg(s.progressDeadlineSeconds, p.child('progressDeadlineSeconds')));
    if (s.progressDeadlineSeconds <= (s.minReadySeconds ?? 0))
      errs.push(invalid(p.child('progressDeadlineSeconds'), s.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
  }
  return errs;
}

export function validateDeployment(d: DeploymentT): FieldError[] {
  return validateDeploymentSpec(d.spec);
}

/** ValidateDeploymentUpdate plus the apps/v1 strategy's "selector is immutable". */
export function validateDeploymentUpdate(d: DeploymentT, old: DeploymentT): FieldError[] {
  return [
    ...validateDeploymentSpec(d.spec),
    ...validateImmutable(d.spec?.selector ?? null, old.spec?.selector ?? null, new Path().child('spec', 'selector')),
  ];
}

/** ValidateDeploymentStatus. */
export function validateDeploymentStatus(status: DeploymentT['status'], p = new Path().child('status')): FieldError[] {
  const s = status ?? {};
  const replicas = s.replicas ?? 0;
  const updated = s.updatedReplicas ?? 0;
  const ready = s.readyReplicas ?? 0;
  const available = s.availableReplicas ?? 0;
  const errs = [
    ...nonneg(s.observedGeneration, p.child('observedGeneration')),
    ...nonneg(replicas, p.child('replicas')),
    ...nonneg(updated, p.child('updatedReplicas')),
    ...nonneg(ready, p.child('readyReplicas')),
    ...nonneg(available, p.child('availableReplicas')),
    ...nonneg(s.unavailableReplicas, p.child('unavailableReplicas')),
  ];
  if (s.collisionCount !== undefined && s.collisionCount !== null) errs.push(...nonneg(s.collisionCount, p.child('collisionCount')));
  const msg = 'cannot be greater than status.replicas';
  if (updated > replicas) errs.push(invalid(p.child('updatedReplicas'), updated, msg));
  if (ready > replicas) errs.push(invalid(p.child('readyReplicas'), ready, msg));
  if (available > replicas) errs.push(invalid(p.child('availableReplicas'), available, msg));
  if (available > ready) errs.push(invalid(p.child('availableReplicas'), available, 'cannot be greater than readyReplicas'));
  return errs;
}

/** ValidateDeploymentStatusUpdate: also collisionCount may not decrease (or be unset). */
export function validateDeploymentStatusUpdate(d: DeploymentT, old: DeploymentT): FieldError[] {
  const errs = validateDeploymentStatus(d.status);
  const n = d.status?.collisionCount;
  const o = old.status?.collisionCount;
  const isSet = (x: unknown): x is number => typeof x === 'number';
  if ((!isSet(n) && isSet(o)) || (isSet(n) && isSet(o) && n < o))
    errs.push(invalid(new Path().child('status', 'collisionCount'), isSet(n) ? n : 0, 'cannot be decremented'));
  return errs;
}
