/** Small validators pod validation shares, with upstream's messages (k8s.io/apimachinery/pkg/util/validation). */
import { isIP } from 'node:net';
import { type FieldError, Path, forbidden, invalid, required } from '../field-errors.js';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue, validateLabels } from '../validation.js';
import type { LabelSelectorT } from '../meta.js';

export const fileModeErrorMsg = 'must be a number between 0 and 0777 (octal), both inclusive';
export const isNegativeErrorMsg = 'must be greater than or equal to 0';
export const isNotPositiveErrorMsg = 'must be greater than zero';

export const inclusiveRangeError = (lo: number, hi: number) => `must be between ${lo} and ${hi}, inclusive`;

export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  return `${msg} (e.g. ${examples.map((e) => `'${e}'`).join(',  or ')}, regex used for validation is '${fmt}')`;
}

export const each = (p: Path, value: unknown, msgs: string[]): FieldError[] => msgs.map((m) => invalid(p, value, m));
export const validateDNS1123Label = (v: string, p: Path) => each(p, v, isDNS1123Label(v));
export const validateDNS1123Subdomain = (v: string, p: Path) => each(p, v, isDNS1123Subdomain(v));
export const validateQualifiedName = (v: string, p: Path) => each(p, v, isQualifiedName(v));
export const validateLabelName = validateQualifiedName;

export function isValidPortNum(port: number): string[] {
  return port >= 1 && port <= 65535 ? [] : [inclusiveRangeError(1, 65535)];
}

export function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (port.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(port)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.length > 0 && (port.startsWith('-') || port.endsWith('-'))) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** ValidatePortNumOrName for an IntOrString port. */
export function validatePortNumOrName(port: unknown, p: Path): FieldError[] {
  if (typeof port === 'number') return each(p, port, isValidPortNum(port));
  if (typeof port === 'string') return each(p, port, isValidPortName(port));
  return [{ type: 'InternalError', field: p.toString(), detail: `unknown type: ${JSON.stringify(port)}` }];
}

export function isValidUserID(id: number): string[] {
  return id >= 0 && id <= 2147483647 ? [] : [inclusiveRangeError(0, 2147483647)];
}

/** validation.IsValidIP(fldPath, value) */
export function validateIP(v: string | undefined, p: Path): FieldError[] {
  return isIP(v ?? '') ? [] : [invalid(p, v ?? '', 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];
}

export function validateNonnegativeField(v: number | undefined, p: Path): FieldError[] {
  return (v ?? 0) < 0 ? [invalid(p, v, isNegativeErrorMsg)] : [];
}

export function validateFileMode(mode: number | undefined, p: Path): FieldError[] {
  return mode !== undefined && mode !== null && (mode > 0o777 || mode < 0) ? [invalid(p, mode, fileModeErrorMsg)] : [];
}

export function validatePathNoBacksteps(target: string, p: Path): FieldError[] {
  return target.split('/').includes('..') ? [invalid(p, target, "must not contain '..'")] : [];
}

export function validateLocalDescendingPath(target: string, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (target.startsWith('/')) errs.push(invalid(p, target, 'must be a relative path'));
  errs.push(...validatePathNoBacksteps(target, p));
  return errs;
}

export function validateLocalNonReservedPath(target: string, p: Path): FieldError[] {
  const errs = validateLocalDescendingPath(target, p);
  if (target.startsWith('..') && !target.startsWith('../')) errs.push(invalid(p, target, "must not start with '..'"));
  return errs;
}

export function isHTTPHeaderName(v: string): string[] {
  return /^[-A-Za-z0-9]+$/.test(v) ? [] : [regexError("a valid HTTP header must consist of alphanumeric characters or '-'", '[-A-Za-z0-9]+', 'X-Header-Name')];
}

export function isConfigMapKey(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push('must be no more than 253 characters');
  if (!/^[-._a-zA-Z0-9]+$/.test(v))
    errs.push(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", '[-._a-zA-Z0-9]+', 'key.name', 'KEY_NAME', 'key-name'));
  if (v === '.') errs.push("must not be '.'");
  else if (v === '..') errs.push("must not be '..'");
  else if (v.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

/** IsRelaxedEnvVarName (RelaxedEnvironmentVariableValidation is on by default in v1.32). */
export function isRelaxedEnvVarName(v: string): string[] {
  const errs: string[] = [];
  if (v.length === 0) errs.push('environment variable name must be non-empty');
  for (const ch of v) {
    const c = ch.codePointAt(0)!;
    if (c < 32 || c > 126 || ch === '=') {
      errs.push("a valid environment variable name must consist only of printable ASCII characters other than '='");
      break;
    }
  }
  return errs;
}

/** unversioned ValidateLabelSelector. */
export function validateLabelSelector(sel: LabelSelectorT | undefined, p: Path): FieldError[] {
  if (!sel) return [];
  const errs: FieldError[] = [];
  (sel.matchExpressions ?? []).forEach((r, i) => {
    const rp = p.child('matchExpressions').index(i);
    const values = r.values ?? [];
    switch (r.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errs.push(required(rp.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) errs.push(forbidden(rp.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errs.push(invalid(rp.child('operator'), r.operator, 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(r.key ?? '', rp.child('key')));
    values.forEach((v, j) => errs.push(...each(rp.child('values').index(j), v, isValidLabelValue(v))));
  });
  errs.push(...validateLabels(sel.matchLabels, p.child('matchLabels')));
  return errs;
}
