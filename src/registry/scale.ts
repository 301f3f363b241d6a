/**
 * The /scale subresource (autoscaling/v1 Scale) for kinds with a ScaleDef: read replicas and the
 * selector from the object, write spec.replicas back through the object's own update path.
 */
import { z } from 'zod';
import { invalid, conflict, OBJECT_MODIFIED } from '../api/errors.js';
import { invalid as fieldInvalid } from '../api/field-errors.js';
import type { KObject, LabelSelectorT } from '../api/meta.js';
import { ObjectMeta } from '../api/meta.js';
import { labelSelectorString } from '../api/selectors/label-selector.js';
import { decodeBody, parseFieldValidation, type DecodeTarget } from './decode.js';
import { patchTarget, type PatchOptions, type PatchType } from './patch.js';
import { groupResource, type Registry, type UpdateOptions } from './registry.js';
import type { ResourceDef, ScaleDef } from './resource-def.js';

export const ScaleSchema = z
  .object({
    apiVersion: z.string().optional().describe('The versioned schema of this representation of an object.'),
    kind: z.string().optional().describe('The REST resource this object represents.'),
    metadata: ObjectMeta.optional(),
    spec: z
      .object({ replicas: z.number().int().optional().describe('The desired number of instances of the scaled object.') })
      .optional()
      .meta({ id: 'io.k8s.api.autoscaling.v1.ScaleSpec', description: 'The desired scale.' }),
    status: z
      .object({
        replicas: z.number().int().describe('The actual number of observed instances of the scaled object.'),
        selector: z.string().optional().describe('The label query over pods that should match the replicas count, in string form.'),
      })
      .optional()
      .meta({ id: 'io.k8s.api.autoscaling.v1.ScaleStatus', description: 'The current status of a scale subresource.' }),
  })
  .meta({ id: 'io.k8s.api.autoscaling.v1.Scale', description: 'Scale represents a scaling request for a resource.' });

const scaleTarget: DecodeTarget = { apiVersion: 'autoscaling/v1', kind: 'Scale', schema: ScaleSchema };

function getPath(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const p of path.split('.')) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[p] : undefined;
  return cur;
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur = obj;
  for (const p of parts.slice(0, -1)) {
    if (!cur[p] || typeof cur[p] !== 'object') cur[p] = {};
    cur = cur[p] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]!] = value;
}

export function scaleOf(obj: KObject, sd: ScaleDef): KObject {
  const md = obj.metadata;
  const sel = getPath(obj, sd.selectorPath) as LabelSelectorT | undefined;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: md.name, namespace: md.namespace, uid: md.uid, resourceVersion: md.resourceVersion, creationTimestamp: md.creationTimestamp },
    spec: { replicas: (getPath(obj, sd.specReplicasPath) as number | undefined) ?? 0 },
    status: { replicas: (getPath(obj, sd.statusReplicasPath) as number | undefined) ?? 0, selector: sel ? labelSelectorString(sel) : '' },
  };
}

function scaleDef(def: ResourceDef): ScaleDef {
  return def.subresources!.scale!;
}

export function getScale(reg: Registry, def: ResourceDef, namespace: string, name: string): KObject {
  return scaleOf(reg.get(def, namespace, name), scaleDef(def));
}

/** Write a new Scale: its spec.replicas goes to the object; a resourceVersion in it is a precondition. */
function writeScale(reg: Registry, def: ResourceDef, namespace: string, name: string, produce: (currentScale: KObject) => KObject, opts: UpdateOptions): KObject {
  const sd = scaleDef(def);
  const { object } = reg.updateWith(
    def,
    namespace,
    name,
    (current) => {
      const cur = current!;
      const scale = produce(scaleOf(cur, sd));
      const rv = scale.metadata?.resourceVersion;
      if (rv && rv !== cur.metadata.resourceVersion) throw conflict(groupResource(def), name, OBJECT_MODIFIED);
      const replicas = (scale.spec as { replicas?: number } | undefined)?.replicas ?? 0;
      if (replicas < 0)
        throw invalid({ group: 'autoscaling', kind: 'Scale' }, name, [fieldInvalid('spec.replicas', replicas, 'must be greater than or equal to 0')]);
      setPath(cur as Record<string, unknown>, sd.specReplicasPath, replicas);
      return cur;
    },
    // Recorded in managedFields as subresource "scale" (upstream ScaleHandler.ToParent), apiVersion of the parent.
    { ...opts, subresource: 'scale' },
  );
  return scaleOf(object, sd);
}

export function updateScale(reg: Registry, def: ResourceDef, namespace: string, name: string, body: unknown, opts: UpdateOptions = {}): KObject {
  const scale = decodeBody(scaleTarget, body, parseFieldValidation(opts.fieldValidation), opts.warnings ?? []);
  if (scale.metadata.name && scale.metadata.name !== name)
    throw invalid({ group: 'autoscaling', kind: 'Scale' }, scale.metadata.name, [fieldInvalid('metadata.name', scale.metadata.name, `must match the name of the object: ${name}`)]);
  return writeScale(reg, def, namespace, name, () => scale, opts);
}

export function patchScale(reg: Registry, def: ResourceDef, namespace: string, name: string, type: PatchType, patch: unknown, opts: PatchOptions = {}): KObject {
  return writeScale(reg, def, namespace, name, (current) => patchTarget(scaleTarget, current, type, patch, opts, reg.clock.now(), 'scale'), opts);
}
