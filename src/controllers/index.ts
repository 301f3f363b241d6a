/**
 * Every controller kube-controller-manager runs here, built on the shared context. Add a controller
 * with one line below.
 */
import type { Controller } from './runtime/controller.js';
import type { ControllerContext } from './runtime/manager.js';
import { JobController } from './job/controller.js';
import { CronJobController } from './cronjob/controller.js';
import { TTLAfterFinishedController } from './ttl-after-finished/ttl-after-finished-controller.js';
import { TaintEvictionController } from './taint-eviction/taint-eviction-controller.js';
import { GarbageCollector } from './garbage-collector/garbage-collector.js';
import { NamespaceController } from './namespace/namespace-controller.js';
import { ReplicaSetController } from './replicaset/controller.js';
import { DeploymentController } from './deployment/controller.js';
import { createVolumeControllers } from './volume/index.js';
import { EndpointsController } from './endpoint/endpoints-controller.js';
import { EndpointSliceController } from './endpointslice/endpointslice-controller.js';
import { HorizontalPodAutoscalerController } from './podautoscaler/horizontal.js';
import { RootCACertPublisher, ServiceAccountsController } from './serviceaccount/namespace-defaults.js';
import { TaintNodesByConditionController } from './node-lifecycle/taint-nodes-by-condition.js';
import { NodeRegistrationEvents } from './node-lifecycle/node-registration-events.js';

export function createControllers(ctx: ControllerContext): Controller[] {
  const list: Controller[] = [];
  void ctx;
  list.push(new GarbageCollector(ctx));
  list.push(new NamespaceController(ctx));
  list.push(new ReplicaSetController(ctx));
  list.push(new DeploymentController(ctx));
  list.push(...createVolumeControllers(ctx));
  list.push(new JobController(ctx));
  list.push(new CronJobController(ctx));
  list.push(new TTLAfterFinishedController(ctx));
  list.push(new TaintEvictionController(ctx));
  list.push(new HorizontalPodAutoscalerController(ctx));
  list.push(new EndpointsController(ctx));
  list.push(new EndpointSliceController(ctx));
  list.push(new ServiceAccountsController(ctx));
  list.push(new RootCACertPublisher(ctx));
  list.push(new TaintNodesByConditionController(ctx));
  list.push(new NodeRegistrationEvents(ctx));
  return list;
}
