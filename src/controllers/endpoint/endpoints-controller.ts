/**
 * The Endpoints controller (upstream pkg/controller/endpoint/endpoints_controller.go): for every
 * Service with a selector, an Endpoints object of the same name listing the selected pods' IPs as
 * ready addresses or notReadyAddresses, with the ports each pod serves (targetPort by number or by
 * container port name), repacked into subsets; deleted when the Service goes.
 */
import type { EndpointAddressT, EndpointPortT } from '../../api/core/endpoints.js';
import { isApiError } from '../../api/errors.js';
import type { KObject } from '../../api/meta.js';
import { deepEqual } from '../../api/validation.js';
import { rfc3339 } from '../../util/clock.js';
import { Controller } from '../runtime/controller.js';
import type { EventRecorder } from '../runtime/event-recorder.js';
import type { ControllerContext } from '../runtime/manager.js';
import { hasStatusCause, NamespaceTerminatingCause } from '../replicaset/pod-control.js';
import { repackSubsets, type Subset } from './repack.js';
import { TriggerTimeTracker } from './trigger-time-tracker.js';
import { truncateEndpoints } from './truncate.js';
import {
  EndpointsLastChangeTriggerTime,
  EndpointsOverCapacity,
  IsHeadlessService,
  findPort,
  isIPv6,
  isPodReady,
  isServiceIPSet,
  podIPs,
  enqueueServicesOnChange,
  selectorMatches,
  shouldPodBeInEndpoints,
  shouldSetHostname,
  type EPPod,
  type Svc,
  type SvcPort,
} from './util.js';

export const maxCapacity = 1000;

/** podToEndpointAddressForService: the pod IP of the service's (first) family, node and pod reference. */
export function podToEndpointAddressForService(svc: Svc, pod: EPPod): EndpointAddressT | undefined {
  let wantV6 = false;
  const families = svc.spec?.ipFamilies ?? [];
  if (families.length > 0) wantV6 = families[0] === 'IPv6';
  else if (svc.spec?.clusterIP && svc.spec.clusterIP !== 'None') wantV6 = isIPv6(svc.spec.clusterIP);
  else wantV6 = isIPv6(pod.status?.podIP ?? '');
  const ip = podIPs(pod).find((x) => isIPv6(x) === wantV6);
  if (!ip) return undefined;
  const addr: EndpointAddressT = { ip };
  // Upstream points nodeName at pod.spec.nodeName even when empty; an empty name would fail
  // validation, so an unscheduled pod's address simply has none.
  if (pod.spec?.nodeName) addr.nodeName = pod.spec.nodeName;
  addr.targetRef = { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid };
  return addr;
}

function endpointPortFromServicePort(sp: SvcPort, portNum: number): EndpointPortT {
  const p: EndpointPortT = { port: portNum };
  if (sp.name) p.name = sp.name;
  if (sp.protocol) p.protocol = sp.protocol;
  if (sp.appProtocol) p.appProtocol = sp.appProtocol;
  return p;
}

/** The subsets a service should have for these pods (before comparison with what is stored). */
export function computeSubsets(service: Svc, pods: EPPod[]): Subset[] {
  const publishNotReady = service.spec?.publishNotReadyAddresses === true;
  const subsets: Subset[] = [];
  const add = (pod: EPPod, epa: EndpointAddressT, epp: EndpointPortT | undefined) => {
    const ports = epp ? [epp] : [];
    if (publishNotReady || isPodReady(pod)) subsets.push({ addresses: [epa], ports });
    else subsets.push({ notReadyAddresses: [epa], ports });
  };
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
    const ep = podToEndpointAddressForService(service, pod);
    if (!ep) continue;
    const epa = { ...ep };
    if (shouldSetHostname(pod, service)) epa.hostname = pod.spec!.hostname;
    const ports = service.spec?.ports ?? [];
    if (ports.length === 0) {
      if (service.spec?.clusterIP === 'None') add(pod, epa, undefined);
    } else {
      for (const sp of ports) {
        const portNum = findPort(pod, sp);
        if (portNum === undefined) continue;
        add(pod, epa, endpointPortFromServicePort(sp, portNum));
      }
    }
  }
  return repackSubsets(subsets);
}

const withoutRV = (subsets: Subset[] | undefined): unknown =>
  (subsets ?? []).map((s) => {
    const strip = (a: EndpointAddressT[] | undefined) => (a ?? []).map((x) => ({ ...x, targetRef: x.targetRef ? { ...x.targetRef, resourceVersion: undefined } : undefined }));
    return { addresses: strip(s.addresses), notReadyAddresses: strip(s.notReadyAddresses), ports: s.ports ?? [] };
  });

/** endpointSubsetsEqualIgnoreResourceVersion (nil and empty lists alike, as Semantic.DeepEqual). */
export function subsetsEqualIgnoreResourceVersion(a: Subset[] | undefined, b: Subset[] | undefined): boolean {
  return deepEqual(JSON.parse(JSON.stringify(withoutRV(a))), JSON.parse(JSON.stringify(withoutRV(b))));
}

const sameLabels = (a: Record<string, string> | undefined, b: Record<string, string> | undefined) => deepEqual(a ?? {}, b ?? {});

/** capacityAnnotationSetCorrectly. */
function capacityAnnotationSetCorrectly(annotations: Record<string, string> | undefined, subsets: Subset[] | undefined): boolean {
  let n = 0;
  for (const s of subsets ?? []) n += (s.addresses?.length ?? 0) + (s.notReadyAddresses?.length ?? 0);
  if (n > maxCapacity) return false;
  return !(annotations && EndpointsOverCapacity in annotations);
}

export class EndpointsController extends Controller {
  private readonly services;
  private readonly pods;
  private readonly endpoints;
  private readonly recorder: EventRecorder;
  private readonly triggerTimes = new TriggerTimeTracker();

  constructor(private readonly ctx: ControllerContext) {
    super('endpoint-controller', ctx.clock);
    this.recorder = ctx.recorder('endpoint-controller');
    this.services = ctx.informers.for('', 'services');
    this.pods = ctx.informers.for('', 'pods');
    this.endpoints = ctx.informers.for('', 'endpoints');
    const key = (o: KObject) => `${o.metadata.namespace}/${o.metadata.name}`;
    enqueueServicesOnChange(this.services, this.pods, (k) => this.enqueue(k));
    this.endpoints.addEventHandler({ onDelete: (e) => this.enqueue(key(e)) });
  }

  /** checkLeftoverEndpoints: once at start, every Endpoints object is checked for a missing service. */
  override start(): void {
    super.start();
    for (const ep of this.endpoints.list()) {
      if (ep.metadata.annotations?.['control-plane.alpha.kubernetes.io/leader']) continue;
      this.enqueue(`${ep.metadata.namespace}/${ep.metadata.name}`);
    }
  }

  sync(key: string): void {
    const [namespace, name] = key.split('/') as [string, string];
    const service = this.services.get(namespace, name) as Svc | undefined;
    const client = this.ctx.client.resource('', 'endpoints');
    if (!service) {
      try {
        client.delete(namespace, name);
      } catch (e) {
        if (!(isApiError(e) && e.code === 404)) throw e;
      }
      this.triggerTimes.deleteService(namespace, name);
      return;
    }
    if (service.spec?.type === 'ExternalName') return;
    const selector = service.spec?.selector;
    if (!selector) return;
    const pods = (this.pods.list(namespace) as EPPod[]).filter((p) => selectorMatches(selector, p.metadata.labels)).sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
    const triggerTime = this.triggerTimes.compute(namespace, service, pods);
    const subsets = computeSubsets(service, pods);

    const existing = this.endpoints.get(namespace, name) as (KObject & { subsets?: Subset[] }) | undefined;
    const current = existing ?? { metadata: { name, labels: service.metadata.labels } };
    const create = !existing;
    const compareLabels = { ...(current.metadata.labels ?? {}) };
    delete compareLabels[IsHeadlessService];
    if (!create && subsetsEqualIgnoreResourceVersion(current.subsets, subsets) && sameLabels(compareLabels, service.metadata.labels) && capacityAnnotationSetCorrectly(current.metadata.annotations, current.subsets))
      return;

    const next = structuredClone(current) as KObject & { subsets?: Subset[] };
    // subsets is omitempty upstream: an Endpoints object with nothing in it has no subsets field.
    if (subsets.length) next.subsets = subsets;
    else delete next.subsets;
    const labels: Record<string, string> = { ...(service.metadata.labels ?? {}) };
    const annotations: Record<string, string> = { ...(next.metadata.annotations ?? {}) };
    if (triggerTime) annotations[EndpointsLastChangeTriggerTime] = rfc3339(triggerTime);
    else delete annotations[EndpointsLastChangeTriggerTime];
    if (truncateEndpoints(next.subsets ?? [], maxCapacity)) annotations[EndpointsOverCapacity] = 'truncated';
    else delete annotations[EndpointsOverCapacity];
    if (!isServiceIPSet(service)) labels[IsHeadlessService] = '';
    next.metadata.labels = labels;
    if (Object.keys(annotations).length) next.metadata.annotations = annotations;
    else delete next.metadata.annotations;
    try {
      if (create) client.create(namespace, next);
      else client.update(namespace, next);
    } catch (e) {
      if (create && hasStatusCause(e, NamespaceTerminatingCause)) return;
      const msg = e instanceof Error ? e.message : String(e);
      const ref = { ...next, apiVersion: 'v1', kind: 'Endpoints', metadata: { ...next.metadata, namespace } } as KObject;
      if (create) this.recorder.event(ref, 'Warning', 'FailedToCreateEndpoint', `Failed to create endpoint for service ${namespace}/${name}: ${msg}`);
      else this.recorder.event(ref, 'Warning', 'FailedToUpdateEndpoint', `Failed to update endpoint ${namespace}/${name}: ${msg}`);
      throw e;
    }
  }
}
