/**
 * Helpers for kubelet tests: create a pod bound to a node, step the fake clock in small increments
 * (settling after each, so continuations run at the right times), read the STATUS column through a
 * Table GET, and list a pod's events.
 */
import type { KObject } from '../../src/api/meta.js';
import type { TestCluster } from './cluster.js';

export function pod(name: string, containers: Array<Record<string, unknown>>, spec: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, ...meta }, spec: { nodeName: 'node1', containers, ...spec } };
}

export function createPod(c: TestCluster, obj: Record<string, unknown>, ns = 'default'): KObject {
  return c.client.resource('', 'pods').create(ns, obj);
}

export function getPod(c: TestCluster, name: string, ns = 'default'): any {
  return c.client.resource('', 'pods').get(ns, name);
}

/** Advance the clock by ms in steps of `step` ms, settling after each. */
export async function advance(c: TestCluster, ms: number, step = 100): Promise<void> {
  await c.settle();
  for (let t = 0; t < ms; t += step) {
    c.clock.step(Math.min(step, ms - t));
    await c.settle();
  }
}

/** READY, STATUS, RESTARTS as kubectl get pods prints them (Table GET). */
export async function row(c: TestCluster, name: string, ns = 'default'): Promise<{ ready: string; status: string; restarts: string; ip: string }> {
  const r = await c.req('GET', `/api/v1/namespaces/${ns}/pods/${name}`, undefined, { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' });
  const cells = r.body.rows[0].cells;
  return { ready: cells[1], status: cells[2], restarts: cells[3], ip: cells[5] };
}

/** Events of a pod in creation order: "Reason: message". */
export function events(c: TestCluster, name: string, ns = 'default'): string[] {
  return c.client
    .resource('', 'events')
    .list(ns)
    .items.filter((e: any) => e.involvedObject.name === name)
    .map((e: any) => `${e.reason}: ${e.message}`);
}

export function findEvent(c: TestCluster, name: string, reason: string, ns = 'default'): any[] {
  return c.client
    .resource('', 'events')
    .list(ns)
    .items.filter((e: any) => e.involvedObject.name === name && e.reason === reason);
}
