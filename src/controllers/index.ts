/**
 * Every controller kube-controller-manager runs here, built on the shared context. Add a controller
 * with one line below.
 */
import type { Controller } from './runtime/controller.js';
import type { ControllerContext } from './runtime/manager.js';

export function createControllers(ctx: ControllerContext): Controller[] {
  const list: Controller[] = [];
  void ctx;
  return list;
}
