/**
 * autoscaling HorizontalPodAutoscaler defaults (v2 SetDefaults_HorizontalPodAutoscaler and the behavior
 * rules GenerateHPAScaleUpRules/GenerateHPAScaleDownRules) and validation
 * (pkg/apis/autoscaling/validation: ValidateHorizontalPodAutoscaler and its Update/StatusUpdate).
 */
import { type FieldError, Path, forbidden, invalid, notSupported, required } from '../field-errors.js';
import { quantitySign } from '../quantity.js';
import { isQualifiedName, nameIsPathSegment } from '../validation.js';
import type { HPAScalingRulesT, HPAStatusT, HPAT, MetricSpecT, MetricTargetT } from './hpa-v2.js';

/** autoscaling.DefaultCPUUtilization */
export const DefaultCPUUtilization = 80;
export const MaxPeriodSeconds = 1800;
export const MaxStabilizationWindowSeconds = 3600;

type Rules = NonNullable<HPAScalingRulesT>;

/** GenerateHPAScaleUpRules: unset fields from the defaults (0 s window, Max of 4 pods / 100% per 15 s). */
export function scaleUpRules(r: Rules | undefined): Rules {
  return copyRules(r, { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] });
}

/** GenerateHPAScaleDownRules: the window stays unset (the controller's --horizontal-pod-autoscaler-downscale-stabilization applies). */
export function scaleDownRules(r: Rules | undefined): Rules {
  return copyRules(r, { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] });
}

function copyRules(from: Rules | undefined, to: Rules): Rules {
  if (!from) return to;
  const out = { ...to };
  if (from.selectPolicy != null) out.selectPolicy = from.selectPolicy;
  if (from.policies != null) out.policies = from.policies;
  if (from.stabilizationWindowSeconds != null) out.stabilizationWindowSeconds = from.stabilizationWindowSeconds;
  return out;
}

export function defaultHPA(obj: HPAT): void {
  const spec = (obj.spec ??= { scaleTargetRef: { kind: '', name: '' }, maxReplicas: 0 });
  if (spec.minReplicas == null) spec.minReplicas = 1;
  if (!spec.metrics || spec.metrics.length === 0) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: DefaultCPUUtilization } } }];
  }
  if (spec.behavior) {
    spec.behavior.scaleUp = scaleUpRules(spec.behavior.scaleUp);
    spec.behavior.scaleDown = scaleDownRules(spec.behavior.scaleDown);
  }
}

/** autoscaling/v1 SetDefaults_HorizontalPodAutoscaler: minReplicas 1. */
export function defaultHPAV1(obj: { spec?: { minReplicas?: number } }): void {
  if (obj.spec && obj.spec.minReplicas == null) obj.spec.minReplicas = 1;
}

function validateCrossVersionObjectReference(ref: { kind?: string; name?: string } | undefined, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (!ref?.kind) errs.push(required(p.child('kind'), ''));
  else for (const m of nameIsPathSegment(ref.kind, false)) errs.push(invalid(p.child('kind'), ref.kind, m));
  if (!ref?.name) errs.push(required(p.child('name'), ''));
  else for (const m of nameIsPathSegment(ref.name, false)) errs.push(invalid(p.child('name'), ref.name, m));
  return errs;
}

const standardContainerResources = new Set(['cpu', 'memory', 'ephemeral-storage']);

/** ValidateContainerResourceName (simplified to the resource names HPAs use). */
function validateResourceName(name: string, p: Path): FieldError[] {
  const errs = isQualifiedName(name).map((m) => invalid(p, name, m));
  if (!name.includes('/')) {
    if (!standardContainerResources.has(name) && !name.startsWith('hugepages-')) errs.push(invalid(p, name, 'must be a standard resource for containers'));
  }
  return errs;
}

function validateMetricTarget(t: MetricTargetT | undefined, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  const type = t?.type ?? '';
  if (!type) errs.push(required(p.child('type'), 'must specify a metric target type'));
  if (type !== 'Utilization' && type !== 'Value' && type !== 'AverageValue') errs.push(invalid(p.child('type'), type, 'must be either Utilization, Value, or AverageValue'));
  if (t?.value != null && quantitySign(t.value) !== 1) errs.push(invalid(p.child('value'), t.value, 'must be positive'));
  if (t?.averageValue != null && quantitySign(t.averageValue) !== 1) errs.push(invalid(p.child('averageValue'), t.averageValue, 'must be positive'));
  if (t?.averageUtilization != null && t.averageUtilization < 1) errs.push(invalid(p.child('averageUtilization'), t.averageUtilization, 'must be greater than 0'));
  return errs;
}

function validateMetricIdentifier(id: { name?: string } | undefined, p: Path): FieldError[] {
  // IsValidPathSegmentName on the metric name
  if (!id?.name) return [required(p.child('name'), 'must specify a metric name')];
  return nameIsPathSegment(id.name, false).map((m) => invalid(p.child('name'), id.name, m));
}

function validateResourceLike(src: { name?: string; target?: MetricTargetT; container?: string }, p: Path, container: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (!src.name) errs.push(required(p.child('name'), 'must specify a resource name'));
  else errs.push(...validateResourceName(src.name, p.child('name')));
  if (container) {
    if (!src.container) errs.push(required(p.child('container'), 'must specify a container'));
  }
  errs.push(...validateMetricTarget(src.target, p.child('target')));
  if (src.target?.averageUtilization == null && src.target?.averageValue == null) errs.push(required(p.child('target').child('averageUtilization'), 'must set either a target raw value or a target utilization'));
  if (src.target?.averageUtilization != null && src.target?.averageValue != null) errs.push(forbidden(p.child('target').child('averageValue'), 'may not set both a target raw value and a target utilization'));
  return errs;
}

const metricTypes: Array<[string, keyof MetricSpecT]> = [
  ['Object', 'object'],
  ['Pods', 'pods'],
  ['Resource', 'resource'],
  ['External', 'external'],
  ['ContainerResource', 'containerResource'],
];
const validMetricSourceTypes = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];

function validateMetricSpec(m: MetricSpecT, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  const type = m.type ?? '';
  if (!type) errs.push(required(p.child('type'), 'must specify a metric source type'));
  if (!validMetricSourceTypes.includes(type)) errs.push(notSupported(p.child('type'), type, validMetricSourceTypes));
  const present: string[] = [];
  for (const [, field] of metricTypes) {
    const src = m[field] as Record<string, unknown> | undefined;
    if (!src) continue;
    present.push(field);
    if (present.length !== 1) continue;
    const fp = p.child(field);
    if (field === 'resource') errs.push(...validateResourceLike(src, fp, false));
    else if (field === 'containerResource') errs.push(...validateResourceLike(src, fp, true));
    else {
      errs.push(...validateMetricIdentifier(src.metric as { name?: string }, fp.child('metric')));
      if (field === 'object') errs.push(...validateCrossVersionObjectReference(src.describedObject as { kind?: string; name?: string }, fp.child('describedObject')));
      const t = src.target as MetricTargetT | undefined;
      errs.push(...validateMetricTarget(t, fp.child('target')));
      if (field === 'pods' && t?.averageValue == null) errs.push(required(fp.child('target').child('averageValue'), 'must specify a positive target averageValue'));
      if ((field === 'object' || field === 'external') && t?.value == null && t?.averageValue == null) errs.push(required(fp.child('target').child('averageValue'), 'must set either a target value or averageValue'));
    }
  }
  const expected = metricTypes.find(([t]) => t === type)?.[1];
  if (expected && !m[expected]) errs.push(required(p.child(expected), 'must populate information for the given metric source'));
  if (present.length !== 1) for (const f of present.filter((f) => f !== expected)) errs.push(forbidden(p.child(f), 'must populate the given metric source only'));
  return errs;
}

function validateScalingRules(r: Rules | undefined, p: Path): FieldError[] {
  if (!r) return [];
  const errs: FieldError[] = [];
  const w = r.stabilizationWindowSeconds;
  if (w != null && w < 0) errs.push(invalid(p.child('stabilizationWindowSeconds'), w, 'must be greater than or equal to zero'));
  if (w != null && w > MaxStabilizationWindowSeconds) errs.push(invalid(p.child('stabilizationWindowSeconds'), w, `must be less than or equal to ${MaxStabilizationWindowSeconds}`));
  if (r.selectPolicy != null && !['Disabled', 'Max', 'Min'].includes(r.selectPolicy)) errs.push(notSupported(p.child('selectPolicy'), r.selectPolicy, ['Disabled', 'Max', 'Min']));
  const pp = p.child('policies');
  if (!r.policies || r.policies.length === 0) errs.push(required(pp, 'must specify at least one Policy'));
  (r.policies ?? []).forEach((pol, i) => {
    const ip = pp.index(i);
    if (pol.type !== 'Pods' && pol.type !== 'Percent') errs.push(notSupported(ip.child('type'), pol.type, ['Percent', 'Pods']));
    if (!(pol.value > 0)) errs.push(invalid(ip.child('value'), pol.value, 'must be greater than zero'));
    if (!(pol.periodSeconds > 0)) errs.push(invalid(ip.child('periodSeconds'), pol.periodSeconds, 'must be greater than zero'));
    if (pol.periodSeconds > MaxPeriodSeconds) errs.push(invalid(ip.child('periodSeconds'), pol.periodSeconds, `must be less than or equal to ${MaxPeriodSeconds}`));
  });
  return errs;
}

/** ValidateHorizontalPodAutoscaler's spec part (minReplicas lower bound 1: HPAScaleToZero is off by default). */
export function validateHPA(obj: HPAT): FieldError[] {
  const spec = obj.spec;
  const p = new Path().child('spec');
  if (!spec) return [required(p.child('scaleTargetRef').child('kind'), ''), required(p.child('scaleTargetRef').child('name'), ''), invalid(p.child('maxReplicas'), 0, 'must be greater than 0')];
  const errs: FieldError[] = [];
  if (spec.minReplicas != null && spec.minReplicas < 1) errs.push(invalid(p.child('minReplicas'), spec.minReplicas, 'must be greater than or equal to 1'));
  if (spec.maxReplicas < 1) errs.push(invalid(p.child('maxReplicas'), spec.maxReplicas, 'must be greater than 0'));
  if (spec.minReplicas != null && spec.maxReplicas < spec.minReplicas) errs.push(invalid(p.child('maxReplicas'), spec.maxReplicas, 'must be greater than or equal to `minReplicas`'));
  errs.push(...validateCrossVersionObjectReference(spec.scaleTargetRef, p.child('scaleTargetRef')));
  const mp = p.child('metrics');
  let objectOrExternal = false;
  (spec.metrics ?? []).forEach((m, i) => {
    errs.push(...validateMetricSpec(m, mp.index(i)));
    if (m.type === 'Object' || m.type === 'External') objectOrExternal = true;
  });
  if (spec.minReplicas === 0 && !objectOrExternal) errs.push(forbidden(mp, 'must specify at least one Object or External metric to support scaling to zero replicas'));
  if (spec.behavior) {
    errs.push(...validateScalingRules(spec.behavior.scaleUp, p.child('behavior').child('scaleUp')));
    errs.push(...validateScalingRules(spec.behavior.scaleDown, p.child('behavior').child('scaleDown')));
  }
  return errs;
}

export function validateHPAUpdate(obj: HPAT): FieldError[] {
  return validateHPA(obj);
}

/** ValidateHorizontalPodAutoscalerStatusUpdate: replica counts are not negative. */
export function validateHPAStatusUpdate(obj: HPAT): FieldError[] {
  const st = (obj.status ?? {}) as Partial<HPAStatusT>;
  const p = new Path().child('status');
  const errs: FieldError[] = [];
  if (st.currentReplicas != null && st.currentReplicas < 0) errs.push(invalid(p.child('currentReplicas'), st.currentReplicas, 'must be greater than or equal to 0'));
  if (st.desiredReplicas != null && st.desiredReplicas < 0) errs.push(invalid(p.child('desiredReplicas'), st.desiredReplicas, 'must be greater than or equal to 0'));
  return errs;
}
