/**
 * policy/v1 Eviction (pods/eviction): schema and the DeleteOptions checks upstream applies to it
 * (apimachinery meta/internalversion/validation ValidateDeleteOptions).
 */
import { z } from 'zod';
import { type FieldError, Path, invalid, notSupported } from '../field-errors.js';
import { DeleteOptions, ObjectMeta } from '../meta.js';
import { nameIsDNSSubdomain } from '../validation.js';

export const Eviction = z
  .object({
    apiVersion: z.string().optional().describe('policy/v1'),
    kind: z.string().optional().describe('Eviction'),
    metadata: z.lazy(() => ObjectMeta).describe('Name and namespace of the pod to evict.'),
    deleteOptions: DeleteOptions.optional().describe('Options for the deletion of the pod.'),
  })
  .meta({
    id: 'io.k8s.api.policy.v1.Eviction',
    description: 'A request to evict a pod, honouring its PodDisruptionBudgets. Posted to pods/eviction.',
  });
export type EvictionT = z.infer<typeof Eviction>;

export const evictionNameValidator = nameIsDNSSubdomain;

const propagationPolicies = ['Foreground', 'Background', 'Orphan'];

/** ValidateDeleteOptions (field paths are relative to the DeleteOptions, as upstream). */
export function validateDeleteOptions(o: z.infer<typeof DeleteOptions> | undefined): FieldError[] {
  if (!o) return [];
  const errs: FieldError[] = [];
  if (o.orphanDependents !== undefined && o.orphanDependents !== null && o.propagationPolicy !== undefined)
    errs.push(invalid(new Path().child('propagationPolicy'), o.propagationPolicy, 'orphanDependents and deletionPropagation cannot be both set'));
  if (o.propagationPolicy !== undefined && o.propagationPolicy !== null && !propagationPolicies.includes(o.propagationPolicy))
    errs.push(notSupported(new Path().child('propagationPolicy'), o.propagationPolicy, [...propagationPolicies, 'nil']));
  const dry = o.dryRun ?? [];
  if (dry.some((d) => d !== 'All')) errs.push(notSupported(new Path().child('dryRun'), dry, ['All']));
  return errs;
}

export function validateEviction(e: EvictionT): FieldError[] {
  return validateDeleteOptions(e.deleteOptions);
}
