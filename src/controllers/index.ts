/**
 * Every controller kube-controller-manager runs here, built on the shared context. Add a controller
 * with one line below.
 */
import type { Controller } from './runtime/controller.js';
import type { ControllerContext } from './runtime/manager.js';
import { TaintEvictionController } from './taint-eviction/taint-eviction-controller.js';
import { GarbageCollector } from './garbage-collector/garbage-collector.js';
import { NamespaceController } from './namespace/namespace-controller.js';
import { ReplicaSetController } from './replicaset/controller.js';
import { DeploymentController } from './deployment/controller.js';

export function createControllers(ctx: ControllerContext): Controller[] {
  const list: Controller[] = [];
  void ctx;
  list.push(new GarbageCollector(ctx));
  list.push(new NamespaceController(ctx));
  list.push(new ReplicaSetController(ctx));
  list.push(new DeploymentController(ctx));
  list.push(new TaintEvictionController(ctx));
  return list;
}
