/** coordination.k8s.io/v1 Lease: schema and validation (pkg/apis/coordination/validation). */
import { z } from 'zod';
import { type FieldError, Path, forbidden, invalid, notSupported } from '../field-errors.js';
import { MicroTime, ObjectMeta } from '../meta.js';
import { isQualifiedName, nameIsDNSSubdomain } from '../validation.js';

const int = () => z.number().int();

export const LeaseSpec = z
  .object({
    holderIdentity: z.string().optional().describe('The identity of the current holder of the lease.'),
    leaseDurationSeconds: int().optional().describe('How long candidates wait after the last renewal before they may take the lease.'),
    acquireTime: MicroTime.optional().describe('When the current holder acquired the lease.'),
    renewTime: MicroTime.optional().describe('When the current holder last renewed the lease.'),
    leaseTransitions: int().optional().describe('How many times the lease changed hands.'),
    strategy: z.string().optional().describe('The coordinated leader election strategy, e.g. OldestEmulationVersion.'),
    preferredHolder: z.string().optional().describe('A holder the current one should hand the lease to; needs strategy.'),
  })
  .meta({ id: 'io.k8s.api.coordination.v1.LeaseSpec', description: 'The state of a lease.' });

export const Lease = z
  .object({
    apiVersion: z.string().optional().describe('coordination.k8s.io/v1'),
    kind: z.string().optional().describe('Lease'),
    metadata: z.lazy(() => ObjectMeta).describe('Standard object metadata.'),
    spec: LeaseSpec.optional().describe('The state of the lease.'),
  })
  .meta({ id: 'io.k8s.api.coordination.v1.Lease', description: 'A lease: node heartbeats and leader election.' });
export type LeaseT = z.infer<typeof Lease>;

export const leaseNameValidator = nameIsDNSSubdomain;

const validLeaseStrategies = ['OldestEmulationVersion'];

/** ValidateCoordinatedLeaseStrategy (upstream appends "strategy" to a path that already ends in it). */
export function validateCoordinatedLeaseStrategy(strategy: string, p: Path): FieldError[] {
  if (strategy.split('/').length === 1)
    return validLeaseStrategies.includes(strategy) ? [] : [notSupported(p.child('strategy'), strategy, validLeaseStrategies)];
  return isQualifiedName(strategy).map((m) => invalid(p.child('strategy'), strategy, m));
}

export function validateLeaseSpec(spec: NonNullable<LeaseT['spec']>, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (typeof spec.leaseDurationSeconds === 'number' && spec.leaseDurationSeconds <= 0)
    errs.push(invalid(p.child('leaseDurationSeconds'), spec.leaseDurationSeconds, 'must be greater than 0'));
  if (typeof spec.leaseTransitions === 'number' && spec.leaseTransitions < 0)
    errs.push(invalid(p.child('leaseTransitions'), spec.leaseTransitions, 'must be greater than or equal to 0'));
  if (spec.strategy !== undefined && spec.strategy !== null) errs.push(...validateCoordinatedLeaseStrategy(spec.strategy, p.child('strategy')));
  if (spec.preferredHolder && !spec.strategy)
    errs.push(forbidden(p.child('preferredHolder'), 'may only be specified if `strategy` is defined'));
  return errs;
}

export function validateLease(lease: LeaseT): FieldError[] {
  return validateLeaseSpec(lease.spec ?? {}, new Path().child('spec'));
}

export function validateLeaseUpdate(lease: LeaseT, _old: LeaseT): FieldError[] {
  return validateLease(lease);
}
