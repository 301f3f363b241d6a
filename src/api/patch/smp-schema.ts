/**
 * Patch metadata for strategic merge patch, read from zod schemas (the role upstream's
 * PatchMetaFromStruct plays with Go struct tags `patchStrategy` / `patchMergeKey`).
 */
import {
  type AnySchema,
  arrayElement,
  keepsUnknownFields,
  kindOf,
  listPatchMeta,
  objectShape,
  recordValue,
  unionOptions,
} from '../schema-walk.js';
import { z } from 'zod';
import { isMap } from './go-format.js';
import { PatchError } from './patch-error.js';

/** Stand-in schema for unknown keys of objects that keep them: free-form. */
const ANY_SCHEMA: AnySchema = z.unknown();

/**
 * A schema position. `undefined` means "no metadata": a field the schema does not know, merged
 * like a merge patch (maps merge, lists replace) while directives are still honoured.
 */
export type Pos = AnySchema | undefined;

export interface PatchMeta {
  strategies: string[];
  mergeKey: string;
}

const NONE: PatchMeta = { strategies: [], mergeKey: '' };

/** Free-form values (z.unknown(), z.any(), preserve-unknown-fields) are merged as JSON merge patch. */
export function isFreeForm(t: Pos): boolean {
  return t !== undefined && kindOf(t) === 'any';
}

/** Pick the union member matching the value's shape (e.g. an object option for a map value). */
function resolve(t: Pos, value: unknown): Pos {
  if (t === undefined || kindOf(t) !== 'union') return t;
  const want = Array.isArray(value) ? ['array', 'any'] : isMap(value) ? ['object', 'record', 'any'] : [];
  return unionOptions(t).find((o) => want.includes(kindOf(o)));
}

/** Go reflect kind name of a schema, as upstream's schema.Name() / error texts print it. */
export function kindName(t: Pos): string {
  if (t === undefined) return 'interface';
  switch (kindOf(t)) {
    case 'object':
      return 'struct';
    case 'record':
      return 'map';
    case 'array':
      return 'slice';
    case 'number':
      return 'int64';
    case 'boolean':
      return 'bool';
    case 'any':
      return 'interface';
    default:
      return 'string';
  }
}

/** LookupPatchMetadataForStruct: the schema of field `key` of map-valued `t`, and its patch metadata. */
export function lookupField(t: Pos, key: string, value: unknown): { sub: Pos; meta: PatchMeta } {
  const r = resolve(t, value);
  if (r === undefined) return { sub: undefined, meta: NONE };
  switch (kindOf(r)) {
    case 'any':
      return { sub: r, meta: NONE };
    case 'record':
      return { sub: recordValue(r), meta: NONE };
    case 'object': {
      const f = objectShape(r)![key];
      if (!f) return { sub: keepsUnknownFields(r) ? ANY_SCHEMA : undefined, meta: NONE };
      const m = listPatchMeta(f);
      return { sub: f, meta: { strategies: m.strategy, mergeKey: m.mergeKey ?? '' } };
    }
    default:
      throw new PatchError(
        'strategic',
        'apply',
        `merging an object in json but data type is not map or struct, instead is: ${kindName(r)}`,
      );
  }
}

/** LookupPatchMetadataForSlice: like lookupField, but returns the list's element schema. */
export function lookupList(t: Pos, key: string, value: unknown): { elem: Pos; meta: PatchMeta } {
  const { sub, meta } = lookupField(t, key, value);
  if (sub === undefined) return { elem: undefined, meta };
  const r = resolve(sub, value);
  if (r === undefined) return { elem: undefined, meta };
  const k = kindOf(r);
  if (k === 'any') return { elem: r, meta };
  if (k !== 'array') {
    const parent = resolve(t, {});
    throw new PatchError('strategic', 'apply', `expected slice or array type, but got: ${kindName(parent)}`);
  }
  return { elem: arrayElement(r), meta };
}

/** extractRetainKeysPatchStrategy: the non-retainKeys strategy ('' when none). */
export function mainStrategy(strategies: string[]): string {
  const bad = () => new PatchError('strategic', 'apply', `unexpected patch strategy: [${strategies.join(' ')}]`);
  switch (strategies.length) {
    case 0:
      return '';
    case 1:
      return strategies[0] === 'retainKeys' ? '' : strategies[0]!;
    case 2:
      if (strategies[0] === 'retainKeys') return strategies[1]!;
      if (strategies[1] === 'retainKeys') return strategies[0]!;
      throw bad();
    default:
      throw bad();
  }
}

