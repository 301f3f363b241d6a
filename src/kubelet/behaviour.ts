/**
 * Behaviour overrides as data, in one place: what the kubelet consults when it pulls an image, starts
 * a container and runs probes (NodeRuntime.behaviour). Two sources, merged field by field:
 *  1. kubemu.dev/v1alpha1 Behavior objects matching the pod (namespaces, label selector) and the
 *     container (image glob, container names), applied in name order (later names win);
 *  2. the pod's `kubemu.dev/<key>` annotations, which win over Behavior objects, and
 *     `kubemu.dev/<key>.<container>` annotations, which win over both for that container.
 * Annotation keys: pull-failure ("true", "false" or an error message), start-delay, crash-after
 * (durations), exit-code, probe-failure ("liveness", "readiness@30s,startup", "none"), files (a JSON
 * object of path to content), ports ("8080,9090"), cpu-usage and memory-usage (quantities, or a
 * percentage of the container's request; the metrics side reads these in usage.ts).
 * Values that do not parse are ignored.
 */
import type { KObject } from '../api/meta.js';
import { labelSelectorMatches } from '../api/selectors/label-selector.js';
import { quantityError } from '../api/quantity.js';
import { parseGoDuration } from '../util/go-duration.js';
import { canonicalImage } from './images.js';
import type { ContainerBehaviour } from './node-runtime.js';

export const BEHAVIOUR_PREFIX = 'kubemu.dev/';

type ProbeKind = 'liveness' | 'readiness' | 'startup';
const PROBES: ProbeKind[] = ['liveness', 'readiness', 'startup'];

export interface BehaviorSpecLike {
  selector?: { matchLabels?: Record<string, string>; matchExpressions?: Array<{ key: string; operator: string; values?: string[] }> };
  namespaces?: string[];
  image?: string;
  containers?: string[];
  pullFailure?: boolean;
  pullError?: string;
  startDelay?: string;
  crashAfter?: string;
  exitCode?: number;
  probeFailures?: Array<{ probe: string; after?: string }>;
  files?: Record<string, string>;
  ports?: number[];
  usage?: Record<string, string | number>;
}

/** A glob with * (any run of characters, '/' included) and ? (one character). */
export function globMatch(pattern: string, s: string): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`).test(s);
}

/** An image glob matches the image as written or in its canonical form (docker.io/library/nginx:1.27). */
export function imageMatches(pattern: string, image: string): boolean {
  return globMatch(pattern, image) || globMatch(pattern, canonicalImage(image));
}

/** Does a Behavior apply to this container of this pod? */
export function behaviorMatches(spec: BehaviorSpecLike, pod: KObject, container: { name: string; image?: string }): boolean {
  if (spec.namespaces?.length && !spec.namespaces.includes(pod.metadata.namespace ?? '')) return false;
  if (spec.selector && !labelSelectorMatches(spec.selector as never, pod.metadata.labels ?? {})) return false;
  if (spec.containers?.length && !spec.containers.includes(container.name)) return false;
  if (spec.image && !imageMatches(spec.image, container.image ?? '')) return false;
  return true;
}

/** A usage value: a quantity, or a percentage of the container's request (as usage.ts reads it). */
const usageOK = (v: string | number) => (typeof v === 'string' && /^\d+(\.\d+)?%$/.test(v.trim())) || !quantityError(v);

const ms = (d: string | undefined): number | undefined => {
  if (d === undefined) return undefined;
  const v = parseGoDuration(d.trim());
  return typeof v === 'number' && v >= 0 ? v : undefined;
};

/** The overrides a Behavior spec sets. */
export function fromSpec(spec: BehaviorSpecLike): ContainerBehaviour {
  const b: ContainerBehaviour = {};
  if (spec.pullFailure) b.pullError = spec.pullError ?? '';
  const delay = ms(spec.startDelay);
  if (delay !== undefined) b.startDelayMs = delay;
  const crash = ms(spec.crashAfter);
  if (crash !== undefined) b.exitAfterMs = crash;
  if (spec.exitCode !== undefined) {
    b.exitCode = spec.exitCode;
    if (b.exitAfterMs === undefined) b.exitAfterMs = 0;
  }
  for (const f of spec.probeFailures ?? []) {
    if (!(PROBES as string[]).includes(f.probe)) continue;
    const from = f.after === undefined ? 0 : ms(f.after);
    if (from !== undefined) (b.probeFailures ??= {})[f.probe as ProbeKind] = from;
  }
  if (spec.files) b.files = { ...spec.files };
  if (spec.ports?.length) b.ports = [...spec.ports];
  for (const k of ['cpu', 'memory'] as const) {
    const q = spec.usage?.[k];
    if (q !== undefined && usageOK(q)) (b.usage ??= {})[k] = String(q);
  }
  return b;
}

/** Apply one annotation (key without prefix and container suffix) on top of b. */
function applyAnnotation(b: ContainerBehaviour, key: string, raw: string): void {
  const v = raw.trim();
  switch (key) {
    case 'pull-failure':
      if (v === 'false') delete b.pullError;
      else b.pullError = v === 'true' ? '' : v;
      return;
    case 'start-delay': {
      const d = ms(v);
      if (d !== undefined) b.startDelayMs = d;
      return;
    }
    case 'crash-after': {
      const d = ms(v);
      if (d !== undefined) b.exitAfterMs = d;
      return;
    }
    case 'exit-code': {
      if (!/^\d+$/.test(v) || Number(v) > 255) return;
      b.exitCode = Number(v);
      if (b.exitAfterMs === undefined) b.exitAfterMs = 0;
      return;
    }
    case 'probe-failure': {
      if (v === 'none' || v === '') {
        delete b.probeFailures;
        return;
      }
      const out: ContainerBehaviour['probeFailures'] = {};
      for (const part of v.split(',').map((p) => p.trim()).filter(Boolean)) {
        const [kind, after] = part.split('@') as [string, string | undefined];
        const from = after === undefined ? 0 : ms(after);
        if (!(PROBES as string[]).includes(kind) || from === undefined) return;
        out[kind as ProbeKind] = from;
      }
      b.probeFailures = out;
      return;
    }
    case 'files': {
      try {
        const obj = JSON.parse(v) as unknown;
        if (obj && typeof obj === 'object' && !Array.isArray(obj) && Object.entries(obj).every(([p, c]) => p.startsWith('/') && typeof c === 'string')) b.files = { ...(b.files ?? {}), ...(obj as Record<string, string>) };
      } catch {
        // not JSON: ignored
      }
      return;
    }
    case 'ports': {
      const ports = v.split(',').map((p) => p.trim());
      if (ports.every((p) => /^\d+$/.test(p) && Number(p) >= 1 && Number(p) <= 65535)) b.ports = ports.map(Number);
      return;
    }
    case 'cpu-usage':
    case 'memory-usage':
      if (usageOK(v)) (b.usage ??= {})[key === 'cpu-usage' ? 'cpu' : 'memory'] = v;
      return;
  }
}

function merge(into: ContainerBehaviour, b: ContainerBehaviour): ContainerBehaviour {
  const out: ContainerBehaviour = { ...into, ...b };
  if (into.probeFailures || b.probeFailures) out.probeFailures = { ...(into.probeFailures ?? {}), ...(b.probeFailures ?? {}) };
  if (into.files || b.files) out.files = { ...(into.files ?? {}), ...(b.files ?? {}) };
  if (into.usage || b.usage) out.usage = { ...(into.usage ?? {}), ...(b.usage ?? {}) };
  return out;
}

/** Everything that applies to one container of a pod. */
export function resolveBehaviour(pod: KObject, container: { name: string; image?: string }, behaviors: KObject[]): ContainerBehaviour {
  let b: ContainerBehaviour = {};
  const sorted = [...behaviors].sort((x, y) => ((x.metadata.name ?? '') < (y.metadata.name ?? '') ? -1 : 1));
  for (const obj of sorted) {
    const spec = (obj.spec ?? {}) as BehaviorSpecLike;
    if (behaviorMatches(spec, pod, container)) b = merge(b, fromSpec(spec));
  }
  const ann = pod.metadata.annotations ?? {};
  const general: Array<[string, string]> = [];
  const specific: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(ann)) {
    if (!k.startsWith(BEHAVIOUR_PREFIX)) continue;
    const name = k.slice(BEHAVIOUR_PREFIX.length);
    const dot = name.indexOf('.');
    if (dot < 0) general.push([name, v]);
    else if (name.slice(dot + 1) === container.name) specific.push([name.slice(0, dot), v]);
  }
  for (const [k, v] of general) applyAnnotation(b, k, v);
  for (const [k, v] of specific) applyAnnotation(b, k, v);
  return b;
}
