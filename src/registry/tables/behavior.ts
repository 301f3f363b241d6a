/** Behaviors (kubemu.dev): what they match and what they change, at a glance. */
import type { TableConvertor } from '../resource-def.js';
import { age, ageColumn, arr, col, meta, nameColumn, rec, str } from './common.js';
import { formatLabelSelector } from '../../api/selectors/label-selector.js';

/** The overrides a Behavior sets, as short words: "pull-failure,crash-after=30s,probe:liveness". */
export function behaviorEffects(spec: Record<string, any>): string {
  const out: string[] = [];
  if (spec.pullFailure) out.push('pull-failure');
  if (spec.startDelay) out.push(`start-delay=${str(spec.startDelay)}`);
  if (spec.crashAfter !== undefined || spec.exitCode !== undefined) out.push(`crash-after=${str(spec.crashAfter ?? '0s')}${spec.exitCode !== undefined ? `/${spec.exitCode}` : ''}`);
  for (const f of arr(spec.probeFailures)) out.push(`probe:${str(rec(f).probe)}${rec(f).after ? `@${str(rec(f).after)}` : ''}`);
  if (Object.keys(rec(spec.files)).length) out.push(`files=${Object.keys(rec(spec.files)).length}`);
  if (arr(spec.ports).length) out.push(`ports=${arr(spec.ports).join('+')}`);
  for (const [k, v] of Object.entries(rec(spec.usage))) out.push(`${k}=${str(v)}`);
  return out.join(',') || '<none>';
}

export const behaviorTable: TableConvertor = {
  columns: [
    nameColumn(),
    col('Selector', 'string', 'The pods it applies to (a label selector).'),
    col('Image', 'string', 'The images it applies to (a glob).'),
    col('Effects', 'string', 'The overrides it sets.'),
    ageColumn(),
  ],
  cells(obj, now) {
    const spec = rec(obj.spec);
    return [str(meta(obj).name), spec.selector ? formatLabelSelector(spec.selector) || '<none>' : '<all>', str(spec.image) || '*', behaviorEffects(spec), age(obj, now)];
  },
};
