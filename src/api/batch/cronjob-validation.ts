/**
 * CronJob validation as pkg/apis/batch/validation (v1.32): ValidateCronJobCreate (spec, then the
 * 52-character name limit), ValidateCronJobUpdate (no name limit; TZ in the schedule tolerated only if
 * the old schedule had it), validateScheduleFormat (cron.ParseStandard's error text), validateTimeZone
 * (IANA names as time.LoadLocation accepts them), validateConcurrencyPolicy and
 * ValidateJobTemplateSpec (a JobSpec whose selector is generated). The status has no validation.
 */
import { type FieldError, Path, invalid, notSupported, required } from '../field-errors.js';
import { validateNonnegative } from '../validation.js';
import { tryParseStandard } from '../../util/cron.js';
import { loadLocationError } from '../../util/time-zone.js';
import { validateJobSpec } from './job-validation.js';
import type { JobSpecT } from './job.js';
import { ConcurrencyPolicies, type CronJobSpecT, type CronJobT, type JobTemplateSpecT } from './cronjob.js';

/** DNS1035LabelMaxLength - 11: the controller appends "-<minutes since epoch>" to make Job names. */
export const maxCronJobNameLength = 52;

const nonneg = (v: number | undefined | null, p: Path) => (v == null ? [] : validateNonnegative(v, p));

export function validateCronJob(cj: CronJobT): FieldError[] {
  const errs = validateCronJobSpec(cj.spec, undefined, new Path().child('spec'));
  const name = cj.metadata.name ?? '';
  if (name.length > maxCronJobNameLength) errs.push(invalid(new Path().child('metadata', 'name'), name, 'must be no more than 52 characters'));
  return errs;
}

/** On update the 52-character limit is skipped, so older long-named cron jobs can still be changed. */
export function validateCronJobUpdate(cj: CronJobT, old: CronJobT): FieldError[] {
  return validateCronJobSpec(cj.spec, old.spec ?? ({} as CronJobSpecT), new Path().child('spec'));
}

export function validateCronJobSpec(spec: CronJobSpecT | undefined, oldSpec: CronJobSpecT | undefined, p: Path): FieldError[] {
  const s = spec ?? ({} as CronJobSpecT);
  const errs: FieldError[] = [];
  if (!s.schedule) errs.push(required(p.child('schedule'), ''));
  else {
    const allowTZInSchedule = oldSpec !== undefined && (oldSpec.schedule ?? '').includes('TZ');
    errs.push(...validateScheduleFormat(s.schedule, allowTZInSchedule, s.timeZone, p.child('schedule')));
  }
  errs.push(...nonneg(s.startingDeadlineSeconds, p.child('startingDeadlineSeconds')));
  if (oldSpec === undefined || (oldSpec.timeZone ?? null) !== (s.timeZone ?? null)) errs.push(...validateTimeZone(s.timeZone, p.child('timeZone')));
  errs.push(...validateConcurrencyPolicy(s.concurrencyPolicy ?? '', p.child('concurrencyPolicy')));
  errs.push(...validateJobTemplateSpec(s.jobTemplate, p.child('jobTemplate')));
  errs.push(...nonneg(s.successfulJobsHistoryLimit, p.child('successfulJobsHistoryLimit')));
  errs.push(...nonneg(s.failedJobsHistoryLimit, p.child('failedJobsHistoryLimit')));
  return errs;
}

export function validateConcurrencyPolicy(policy: string, p: Path): FieldError[] {
  if ((ConcurrencyPolicies as readonly string[]).includes(policy)) return [];
  if (policy === '') return [required(p, '')];
  return [notSupported(p, policy, [...ConcurrencyPolicies])];
}

export function validateScheduleFormat(schedule: string, allowTZInSchedule: boolean, timeZone: string | undefined | null, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  const parsed = tryParseStandard(schedule);
  if (parsed.error !== undefined) errs.push(invalid(p, schedule, parsed.error));
  if (allowTZInSchedule && schedule.includes('TZ') && timeZone != null)
    errs.push(invalid(p, schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
  else if (!allowTZInSchedule && schedule.includes('TZ'))
    errs.push(invalid(p, schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  return errs;
}

// https://data.iana.org/time-zones/theory.html#naming; digits and '+' tolerated for legacy names.
const validTimeZoneCharacters = /^[A-Za-z.\-_0-9+]{1,14}$/;

export function validateTimeZone(timeZone: string | undefined | null, p: Path): FieldError[] {
  if (timeZone == null) return [];
  if (timeZone.length === 0) return [invalid(p, timeZone, 'timeZone must be nil or non-empty string')];
  for (const part of timeZone.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !validTimeZoneCharacters.test(part))
      return [invalid(p, timeZone, `unknown time zone ${timeZone}`)];
  }
  const errs: FieldError[] = [];
  if (timeZone.toLowerCase() === 'local')
    errs.push(invalid(p, timeZone, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'));
  const err = loadLocationError(timeZone);
  if (err !== undefined) errs.push(invalid(p, timeZone, err));
  return errs;
}

/**
 * ValidateJobTemplateSpec: the JobSpec rules that do not involve the selector (the controller's Jobs get
 * a generated one), then a selector or manualSelector in the template is rejected.
 */
export function validateJobTemplateSpec(t: JobTemplateSpecT | undefined, p: Path): FieldError[] {
  const spec = (t?.spec ?? {}) as JobSpecT;
  const sp = p.child('spec');
  const selectorPath = sp.child('selector').toString();
  const withoutSelector = { ...spec, selector: undefined } as JobSpecT;
  const errs = validateJobSpec(withoutSelector, sp).filter((e) => !(e.field === selectorPath && e.type === 'FieldValueRequired'));
  if (spec.selector != null) errs.push(invalid(sp.child('selector'), spec.selector, '`selector` will be auto-generated'));
  if (spec.manualSelector === true) errs.push(notSupported(sp.child('manualSelector'), spec.manualSelector, ['nil', 'false']));
  return errs;
}

/** WarningsOnCreate/WarningsOnUpdate: a TZ in the schedule. */
export function cronJobWarnings(cj: CronJobT): string[] {
  const schedule = cj.spec?.schedule ?? '';
  return schedule.includes('TZ') ? [`cannot use TZ or CRON_TZ in schedule ${JSON.stringify(schedule)}, use timeZone field instead`] : [];
}
