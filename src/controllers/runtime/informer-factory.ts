/** Shared informers: one per resource (and namespace/selector), shared by every controller. */
import type { Client } from '../../client/client.js';
import { Informer } from '../../client/informer.js';

export class InformerFactory {
  private readonly informers = new Map<string, Informer>();
  private started = false;

  constructor(readonly client: Client) {}

  /** The shared informer for group/resource across all namespaces. */
  for(group: string, resource: string): Informer {
    const key = `${group}/${resource}`;
    let inf = this.informers.get(key);
    if (!inf) {
      inf = new Informer(this.client.resource(group, resource));
      this.informers.set(key, inf);
      if (this.started) inf.start();
    }
    return inf;
  }

  start(): void {
    this.started = true;
    for (const inf of this.informers.values()) inf.start();
  }

  stop(): void {
    this.started = false;
    for (const inf of this.informers.values()) inf.stop();
  }
}
