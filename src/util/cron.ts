/**
 * Cron schedules as github.com/robfig/cron/v3 parses and evaluates them (the library upstream's
 * CronJob validation and controller use through cron.ParseStandard): fields as 64-bit sets with the
 * star bit, `*`/`?`, ranges, `a-b/n`, `n/step`, lists, month and weekday names, descriptors
 * (@yearly ... @hourly, @every <duration>), a TZ=/CRON_TZ= prefix, and SpecSchedule.Next's field-by-
 * field search in the schedule's zone (DST gaps and overlaps handled as robfig does). Error texts are
 * robfig's. Times are milliseconds since the epoch.
 */
import { LOCAL, UTC, loadLocationError } from './time-zone.js';
import { parseGoDuration } from './go-duration.js';
import { CronError, MASK64, SpecSchedule, dom, dow, every, hours, minutes, months, seconds, starBit, type Bounds, type Schedule } from './cron-schedule.js';

export * from './cron-schedule.js';

// Parse options, as robfig's ParseOption bits.
export const Second = 1 << 0;
export const SecondOptional = 1 << 1;
export const Minute = 1 << 2;
export const Hour = 1 << 3;
export const Dom = 1 << 4;
export const Month = 1 << 5;
export const Dow = 1 << 6;
export const DowOptional = 1 << 7;
export const Descriptor = 1 << 8;

const places = [Second, Minute, Hour, Dom, Month, Dow];
const defaults = ['0', '0', '0', '*', '*', '*'];

/** A configurable parser (robfig's cron.NewParser). */
export class Parser {
  constructor(readonly options: number) {
    let optionals = 0;
    if (options & DowOptional) optionals++;
    if (options & SecondOptional) optionals++;
    if (optionals > 1) throw new CronError('multiple optionals may not be configured');
  }

  /** Parse a spec; throws CronError with robfig's message. */
  parse(spec: string): Schedule {
    if (spec.length === 0) throw new CronError('empty spec string');
    let loc = LOCAL;
    if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
      const i = spec.indexOf(' ');
      const eq = spec.indexOf('=');
      const name = i < 0 ? spec.slice(eq + 1) : spec.slice(eq + 1, i);
      const err = loadLocationError(name);
      if (err !== undefined || i < 0) throw new CronError(`provided bad location ${name}: ${err ?? 'missing schedule'}`);
      loc = name === '' ? UTC : name;
      spec = spec.slice(i).trim();
    }
    if (spec.startsWith('@')) {
      if ((this.options & Descriptor) === 0) throw new CronError(`parser does not accept descriptors: ${spec}`);
      return parseDescriptor(spec, loc);
    }
    const fields = normalizeFields(goFields(spec), this.options);
    return new SpecSchedule(
      getField(fields[0]!, seconds),
      getField(fields[1]!, minutes),
      getField(fields[2]!, hours),
      getField(fields[3]!, dom),
      getField(fields[4]!, months),
      getField(fields[5]!, dow),
      loc,
    );
  }
}

/** strings.Fields: split on runs of white space. */
function goFields(s: string): string[] {
  return s.split(/\s+/).filter((x) => x !== '');
}

/** Fill omitted and optional fields with defaults, checking the count against the options. */
export function normalizeFields(fields: string[], options: number): string[] {
  let optionals = 0;
  if (options & SecondOptional) {
    options |= Second;
    optionals++;
  }
  if (options & DowOptional) {
    options |= Dow;
    optionals++;
  }
  if (optionals > 1) throw new CronError('multiple optionals may not be configured');
  const max = places.filter((p) => options & p).length;
  const min = max - optionals;
  const count = fields.length;
  if (count < min || count > max) {
    const shown = `[${fields.join(' ')}]`;
    if (min === max) throw new CronError(`expected exactly ${min} fields, found ${count}: ${shown}`);
    throw new CronError(`expected ${min} to ${max} fields, found ${count}: ${shown}`);
  }
  if (min < max && count === min) {
    if (options & DowOptional) fields = [...fields, defaults[5]!];
    else if (options & SecondOptional) fields = [defaults[0]!, ...fields];
    else throw new CronError('unknown optional field');
  }
  const out = [...defaults];
  let n = 0;
  places.forEach((p, i) => {
    if (options & p) out[i] = fields[n++]!;
  });
  return out;
}

/** A comma-separated list of ranges. */
export function getField(field: string, r: Bounds): bigint {
  let bits = 0n;
  for (const expr of field.split(',').filter((x) => x !== '')) bits |= getRange(expr, r);
  return bits;
}

/** number | number "-" number [ "/" number ], or `*`/`?` [ "/" number ]. */
export function getRange(expr: string, r: Bounds): bigint {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0]!.split('-');
  const singleDigit = lowAndHigh.length === 1;
  let start: bigint;
  let end: bigint;
  let step: bigint;
  let extra = 0n;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = BigInt(r.min);
    end = BigInt(r.max);
    extra = starBit;
  } else {
    start = parseIntOrName(lowAndHigh[0]!, r.names);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1]!, r.names);
    else throw new CronError(`too many hyphens: ${expr}`);
  }
  if (rangeAndStep.length === 1) step = 1n;
  else if (rangeAndStep.length === 2) {
    step = mustParseInt(rangeAndStep[1]!);
    // "N/step" means "N-max/step".
    if (singleDigit) end = BigInt(r.max);
    if (step > 1n) extra = 0n;
  } else throw new CronError(`too many slashes: ${expr}`);

  if (start < BigInt(r.min)) throw new CronError(`beginning of range (${start}) below minimum (${r.min}): ${expr}`);
  if (end > BigInt(r.max)) throw new CronError(`end of range (${end}) above maximum (${r.max}): ${expr}`);
  if (start > end) throw new CronError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0n) throw new CronError(`step of range should be a positive number: ${expr}`);
  return getBits(Number(start), Number(end), Number(step)) | extra;
}

function parseIntOrName(expr: string, names?: Record<string, number>): bigint {
  if (names) {
    const v = names[expr.toLowerCase()];
    if (v !== undefined) return BigInt(v);
  }
  return mustParseInt(expr);
}

/** strconv.Atoi with robfig's wrapping and the non-negative check. */
function mustParseInt(expr: string): bigint {
  const num = atoi(expr);
  if (typeof num === 'string') throw new CronError(`failed to parse int from ${expr}: ${num}`);
  if (num < 0n) throw new CronError(`negative number (${num}) not allowed: ${expr}`);
  return num;
}

/** Go's strconv.Atoi: an optional sign and decimal digits; the error text otherwise. */
function atoi(s: string): bigint | string {
  const q = JSON.stringify(s);
  if (!/^[+-]?[0-9]+$/.test(s)) return `strconv.Atoi: parsing ${q}: invalid syntax`;
  const v = BigInt(s);
  if (v > (1n << 63n) - 1n || v < -(1n << 63n)) return `strconv.Atoi: parsing ${q}: value out of range`;
  return v;
}

/** All bits in [min, max] at the given step. */
export function getBits(min: number, max: number, step: number): bigint {
  if (step === 1) return ~(MASK64 << BigInt(max + 1)) & (MASK64 << BigInt(min)) & MASK64;
  let bits = 0n;
  for (let i = min; i <= max; i += step) bits |= 1n << BigInt(i);
  return bits;
}

/** Every value of the bounds, plus the star bit. */
export function all(r: Bounds): bigint {
  return getBits(r.min, r.max, 1) | starBit;
}

function parseDescriptor(descriptor: string, loc: string): Schedule {
  const one = (r: Bounds) => 1n << BigInt(r.min);
  switch (descriptor) {
    case '@yearly':
    case '@annually':
      return new SpecSchedule(one(seconds), one(minutes), one(hours), one(dom), one(months), all(dow), loc);
    case '@monthly':
      return new SpecSchedule(one(seconds), one(minutes), one(hours), one(dom), all(months), all(dow), loc);
    case '@weekly':
      return new SpecSchedule(one(seconds), one(minutes), one(hours), all(dom), all(months), one(dow), loc);
    case '@daily':
    case '@midnight':
      return new SpecSchedule(one(seconds), one(minutes), one(hours), all(dom), all(months), all(dow), loc);
    case '@hourly':
      return new SpecSchedule(one(seconds), one(minutes), all(hours), all(dom), all(months), all(dow), loc);
  }
  const prefix = '@every ';
  if (descriptor.startsWith(prefix)) {
    const d = parseGoDuration(descriptor.slice(prefix.length));
    if (typeof d === 'string') throw new CronError(`failed to parse duration ${descriptor}: ${d}`);
    return every(d);
  }
  throw new CronError(`unrecognized descriptor: ${descriptor}`);
}

/** cron.ParseStandard's parser: minute hour dom month dow, and descriptors. */
export const standardParser = new Parser(Minute | Hour | Dom | Month | Dow | Descriptor);

/** cron.ParseStandard: throws CronError with robfig's message. */
export function parseStandard(spec: string): Schedule {
  return standardParser.parse(spec);
}

/** cron.ParseStandard as (schedule, error). */
export function tryParseStandard(spec: string): { schedule: Schedule; error?: undefined } | { schedule?: undefined; error: string } {
  try {
    return { schedule: parseStandard(spec) };
  } catch (e) {
    if (e instanceof CronError) return { error: e.message };
    throw e;
  }
}
