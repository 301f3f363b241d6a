/**
 * Network and small value validators shared by Service, Endpoints, EndpointSlice and Node, as
 * k8s.io/apimachinery/pkg/util/validation (ip.go, validation.go) and pkg/apis/core/validation.
 * Messages are upstream's, word for word.
 */
import { type FieldError, type Path, invalid, required } from '../field-errors.js';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName } from '../validation.js';

/** Parse an IPv4 address the way netutils.ParseIPSloppy does (leading zeros allowed). */
function parseIPv4(s: string): number[] | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^[0-9]{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    out.push(n);
  }
  return out;
}

/** Parse an IPv6 address into 16 bytes (an embedded dotted IPv4 tail is allowed). */
function parseIPv6(s: string): number[] | undefined {
  if (!s.includes(':')) return undefined;
  let tail: number[] = [];
  let str = s;
  const lastColon = str.lastIndexOf(':');
  const last = str.slice(lastColon + 1);
  if (last.includes('.')) {
    const v4 = parseIPv4(last);
    if (!v4) return undefined;
    tail = v4;
    str = str.slice(0, lastColon + 1) + '0:0';
  }
  const dbl = str.split('::');
  if (dbl.length > 2) return undefined;
  const group = (g: string) => (g === '' ? [] : g.split(':'));
  const head = group(dbl[0]!);
  const rest = dbl.length === 2 ? group(dbl[1]!) : [];
  const valid = (h: string) => /^[0-9a-fA-F]{1,4}$/.test(h);
  if (![...head, ...rest].every(valid)) return undefined;
  const total = head.length + rest.length;
  if (dbl.length === 1 ? total !== 8 : total > 7) return undefined;
  const words = [...head, ...Array(8 - total).fill('0'), ...rest].map((h) => parseInt(h, 16));
  const bytes = words.flatMap((w) => [w >> 8, w & 0xff]);
  if (tail.length) bytes.splice(12, 4, ...tail);
  return bytes;
}

export interface ParsedIP {
  /** 4 bytes for IPv4 (and IPv4-mapped IPv6), 16 for IPv6. */
  bytes: number[];
  v6: boolean;
}

export function parseIP(s: string): ParsedIP | undefined {
  const v4 = parseIPv4(s);
  if (v4) return { bytes: v4, v6: false };
  const v6 = parseIPv6(s);
  if (!v6) return undefined;
  const mapped = v6.slice(0, 10).every((b) => b === 0) && v6[10] === 0xff && v6[11] === 0xff;
  return mapped ? { bytes: v6.slice(12), v6: false } : { bytes: v6, v6: true };
}

/** netutils.IsIPv6String: parses and is not IPv4 (nor IPv4-mapped). */
export const isIPv6String = (s: string) => parseIP(s)?.v6 === true;

export function parseCIDR(s: string): { ip: ParsedIP; prefix: number } | undefined {
  const i = s.indexOf('/');
  if (i < 0) return undefined;
  const ip = parseIP(s.slice(0, i));
  const bits = s.slice(i + 1);
  if (!ip || !/^[0-9]{1,3}$/.test(bits)) return undefined;
  const prefix = Number(bits);
  if (prefix > (ip.v6 ? 128 : 32)) return undefined;
  return { ip, prefix };
}

export function isValidIP(p: Path, value: string): FieldError[] {
  return parseIP(value) ? [] : [invalid(p, value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];
}

export function isValidIPv4Address(p: Path, value: string): FieldError[] {
  const ip = parseIP(value);
  return ip && !ip.v6 ? [] : [invalid(p, value, 'must be a valid IPv4 address')];
}

export function isValidIPv6Address(p: Path, value: string): FieldError[] {
  const ip = parseIP(value);
  return ip && ip.v6 ? [] : [invalid(p, value, 'must be a valid IPv6 address')];
}

export function isValidCIDR(p: Path, value: string): FieldError[] {
  return parseCIDR(value) ? [] : [invalid(p, value, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')];
}

/** ValidateNonSpecialIP: no unspecified, loopback or link-local addresses. */
export function validateNonSpecialIP(value: string, p: Path): FieldError[] {
  const ip = parseIP(value);
  if (!ip) return [invalid(p, value, 'must be a valid IP address')];
  const b = ip.bytes;
  const errs: FieldError[] = [];
  const unspecified = b.every((x) => x === 0);
  const loopback = ip.v6 ? b.slice(0, 15).every((x) => x === 0) && b[15] === 1 : b[0] === 127;
  const linkLocalUnicast = ip.v6 ? b[0] === 0xfe && (b[1]! & 0xc0) === 0x80 : b[0] === 169 && b[1] === 254;
  const linkLocalMulticast = ip.v6 ? b[0] === 0xff && (b[1]! & 0x0f) === 0x02 : b[0] === 224 && b[1] === 0 && b[2] === 0;
  if (unspecified) errs.push(invalid(p, value, `may not be unspecified (${value})`));
  if (loopback) errs.push(invalid(p, value, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  if (linkLocalUnicast) errs.push(invalid(p, value, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  if (linkLocalMulticast) errs.push(invalid(p, value, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  return errs;
}

/** IsValidPortNum. */
export function isValidPortNum(port: number): string[] {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : ['must be between 1 and 65535, inclusive'];
}

/** IsValidPortName (an IANA_SVC_NAME). */
export function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (port.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(port)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.length > 0 && (port.startsWith('-') || port.endsWith('-'))) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** ValidatePortNumOrName for an IntOrString. */
export function validatePortNumOrName(port: number | string | undefined, p: Path): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => invalid(p, port, m));
  return isValidPortName(port ?? '').map((m) => invalid(p, port ?? '', m));
}

export const supportedPortProtocols = ['SCTP', 'TCP', 'UDP'];

export function validateDNS1123Label(value: string, p: Path): FieldError[] {
  return isDNS1123Label(value).map((m) => invalid(p, value, m));
}

export function validateDNS1123Subdomain(value: string, p: Path): FieldError[] {
  return isDNS1123Subdomain(value).map((m) => invalid(p, value, m));
}

export function validateQualifiedName(value: string, p: Path): FieldError[] {
  return isQualifiedName(value).map((m) => invalid(p, value, m));
}

/** IsFullyQualifiedDomainName (field-error form). */
export function isFullyQualifiedDomainName(p: Path, name: string): FieldError[] {
  if (name.length === 0) return [required(p)];
  const n = name.endsWith('.') ? name.slice(0, -1) : name;
  const sub = isDNS1123Subdomain(n);
  if (sub.length) return [invalid(p, n, sub.join(','))];
  const labels = n.split('.');
  if (labels.length < 2) return [invalid(p, n, 'should be a domain with at least two segments separated by dots')];
  for (const l of labels) {
    const e = isDNS1123Label(l);
    if (e.length) return [invalid(p, l, e.join(','))];
  }
  return [];
}

/** ValidateNonnegativeField. */
export function validateNonnegativeField(v: number | undefined | null, p: Path): FieldError[] {
  return typeof v === 'number' && v < 0 ? [invalid(p, v, 'must be greater than or equal to 0')] : [];
}
