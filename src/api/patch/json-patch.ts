/**
 * RFC 6902 JSON patch as the apiserver applies it: gopkg.in/evanphx/json-patch.v4 (DecodePatch +
 * Patch.Apply), including its quirks (replace of a missing object key adds it, copy of a missing key
 * copies null, negative array indices count from the end) and its error texts.
 */
import { ApiError } from '../errors.js';
import { type JsonMap, cloneJson, isMap, jsonEqual, jsonTypeWord } from './go-format.js';
import { PatchError, patchError } from './patch-error.js';

/** handlers/patch.go maxJSONPatchOperations */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

type Container = JsonMap | unknown[];
type Op = JsonMap | null;

const MISSING = 'missing value';
const INVALID_INDEX = 'invalid index referenced';

const fail = (message: string) => new PatchError('json', 'apply', message);

/** strconv.Atoi */
function atoi(s: string): number | Error {
  if (!/^[+-]?\d+$/.test(s)) return new Error(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (!Number.isSafeInteger(n)) return new Error(`strconv.Atoi: parsing ${JSON.stringify(s)}: value out of range`);
  return n;
}

const invalidIndex = (i: number) => new Error(`Unable to access invalid index: ${i}: ${INVALID_INDEX}`);

/** RFC 6901 reference token decoding: "~1" -> "/", "~0" -> "~". */
export function decodePointerToken(k: string): string {
  return k.replace(/~[01]/g, (m) => (m === '~1' ? '/' : '~'));
}

/** container.get: the value (undefined when an object key is absent), or an error for arrays. */
function get(c: Container, key: string): unknown | Error {
  if (!Array.isArray(c)) return Object.prototype.hasOwnProperty.call(c, key) ? c[key] : undefined;
  let i = atoi(key);
  if (i instanceof Error) return i;
  if (i < 0) {
    if (i < -c.length) return invalidIndex(i);
    i += c.length;
  }
  if (i >= c.length) return invalidIndex(i);
  return c[i];
}

function set(c: Container, key: string, v: unknown): void {
  if (!Array.isArray(c)) {
    c[key] = v;
    return;
  }
  let i = atoi(key) as number; // get() succeeded before set() is called
  if (i < 0) i += c.length;
  c[i] = v;
}

function add(c: Container, key: string, v: unknown): Error | undefined {
  if (!Array.isArray(c)) {
    c[key] = v;
    return undefined;
  }
  if (key === '-') {
    c.push(v);
    return undefined;
  }
  let i = atoi(key);
  if (i instanceof Error) return new Error(`value was not a proper array index: '${key}': ${i.message}`);
  const size = c.length + 1;
  if (i >= size) return invalidIndex(i);
  if (i < 0) {
    if (i < -size) return invalidIndex(i);
    i += size;
  }
  c.splice(i, 0, v);
  return undefined;
}

function remove(c: Container, key: string): Error | undefined {
  if (!Array.isArray(c)) {
    if (!Object.prototype.hasOwnProperty.call(c, key)) return new Error(`Unable to remove nonexistent key: ${key}: ${MISSING}`);
    delete c[key];
    return undefined;
  }
  let i = atoi(key);
  if (i instanceof Error) return i;
  if (i >= c.length) return invalidIndex(i);
  if (i < 0) {
    if (i < -c.length) return invalidIndex(i);
    i += c.length;
  }
  c.splice(i, 1);
  return undefined;
}

/** findObject: the container holding the last token of `path`, and that token. */
function findObject(doc: Container, path: string): { con: Container; key: string } | undefined {
  const split = path.split('/');
  if (split.length < 2) return undefined;
  let cur: Container = doc;
  for (const part of split.slice(1, -1)) {
    const next = get(cur, decodePointerToken(part));
    if (next instanceof Error || next === null || next === undefined) return undefined;
    if (Array.isArray(next) || isMap(next)) cur = next;
    else return undefined;
  }
  return { con: cur, key: decodePointerToken(split[split.length - 1]!) };
}

/** Operation.Path / Operation.From */
function field(op: Op, name: 'path' | 'from'): string | Error {
  const v = op?.[name];
  if (v === undefined || v === null) {
    return new Error(name === 'path' ? `operation missing path field: ${MISSING}` : `operation, missing from field: ${MISSING}`);
  }
  if (typeof v !== 'string') return new Error(`json: cannot unmarshal ${jsonTypeWord(v)} into Go value of type string`);
  return v;
}

function kind(op: Op): string {
  const v = op?.op;
  return typeof v === 'string' ? v : 'unknown';
}

/** Operation.value(): undefined when the op has no "value" member. */
const value = (op: Op): unknown => (op && Object.prototype.hasOwnProperty.call(op, 'value') ? cloneJson(op.value) : undefined);
const orNull = (v: unknown) => (v === undefined ? null : v);

interface State {
  doc: Container;
}

function opAdd(s: State, op: Op): void {
  const path = field(op, 'path');
  if (path instanceof Error) throw fail(`add operation failed to decode path: ${MISSING}`);
  const f = findObject(s.doc, path);
  if (!f) throw fail(`add operation does not apply: doc is missing path: "${path}": ${MISSING}`);
  const err = add(f.con, f.key, orNull(value(op)));
  if (err) throw fail(`error in add for path: '${path}': ${err.message}`);
}

function opRemove(s: State, op: Op): void {
  const path = field(op, 'path');
  if (path instanceof Error) throw fail(`remove operation failed to decode path: ${MISSING}`);
  const f = findObject(s.doc, path);
  if (!f) throw fail(`remove operation does not apply: doc is missing path: "${path}": ${MISSING}`);
  const err = remove(f.con, f.key);
  if (err) throw fail(`error in remove for path: '${path}': ${err.message}`);
}

function opReplace(s: State, op: Op): void {
  const path = field(op, 'path');
  if (path instanceof Error) throw fail(`replace operation failed to decode path: ${path.message}`);
  if (path === '') {
    const v = value(op);
    if (!isMap(v) && !Array.isArray(v)) throw fail('replace operation value must be object or array: %!w(<nil>)');
    s.doc = v;
    return;
  }
  const f = findObject(s.doc, path);
  if (!f) throw fail(`replace operation does not apply: doc is missing path: ${path}: ${MISSING}`);
  if (get(f.con, f.key) instanceof Error) throw fail(`replace operation does not apply: doc is missing key: ${path}: ${MISSING}`);
  set(f.con, f.key, orNull(value(op)));
}

function opMove(s: State, op: Op): void {
  const from = field(op, 'from');
  if (from instanceof Error) throw fail(`move operation failed to decode from: ${from.message}`);
  const src = findObject(s.doc, from);
  if (!src) throw fail(`move operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
  const val = get(src.con, src.key);
  if (val instanceof Error) throw fail(`error in move for path: '${src.key}': ${val.message}`);
  const rmErr = remove(src.con, src.key);
  if (rmErr) throw fail(`error in move for path: '${src.key}': ${rmErr.message}`);
  const path = field(op, 'path');
  if (path instanceof Error) throw fail(`move operation failed to decode path: ${path.message}`);
  const dst = findObject(s.doc, path);
  if (!dst) throw fail(`move operation does not apply: doc is missing destination path: ${path}: ${MISSING}`);
  const err = add(dst.con, dst.key, orNull(val));
  if (err) throw fail(`error in move for path: '${path}': ${err.message}`);
}

function opTest(s: State, op: Op): void {
  const path = field(op, 'path');
  if (path instanceof Error) throw fail(`test operation failed to decode path: ${path.message}`);
  const failed = () => fail(`testing value ${path} failed: test failed`);
  if (path === '') {
    if (!jsonEqual(s.doc, value(op))) throw failed();
    return;
  }
  const f = findObject(s.doc, path);
  if (!f) throw fail(`test operation does not apply: is missing path: ${path}: ${MISSING}`);
  const val = get(f.con, f.key);
  if (val instanceof Error) throw fail(`error in test for path: '${path}': ${val.message}`);
  const want = value(op);
  if (val === undefined || val === null) {
    if (want === undefined || want === null) return;
    throw failed();
  }
  if (want === undefined || want === null || !jsonEqual(val, want)) throw failed();
}

function opCopy(s: State, op: Op): void {
  const from = field(op, 'from');
  if (from instanceof Error) throw fail(`copy operation failed to decode from: ${from.message}`);
  const src = findObject(s.doc, from);
  if (!src) throw fail(`copy operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
  const val = get(src.con, src.key);
  if (val instanceof Error) throw fail(`error in copy for from: '${from}': ${val.message}`);
  const path = field(op, 'path');
  if (path instanceof Error) throw fail(`copy operation failed to decode path: ${MISSING}`);
  const dst = findObject(s.doc, path);
  if (!dst) throw fail(`copy operation does not apply: doc is missing destination path: ${path}: ${MISSING}`);
  const err = add(dst.con, dst.key, orNull(cloneJson(val)));
  if (err) throw fail(`error while adding value during copy: ${err.message}`);
}

const OPS: Record<string, (s: State, op: Op) => void> = {
  add: opAdd,
  remove: opRemove,
  replace: opReplace,
  move: opMove,
  test: opTest,
  copy: opCopy,
};

/** jsonpatch.DecodePatch: the operations, or a decode error (json.Unmarshal into []map[string]*RawMessage). */
export function decodeJsonPatch(ops: unknown): Op[] {
  if (ops === null) return [];
  if (!Array.isArray(ops)) {
    throw new PatchError('json', 'decode', `json: cannot unmarshal ${jsonTypeWord(ops)} into Go value of type jsonpatch.Patch`);
  }
  return ops.map((o) => {
    if (o === null) return null;
    if (!isMap(o)) throw new PatchError('json', 'decode', `json: cannot unmarshal ${jsonTypeWord(o)} into Go value of type jsonpatch.Operation`);
    return o;
  });
}

/** Apply decoded operations; throws PatchError with the library's text. Never mutates its inputs. */
export function applyJsonPatchOps(doc: unknown, ops: Op[]): unknown {
  if (!isMap(doc) && !Array.isArray(doc)) throw fail('Invalid JSON Document');
  const s: State = { doc: cloneJson(doc) };
  for (const op of ops) {
    const k = kind(op);
    const fn = OPS[k];
    if (!fn) throw fail(`Unexpected kind: ${k}`);
    fn(s, op);
  }
  return s.doc;
}

/**
 * Apply an RFC 6902 patch (the parsed body of an application/json-patch+json request) to `doc`.
 * Returns a new value; throws ApiError as the apiserver answers: malformed patch 400, more than
 * 10000 operations 413, an operation that does not apply 422.
 */
export function applyJsonPatch(doc: unknown, ops: unknown): unknown {
  try {
    const decoded = decodeJsonPatch(ops);
    if (decoded.length > MAX_JSON_PATCH_OPERATIONS) {
      throw new ApiError(
        413,
        'RequestEntityTooLarge',
        `Request entity too large: The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${decoded.length}`,
      );
    }
    return applyJsonPatchOps(doc, decoded);
  } catch (e) {
    throw patchError(e);
  }
}
