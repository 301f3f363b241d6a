/** core/v1 Binding (pods/binding): schema and ValidatePodBinding. */
import { z } from 'zod';
import { type FieldError, Path, notSupported, required } from '../field-errors.js';
import { ObjectMeta } from '../meta.js';
import { nameIsDNSSubdomain } from '../validation.js';
import { ObjectReference } from './object-reference.js';
import { opt, req, str } from './pod-schema-helpers.js';

export const Binding = z
  .object({
    apiVersion: opt(str(), 'v1'),
    kind: opt(str(), 'Binding'),
    metadata: opt(ObjectMeta, 'Standard object metadata: name (and namespace) of the pod to bind.'),
    target: req(ObjectReference, 'The node to bind the pod to (kind Node, name the node name).'),
  })
  .meta({ id: 'io.k8s.api.core.v1.Binding', description: 'Ties a pod to a node; the scheduler posts one to pods/binding.' });
export type BindingT = z.infer<typeof Binding>;

/** Pod names are DNS subdomains. */
export const bindingNameValidator = nameIsDNSSubdomain;

/** ValidatePodBinding. */
export function validatePodBinding(b: BindingT): FieldError[] {
  const errs: FieldError[] = [];
  const kind = b.target?.kind ?? '';
  if (kind !== '' && kind !== 'Node') errs.push(notSupported(new Path().child('target', 'kind'), kind, ['Node', '<empty>']));
  if (!b.target?.name) errs.push(required(new Path().child('target', 'name')));
  return errs;
}
export const validateBinding = validatePodBinding;
