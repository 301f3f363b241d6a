/**
 * The CronJob controller (pkg/controller/cronjob/cronjob_controllerv2.go, v1.32) on the shared clock:
 * CronJob and Job informers feed the queue (a Job wakes the CronJob that controls it; a schedule or
 * time zone change requeues at the new next slot); sync cleans up finished Jobs beyond the history
 * limits, runs syncCronJob, writes the status once through /status and requeues at the next scheduled
 * time (100ms late, as upstream).
 */
import type { KObject, OwnerReferenceT } from '../../api/meta.js';
import type { CronJobT } from '../../api/batch/cronjob.js';
import type { JobT } from '../../api/batch/job.js';
import { deepEqual } from '../../api/validation.js';
import type { Informer } from '../../client/informer.js';
import { Controller, type SyncResult } from '../runtime/controller.js';
import type { EventRecorder } from '../runtime/event-recorder.js';
import type { ControllerContext } from '../runtime/manager.js';
import { formatSchedule, tryParseStandard } from './cron.js';
import { cleanupFinishedJobs, syncCronJob, type SyncDeps } from './sync.js';
import { nextScheduleTimeDuration } from './utils.js';

const keyOf = (o: KObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

const controllerOf = (o: KObject): OwnerReferenceT | undefined => (o.metadata.ownerReferences ?? []).find((r) => r.controller === true);

export class CronJobController extends Controller {
  private readonly cronJobs: Informer;
  private readonly jobs: Informer;
  private readonly recorder: EventRecorder;

  constructor(private readonly ctx: ControllerContext) {
    super('cronjob-controller', ctx.clock);
    this.recorder = ctx.recorder('cronjob-controller');
    this.cronJobs = ctx.informers.for('batch', 'cronjobs');
    this.jobs = ctx.informers.for('batch', 'jobs');
    this.jobs.addEventHandler({
      onAdd: (j) => this.addJob(j),
      onUpdate: (old, cur) => this.updateJob(old, cur),
      onDelete: (j) => this.deleteJob(j),
    });
    this.cronJobs.addEventHandler({
      onAdd: (cj) => this.enqueue(keyOf(cj)),
      onUpdate: (old, cur) => this.updateCronJob(old as unknown as CronJobT, cur as unknown as CronJobT),
      onDelete: (cj) => this.enqueue(keyOf(cj)),
    });
  }

  /** The CronJob a controller reference names, if it is that very object (same uid). */
  private resolveControllerRef(namespace: string, ref: OwnerReferenceT): KObject | undefined {
    if (ref.kind !== 'CronJob') return undefined;
    const cj = this.cronJobs.get(namespace, ref.name);
    if (!cj || cj.metadata.uid !== ref.uid) return undefined;
    return cj;
  }

  private addJob(job: KObject): void {
    if (job.metadata.deletionTimestamp) return this.deleteJob(job);
    const ref = controllerOf(job);
    if (!ref) return;
    const cj = this.resolveControllerRef(job.metadata.namespace ?? '', ref);
    if (cj) this.enqueue(keyOf(cj));
  }

  private updateJob(old: KObject, cur: KObject): void {
    if (cur.metadata.resourceVersion === old.metadata.resourceVersion) return;
    const curRef = controllerOf(cur);
    const oldRef = controllerOf(old);
    if (!deepEqual(curRef ?? null, oldRef ?? null) && oldRef) {
      const cj = this.resolveControllerRef(old.metadata.namespace ?? '', oldRef);
      if (cj) this.enqueue(keyOf(cj));
    }
    if (curRef) {
      const cj = this.resolveControllerRef(cur.metadata.namespace ?? '', curRef);
      if (cj) this.enqueue(keyOf(cj));
    }
  }

  private deleteJob(job: KObject): void {
    const ref = controllerOf(job);
    if (!ref) return;
    const cj = this.resolveControllerRef(job.metadata.namespace ?? '', ref);
    if (cj) this.enqueue(keyOf(cj));
  }

  /** A new schedule or time zone requeues at the new next slot; anything else syncs now. */
  private updateCronJob(old: CronJobT, cur: CronJobT): void {
    if (old.spec?.schedule !== cur.spec?.schedule || (old.spec?.timeZone ?? null) !== (cur.spec?.timeZone ?? null)) {
      const parsed = tryParseStandard(formatSchedule(cur));
      if (parsed.error !== undefined) {
        this.recorder.event(cur as KObject, 'Warning', 'UnParseableCronJobSchedule', `unparseable schedule for cronjob: ${cur.spec?.schedule ?? ''}`);
        return;
      }
      this.queue.addAfter(keyOf(cur as KObject), nextScheduleTimeDuration(cur, this.ctx.clock.now(), parsed.schedule));
      return;
    }
    this.enqueue(keyOf(cur as KObject));
  }

  /** Every Job in the namespace whose controller reference names this CronJob (by name, as upstream). */
  private getJobsToBeReconciled(cj: CronJobT): JobT[] {
    return this.jobs.list(cj.metadata.namespace).filter((j) => controllerOf(j)?.name === cj.metadata.name) as unknown as JobT[];
  }

  sync(key: string): SyncResult | void {
    const [namespace, name] = key.split('/') as [string, string];
    const cached = this.cronJobs.get(namespace, name) as unknown as CronJobT | undefined;
    if (!cached) return;
    const jobs = this.getJobsToBeReconciled(cached);
    const cj = structuredClone(cached);
    const deps: SyncDeps = { client: this.ctx.client, recorder: this.recorder, now: this.ctx.clock.now() };
    const cleaned = cleanupFinishedJobs(deps, cj, jobs);
    const out = syncCronJob(deps, cj, jobs);
    if (cleaned || out.updateStatus) this.ctx.client.resource('batch', 'cronjobs').updateStatus(namespace, cj as unknown as KObject);
    if (out.requeueAfter !== undefined) return { requeueAfter: out.requeueAfter };
    if (out.error !== undefined) throw out.error;
  }
}
