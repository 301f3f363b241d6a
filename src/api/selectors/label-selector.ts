/**
 * metav1.LabelSelector helpers (k8s.io/apimachinery/pkg/apis/meta/v1 helpers.go and
 * meta/v1/validation): conversion to a selector, matching, printing and validation.
 */
import { type FieldError, type Path, forbidden, invalid, required } from '../field-errors.js';
import type { LabelSelectorT } from '../meta.js';
import { isQualifiedName, isValidLabelValue } from '../validation.js';
import {
  type LabelSelectorExpr,
  type Labels,
  type Operator,
  type Requirement,
  SelectorError,
  addRequirements,
  everything,
  matches,
  newRequirement,
  nothing,
  toString,
} from './labels.js';

const operatorMap: Record<string, Operator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

/**
 * LabelSelectorAsSelector: null/undefined selects nothing, an empty selector everything.
 * Throws SelectorError with upstream's message for a bad operator, key or value.
 */
export function labelSelectorAsSelector(sel: LabelSelectorT | null | undefined): LabelSelectorExpr {
  if (sel === null || sel === undefined) return nothing();
  const ml = Object.entries(sel.matchLabels ?? {});
  const me = sel.matchExpressions ?? [];
  if (ml.length + me.length === 0) return everything();
  const reqs: Requirement[] = [];
  for (const [k, v] of ml) reqs.push(newRequirement(k, '=', [v]));
  for (const expr of me) {
    const op = Object.prototype.hasOwnProperty.call(operatorMap, expr.operator) ? operatorMap[expr.operator] : undefined;
    if (!op) throw new SelectorError(`${JSON.stringify(expr.operator)} is not a valid label selector operator`);
    reqs.push(newRequirement(expr.key, op, expr.values ? [...expr.values] : null));
  }
  return addRequirements(everything(), ...reqs);
}

/** Does the metav1.LabelSelector select these labels? An invalid selector selects nothing. */
export function labelSelectorMatches(sel: LabelSelectorT | null | undefined, labels: Labels): boolean {
  let expr: LabelSelectorExpr;
  try {
    expr = labelSelectorAsSelector(sel);
  } catch (e) {
    if (e instanceof SelectorError) return false;
    throw e;
  }
  return matches(expr, labels);
}

/**
 * The selector string, as LabelSelectorAsSelector(sel).String() (what Scale's status.selector holds):
 * "app=web,tier in (a,b)"; "" for an empty or null selector. Throws SelectorError if invalid.
 */
export function labelSelectorString(sel: LabelSelectorT | null | undefined): string {
  return toString(labelSelectorAsSelector(sel));
}

/** metav1.FormatLabelSelector (kubectl describe/printers): "<none>" when empty, "<error>" when invalid. */
export function formatLabelSelector(sel: LabelSelectorT | null | undefined): string {
  let s: string;
  try {
    s = labelSelectorString(sel);
  } catch (e) {
    if (e instanceof SelectorError) return '<error>';
    throw e;
  }
  return s === '' ? '<none>' : s;
}

export interface LabelSelectorValidationOptions {
  /** Skip label-value validation of matchExpressions values (for objects stored before it existed). */
  allowInvalidLabelValueInSelector?: boolean;
}

/** ValidateLabelName: the key must be a qualified name. */
export function validateLabelName(name: string, p: Path): FieldError[] {
  return isQualifiedName(name).map((m) => invalid(p, name, m));
}

/** metav1 validation.ValidateLabels: note the value errors name the map path, not the key. */
function validateSelectorLabels(labels: Record<string, string> | undefined, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    errs.push(...validateLabelName(k, p));
    for (const m of isValidLabelValue(v)) errs.push(invalid(p, v, m));
  }
  return errs;
}

/** ValidateLabelSelectorRequirement. */
export function validateLabelSelectorRequirement(
  sr: { key: string; operator: string; values?: string[] | null },
  p: Path,
  opts: LabelSelectorValidationOptions = {},
): FieldError[] {
  const errs: FieldError[] = [];
  const values = sr.values ?? [];
  switch (sr.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(required(p.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) errs.push(forbidden(p.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    default:
      errs.push(invalid(p.child('operator'), sr.operator, 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(sr.key, p.child('key')));
  if (!opts.allowInvalidLabelValueInSelector)
    values.forEach((v, i) => {
      for (const m of isValidLabelValue(v)) errs.push(invalid(p.child('values').index(i), v, m));
    });
  return errs;
}

/** ValidateLabelSelector (unversioned meta/v1 validation). A null selector is valid. */
export function validateLabelSelector(
  sel: LabelSelectorT | null | undefined,
  p: Path,
  opts: LabelSelectorValidationOptions = {},
): FieldError[] {
  if (!sel) return [];
  const errs = validateSelectorLabels(sel.matchLabels, p.child('matchLabels'));
  (sel.matchExpressions ?? []).forEach((expr, i) => errs.push(...validateLabelSelectorRequirement(expr, p.child('matchExpressions').index(i), opts)));
  return errs;
}
