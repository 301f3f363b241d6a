/**
 * PodControl as upstream's controller.RealPodControl: create pods from a template (generateName
 * `<owner>-`, the template's labels, annotations and finalizers, the controller ownerReference),
 * delete and patch pods, and record SuccessfulCreate / FailedCreate / SuccessfulDelete /
 * FailedDelete events on the controller object.
 */
import { isApiError } from '../../api/errors.js';
import type { KObject, OwnerReferenceT } from '../../api/meta.js';
import { nameIsDNSSubdomain } from '../../api/validation.js';
import type { Client } from '../../client/client.js';
import type { EventRecorder } from '../runtime/event-recorder.js';

export const FailedCreatePodReason = 'FailedCreate';
export const SuccessfulCreatePodReason = 'SuccessfulCreate';
export const FailedDeletePodReason = 'FailedDelete';
export const SuccessfulDeletePodReason = 'SuccessfulDelete';

/** The StatusCause type the API server adds when a namespace is terminating (v1.NamespaceTerminatingCause). */
export const NamespaceTerminatingCause = 'NamespaceTerminating';

export interface PodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string>; finalizers?: string[]; [k: string]: unknown };
  spec?: Record<string, unknown>;
}

export interface PodControl {
  /** Create one pod from the template, owned by controllerObject; throws on failure. */
  createPods(namespace: string, template: PodTemplate, controllerObject: KObject, controllerRef: OwnerReferenceT): void;
  /** Delete a pod; throws the NotFound error as is, other errors as "unable to delete pods: ...". */
  deletePod(namespace: string, podName: string, controllerObject: KObject): void;
  /** Strategic merge patch of a pod. */
  patchPod(namespace: string, name: string, patch: unknown): void;
}

/** metav1.NewControllerRef: controller and blockOwnerDeletion true. */
export function newControllerRef(owner: KObject, apiVersion: string, kind: string): OwnerReferenceT {
  return { apiVersion, kind, name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

export function validateControllerRef(ref: OwnerReferenceT | undefined): void {
  if (!ref) throw new Error('controllerRef is nil');
  if (!ref.apiVersion) throw new Error('controllerRef has empty APIVersion');
  if (!ref.kind) throw new Error('controllerRef has empty Kind');
  if (ref.controller !== true) throw new Error('controllerRef.Controller is not set to true');
  if (ref.blockOwnerDeletion !== true) throw new Error('controllerRef.BlockOwnerDeletion is not set');
}

/** `<name>-` when that is a valid generateName prefix, else the name itself. */
export function getPodsPrefix(controllerName: string): string {
  const prefix = `${controllerName}-`;
  return nameIsDNSSubdomain(prefix, true).length !== 0 ? controllerName : prefix;
}

/** GetPodFromTemplate: the pod a controller creates (no name or namespace: the server assigns them). */
export function getPodFromTemplate(template: PodTemplate, parentObject: KObject, controllerRef?: OwnerReferenceT): KObject {
  const tm = template.metadata ?? {};
  // Empty maps and lists are left out, as Go's JSON encoding (omitempty) leaves them out.
  const metadata: KObject['metadata'] = { generateName: getPodsPrefix(parentObject.metadata.name!) };
  if (Object.keys(tm.labels ?? {}).length) metadata.labels = { ...tm.labels };
  if (Object.keys(tm.annotations ?? {}).length) metadata.annotations = { ...tm.annotations };
  if (tm.finalizers?.length) metadata.finalizers = [...tm.finalizers];
  if (controllerRef) metadata.ownerReferences = [{ ...controllerRef }];
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: structuredClone(template.spec ?? {}) };
}

export function hasStatusCause(e: unknown, type: string): boolean {
  return isApiError(e) && (e.details?.causes ?? []).some((c) => c.reason === type);
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export class RealPodControl implements PodControl {
  constructor(
    private readonly client: Client,
    private readonly recorder: EventRecorder,
  ) {}

  createPods(namespace: string, template: PodTemplate, controllerObject: KObject, controllerRef: OwnerReferenceT): void {
    validateControllerRef(controllerRef);
    const pod = getPodFromTemplate(template, controllerObject, controllerRef);
    if (Object.keys(pod.metadata.labels ?? {}).length === 0) throw new Error('unable to create pods, no labels');
    let created: KObject;
    try {
      created = this.client.resource('', 'pods').create(namespace, pod);
    } catch (e) {
      // Only send an event if the namespace isn't terminating.
      if (!hasStatusCause(e, NamespaceTerminatingCause)) this.recorder.event(controllerObject, 'Warning', FailedCreatePodReason, `Error creating: ${errorText(e)}`);
      throw e;
    }
    this.recorder.event(controllerObject, 'Normal', SuccessfulCreatePodReason, `Created pod: ${created.metadata.name}`);
  }

  deletePod(namespace: string, podName: string, controllerObject: KObject): void {
    try {
      this.client.resource('', 'pods').delete(namespace, podName);
    } catch (e) {
      if (isApiError(e, 'NotFound')) throw e;
      this.recorder.event(controllerObject, 'Warning', FailedDeletePodReason, `Error deleting: ${errorText(e)}`);
      throw new Error(`unable to delete pods: ${errorText(e)}`, { cause: e });
    }
    this.recorder.event(controllerObject, 'Normal', SuccessfulDeletePodReason, `Deleted pod: ${podName}`);
  }

  patchPod(namespace: string, name: string, patch: unknown): void {
    this.client.resource('', 'pods').patch(namespace, name, 'strategic', patch);
  }
}
