/**
 * Shared apimachinery types: ObjectMeta, ListMeta, OwnerReference, LabelSelector, Time, Quantity,
 * IntOrString, ManagedFieldsEntry, DeleteOptions. Named with their upstream OpenAPI ids.
 */
import { z } from 'zod';

const MV1 = 'io.k8s.apimachinery.pkg.apis.meta.v1';

export const Time = z
  .string()
  .nullable()
  .meta({ id: `${MV1}.Time`, description: 'Time is a timestamp in RFC 3339 form, with second precision, in UTC.', format: 'date-time' });
export const MicroTime = z
  .string()
  .nullable()
  .meta({ id: `${MV1}.MicroTime`, description: 'MicroTime is a timestamp in RFC 3339 form with microsecond precision.', format: 'date-time' });

export const Quantity = z.union([z.string(), z.number()]).meta({
  id: 'io.k8s.apimachinery.pkg.api.resource.Quantity',
  description:
    "A fixed-point number with a suffix: '128Mi', '1Gi', '500m', '2'. Binary suffixes Ki Mi Gi Ti Pi Ei, decimal suffixes m k M G T P E, or an exponent (1e3).",
});

export const IntOrString = z.union([z.number().int(), z.string()]).meta({
  id: 'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
  description: 'A value that is either an integer or a string, such as a port number or a port name, or a count or a percentage.',
  format: 'int-or-string',
  'x-kubernetes-int-or-string': true,
});

export const StringMap = z.record(z.string(), z.string());

export const OwnerReference = z
  .object({
    apiVersion: z.string().describe('The API version of the owner.'),
    kind: z.string().describe('The kind of the owner.'),
    name: z.string().describe('The name of the owner.'),
    uid: z.string().describe('The uid of the owner.'),
    controller: z.boolean().optional().describe('True when the owner is the managing controller. At most one reference may be a controller.'),
    blockOwnerDeletion: z
      .boolean()
      .optional()
      .describe('When true and the owner is deleted with foreground propagation, the owner is not removed from storage until this object is gone.'),
  })
  .meta({
    id: `${MV1}.OwnerReference`,
    description: 'OwnerReference names an object that owns this one; when every owner is gone, the garbage collector deletes it.',
  });

export const ManagedFieldsEntry = z
  .object({
    manager: z.string().optional().describe('The name of the actor that manages these fields.'),
    operation: z.string().optional().describe('Apply or Update: the kind of operation that last changed these fields.'),
    apiVersion: z.string().optional().describe('The version of the object the field set is expressed in.'),
    time: Time.optional().describe('When these fields were last changed by this manager.'),
    fieldsType: z.string().optional().describe('The format of fieldsV1; only "FieldsV1" exists.'),
    fieldsV1: z
      .record(z.string(), z.unknown())
      .optional()
      .meta({ description: 'The set of fields this manager owns, as a trie of "f:<name>", "k:<key>", "v:<value>" and "i:<index>" entries.' }),
    subresource: z.string().optional().describe('The subresource the change came through, if any.'),
  })
  .meta({ id: `${MV1}.ManagedFieldsEntry`, description: 'One field manager, the operation it used and the fields it owns.' });

export const ObjectMeta = z
  .object({
    name: z.string().optional().describe('Unique within a namespace. Must be a DNS subdomain for most kinds. Cannot be updated.'),
    generateName: z
      .string()
      .optional()
      .describe('A prefix the server uses to make a unique name when name is empty: the prefix plus five random characters.'),
    namespace: z.string().optional().describe('The namespace the object lives in. Empty for cluster-scoped kinds. Cannot be updated.'),
    selfLink: z.string().optional().describe('Deprecated and always empty.'),
    uid: z.string().optional().describe('Unique in time and space, set by the server on create. Read-only.'),
    resourceVersion: z
      .string()
      .optional()
      .describe('An opaque version of this object, changed on every write; send it back on update for optimistic concurrency. Read-only.'),
    generation: z.number().int().optional().meta({ description: 'A sequence number for the desired state; bumped when the spec changes. Read-only.', format: 'int64' }),
    creationTimestamp: Time.optional().describe('When the object was created. Read-only.'),
    deletionTimestamp: Time.optional().describe('When the object will be (or began being) deleted; set by the server on a graceful delete. Read-only.'),
    deletionGracePeriodSeconds: z
      .number()
      .int()
      .optional()
      .meta({ description: 'Seconds allowed for graceful termination before the object is removed. Read-only.', format: 'int64' }),
    labels: StringMap.optional().describe('Key/value pairs used to organize and select objects.'),
    annotations: StringMap.optional().describe('Key/value pairs for arbitrary, non-identifying metadata.'),
    ownerReferences: z
      .array(OwnerReference)
      .optional()
      .meta({
        description: 'Objects this one depends on. When all of them are deleted, this object is garbage collected.',
        'x-kubernetes-patch-merge-key': 'uid',
        'x-kubernetes-patch-strategy': 'merge',
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': ['uid'],
      }),
    finalizers: z
      .array(z.string())
      .optional()
      .meta({
        description: 'Names that must each be removed before the object is deleted from storage.',
        'x-kubernetes-patch-strategy': 'merge',
        'x-kubernetes-list-type': 'set',
      }),
    managedFields: z
      .array(ManagedFieldsEntry)
      .optional()
      .meta({ description: 'Which field manager owns which fields. Maintained by the server.', 'x-kubernetes-list-type': 'atomic' }),
  })
  .meta({ id: `${MV1}.ObjectMeta`, description: 'Metadata every persisted object has.' });

export const ListMeta = z
  .object({
    resourceVersion: z.string().optional().describe('The version of the list, usable to start a watch.'),
    continue: z.string().optional().describe('Set when more items are available: send it back to get the next page.'),
    remainingItemCount: z.number().int().optional().meta({ description: 'How many items follow this page, when known.', format: 'int64' }),
    selfLink: z.string().optional().describe('Deprecated and always empty.'),
  })
  .meta({ id: `${MV1}.ListMeta`, description: 'Metadata of a list response.' });

export const LabelSelectorRequirement = z
  .object({
    key: z.string().describe('The label key the selector applies to.'),
    operator: z.string().describe('In, NotIn, Exists or DoesNotExist.'),
    values: z
      .array(z.string())
      .optional()
      .meta({ description: 'Values for In and NotIn; must be empty for Exists and DoesNotExist.', 'x-kubernetes-list-type': 'atomic' }),
  })
  .meta({ id: `${MV1}.LabelSelectorRequirement`, description: 'A key, an operator and values.' });

export const LabelSelector = z
  .object({
    matchLabels: StringMap.optional().describe('Each key/value pair is an "In" requirement with that single value.'),
    matchExpressions: z
      .array(LabelSelectorRequirement)
      .optional()
      .meta({ description: 'Requirements that must all hold.', 'x-kubernetes-list-type': 'atomic' }),
  })
  .meta({
    id: `${MV1}.LabelSelector`,
    description: 'A label query over objects. The requirements are ANDed; an empty selector matches everything, a null one nothing.',
    'x-kubernetes-map-type': 'atomic',
  });

export const Condition = z
  .object({
    type: z.string().describe('The type of the condition, in CamelCase.'),
    status: z.string().describe('True, False or Unknown.'),
    observedGeneration: z.number().int().optional().describe('The generation the condition was set against.'),
    lastTransitionTime: Time.describe('When the status last changed.'),
    reason: z.string().describe('A CamelCase reason for the last transition.'),
    message: z.string().describe('A human readable message about the transition.'),
  })
  .meta({ id: `${MV1}.Condition`, description: 'One aspect of the current state of a resource.' });

export const Preconditions = z
  .object({
    uid: z.string().optional().describe('The target uid.'),
    resourceVersion: z.string().optional().describe('The target resourceVersion.'),
  })
  .meta({ id: `${MV1}.Preconditions`, description: 'Must be fulfilled before the operation is carried out.' });

export const DeleteOptions = z
  .object({
    kind: z.string().optional(),
    apiVersion: z.string().optional(),
    gracePeriodSeconds: z.number().int().optional().meta({ description: 'Seconds before the object is deleted; 0 deletes at once.', format: 'int64' }),
    preconditions: Preconditions.optional(),
    orphanDependents: z.boolean().optional().describe('Deprecated: use propagationPolicy.'),
    propagationPolicy: z.string().optional().describe('Orphan, Background or Foreground: what happens to dependents.'),
    dryRun: z
      .array(z.string())
      .optional()
      .meta({ description: 'All: go through every step but persist nothing.', 'x-kubernetes-list-type': 'atomic' }),
    ignoreStoreReadErrorWithClusterBreakingPotential: z
      .boolean()
      .optional()
      .describe('Delete an object that can no longer be read from storage (corrupt or undecryptable). Dangerous.'),
  })
  .meta({ id: `${MV1}.DeleteOptions`, description: 'Options for a delete.' });

export type ObjectMetaT = z.infer<typeof ObjectMeta>;
export type OwnerReferenceT = z.infer<typeof OwnerReference>;
export type LabelSelectorT = z.infer<typeof LabelSelector>;
export type DeleteOptionsT = z.infer<typeof DeleteOptions>;
export type ManagedFieldsEntryT = z.infer<typeof ManagedFieldsEntry>;

/** The loose shape every stored object has; kind-specific code narrows it with the schemas' types. */
export interface KObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMetaT;
  [k: string]: unknown;
}
