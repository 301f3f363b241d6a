/**
 * Job validation as pkg/apis/batch/validation (v1.32): ValidateGeneratedSelector, ValidateJobSpec
 * (counts, completion mode, pod failure policy, success policy, pod replacement policy, selector and
 * template, restartPolicy), ValidateJobSpecUpdate (selector, template, completion mode and policies
 * immutable; Indexed completions only in tandem with parallelism; scheduling directives mutable while
 * suspended and never started) and the status counters.
 */
import { type FieldError, Path, forbidden, invalid, notSupported, required, tooMany } from '../field-errors.js';
import { validatePodTemplateSpec } from '../core/pod-validation.js';
import { labelSelectorMatches, validateLabelSelector } from '../selectors/label-selector.js';
import { deepEqual, isQualifiedName, validateImmutable, validateNonnegative } from '../validation.js';
import { ControllerUidLabel, JobNameLabel, LegacyControllerUidLabel, LegacyJobNameLabel, type JobSpecT, type JobT, type PodFailurePolicyT } from './job.js';
import { parseIndexesStrict } from './indexes.js';

const nonneg = (v: number | undefined | null, p: Path) => (v == null ? [] : validateNonnegative(v, p));

export const maxParallelismForIndexedJob = 100_000;
export const maxFailedIndexesForIndexedJob = 100_000;
export const maxCompletionsForIndexedJobWithBackoffLimitPerIndex = 100_000;
export const maxPodFailurePolicyRules = 20;
export const maxPodFailurePolicyOnExitCodesValues = 255;
export const maxPodFailurePolicyOnPodConditionsPatterns = 20;
export const maxSuccessPolicyRules = 20;

/** ValidateHasLabel. */
function validateHasLabel(labels: Record<string, string> | undefined, p: Path, key: string, expected: string): FieldError[] {
  const actual = labels?.[key];
  if (actual === undefined) return [required(p.child('labels').key(key), '')];
  if (actual !== expected) return [invalid(p.child('labels').key(key), labels, `must be '${expected}'`)];
  return [];
}

/** ValidateGeneratedSelector: the generated labels are on the template and the selector selects the uid. */
export function validateGeneratedSelector(job: JobT): FieldError[] {
  const spec = job.spec;
  if (spec?.manualSelector === true || !spec?.selector) return [];
  const errs: FieldError[] = [];
  const uid = job.metadata.uid ?? '';
  const name = job.metadata.name ?? '';
  if (!uid) errs.push(required(new Path().child('metadata', 'uid'), ''));
  const tp = new Path().child('spec', 'template', 'metadata');
  const labels = spec.template?.metadata?.labels ?? undefined;
  errs.push(...validateHasLabel(labels, tp, LegacyControllerUidLabel, uid));
  errs.push(...validateHasLabel(labels, tp, LegacyJobNameLabel, name));
  errs.push(...validateHasLabel(labels, tp, ControllerUidLabel, uid));
  errs.push(...validateHasLabel(labels, tp, JobNameLabel, name));
  if (!labelSelectorMatches(spec.selector, { [ControllerUidLabel]: uid }))
    errs.push(invalid(new Path().child('spec', 'selector'), spec.selector, '`selector` not auto-generated'));
  return errs;
}

function validatePodFailurePolicy(spec: JobSpecT, p: Path): FieldError[] {
  const policy = spec.podFailurePolicy as PodFailurePolicyT;
  const errs: FieldError[] = [];
  const rulesPath = p.child('rules');
  const rules = policy.rules ?? [];
  if (rules.length > maxPodFailurePolicyRules) errs.push(tooMany(rulesPath, rules.length, maxPodFailurePolicyRules));
  const actions = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
  rules.forEach((rule, i) => {
    const rp = rulesPath.index(i);
    if (!rule.action) errs.push(required(rp.child('action'), ''));
    else if (!actions.includes(rule.action)) errs.push(notSupported(rp.child('action'), rule.action, actions));
    else if (rule.action === 'FailIndex' && spec.backoffLimitPerIndex == null)
      errs.push(forbidden(rp.child('action'), 'requires the backoffLimitPerIndex to be set'));
    if (rule.onExitCodes && rule.onPodConditions?.length) errs.push(invalid(rp, '', 'specifying both OnExitCodes and OnPodConditions is not supported'));
    else if (!rule.onExitCodes && !rule.onPodConditions?.length) errs.push(invalid(rp, '', 'specifying one of OnExitCodes and OnPodConditions is required'));
    if (rule.onExitCodes) {
      const ep = rp.child('onExitCodes');
      const ops = ['In', 'NotIn'];
      if (!ops.includes(rule.onExitCodes.operator)) errs.push(notSupported(ep.child('operator'), rule.onExitCodes.operator, ops));
      const values = rule.onExitCodes.values ?? [];
      const vp = ep.child('values');
      if (values.length === 0) errs.push(required(vp, 'at least one value is required'));
      else if (values.length > maxPodFailurePolicyOnExitCodesValues) errs.push(tooMany(vp, values.length, maxPodFailurePolicyOnExitCodesValues));
      const seen = new Set<number>();
      let prev: number | undefined;
      values.forEach((v, j) => {
        if (rule.onExitCodes!.operator === 'In' && v === 0) errs.push(invalid(vp.index(j), v, 'must not be 0 for the In operator'));
        if (seen.has(v)) errs.push({ type: 'FieldValueDuplicate', field: vp.index(j).toString(), badValue: v });
        else if (prev !== undefined && prev > v) errs.push(invalid(vp, values, 'must be ordered'));
        seen.add(v);
        prev = v;
      });
    }
    (rule.onPodConditions ?? []).forEach((pat, j) => {
      const pp = rp.child('onPodConditions').index(j);
      for (const msg of isQualifiedName(pat.type ?? '')) errs.push(invalid(pp.child('type'), pat.type, msg));
      const statuses = ['False', 'True', 'Unknown'];
      if (!statuses.includes(pat.status)) errs.push(notSupported(pp.child('status'), pat.status, statuses));
    });
  });
  return errs;
}

function validateSuccessPolicy(spec: JobSpecT, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  const rulesPath = p.child('rules');
  const rules = spec.successPolicy?.rules ?? [];
  if (spec.completionMode !== 'Indexed') errs.push(invalid(p, spec.successPolicy, 'requires indexed completion mode'));
  if (rules.length === 0) errs.push(required(rulesPath, 'at least one rules must be specified when the successPolicy is specified'));
  if (rules.length > maxSuccessPolicyRules) errs.push(tooMany(rulesPath, rules.length, maxSuccessPolicyRules));
  rules.forEach((rule, i) => {
    const rp = rulesPath.index(i);
    if (rule.succeededCount == null && rule.succeededIndexes == null)
      errs.push(required(rp, 'at least one of succeededCount or succeededIndexes must be specified'));
    let total: number | undefined;
    if (rule.succeededIndexes != null) {
      const parsed = parseIndexesStrict(rule.succeededIndexes, spec.completions ?? 0);
      if (parsed.error) errs.push(invalid(rp.child('succeededIndexes'), rule.succeededIndexes, `error parsing succeededIndexes: ${parsed.error}`));
      else total = parsed.total;
    }
    if (rule.succeededCount != null) {
      if (rule.succeededCount < 0) errs.push(invalid(rp.child('succeededCount'), rule.succeededCount, 'must be greater than or equal to 0'));
      if (spec.completions != null && rule.succeededCount > spec.completions)
        errs.push(invalid(rp.child('succeededCount'), rule.succeededCount, `must be less than or equal to ${spec.completions} (the number of specified completions)`));
      if (total !== undefined && rule.succeededCount > total)
        errs.push(invalid(rp.child('succeededCount'), rule.succeededCount, `must be less than or equal to ${total} (the number of indexes in the specified succeededIndexes field)`));
    }
  });
  return errs;
}

/** ValidateJobSpec. */
export function validateJobSpec(spec: JobSpecT | undefined, p = new Path().child('spec')): FieldError[] {
  const s = spec ?? ({} as JobSpecT);
  const errs: FieldError[] = [];
  errs.push(...nonneg(s.parallelism, p.child('parallelism')));
  errs.push(...nonneg(s.completions, p.child('completions')));
  errs.push(...nonneg(s.activeDeadlineSeconds, p.child('activeDeadlineSeconds')));
  errs.push(...nonneg(s.backoffLimit, p.child('backoffLimit')));
  errs.push(...nonneg(s.ttlSecondsAfterFinished, p.child('ttlSecondsAfterFinished')));
  const indexed = s.completionMode === 'Indexed';
  if (s.backoffLimitPerIndex != null) {
    errs.push(...nonneg(s.backoffLimitPerIndex, p.child('backoffLimitPerIndex')));
    if (!indexed) errs.push(forbidden(p.child('backoffLimitPerIndex'), 'requires indexed completion mode'));
  }
  if (s.maxFailedIndexes != null) {
    errs.push(...nonneg(s.maxFailedIndexes, p.child('maxFailedIndexes')));
    if (s.backoffLimitPerIndex == null) errs.push(required(p.child('backoffLimitPerIndex'), 'when maxFailedIndexes is specified'));
    if (s.completions != null && s.maxFailedIndexes > s.completions)
      errs.push(invalid(p.child('maxFailedIndexes'), s.maxFailedIndexes, 'must be less than or equal to completions'));
    if (s.maxFailedIndexes > maxFailedIndexesForIndexedJob)
      errs.push(invalid(p.child('maxFailedIndexes'), s.maxFailedIndexes, `must be less than or equal to ${maxFailedIndexesForIndexedJob}`));
  }
  if (s.completionMode != null) {
    if (s.completionMode !== 'NonIndexed' && s.completionMode !== 'Indexed')
      errs.push(notSupported(p.child('completionMode'), s.completionMode, ['NonIndexed', 'Indexed']));
    if (indexed) {
      if (s.completions == null) errs.push(required(p.child('completions'), 'when completion mode is Indexed'));
      if (s.parallelism != null && s.parallelism > maxParallelismForIndexedJob)
        errs.push(invalid(p.child('parallelism'), s.parallelism, `must be less than or equal to ${maxParallelismForIndexedJob} when completion mode is Indexed`));
      if (s.completions != null && s.backoffLimitPerIndex != null && s.completions > maxCompletionsForIndexedJobWithBackoffLimitPerIndex)
        errs.push(invalid(p.child('completions'), s.completions, `must be less than or equal to ${maxCompletionsForIndexedJobWithBackoffLimitPerIndex} when backoffLimitPerIndex is specified`));
    }
  }
  if (s.podFailurePolicy) errs.push(...validatePodFailurePolicy(s, p.child('podFailurePolicy')));
  if (s.successPolicy) errs.push(...validateSuccessPolicy(s, p.child('successPolicy')));
  if (s.podReplacementPolicy != null) {
    const valid = ['Failed', 'TerminatingOrFailed'];
    if (!valid.includes(s.podReplacementPolicy)) errs.push(notSupported(p.child('podReplacementPolicy'), s.podReplacementPolicy, valid));
    else if (s.podFailurePolicy && s.podReplacementPolicy !== 'Failed')
      errs.push(invalid(p.child('podReplacementPolicy'), s.podReplacementPolicy, "must be 'Failed' when podFailurePolicy is used"));
  }
  if (s.managedBy != null && s.managedBy.length > 63) errs.push(invalid(p.child('managedBy'), s.managedBy, 'must be no more than 63 characters'));
  // validateJobSpec (generic part): selector, template labels, template, restartPolicy.
  if (!s.selector) errs.push(required(p.child('selector'), ''));
  else errs.push(...validateLabelSelector(s.selector, p.child('selector')));
  const template = s.template ?? {};
  const labels = template.metadata?.labels ?? {};
  if (s.selector && validateLabelSelector(s.selector, p.child('selector')).length === 0 && !labelSelectorMatches(s.selector, labels))
    errs.push(invalid(p.child('template', 'metadata', 'labels'), template.metadata?.labels ?? null, '`selector` does not match template `labels`'));
  errs.push(...validatePodTemplateSpec(template, p.child('template')));
  const rp = template.spec?.restartPolicy ?? '';
  const rpPath = p.child('template', 'spec', 'restartPolicy');
  if (rp === 'Always' || rp === '') errs.push(required(rpPath, 'valid values: "OnFailure", "Never"'));
  else if (rp !== 'OnFailure' && rp !== 'Never') errs.push(notSupported(rpPath, rp, ['OnFailure', 'Never']));
  else if (s.podFailurePolicy && rp !== 'Never') errs.push(invalid(rpPath, rp, 'only "Never" is supported when podFailurePolicy is specified'));
  return errs;
}

export function validateJob(job: JobT): FieldError[] {
  return [...validateGeneratedSelector(job), ...validateJobSpec(job.spec)];
}

/** validateCompletions: immutable, except an Indexed Job may change it together with parallelism. */
function validateCompletions(spec: JobSpecT, old: JobSpecT, p: Path): FieldError[] {
  if (spec.completionMode !== 'Indexed') return validateImmutable(spec.completions ?? null, old.completions ?? null, p);
  if (deepEqual(spec.completions ?? null, old.completions ?? null) || spec.completions == null) return [];
  if (spec.completions !== spec.parallelism) return [invalid(p, spec.completions, 'can only be modified in tandem with spec.parallelism')];
  return [];
}

/** validatePodTemplateUpdate: immutable, but scheduling directives may change while suspended and never started. */
function validatePodTemplateUpdate(job: JobT, old: JobT, p: Path): FieldError[] {
  const template = job.spec?.template ?? {};
  let oldTemplate = old.spec?.template ?? {};
  const allowMutableSchedulingDirectives = old.spec?.suspend === true && !old.status?.startTime;
  if (allowMutableSchedulingDirectives) {
    oldTemplate = structuredClone(oldTemplate);
    const os = (oldTemplate.spec ??= {} as NonNullable<typeof oldTemplate.spec>) as Record<string, unknown>;
    const ns = (template.spec ?? {}) as Record<string, unknown>;
    const oldAffinity = os.affinity as Record<string, unknown> | undefined;
    const newAffinity = ns.affinity as Record<string, unknown> | undefined;
    if (!newAffinity && oldAffinity) {
      delete oldAffinity.nodeAffinity;
      if (Object.keys(oldAffinity).length === 0) delete os.affinity;
    } else if (newAffinity) {
      const a = (os.affinity ??= {}) as Record<string, unknown>;
      if (newAffinity.nodeAffinity === undefined) delete a.nodeAffinity;
      else a.nodeAffinity = newAffinity.nodeAffinity;
    }
    for (const k of ['nodeSelector', 'tolerations', 'schedulingGates']) {
      if (ns[k] === undefined) delete os[k];
      else os[k] = ns[k];
    }
    const om = (oldTemplate.metadata ??= {});
    om.annotations = template.metadata?.annotations;
    om.labels = template.metadata?.labels;
    if (om.annotations === undefined) delete om.annotations;
    if (om.labels === undefined) delete om.labels;
  }
  return validateImmutable(template, oldTemplate, p.child('template'));
}

/** ValidateJobUpdate: the spec as on create, plus ValidateJobSpecUpdate's immutability rules. */
export function validateJobUpdate(job: JobT, old: JobT): FieldError[] {
  const p = new Path().child('spec');
  const spec = job.spec ?? ({} as JobSpecT);
  const o = old.spec ?? ({} as JobSpecT);
  return [
    ...validateGeneratedSelectorOnUpdate(job),
    ...validateJobSpec(spec, p),
    ...validateCompletions(spec, o, p.child('completions')),
    ...validateImmutable(spec.selector ?? null, o.selector ?? null, p.child('selector')),
    ...validatePodTemplateUpdate(job, old, p),
    ...validateImmutable(spec.completionMode ?? null, o.completionMode ?? null, p.child('completionMode')),
    ...validateImmutable(spec.podFailurePolicy ?? null, o.podFailurePolicy ?? null, p.child('podFailurePolicy')),
    ...validateImmutable(spec.backoffLimitPerIndex ?? null, o.backoffLimitPerIndex ?? null, p.child('backoffLimitPerIndex')),
    ...validateImmutable(spec.managedBy ?? null, o.managedBy ?? null, p.child('managedBy')),
    ...validateImmutable(spec.successPolicy ?? null, o.successPolicy ?? null, p.child('successPolicy')),
  ];
}

/** On update the generated labels are checked too (the template is immutable, so they stay). */
function validateGeneratedSelectorOnUpdate(job: JobT): FieldError[] {
  return validateGeneratedSelector(job);
}

/** ValidateJobStatus: counters non-negative; uncounted pods are unique. */
export function validateJobStatusUpdate(job: JobT, _old: JobT): FieldError[] {
  const s = job.status ?? {};
  const p = new Path().child('status');
  const errs: FieldError[] = [
    ...nonneg(s.active, p.child('active')),
    ...nonneg(s.succeeded, p.child('succeeded')),
    ...nonneg(s.failed, p.child('failed')),
    ...nonneg(s.ready, p.child('ready')),
    ...nonneg(s.terminating, p.child('terminating')),
  ];
  const u = s.uncountedTerminatedPods;
  if (u) {
    const up = p.child('uncountedTerminatedPods');
    const seen = new Set<string>();
    for (const [field, list] of [['succeeded', u.succeeded ?? []], ['failed', u.failed ?? []]] as const)
      list.forEach((uid, i) => {
        if (!uid) errs.push(invalid(up.child(field).index(i), uid, 'must not be empty'));
        else if (seen.has(uid)) errs.push({ type: 'FieldValueDuplicate', field: up.child(field).index(i).toString(), badValue: uid });
        seen.add(uid);
      });
  }
  if (job.spec?.completionMode === 'Indexed' && s.completedIndexes) {
    const parsed = parseIndexesStrict(s.completedIndexes, job.spec.completions ?? 0);
    if (parsed.error) errs.push(invalid(p.child('completedIndexes'), s.completedIndexes, `error parsing completedIndexes: ${parsed.error}`));
  }
  return errs;
}
