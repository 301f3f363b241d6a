/**
 * core/v1 Endpoints: schema, defaults (SetDefaults_Endpoints: port protocol TCP) and validation
 * (ValidateEndpoints, validateEndpointSubsets/Address/Port).
 */
import { z } from 'zod';
import { type FieldError, Path, invalid, notSupported, required } from '../field-errors.js';
import { ObjectMeta } from '../meta.js';
import { nameIsDNSSubdomain } from '../validation.js';
import {
  isValidIP,
  isValidPortNum,
  supportedPortProtocols,
  validateDNS1123Label,
  validateNonSpecialIP,
  validateQualifiedName,
} from './net-validation.js';
import { ObjectReference } from './object-reference.js';
import { atomicList, int, named, opt, str } from './pod-schema-helpers.js';
import { enumStr, PROTOCOL } from './enums.js';

export const EndpointAddress = named(
  'EndpointAddress',
  z.object({
    ip: str().describe('The IP of this endpoint.'),
    hostname: opt(str(), 'The hostname of this endpoint.'),
    nodeName: opt(str(), 'The node hosting this endpoint.'),
    targetRef: opt(ObjectReference, 'The object (usually a pod) providing the endpoint.'),
  }),
  'A single IP address of an endpoint.',
  { 'x-kubernetes-map-type': 'atomic' },
);

/** core/v1 EndpointPort (the OpenAPI id is io.k8s.api.core.v1.EndpointPort). */
export const EndpointPort = named(
  'EndpointPort',
  z.object({
    name: opt(str(), "The port's name; must match the ServicePort name. Optional with a single port."),
    port: int().describe('The port number.'),
    protocol: opt(enumStr(PROTOCOL), 'TCP, UDP or SCTP. Defaults to TCP.'),
    appProtocol: opt(str(), 'The application protocol, e.g. http, or a prefixed name like mycompany.com/my-proto.'),
  }),
  'A port an endpoint serves on.',
  { 'x-kubernetes-map-type': 'atomic' },
);

export const EndpointSubset = named(
  'EndpointSubset',
  z.object({
    addresses: atomicList(EndpointAddress, 'Addresses ready to serve the ports.'),
    notReadyAddresses: atomicList(EndpointAddress, 'Addresses not ready yet, or that recently failed readiness.'),
    ports: atomicList(EndpointPort, 'Port numbers available on every address.'),
  }),
  'A group of addresses with a common set of ports.',
);

export const Endpoints = z
  .object({
    apiVersion: opt(str(), 'v1'),
    kind: opt(str(), 'Endpoints'),
    metadata: opt(ObjectMeta, 'Standard object metadata.'),
    subsets: atomicList(EndpointSubset, 'The endpoints of the service, grouped by the ports they serve.'),
  })
  .meta({ id: 'io.k8s.api.core.v1.Endpoints', description: 'The addresses and ports backing a service.' });
export type EndpointsT = z.infer<typeof Endpoints>;
export type EndpointPortT = z.infer<typeof EndpointPort>;
export type EndpointAddressT = z.infer<typeof EndpointAddress>;

export const endpointsNameValidator = nameIsDNSSubdomain;

export function defaultEndpoints(ep: EndpointsT): void {
  for (const ss of ep.subsets ?? []) for (const port of ss.ports ?? []) if (!port.protocol) port.protocol = 'TCP';
}

function validateEndpointAddress(a: EndpointAddressT, p: Path): FieldError[] {
  const errs = isValidIP(p.child('ip'), a.ip ?? '');
  if (a.hostname) errs.push(...validateDNS1123Label(a.hostname, p.child('hostname')));
  if (a.nodeName !== undefined && a.nodeName !== null)
    for (const m of nameIsDNSSubdomain(a.nodeName, false)) errs.push(invalid(p.child('nodeName'), a.nodeName, m));
  errs.push(...validateNonSpecialIP(a.ip ?? '', p.child('ip')));
  return errs;
}

/** validateEndpointPort (core Endpoints flavour). */
export function validateEndpointPort(port: EndpointPortT, requireName: boolean, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !port.name) errs.push(required(p.child('name')));
  else if (port.name) errs.push(...validateDNS1123Label(port.name, p.child('name')));
  for (const m of isValidPortNum(port.port)) errs.push(invalid(p.child('port'), port.port, m));
  if (!port.protocol) errs.push(required(p.child('protocol')));
  else if (!supportedPortProtocols.includes(port.protocol)) errs.push(notSupported(p.child('protocol'), port.protocol, supportedPortProtocols));
  if (port.appProtocol !== undefined && port.appProtocol !== null) errs.push(...validateQualifiedName(port.appProtocol, p.child('appProtocol')));
  return errs;
}

export function validateEndpoints(ep: EndpointsT): FieldError[] {
  const errs: FieldError[] = [];
  (ep.subsets ?? []).forEach((ss, i) => {
    const ip = new Path().child('subsets').index(i);
    const addrs = ss.addresses ?? [];
    const notReady = ss.notReadyAddresses ?? [];
    if (addrs.length === 0 && notReady.length === 0) errs.push(required(ip, 'must specify `addresses` or `notReadyAddresses`'));
    addrs.forEach((a, j) => errs.push(...validateEndpointAddress(a, ip.child('addresses').index(j))));
    notReady.forEach((a, j) => errs.push(...validateEndpointAddress(a, ip.child('notReadyAddresses').index(j))));
    const ports = ss.ports ?? [];
    ports.forEach((port, j) => errs.push(...validateEndpointPort(port, ports.length > 1, ip.child('ports').index(j))));
  });
  return errs;
}

export function validateEndpointsUpdate(ep: EndpointsT, _old: EndpointsT): FieldError[] {
  return validateEndpoints(ep);
}
