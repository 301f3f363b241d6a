/**
 * Services: printService (TYPE, CLUSTER-IP, EXTERNAL-IP, PORT(S); wide SELECTOR). The server always
 * renders the wide form, so load-balancer addresses are never clipped.
 */
import type { TableConvertor } from '../resource-def.js';
import { type J, age, ageColumn, arr, col, formatLabels, int, meta, nameColumn, rec, str } from './common.js';

/** loadBalancerStatusStringer (wide): unique ingress IPs or hostnames, sorted, joined by ",". */
function loadBalancerStatusString(status: J): string {
  const result = new Set<string>();
  for (const ing of arr(rec(rec(status).loadBalancer).ingress)) {
    if (str(ing?.ip) !== '') result.add(str(ing.ip));
    else if (str(ing?.hostname) !== '') result.add(str(ing.hostname));
  }
  return [...result].sort().join(',');
}

/** getServiceExternalIP */
export function serviceExternalIP(svc: J): string {
  const spec = rec(svc.spec);
  const externalIPs = arr(spec.externalIPs).map(str);
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lbIps = loadBalancerStatusString(svc.status);
      if (externalIPs.length > 0) {
        const results: string[] = [];
        if (lbIps.length > 0) results.push(...lbIps.split(','));
        results.push(...externalIPs);
        return results.join(',');
      }
      return lbIps.length > 0 ? lbIps : '<pending>';
    }
    case 'ExternalName':
      return str(spec.externalName);
  }
  return '<unknown>';
}

/** makePortString: "80/TCP", "80:30080/TCP", joined by ",". */
export function makePortString(ports: unknown): string {
  return arr(ports)
    .map((p) => (int(p?.nodePort) > 0 ? `${int(p?.port)}:${int(p.nodePort)}/${str(p?.protocol)}` : `${int(p?.port)}/${str(p?.protocol)}`))
    .join(',');
}

export const serviceTable: TableConvertor = {
  columns: [
    nameColumn(),
    col('Type', 'string', 'How the service is exposed: ClusterIP, NodePort, LoadBalancer or ExternalName.'),
    col('Cluster-IP', 'string', 'The IP address of the service inside the cluster; "None" for a headless service.'),
    col('External-IP', 'string', 'Addresses outside the cluster at which the service is reachable.'),
    col('Port(s)', 'string', 'The ports the service exposes.'),
    ageColumn(),
    col('Selector', 'string', 'Labels of the pods that back the service.', { priority: 1 }),
  ],
  cells(obj, now) {
    const spec = rec(obj.spec);
    // After conversion to the internal type, ClusterIPs[0] is the primary address.
    const internalIP = str(arr(spec.clusterIPs)[0]) || str(spec.clusterIP) || '<none>';
    return [
      str(meta(obj).name),
      str(spec.type),
      internalIP,
      serviceExternalIP(obj),
      makePortString(spec.ports) || '<none>',
      age(obj, now),
      formatLabels(spec.selector),
    ];
  },
};
