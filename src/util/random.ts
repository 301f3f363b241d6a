/**
 * Injected randomness: uids and generateName suffixes come from here, so a seeded run is repeatable.
 */
import { randomBytes, randomUUID } from 'node:crypto';

export interface Random {
  /** A random RFC 4122 v4 uid. */
  uuid(): string;
  /** An integer in [0, n). */
  int(n: number): number;
}

export const cryptoRandom: Random = {
  uuid: () => randomUUID(),
  int: (n) => randomBytes(4).readUInt32BE(0) % n,
};

/** A deterministic generator (mulberry32) for tests. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(next() * 16).toString(16)).join('');
  return {
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(next() * 4)]}${hex(3)}-${hex(12)}`,
    int: (n) => Math.floor(next() * n),
  };
}

/** Upstream's k8s.io/apimachinery/pkg/util/rand alphabet: no vowels, no confusable characters. */
const alphanums = 'bcdfghjklmnpqrstvwxz2456789';

/** A random string of n characters from upstream's alphabet (generateName uses 5). */
export function randomString(random: Random, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphanums[random.int(alphanums.length)];
  return s;
}
