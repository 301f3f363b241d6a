/** core/v1 ObjectReference: a full reference to an object of any kind (events, bindings, endpoints). */
import { z } from 'zod';
import { named, opt, str } from './pod-schema-helpers.js';

export const ObjectReference = named(
  'ObjectReference',
  z.object({
    kind: opt(str(), 'Kind of the referent.'),
    namespace: opt(str(), 'Namespace of the referent.'),
    name: opt(str(), 'Name of the referent.'),
    uid: opt(str(), 'UID of the referent.'),
    apiVersion: opt(str(), 'API version of the referent.'),
    resourceVersion: opt(str(), 'The resourceVersion of the referent this reference was made against.'),
    fieldPath: opt(
      str(),
      'A piece of the referent rather than the whole, such as a container: "spec.containers{name}" or "spec.containers[2]".',
    ),
  }),
  'A reference to an object by kind, namespace, name and uid.',
  { 'x-kubernetes-map-type': 'atomic' },
);
export type ObjectReferenceT = z.infer<typeof ObjectReference>;

