/**
 * kubemu.dev/v1alpha1 Behavior: a cluster-scoped kind that tells the simulated kubelets how matching
 * containers deviate from their image's profile (image pull failures, a start delay, crashing after a
 * while with an exit code, probes failing from some time after start, extra files and listening
 * ports, and the CPU/memory they report using). Pods are matched by label selector, namespace and an
 * image glob; per-pod `kubemu.dev/*` annotations win over Behavior objects (src/kubelet/behaviour.ts).
 */
import { z } from 'zod';
import { type FieldError, Path, invalid, notSupported, required } from '../field-errors.js';
import { LabelSelector, ObjectMeta, Quantity } from '../meta.js';
import { quantityError } from '../quantity.js';
import { validateLabelSelector } from '../selectors/label-selector.js';
import { isDNS1123Label } from '../validation.js';
import { parseGoDuration } from '../../util/go-duration.js';

const int = () => z.number().int();

export const PROBE_KINDS = ['liveness', 'readiness', 'startup'] as const;

export const BehaviorProbeFailure = z
  .object({
    probe: z.string().describe('Which probe fails: liveness, readiness or startup.'),
    after: z.string().optional().describe('From how long after the container started (a duration such as "30s"; default at once).'),
  })
  .meta({ id: 'dev.kubemu.v1alpha1.BehaviorProbeFailure', description: 'Probes of one kind fail from a point in a container\'s life.' });

export const BehaviorSpec = z
  .object({
    selector: LabelSelector.optional().describe('Pods whose labels match; unset matches every pod.'),
    namespaces: z.array(z.string()).optional().describe('Only pods in these namespaces; unset means all.'),
    image: z.string().optional().describe('Only containers whose image matches this glob (* and ?), as written or in canonical form.'),
    containers: z.array(z.string()).optional().describe('Only containers with these names; unset means all.'),
    pullFailure: z.boolean().optional().describe('Image pulls fail: ErrImagePull, then ImagePullBackOff.'),
    pullError: z.string().optional().describe('The pull error message (default: the registry\'s "not found").'),
    startDelay: z.string().optional().describe('Extra time between pulling the image and the container running (a duration).'),
    crashAfter: z.string().optional().describe('The main process exits this long after each start (a duration).'),
    exitCode: int().optional().describe('The exit code of that crash (default 1); alone it means a crash at once.'),
    probeFailures: z.array(BehaviorProbeFailure).optional().describe('Probes that fail regardless of what they check.'),
    files: z.record(z.string(), z.string()).optional().describe('Extra files in the container: absolute path to content.'),
    ports: z.array(int()).optional().describe('Extra TCP ports the container listens on.'),
    usage: z.record(z.string(), Quantity).optional().describe('Resource use the container reports: cpu and memory, as quantities or a percentage of the request ("80%").'),
  })
  .meta({ id: 'dev.kubemu.v1alpha1.BehaviorSpec', description: 'Which containers a Behavior applies to, and what it makes them do.' });

export const Behavior = z
  .object({
    apiVersion: z.string().optional().describe('kubemu.dev/v1alpha1'),
    kind: z.string().optional().describe('Behavior'),
    metadata: z.lazy(() => ObjectMeta).describe('Standard object metadata.'),
    spec: BehaviorSpec.optional().describe('Matching and overrides.'),
  })
  .meta({ id: 'dev.kubemu.v1alpha1.Behavior', description: 'Simulated container behaviour for matching pods (kubemu only).' });
export type BehaviorT = z.infer<typeof Behavior>;
export type BehaviorSpecT = z.infer<typeof BehaviorSpec>;

function duration(v: string | undefined, p: Path): FieldError[] {
  if (v === undefined) return [];
  const d = parseGoDuration(v);
  if (typeof d === 'string') return [invalid(p, v, d)];
  if (d < 0) return [invalid(p, v, 'must be greater than or equal to 0')];
  return [];
}

export function validateBehaviorSpec(spec: BehaviorSpecT, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (spec.selector) errs.push(...validateLabelSelector(spec.selector, p.child('selector')));
  (spec.namespaces ?? []).forEach((ns, i) => errs.push(...isDNS1123Label(ns).map((m) => invalid(p.child('namespaces').index(i), ns, m))));
  if (spec.image !== undefined && spec.image === '') errs.push(required(p.child('image'), 'an image glob, or leave the field out'));
  errs.push(...duration(spec.startDelay, p.child('startDelay')), ...duration(spec.crashAfter, p.child('crashAfter')));
  if (spec.exitCode !== undefined && (spec.exitCode < 0 || spec.exitCode > 255)) errs.push(invalid(p.child('exitCode'), spec.exitCode, 'must be between 0 and 255, inclusive'));
  (spec.probeFailures ?? []).forEach((f, i) => {
    const fp = p.child('probeFailures').index(i);
    if (!f.probe) errs.push(required(fp.child('probe'), ''));
    else if (!(PROBE_KINDS as readonly string[]).includes(f.probe)) errs.push(notSupported(fp.child('probe'), f.probe, [...PROBE_KINDS]));
    errs.push(...duration(f.after, fp.child('after')));
  });
  for (const path of Object.keys(spec.files ?? {})) if (!path.startsWith('/')) errs.push(invalid(p.child('files').key(path), path, 'must be an absolute path'));
  (spec.ports ?? []).forEach((port, i) => {
    if (port < 1 || port > 65535) errs.push(invalid(p.child('ports').index(i), port, 'must be between 1 and 65535, inclusive'));
  });
  for (const [name, q] of Object.entries(spec.usage ?? {})) {
    if (name !== 'cpu' && name !== 'memory') errs.push(notSupported(p.child('usage').key(name), name, ['cpu', 'memory']));
    else if (!(typeof q === 'string' && /^\d+(\.\d+)?%$/.test(q))) {
      const qe = quantityError(q);
      if (qe) errs.push(invalid(p.child('usage').key(name), q, qe));
    }
  }
  return errs;
}

export function validateBehavior(b: BehaviorT): FieldError[] {
  return validateBehaviorSpec(b.spec ?? {}, new Path().child('spec'));
}

export function validateBehaviorUpdate(b: BehaviorT, _old: BehaviorT): FieldError[] {
  return validateBehavior(b);
}
