/**
 * Schemas that OpenAPI documents reference but no resource table row owns: Status, Patch, WatchEvent,
 * APIResourceList (defined here), and the subresource kinds autoscaling/v1 Scale, policy/v1 Eviction
 * and core/v1 Binding (defined with their handlers in src/api). Ids are upstream's; descriptions ours.
 * A resource schema carrying the same id takes precedence.
 */
import { z } from 'zod';
import { DeleteOptions, ListMeta } from '../api/meta.js';
import { Scale } from '../api/autoscaling/scale.js';
import { Eviction } from '../api/policy/eviction.js';
import { Binding } from '../api/core/binding.js';

const MV1 = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const gvk = (group: string, version: string, kind: string) => ({ 'x-kubernetes-group-version-kind': [{ group, kind, version }] });

const apiVersion = () => z.string().optional().describe('The versioned schema of this object: "group/version", or "v1" for the core group.');
const kind = () => z.string().optional().describe('The kind of this object, in CamelCase.');

export const StatusCause = z
  .object({
    field: z.string().optional().describe('The field that caused the error, as a JSON path such as "spec.replicas" or "items[0].name".'),
    message: z.string().optional().describe('A human readable description of the cause.'),
    reason: z.string().optional().describe('A machine readable reason for the cause, such as FieldValueInvalid.'),
  })
  .meta({ id: `${MV1}.StatusCause`, description: 'One cause of a failed operation.' });

export const StatusDetails = z
  .object({
    causes: z
      .array(StatusCause)
      .optional()
      .meta({ description: 'The causes of the failure, when there are several.', 'x-kubernetes-list-type': 'atomic' }),
    group: z.string().optional().describe('The group of the resource the status is about.'),
    kind: z.string().optional().describe('The kind of the resource the status is about.'),
    name: z.string().optional().describe('The name of the resource the status is about.'),
    retryAfterSeconds: z.number().int().optional().describe('Seconds to wait before retrying, when the server says so.'),
    uid: z.string().optional().describe('The uid of the resource the status is about.'),
  })
  .meta({ id: `${MV1}.StatusDetails`, description: 'Extra data about a Status, depending on its reason.' });

export const Status = z
  .object({
    apiVersion: apiVersion(),
    code: z.number().int().optional().describe('The HTTP status code of this status.'),
    details: StatusDetails.optional().describe('Extra data whose shape depends on the reason.'),
    kind: kind(),
    message: z.string().optional().describe('A human readable description of the status.'),
    metadata: ListMeta.optional().describe('Standard list metadata.'),
    reason: z.string().optional().describe('A machine readable reason for a Failure, such as NotFound or Conflict.'),
    status: z.string().optional().describe('Success or Failure.'),
  })
  .meta({ id: `${MV1}.Status`, description: 'The result of an operation that returns no object.', ...gvk('', 'v1', 'Status') });

export const Patch = z.object({}).meta({ id: `${MV1}.Patch`, description: 'The body of a PATCH request; its format depends on the Content-Type.' });

export const RawExtension = z
  .object({})
  .loose()
  .meta({ id: 'io.k8s.apimachinery.pkg.runtime.RawExtension', description: 'An embedded object of any kind, kept as raw JSON.' });

export const WatchEvent = z
  .object({
    object: RawExtension.describe('The object: its new state for ADDED and MODIFIED, its last state for DELETED, a Status for ERROR.'),
    type: z.string().describe('ADDED, MODIFIED, DELETED, BOOKMARK or ERROR.'),
  })
  .meta({ id: `${MV1}.WatchEvent`, description: 'One event of a watch stream.' });

export const APIResource = z
  .object({
    categories: z.array(z.string()).optional().meta({ description: 'Groupings this resource belongs to, such as "all".', 'x-kubernetes-list-type': 'atomic' }),
    group: z.string().optional().describe('The group of the kind, when it differs from the containing group version.'),
    kind: z.string().describe('The kind of the resource.'),
    name: z.string().describe('The plural name of the resource, or "resource/subresource".'),
    namespaced: z.boolean().describe('Whether the resource lives in namespaces.'),
    shortNames: z.array(z.string()).optional().meta({ description: 'Short aliases for the resource.', 'x-kubernetes-list-type': 'atomic' }),
    singularName: z.string().describe('The singular name of the resource.'),
    storageVersionHash: z.string().optional().describe('A hash of the version objects are stored in.'),
    verbs: z.array(z.string()).describe('The verbs the resource supports.'),
    version: z.string().optional().describe('The version of the kind, when it differs from the containing group version.'),
  })
  .meta({ id: `${MV1}.APIResource`, description: 'A resource served in a group version.' });

export const APIResourceList = z
  .object({
    apiVersion: apiVersion(),
    groupVersion: z.string().describe('The group version the resources are served in.'),
    kind: kind(),
    resources: z.array(APIResource).meta({ description: 'The resources served.', 'x-kubernetes-list-type': 'atomic' }),
  })
  .meta({ id: `${MV1}.APIResourceList`, description: 'The resources served in one group version.', ...gvk('', 'v1', 'APIResourceList') });

export const extraSchemas: z.ZodType[] = [Status, Patch, WatchEvent, APIResourceList, Scale, Eviction, Binding, DeleteOptions];

/** GVKs of the subresource kinds, for their components' x-kubernetes-group-version-kind. */
export const subresourceKindGvks: Record<string, { group: string; version: string; kind: string }> = {
  'io.k8s.api.autoscaling.v1.Scale': { group: 'autoscaling', version: 'v1', kind: 'Scale' },
  'io.k8s.api.policy.v1.Eviction': { group: 'policy', version: 'v1', kind: 'Eviction' },
  'io.k8s.api.core.v1.Binding': { group: '', version: 'v1', kind: 'Binding' },
};
