/**
 * Label selectors as k8s.io/apimachinery/pkg/labels: the string syntax ("app=web,tier in (a,b),!x"),
 * requirements, matching and printing. Error text is upstream's, word for word.
 */
import { type FieldError, Path, fieldErrorString, invalid, notSupported, omitValue } from '../field-errors.js';
import { isQualifiedName, isValidLabelValue } from '../validation.js';

/** selection.Operator values. */
export type Operator = '!' | '=' | '==' | 'in' | '!=' | 'notin' | 'exists' | 'gt' | 'lt';

export interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

/** A parsed selector: requirements ANDed, sorted by key. `nothing` selects nothing (labels.Nothing()). */
export interface LabelSelectorExpr {
  requirements: Requirement[];
  nothing?: boolean;
}

export type Labels = Record<string, string> | undefined | null;

/** A selector that does not parse or a requirement that is not valid. */
export class SelectorError extends Error {}

const unaryOperators: Operator[] = ['exists', '!'];
export const binaryOperators: Operator[] = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];
const validRequirementOperators: Operator[] = [...binaryOperators, ...unaryOperators];

export const everything = (): LabelSelectorExpr => ({ requirements: [] });
export const nothing = (): LabelSelectorExpr => ({ requirements: [], nothing: true });

/** Selector.Empty(): true when it does not restrict anything. */
export const isEmpty = (s: LabelSelectorExpr): boolean => !s.nothing && s.requirements.length === 0;

/** field.ErrorList.ToAggregate().Error(): messages deduplicated, one alone or "[a, b]". */
export function aggregateMessage(errs: FieldError[]): string {
  const msgs = [...new Set(errs.map((e) => (e.field ? fieldErrorString(e) : `: ${fieldErrorString(e)}`)))];
  return msgs.length === 1 ? msgs[0]! : `[${msgs.join(', ')}]`;
}

export const pathStr = (p: Path | undefined) => (p ? p.toString() : '<nil>');
const child = (p: Path | undefined, name: string) => (p ?? new Path()).child(name);

export function validateLabelKey(k: string, p: string | Path): FieldError | undefined {
  const errs = isQualifiedName(k);
  return errs.length ? invalid(p, k, errs.join('; ')) : undefined;
}

function validateLabelValue(k: string, v: string, p: Path): FieldError | undefined {
  const errs = isValidLabelValue(v);
  return errs.length ? invalid(p.key(k), v, errs.join('; ')) : undefined;
}

/** field.Invalid with a []string value, printed as Go's %#v does ("[]string{\"a\"}", "[]string(nil)"). */
function invalidStrings(p: Path, values: string[] | null, detail: string): FieldError {
  const shown = values === null ? '[]string(nil)' : `[]string{${values.map((v) => JSON.stringify(v)).join(', ')}}`;
  return { ...invalid(p, omitValue, `${shown}: ${detail}`), badValue: omitValue };
}

const isInt = (s: string) => /^[+-]?\d+$/.test(s) && BigInt(s) <= 9223372036854775807n && BigInt(s) >= -9223372036854775808n;

/** labels.NewRequirement: validates and returns the requirement, or throws SelectorError. */
export function newRequirement(key: string, operator: Operator, vals: string[] | null, path?: Path): Requirement {
  const values = vals ?? [];
  const errs: FieldError[] = [];
  const ke = validateLabelKey(key, child(path, 'key'));
  if (ke) errs.push(ke);
  const valuePath = child(path, 'values');
  switch (operator) {
    case 'in':
    case 'notin':
      if (values.length === 0) errs.push(invalidStrings(valuePath, vals, "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=':
    case '==':
    case '!=':
      if (values.length !== 1) errs.push(invalidStrings(valuePath, vals, 'exact-match compatibility requires one single value'));
      break;
    case 'exists':
    case '!':
      if (values.length !== 0) errs.push(invalidStrings(valuePath, vals, 'values set must be empty for exists and does not exist'));
      break;
    case 'gt':
    case 'lt':
      if (values.length !== 1) errs.push(invalidStrings(valuePath, vals, "for 'Gt', 'Lt' operators, exactly one value is required"));
      values.forEach((v, i) => {
        if (!isInt(v)) errs.push(invalid(valuePath.index(i), v, "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      break;
    default:
      errs.push(notSupported(child(path, 'operator'), operator, validRequirementOperators));
  }
  values.forEach((v, i) => {
    const e = validateLabelValue(key, v, valuePath.index(i));
    if (e) errs.push(e);
  });
  if (errs.length) throw new SelectorError(aggregateMessage(errs));
  return { key, operator, values: [...values] };
}

const has = (ls: Labels, k: string): boolean => !!ls && Object.prototype.hasOwnProperty.call(ls, k);

/** Requirement.Matches. */
export function requirementMatches(r: Requirement, ls: Labels): boolean {
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return has(ls, r.key) && r.values.includes(ls![r.key]!);
    case 'notin':
    case '!=':
      return !has(ls, r.key) || !r.values.includes(ls![r.key]!);
    case 'exists':
      return has(ls, r.key);
    case '!':
      return !has(ls, r.key);
    case 'gt':
    case 'lt': {
      if (!has(ls, r.key)) return false;
      const lv = ls![r.key]!;
      if (!isInt(lv) || r.values.length !== 1 || !isInt(r.values[0]!)) return false;
      const a = BigInt(lv);
      const b = BigInt(r.values[0]!);
      return r.operator === 'gt' ? a > b : a < b;
    }
    default:
      return false;
  }
}

/** Selector.Matches: every requirement holds (a nothing-selector matches nothing). */
export function matches(sel: LabelSelectorExpr, ls: Labels): boolean {
  if (sel.nothing) return false;
  return sel.requirements.every((r) => requirementMatches(r, ls));
}

export const sorted = (vs: string[]) => [...vs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** Requirement.String. */
export function requirementString(r: Requirement): string {
  let s = r.operator === '!' ? '!' : '';
  s += r.key;
  const opText: Partial<Record<Operator, string>> = { '=': '=', '==': '==', '!=': '!=', in: ' in ', notin: ' notin ', gt: '>', lt: '<' };
  if (r.operator === 'exists' || r.operator === '!') return s;
  s += opText[r.operator] ?? '';
  const set = r.operator === 'in' || r.operator === 'notin';
  if (set) s += '(';
  s += r.values.length === 1 ? r.values[0] : sorted(r.values).join(',');
  if (set) s += ')';
  return s;
}

/** Selector.String: requirements joined by ','; "" for everything and nothing. */
export function toString(sel: LabelSelectorExpr): string {
  if (sel.nothing) return '';
  return sel.requirements.map(requirementString).join(',');
}

/** Selector.Add: a new selector with the requirements added, sorted by key. */
export function addRequirements(sel: LabelSelectorExpr, ...reqs: Requirement[]): LabelSelectorExpr {
  if (sel.nothing) return sel;
  return { requirements: sortByKey([...sel.requirements, ...reqs]) };
}

/** RequiresExactMatch: the single value the selector requires for `label`, if any. */
export function requiresExactMatch(sel: LabelSelectorExpr, label: string): string | undefined {
  if (sel.nothing) return undefined;
  const r = sel.requirements.find((x) => x.key === label);
  if (!r) return undefined;
  if ((r.operator === '=' || r.operator === '==' || r.operator === 'in') && r.values.length === 1) return r.values[0];
  return undefined;
}

/** SelectorFromSet: key=value for each entry; an empty set selects everything. */
export function selectorFromSet(set: Labels): LabelSelectorExpr {
  const reqs = Object.entries(set ?? {}).map(([key, v]): Requirement => ({ key, operator: '=', values: [v] }));
  return { requirements: sortByKey(reqs) };
}

export function sortByKey(reqs: Requirement[]): Requirement[] {
  return reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export { parseLabelSelector } from './labels-parser.js';
