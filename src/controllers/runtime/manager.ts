/**
 * The controller manager: shared informers and the controllers (Cluster.settle() in src/app.ts waits
 * until they and the kubelets are idle).
 */
import type { Client } from '../../client/client.js';
import type { Clock } from '../../util/clock.js';
import type { Controller } from './controller.js';
import { EventRecorder } from './event-recorder.js';
import { InformerFactory } from './informer-factory.js';

/** What a controller constructor gets. */
export interface ControllerContext {
  /** A client whose writes carry the field manager 'kube-controller-manager'. */
  client: Client;
  clock: Clock;
  informers: InformerFactory;
  /** An event recorder with the given source component (e.g. 'deployment-controller'). */
  recorder(component: string): EventRecorder;
  /** Resource metrics (metrics.k8s.io), when something simulates container use (the HPA reads them). */
  metrics?: import('../../api/metrics/metrics.js').MetricsSource;
}

export class ControllerManager {
  readonly informers: InformerFactory;
  readonly controllers: Controller[] = [];
  readonly context: ControllerContext;

  constructor(client: Client, clock: Clock) {
    const c = client.withManager('kube-controller-manager');
    this.informers = new InformerFactory(c);
    this.context = { client: c, clock, informers: this.informers, recorder: (component) => new EventRecorder(c, clock, component) };
  }

  add(...controllers: Controller[]): void {
    this.controllers.push(...controllers);
  }

  start(): void {
    this.informers.start();
    for (const c of this.controllers) c.start();
  }

  stop(): void {
    for (const c of this.controllers) c.stop();
    this.informers.stop();
  }

  idle(): boolean {
    return this.controllers.every((c) => c.idle());
  }
}
