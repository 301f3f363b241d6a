/**
 * controller.ComputeHash: FNV-32a over a deterministic dump of the pod template (upstream uses spew
 * with sorted keys; we use JSON with sorted keys and unset/empty values dropped), plus the
 * collisionCount as 8 bytes (uint32 little endian, then zeros), printed in decimal and mapped through
 * rand.SafeEncodeString's alphabet. Stable across runs and restarts.
 */

/** rand.SafeEncodeString's alphabet: no vowels, no 0/1/3, so no words and no look-alikes. */
const alphanums = 'bcdfghjklmnpqrstvwxz2456789';

/** rand.SafeEncodeString. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) out += alphanums[b % alphanums.length];
  return out;
}

/** FNV-1a, 32 bits. */
export function fnv32a(data: Uint8Array, h = 0x811c9dc5): number {
  for (const b of data) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function stable(v: unknown): unknown {
  if (Array.isArray(v)) return v.length === 0 ? undefined : v.map((x) => stable(x) ?? null);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = stable((v as Record<string, unknown>)[k]);
      if (x !== undefined) out[k] = x;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return v === null ? undefined : v;
}

/** The deterministic serialization hashed by computeHash. */
export function deepHashString(obj: unknown): string {
  return JSON.stringify(stable(obj) ?? {});
}

/** ComputeHash(template, collisionCount): the pod-template-hash label value. */
export function computeHash(template: unknown, collisionCount?: number | null): string {
  let h = fnv32a(Buffer.from(deepHashString(template), 'utf8'));
  if (collisionCount !== undefined && collisionCount !== null) {
    const b = Buffer.alloc(8);
    b.writeUInt32LE(collisionCount >>> 0, 0);
    h = fnv32a(b, h);
  }
  return safeEncodeString(String(h));
}
