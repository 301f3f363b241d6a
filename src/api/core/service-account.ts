/** core/v1 ServiceAccount: schema and validation (ValidateServiceAccount: metadata only). */
import { z } from 'zod';
import type { FieldError } from '../field-errors.js';
import { ObjectMeta } from '../meta.js';
import { nameIsDNSSubdomain } from '../validation.js';
import { ObjectReference } from './object-reference.js';
import { LocalObjectReference } from './pod-container.js';
import { atomicList, bool, mapList, opt, str } from './pod-schema-helpers.js';

export const ServiceAccount = z
  .object({
    apiVersion: opt(str(), 'v1'),
    kind: opt(str(), 'ServiceAccount'),
    metadata: opt(ObjectMeta, 'Standard object metadata.'),
    secrets: mapList(ObjectReference, 'Deprecated: secrets holding legacy tokens for this account. Not used for token lookup.', ['name'], {
      mergeKey: 'name',
      strategy: 'merge',
    }),
    imagePullSecrets: atomicList(LocalObjectReference, 'Secrets in this namespace used to pull images for pods running as this account.'),
    automountServiceAccountToken: opt(bool(), 'Whether pods running as this account get an API token mounted automatically.'),
  })
  .meta({ id: 'io.k8s.api.core.v1.ServiceAccount', description: 'An identity for processes running in pods.' });
export type ServiceAccountT = z.infer<typeof ServiceAccount>;

export const serviceAccountNameValidator = nameIsDNSSubdomain;

/** ValidateServiceAccount checks only metadata, which the store validates. */
export function validateServiceAccount(_sa: ServiceAccountT): FieldError[] {
  return [];
}

export function validateServiceAccountUpdate(sa: ServiceAccountT, _old: ServiceAccountT): FieldError[] {
  return validateServiceAccount(sa);
}
