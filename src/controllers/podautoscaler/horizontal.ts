/**
 * The horizontal pod autoscaler (upstream pkg/controller/podautoscaler/horizontal.go): every 15 s of
 * clock time each HPA reads its target's /scale, computes a replica count per metric from the
 * resource metrics (MetricsSource), normalizes it (stabilization, min/max, rate limits or behavior
 * policies), writes /scale and the status with upstream conditions, reasons and events.
 */
import type { HPAT, MetricSpecT, MetricStatusT } from '../../api/autoscaling/hpa-v2.js';
import { scaleDownRules, scaleUpRules } from '../../api/autoscaling/hpa-validation.js';
import type { KObject } from '../../api/meta.js';
import type { MetricsSource } from '../../api/metrics/metrics.js';
import { quantityMilliValue } from '../../api/quantity.js';
import { parseLabelSelector } from '../../api/selectors/labels-parser.js';
import { matches, type LabelSelectorExpr } from '../../api/selectors/labels.js';
import { deepEqual } from '../../api/validation.js';
import { rfc3339 } from '../../util/clock.js';
import type { Informer } from '../../client/informer.js';
import { Controller } from '../runtime/controller.js';
import type { EventRecorder } from '../runtime/event-recorder.js';
import type { ControllerContext } from '../runtime/manager.js';
import { ScaleHistory, convertDesiredReplicasWithRules, type Rules } from './normalize.js';
import { plainMetricReplicas, resourceReplicas, type CalcPod, type PodMetricsInfo } from './replica-calculator.js';
import { MetricError, milliQuantity, scalable, type Proposal, type Scale } from './hpa-types.js';


export const hpaResyncPeriodMs = 15_000;

export class HorizontalPodAutoscalerController extends Controller {
  private readonly hpas: Informer;
  private readonly pods: Informer;
  private readonly recorder: EventRecorder;
  readonly history = new ScaleHistory();

  constructor(
    private readonly ctx: ControllerContext,
    private readonly metrics: MetricsSource | undefined = ctx.metrics,
  ) {
    super('horizontal-pod-autoscaler', ctx.clock);
    this.hpas = ctx.informers.for('autoscaling', 'horizontalpodautoscalers');
    this.pods = ctx.informers.for('', 'pods');
    this.recorder = ctx.recorder('horizontal-pod-autoscaler');
    const key = (o: KObject) => `${o.metadata.namespace}/${o.metadata.name}`;
    // upstream enqueueHPA: every add waits one resync period (queue.AddRateLimited with a fixed
    // interval limiter), and an add while one is already waiting is dropped, so an HPA is processed
    // once per period however often it changes (its own status writes included)
    this.hpas.addEventHandler({
      onAdd: (o) => this.queue.addAfter(key(o), hpaResyncPeriodMs),
      onUpdate: (_old, o) => this.queue.addAfter(key(o), hpaResyncPeriodMs),
      onDelete: (o) => this.enqueue(key(o)),
    });
  }

  sync(key: string): { requeueAfter: number } | void {
    const [ns, name] = key.split('/') as [string, string];
    const obj = this.hpas.get(ns, name);
    if (!obj) {
      this.history.forget(key);
      return;
    }
    try {
      this.reconcile(key, structuredClone(obj) as HPAT & KObject);
    } catch (e) {
      // upstream logs the error and resyncs at the regular interval
      this.errors.push({ key, error: e });
      if (this.errors.length > 100) this.errors.shift();
    }
    return { requeueAfter: hpaResyncPeriodMs };
  }

  private now(): number {
    return this.clock.now();
  }

  private setCondition(hpa: HPAT, type: string, status: string, reason: string, message: string): void {
    const st = (hpa.status ??= { desiredReplicas: 0 });
    const list = (st.conditions ??= []);
    let c = list.find((x) => x.type === type);
    if (!c) {
      c = { type, status: '' };
      list.push(c);
    }
    if (c.status !== status) c.lastTransitionTime = rfc3339(this.now());
    c.status = status;
    c.reason = reason;
    c.message = message;
  }

  private event(hpa: KObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.recorder.event(hpa, type, reason, message);
  }

  private reconcile(key: string, hpa: HPAT & KObject): void {
    const original = structuredClone(hpa.status ?? null);
    const spec = hpa.spec!;
    const ref = spec.scaleTargetRef;
    const reference = `${ref.kind}/${hpa.metadata.namespace}/${ref.name}`;
    const group = (ref.apiVersion ?? '').includes('/') ? ref.apiVersion!.split('/')[0]! : '';
    const target = scalable[`${group}/${ref.kind}`];
    let scale: Scale;
    try {
      if (!target) throw new Error(`unable to determine resource for scale target reference: no matches for kind "${ref.kind}" in group "${group}"`);
      scale = this.ctx.client.resource(target.group, target.resource).getScale(hpa.metadata.namespace!, ref.name) as Scale;
    } catch (e) {
      const msg = (e as Error).message;
      this.event(hpa, 'Warning', 'FailedGetScale', msg);
      this.setCondition(hpa, 'AbleToScale', 'False', 'FailedGetScale', `the HPA controller was unable to get the target's current scale: ${msg}`);
      this.updateStatusIfNeeded(original, hpa);
      throw new Error(`failed to query scale subresource for ${reference}: ${msg}`);
    }
    this.setCondition(hpa, 'AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale");
    const currentReplicas = scale.spec?.replicas ?? 0;
    const now = this.now();
    this.history.recordInitialRecommendation(currentReplicas, key, now);
    const minReplicas = spec.minReplicas ?? 1;
    let desiredReplicas = 0;
    let rescaleReason = '';
    let rescale = true;
    let metricStatuses: MetricStatusT[] = [];
    let retErr: Error | undefined;
    if (currentReplicas === 0 && minReplicas !== 0) {
      desiredReplicas = 0;
      rescale = false;
      this.setCondition(hpa, 'ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero');
    } else if (currentReplicas > spec.maxReplicas) {
      rescaleReason = 'Current number of replicas above Spec.MaxReplicas';
      desiredReplicas = spec.maxReplicas;
    } else if (currentReplicas < minReplicas) {
      rescaleReason = 'Current number of replicas below Spec.MinReplicas';
      desiredReplicas = minReplicas;
    } else {
      const r = this.computeReplicasForMetrics(hpa, scale, spec.metrics ?? []);
      metricStatuses = r.statuses;
      if (r.error && r.replicas === -1) {
        this.setStatus(hpa, currentReplicas, hpa.status?.desiredReplicas ?? 0, metricStatuses, false);
        this.updateStatusIfNeeded(original, hpa);
        this.event(hpa, 'Warning', 'FailedComputeMetricsReplicas', r.error.message);
        throw new Error(`failed to compute desired number of replicas based on listed metrics for ${reference}: ${r.error.message}`);
      }
      if (r.error) retErr = r.error;
      let rescaleMetric = '';
      if (r.replicas > desiredReplicas) {
        desiredReplicas = r.replicas;
        rescaleMetric = r.metric;
      }
      if (desiredReplicas > currentReplicas) rescaleReason = `${rescaleMetric} above target`;
      if (desiredReplicas < currentReplicas) rescaleReason = 'All metrics below target';
      desiredReplicas = spec.behavior ? this.normalizeWithBehaviors(hpa, key, currentReplicas, desiredReplicas, minReplicas) : this.normalize(hpa, key, currentReplicas, desiredReplicas, minReplicas);
      rescale = desiredReplicas !== currentReplicas;
    }
    if (rescale) {
      try {
        this.ctx.client.resource(target!.group, target!.resource).updateScale(hpa.metadata.namespace!, ref.name, { ...scale, spec: { ...(scale.spec ?? {}), replicas: desiredReplicas } });
      } catch (e) {
        const msg = (e as Error).message;
        this.event(hpa, 'Warning', 'FailedRescale', `New size: ${desiredReplicas}; reason: ${rescaleReason}; error: ${msg}`);
        this.setCondition(hpa, 'AbleToScale', 'False', 'FailedUpdateScale', `the HPA controller was unable to update the target scale: ${msg}`);
        this.setStatus(hpa, currentReplicas, hpa.status?.desiredReplicas ?? 0, metricStatuses, false);
        this.updateStatusIfNeeded(original, hpa);
        throw new Error(`failed to rescale ${reference}: ${msg}`);
      }
      this.setCondition(hpa, 'AbleToScale', 'True', 'SucceededRescale', `the HPA controller was able to update the target scale to ${desiredReplicas}`);
      this.event(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desiredReplicas}; reason: ${rescaleReason}`);
      this.history.storeScaleEvent(spec.behavior as { scaleUp?: Rules; scaleDown?: Rules } | undefined, key, currentReplicas, desiredReplicas, now);
    } else {
      desiredReplicas = currentReplicas;
    }
    this.setStatus(hpa, currentReplicas, desiredReplicas, metricStatuses, rescale);
    this.updateStatusIfNeeded(original, hpa);
    if (retErr) throw retErr;
  }

  private setStatus(hpa: HPAT, currentReplicas: number, desiredReplicas: number, statuses: MetricStatusT[], rescale: boolean): void {
    const old = hpa.status;
    hpa.status = {
      currentReplicas,
      desiredReplicas,
      lastScaleTime: rescale ? rfc3339(this.now()) : old?.lastScaleTime,
      currentMetrics: statuses.length ? statuses : undefined,
      conditions: old?.conditions,
    };
    if (hpa.status.lastScaleTime === undefined) delete hpa.status.lastScaleTime;
    if (hpa.status.currentMetrics === undefined) delete hpa.status.currentMetrics;
  }

  private updateStatusIfNeeded(original: unknown, hpa: HPAT & KObject): void {
    if (deepEqual(original, hpa.status ?? null)) return;
    try {
      this.ctx.client.resource('autoscaling', 'horizontalpodautoscalers').updateStatus(hpa.metadata.namespace!, hpa as KObject);
    } catch (e) {
      this.event(hpa, 'Warning', 'FailedUpdateStatus', (e as Error).message);
      throw new Error(`failed to update status for ${hpa.metadata.name}: ${(e as Error).message}`);
    }
  }

  private normalize(hpa: HPAT, key: string, current: number, prenormalized: number, minReplicas: number): number {
    const stabilized = this.history.stabilizeRecommendation(key, prenormalized, this.now());
    if (stabilized !== prenormalized) this.setCondition(hpa, 'AbleToScale', 'True', 'ScaleDownStabilized', 'recent recommendations were higher than current one, applying the highest recent recommendation');
    else this.setCondition(hpa, 'AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size');
    const r = convertDesiredReplicasWithRules(current, stabilized, minReplicas, hpa.spec!.maxReplicas);
    this.setCondition(hpa, 'ScalingLimited', r.replicas === stabilized ? 'False' : 'True', r.reason, r.message);
    return r.replicas;
  }

  private normalizeWithBehaviors(hpa: HPAT, key: string, current: number, prenormalized: number, minReplicas: number): number {
    const b = hpa.spec!.behavior!;
    const scaleDown = scaleDownRules(b.scaleDown);
    if (scaleDown.stabilizationWindowSeconds == null) scaleDown.stabilizationWindowSeconds = Math.trunc(this.history.downscaleStabilisationWindowMs / 1000);
    const arg = { key, scaleUp: scaleUpRules(b.scaleUp), scaleDown, minReplicas, maxReplicas: hpa.spec!.maxReplicas, currentReplicas: current, desiredReplicas: prenormalized };
    const st = this.history.stabilizeWithBehaviors(arg, this.now());
    if (st.replicas !== prenormalized) this.setCondition(hpa, 'AbleToScale', 'True', st.reason, st.message);
    else this.setCondition(hpa, 'AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size');
    const r = this.history.convertWithBehaviorRate({ ...arg, desiredReplicas: st.replicas }, this.now());
    this.setCondition(hpa, 'ScalingLimited', r.replicas === st.replicas ? 'False' : 'True', r.reason, r.message);
    return r.replicas;
  }

  private computeReplicasForMetrics(hpa: HPAT & KObject, scale: Scale, specs: MetricSpecT[]): { replicas: number; metric: string; statuses: MetricStatusT[]; error?: Error } {
    const selectorStr = scale.status?.selector ?? '';
    let selector: LabelSelectorExpr;
    if (!selectorStr) {
      this.event(hpa, 'Warning', 'SelectorRequired', 'selector is required');
      this.setCondition(hpa, 'ScalingActive', 'False', 'InvalidSelector', "the HPA target's scale is missing a selector");
      return { replicas: -1, metric: '', statuses: [], error: new Error('selector is required') };
    }
    try {
      selector = parseLabelSelector(selectorStr);
    } catch (e) {
      const msg = `couldn't convert selector into a corresponding internal selector object: ${(e as Error).message}`;
      this.event(hpa, 'Warning', 'InvalidSelector', msg);
      this.setCondition(hpa, 'ScalingActive', 'False', 'InvalidSelector', msg);
      return { replicas: -1, metric: '', statuses: [], error: new Error(msg) };
    }
    const specReplicas = scale.spec?.replicas ?? 0;
    const statuses: MetricStatusT[] = [];
    let replicas = 0;
    let metric = '';
    let invalid = 0;
    let firstErr: MetricError | undefined;
    for (const spec of specs) {
      try {
        const p = this.computeReplicasForMetric(hpa, spec, specReplicas, selector);
        statuses.push(p.status);
        if (replicas === 0 || p.replicas > replicas) {
          replicas = p.replicas;
          metric = p.metric;
        }
      } catch (e) {
        statuses.push({ type: '' });
        if (!firstErr) firstErr = e as MetricError;
        invalid++;
      }
    }
    const error = firstErr ? new Error(`invalid metrics (${invalid} invalid out of ${specs.length}), first error is: ${firstErr.message}`) : undefined;
    if (invalid >= specs.length || (invalid > 0 && replicas < specReplicas)) {
      const c = firstErr?.condition;
      if (c) this.setCondition(hpa, c.type, c.status, c.reason ?? '', c.message ?? '');
      return { replicas: -1, metric: '', statuses, error };
    }
    this.setCondition(hpa, 'ScalingActive', 'True', 'ValidMetricFound', `the HPA was able to successfully calculate a replica count from ${metric}`);
    return { replicas, metric, statuses, error };
  }

  private unable(hpa: KObject, reason: string, message: string): MetricError {
    this.event(hpa, 'Warning', reason, message);
    return new MetricError(message, { type: 'ScalingActive', status: 'False', reason, message: `the HPA was unable to compute the replica count: ${message}` });
  }

  private computeReplicasForMetric(hpa: HPAT & KObject, spec: MetricSpecT, specReplicas: number, selector: LabelSelectorExpr): Proposal {
    switch (spec.type) {
      case 'Resource':
      case 'ContainerResource': {
        const container = spec.type === 'ContainerResource' ? (spec.containerResource?.container ?? '') : '';
        const src = spec.type === 'Resource' ? spec.resource! : spec.containerResource!;
        const reason = spec.type === 'Resource' ? 'FailedGetResourceMetric' : 'FailedGetContainerResourceMetric';
        try {
          return this.resourceMetric(hpa, spec.type, src.name, src.target, container, specReplicas, selector);
        } catch (e) {
          throw this.unable(hpa, reason, (e as Error).message);
        }
      }
      case 'Pods':
        throw this.unable(hpa, 'FailedGetPodsMetric', `unable to get metric ${spec.pods?.metric?.name}: no custom metrics API (custom.metrics.k8s.io) registered`);
      case 'Object':
        throw this.unable(hpa, 'FailedGetObjectMetric', `unable to get metric ${spec.object?.metric?.name}: no custom metrics API (custom.metrics.k8s.io) registered`);
      case 'External':
        throw this.unable(hpa, 'FailedGetExternalMetric', `unable to get external metric ${hpa.metadata.namespace}/${spec.external?.metric?.name}: no external metrics API (external.metrics.k8s.io) registered`);
      default: {
        const msg = `unknown metric source type "${spec.type}"`;
        throw this.unable(hpa, 'InvalidMetricSourceType', msg);
      }
    }
  }

  /** computeStatusForResourceMetricGeneric */
  private resourceMetric(hpa: HPAT & KObject, type: string, resource: string, target: { averageValue?: string | number; averageUtilization?: number }, container: string, current: number, selector: LabelSelectorExpr): Proposal {
    const ns = hpa.metadata.namespace!;
    const pods = this.pods.list(ns).filter((p) => matches(selector, p.metadata.labels)) as unknown as CalcPod[];
    const opts = { now: this.now() };
    const key = type === 'Resource' ? 'resource' : 'containerResource';
    const status = (cur: Record<string, unknown>): MetricStatusT => ({ type, [key]: { name: resource, ...(container ? { container } : {}), current: cur } }) as MetricStatusT;
    if (target.averageValue != null) {
      let fetched;
      try {
        fetched = this.fetch(resource, ns, selector, container);
      } catch (e) {
        throw new Error(`failed to get ${resource} usage: unable to get metrics for resource ${resource}: ${(e as Error).message}`);
      }
      let r;
      try {
        r = plainMetricReplicas(current, quantityMilliValue(target.averageValue), resource, pods, fetched.metrics, opts);
      } catch (e) {
        throw new Error(`failed to get ${resource} usage: ${(e as Error).message}`);
      }
      return { replicas: r.replicas, metric: `${resource} resource`, timestamp: fetched.timestamp, status: status({ averageValue: milliQuantity(r.usage) }) };
    }
    if (target.averageUtilization == null) throw new Error('invalid resource metric source: neither an average utilization target nor an average value (usage) target was set');
    let r;
    try {
      const fetched = (() => {
        try {
          return this.fetch(resource, ns, selector, container);
        } catch (e) {
          throw new Error(`unable to get metrics for resource ${resource}: ${(e as Error).message}`);
        }
      })();
      r = resourceReplicas(current, target.averageUtilization, resource, container, pods, fetched.metrics, fetched.timestamp, opts);
    } catch (e) {
      throw new Error(`failed to get ${resource} utilization: ${(e as Error).message}`);
    }
    const metric = type === 'ContainerResource' ? `${resource} container resource utilization (percentage of request)` : `${resource} resource utilization (percentage of request)`;
    return { replicas: r.replicas, metric, timestamp: r.timestamp, status: status({ averageValue: milliQuantity(r.rawUtilization), averageUtilization: r.utilization }) };
  }

  /** The resource metrics client: per-pod sums (or one container's) in milli-units. */
  private fetch(resource: string, ns: string, selector: LabelSelectorExpr, container: string): { metrics: PodMetricsInfo; timestamp: number } {
    if (!this.metrics) throw new Error('unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)');
    const items = this.metrics.podMetrics(ns).filter((m) => matches(selector, m.labels));
    if (items.length === 0) throw new Error('no metrics returned from resource metrics API');
    const out: PodMetricsInfo = new Map();
    for (const m of items) {
      let cs = m.containers;
      if (container) {
        cs = cs.filter((c) => c.name === container);
        if (cs.length === 0) throw new Error(`failed to get container metrics: container ${container} not present in metrics for pod ${m.namespace}/${m.name}`);
      }
      if (cs.length === 0) continue;
      let sum = 0;
      for (const c of cs) sum += resource === 'cpu' ? Math.ceil(c.cpuNanoCores / 1e6) : resource === 'memory' ? c.memoryBytes * 1000 : 0;
      out.set(m.name, { value: sum, timestamp: m.timestamp, windowMs: m.windowMs });
    }
    return { metrics: out, timestamp: items[0]!.timestamp };
  }
}
