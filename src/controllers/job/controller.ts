/**
 * The Job controller, as upstream's pkg/controller/job/job_controller.go (v1.32): informer handlers
 * (pods lower expectations and wake their job; orphan pods with the tracking finalizer get it
 * removed), pod claiming with the batch.kubernetes.io/job-tracking finalizer, and syncJob
 * (sync-job.ts). Job status changes wake the job after syncJobBatchPeriodMs.
 */
import { ControllerUidLabel, JobTrackingFinalizer, type JobT } from '../../api/batch/job.js';
import { isApiError } from '../../api/errors.js';
import type { KObject } from '../../api/meta.js';
import { labelSelectorAsSelector } from '../../api/selectors/label-selector.js';
import { isEmpty, matches } from '../../api/selectors/labels.js';
import { deepEqual } from '../../api/validation.js';
import type { Informer } from '../../client/informer.js';
import { parseTime } from '../../util/clock.js';
import { PodControllerRefManager, recheckDeletionTimestamp } from '../replicaset/claim.js';
import { ControllerExpectations } from '../replicaset/expectations.js';
import { getControllerOf } from '../replicaset/pod-util.js';
import { Controller, type SyncResult } from '../runtime/controller.js';
import type { ControllerContext } from '../runtime/manager.js';
import { BackoffStore } from './backoff.js';
import { hasJobTrackingFinalizer } from './indexed.js';
import { isJobFinished } from './job-util.js';
import { JobPodControl, removeTrackingFinalizerPatch } from './pod-control.js';
import { syncJob, type SyncDeps } from './sync-job.js';
import type { JobPod } from './types.js';

export const jobKind = { apiVersion: 'batch/v1', kind: 'Job' };
const orphanPrefix = 'orphan-pod:';
const keyOf = (o: KObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

export interface JobControllerOptions {
  /** Delay for syncs triggered by pod events and job status updates (upstream syncJobBatchPeriod is 1 s). */
  syncJobBatchPeriodMs?: number;
}

/** Pod UIDs whose finalizer removal the controller waits to observe (uidTrackingExpectations). */
export class FinalizerExpectations {
  private readonly m = new Map<string, Set<string>>();
  getExpectedUIDs(key: string): Set<string> {
    return new Set(this.m.get(key) ?? []);
  }
  expectFinalizersRemoved(key: string, uids: string[]): void {
    const s = this.m.get(key) ?? new Set<string>();
    for (const u of uids) s.add(u);
    this.m.set(key, s);
  }
  finalizerRemovalObserved(key: string, uid: string): void {
    this.m.get(key)?.delete(uid);
  }
  deleteExpectations(key: string): void {
    this.m.delete(key);
  }
}

export class JobController extends Controller {
  readonly expectations: ControllerExpectations;
  readonly finalizerExpectations = new FinalizerExpectations();
  readonly backoffStore = new BackoffStore();
  readonly jobInformer: Informer;
  readonly podInformer: Informer;
  readonly podControl: JobPodControl;
  readonly batchPeriod: number;

  constructor(
    readonly ctx: ControllerContext,
    opts: JobControllerOptions = {},
  ) {
    super('job-controller', ctx.clock);
    this.batchPeriod = opts.syncJobBatchPeriodMs ?? 0;
    this.expectations = new ControllerExpectations(ctx.clock);
    this.podControl = new JobPodControl(ctx.client, ctx.recorder('job-controller'));
    this.jobInformer = ctx.informers.for('batch', 'jobs');
    this.podInformer = ctx.informers.for('', 'pods');
    this.jobInformer.addEventHandler({
      onAdd: (j) => this.enqueue(keyOf(j)),
      onUpdate: (o, c) => this.updateJob(o as JobT, c as JobT),
      onDelete: (j) => this.deleteJob(j as JobT),
    });
    this.podInformer.addEventHandler({
      onAdd: (p) => this.addPod(p as JobPod),
      onUpdate: (o, c) => this.updatePod(o as JobPod, c as JobPod),
      onDelete: (p) => this.deletePod(p as JobPod, true),
    });
  }

  enqueueBatched(job: KObject, delay = this.batchPeriod): void {
    if (delay > 0) this.queue.addAfter(keyOf(job), delay);
    else this.enqueue(keyOf(job));
  }

  private enqueueOrphanPod(pod: JobPod): void {
    this.enqueue(orphanPrefix + keyOf(pod));
  }

  private updateJob(old: JobT, cur: JobT): void {
    if ((cur.metadata.generation ?? 0) === (old.metadata.generation ?? 0)) this.enqueueBatched(cur);
    else this.enqueue(keyOf(cur));
    if (isJobFinished(cur)) this.cleanupPodFinalizers(cur);
    const start = parseTime(cur.status?.startTime ?? undefined);
    const curADS = cur.spec?.activeDeadlineSeconds;
    if (start === undefined || curADS == null) return;
    const oldADS = old.spec?.activeDeadlineSeconds;
    if (oldADS == null || oldADS !== curADS) this.queue.addAfter(keyOf(cur), Math.max(0, curADS * 1000 - (this.clock.now() - start)));
  }

  private deleteJob(job: JobT): void {
    this.enqueue(keyOf(job));
    this.cleanupPodFinalizers(job);
  }

  /** cleanupPodFinalizers: pods of a finished or deleted job that still hold the finalizer. */
  private cleanupPodFinalizers(job: JobT): void {
    let sel;
    try {
      sel = labelSelectorAsSelector(job.spec?.selector as never);
    } catch {
      return;
    }
    for (const pod of this.podInformer.list(job.metadata.namespace ?? '') as JobPod[])
      if (hasJobTrackingFinalizer(pod) && !isEmpty(sel) && matches(sel, pod.metadata.labels)) this.enqueueOrphanPod(pod);
  }

  resolveControllerRef(namespace: string, ref: { kind: string; name: string; uid: string }): JobT | undefined {
    if (ref.kind !== jobKind.kind) return undefined;
    const job = this.jobInformer.get(namespace, ref.name);
    return job && job.metadata.uid === ref.uid ? (job as JobT) : undefined;
  }

  private getPodJobs(pod: JobPod): JobT[] {
    if (Object.keys(pod.metadata.labels ?? {}).length === 0) return [];
    return (this.jobInformer.list(pod.metadata.namespace ?? '') as JobT[]).filter((j) => {
      try {
        const sel = labelSelectorAsSelector(j.spec?.selector as never);
        return !isEmpty(sel) && matches(sel, pod.metadata.labels);
      } catch {
        return false;
      }
    });
  }

  private addPod(pod: JobPod): void {
    if (pod.metadata.deletionTimestamp) {
      this.deletePod(pod, false);
      return;
    }
    const ref = getControllerOf(pod);
    if (ref) {
      const job = this.resolveControllerRef(pod.metadata.namespace ?? '', ref);
      if (!job) return;
      this.expectations.creationObserved(keyOf(job));
      this.enqueueBatched(job);
      return;
    }
    if (hasJobTrackingFinalizer(pod)) this.enqueueOrphanPod(pod);
    for (const job of this.getPodJobs(pod)) this.enqueueBatched(job);
  }

  private updatePod(old: JobPod, cur: JobPod): void {
    if (cur.metadata.resourceVersion === old.metadata.resourceVersion) return;
    if (cur.metadata.deletionTimestamp) {
      this.deletePod(cur, false);
      return;
    }
    const finalizerRemoved = !hasJobTrackingFinalizer(cur);
    const curRef = getControllerOf(cur);
    const oldRef = getControllerOf(old);
    const refChanged = !deepEqual(curRef, oldRef);
    if (refChanged && oldRef) {
      const job = this.resolveControllerRef(old.metadata.namespace ?? '', oldRef);
      if (job) {
        if (finalizerRemoved) this.finalizerExpectations.finalizerRemovalObserved(keyOf(job), cur.metadata.uid ?? '');
        this.enqueueBatched(job);
      }
    }
    if (curRef) {
      const job = this.resolveControllerRef(cur.metadata.namespace ?? '', curRef);
      if (!job) return;
      if (finalizerRemoved) this.finalizerExpectations.finalizerRemovalObserved(keyOf(job), cur.metadata.uid ?? '');
      this.enqueueBatched(job);
      return;
    }
    if (hasJobTrackingFinalizer(cur)) this.enqueueOrphanPod(cur);
    if (refChanged || !deepEqual(cur.metadata.labels ?? {}, old.metadata.labels ?? {})) for (const job of this.getPodJobs(cur)) this.enqueueBatched(job);
  }

  private deletePod(pod: JobPod, final: boolean): void {
    const ref = getControllerOf(pod);
    const hasFinalizer = hasJobTrackingFinalizer(pod);
    if (!ref) {
      if (hasFinalizer) this.enqueueOrphanPod(pod);
      return;
    }
    const job = this.resolveControllerRef(pod.metadata.namespace ?? '', ref);
    if (!job || isJobFinished(job)) {
      if (hasFinalizer) this.enqueueOrphanPod(pod);
      return;
    }
    const key = keyOf(job);
    this.expectations.deletionObserved(key);
    if (final || !hasFinalizer) this.finalizerExpectations.finalizerRemovalObserved(key, pod.metadata.uid ?? '');
    this.enqueueBatched(job);
  }

  /** syncOrphanPod: remove the tracking finalizer from a pod no unfinished Job owns. */
  private syncOrphanPod(key: string): void {
    const slash = key.indexOf('/');
    const ns = key.slice(0, slash);
    const name = key.slice(slash + 1);
    const pod = this.podInformer.get(ns, name) as JobPod | undefined;
    if (!pod) return;
    const ref = getControllerOf(pod);
    if (ref) {
      if (ref.kind !== jobKind.kind || ref.apiVersion !== jobKind.apiVersion) return;
      const job = this.resolveControllerRef(ns, ref);
      if (job && job.spec?.managedBy && job.spec.managedBy !== 'kubernetes.io/job-controller') return;
      if (job && !isJobFinished(job)) return;
    }
    if (!hasJobTrackingFinalizer(pod)) return;
    try {
      this.podControl.patchPod(ns, name, removeTrackingFinalizerPatch(JobTrackingFinalizer));
    } catch (e) {
      if (!isApiError(e, 'NotFound')) throw e;
    }
  }

  /** getPodsForJob: claim pods (adopting with the tracking finalizer, releasing non-matching ones). */
  getPodsForJob(job: JobT): JobPod[] {
    const selector = labelSelectorAsSelector(job.spec?.selector as never);
    const pods = this.podInformer.list(job.metadata.namespace ?? '') as JobPod[];
    const ns = job.metadata.namespace ?? '';
    const name = job.metadata.name!;
    const canAdopt = recheckDeletionTimestamp(() => {
      const fresh = this.ctx.client.resource('batch', 'jobs').get(ns, name);
      if (fresh.metadata.uid !== job.metadata.uid)
        throw new Error(`original Job ${ns}/${name} is gone: got uid ${fresh.metadata.uid}, wanted ${job.metadata.uid}`);
      return fresh;
    });
    const pc = this.podControl;
    const control = {
      createPods: () => {
        throw new Error('not used');
      },
      deletePod: (n: string, p: string, o: KObject) => pc.deletePod(n, p, o),
      patchPod: (n: string, p: string, patch: unknown) => pc.patchPod(n, p, patch),
    };
    const cm = new PodControllerRefManager(control, job, selector, jobKind, canAdopt, [JobTrackingFinalizer]);
    const { claimed, error } = cm.claimPods(pods);
    if (error) throw error;
    return claimed.map((p) => {
      const adopted = !(p.metadata.ownerReferences ?? []).some((r) => r.uid === job.metadata.uid);
      if (adopted && !hasJobTrackingFinalizer(p)) return { ...p, metadata: { ...p.metadata, finalizers: [...(p.metadata.finalizers ?? []), JobTrackingFinalizer] } };
      return p;
    });
  }

  sync(key: string): SyncResult | void {
    if (key.startsWith(orphanPrefix)) return this.syncOrphanPod(key.slice(orphanPrefix.length));
    const deps: SyncDeps = this as unknown as SyncDeps;
    return syncJob(deps, key);
  }
}

export { ControllerUidLabel };
