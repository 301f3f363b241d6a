/**
 * metrics.k8s.io/v1beta1 PodMetrics and NodeMetrics (served read-only, as metrics-server does), and
 * the MetricsSource interface through which the HTTP layer and the HPA controller read them: the
 * source is whatever simulates container use (the kubelets' usage model), wired in at start-up.
 */
import { z } from 'zod';
import { ObjectMeta, Quantity, Time } from '../meta.js';

const M = 'io.k8s.metrics.pkg.apis.metrics.v1beta1';

export const ContainerMetrics = z
  .object({
    name: z.string().describe('Container name, as in the pod spec.'),
    usage: z.record(z.string(), Quantity).describe('The resources the container uses (cpu in nanocores, memory in Ki).'),
  })
  .meta({ id: `${M}.ContainerMetrics`, description: 'The resource use of one container.' });

export const PodMetrics = z
  .object({
    apiVersion: z.string().optional().describe('metrics.k8s.io/v1beta1'),
    kind: z.string().optional().describe('PodMetrics'),
    metadata: z.lazy(() => ObjectMeta).optional().describe('Standard object metadata (the pod\'s name, namespace and labels).'),
    timestamp: Time.describe('The end of the window the use was measured over.'),
    window: z.string().describe('The length of the window the use was measured over.'),
    containers: z.array(ContainerMetrics).describe('The use of each running container.'),
  })
  .meta({ id: `${M}.PodMetrics`, description: 'The resource use of the containers of a pod.' });

export const NodeMetrics = z
  .object({
    apiVersion: z.string().optional().describe('metrics.k8s.io/v1beta1'),
    kind: z.string().optional().describe('NodeMetrics'),
    metadata: z.lazy(() => ObjectMeta).optional().describe('Standard object metadata (the node\'s name and labels).'),
    timestamp: Time.describe('The end of the window the use was measured over.'),
    window: z.string().describe('The length of the window the use was measured over.'),
    usage: z.record(z.string(), Quantity).describe('The resources the node uses.'),
  })
  .meta({ id: `${M}.NodeMetrics`, description: 'The resource use of a node.' });

/** Use of one container, in numbers (the source formats nothing). */
export interface ContainerUsage {
  name: string;
  /** CPU in nanocores. */
  cpuNanoCores: number;
  /** Memory working set in bytes. */
  memoryBytes: number;
}

export interface PodUsage {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  /** When the sample was taken (ms) and over how long (ms). */
  timestamp: number;
  windowMs: number;
  containers: ContainerUsage[];
}

export interface NodeUsage {
  name: string;
  labels: Record<string, string>;
  timestamp: number;
  windowMs: number;
  cpuNanoCores: number;
  memoryBytes: number;
}

/** Where resource metrics come from. Pods without running containers have no metrics (absent). */
export interface MetricsSource {
  podMetrics(namespace: string | undefined): PodUsage[];
  nodeMetrics(): NodeUsage[];
}

/** metrics-server's formatting: cpu as a nanocore quantity ("1234567n"), memory as BinarySI ("12345Ki"). */
export function formatCPU(nanoCores: number): string {
  const n = Math.round(nanoCores);
  return n === 0 ? '0' : `${n}n`;
}

export function formatMemory(bytes: number): string {
  const b = Math.round(bytes);
  if (b === 0) return '0';
  const units = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
  let v = b;
  let i = 0;
  while (i < units.length - 1 && v % 1024 === 0) {
    v /= 1024;
    i++;
  }
  return `${v}${units[i]}`;
}

/** metav1.Duration's String(): Go's time.Duration formatting for whole and fractional seconds. */
export function formatWindow(ms: number): string {
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${(ms / 1000).toString()}s`;
}
