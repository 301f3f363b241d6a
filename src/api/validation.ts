/**
 * Generic validation as k8s.io/apimachinery/pkg/util/validation and
 * k8s.io/apimachinery/pkg/api/validation: names, labels, annotations, object metadata.
 * Messages are upstream's, word for word.
 */
import { type FieldError, Path, forbidden, invalid, required, tooLong } from './field-errors.js';
import type { KObject, ObjectMetaT } from './meta.js';
import { deepEqual } from '../util/deep-equal.js';

const dns1123LabelFmt = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const dns1123SubdomainFmt = `${dns1123LabelFmt}(\\.${dns1123LabelFmt})*`;
const dns1035LabelFmt = '[a-z]([-a-z0-9]*[a-z0-9])?';
const qualifiedNameFmt = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const labelValueFmt = `(${qualifiedNameFmt})?`;

const re = (f: string) => new RegExp(`^${f}$`);
const dns1123LabelRe = re(dns1123LabelFmt);
const dns1123SubdomainRe = re(dns1123SubdomainFmt);
const dns1035LabelRe = re(dns1035LabelFmt);
const qualifiedNameRe = re(qualifiedNameFmt);
const labelValueRe = re(labelValueFmt);

export const DNS1123LabelMaxLength = 63;
export const DNS1123SubdomainMaxLength = 253;
export const LabelValueMaxLength = 63;
export const TotalAnnotationSizeLimitB = 256 * 1024;

const maxLenError = (n: number) => `must be no more than ${n} characters`;

function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  return `${msg} (e.g. ${examples.map((e) => `'${e}'`).join(',  or ')}, regex used for validation is '${fmt}')`;
}

/** Errors for a DNS-1123 label (namespaces, container names, port names...). */
export function isDNS1123Label(v: string): string[] {
  const errs: string[] = [];
  if (v.length > DNS1123LabelMaxLength) errs.push(maxLenError(DNS1123LabelMaxLength));
  if (!dns1123LabelRe.test(v))
    errs.push(
      regexError(
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
        dns1123LabelFmt,
        'my-name',
        '123-abc',
      ),
    );
  return errs;
}

/** Errors for a DNS-1123 subdomain (most object names). */
export function isDNS1123Subdomain(v: string): string[] {
  const errs: string[] = [];
  if (v.length > DNS1123SubdomainMaxLength) errs.push(maxLenError(DNS1123SubdomainMaxLength));
  if (!dns1123SubdomainRe.test(v))
    errs.push(
      regexError(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        dns1123SubdomainFmt,
        'example.com',
      ),
    );
  return errs;
}

/** Errors for a DNS-1035 label (service names). */
export function isDNS1035Label(v: string): string[] {
  const errs: string[] = [];
  if (v.length > DNS1123LabelMaxLength) errs.push(maxLenError(DNS1123LabelMaxLength));
  if (!dns1035LabelRe.test(v))
    errs.push(
      regexError(
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
        dns1035LabelFmt,
        'my-name',
        'abc-123',
      ),
    );
  return errs;
}

/** Errors for a qualified name ("prefix/name" or "name"): label keys, annotation keys, finalizers. */
export function isQualifiedName(v: string): string[] {
  const errs: string[] = [];
  const parts = v.split('/');
  let name: string;
  if (parts.length === 1) name = parts[0]!;
  else if (parts.length === 2) {
    const prefix = parts[0]!;
    name = parts[1]!;
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else for (const m of isDNS1123Subdomain(prefix)) errs.push(`prefix part ${m}`);
  } else {
    return [
      regexError(
        "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        qualifiedNameFmt,
        'MyName',
        'my.name',
        '123-abc',
      ) + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push(`name part ${maxLenError(63)}`);
  if (name.length && !qualifiedNameRe.test(name))
    errs.push(
      `name part ${regexError("must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", qualifiedNameFmt, 'MyName', 'my.name', '123-abc')}`,
    );
  return errs;
}

export function isValidLabelValue(v: string): string[] {
  const errs: string[] = [];
  if (v.length > LabelValueMaxLength) errs.push(maxLenError(LabelValueMaxLength));
  if (!labelValueRe.test(v))
    errs.push(
      regexError(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        labelValueFmt,
        'MyValue',
        'my_value',
        '12345',
      ),
    );
  return errs;
}

/** Is this a valid name for the kind? Returns upstream messages; `prefix` is true for generateName. */
export type NameValidator = (name: string, prefix: boolean) => string[];

const maskTrailingDash = (n: string) => (n.length > 1 && n.endsWith('-') ? n.slice(0, -2) + 'a' : n);

export const nameIsDNSSubdomain: NameValidator = (name, prefix) => isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);
export const nameIsDNSLabel: NameValidator = (name, prefix) => isDNS1123Label(prefix ? maskTrailingDash(name) : name);
export const nameIsDNS1035Label: NameValidator = (name, prefix) => isDNS1035Label(prefix ? maskTrailingDash(name) : name);

/** Path segment names are anything without '/' or '%' and not '.' or '..' (ValidatePathSegmentName). */
export const nameIsPathSegment: NameValidator = (name, prefix) => {
  if (prefix) return /[/%]/.test(name) ? [`may not contain '/'`] : [];
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  if (name.includes('/')) return [`may not contain '/'`];
  if (name.includes('%')) return [`may not contain '%'`];
  return [];
};

export function validateLabels(labels: Record<string, string> | undefined, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    for (const m of isQualifiedName(k)) errs.push(invalid(p, k, m));
    for (const m of isValidLabelValue(v)) errs.push(invalid(p.key(k), v, m));
  }
  return errs;
}

export function validateAnnotations(annotations: Record<string, string> | undefined, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(invalid(p, k, m));
    total += k.length + v.length;
  }
  if (total > TotalAnnotationSizeLimitB) errs.push({ ...tooLong(p, '', TotalAnnotationSizeLimitB), detail: `must have at most ${TotalAnnotationSizeLimitB} bytes` });
  return errs;
}

export function validateOwnerReferences(meta: ObjectMetaT, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  const controllers: string[] = [];
  for (const ref of meta.ownerReferences ?? []) {
    if (!ref.apiVersion) errs.push(invalid(p.child('apiVersion'), ref.apiVersion ?? '', 'version must not be empty'));
    if (!ref.kind) errs.push(invalid(p.child('kind'), ref.kind ?? '', 'kind must not be empty'));
    if (!ref.name) errs.push(invalid(p.child('name'), ref.name ?? '', 'name must not be empty'));
    if (!ref.uid) errs.push(invalid(p.child('uid'), ref.uid ?? '', 'uid must not be empty'));
    if (ref.controller) controllers.push(`${ref.kind}/${ref.name}`);
  }
  if (controllers.length > 1)
    errs.push(
      invalid(
        p,
        meta.ownerReferences,
        `Only one reference can have Controller set to true. Found "true" in references for ${controllers.join(' and ')}`,
      ),
    );
  return errs;
}

export function validateFinalizers(finalizers: string[] | undefined, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  for (const f of finalizers ?? []) {
    for (const m of isQualifiedName(f)) errs.push(invalid(p, finalizers, m));
    if (seen.has(f)) errs.push({ type: 'FieldValueDuplicate', field: p.toString(), badValue: f });
    seen.add(f);
  }
  return errs;
}

/** ValidateObjectMeta: name/generateName, namespace, labels, annotations, owners, finalizers. */
export function validateObjectMeta(meta: ObjectMetaT, namespaced: boolean, nameFn: NameValidator, p = new Path().child('metadata')): FieldError[] {
  const errs: FieldError[] = [];
  if (meta.generateName) for (const m of nameFn(meta.generateName, true)) errs.push(invalid(p.child('generateName'), meta.generateName, m));
  if (!meta.name) errs.push(required(p.child('name'), 'name or generateName is required'));
  else for (const m of nameFn(meta.name, false)) errs.push(invalid(p.child('name'), meta.name, m));
  if (namespaced) {
    if (!meta.namespace) errs.push(required(p.child('namespace')));
    else for (const m of isDNS1123Label(meta.namespace)) errs.push(invalid(p.child('namespace'), meta.namespace, m));
  } else if (meta.namespace) errs.push(forbidden(p.child('namespace'), 'not allowed on this type'));
  if ((meta.generation ?? 0) < 0) errs.push(invalid(p.child('generation'), meta.generation, 'must be greater than or equal to 0'));
  errs.push(...validateLabels(meta.labels, p.child('labels')));
  errs.push(...validateAnnotations(meta.annotations, p.child('annotations')));
  errs.push(...validateOwnerReferences(meta, p.child('ownerReferences')));
  errs.push(...validateFinalizers(meta.finalizers, p.child('finalizers')));
  return errs;
}

/** ValidateImmutableField: "field is immutable". */
export function validateImmutable(newVal: unknown, oldVal: unknown, p: Path | string): FieldError[] {
  return deepEqual(newVal, oldVal) ? [] : [invalid(p, newVal, 'field is immutable')];
}

/** ValidateObjectMetaUpdate: name, namespace, uid, creationTimestamp, generateName-independent fields. */
export function validateObjectMetaUpdate(newMeta: ObjectMetaT, oldMeta: ObjectMetaT, p = new Path().child('metadata')): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...validateImmutable(newMeta.name, oldMeta.name, p.child('name')));
  errs.push(...validateImmutable(newMeta.namespace ?? '', oldMeta.namespace ?? '', p.child('namespace')));
  errs.push(...validateImmutable(newMeta.uid, oldMeta.uid, p.child('uid')));
  errs.push(...validateImmutable(newMeta.creationTimestamp, oldMeta.creationTimestamp, p.child('creationTimestamp')));
  if (oldMeta.deletionTimestamp && !newMeta.deletionTimestamp)
    errs.push(...validateImmutable(newMeta.deletionTimestamp, oldMeta.deletionTimestamp, p.child('deletionTimestamp')));
  if ((newMeta.generation ?? 0) < (oldMeta.generation ?? 0))
    errs.push(invalid(p.child('generation'), newMeta.generation, 'must not be decremented'));
  errs.push(...validateLabels(newMeta.labels, p.child('labels')));
  errs.push(...validateAnnotations(newMeta.annotations, p.child('annotations')));
  errs.push(...validateOwnerReferences(newMeta, p.child('ownerReferences')));
  errs.push(...validateFinalizers(newMeta.finalizers, p.child('finalizers')));
  return errs;
}

export function validateNonnegative(v: number | undefined, p: Path): FieldError[] {
  return v !== undefined && v < 0 ? [invalid(p, v, 'must be greater than or equal to 0')] : [];
}

export { deepEqual };

export type { KObject };
