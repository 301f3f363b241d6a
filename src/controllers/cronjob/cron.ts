/**
 * The CronJob controller's view of cron (robfig/cron v3, ported in src/util/cron.ts): formatSchedule
 * turns spec.schedule and spec.timeZone into the spec cron.ParseStandard reads, warning about a TZ= or
 * CRON_TZ= in the schedule itself, as upstream's formatSchedule does.
 */
import type { CronJobT } from '../../api/batch/cronjob.js';
import type { EventRecorder } from '../runtime/event-recorder.js';
import { loadLocationError } from '../../util/time-zone.js';

export { parseStandard, tryParseStandard, ZERO_TIME, type Schedule } from '../../util/cron.js';

export function formatSchedule(cj: CronJobT, recorder?: EventRecorder): string {
  const schedule = cj.spec?.schedule ?? '';
  if (schedule.includes('TZ')) {
    recorder?.event(
      cj,
      'Warning',
      'UnsupportedSchedule',
      `CRON_TZ or TZ used in schedule ${JSON.stringify(schedule)} is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`,
    );
    return schedule;
  }
  const tz = cj.spec?.timeZone;
  if (tz != null) {
    if (loadLocationError(tz) !== undefined) return schedule;
    return `TZ=${tz} ${schedule}`;
  }
  return schedule;
}
