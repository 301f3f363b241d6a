/**
 * Job success policy as upstream's pkg/controller/job/success_policy.go (v1.32, feature
 * JobSuccessPolicy on): the first rule met by the succeeded indexes (all of its succeededIndexes,
 * or succeededCount of them, or succeededCount indexes overall) gives the SuccessCriteriaMet
 * condition with reason SuccessPolicy and the message "Matched rules at index <i>".
 */
import type { JobConditionT, JobSpecT, JobT } from '../../api/batch/job.js';
import { OrderedIntervals } from '../../api/batch/indexes.js';
import { findConditionByType } from './job-util.js';

export const JobReasonSuccessPolicy = 'SuccessPolicy';

type SuccessPolicyT = NonNullable<JobSpecT['successPolicy']>;

/** matchSuccessPolicy: the condition message when a rule is met, else undefined. */
export function matchSuccessPolicy(successPolicy: SuccessPolicyT | null | undefined, completions: number, succeededIndexes: OrderedIntervals): string | undefined {
  if (!successPolicy || succeededIndexes.intervals.length === 0) return undefined;
  const rules = successPolicy.rules ?? [];
  for (let index = 0; index < rules.length; index++) {
    const rule = rules[index]!;
    if (rule.succeededIndexes != null) {
      const required = OrderedIntervals.parse(rule.succeededIndexes, completions);
      // An unparsable (or empty) succeededIndexes matches nothing.
      if (required.intervals.length === 0) continue;
      if (matchSucceededIndexesRule(required, succeededIndexes, rule.succeededCount ?? undefined)) return `Matched rules at index ${index}`;
    } else if (rule.succeededCount != null && succeededIndexes.total() >= rule.succeededCount) return `Matched rules at index ${index}`;
  }
  return undefined;
}

/** matchSucceededIndexesRule: every rule index succeeded, or at least succeededCount of them. */
export function matchSucceededIndexesRule(ruleIndexes: OrderedIntervals, succeededIndexes: OrderedIntervals, succeededCount?: number): boolean {
  const r = ruleIndexes.intervals;
  const s = succeededIndexes.intervals;
  let contains = 0;
  let sp = 0;
  let rp = 0;
  while (rp < r.length && sp < s.length) {
    const overlap = Math.min(r[rp]!.last, s[sp]!.last) - Math.max(r[rp]!.first, s[sp]!.first) + 1;
    if (overlap > 0) contains += overlap;
    if (s[sp]!.last < r[rp]!.last) sp++;
    else if (s[sp]!.last > r[rp]!.last) rp++;
    else {
      sp++;
      rp++;
    }
  }
  return contains === ruleIndexes.total() || (succeededCount !== undefined && contains >= succeededCount);
}

/** hasSuccessCriteriaMetCondition: the SuccessCriteriaMet=True condition, if the job has it. */
export function hasSuccessCriteriaMetCondition(job: JobT): JobConditionT | undefined {
  const c = findConditionByType(job.status?.conditions, 'SuccessCriteriaMet');
  return c && c.status === 'True' ? c : undefined;
}

/** isSuccessCriteriaMetCondition. */
export const isSuccessCriteriaMetCondition = (c: JobConditionT | undefined): c is JobConditionT => !!c && c.type === 'SuccessCriteriaMet' && c.status === 'True';
