/**
 * autoscaling/v1 <-> autoscaling/v2 HorizontalPodAutoscaler conversion, as upstream's
 * pkg/apis/autoscaling/v1/conversion.go: v1 carries the CPU utilization target in
 * targetCPUUtilizationPercentage and everything else (other metrics, current metrics, conditions,
 * behavior) in autoscaling.alpha.kubernetes.io/* annotations, so objects round-trip.
 * Metric specs in the annotations use the v1 (v2beta1-style) shapes; behavior is the internal type
 * marshalled without JSON tags (capitalized keys), as upstream writes it.
 */
import type { KObject } from '../meta.js';
import { DefaultCPUUtilization } from './hpa-validation.js';

export const MetricSpecsAnnotation = 'autoscaling.alpha.kubernetes.io/metrics';
export const MetricStatusesAnnotation = 'autoscaling.alpha.kubernetes.io/current-metrics';
export const BehaviorSpecsAnnotation = 'autoscaling.alpha.kubernetes.io/behavior';
export const ConditionsAnnotation = 'autoscaling.alpha.kubernetes.io/conditions';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const clean = (o: J): J => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

// ---- metric spec: v2 <-> v1 ----

function specToV1(m: J): J {
  const t = (x: J | undefined) => (x?.target ?? {}) as J;
  switch (m.type) {
    case 'Resource':
      return { type: 'Resource', resource: clean({ name: m.resource?.name, targetAverageUtilization: t(m.resource).averageUtilization, targetAverageValue: t(m.resource).averageValue }) };
    case 'ContainerResource':
      return { type: 'ContainerResource', containerResource: clean({ name: m.containerResource?.name, container: m.containerResource?.container, targetAverageUtilization: t(m.containerResource).averageUtilization, targetAverageValue: t(m.containerResource).averageValue }) };
    case 'Pods':
      return { type: 'Pods', pods: clean({ metricName: m.pods?.metric?.name, selector: m.pods?.metric?.selector, targetAverageValue: t(m.pods).averageValue }) };
    case 'Object':
      return { type: 'Object', object: clean({ target: m.object?.describedObject, metricName: m.object?.metric?.name, selector: m.object?.metric?.selector, targetValue: t(m.object).value, averageValue: t(m.object).averageValue }) };
    case 'External':
      return { type: 'External', external: clean({ metricName: m.external?.metric?.name, metricSelector: m.external?.metric?.selector, targetValue: t(m.external).value, targetAverageValue: t(m.external).averageValue }) };
    default:
      return { type: m.type };
  }
}

const targetOf = (value: unknown, averageValue: unknown, averageUtilization: unknown): J =>
  clean({ type: averageUtilization != null ? 'Utilization' : averageValue != null ? 'AverageValue' : 'Value', value, averageValue, averageUtilization });

function specFromV1(m: J): J {
  switch (m.type) {
    case 'Resource':
      return { type: 'Resource', resource: { name: m.resource?.name, target: targetOf(undefined, m.resource?.targetAverageValue, m.resource?.targetAverageUtilization) } };
    case 'ContainerResource':
      return { type: 'ContainerResource', containerResource: { name: m.containerResource?.name, container: m.containerResource?.container, target: targetOf(undefined, m.containerResource?.targetAverageValue, m.containerResource?.targetAverageUtilization) } };
    case 'Pods':
      return { type: 'Pods', pods: { metric: clean({ name: m.pods?.metricName, selector: m.pods?.selector }), target: targetOf(undefined, m.pods?.targetAverageValue, undefined) } };
    case 'Object':
      return { type: 'Object', object: { describedObject: m.object?.target, metric: clean({ name: m.object?.metricName, selector: m.object?.selector }), target: targetOf(m.object?.targetValue, m.object?.averageValue, undefined) } };
    case 'External':
      return { type: 'External', external: { metric: clean({ name: m.external?.metricName, selector: m.external?.metricSelector }), target: targetOf(m.external?.targetValue, m.external?.targetAverageValue, undefined) } };
    default:
      return { type: m.type };
  }
}

// ---- metric status: v2 <-> v1 ----

function statusToV1(m: J): J {
  const c = (x: J | undefined) => (x?.current ?? {}) as J;
  switch (m.type) {
    case 'Resource':
      return { type: 'Resource', resource: clean({ name: m.resource?.name, currentAverageUtilization: c(m.resource).averageUtilization, currentAverageValue: c(m.resource).averageValue }) };
    case 'ContainerResource':
      return { type: 'ContainerResource', containerResource: clean({ name: m.containerResource?.name, container: m.containerResource?.container, currentAverageUtilization: c(m.containerResource).averageUtilization, currentAverageValue: c(m.containerResource).averageValue }) };
    case 'Pods':
      return { type: 'Pods', pods: clean({ metricName: m.pods?.metric?.name, selector: m.pods?.metric?.selector, currentAverageValue: c(m.pods).averageValue }) };
    case 'Object':
      return { type: 'Object', object: clean({ target: m.object?.describedObject, metricName: m.object?.metric?.name, selector: m.object?.metric?.selector, currentValue: c(m.object).value, averageValue: c(m.object).averageValue }) };
    case 'External':
      return { type: 'External', external: clean({ metricName: m.external?.metric?.name, metricSelector: m.external?.metric?.selector, currentValue: c(m.external).value, currentAverageValue: c(m.external).averageValue }) };
    default:
      return { type: m.type };
  }
}

function statusFromV1(m: J): J {
  switch (m.type) {
    case 'Resource':
      return { type: 'Resource', resource: { name: m.resource?.name, current: clean({ averageUtilization: m.resource?.currentAverageUtilization, averageValue: m.resource?.currentAverageValue }) } };
    case 'ContainerResource':
      return { type: 'ContainerResource', containerResource: { name: m.containerResource?.name, container: m.containerResource?.container, current: clean({ averageUtilization: m.containerResource?.currentAverageUtilization, averageValue: m.containerResource?.currentAverageValue }) } };
    case 'Pods':
      return { type: 'Pods', pods: { metric: clean({ name: m.pods?.metricName, selector: m.pods?.selector }), current: clean({ averageValue: m.pods?.currentAverageValue }) } };
    case 'Object':
      return { type: 'Object', object: { describedObject: m.object?.target, metric: clean({ name: m.object?.metricName, selector: m.object?.selector }), current: clean({ value: m.object?.currentValue, averageValue: m.object?.averageValue }) } };
    case 'External':
      return { type: 'External', external: { metric: clean({ name: m.external?.metricName, selector: m.external?.metricSelector }), current: clean({ value: m.external?.currentValue, averageValue: m.external?.currentAverageValue }) } };
    default:
      return { type: m.type };
  }
}

// ---- behavior: Go's encoding of the untagged internal type ----

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
const uncap = (s: string) => s[0]!.toLowerCase() + s.slice(1);
function recase(v: unknown, f: (s: string) => string): unknown {
  if (Array.isArray(v)) return v.map((x) => recase(x, f));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [f(k), recase(x, f)]));
  return v;
}
/** The internal HPAScalingRules marshals every field (nil pointers as null). */
function behaviorToAnnotation(b: J): string {
  const rules = (r: J | undefined) => (r ? { StabilizationWindowSeconds: r.stabilizationWindowSeconds ?? null, SelectPolicy: r.selectPolicy ?? null, Policies: recase(r.policies ?? null, cap) } : null);
  return JSON.stringify({ ScaleUp: rules(b.scaleUp), ScaleDown: rules(b.scaleDown) });
}
function behaviorFromAnnotation(s: string): J | undefined {
  const raw = JSON.parse(s) as J;
  const b = recase(raw, uncap) as J;
  const rules = (r: J | null | undefined) => (r ? clean({ stabilizationWindowSeconds: r.stabilizationWindowSeconds ?? undefined, selectPolicy: r.selectPolicy ?? undefined, policies: r.policies ?? undefined }) : undefined);
  const out = clean({ scaleUp: rules(b.scaleUp), scaleDown: rules(b.scaleDown) });
  return Object.keys(out).length ? out : undefined;
}

const isCPUUtil = (m: J) => m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource?.target?.averageUtilization != null;

/** The stored autoscaling/v2 object as autoscaling/v1 (a copy). */
export function hpaToV1(obj: KObject): KObject {
  const v2 = structuredClone(obj) as J;
  const spec = (v2.spec ?? {}) as J;
  const status = v2.status as J | undefined;
  const metrics = (spec.metrics ?? []) as J[];
  const cpu = metrics.find(isCPUUtil);
  const other = metrics.filter((m) => !isCPUUtil(m)).map(specToV1);
  const annotations: Record<string, string> = { ...(v2.metadata?.annotations ?? {}) };
  if (other.length) annotations[MetricSpecsAnnotation] = JSON.stringify(other);
  const currentMetrics = (status?.currentMetrics ?? []) as J[];
  if (currentMetrics.length) annotations[MetricStatusesAnnotation] = JSON.stringify(currentMetrics.map(statusToV1));
  if (spec.behavior) annotations[BehaviorSpecsAnnotation] = behaviorToAnnotation(spec.behavior);
  const conditions = (status?.conditions ?? []) as J[];
  if (conditions.length) annotations[ConditionsAnnotation] = JSON.stringify(conditions.map((c) => clean({ type: c.type, status: c.status, lastTransitionTime: c.lastTransitionTime, reason: c.reason, message: c.message })));
  const metadata = { ...(v2.metadata ?? {}) };
  if (Object.keys(annotations).length) metadata.annotations = annotations;
  const out: J = {
    apiVersion: 'autoscaling/v1',
    kind: 'HorizontalPodAutoscaler',
    metadata,
    spec: clean({ scaleTargetRef: spec.scaleTargetRef, minReplicas: spec.minReplicas, maxReplicas: spec.maxReplicas, targetCPUUtilizationPercentage: cpu?.resource?.target?.averageUtilization }),
  };
  if (status) {
    const cpuStatus = currentMetrics.find((m) => m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource?.current?.averageUtilization != null);
    out.status = clean({
      observedGeneration: status.observedGeneration,
      lastScaleTime: status.lastScaleTime,
      currentReplicas: status.currentReplicas ?? 0,
      desiredReplicas: status.desiredReplicas ?? 0,
      currentCPUUtilizationPercentage: cpuStatus?.resource?.current?.averageUtilization,
    });
  }
  return out as KObject;
}

/** An autoscaling/v1 object as the stored autoscaling/v2 (annotations consumed and dropped). */
export function hpaFromV1(obj: KObject): KObject {
  const v1 = structuredClone(obj) as J;
  const spec = (v1.spec ?? {}) as J;
  const annotations: Record<string, string> = { ...(v1.metadata?.annotations ?? {}) };
  let metrics: J[] = [];
  if (spec.targetCPUUtilizationPercentage != null) metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: spec.targetCPUUtilizationPercentage } } }];
  const parse = (s: string | undefined): unknown => {
    if (s === undefined) return undefined;
    try {
      return JSON.parse(s);
    } catch {
      return undefined;
    }
  };
  const other = parse(annotations[MetricSpecsAnnotation]);
  if (Array.isArray(other)) metrics = [...other.map((m) => specFromV1(m as J)), ...metrics];
  let behavior: J | undefined;
  if (annotations[BehaviorSpecsAnnotation] !== undefined) {
    try {
      behavior = behaviorFromAnnotation(annotations[BehaviorSpecsAnnotation]!);
    } catch {
      behavior = undefined;
    }
  }
  if (metrics.length === 0) metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: DefaultCPUUtilization } } }];
  const out: J = {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { ...(v1.metadata ?? {}) },
    spec: clean({ scaleTargetRef: spec.scaleTargetRef, minReplicas: spec.minReplicas, maxReplicas: spec.maxReplicas, metrics, behavior }),
  };
  const st = v1.status as J | undefined;
  if (st) {
    let currentMetrics: J[] | undefined;
    if (st.currentCPUUtilizationPercentage != null) currentMetrics = [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: st.currentCPUUtilizationPercentage } } }];
    const cur = parse(annotations[MetricStatusesAnnotation]);
    if (Array.isArray(cur)) currentMetrics = cur.map((m) => statusFromV1(m as J));
    const conds = parse(annotations[ConditionsAnnotation]);
    out.status = clean({
      observedGeneration: st.observedGeneration,
      lastScaleTime: st.lastScaleTime,
      currentReplicas: st.currentReplicas,
      desiredReplicas: st.desiredReplicas ?? 0,
      currentMetrics,
      conditions: Array.isArray(conds) ? conds : undefined,
    });
  }
  for (const k of [MetricSpecsAnnotation, BehaviorSpecsAnnotation, MetricStatusesAnnotation, ConditionsAnnotation]) delete annotations[k];
  if (v1.metadata?.annotations) {
    if (Object.keys(annotations).length) out.metadata.annotations = annotations;
    else delete out.metadata.annotations;
  }
  return out as KObject;
}
