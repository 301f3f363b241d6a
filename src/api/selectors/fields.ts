/**
 * Field selectors as k8s.io/apimachinery/pkg/fields: "a=b,c!=d", "==" as "=", values escaped with
 * backslash (\, \= \\). Error text is upstream's, word for word.
 */
import { SelectorError } from './labels.js';

export type FieldOperator = '=' | '==' | '!=';

export interface FieldRequirement {
  field: string;
  operator: FieldOperator;
  value: string;
}

/** An AND of terms, in the order upstream keeps them (terms sorted as strings before parsing). */
export interface FieldSelectorExpr {
  requirements: FieldRequirement[];
}

export { SelectorError };

export const everythingFields = (): FieldSelectorExpr => ({ requirements: [] });

/** EscapeValue: escape \, ',' and '=' so any literal can be a selector value. */
export function escapeValue(s: string): string {
  return s.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/** UnescapeValue: the literal value, or SelectorError for a bad escape or a bare ',' / '='. */
export function unescapeValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c === '\\' || c === ',' || c === '=') out += c;
      else throw new SelectorError(`invalid field selector: invalid escape sequence: \\${c}`);
      inSlash = false;
      continue;
    }
    if (c === '\\') inSlash = true;
    else if (c === ',' || c === '=') throw new SelectorError(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    else out += c;
  }
  if (inSlash) throw new SelectorError('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** splitTerms: split on commas not escaped by a backslash (the backslash stays in the term). */
function splitTerms(s: string): string[] {
  if (s.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(s.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(s.slice(start));
  return terms;
}

const termOperators: FieldOperator[] = ['!=', '==', '='];

function splitTerm(term: string): FieldRequirement | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of termOperators) {
      if (term.startsWith(op, i)) return { field: term.slice(0, i), operator: op, value: term.slice(i + op.length) };
    }
  }
  return undefined;
}

const byteOrder = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return Buffer.compare(x, y);
};

/** fields.ParseSelector: throws SelectorError with upstream's message. */
export function parseFieldSelector(selector: string): FieldSelectorExpr {
  const parts = splitTerms(selector).sort(byteOrder);
  const requirements: FieldRequirement[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const t = splitTerm(part);
    if (!t) throw new SelectorError(`invalid selector: '${selector}'; can't understand '${part}'`);
    requirements.push({ ...t, value: unescapeValue(t.value) });
  }
  return { requirements };
}

/** Selector.Matches: a missing field reads as "". */
export function matchesFields(sel: FieldSelectorExpr, getter: (field: string) => string | undefined): boolean {
  return sel.requirements.every((r) => {
    const v = getter(r.field) ?? '';
    return r.operator === '!=' ? v !== r.value : v === r.value;
  });
}

/** Selector.Requirements (== is reported as written; both mean equality). */
export function requirementsFor(sel: FieldSelectorExpr): FieldRequirement[] {
  return sel.requirements.map((r) => ({ ...r }));
}

export const isEmptyFieldSelector = (sel: FieldSelectorExpr): boolean => sel.requirements.length === 0;

/** Selector.String: "a=b,c!=d" with values escaped. */
export function fieldSelectorString(sel: FieldSelectorExpr): string {
  return sel.requirements.map((r) => `${r.field}${r.operator === '!=' ? '!=' : '='}${escapeValue(r.value)}`).join(',');
}

/** RequiresExactMatch: the value an equality term requires for `field`, if any. */
export function fieldRequiresExactMatch(sel: FieldSelectorExpr, field: string): string | undefined {
  return sel.requirements.find((r) => r.field === field && r.operator !== '!=')?.value;
}

/**
 * Selector.Transform: map every (field, value); a term mapped to ("", "") is dropped (it selects
 * everything). The function may throw to reject a field.
 */
export function transformFieldSelector(sel: FieldSelectorExpr, fn: (field: string, value: string) => [string, string]): FieldSelectorExpr {
  const requirements: FieldRequirement[] = [];
  for (const r of sel.requirements) {
    const [field, value] = fn(r.field, r.value);
    if (field === '' && value === '') continue;
    requirements.push({ field, operator: r.operator, value });
  }
  return { requirements };
}

/** The error a kind with its own field-label conversion gives (pods, events, secrets...). */
export const fieldLabelNotSupported = (label: string) => `field label not supported: ${label}`;

/** runtime.DefaultMetaV1FieldSelectorConversion's error, for kinds without their own conversion. */
export const notKnownFieldSelector = (label: string) =>
  `${JSON.stringify(label)} is not a known field selector: only "metadata.name", "metadata.namespace"`;

/**
 * Reject fields outside `supported`, as the list handler does (its message becomes a 400 BadRequest).
 * `message` defaults to the per-kind conversion text ("field label not supported: foo"); pass
 * notKnownFieldSelector for kinds that only know metadata.name and metadata.namespace.
 */
export function checkFieldLabels(
  sel: FieldSelectorExpr,
  supported: Iterable<string>,
  message: (label: string) => string = fieldLabelNotSupported,
): void {
  const ok = new Set(supported);
  for (const r of sel.requirements) if (!ok.has(r.field)) throw new SelectorError(message(r.field));
}
