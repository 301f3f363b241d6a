/**
 * Small builders for core/v1 schemas that keep the conventions of src/api/schema-walk.ts:
 * named types keep their `.meta({ id })` even when a field gives them its own description.
 */
import { z } from 'zod';
import type { SchemaMeta } from '../schema-walk.js';

export const CORE_V1 = 'io.k8s.api.core.v1';

/** A named core/v1 type: `.meta({ id: 'io.k8s.api.core.v1.<name>', description })`. */
export function named<T extends z.ZodType>(name: string, s: T, description: string, extra: SchemaMeta = {}): T {
  return s.meta({ id: `${CORE_V1}.${name}`, description, ...extra }) as T;
}

/** An optional field. Describing the optional wrapper leaves the named inner schema (and its id) alone. */
export function opt<T extends z.ZodType>(s: T, description: string): z.ZodOptional<T> {
  return s.optional().describe(description);
}

/**
 * A required field. A lazy wrapper carries the field's description so a named type keeps its id
 * (`.describe()` on the named schema itself would clone it without the id).
 */
export function req<T extends z.ZodType>(s: T, description: string): z.ZodLazy<T> {
  return z.lazy(() => s).describe(description);
}

/** An optional list field with its OpenAPI list extensions. */
export function list<T extends z.ZodType>(el: T, description: string, ext: SchemaMeta = {}): z.ZodOptional<z.ZodArray<T>> {
  return z.array(el).optional().meta({ description, ...ext });
}

/** An optional list replaced as a whole by patches (`x-kubernetes-list-type: atomic`). */
export function atomicList<T extends z.ZodType>(el: T, description: string): z.ZodOptional<z.ZodArray<T>> {
  return list(el, description, { 'x-kubernetes-list-type': 'atomic' });
}

/** An optional list merged by key in strategic merge patch and server-side apply. */
export function mapList<T extends z.ZodType>(
  el: T,
  description: string,
  keys: string[],
  patch?: { mergeKey: string; strategy: string },
): z.ZodOptional<z.ZodArray<T>> {
  const ext: SchemaMeta = { 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': keys };
  if (patch) {
    ext['x-kubernetes-patch-merge-key'] = patch.mergeKey;
    ext['x-kubernetes-patch-strategy'] = patch.strategy;
  }
  return list(el, description, ext);
}

export const int = () => z.number().int();
export const str = () => z.string();
export const bool = () => z.boolean();
export const strMap = () => z.record(z.string(), z.string());

/** A volume source's optional `fsType` field. */
export const fsType = () => opt(str(), 'Filesystem type to mount, such as ext4 or xfs.');
/** A volume source's optional `readOnly` field. */
export const readOnly = () => opt(bool(), 'Mount read-only.');
