/** ValidateResourceRequirements for containers and pods, with upstream's messages. */
import { type FieldError, Path, forbidden, invalid, required } from '../field-errors.js';
import { compareQuantity, parseQuantity, quantityError, quantityMilliValue, quantityToString } from '../quantity.js';
import { isQualifiedName } from '../validation.js';
import type { ResourceRequirements } from './pod.js';
import { isNegativeErrorMsg } from './pod-validation-util.js';

const isHugePages = (n: string) => n.startsWith('hugepages-');
const isNative = (n: string) => !n.includes('/') || n.includes('kubernetes.io/');
const isExtended = (n: string) => !isNative(n) && !n.startsWith('requests.') && isQualifiedName(`requests.${n}`).length === 0;
const isOvercommitAllowed = (n: string) => isNative(n) && !isHugePages(n);
const isStandardContainerResource = (n: string) => ['cpu', 'memory', 'ephemeral-storage'].includes(n) || isHugePages(n);
const isIntegerResource = (n: string) => isExtended(n) || n === 'pods' || n === 'services';

/** validateContainerResourceName */
function validateResourceName(name: string, p: Path): FieldError[] {
  const errs = isQualifiedName(name).map((m) => invalid(p, name, m));
  if (!name.includes('/')) {
    if (!isStandardContainerResource(name)) errs.push(invalid(p, name, 'must be a standard resource for containers'));
  } else if (!isNative(name) && !isExtended(name)) errs.push(invalid(p, name, "doesn't follow extended resource name standard"));
  return errs;
}

/** Invalid text, a negative value, a fraction of an integer resource. */
export function validateResourceQuantityValue(name: string, value: unknown, p: Path): FieldError[] {
  const bad = quantityError(value);
  if (bad) return [invalid(p, value, bad)];
  const q = parseQuantity(value as string | number);
  const errs: FieldError[] = [];
  if (q.mantissa < 0n) errs.push(invalid(p, quantityToString(q), isNegativeErrorMsg));
  if (isIntegerResource(name) && quantityMilliValue(q) % 1000 !== 0) errs.push(invalid(p, quantityToString(q), 'must be an integer'));
  return errs;
}

export function validateResourceRequirements(r: ResourceRequirements | undefined, claimNames: Set<string>, p: Path): FieldError[] {
  if (!r) return [];
  const errs: FieldError[] = [];
  const limPath = p.child('limits');
  const reqPath = p.child('requests');
  let cpuOrMemory = false;
  let hugePages = false;
  const limits = r.limits ?? {};
  for (const [name, q] of Object.entries(limits)) {
    const fp = limPath.key(name);
    errs.push(...validateResourceName(name, fp));
    errs.push(...validateResourceQuantityValue(name, q, fp));
    if (isHugePages(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  for (const [name, q] of Object.entries(r.requests ?? {})) {
    const fp = reqPath.key(name);
    errs.push(...validateResourceName(name, fp));
    const qErrs = validateResourceQuantityValue(name, q, fp);
    errs.push(...qErrs);
    const limit = limits[name];
    if (limit !== undefined && !qErrs.length && !quantityError(limit)) {
      const c = compareQuantity(q, limit);
      const qs = quantityToString(parseQuantity(q));
      const ls = quantityToString(parseQuantity(limit));
      if (c !== 0 && !isOvercommitAllowed(name)) errs.push(invalid(reqPath, qs, `must be equal to ${name} limit of ${ls}`));
      else if (c > 0) errs.push(invalid(reqPath, qs, `must be less than or equal to ${name} limit of ${ls}`));
    } else if (limit === undefined && !isOvercommitAllowed(name)) {
      errs.push(required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePages(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  if (!cpuOrMemory && hugePages) errs.push(forbidden(p, 'HugePages require cpu or memory'));
  const seen = new Set<string>();
  (r.claims ?? []).forEach((c, i) => {
    const cp = p.child('claims').index(i);
    if (!c.name) errs.push(required(cp, ''));
    else if (seen.has(c.name)) errs.push({ type: 'FieldValueDuplicate', field: cp.toString(), badValue: c.name });
    else {
      seen.add(c.name);
      if (!claimNames.has(c.name)) errs.push(invalid(cp, c.name, 'must be one of the names in pod.spec.resourceClaims'));
    }
  });
  return errs;
}
