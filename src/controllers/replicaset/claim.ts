/**
 * PodControllerRefManager as upstream's controller_ref_manager.go: a controller claims the pods it
 * owns whose labels still match, adopts matching orphans (patching in a controller ownerReference,
 * unless the controller is being deleted, after an uncached re-check of its deletionTimestamp), and
 * releases pods it owns whose labels no longer match. Pods owned by another controller are ignored.
 */
import { isApiError } from '../../api/errors.js';
import type { KObject } from '../../api/meta.js';
import { matches, type LabelSelectorExpr } from '../../api/selectors/labels.js';
import { getControllerOf, type PodLike } from './pod-util.js';
import type { PodControl } from './pod-control.js';

/** utilerrors.NewAggregate: one error's message, or "[a, b]" for several. */
export class AggregatedError extends Error {
  constructor(readonly errors: Error[]) {
    super(errors.length === 1 ? errors[0]!.message : `[${errors.map((e) => e.message).join(', ')}]`);
  }
}

/** A Go time.Time as %v prints it: 2024-01-01 00:00:00 +0000 UTC. */
export function goTimeString(rfc3339: string): string {
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return rfc3339;
  const iso = d.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} +0000 UTC`;
}

/**
 * RecheckDeletionTimestamp: a CanAdopt function that fetches the controller fresh and refuses when it
 * has a deletionTimestamp.
 */
export function recheckDeletionTimestamp(getObject: () => KObject): () => void {
  return () => {
    let obj: KObject;
    try {
      obj = getObject();
    } catch (e) {
      throw new Error(`can't recheck DeletionTimestamp: ${(e as Error).message}`);
    }
    const ts = obj.metadata.deletionTimestamp;
    if (ts) throw new Error(`${obj.metadata.namespace ?? ''}/${obj.metadata.name} has just been deleted at ${goTimeString(ts)}`);
  };
}

export interface ControllerKind {
  apiVersion: string;
  kind: string;
}

/** The strategic merge patch that adds a controller ownerReference (ownerRefControllerPatch). */
export function ownerRefControllerPatch(controller: KObject, kind: ControllerKind, podUID: string, finalizers: string[] = []) {
  const metadata: Record<string, unknown> = {
    ownerReferences: [
      { apiVersion: kind.apiVersion, kind: kind.kind, name: controller.metadata.name, uid: controller.metadata.uid, controller: true, blockOwnerDeletion: true },
    ],
    uid: podUID,
  };
  if (finalizers.length) metadata.finalizers = finalizers;
  return { metadata };
}

/** GenerateDeleteOwnerRefStrategicMergeBytes: remove the owners' references (by uid). */
export function deleteOwnerRefPatch(dependentUID: string, ownerUIDs: string[], finalizers: string[] = []) {
  const metadata: Record<string, unknown> = { uid: dependentUID, ownerReferences: ownerUIDs.map((uid) => ({ $patch: 'delete', uid })) };
  if (finalizers.length) metadata['$deleteFromPrimitiveList/finalizers'] = finalizers;
  return { metadata };
}

export interface ClaimResult<T> {
  claimed: T[];
  error?: Error;
}

export class PodControllerRefManager {
  private canAdoptErr?: Error;
  private canAdoptChecked = false;

  constructor(
    private readonly podControl: PodControl,
    readonly controller: KObject,
    readonly selector: LabelSelectorExpr,
    readonly controllerKind: ControllerKind,
    private readonly canAdoptFunc?: () => void,
    readonly finalizers: string[] = [],
  ) {}

  /** Runs the CanAdopt check at most once per manager. */
  canAdopt(): Error | undefined {
    if (!this.canAdoptChecked) {
      this.canAdoptChecked = true;
      try {
        this.canAdoptFunc?.();
      } catch (e) {
        this.canAdoptErr = e instanceof Error ? e : new Error(String(e));
      }
    }
    return this.canAdoptErr;
  }

  /**
   * ClaimObject: true when the pod is (now) ours. Throws when an adopt or release failed for a reason
   * other than the pod being gone.
   */
  claimObject(pod: PodLike, match: (p: PodLike) => boolean): boolean {
    const ref = getControllerOf(pod);
    const c = this.controller.metadata;
    if (ref) {
      if (ref.uid !== c.uid) return false; // owned by someone else
      if (match(pod)) return true; // ours, still matching (allowed even while we are being deleted)
      if (c.deletionTimestamp) return false;
      try {
        this.releasePod(pod);
      } catch (e) {
        if (isApiError(e, 'NotFound')) return false;
        throw e;
      }
      return false;
    }
    // An orphan.
    if (c.deletionTimestamp || !match(pod)) return false;
    if (pod.metadata.deletionTimestamp) return false;
    if (c.namespace && c.namespace !== pod.metadata.namespace) return false;
    try {
      this.adoptPod(pod);
    } catch (e) {
      if (isApiError(e, 'NotFound')) return false;
      throw e;
    }
    return true;
  }

  /** ClaimPods: the pods this controller owns after adopting and releasing as needed. */
  claimPods<T extends PodLike>(pods: T[], ...filters: Array<(p: T) => boolean>): ClaimResult<T> {
    const claimed: T[] = [];
    const errs: Error[] = [];
    const match = (p: PodLike) => matches(this.selector, p.metadata.labels) && filters.every((f) => f(p as T));
    for (const pod of pods) {
      try {
        if (this.claimObject(pod, match)) claimed.push(pod);
      } catch (e) {
        errs.push(e instanceof Error ? e : new Error(String(e)));
      }
    }
    return errs.length ? { claimed, error: new AggregatedError(errs) } : { claimed };
  }

  adoptPod(pod: PodLike): void {
    const err = this.canAdopt();
    if (err) throw new Error(`can't adopt Pod ${pod.metadata.namespace}/${pod.metadata.name} (${pod.metadata.uid}): ${err.message}`);
    // The server rejects this patch if another ownerReference is already the controller.
    this.podControl.patchPod(pod.metadata.namespace!, pod.metadata.name!, ownerRefControllerPatch(this.controller, this.controllerKind, pod.metadata.uid!, this.finalizers));
  }

  releasePod(pod: PodLike): void {
    try {
      this.podControl.patchPod(pod.metadata.namespace!, pod.metadata.name!, deleteOwnerRefPatch(pod.metadata.uid!, [this.controller.metadata.uid!], this.finalizers));
    } catch (e) {
      // Gone, or Invalid (no such owner reference, or the pod was recreated with another uid): ignore.
      if (isApiError(e, 'NotFound') || isApiError(e, 'Invalid')) return;
      throw e;
    }
  }
}
