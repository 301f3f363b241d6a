/**
 * Simulated CPU and memory use of running containers, from data: a small steady idle use per image
 * profile (deterministic per pod and container), overridden by pod annotations:
 *   kubemu.dev/cpu-usage: "400m" or "80%" (of the container's cpu request, else its limit)
 *   kubemu.dev/memory-usage: "200Mi" or "50%" (of the memory request, else its limit)
 *   kubemu.dev/usage-from: "30s" (the override applies from this long after the container started)
 * A suffix ".<container>" on the first two keys targets one container. kubemu.dev/v1alpha1 Behavior
 * objects may set the same per container (spec.usage.cpu / .memory); the caller resolves those with
 * the annotations (behaviour.ts) and passes the result. Pure: the pod, `now` and overrides in.
 */
import { hex64, imageProfile } from './images.js';
import { quantityMilliValue } from '../api/quantity.js';
import { parseGoDuration } from '../util/go-duration.js';

export const CPUUsageAnnotation = 'kubemu.dev/cpu-usage';
export const MemoryUsageAnnotation = 'kubemu.dev/memory-usage';
export const UsageFromAnnotation = 'kubemu.dev/usage-from';

/** Idle memory per image profile (bytes); other images use the default. */
const idleMemory: Record<string, number> = { nginx: 3 << 20, busybox: 256 << 10, default: 2 << 20 };

type Res = { requests?: Record<string, string | number>; limits?: Record<string, string | number> };
export interface UsagePod {
  metadata: { uid?: string; name?: string; annotations?: Record<string, string> };
  spec?: { containers?: Array<{ name: string; image?: string; resources?: Res }> };
  status?: { containerStatuses?: Array<{ name: string; state?: { running?: { startedAt?: string } } }> };
}

export interface Usage {
  cpuNanoCores: number;
  memoryBytes: number;
}

/** A deterministic number in [0, 1) from a string. */
function unit(s: string): number {
  return parseInt(hex64(s).slice(0, 8), 16) / 0x100000000;
}

/** The idle use: cpu 1m-5m, memory the profile's base plus up to 1 MiB, in whole 4 KiB pages. */
export function idleUsage(seed: string, image: string): Usage {
  const cpu = 1e6 + Math.floor(unit(`${seed}/cpu`) * 4e6);
  const base = idleMemory[imageProfile(image).name] ?? idleMemory.default!;
  const mem = base + Math.floor(unit(`${seed}/mem`) * 256) * 4096;
  return { cpuNanoCores: cpu, memoryBytes: mem };
}

/** An override value: a quantity, or a percentage of the request (else limit); undefined when unusable. */
export function overrideValue(v: string | undefined, resource: 'cpu' | 'memory', res: Res | undefined): number | undefined {
  if (!v) return undefined;
  const s = v.trim();
  try {
    if (s.endsWith('%')) {
      const pct = Number(s.slice(0, -1));
      const of = res?.requests?.[resource] ?? res?.limits?.[resource];
      if (!Number.isFinite(pct) || of === undefined) return undefined;
      return (quantityValueExact(of) * pct) / 100;
    }
    return quantityValueExact(s);
  } catch {
    return undefined;
  }
}

/** The quantity as a float (cpu cores or bytes), not rounded up to whole units. */
function quantityValueExact(q: string | number): number {
  if (typeof q === 'number') return q;
  const m = /^([0-9.]+)(n|u|m)$/.exec(q);
  if (m) return Number(m[1]) * { n: 1e-9, u: 1e-6, m: 1e-3 }[m[2] as 'n' | 'u' | 'm'];
  return quantityMilliValue(q) / 1000;
}

/**
 * The use of one container at `now`, or undefined when it is not running. `overrides` is the
 * container's resolved behaviour usage (Behavior objects merged with the pod's annotations, see
 * behaviour.ts); without it the pod's annotations alone are read.
 */
export function containerUsage(pod: UsagePod, containerName: string, now: number, overrides?: { cpu?: string; memory?: string }): Usage | undefined {
  const ctr = pod.spec?.containers?.find((c) => c.name === containerName);
  const st = pod.status?.containerStatuses?.find((c) => c.name === containerName);
  const startedAt = st?.state?.running?.startedAt;
  if (!ctr || !st?.state?.running) return undefined;
  const usage = idleUsage(`${pod.metadata.uid ?? pod.metadata.name}/${containerName}`, ctr.image ?? '');
  const ann = pod.metadata.annotations ?? {};
  const fromRaw = ann[UsageFromAnnotation];
  if (fromRaw) {
    const from = parseGoDuration(fromRaw);
    const start = startedAt ? Date.parse(startedAt) : NaN;
    if (typeof from !== 'number' || Number.isNaN(start) || now < start + from) return usage;
  }
  const cpuRaw = overrides ? overrides.cpu : (ann[`${CPUUsageAnnotation}.${containerName}`] ?? ann[CPUUsageAnnotation]);
  const memRaw = overrides ? overrides.memory : (ann[`${MemoryUsageAnnotation}.${containerName}`] ?? ann[MemoryUsageAnnotation]);
  const cpu = overrideValue(cpuRaw, 'cpu', ctr.resources);
  const mem = overrideValue(memRaw, 'memory', ctr.resources);
  if (cpu !== undefined) usage.cpuNanoCores = Math.round(cpu * 1e9);
  if (mem !== undefined) usage.memoryBytes = Math.ceil(mem / 4096) * 4096;
  return usage;
}

/** A node's own use besides its pods: about 40-60m cpu and 400-500 MiB. */
export function nodeSystemUsage(nodeName: string): Usage {
  return { cpuNanoCores: 40e6 + Math.floor(unit(`${nodeName}/cpu`) * 20e6), memoryBytes: (400 << 20) + Math.floor(unit(`${nodeName}/mem`) * 25600) * 4096 };
}
