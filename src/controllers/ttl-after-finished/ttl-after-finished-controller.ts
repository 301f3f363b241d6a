/**
 * The TTL-after-finished controller (pkg/controller/ttlafterfinished): a finished Job with
 * spec.ttlSecondsAfterFinished is deleted (propagationPolicy Foreground, with a uid and
 * resourceVersion precondition) once finishTime + TTL has passed; until then it is requeued for the
 * remaining time. The expiry is re-checked against a fresh read before deleting.
 */
import type { JobT } from '../../api/batch/job.js';
import { isApiError } from '../../api/errors.js';
import type { KObject } from '../../api/meta.js';
import type { Informer } from '../../client/informer.js';
import { parseTime } from '../../util/clock.js';
import { isJobFinished, jobFinishTime } from '../job/job-util.js';
import { Controller, type SyncResult } from '../runtime/controller.js';
import type { ControllerContext } from '../runtime/manager.js';

const keyOf = (o: KObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** needsCleanup: a TTL is set and the job is finished. */
export const needsCleanup = (j: JobT) => j.spec?.ttlSecondsAfterFinished != null && isJobFinished(j);

/** timeLeft: ms until the job expires (<= 0 when expired); undefined when it cannot be computed. */
export function timeLeft(j: JobT, now: number): number | undefined {
  const finish = parseTime(jobFinishTime(j));
  if (finish === undefined || j.spec?.ttlSecondsAfterFinished == null) return undefined;
  return finish + j.spec.ttlSecondsAfterFinished * 1000 - now;
}

export class TTLAfterFinishedController extends Controller {
  private readonly jobs: Informer;

  constructor(private readonly ctx: ControllerContext) {
    super('ttl-after-finished-controller', ctx.clock);
    this.jobs = ctx.informers.for('batch', 'jobs');
    const add = (j: KObject) => {
      if (!j.metadata.deletionTimestamp && needsCleanup(j as JobT)) this.enqueue(keyOf(j));
    };
    this.jobs.addEventHandler({ onAdd: add, onUpdate: (_o, c) => add(c) });
  }

  sync(key: string): SyncResult | void {
    const slash = key.indexOf('/');
    const ns = key.slice(0, slash);
    const name = key.slice(slash + 1);
    const cached = this.jobs.get(ns, name) as JobT | undefined;
    if (!cached || cached.metadata.deletionTimestamp || !needsCleanup(cached)) return;
    const left = timeLeft(cached, this.ctx.clock.now());
    if (left === undefined) return;
    if (left > 0) return { requeueAfter: left };
    // Re-check with a fresh read: the TTL may have been changed.
    const client = this.ctx.client.resource('batch', 'jobs');
    let fresh: JobT;
    try {
      fresh = client.get(ns, name) as unknown as JobT;
    } catch (e) {
      if (isApiError(e, 'NotFound')) return;
      throw e;
    }
    if (fresh.metadata.deletionTimestamp || !needsCleanup(fresh)) return;
    const freshLeft = timeLeft(fresh, this.ctx.clock.now());
    if (freshLeft === undefined) return;
    if (freshLeft > 0) return { requeueAfter: freshLeft };
    try {
      client.delete(ns, name, {
        propagationPolicy: 'Foreground',
        preconditions: { uid: fresh.metadata.uid, resourceVersion: fresh.metadata.resourceVersion },
      });
    } catch (e) {
      if (!isApiError(e, 'NotFound')) throw e;
    }
  }
}
