/** Downward API selectors: ObjectFieldSelector and ResourceFieldSelector validation. */
import { type FieldError, Path, invalid, notSupported, required } from '../field-errors.js';
import { quantityError, quantityToString, parseQuantity } from '../quantity.js';
import { isQualifiedName } from '../validation.js';
import { each } from './pod-validation-util.js';

const convertible = new Set([
  'metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName',
  'spec.restartPolicy', 'spec.serviceAccountName', 'spec.schedulerName', 'status.phase', 'status.hostIP', 'status.hostIPs',
  'status.podIP', 'status.podIPs',
]);

/** fieldpath.SplitMaybeSubscriptedPath: "metadata.labels['app']" -> ["metadata.labels", "app"]. */
export function splitMaybeSubscriptedPath(fp: string): [string, string, boolean] {
  if (!fp.endsWith("']")) return [fp, '', false];
  const s = fp.slice(0, -2);
  const i = s.indexOf("['");
  if (i <= 0) return [fp, '', false];
  return [s.slice(0, i), s.slice(i + 2), true];
}

/** podshelper.ConvertDownwardAPIFieldLabel; returns the internal path or an error text. */
function convertFieldLabel(version: string, label: string): { path?: string; error?: string } {
  if (version !== 'v1') return { error: `unsupported pod version: ${version}` };
  const [path, , ok] = splitMaybeSubscriptedPath(label);
  if (ok) return path === 'metadata.annotations' || path === 'metadata.labels' ? { path: label } : { error: `field label does not support subscript: ${label}` };
  if (convertible.has(label)) return { path: label };
  if (label === 'spec.host') return { path: 'spec.nodeName' };
  return { error: `field label not supported: ${label}` };
}

export function validateObjectFieldSelector(fs: { apiVersion?: string; fieldPath?: string }, expressions: string[], p: Path): FieldError[] {
  if (!fs.apiVersion) return [required(p.child('apiVersion'))];
  if (!fs.fieldPath) return [required(p.child('fieldPath'))];
  const conv = convertFieldLabel(fs.apiVersion, fs.fieldPath);
  if (conv.error) return [invalid(p.child('fieldPath'), fs.fieldPath, `error converting fieldPath: ${conv.error}`)];
  const [path, subscript, ok] = splitMaybeSubscriptedPath(conv.path!);
  if (ok) {
    if (path === 'metadata.annotations') return each(p, subscript.toLowerCase(), isQualifiedName(subscript.toLowerCase()));
    if (path === 'metadata.labels') return each(p, subscript, isQualifiedName(subscript));
    return [invalid(p, path, 'does not support subscript')];
  }
  if (!expressions.includes(path)) return [notSupported(p.child('fieldPath'), path, [...expressions].sort())];
  return [];
}

const resourceExpressions = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];
const memoryDivisors = ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei'];

export function validateContainerResourceFieldSelector(
  fs: { containerName?: string; resource?: string; divisor?: string | number },
  p: Path,
  volume: boolean,
): FieldError[] {
  const errs: FieldError[] = [];
  const r = fs.resource ?? '';
  if (volume && !fs.containerName) errs.push(required(p.child('containerName')));
  else if (!r) errs.push(required(p.child('resource')));
  else if (!resourceExpressions.includes(r) && !r.startsWith('limits.hugepages-') && !r.startsWith('requests.hugepages-'))
    errs.push(notSupported(p.child('resource'), r, resourceExpressions));
  if (fs.divisor === undefined || fs.divisor === null) return errs;
  const bad = quantityError(fs.divisor);
  if (bad) return [...errs, invalid(p.child('divisor'), fs.divisor, bad)];
  const q = parseQuantity(fs.divisor);
  if (q.mantissa === 0n) return errs;
  const d = quantityToString(q);
  const dp = p.child('divisor');
  if ((r === 'limits.cpu' || r === 'requests.cpu') && !['1m', '1'].includes(d))
    errs.push(invalid(dp, r, "only divisor's values 1m and 1 are supported with the cpu resource"));
  if ((r === 'limits.memory' || r === 'requests.memory') && !memoryDivisors.includes(d))
    errs.push(invalid(dp, r, `only divisor's values ${memoryDivisors.join(', ')} are supported with the memory resource`));
  if ((r === 'limits.ephemeral-storage' || r === 'requests.ephemeral-storage') && !memoryDivisors.includes(d))
    errs.push(invalid(dp, r, `only divisor's values ${memoryDivisors.join(', ')} are supported with the local ephemeral storage resource`));
  if ((r.startsWith('limits.hugepages-') || r.startsWith('requests.hugepages-')) && !memoryDivisors.includes(d))
    errs.push(invalid(dp, r, `only divisor's values ${memoryDivisors.join(', ')} are supported with the hugepages resource`));
  return errs;
}
