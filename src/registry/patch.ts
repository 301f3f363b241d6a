/**
 * PATCH for every kind (upstream handlers/patch.go): JSON patch, merge patch, strategic merge patch
 * and server-side apply, applied to the current object inside the same read-modify-write as an update,
 * so a patch without a resourceVersion never conflicts.
 */
import type { z } from 'zod';
import { badRequest } from '../api/errors.js';
import type { KObject } from '../api/meta.js';
import { applyJsonPatch } from '../api/patch/json-patch.js';
import { applyMergePatch } from '../api/patch/merge-patch.js';
import { applyStrategicMergePatch } from '../api/patch/strategic-merge-patch.js';
import { applyPatch as serverSideApply } from '../api/server-side-apply.js';
import { rfc3339 } from '../util/clock.js';
import { decodeBody, parseFieldValidation, type DecodeTarget } from './decode.js';
import { managerName } from './managed-fields-tracker.js';
import type { Registry, UpdateOptions } from './registry.js';
import type { ResourceDef } from './resource-def.js';

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export interface PatchOptions extends UpdateOptions {
  /** Server-side apply: take fields from other managers on conflict. */
  force?: boolean;
}

/** Apply a patch document of `type` to a JSON value whose schema is `schema`. */
export function applyPatchDocument(type: Exclude<PatchType, 'apply'>, current: unknown, patch: unknown, schema: z.ZodType): unknown {
  switch (type) {
    case 'json':
      if (!Array.isArray(patch)) throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
      return applyJsonPatch(current, patch);
    case 'merge':
      if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) throw badRequest('json: cannot unmarshal array into Go value of type map[string]interface {}');
      return applyMergePatch(current, patch);
    case 'strategic':
      if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) throw badRequest('json: cannot unmarshal array into Go value of type map[string]interface {}');
      return applyStrategicMergePatch(current, patch, schema);
  }
}

/**
 * Patch `target` (the object, or a subresource view of it) and return the decoded result.
 * `current` is the present state of the target, or undefined (only apply may create).
 */
export function patchTarget(
  target: DecodeTarget,
  current: KObject | undefined,
  type: PatchType,
  patch: unknown,
  opts: PatchOptions,
  nowMs: number,
  subresource?: string,
): KObject {
  const warnings = opts.warnings ?? [];
  const fv = parseFieldValidation(opts.fieldValidation);
  if (type === 'apply') {
    if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) throw badRequest('error decoding YAML: the body must be a YAML or JSON object');
    if (!opts.fieldManager) throw badRequest('PATCH, PUT, POST requests must specify a fieldManager for apply');
    const applied = decodeBody(target, patch, fv, warnings);
    const out = serverSideApply(current, applied, opts.fieldManager, !!opts.force, target.schema, rfc3339(nowMs), target.apiVersion, subresource);
    return decodeBody(target, out, 'Ignore', warnings);
  }
  const patched = applyPatchDocument(type, current, patch, target.schema);
  return decodeBody(target, patched, fv, warnings);
}

export function patchObject(
  reg: Registry,
  def: ResourceDef,
  namespace: string,
  name: string,
  type: PatchType,
  patch: unknown,
  opts: PatchOptions = {},
): { object: KObject; created: boolean } {
  const target: DecodeTarget = { apiVersion: def.group ? `${def.group}/${def.version}` : def.version, kind: def.kind, schema: def.schema };
  return reg.updateWith(
    def,
    namespace,
    name,
    (current) => {
      const out = patchTarget(target, current, type, patch, { ...opts, fieldManager: type === 'apply' ? opts.fieldManager : managerName(opts) }, reg.clock.now(), opts.subresource);
      def.strategy.defaults?.(out);
      return out;
    },
    { ...opts, forceAllowCreate: type === 'apply' && !opts.subresource, managedFieldsDone: type === 'apply' },
  );
}
