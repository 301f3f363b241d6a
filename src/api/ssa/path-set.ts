/**
 * Field paths and sets of them, as sigs.k8s.io/structured-merge-diff/v4/fieldpath: path elements
 * ("f:name", "k:{...}", "v:value", "i:N"), a trie of members and children, set algebra, and the
 * FieldsV1 JSON form stored in metadata.managedFields.
 */

export type PathElement =
  | { kind: 'f'; name: string }
  | { kind: 'k'; key: Array<[string, unknown]> } // sorted by name
  | { kind: 'v'; value: unknown }
  | { kind: 'i'; index: number };

export type FieldPath = PathElement[];

const sortKeys = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v as object).sort()) o[k] = sortKeys((v as Record<string, unknown>)[k]);
    return o;
  }
  return v;
};

/** The FieldsV1 key of an element: f:name, k:{"name":"web"}, v:"x", i:0. */
export function peKey(pe: PathElement): string {
  switch (pe.kind) {
    case 'f':
      return `f:${pe.name}`;
    case 'k':
      return `k:${JSON.stringify(Object.fromEntries(pe.key.map(([n, v]) => [n, sortKeys(v)])))}`;
    case 'v':
      return `v:${JSON.stringify(sortKeys(pe.value))}`;
    case 'i':
      return `i:${pe.index}`;
  }
}

export function parsePeKey(s: string): PathElement {
  const body = s.slice(2);
  switch (s.slice(0, 2)) {
    case 'f:':
      return { kind: 'f', name: body };
    case 'k:': {
      const o = JSON.parse(body) as Record<string, unknown>;
      return { kind: 'k', key: Object.keys(o).sort().map((k) => [k, o[k]]) };
    }
    case 'v:':
      return { kind: 'v', value: JSON.parse(body) };
    case 'i:':
      return { kind: 'i', index: Number(body) };
  }
  throw new Error(`unknown path element prefix in ${JSON.stringify(s)}`);
}

const rank = { f: 0, k: 1, v: 2, i: 3 } as const;

function valueRank(v: unknown): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'boolean') return 1;
  if (typeof v === 'number') return 2;
  if (typeof v === 'string') return 3;
  if (Array.isArray(v)) return 4;
  return 5;
}

/** value.Compare, for the scalar values keys and sets hold. */
export function compareValues(a: unknown, b: unknown): number {
  const ra = valueRank(a);
  const rb = valueRank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean') return Number(a) - Number(b);
  const sa = typeof a === 'string' ? a : JSON.stringify(sortKeys(a));
  const sb = typeof b === 'string' ? (b as string) : JSON.stringify(sortKeys(b));
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** PathElement.Compare: field names, then keys, then values, then indexes. */
export function comparePe(a: PathElement, b: PathElement): number {
  if (a.kind !== b.kind) return rank[a.kind] - rank[b.kind];
  switch (a.kind) {
    case 'f': {
      const n = (b as { name: string }).name;
      return a.name < n ? -1 : a.name > n ? 1 : 0;
    }
    case 'k': {
      const bk = (b as { key: Array<[string, unknown]> }).key;
      for (let i = 0; i < Math.min(a.key.length, bk.length); i++) {
        const [an, av] = a.key[i]!;
        const [bn, bv] = bk[i]!;
        if (an !== bn) return an < bn ? -1 : 1;
        const c = compareValues(av, bv);
        if (c) return c;
      }
      return a.key.length - bk.length;
    }
    case 'v':
      return compareValues(a.value, (b as { value: unknown }).value);
    case 'i':
      return a.index - (b as { index: number }).index;
  }
}

/** PathElement.String, as conflict messages print paths: .spec.containers[name="web"].image */
export function peString(pe: PathElement): string {
  switch (pe.kind) {
    case 'f':
      return `.${pe.name}`;
    case 'k':
      return `[${pe.key.map(([n, v]) => `${n}=${JSON.stringify(v)}`).join(',')}]`;
    case 'v':
      return `[=${JSON.stringify(pe.value)}]`;
    case 'i':
      return `[${pe.index}]`;
  }
}

export const pathString = (p: FieldPath): string => p.map(peString).join('');

/**
 * A set of field paths: a trie whose nodes are members (the path itself) and/or have children.
 * A set is built by insert(); the results of union/intersection/difference share unchanged subtrees
 * with their inputs, so only a clone() may be mutated further.
 */
export class PathSet {
  readonly members = new Map<string, PathElement>();
  readonly children = new Map<string, { pe: PathElement; set: PathSet }>();

  static of(...paths: FieldPath[]): PathSet {
    const s = new PathSet();
    for (const p of paths) s.insert(p);
    return s;
  }

  /** Insert a path; the empty path (the whole object) is not tracked, as upstream. */
  insert(p: FieldPath): void {
    if (p.length === 0) return;
    let cur: PathSet = this;
    for (let i = 0; i < p.length - 1; i++) cur = cur.child(p[i]!, true)!;
    const last = p[p.length - 1]!;
    cur.members.set(peKey(last), last);
  }

  child(pe: PathElement, create = false, k = peKey(pe)): PathSet | undefined {
    let c = this.children.get(k);
    if (!c && create) {
      c = { pe, set: new PathSet() };
      this.children.set(k, c);
    }
    return c?.set;
  }

  has(p: FieldPath): boolean {
    if (p.length === 0) return false;
    let cur: PathSet | undefined = this;
    for (let i = 0; i < p.length - 1 && cur; i++) cur = cur.child(p[i]!);
    return !!cur && cur.members.has(peKey(p[p.length - 1]!));
  }

  empty(): boolean {
    if (this.members.size) return false;
    for (const c of this.children.values()) if (!c.set.empty()) return false;
    return true;
  }

  /** A deep copy, safe to mutate (the set operations below share unchanged subtrees with their inputs). */
  clone(): PathSet {
    const out = new PathSet();
    for (const [k, pe] of this.members) out.members.set(k, pe);
    for (const [k, c] of this.children) out.children.set(k, { pe: c.pe, set: c.set.clone() });
    return out;
  }

  union(o: PathSet): PathSet {
    const out = new PathSet();
    for (const [k, pe] of this.members) out.members.set(k, pe);
    for (const [k, pe] of o.members) out.members.set(k, pe);
    for (const [k, a] of this.children) {
      const b = o.children.get(k);
      out.children.set(k, b ? { pe: a.pe, set: a.set.union(b.set) } : a);
    }
    for (const [k, b] of o.children) if (!this.children.has(k)) out.children.set(k, b);
    return out;
  }

  intersection(o: PathSet): PathSet {
    const out = new PathSet();
    for (const [k, pe] of this.members) if (o.members.has(k)) out.members.set(k, pe);
    for (const [k, c] of this.children) {
      const d = o.children.get(k);
      if (!d) continue;
      const set = c.set.intersection(d.set);
      if (!set.empty()) out.children.set(k, { pe: c.pe, set });
    }
    return out;
  }

  /** Paths in this set and not in `o` (children of o's members stay). */
  difference(o: PathSet): PathSet {
    const out = new PathSet();
    for (const [k, pe] of this.members) if (!o.members.has(k)) out.members.set(k, pe);
    for (const [k, c] of this.children) {
      const d = o.children.get(k);
      if (!d) {
        if (!c.set.empty()) out.children.set(k, c);
        continue;
      }
      const set = c.set.difference(d.set);
      if (!set.empty()) out.children.set(k, { pe: c.pe, set });
    }
    return out;
  }

  /** Paths in this set that are neither in `o` nor below one of o's members. */
  recursiveDifference(o: PathSet): PathSet {
    const out = new PathSet();
    for (const [k, pe] of this.members) if (!o.members.has(k)) out.members.set(k, pe);
    for (const [k, c] of this.children) {
      if (o.members.has(k)) continue;
      const d = o.children.get(k);
      if (!d) {
        if (!c.set.empty()) out.children.set(k, c);
        continue;
      }
      const set = c.set.recursiveDifference(d.set);
      if (!set.empty()) out.children.set(k, { pe: c.pe, set });
    }
    return out;
  }

  /** Every path, members before children, each level in element order (Set.Iterate). */
  paths(prefix: FieldPath = []): FieldPath[] {
    const out: FieldPath[] = [];
    for (const pe of [...this.members.values()].sort(comparePe)) out.push([...prefix, pe]);
    for (const c of [...this.children.values()].sort((a, b) => comparePe(a.pe, b.pe))) out.push(...c.set.paths([...prefix, c.pe]));
    return out;
  }

  /** The FieldsV1 JSON object: {"f:spec":{"f:replicas":{}},"f:metadata":{"f:labels":{".":{},...}}}. */
  toFieldsV1(): Record<string, unknown> {
    const entries = new Map<string, { pe: PathElement; member: boolean; inner?: Record<string, unknown> }>();
    for (const [k, c] of this.children) {
      const inner = c.set.toFieldsV1();
      for (const _ in inner) {
        entries.set(k, { pe: c.pe, member: false, inner });
        break;
      }
    }
    for (const [k, pe] of this.members) {
      const e = entries.get(k);
      if (e) e.member = true;
      else entries.set(k, { pe, member: true });
    }
    const out: Record<string, unknown> = {};
    for (const [k, e] of [...entries].sort((a, b) => comparePe(a[1].pe, b[1].pe))) {
      if (!e.inner) out[k] = {};
      else if (!e.member) out[k] = e.inner;
      else out[k] = { '.': {}, ...e.inner };
    }
    return out;
  }


  static fromFieldsV1(v: unknown): PathSet {
    const s = new PathSet();
    if (!v || typeof v !== 'object') return s;
    for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
      if (k === '.') continue;
      const pe = parsePeKey(k);
      const c = (child && typeof child === 'object' ? child : {}) as Record<string, unknown>;
      const keys = Object.keys(c);
      if (keys.length === 0 || keys.includes('.')) s.members.set(k, pe);
      if (keys.some((x) => x !== '.')) s.children.set(k, { pe, set: PathSet.fromFieldsV1(c) });
    }
    return s;
  }
}

/**
 * A position in a walk that inserts into several sets at once (Compare fills added, modified and
 * removed): each set's trie node for the position is made only when something is inserted there.
 */
export class PathCursor {
  private readonly nodes: Array<PathSet | undefined>;
  private constructor(
    private readonly up: PathCursor | undefined,
    private readonly pe: PathElement | undefined,
    private readonly key: string | undefined,
    roots: PathSet[] = [],
  ) {
    this.nodes = roots;
  }

  static over(...roots: PathSet[]): PathCursor {
    return new PathCursor(undefined, undefined, undefined, roots);
  }

  child(pe: PathElement, key = peKey(pe)): PathCursor {
    return new PathCursor(this, pe, key);
  }

  /** Insert this position's path into the i-th set (the root, the empty path, is never a member). */
  insert(i: number): void {
    if (this.up) this.up.node(i).members.set(this.key!, this.pe!);
  }

  private node(i: number): PathSet {
    let n = this.nodes[i];
    if (!n) this.nodes[i] = n = this.up!.node(i).child(this.pe!, true, this.key)!;
    return n;
  }
}

/** A path from dotted field names: fieldPath('metadata', 'name'). */
export const fieldPath = (...names: string[]): FieldPath => names.map((name) => ({ kind: 'f', name }));
