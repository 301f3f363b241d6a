/** autoscaling/v1 Scale (the /scale subresource): schema and ValidateScale. */
import { z } from 'zod';
import { type FieldError, Path, invalid } from '../field-errors.js';
import { ObjectMeta } from '../meta.js';
import { nameIsDNSSubdomain } from '../validation.js';

const int = () => z.number().int();

export const ScaleSpec = z
  .object({ replicas: int().optional().describe('The desired number of instances.') })
  .meta({ id: 'io.k8s.api.autoscaling.v1.ScaleSpec', description: 'The desired scale.' });

export const ScaleStatus = z
  .object({
    replicas: int().describe('The actual number of observed instances.'),
    selector: z.string().optional().describe('The label selector of the pods counted, in string form ("app=web,tier in (a,b)").'),
  })
  .meta({ id: 'io.k8s.api.autoscaling.v1.ScaleStatus', description: 'The current scale.' });

export const Scale = z
  .object({
    apiVersion: z.string().optional().describe('autoscaling/v1'),
    kind: z.string().optional().describe('Scale'),
    metadata: z.lazy(() => ObjectMeta).describe('Standard object metadata.'),
    spec: ScaleSpec.optional().describe('The desired scale.'),
    status: ScaleStatus.optional().describe('The current scale. Read-only.'),
  })
  .meta({ id: 'io.k8s.api.autoscaling.v1.Scale', description: 'The scale of a scalable resource, read and written through /scale.' });
export type ScaleT = z.infer<typeof Scale>;

export const scaleNameValidator = nameIsDNSSubdomain;

/** ValidateScale (spec part). */
export function validateScale(scale: ScaleT): FieldError[] {
  const r = scale.spec?.replicas ?? 0;
  return r < 0 ? [invalid(new Path().child('spec', 'replicas'), r, 'must be greater than or equal to 0')] : [];
}
