/**
 * The EndpointSlice controller (upstream pkg/controller/endpointslice/endpointslice_controller.go):
 * for every Service with a selector, discovery.k8s.io/v1 EndpointSlices labelled
 * kubernetes.io/service-name and endpointslice.kubernetes.io/managed-by, owned by the Service (the
 * garbage collector removes them with it), kept in step with the selected pods by the reconciler.
 */
import { isApiError } from '../../api/errors.js';
import type { KObject } from '../../api/meta.js';
import { TriggerTimeTracker } from '../endpoint/trigger-time-tracker.js';
import { LabelManagedBy, LabelServiceName, enqueueServicesOnChange, selectorMatches, type EPPod, type Svc } from '../endpoint/util.js';
import { hasStatusCause, NamespaceTerminatingCause } from '../replicaset/pod-control.js';
import { Controller } from '../runtime/controller.js';
import type { EventRecorder } from '../runtime/event-recorder.js';
import type { ControllerContext } from '../runtime/manager.js';
import { convertCreatesToUpdates, reconcile } from './reconciler.js';
import { addTriggerTimeAnnotation, controllerName, maxEndpointsPerSlice, type Slice } from './utils.js';

export class EndpointSliceController extends Controller {
  private readonly services;
  private readonly pods;
  private readonly nodes;
  private readonly slices;
  private readonly recorder: EventRecorder;
  private readonly triggerTimes = new TriggerTimeTracker();
  /** --max-endpoints-per-slice (default 100). */
  maxEndpointsPerSlice = maxEndpointsPerSlice;

  constructor(private readonly ctx: ControllerContext) {
    super('endpointslice-controller', ctx.clock);
    this.recorder = ctx.recorder('endpoint-slice-controller');
    this.services = ctx.informers.for('', 'services');
    this.pods = ctx.informers.for('', 'pods');
    this.nodes = ctx.informers.for('', 'nodes');
    this.slices = ctx.informers.for('discovery.k8s.io', 'endpointslices');
    enqueueServicesOnChange(this.services, this.pods, (k) => this.enqueue(k));
    // A managed slice changed or vanished behind our back: resync its service.
    const sliceService = (s: KObject) => {
      if (s.metadata.labels?.[LabelManagedBy] !== controllerName) return;
      const svc = s.metadata.labels?.[LabelServiceName];
      if (svc) this.enqueue(`${s.metadata.namespace}/${svc}`);
    };
    this.slices.addEventHandler({ onAdd: sliceService, onUpdate: (_o, s) => sliceService(s), onDelete: sliceService });
    // Zones come from node labels: a node's zone change resyncs every service (upstream does this
    // only with topology hints; pods on a node whose zone changed are rare enough).
  }

  sync(key: string): void {
    const [namespace, name] = key.split('/') as [string, string];
    const service = this.services.get(namespace, name) as Svc | undefined;
    if (!service) {
      this.triggerTimes.deleteService(namespace, name);
      return;
    }
    if (service.spec?.type === 'ExternalName') return;
    const selector = service.spec?.selector;
    if (!selector) return;
    const pods = (this.pods.list(namespace) as EPPod[]).filter((p) => selectorMatches(selector, p.metadata.labels)).sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
    const slices = (this.slices.list(namespace) as Slice[])
      .filter((s) => s.metadata.labels?.[LabelServiceName] === name && s.metadata.labels?.[LabelManagedBy] === controllerName)
      .filter((s) => !s.metadata.deletionTimestamp)
      .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
    const triggerTime = this.triggerTimes.compute(namespace, service, pods);
    const errors: string[] = [];
    try {
      for (const raw of reconcile(service, pods, slices, (n) => this.nodes.get('', n), this.maxEndpointsPerSlice)) {
        const plan = convertCreatesToUpdates(service, raw);
        errors.push(...plan.errors);
        this.finalize(service, plan.create, plan.update, plan.delete, triggerTime);
      }
    } catch (e) {
      errors.push(e instanceof Error ? e.message : String(e));
    }
    if (errors.length) {
      const msg = errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`;
      this.recorder.event(service, 'Warning', 'FailedToUpdateEndpointSlices', `Error updating Endpoint Slices for Service ${namespace}/${name}: ${msg}`);
      throw new Error(msg);
    }
  }

  private finalize(service: Svc, create: Slice[], update: Slice[], del: Slice[], triggerTime: number): void {
    const ns = service.metadata.namespace!;
    const client = this.ctx.client.resource('discovery.k8s.io', 'endpointslices');
    if (!service.metadata.deletionTimestamp) {
      for (const s of create) {
        addTriggerTimeAnnotation(s, triggerTime);
        try {
          client.create(ns, s);
        } catch (e) {
          if (hasStatusCause(e, NamespaceTerminatingCause)) return;
          throw new Error(`failed to create EndpointSlice for Service ${ns}/${service.metadata.name}: ${(e as Error).message}`);
        }
      }
    }
    for (const s of update) {
      addTriggerTimeAnnotation(s, triggerTime);
      try {
        client.update(ns, s);
      } catch (e) {
        throw new Error(`failed to update ${s.metadata.name} EndpointSlice for Service ${ns}/${service.metadata.name}: ${(e as Error).message}`);
      }
    }
    for (const s of del) {
      try {
        client.delete(ns, s.metadata.name!);
      } catch (e) {
        if (isApiError(e) && e.code === 404) continue;
        throw new Error(`failed to delete ${s.metadata.name} EndpointSlice for Service ${ns}/${service.metadata.name}: ${(e as Error).message}`);
      }
    }
  }
}
