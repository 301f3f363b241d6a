/**
 * Completion index intervals as upstream's indexed_job_utils.go (orderedIntervals): parsing
 * "1,3-5" strings leniently (parseIndexesFromString, for the controller) and strictly
 * (validateIndexesFormat, for validation), merging, formatting, membership.
 */

export interface Interval {
  first: number;
  last: number;
}

/** Go's strconv.Atoi for the values these strings hold; NaN when it would fail. */
function atoi(s: string | undefined): number {
  if (s === undefined || !/^[+-]?\d+$/.test(s)) return NaN;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : NaN;
}

export class OrderedIntervals {
  constructor(readonly intervals: Interval[] = []) {}

  /** parseIndexesFromString: malformed parts are skipped; indexes >= completions are dropped. */
  static parse(indexesStr: string | undefined | null, completions: number): OrderedIntervals {
    const result: Interval[] = [];
    if (!indexesStr) return new OrderedIntervals(result);
    let lastInterval: Interval | undefined;
    for (const intervalStr of indexesStr.split(',')) {
      const limits = intervalStr.split('-');
      const first = atoi(limits[0]);
      if (Number.isNaN(first)) continue;
      if (first >= completions) break;
      let last = first;
      if (limits.length > 1) {
        last = atoi(limits[1]);
        if (Number.isNaN(last)) continue;
        if (last >= completions) last = completions - 1;
      }
      if (lastInterval && lastInterval.last === first - 1) lastInterval.last = last;
      else {
        lastInterval = { first, last };
        result.push(lastInterval);
      }
    }
    return new OrderedIntervals(result);
  }

  /** withOrderedIndexes: these (sorted) indexes added. */
  withOrderedIndexes(newIndexes: number[]): OrderedIntervals {
    return this.merge(new OrderedIntervals(newIndexes.map((i) => ({ first: i, last: i }))));
  }

  merge(other: OrderedIntervals): OrderedIntervals {
    const result: Interval[] = [];
    let lastInterval: Interval | undefined;
    const add = (t: Interval) => {
      if (!lastInterval || t.first > lastInterval.last + 1) {
        lastInterval = { ...t };
        result.push(lastInterval);
      } else if (lastInterval.last < t.last) lastInterval.last = t.last;
    };
    const a = this.intervals;
    const b = other.intervals;
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      if (a[i]!.first < b[j]!.first) add(a[i++]!);
      else add(b[j++]!);
    }
    while (i < a.length) add(a[i++]!);
    while (j < b.length) add(b[j++]!);
    return new OrderedIntervals(result);
  }

  total(): number {
    return this.intervals.reduce((n, v) => n + v.last - v.first + 1, 0);
  }

  has(ix: number): boolean {
    let lo = 0;
    let hi = this.intervals.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.intervals[mid]!.last < ix) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.intervals.length && this.intervals[lo]!.first <= ix;
  }

  toString(): string {
    let out = '';
    for (const v of this.intervals) {
      if (out.length > 0) out += ',';
      out += String(v.first);
      if (v.last > v.first) out += (v.last === v.first + 1 ? ',' : '-') + String(v.last);
    }
    return out;
  }
}

/** validateIndexesFormat: the number of indexes, or the first error (upstream's message). */
export function parseIndexesStrict(indexesStr: string, completions: number): { total: number; error?: string } {
  if (indexesStr.length === 0) return { total: 0 };
  let lastIndex: number | undefined;
  let total = 0;
  for (const intervalStr of indexesStr.split(',')) {
    const limits = intervalStr.split('-');
    if (limits.length > 2)
      return { total: 0, error: `the fragment "${intervalStr}" violates the requirement that an index interval can have at most two parts separated by '-'` };
    const x = atoi(limits[0]);
    if (Number.isNaN(x)) return { total: 0, error: `cannot convert string to integer for index: "${limits[0]}"` };
    if (x >= completions) return { total: 0, error: `too large index: "${limits[0]}"` };
    if (lastIndex !== undefined && lastIndex >= x) return { total: 0, error: `non-increasing order, previous: ${lastIndex}, current: ${x}` };
    total += 1;
    lastIndex = x;
    if (limits.length > 1) {
      const y = atoi(limits[1]);
      if (Number.isNaN(y)) return { total: 0, error: `cannot convert string to integer for index: "${limits[1]}"` };
      if (y >= completions) return { total: 0, error: `too large index: "${limits[1]}"` };
      if (lastIndex >= y) return { total: 0, error: `non-increasing order, previous: ${lastIndex}, current: ${y}` };
      total += y - x;
      lastIndex = y;
    }
  }
  return { total };
}
