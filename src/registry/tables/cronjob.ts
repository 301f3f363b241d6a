/** CronJobs (batch): printCronJob (SCHEDULE, TIMEZONE, SUSPEND, ACTIVE, LAST SCHEDULE). */
import type { TableConvertor } from '../resource-def.js';
import {
  CONTAINERS_DESCRIPTION,
  IMAGES_DESCRIPTION,
  age,
  ageColumn,
  arr,
  col,
  formatLabelSelector,
  layoutContainerCells,
  meta,
  nameColumn,
  printBoolPtr,
  rec,
  str,
  translateTimestampSince,
} from './common.js';

export const cronJobTable: TableConvertor = {
  columns: [
    nameColumn(),
    col('Schedule', 'string', 'The schedule in Cron format.'),
    col('Timezone', 'string', 'The time zone name for the given schedule.'),
    col('Suspend', 'boolean', 'Whether the controller is told to suspend subsequent executions.'),
    col('Active', 'integer', 'The currently running jobs.'),
    col('Last Schedule', 'string', 'When the job was last successfully scheduled.'),
    ageColumn(),
    col('Containers', 'string', CONTAINERS_DESCRIPTION, { priority: 1 }),
    col('Images', 'string', IMAGES_DESCRIPTION, { priority: 1 }),
    col('Selector', 'string', 'A label query over pods that should match the pod count.', { priority: 1 }),
  ],
  cells(obj, now) {
    const spec = rec(obj.spec);
    const status = rec(obj.status);
    const jobSpec = rec(rec(spec.jobTemplate).spec);
    const [containers, images] = layoutContainerCells(rec(rec(jobSpec.template).spec).containers);
    const lastSchedule = status.lastScheduleTime != null ? translateTimestampSince(status.lastScheduleTime, now) : '<none>';
    return [
      str(meta(obj).name),
      str(spec.schedule),
      typeof spec.timeZone === 'string' ? spec.timeZone : '<none>',
      printBoolPtr(spec.suspend),
      arr(status.active).length,
      lastSchedule,
      age(obj, now),
      containers,
      images,
      formatLabelSelector(jobSpec.selector),
    ];
  },
};
