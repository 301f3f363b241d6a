/**
 * upstream horizontal.go's replica normalization: stabilization over recent recommendations, the
 * plain min/max and scale-up limit (no behavior), and the behavior policies with their scale-event
 * history. State per HPA key lives in a ScaleHistory; `now` is passed in (ms).
 */
import type { HPAScalingRulesT } from '../../api/autoscaling/hpa-v2.js';

export const scaleUpLimitFactor = 2.0;
export const scaleUpLimitMinimum = 4.0;
export const defaultDownscaleStabilisationWindowMs = 5 * 60_000;

interface Recommendation {
  recommendation: number;
  timestamp: number;
}
interface ScaleEvent {
  replicaChange: number;
  timestamp: number;
  outdated: boolean;
}
export type Rules = NonNullable<HPAScalingRulesT>;

export interface Limited {
  replicas: number;
  reason: string;
  message: string;
}

/** convertDesiredReplicasWithRules (no behavior): min/max and the 2x-or-4 scale-up limit. */
export function convertDesiredReplicasWithRules(currentReplicas: number, desiredReplicas: number, hpaMin: number, hpaMax: number): Limited {
  const minimumAllowed = hpaMin;
  let maximumAllowed: number;
  let reason: string;
  let message: string;
  const scaleUpLimit = calculateScaleUpLimit(currentReplicas);
  if (hpaMax > scaleUpLimit) {
    maximumAllowed = scaleUpLimit;
    reason = 'ScaleUpLimit';
    message = 'the desired replica count is increasing faster than the maximum scale rate';
  } else {
    maximumAllowed = hpaMax;
    reason = 'TooManyReplicas';
    message = 'the desired replica count is more than the maximum replica count';
  }
  if (desiredReplicas < minimumAllowed) return { replicas: minimumAllowed, reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' };
  if (desiredReplicas > maximumAllowed) return { replicas: maximumAllowed, reason, message };
  return { replicas: desiredReplicas, reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' };
}

export function calculateScaleUpLimit(currentReplicas: number): number {
  return Math.trunc(Math.max(scaleUpLimitFactor * currentReplicas, scaleUpLimitMinimum));
}

function replicasChangePerPeriod(periodSeconds: number, events: ScaleEvent[], now: number): number {
  const cutoff = now - periodSeconds * 1000;
  let n = 0;
  for (const e of events) if (e.timestamp > cutoff) n += e.replicaChange;
  return n;
}

const MaxInt32 = 2147483647;
const MinInt32 = -2147483648;

/** calculateScaleUpLimitWithScalingRules */
export function scaleUpLimitWithRules(current: number, up: ScaleEvent[], down: ScaleEvent[], rules: Rules, now: number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const useMin = rules.selectPolicy === 'Min';
  let result = useMin ? MaxInt32 : MinInt32;
  for (const p of rules.policies ?? []) {
    const start = current - replicasChangePerPeriod(p.periodSeconds, up, now) + replicasChangePerPeriod(p.periodSeconds, down, now);
    let proposed = 0;
    if (p.type === 'Pods') proposed = start + p.value;
    else if (p.type === 'Percent') proposed = Math.ceil(start * (1 + p.value / 100));
    result = useMin ? Math.min(result, proposed) : Math.max(result, proposed);
  }
  return result;
}

/** calculateScaleDownLimitWithBehaviors */
export function scaleDownLimitWithRules(current: number, up: ScaleEvent[], down: ScaleEvent[], rules: Rules, now: number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const useMin = rules.selectPolicy === 'Min';
  let result = useMin ? MinInt32 : MaxInt32;
  for (const p of rules.policies ?? []) {
    const start = current - replicasChangePerPeriod(p.periodSeconds, up, now) + replicasChangePerPeriod(p.periodSeconds, down, now);
    let proposed = 0;
    if (p.type === 'Pods') proposed = start - p.value;
    else if (p.type === 'Percent') proposed = Math.trunc(start * (1 - p.value / 100));
    result = useMin ? Math.max(result, proposed) : Math.min(result, proposed);
  }
  return result;
}

export interface NormalizationArg {
  key: string;
  scaleUp: Rules;
  scaleDown: Rules;
  minReplicas: number;
  maxReplicas: number;
  currentReplicas: number;
  desiredReplicas: number;
}

/** The controller's memory: recent recommendations and scale events per HPA. */
export class ScaleHistory {
  readonly recommendations = new Map<string, Recommendation[]>();
  readonly scaleUpEvents = new Map<string, ScaleEvent[]>();
  readonly scaleDownEvents = new Map<string, ScaleEvent[]>();

  constructor(readonly downscaleStabilisationWindowMs = defaultDownscaleStabilisationWindowMs) {}

  forget(key: string): void {
    this.recommendations.delete(key);
    this.scaleUpEvents.delete(key);
    this.scaleDownEvents.delete(key);
  }

  recordInitialRecommendation(currentReplicas: number, key: string, now: number): void {
    if (!this.recommendations.has(key)) this.recommendations.set(key, [{ recommendation: currentReplicas, timestamp: now }]);
  }

  /** stabilizeRecommendation (no behavior): the highest recommendation within the downscale window. */
  stabilizeRecommendation(key: string, prenormalized: number, now: number): number {
    let max = prenormalized;
    let oldIndex = -1;
    const cutoff = now - this.downscaleStabilisationWindowMs;
    const recs = this.recommendations.get(key) ?? [];
    recs.forEach((r, i) => {
      if (r.timestamp < cutoff) oldIndex = i;
      else if (r.recommendation > max) max = r.recommendation;
    });
    const rec = { recommendation: prenormalized, timestamp: now };
    if (oldIndex >= 0) recs[oldIndex] = rec;
    else recs.push(rec);
    this.recommendations.set(key, recs);
    return max;
  }

  /** stabilizeRecommendationWithBehaviors */
  stabilizeWithBehaviors(a: NormalizationArg, now: number): Limited {
    let oldIndex = -1;
    let up = a.desiredReplicas;
    const upCutoff = now - (a.scaleUp.stabilizationWindowSeconds ?? 0) * 1000;
    let down = a.desiredReplicas;
    const downCutoff = now - (a.scaleDown.stabilizationWindowSeconds ?? 0) * 1000;
    const recs = this.recommendations.get(a.key) ?? [];
    recs.forEach((r, i) => {
      if (r.timestamp > upCutoff) up = Math.min(r.recommendation, up);
      if (r.timestamp > downCutoff) down = Math.max(r.recommendation, down);
      if (r.timestamp < upCutoff && r.timestamp < downCutoff) oldIndex = i;
    });
    let recommendation = a.currentReplicas;
    if (recommendation < up) recommendation = up;
    if (recommendation > down) recommendation = down;
    const rec = { recommendation: a.desiredReplicas, timestamp: now };
    if (oldIndex >= 0) recs[oldIndex] = rec;
    else recs.push(rec);
    this.recommendations.set(a.key, recs);
    if (a.desiredReplicas >= a.currentReplicas) return { replicas: recommendation, reason: 'ScaleUpStabilized', message: 'recent recommendations were lower than current one, applying the lowest recent recommendation' };
    return { replicas: recommendation, reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' };
  }

  /** convertDesiredReplicasWithBehaviorRate */
  convertWithBehaviorRate(a: NormalizationArg, now: number): Limited {
    const up = this.scaleUpEvents.get(a.key) ?? [];
    const down = this.scaleDownEvents.get(a.key) ?? [];
    if (a.desiredReplicas > a.currentReplicas) {
      let limit = scaleUpLimitWithRules(a.currentReplicas, up, down, a.scaleUp, now);
      if (limit < a.currentReplicas) limit = a.currentReplicas;
      let max = a.maxReplicas;
      let reason = 'TooManyReplicas';
      let message = 'the desired replica count is more than the maximum replica count';
      if (max > limit) {
        max = limit;
        reason = 'ScaleUpLimit';
        message = 'the desired replica count is increasing faster than the maximum scale rate';
      }
      if (a.desiredReplicas > max) return { replicas: max, reason, message };
    } else if (a.desiredReplicas < a.currentReplicas) {
      let limit = scaleDownLimitWithRules(a.currentReplicas, up, down, a.scaleDown, now);
      if (limit > a.currentReplicas) limit = a.currentReplicas;
      let min = a.minReplicas;
      let reason = 'TooFewReplicas';
      let message = 'the desired replica count is less than the minimum replica count';
      if (min < limit) {
        min = limit;
        reason = 'ScaleDownLimit';
        message = 'the desired replica count is decreasing faster than the maximum scale rate';
      }
      if (a.desiredReplicas < min) return { replicas: min, reason, message };
    }
    return { replicas: a.desiredReplicas, reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' };
  }

  /** storeScaleEvent: only with a behavior; replaces an event older than the longest policy period. */
  storeScaleEvent(behavior: { scaleUp?: Rules; scaleDown?: Rules } | undefined, key: string, prev: number, next: number, now: number): void {
    if (!behavior) return;
    const upward = next > prev;
    const rules = upward ? behavior.scaleUp : behavior.scaleDown;
    const map = upward ? this.scaleUpEvents : this.scaleDownEvents;
    const longest = Math.max(0, ...(rules?.policies ?? []).map((p) => p.periodSeconds));
    const events = map.get(key) ?? [];
    const cutoff = now - longest * 1000;
    let oldIndex = -1;
    events.forEach((e, i) => {
      if (e.timestamp < cutoff) e.outdated = true;
      if (e.outdated) oldIndex = i;
    });
    const ev = { replicaChange: upward ? next - prev : prev - next, timestamp: now, outdated: false };
    if (oldIndex >= 0) events[oldIndex] = ev;
    else events.push(ev);
    map.set(key, events);
  }
}
