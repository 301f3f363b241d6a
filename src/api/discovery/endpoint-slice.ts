/**
 * discovery.k8s.io/v1 EndpointSlice: schema, defaults (port name "" and protocol TCP) and
 * validation (pkg/apis/discovery/validation). Error paths use internal names (topology).
 */
import { z } from 'zod';
import { type FieldError, Path, duplicate, invalid, notSupported, required, tooMany } from '../field-errors.js';
import { ObjectMeta, StringMap } from '../meta.js';
import { isQualifiedName, isValidLabelValue, nameIsDNSSubdomain, validateImmutable, validateLabels } from '../validation.js';
import {
  isFullyQualifiedDomainName,
  isValidIP,
  isValidIPv4Address,
  isValidIPv6Address,
  supportedPortProtocols,
  validateDNS1123Label,
  validateNonSpecialIP,
} from '../core/net-validation.js';
import { ObjectReference } from '../core/object-reference.js';
import { PROTOCOL, enumStr } from '../core/enums.js';

const D = 'io.k8s.api.discovery.v1';
/** AddressType's values. */
const ADDRESS_TYPE = ['FQDN', 'IPv4', 'IPv6'] as const;
const int = () => z.number().int();

export const EndpointConditions = z
  .object({
    ready: z.boolean().optional().describe('The endpoint is ready to receive traffic. Unknown (nil) counts as ready.'),
    serving: z.boolean().optional().describe('Like ready, but also true while the endpoint is terminating.'),
    terminating: z.boolean().optional().describe('The endpoint is terminating.'),
  })
  .meta({ id: `${D}.EndpointConditions`, description: 'The state of an endpoint.' });

export const ForZone = z
  .object({ name: z.string().describe('The zone name.') })
  .meta({ id: `${D}.ForZone`, description: 'A zone this endpoint should serve.' });

export const EndpointHints = z
  .object({
    forZones: z
      .array(ForZone)
      .optional()
      .meta({ description: 'Zones this endpoint should serve, for topology aware routing.', 'x-kubernetes-list-type': 'atomic' }),
  })
  .meta({ id: `${D}.EndpointHints`, description: 'Hints for how an endpoint should be consumed.' });

export const Endpoint = z
  .object({
    addresses: z
      .array(z.string())
      .meta({ description: 'Addresses of the endpoint, of the slice addressType. Usually one.', 'x-kubernetes-list-type': 'set' }),
    conditions: EndpointConditions.optional().describe('The current state of the endpoint.'),
    hostname: z.string().optional().describe('A DNS label hostname for the endpoint.'),
    targetRef: ObjectReference.optional().describe('The object (usually a pod) behind the endpoint.'),
    deprecatedTopology: StringMap.optional().describe('Deprecated: topology labels; use nodeName and zone.'),
    nodeName: z.string().optional().describe('The node hosting the endpoint.'),
    zone: z.string().optional().describe('The zone the endpoint is in.'),
    hints: EndpointHints.optional().describe('Hints for how the endpoint should be consumed.'),
  })
  .meta({ id: `${D}.Endpoint`, description: 'One backend of a service.' });

export const EndpointSlicePort = z
  .object({
    name: z.string().optional().describe('The port name; must match the service port name. Empty for an unnamed port.'),
    protocol: enumStr(PROTOCOL).optional().describe('TCP, UDP or SCTP. Defaults to TCP.'),
    port: int().optional().describe('The port number; unset means all ports.'),
    appProtocol: z.string().optional().describe('The application protocol of the port.'),
  })
  .meta({ id: `${D}.EndpointPort`, description: 'A port endpoints serve on.', 'x-kubernetes-map-type': 'atomic' });

export const EndpointSlice = z
  .object({
    apiVersion: z.string().optional().describe('discovery.k8s.io/v1'),
    kind: z.string().optional().describe('EndpointSlice'),
    metadata: z.lazy(() => ObjectMeta).describe('Standard object metadata.'),
    addressType: enumStr(ADDRESS_TYPE).describe('IPv4, IPv6 or FQDN: the type of every address in the slice. Immutable.'),
    endpoints: z
      .array(Endpoint)
      .meta({ description: 'Up to 1000 endpoints.', 'x-kubernetes-list-type': 'atomic' }),
    ports: z
      .array(EndpointSlicePort)
      .optional()
      .meta({ description: 'Ports every endpoint serves; empty means no ports, an unset port all ports.', 'x-kubernetes-list-type': 'atomic' }),
  })
  .meta({ id: `${D}.EndpointSlice`, description: 'A subset of the endpoints of a service.' });
export type EndpointSliceT = z.infer<typeof EndpointSlice>;

export const endpointSliceNameValidator = nameIsDNSSubdomain;

/** SetDefaults_EndpointPort. */
export function defaultEndpointSlice(s: EndpointSliceT): void {
  for (const p of s.ports ?? []) {
    if (p.name === undefined || p.name === null) p.name = '';
    if (p.protocol === undefined || p.protocol === null) p.protocol = 'TCP';
  }
}

const supportedAddressTypes: string[] = [...ADDRESS_TYPE];
const maxTopologyLabels = 16;
const maxAddresses = 100;
const maxPorts = 100;
const maxEndpoints = 1000;
const maxZoneHints = 8;

function validateEndpoints(s: EndpointSliceT): FieldError[] {
  const errs: FieldError[] = [];
  const eps = s.endpoints ?? [];
  const fp = new Path().child('endpoints');
  if (eps.length > maxEndpoints) return [tooMany(fp, eps.length, maxEndpoints)];
  eps.forEach((ep, i) => {
    const ip = fp.index(i);
    const ap = ip.child('addresses');
    const addrs = ep.addresses ?? [];
    if (addrs.length === 0) errs.push(required(ap, 'must contain at least 1 address'));
    else if (addrs.length > maxAddresses) errs.push(tooMany(ap, addrs.length, maxAddresses));
    addrs.forEach((a, j) => {
      switch (s.addressType) {
        case 'IP':
          errs.push(...isValidIP(ap.index(j), a));
          break;
        case 'IPv4':
          errs.push(...isValidIPv4Address(ap.index(j), a), ...validateNonSpecialIP(a, ap.index(j)));
          break;
        case 'IPv6':
          errs.push(...isValidIPv6Address(ap.index(j), a), ...validateNonSpecialIP(a, ap.index(j)));
          break;
        case 'FQDN':
          errs.push(...isFullyQualifiedDomainName(ap.index(j), a));
          break;
        default:
      }
    });
    const topo = ep.deprecatedTopology ?? {};
    const tp = ip.child('topology');
    if (Object.keys(topo).length > maxTopologyLabels) errs.push(tooMany(tp, Object.keys(topo).length, maxTopologyLabels));
    errs.push(...validateLabels(topo, tp));
    if (ep.nodeName !== undefined && ep.nodeName !== null)
      for (const m of nameIsDNSSubdomain(ep.nodeName, false)) errs.push(invalid(ip.child('nodeName'), ep.nodeName, m));
    if (ep.hostname !== undefined && ep.hostname !== null) errs.push(...validateDNS1123Label(ep.hostname, ip.child('hostname')));
    const zones = ep.hints?.forZones ?? [];
    const zp = ip.child('hints', 'forZones');
    if (zones.length > maxZoneHints) errs.push(tooMany(zp, zones.length, maxZoneHints));
    else {
      const names = new Set<string>();
      zones.forEach((z, k) => {
        const np = zp.index(k).child('name');
        if (names.has(z.name)) errs.push(duplicate(np, z.name));
        else names.add(z.name);
        for (const m of isValidLabelValue(z.name)) errs.push(invalid(np, z.name, m));
      });
    }
  });
  return errs;
}

function validatePorts(s: EndpointSliceT): FieldError[] {
  const errs: FieldError[] = [];
  const ports = s.ports ?? [];
  const fp = new Path().child('ports');
  if (ports.length > maxPorts) return [tooMany(fp, ports.length, maxPorts)];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const ip = fp.index(i);
    const name = port.name ?? '';
    if (name.length > 0) errs.push(...validateDNS1123Label(name, ip.child('name')));
    if (names.has(name)) errs.push(duplicate(ip.child('name'), name));
    else names.add(name);
    if (port.protocol === undefined || port.protocol === null) errs.push(required(ip.child('protocol')));
    else if (!supportedPortProtocols.includes(port.protocol)) errs.push(notSupported(ip.child('protocol'), port.protocol, supportedPortProtocols));
    if (port.appProtocol !== undefined && port.appProtocol !== null)
      for (const m of isQualifiedName(port.appProtocol)) errs.push(invalid(ip.child('appProtocol'), port.appProtocol, m));
  });
  return errs;
}

function validateAddressType(t: string | undefined, valid: string[]): FieldError[] {
  const p = new Path().child('addressType');
  if (!t) return [required(p)];
  return valid.includes(t) ? [] : [notSupported(p, t, valid)];
}

export function validateEndpointSlice(s: EndpointSliceT, validAddressTypes = supportedAddressTypes): FieldError[] {
  return [...validateAddressType(s.addressType, validAddressTypes), ...validateEndpoints(s), ...validatePorts(s)];
}

/** ValidateEndpointSliceUpdate: the deprecated "IP" type is tolerated; addressType is immutable. */
export function validateEndpointSliceUpdate(s: EndpointSliceT, old: EndpointSliceT): FieldError[] {
  return [
    ...validateEndpointSlice(s, ['FQDN', 'IP', 'IPv4', 'IPv6']),
    ...validateImmutable(s.addressType, old.addressType, new Path().child('addressType')),
  ];
}
