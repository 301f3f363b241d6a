/**
 * Pod writes for the Job controller (controller.RealPodControl with CreatePodsWithGenerateName):
 * create from the template with the controller reference and a given generateName, delete, patch;
 * SuccessfulCreate/FailedCreate/SuccessfulDelete/FailedDelete events on the job.
 */
import { isApiError } from '../../api/errors.js';
import type { KObject, OwnerReferenceT } from '../../api/meta.js';
import type { Client } from '../../client/client.js';
import type { EventRecorder } from '../runtime/event-recorder.js';
import { getPodFromTemplate, hasStatusCause, NamespaceTerminatingCause, validateControllerRef, type PodTemplate } from '../replicaset/pod-control.js';

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export class JobPodControl {
  constructor(
    private readonly client: Client,
    private readonly recorder: EventRecorder,
  ) {}

  createPodWithGenerateName(namespace: string, template: PodTemplate, job: KObject, ref: OwnerReferenceT, generateName: string): void {
    validateControllerRef(ref);
    const pod = getPodFromTemplate(template, job, ref);
    if (generateName) pod.metadata.generateName = generateName;
    if (Object.keys(pod.metadata.labels ?? {}).length === 0) throw new Error('unable to create pods, no labels');
    let created: KObject;
    try {
      created = this.client.resource('', 'pods').create(namespace, pod);
    } catch (e) {
      if (!hasStatusCause(e, NamespaceTerminatingCause)) this.recorder.event(job, 'Warning', 'FailedCreate', `Error creating: ${errorText(e)}`);
      throw e;
    }
    this.recorder.event(job, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
  }

  deletePod(namespace: string, name: string, job: KObject): void {
    try {
      this.client.resource('', 'pods').delete(namespace, name);
    } catch (e) {
      if (isApiError(e, 'NotFound')) throw e;
      this.recorder.event(job, 'Warning', 'FailedDelete', `Error deleting: ${errorText(e)}`);
      throw new Error(`unable to delete pods: ${errorText(e)}`, { cause: e });
    }
    this.recorder.event(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`);
  }

  patchPod(namespace: string, name: string, patch: unknown): void {
    this.client.resource('', 'pods').patch(namespace, name, 'strategic', patch);
  }
}

/** removeTrackingFinalizerPatch. */
export const removeTrackingFinalizerPatch = (finalizer: string) => ({ metadata: { '$deleteFromPrimitiveList/finalizers': [finalizer] } });
